"""What a CI report points at: one annotation per problem, unexpected verdict or reviewed finding.

Shared by the `github` and `sarif` formats (and the rules of `junit`), so that every machine
format reports the same things at the same lines:

- a file error (`CC1xx`) and a claim error (`CC2xx`): level `error`, rule = the problem code;
- an unexpected `fail`, or a `pass` where `expect` records a reviewed fail or warn: `error`;
- an unexpected `warn`: `warning`;
- a reviewed finding (a non-pass verdict equal to its `expect`): `notice`.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from typing import Final, Literal

from claimcheck.model import FileReport, Result

Level = Literal["error", "warning", "notice"]

# verdict kinds, used as rule ids beside the problem codes
FAIL: Final = "fail"
WARN: Final = "warn"
UNEXPECTED_PASS: Final = "unexpected-pass"
VERDICT_RULES: Final[dict[str, tuple[str, str, Level]]] = {
    FAIL: ("No reading of the stated figures supports the claim.",
           "Correct the figure, or record the reviewed verdict with expect: fail and a note.", "error"),
    WARN: ("The claim holds only for some readings of the stated figures.",
           "Check the figures the message names, or record expect: warn with a note.", "warning"),
    UNEXPECTED_PASS: ("The claim passes although expect records a reviewed fail or warn.",
                      "The reviewed verdict is out of date: remove expect and note, or update them.", "error"),
}


@dataclass(frozen=True, slots=True)
class Annotation:
    path: str
    line: int | None  # 1-based; None for a whole-file problem
    level: Level
    rule: str  # a problem code (CC1xx, CC2xx) or a verdict kind
    title: str
    message: str
    claim: str | None = None  # the claim id, if about a claim
    reviewed: bool = False  # a finding a fact-checker has reviewed and accepted
    note: str = ""
    column: int | None = None


def source_root() -> str:
    """The folder paths are reported relative to: $GITHUB_WORKSPACE under Actions, else the working folder."""
    return os.path.abspath(os.environ.get("GITHUB_WORKSPACE") or os.getcwd())


def display_path(path: str) -> str:
    """The path as the repository sees it: relative to the source root when under it, else as given."""
    full = os.path.abspath(path)
    if _is_under(full, source_root()):
        path = os.path.relpath(full, source_root())
    return path.replace(os.sep, "/")


def _is_under(path: str, root: str) -> bool:
    try:
        return os.path.commonpath([path, root]) == root
    except ValueError:  # different drives
        return False


def result_annotation(path: str, r: Result) -> Annotation | None:
    """The annotation for one claim's result, or None when there is nothing to say."""
    if r.status == "error":
        code = r.code or "CC200"
        return Annotation(path, r.error_line or r.line, "error", code, f"{code} {_code_name(code)}: {r.id}",
                          r.message, r.id)
    expecting = f" (expected {r.expect.upper()})" if r.expect else ""
    if r.expected:
        if r.expect and r.status != "pass":
            message = r.message + (f" Reviewed: {r.note}" if r.note else "")
            return Annotation(path, r.line, "notice", r.status, f"reviewed {r.status.upper()}: {r.id}", message,
                              r.id, reviewed=True, note=r.note)
        return None
    if r.status == "fail":
        return Annotation(path, r.line, "error", FAIL, f"FAIL{expecting}: {r.id}", r.message, r.id)
    if r.status == "warn":
        return Annotation(path, r.line, "warning", WARN, f"WARN{expecting}: {r.id}", r.message, r.id)
    message = (f"expected {(r.expect or 'pass').upper()}, got {r.status.upper()}: the reviewed verdict no longer "
               "holds; update or remove expect and note." + (f" {r.message}" if r.message else ""))
    return Annotation(path, r.line, "error", UNEXPECTED_PASS, f"{r.status.upper()}{expecting}: {r.id}", message, r.id)


def collect(files: list[FileReport]) -> list[Annotation]:
    """Every annotation of a run, file by file, in file order."""
    out: list[Annotation] = []
    for f in files:
        path = display_path(f.path)
        for p in f.errors:
            out.append(Annotation(path, p.line, "error", p.code, f"{p.code} {_code_name(p.code)}", p.message,
                                  column=p.column))
        for r in f.results:
            a = result_annotation(path, r)
            if a is not None:
                out.append(a)
    return out


def _code_name(code: str) -> str:
    from claimcheck.codes import CODES

    c = CODES.get(code)
    return c.name if c is not None else "error"
