"""`--format json`: the contract's machine output (keys may be added, never renamed)."""

from __future__ import annotations

import json
from typing import Any

from claimcheck.model import STATUSES, FileReport, Result


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
    total: dict[str, int] = {s: 0 for s in STATUSES}
    for f in files:
        for k, v in f.summary().items():
            total[k] += v
    doc = {"version": 1, "files": [file_dict(f) for f in files], "summary": total}
    return json.dumps(doc, ensure_ascii=False, indent=1) + "\n"
