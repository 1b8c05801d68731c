"""Claim files in: YAML events -> a tree with line numbers -> a ClaimFile.

The tree is built from the parser's events, not from YAML's constructors: scalars keep
their source text (``1.10`` stays ``1.10``), tags, anchors and aliases are refused
before anything is built, and duplicate keys are seen.  Every problem in a file is
collected; a file with any file-level problem is not judged.
"""

from __future__ import annotations

import difflib
import keyword
import os
import re
import stat
import unicodedata
from typing import Any, Final

from claimcheck.model import Article, Claim, ClaimFile, CoverageIgnore, Problem, Reference, Source, Text

# Limits, each a CC112 file error (documented in the README).  A real claim file is ~30 KB;
# these leave room for the 100,000-claim benchmark files and bound what a hostile one costs.
MAX_FILE_BYTES: Final = 64 * 1024 * 1024
MAX_CLAIMS: Final = 100_000
MAX_YAML_DEPTH: Final = 32
MAX_YAML_NODES: Final = 1_000_000  # scalars, mappings and lists: bounds parse time and memory
MAX_SCALAR_CHARS: Final = 10_000  # a quote, a note, a title: quotes are short by the contract
MAX_ARTICLE_BYTES: Final = 4 * 1024 * 1024

TOP_FIELDS: Final = ("article", "sources", "defaults", "claims", "coverage")
COVERAGE_FIELDS: Final = ("ignore",)
IGNORE_FIELDS: Final = ("text", "why")
ARTICLE_FIELDS: Final = ("title", "outlet", "published", "url", "text")
SOURCE_FIELDS: Final = ("title", "url")
DEFAULT_FIELDS: Final = ("about",)
CLAIM_FIELDS: Final = ("quote", "value", "date", "formula", "check", "severity", "source",
                       "reference", "as_of", "abs_tol", "rel_tol", "expect", "note")
REFERENCE_FIELDS: Final = ("value", "source", "quote")
FUNCTIONS: Final = frozenset({"growth", "share", "sum", "min", "max", "abs", "sqrt", "cagr",
                              "margin_of_error", "days_between", "weeks_between",
                              "months_between", "years_between"})
RESERVED: Final = FUNCTIONS | {"published", "True", "False", "None"}
_ID: Final = re.compile(r"[^\W\d]\w*")


class Node:
    """A YAML node with its line: a mapping, a sequence or a text (its source text)."""

    __slots__ = ("column", "entries", "items", "key_line", "kind", "line", "text")

    def __init__(self, kind: str, line: int, column: int, text: str = "") -> None:
        self.kind = kind  # "map", "seq" or "str"
        self.line = line
        self.column = column
        self.text = text
        # map: (key, value) pairs; seq: entries; a text needs neither
        self.items: list[tuple[Node, Node]] = [] if kind == "map" else _NONE
        self.entries: list[Node] = [] if kind == "seq" else _NONE
        self.key_line = 0  # line of the key this node is the value of (0: none)


_NONE: list[Any] = []  # shared, never appended to (texts hold no children)


class _Collector:
    def __init__(self, path: str) -> None:
        self.path = path
        self.problems: list[Problem] = []

    def add(self, code: str, message: str, line: int | None) -> None:
        self.problems.append(Problem(code, message, line, self.path))


_TRAP: Final = re.compile(r"^\s*(?:-\s+)?[\w.-]+\s*:\s+([>~*&!%@|`<])")


def _yaml_hint(source_line: str) -> str:
    m = _TRAP.match(source_line)
    if m:
        return (f" — a value starting with '{m.group(1)}' must be quoted in YAML, "
                f"e.g. value: \"{source_line.split(':', 1)[1].strip()}\"")
    value = source_line.split(": ", 1)[1].strip() if ": " in source_line else ""
    if value[:1] in "\"'" and value and value.rfind(value[0]) > 0 and not value.endswith(value[0]):
        return f" — a value that starts with {value[0]} must be quoted as a whole, e.g. '{value}'"
    if source_line.count(": ") > 1:
        return " — a value containing ': ' must be quoted"
    return ""


