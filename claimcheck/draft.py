"""A draft claim file from an article's numeric mentions (`claimcheck scan --yaml`).

One claim per mention: the id is the article line and the kind (``l22_money``, then
``l22_money_2``), the quote the clause around the mention (verbatim, within its sentence),
the value or date the mention as scan normalised it.  A range becomes two claims
(``_lo: ">=20%"``, ``_hi: "<=30%"``).  A mention that a claim cannot state, or whose number
the quote check would not find (a time of day, a date without a year, "doubled"), is written
as a commented-out claim with the reason, so the draft always loads without errors.
The article header takes the title from the first Markdown heading or the first line of
some length, `published` from the first full date near the top (else today, flagged), and
`text` points at the article, so quote checks run from the start.
"""

from __future__ import annotations

import bisect
import datetime as _dt
import json
import os
import re
from dataclasses import dataclass
from typing import Final

from claimcheck.quantity import QuantityError, parse_date, parse_quantity
from claimcheck.quotes import date_in_quote, value_in_quote
from claimcheck.scan import RANGE_DASH, Mention, count_by_kind, sentence_bounds, sentence_ends

MIN_QUOTE_CHARS: Final = 8
MAX_QUOTE_CHARS: Final = 40  # Chinese; English words are longer: MAX_QUOTE_CHARS_LATIN
MAX_QUOTE_CHARS_LATIN: Final = 72
QUOTE_SIDE_CHARS: Final = 16
QUOTE_SIDE_CHARS_LATIN: Final = 30
PUBLISHED_WITHIN_LINES: Final = 20
TITLE_MIN_CHARS: Final = 8

_CLAUSE_END: Final = re.compile(r"[。！？；;!?\n，、：]|(?<!\d)[,:]|[,:](?!\d)|\.(?=\s)")
_CJK: Final = re.compile(r"[\u3400-\u9fff]")
_PLAIN_FIRST_BAD: Final = set("-?:,[]{}#&*!|>'\"%@`~<= \t")


@dataclass(frozen=True, slots=True)
class DraftClaim:
    id: str
    quote: str
    field: str  # "value" or "date"
    value: str
    problem: str = ""  # why the claim is commented out, if it is


def yaml_scalar(s: str) -> str:
    """`s` as a YAML scalar: plain where that is safe, else double-quoted (JSON escapes)."""
    plain = (s and s[0] not in _PLAIN_FIRST_BAD and s[-1] not in " :" and ": " not in s and " #" not in s
             and "\t" not in s and "\n" not in s
             and s.lower() not in ("true", "false", "yes", "no", "null", "on", "off"))
    return s if plain else json.dumps(s, ensure_ascii=False)


def clause_ends(text: str) -> list[int]:
    return [x.start() for x in _CLAUSE_END.finditer(text)]


def quote_for(text: str, m: Mention, sentences: list[int] | None = None, clauses: list[int] | None = None) -> str:
    """The clause around the mention, verbatim: at least MIN_QUOTE_CHARS, at most about MAX_QUOTE_CHARS."""
    s_lo, s_hi = sentence_bounds(text, m.start, m.end, sentences)
    clauses = clause_ends(text) if clauses is None else clauses
    ends = clauses[bisect.bisect_left(clauses, s_lo): bisect.bisect_left(clauses, s_hi)]
    left = max((e + 1 for e in ends if e < m.start), default=s_lo)
    right = min((e for e in ends if e >= m.end), default=s_hi)
    if right - left < MIN_QUOTE_CHARS:
        later = [e for e in ends if e > right]
        right = later[0] if later else s_hi
    if right - left < MIN_QUOTE_CHARS:
        earlier = [e + 1 for e in ends if e + 1 < left]
        left = earlier[-1] if earlier else s_lo
    latin = not _CJK.search(text, left, right)
    if right - left > (MAX_QUOTE_CHARS_LATIN if latin else MAX_QUOTE_CHARS):
        side = QUOTE_SIDE_CHARS_LATIN if latin else QUOTE_SIDE_CHARS
        left = max(left, m.start - side)
        right = min(right, m.end + side)
        left, right = _word_edges(text, left, right, m)
    return text[left:right].strip()


def _word_edges(text: str, left: int, right: int, m: Mention) -> tuple[int, int]:
    """Do not cut an English word in two."""
    while left < m.start and text[left - 1: left].isascii() and text[left - 1: left].isalnum():
        left += 1
    while right > m.end and text[right: right + 1].isascii() and text[right: right + 1].isalnum():
        right -= 1
    return left, right


def _checked(field: str, value: str, quote: str) -> str:
    """Why the claim would be an error, or ''."""
    try:
        if field == "date":
            q = parse_date(value)
            return "" if date_in_quote(q.style.date, value, quote) else "the quote does not write this date in numbers"
        q = parse_quantity(value)
        if value_in_quote(q.mantissa, quote, q.style.scale_factor):
            return ""
        return "the quote states the number in words claimcheck does not read"
    except QuantityError as exc:
        return f"not a value a claim can state ({exc})"


