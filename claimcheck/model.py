"""The records that flow from the loader through the judge to the reports.

The immutable records are NamedTuples: a class of them is defined several times faster
than a frozen dataclass, which counts at start-up.  Result and FileReport, filled in by
the judge, are dataclasses.
"""

from dataclasses import dataclass, field
from typing import Literal, NamedTuple

from claimcheck.quantity import Quantity

Status = Literal["pass", "warn", "fail", "info", "error"]
STATUSES: tuple[Status, ...] = ("pass", "warn", "fail", "info", "error")
# worst first, for a claim with several checks
SEVERITY_ORDER: dict[str, int] = {"error": 4, "fail": 3, "warn": 2, "pass": 1, "info": 0}


class Problem(NamedTuple):
    code: str
    message: str
    line: int | None  # 1-based; None for a whole-file problem
    path: str = ""
    column: int | None = None


class Text(NamedTuple):
    """A scalar from the file: its text exactly as written and where."""

    value: str
    line: int
    column: int = 1


class Source(NamedTuple):
    id: str
    title: str = ""
    url: str = ""


class Reference(NamedTuple):
    value: Text
    source: str = ""
    quote: str = ""
    line: int = 0


class Article(NamedTuple):
    title: str
    outlet: str
    published: Text
    url: str = ""
    text_path: str = ""  # resolved path of the article text, if given
    text: str | None = None


class Claim(NamedTuple):
    id: str
    line: int
    quote: str = ""
    value: Text | None = None
    date: Text | None = None
    formula: Text | None = None
    check: Text | None = None
    severity: str = "fail"
    source: str = ""
    reference: Reference | None = None
    as_of: Text | None = None
    abs_tol: Text | None = None
    rel_tol: Text | None = None
    expect: Text | None = None
    note: str = ""
    fields: tuple[str, ...] = ()  # keys as written, in order
    quote_line: int = 0
    severity_line: int = 0

    @property
    def kind(self) -> str:
        if self.check is not None:
            return "check"
        if self.formula is not None:
            return "derived" if self.value is not None else "implied"
        return "stated"


class CoverageIgnore(NamedTuple):
    """A passage whose numeric mentions no claim needs to cover, and why."""

    text: str
    why: str
    line: int


class ClaimFile(NamedTuple):
    path: str
    article: Article
    sources: dict[str, Source]
    about: Text | None
    claims: list[Claim]
    coverage_ignore: tuple[CoverageIgnore, ...] = ()


class Finding(NamedTuple):
    """One judged aspect of a claim: its formula, its check or its reference."""

    what: Literal["formula", "check", "reference"]
    status: Status
    message: str
    hints: tuple[str, ...] = ()  # for a warn: what would make it hold
    suggestions: tuple[str, ...] = ()  # for a fail: slips that would make it consistent


@dataclass(slots=True)
class Result:
    id: str
    kind: str
    status: Status
    line: int
    quote: str
    expected: bool = True
    message: str = ""
    claimed: str = ""
    computed: str = ""
    computed_value: str = ""  # the computed central value alone
    computed_interval: str = ""  # the computed range alone ("" for a point or a check)
    reference: Reference | None = None
    expect: str | None = None
    note: str = ""
    source: str = ""
    as_of: str = ""
    code: str | None = None  # problem code of an error
    findings: list[Finding] = field(default_factory=list)
    hints: list[str] = field(default_factory=list)  # what would make a warn hold
    suggestions: list[str] = field(default_factory=list)
    formula: str = ""
    substituted: str = ""  # the formula with the inputs' values written in
    inputs: list[str] = field(default_factory=list)
    quantity: Quantity | None = None
    error_line: int | None = None  # where the claim's error is, if not its key

    @property
    def claimed_interval(self) -> str:
        """The claimed value's interval, in its own style ("" for a check or an implied figure)."""
        return self.quantity.interval_text if self.quantity is not None and self.claimed else ""


@dataclass(slots=True)
class FileReport:
    path: str
    article: Article | None = None
    results: list[Result] = field(default_factory=list)
    errors: list[Problem] = field(default_factory=list)
    sources: dict[str, Source] = field(default_factory=dict)

    def summary(self) -> dict[str, int]:
        out: dict[str, int] = {s: 0 for s in STATUSES}
        for r in self.results:
            out[r.status] += 1
        return out


class Tally(NamedTuple):
    """What a file's report adds to the run's exit code and summary."""

    broken: bool  # file errors
    errors: int  # claims in error
    unexpected: int  # verdicts other than the expected one
    unexpected_fails: int
    summary: dict[str, int]


def tally(f: FileReport) -> Tally:
    unexpected = [r.status for r in f.results if not r.expected]
    return Tally(bool(f.errors), sum(1 for r in f.results if r.status == "error"), len(unexpected),
                 unexpected.count("fail"), f.summary())


def exit_reason(files: list[FileReport], strict: bool) -> tuple[int, str]:
    """The contract's exit code for a check run, and why, in a few words."""
    return exit_reason_of([tally(f) for f in files], strict)


def exit_reason_of(tallies: list[Tally], strict: bool) -> tuple[int, str]:
    """exit_reason, from the files' tallies."""
    broken = sum(1 for t in tallies if t.broken)
    errors = sum(t.errors for t in tallies)
    if broken or errors:
        parts = []
        if broken:
            parts.append(f"{broken} file{'s' if broken > 1 else ''} with file errors")
        if errors:
            parts.append(f"{errors} claim{'s' if errors > 1 else ''} in error")
        return 2, " and ".join(parts)
    unexpected = sum(t.unexpected for t in tallies)
    fails = sum(t.unexpected_fails for t in tallies)
    if fails:
        return 1, f"{fails} unexpected fail{'s' if fails > 1 else ''}"
    if strict and unexpected:
        return 1, f"{unexpected} unexpected verdict{'s' if unexpected > 1 else ''} (--strict)"
    if unexpected:
        return 0, f"all fails as expected ({unexpected} unexpected non-fail verdicts; --strict would fail)"
    return 0, "every verdict as expected"
