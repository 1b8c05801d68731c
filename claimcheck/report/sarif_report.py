"""`--format sarif`: a SARIF 2.1.0 log for code scanning (e.g. GitHub's upload-sarif).

Rules are the problem codes (CC1xx file errors, CC2xx claim errors) and the verdict kinds
(`fail`, `warn`, `unexpected-pass`).  Results are the annotations of the other CI formats:
file and claim errors and unexpected verdicts at level `error` (unexpected warns:
`warning`); reviewed findings are `note` results carrying an accepted in-source
suppression whose justification is the fact-checker's note.  Every result has a region
(line 1 for a whole-file problem), as code scanning requires.
"""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import Any, Final
from urllib.parse import quote

from claimcheck import __version__
from claimcheck.model import FileReport
from claimcheck.report.annotations import VERDICT_RULES, Annotation, collect, source_root

SCHEMA_URI: Final = "https://json.schemastore.org/sarif-2.1.0.json"
ROOT_ID: Final = "%SRCROOT%"
_LEVEL: Final = {"error": "error", "warning": "warning", "notice": "note"}


def rules() -> list[dict[str, Any]]:
    """Every rule claimcheck can report: problem codes, then verdict kinds."""
    from claimcheck.codes import CODES

    out: list[dict[str, Any]] = []
    for c in CODES.values():
        kind = "file error" if c.file_level else "claim error"
        full = c.summary + (f" Example: {c.example}" if c.example else "")
        out.append({
            "id": c.code, "name": c.name,
            "shortDescription": {"text": c.summary},
            "fullDescription": {"text": full},
            "help": {"text": f"{c.summary}\nExample: {c.example or '-'}\nFix: {c.fix}",
                     "markdown": f"{c.summary}\n\n**Example**\n\n```yaml\n{c.example or '-'}\n```\n\n"
                                 f"**Fix**: {c.fix}\n\n`claimcheck explain {c.code}` prints this."},
            "defaultConfiguration": {"level": "error"},
            "properties": {"tags": ["claimcheck", kind]},
        })
    for rid, (summary, fix, level) in VERDICT_RULES.items():
        out.append({
            "id": rid, "name": f"verdict-{rid}",
            "shortDescription": {"text": summary},
            "fullDescription": {"text": summary},
            "help": {"text": f"{summary}\nFix: {fix}", "markdown": f"{summary}\n\n**Fix**: {fix}"},
            "defaultConfiguration": {"level": _LEVEL[level]},
            "properties": {"tags": ["claimcheck", "verdict"]},
        })
    return out


def _location(a: Annotation, root: str) -> dict[str, Any]:
    # display paths are relative to the root when under it; others are as given (relative to the working folder)
    outside = os.path.isabs(a.path) or a.path.split("/", 1)[0] == ".."
    full = os.path.abspath(a.path if outside else os.path.join(root, a.path))
    try:
        inside = os.path.commonpath([full, root]) == root
    except ValueError:
        inside = False
    if inside:
        artifact = {"uri": quote(os.path.relpath(full, root).replace(os.sep, "/")), "uriBaseId": ROOT_ID}
    else:
        artifact = {"uri": Path(full).as_uri()}
    region: dict[str, Any] = {"startLine": a.line or 1}
    if a.column is not None and a.line is not None:
        region["startColumn"] = a.column
    return {"physicalLocation": {"artifactLocation": artifact, "region": region}}


def _result(a: Annotation, index: dict[str, int], root: str) -> dict[str, Any]:
    out: dict[str, Any] = {"ruleId": a.rule}
    if a.rule in index:
        out["ruleIndex"] = index[a.rule]
    out["level"] = _LEVEL[a.level]
    out["message"] = {"text": f"{a.title}: {a.message}" if a.claim else a.message}
    out["locations"] = [_location(a, root)]
    if a.reviewed:
        out["suppressions"] = [{"kind": "inSource", "status": "accepted", "justification": a.note}]
    props: dict[str, Any] = {}
    if a.claim is not None:
        props["claim"] = a.claim
    if a.line is None:
        props["wholeFile"] = True
    if props:
        out["properties"] = props
    return out


def render(files: list[FileReport]) -> str:
    root = source_root()
    rule_list = rules()
    index = {r["id"]: i for i, r in enumerate(rule_list)}
    results = [_result(a, index, root) for a in collect(files)]
    run = {
        "tool": {"driver": {"name": "claimcheck", "version": __version__, "semanticVersion": __version__,
                            "rules": rule_list}},
        "originalUriBaseIds": {ROOT_ID: {"uri": Path(root).as_uri().rstrip("/") + "/"}},
        "columnKind": "unicodeCodePoints",
        "results": results,
    }
    log = {"$schema": SCHEMA_URI, "version": "2.1.0", "runs": [run]}
    return json.dumps(log, ensure_ascii=False, indent=1) + "\n"
