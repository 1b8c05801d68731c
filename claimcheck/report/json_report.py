"""`--format json`: the contract's machine output (keys may be added, never renamed)."""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator
from typing import Any, Final, NamedTuple

from claimcheck.model import STATUSES, FileReport, Result, Tally, tally


def result_dict(r: Result) -> dict[str, Any]:
    out: dict[str, Any] = {
        "id": r.id, "kind": r.kind, "status": r.status, "expected": r.expected,
        "quote": r.quote, "line": r.line, "message": r.message,
        "claimed": r.claimed or None, "computed": r.computed or None,
    }
    if r.code:
        out["code"] = r.code
        out["error_line"] = r.error_line
    if r.expect:
        out["expect"] = r.expect
    if r.note:
        out["note"] = r.note
    if r.formula:
        out["formula"] = r.formula
        out["substituted"] = r.substituted
    if r.source:
        out["source"] = r.source
    if r.as_of:
        out["as_of"] = r.as_of
    if r.findings:
        out["checks"] = [{"what": f.what, "status": f.status, "message": f.message} for f in r.findings]
    if r.hints:
        out["hints"] = r.hints
    out["suggestions"] = r.suggestions
    return out


def file_dict(f: FileReport) -> dict[str, Any]:
    return {
        "path": f.path,
        "results": [result_dict(r) for r in f.results],
        "errors": [{"line": p.line, "code": p.code, "message": p.message} for p in f.errors],
        "summary": f.summary(),
    }


def render(files: list[FileReport]) -> str:
    """The document, laid out one result and one error per line (see `chunks`)."""
    return "".join(chunks(files))


def chunks(files: list[FileReport]) -> Iterator[str]:
    """The document in pieces, for writing as it is made: a report of 100,000 claims is
    tens of megabytes, and joined before writing it would be held twice.

    Each record goes through json's C encoder (which `indent=` would turn off, leaving the
    pure-Python one, several times slower on a large report); the frame around the records
    is written here.  The pieces parse to the same document as `json.dumps(doc)`."""
    return _document(_summed(f) for f in files)


def _summed(f: FileReport) -> tuple[dict[str, int], Iterator[str]]:
    summary = f.summary()
    return summary, _file(f, summary)


class Piece(NamedTuple):
    """A file's part of the document, made where the file was checked (a `-j` worker), and
    its tally: the parent writes the one and adds up the other."""

    text: str
    tally: Tally


def piece(f: FileReport) -> Piece:
    counts = tally(f)
    return Piece("".join(_file(f, counts.summary)), counts)


def chunks_of(pieces: list[Piece]) -> Iterator[str]:
    """`chunks` of the files the pieces were made from."""
    return _document((p.tally.summary, (p.text,)) for p in pieces)


_enc: Final = json.JSONEncoder(ensure_ascii=False).encode


def _document(files: Iterable[tuple[dict[str, int], Iterable[str]]]) -> Iterator[str]:
    """The frame around the files' parts; the run's summary adds up theirs."""
    total: dict[str, int] = {s: 0 for s in STATUSES}
    yield '{\n "version": 1,\n "files": ['
    n = 0
    for summary, parts in files:
        if n:
            yield ","
        n += 1
        yield from parts
        for k, v in summary.items():
            total[k] += v
    yield f'{chr(10) + " " if n else ""}],\n "summary": {_enc(total)}\n}}\n'


def _file(f: FileReport, summary: dict[str, int]) -> Iterator[str]:
    """One file's object in the document; `summary`: f.summary()."""
    enc = _enc
    yield f'\n  {{\n   "path": {enc(f.path)},\n   "results": '
    yield from _records(enc(result_dict(r)) for r in f.results)
    yield ',\n   "errors": '
    yield from _records(enc({"line": p.line, "code": p.code, "message": p.message}) for p in f.errors)
    yield f',\n   "summary": {enc(summary)}\n  }}'


def _records(items: Iterable[str]) -> Iterator[str]:
    """A JSON array of encoded records, one per line; `[]` when there are none."""
    first = True
    for item in items:
        yield ("[\n    " if first else ",\n    ") + item
        first = False
    yield "[]" if first else "\n   ]"