def parse_tree(text: str, col: _Collector) -> Node | None:
    import gc

    import yaml
    from yaml.events import (
        AliasEvent,
        DocumentStartEvent,
        MappingEndEvent,
        MappingStartEvent,
        ScalarEvent,
        SequenceEndEvent,
        SequenceStartEvent,
    )

    loader_cls = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
    stack: list[tuple[Node, Node | None, set[str]]] = []  # (container, pending key, keys seen)
    root: Node | None = None
    docs = 0
    nodes = 0
    loader = loader_cls(text)
    collecting = gc.isenabled()
    gc.disable()  # millions of small objects and no cycles: the collector's passes only cost
    try:
        while loader.check_event():
            ev = loader.get_event()
            cls = ev.__class__
            if cls is MappingEndEvent or cls is SequenceEndEvent:
                node = stack.pop()[0]
                if stack:
                    _attach(stack, node, col)
                else:
                    root = node
            elif cls is ScalarEvent or cls is MappingStartEvent or cls is SequenceStartEvent:
                line = ev.start_mark.line + 1
                if ev.anchor is not None or ev.tag is not None:
                    _refuse_marker(ev, line, col)
                    return None
                nodes += 1
                if nodes > MAX_YAML_NODES:
                    col.add("CC112", f"more than {MAX_YAML_NODES:,} YAML values", line)
                    return None
                if cls is ScalarEvent:
                    if len(ev.value) > MAX_SCALAR_CHARS:
                        col.add("CC112", f"a text of {len(ev.value):,} characters is over the limit of "
                                         f"{MAX_SCALAR_CHARS:,}", line)
                        return None
                    node = Node("str", line, ev.start_mark.column + 1, ev.value)
                    if stack:
                        _attach(stack, node, col)
                    else:
                        root = node
                    continue
                if len(stack) >= MAX_YAML_DEPTH:
                    col.add("CC112", f"YAML nested more than {MAX_YAML_DEPTH} deep", line)
                    return None
                kind = "map" if cls is MappingStartEvent else "seq"
                stack.append((Node(kind, line, ev.start_mark.column + 1), None, set()))
            elif cls is AliasEvent:
                line = ev.start_mark.line + 1
                lines = text.splitlines()
                col.add("CC103", f"alias '*{ev.anchor}' — YAML anchors and aliases are not allowed"
                        + _yaml_hint(lines[line - 1] if line <= len(lines) else ""), line)
                return None
            elif cls is DocumentStartEvent:
                docs += 1
                if docs > 1:
                    col.add("CC107", "a claim file holds one YAML document, this one has several",
                            ev.start_mark.line + 1)
                    return None
    except yaml.YAMLError as exc:
        lines = text.splitlines()
        mark = getattr(exc, "problem_mark", None) or getattr(exc, "context_mark", None)
        line = mark.line + 1 if mark is not None else None
        context = getattr(exc, "context_mark", None)
        if line is not None and context is not None and not any(ln.strip() for ln in lines[line - 1:]):
            line = context.line + 1  # an unclosed quote or bracket: point at where it opens
        problem = getattr(exc, "problem", None) or str(exc).splitlines()[0]
        character = getattr(exc, "character", None)  # a ReaderError has no mark
        if line is None and isinstance(character, int) and chr(character) in text:
            line = text[: text.index(chr(character))].count("\n") + 1
        hint = ""
        context = getattr(exc, "context_mark", None)
        if line is not None and context is not None and context.line + 1 < line:
            # a quote opened and not closed swallows the lines after it: name where it opens
            for ln in range(context.line + 1, line):
                value = lines[ln - 1].split(": ", 1)[1] if ": " in lines[ln - 1] else ""
                if value[:1] in "\"'" and value.count(value[0]) % 2 == 1:
                    line, hint = ln, f" — the quote {value[0]} opened on this line is not closed"
                    break
        if line is not None and not hint:
            for ln in (line, line - 1):
                if 1 <= ln <= len(lines):
                    hint = _yaml_hint(lines[ln - 1])
                    if hint:
                        line = ln
                        break
        if "nesting depth" in problem:  # libyaml stops flow nesting before we see the events
            col.add("CC112", f"YAML nested more than {MAX_YAML_DEPTH} deep", line)
        else:
            col.add("CC101", f"not valid YAML: {problem}{hint}", line)
        return None
    finally:
        loader.dispose()
        if collecting:
            gc.enable()
    return root


def _refuse_marker(ev: object, line: int, col: _Collector) -> None:
    anchor, tag = getattr(ev, "anchor", None), getattr(ev, "tag", None)
    if anchor is not None:
        col.add("CC103", f"anchor '&{anchor}' — YAML anchors and aliases are not allowed"
                " (a value starting with '&' must be quoted)", line)
    else:  # the non-specific '!' too: the parser reports only explicit tags
        col.add("CC102", f"YAML tag '{tag}' is not allowed (a value starting with '!' must be quoted)", line)