def _claims_for(m: Mention, base: str, quote: str) -> list[DraftClaim]:
    if m.kind == "time":
        return [DraftClaim(base, quote, "value", m.value, "a time of day is not a claim value")]
    field = "date" if m.kind == "date" else "value"
    if m.value.startswith("--"):
        return [DraftClaim(base, quote, field, m.value, "a date without its year: write the full date")]
    if m.is_range:
        lo, _, hi = m.value.partition(RANGE_DASH)
        if field == "date":
            pairs = [(f"{base}_from", lo), (f"{base}_to", hi)]
        else:
            pairs = [(f"{base}_lo", f">={lo}"), (f"{base}_hi", f"<={hi}")]
        return [DraftClaim(cid, quote, field, v, _checked(field, v, quote)) for cid, v in pairs]
    return [DraftClaim(base, quote, field, m.value, _checked(field, m.value, quote))]


def draft_claims(text: str, mentions: list[Mention]) -> list[DraftClaim]:
    out: list[DraftClaim] = []
    seen: dict[str, int] = {}
    sentences, clauses = sentence_ends(text), clause_ends(text)
    for m in mentions:
        base = f"l{m.line}_{m.kind}"
        seen[base] = seen.get(base, 0) + 1
        if seen[base] > 1:
            base = f"{base}_{seen[base]}"
        out.extend(_claims_for(m, base, quote_for(text, m, sentences, clauses)))
    return out


def guess_title(text: str) -> str:
    """The first line that is a Markdown heading or of some length, else the first line."""
    lines = [ln.strip() for ln in text.splitlines() if ln.strip()]
    for ln in lines:
        if re.match(r"#{1,6}\s", ln):
            return ln.lstrip("#").strip()
        if len(ln) >= TITLE_MIN_CHARS:
            return ln
    return lines[0] if lines else "Untitled"


def guess_published(mentions: list[Mention], today: _dt.date) -> tuple[str, str]:
    """(date, comment): the first full date near the top, else today."""
    for m in mentions:
        if m.line > PUBLISHED_WITHIN_LINES:
            break
        if m.kind == "date" and re.fullmatch(r"\d{4}-\d{2}-\d{2}", m.value):
            return m.value, f"the date on line {m.line} of the article — check it"
    return today.isoformat(), "TODO: today's date, no date near the top of the article — replace it"


def render(text: str, mentions: list[Mention], article_path: str, out_path: str, title: str | None = None,
           outlet: str | None = None, today: _dt.date | None = None) -> str:
    """The draft claim file's YAML text."""
    published, why = guess_published(mentions, today or _dt.date.today())
    rel = os.path.relpath(os.path.abspath(article_path), os.path.dirname(os.path.abspath(out_path)))
    claims = draft_claims(text, mentions)
    off = sum(1 for c in claims if c.problem)
    kinds = ", ".join(f"{n} {k}" for k, n in sorted(count_by_kind(mentions).items(), key=lambda kv: -kv[1]))
    lines = [
        f"# Draft claim file: the {len(mentions)} numeric mentions of {os.path.basename(article_path)} ({kinds}).",
        f"# {len(claims) - off} claims; {off} commented out (a claim cannot state them as written: see each).",
        "# Review every claim: delete what is not a claim, merge repeats, add sources, formulas and checks;",
        "# ids are the article's line and the mention's kind.  `claimcheck coverage` shows what is left.",
        "article:",
        f"  title: {yaml_scalar(title or guess_title(text))}",
        f"  outlet: {yaml_scalar(outlet)}" if outlet else "  outlet: TODO  # the publication's name",
        f"  published: {published}  # {why}",
        _text_line(article_path, out_path, rel.replace(os.sep, "/")),
        "",
        "claims:",
    ]
    for c in claims:
        lines.extend(_claim_lines(c))
    if off == len(claims):
        lines[-1] = "claims: {}"  # an empty mapping: the draft still loads
    return "\n".join(lines) + "\n"


def _text_line(article_path: str, out_path: str, rel: str) -> str:
    """article.text, if the loader will read it: the article lies under the draft's folder or here."""
    real = os.path.realpath(article_path)
    roots = {os.path.realpath(os.path.dirname(os.path.abspath(out_path))), os.path.realpath(os.getcwd())}
    if any(os.path.commonpath([real, root]) == root for root in roots):
        return f"  text: {yaml_scalar(rel)}"
    return (f"  # text: {yaml_scalar(rel)}  # outside this file's folder and the working folder: "
            "copy the article next to this file, or check with --article")


def _claim_lines(c: DraftClaim) -> list[str]:
    body = [f"{c.id}:", f"  quote: {yaml_scalar(c.quote)}", f"  {c.field}: {yaml_scalar(c.value)}"]
    if not c.problem:
        return ["  " + ln for ln in body]
    return [f"  # TODO {c.problem}:"] + ["  # " + ln for ln in body]