def _attach(stack: list[tuple[Node, Node | None, set[str]]], node: Node, col: _Collector) -> None:
    if not stack:
        return
    parent, key, seen = stack[-1]
    if parent.kind == "seq":
        parent.entries.append(node)
        return
    if key is None:
        if node.kind != "str":
            col.add("CC107", "a mapping key must be plain text", node.line)
        stack[-1] = (parent, node, seen)
        return
    stack[-1] = (parent, None, seen)
    node.key_line = key.line
    if node.kind == "str" and not node.text:
        node.line = key.line  # an empty value is marked where the next token starts
    name = unicodedata.normalize("NFKC", key.text)
    if name in seen:
        col.add("CC104", f"duplicate key '{key.text}' (YAML would silently keep the last)", key.line)
        return
    seen.add(name)
    parent.items.append((key, node))


# --- the shape of a claim file --------------------------------------------------


def _did_you_mean(name: str, known: tuple[str, ...] | list[str]) -> str:
    close = difflib.get_close_matches(name, list(known), n=1, cutoff=0.6)
    if close:
        return f" — did you mean '{close[0]}'?"
    return f" (known fields: {', '.join(known)})"


def _fields(node: Node, allowed: tuple[str, ...], where: str, col: _Collector) -> dict[str, Node]:
    out: dict[str, Node] = {}
    for i, (key, value) in enumerate(node.items):
        if key.text not in allowed:
            close = difflib.get_close_matches(key.text, list(allowed), n=1, cutoff=0.6)
            if not close and i and key.line == node.items[0][0].line:  # keys on one line: a {flow: mapping}
                col.add("CC105", f"unknown field '{key.text}' in {where} — inside {{…}} a comma separates "
                        "fields: quote a value that contains commas, e.g. formula: \"growth(a, b)\"", key.line)
                break
            col.add("CC105", f"unknown field '{key.text}' in {where}{_did_you_mean(key.text, allowed)}", key.line)
            continue
        out[key.text] = value
    return out


def _text(node: Node | None, what: str, col: _Collector) -> Text | None:
    if node is None:
        return None
    if node.kind != "str":
        col.add("CC107", f"{what} must be text, not a {'list' if node.kind == 'seq' else 'mapping'}", node.line)
        return None
    return Text(node.text, node.line, node.column)


def _mapping(node: Node | None, what: str, col: _Collector) -> Node | None:
    if node is None:
        return None
    if node.kind != "map":
        shown = "a list" if node.kind == "seq" else f"'{node.text[:40]}'"
        col.add("CC107", f"{what} must be a mapping, not {shown}", node.line)
        return None
    return node


def load_text(path: str, data: bytes, article_path: str | None = None) -> tuple[ClaimFile | None, list[Problem]]:
    """Load a claim file's bytes; `article_path` (from --article) overrides article.text."""
    col = _Collector(path)
    if len(data) > MAX_FILE_BYTES:
        col.add("CC112", f"file of {len(data):,} bytes is over the limit of {MAX_FILE_BYTES:,}", None)
        return None, col.problems
    if b"\x00" in data:
        col.add("CC100", "the file contains NUL bytes: it is binary or UTF-16, not UTF-8", None)
        return None, col.problems
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        col.add("CC100", f"not UTF-8: byte 0x{data[exc.start]:02x} cannot be decoded", line)
        return None, col.problems
    if not text.strip() or all(not ln.strip() or ln.lstrip().startswith("#") for ln in text.splitlines()):
        col.add("CC108", "the file is empty", None)
        return None, col.problems
    tab = next((i for i, ln in enumerate(text.splitlines(), 1) if ln[: len(ln) - len(ln.lstrip())].count("\t")), None)
    if tab is not None:
        col.add("CC101", "not valid YAML: a tab in the indentation (YAML indents with spaces)", tab)
        return None, col.problems
    root = parse_tree(text, col)
    if root is not None and root.kind == "str" and not root.text.strip():
        col.add("CC108", "the file is empty (a YAML document with no content)", None)
    if root is None or col.problems:
        return None, col.problems
    claim_file = _build(path, root, col, article_path)
    if col.problems:
        return None, col.problems
    return claim_file, []


def load_path(path: str, article_path: str | None = None) -> tuple[ClaimFile | None, list[Problem]]:
    try:
        with open(path, "rb") as fh:
            data = fh.read(MAX_FILE_BYTES + 1)
    except OSError as exc:
        return None, [Problem("CC111", f"cannot read the file: {exc.strerror or exc}", None, path)]
    return load_text(path, data, article_path)


def _build(path: str, root: Node, col: _Collector, article_path: str | None = None) -> ClaimFile | None:
    top = _mapping(root, "the top level", col)
    if top is None:
        return None
    fields = _fields(top, TOP_FIELDS, "the top level", col)
    for req in ("article", "claims"):
        if req not in fields:
            col.add("CC106", f"missing required field '{req}' at the top level", 1)
    article = _article(path, fields.get("article"), col, article_path)
    sources = _sources(fields.get("sources"), col)
    about = None
    defaults = _mapping(fields.get("defaults"), "defaults", col)
    if defaults is not None:
        about = _text(_fields(defaults, DEFAULT_FIELDS, "defaults", col).get("about"), "defaults.about", col)
    claims = _claims(fields.get("claims"), col)
    ignores = _coverage(fields.get("coverage"), col)
    if article is None or claims is None:
        return None
    return ClaimFile(path, article, sources, about, claims, ignores)


def _coverage(node: Node | None, col: _Collector) -> tuple[CoverageIgnore, ...]:
    m = _mapping(node, "coverage", col)
    if m is None:
        return ()
    f = _fields(m, COVERAGE_FIELDS, "coverage", col)
    seq = f.get("ignore")
    if seq is None:
        return ()
    if seq.kind != "seq":
        col.add("CC107", "coverage.ignore must be a list of {text, why} entries", seq.line)
        return ()
    out = []
    for entry in seq.entries:
        em = _mapping(entry, "a coverage.ignore entry", col)
        if em is None:
            continue
        ef = _fields(em, IGNORE_FIELDS, "a coverage.ignore entry", col)
        text, why = _text(ef.get("text"), "coverage.ignore text", col), _text(ef.get("why"), "coverage.ignore why", col)
        for name, value in (("text", text), ("why", why)):
            if (value is None or not value.value.strip()) and (name not in ef or value is not None):
                col.add("CC106", f"a coverage.ignore entry needs a non-empty '{name}'", em.line)
        if text is not None and why is not None and text.value.strip() and why.value.strip():
            out.append(CoverageIgnore(text.value, why.value, text.line))
    return tuple(out)


def _article(path: str, node: Node | None, col: _Collector, article_path: str | None = None) -> Article | None:
    m = _mapping(node, "article", col)
    if m is None:
        return None
    f = _fields(m, ARTICLE_FIELDS, "article", col)
    vals = {k: _text(v, f"article.{k}", col) for k, v in f.items()}
    for req in ("title", "outlet", "published"):
        if req not in f:
            col.add("CC106", f"missing required field '{req}' in article", m.key_line or m.line)
    published = vals.get("published")
    if published is not None:
        from claimcheck.quantity import QuantityError, parse_date

        try:
            if parse_date(published.value).style.date != "day":
                col.add("CC113", f"article.published must be a day (2026-01-05), not '{published.value}'",
                        published.line)
        except (QuantityError, ValueError, OverflowError) as exc:  # OverflowError: year 9999's end
            col.add("CC113", f"article.published: {exc}", published.line)
    text_path, text = "", None
    tv = vals.get("text")
    if article_path is not None or tv is not None:
        if article_path is not None:
            text_path, named, line = article_path, f"--article '{article_path}'", None
        else:
            assert tv is not None
            text_path = os.path.normpath(os.path.join(os.path.dirname(path) or ".", tv.value))
            named, line = f"article.text '{tv.value}'", tv.line
        text, why = read_article_text(text_path, None if article_path is not None else path)
        if why:
            col.add("CC110", f"{named} cannot be read ({why})", line)
    title, outlet, url = vals.get("title"), vals.get("outlet"), vals.get("url")
    if published is None or title is None or outlet is None:
        return None
    return Article(title.value, outlet.value, published, url.value if url else "", text_path, text)


def read_article_text(text_path: str, claim_path: str | None) -> tuple[str | None, str]:
    """The article text, or why not.  A file named by a claim file (`claim_path` given) must
    lie, symlinks resolved, under that file's folder or the working folder: a claim file
    from a pull request cannot make CI read (and quote from) /proc/self/environ."""
    real = os.path.realpath(text_path)
    if claim_path is not None:
        roots = {os.path.realpath(os.path.dirname(claim_path) or "."), os.path.realpath(os.getcwd())}
        if not any(os.path.commonpath([real, root]) == root for root in roots):
            return None, "outside the claim file's folder and the working folder"
    try:
        info = os.stat(real)
        if not stat.S_ISREG(info.st_mode):  # /dev/zero, a FIFO: would never end
            return None, "not a regular file"
        with open(real, "rb") as fh:
            data = fh.read(MAX_ARTICLE_BYTES + 1)
    except OSError as exc:
        return None, exc.strerror or str(exc)
    if len(data) > MAX_ARTICLE_BYTES:
        return None, f"over the limit of {MAX_ARTICLE_BYTES:,} bytes"
    try:
        return data.decode("utf-8-sig"), ""
    except UnicodeDecodeError:
        return None, "not readable UTF-8 text"


def _sources(node: Node | None, col: _Collector) -> dict[str, Source]:
    m = _mapping(node, "sources", col)
    out: dict[str, Source] = {}
    if m is None:
        return out
    for key, value in m.items:
        sm = _mapping(value, f"source '{key.text}'", col)
        if sm is None:
            continue
        f = _fields(sm, SOURCE_FIELDS, f"source '{key.text}'", col)
        title = _text(f.get("title"), "title", col)
        url = _text(f.get("url"), "url", col)
        out[key.text] = Source(key.text, title.value if title else "", url.value if url else "")
    return out


def check_id(name: str) -> str | None:
    """Why `name` cannot be a claim id, or None if it can."""
    norm = unicodedata.normalize("NFKC", name)
    if not _ID.fullmatch(norm):
        return f"'{name}' is not an identifier (letters, digits and _, not starting with a digit)"
    if keyword.iskeyword(norm):
        return f"'{name}' is a Python keyword"
    if norm in RESERVED:
        return f"'{name}' is reserved (a function name or 'published')"
    return None


def _claims(node: Node | None, col: _Collector) -> list[Claim] | None:
    m = _mapping(node, "claims", col)
    if m is None:
        return None
    if len(m.items) > MAX_CLAIMS:
        col.add("CC112", f"{len(m.items):,} claims is over the limit of {MAX_CLAIMS:,}", m.key_line or m.line)
        return None
    out: list[Claim] = []
    seen: dict[str, int] = {}
    for key, value in m.items:
        why = check_id(key.text)
        if why:
            col.add("CC109", f"claim id {why}", key.line)
            continue
        norm = unicodedata.normalize("NFKC", key.text)
        if norm in seen:
            col.add("CC104", f"claim id '{key.text}' is the same as the one on line {seen[norm]} "
                             "after Unicode normalisation", key.line)
            continue
        seen[norm] = key.line
        cm = _mapping(value, f"claim '{key.text}'", col)
        if cm is None:
            continue
        claim = _claim(norm, key.line, cm, col)
        if claim is not None:
            out.append(claim)
    return out


def _claim(cid: str, line: int, m: Node, col: _Collector) -> Claim | None:
    f = _fields(m, CLAIM_FIELDS, f"claim '{cid}'", col)
    t: dict[str, Text | None] = {}
    ref = None
    for k, v in f.items():
        if k == "reference":
            ref = _reference(cid, v, col)
        else:
            t[k] = _text(v, f"{cid}.{k}", col)
    if "quote" not in f:
        col.add("CC106", f"claim '{cid}' has no quote (the article's words that state it)", line)
        return None

    def s(k: str) -> str:
        v = t.get(k)
        return v.value if v is not None else ""

    quote = t.get("quote")
    return Claim(
        id=cid, line=line, quote=s("quote"), value=t.get("value"), date=t.get("date"),
        formula=t.get("formula"), check=t.get("check"), severity=s("severity") or "fail",
        source=s("source"), reference=ref, as_of=t.get("as_of"), abs_tol=t.get("abs_tol"),
        rel_tol=t.get("rel_tol"), expect=t.get("expect"), note=s("note"),
        fields=tuple(k.text for k, _ in m.items), quote_line=quote.line if quote else line,
        severity_line=t["severity"].line if t.get("severity") else line,  # type: ignore[union-attr]
    )


def _reference(cid: str, node: Node, col: _Collector) -> Reference | None:
    m = _mapping(node, f"{cid}.reference", col)
    if m is None:
        return None
    f = _fields(m, REFERENCE_FIELDS, f"the reference of '{cid}'", col)
    value = _text(f.get("value"), f"{cid}.reference.value", col)
    if value is None:
        if "value" not in f:
            col.add("CC106", f"the reference of '{cid}' has no value", m.key_line or m.line)
        return None
    src = _text(f.get("source"), "source", col)
    quote = _text(f.get("quote"), "quote", col)
    return Reference(value, src.value if src else "", quote.value if quote else "", m.key_line or m.line)


Loaded = ClaimFile | None
