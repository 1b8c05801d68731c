"""The records that flow from the loader through the judge to the reports.

The immutable records are NamedTuples: a class of them is defined several times faster
than a frozen dataclass, which counts at start-up.  Result and FileReport, filled in by
the judge, are `Record`s: slotted classes compared, shown and pickled by their fields.
"""

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


class Record:
    """A record the judge fills in: what `@dataclass(slots=True)` makes, written out.  Importing
    dataclasses imports inspect, and with it dis, tokenize and linecache: 7 ms, a tenth of a
    one-file json run.  The fields are the __slots__, in the order __init__ takes them;
    records are equal when of one class with equal fields, shown and pickled by their fields.
    A record class is final: a subclass's __slots__ would hide its base's fields from these."""

    __slots__: tuple[str, ...] = ()
    __hash__ = None  # type: ignore[assignment]  # mutable and compared by value, as a dataclass

    def _values(self) -> tuple[object, ...]:
        return tuple([getattr(self, n) for n in self.__slots__])

    def __eq__(self, other: object) -> bool:
        if other.__class__ is not self.__class__:
            return NotImplemented
        return self._values() == other._values()

    def __repr__(self) -> str:
        return f"{type(self).__name__}({', '.join(f'{n}={getattr(self, n)!r}' for n in self.__slots__)})"

    def __reduce__(self) -> tuple[type, tuple[object, ...]]:
        return self.__class__, self._values()


class Result(Record):
    """A judged claim."""

    __slots__ = (  # noqa: RUF023 (in __init__'s order, which Record pickles by)
        "id", "kind", "status", "line", "quote", "expected", "message", "claimed", "computed", "computed_value",
        "computed_interval", "reference", "expect", "note", "source", "as_of", "code", "findings", "hints",
        "suggestions", "formula", "substituted", "inputs", "quantity", "error_line",
    )

    def __init__(
        self, id: str, kind: str, status: Status, line: int, quote: str, expected: bool = True,
        message: str = "", claimed: str = "", computed: str = "",
        computed_value: str = "",  # the computed central value alone
        computed_interval: str = "",  # the computed range alone ("" for a point or a check)
        reference: Reference | None = None, expect: str | None = None, note: str = "", source: str = "",
        as_of: str = "",
        code: str | None = None,  # problem code of an error
        findings: list[Finding] | None = None,
        hints: list[str] | None = None,  # what would make a warn hold
        suggestions: list[str] | None = None,
        formula: str = "",
        substituted: str = "",  # the formula with the inputs' values written in
        inputs: list[str] | None = None, quantity: Quantity | None = None,
        error_line: int | None = None,  # where the claim's error is, if not its key
    ) -> None:
        self.id, self.kind, self.status, self.line, self.quote = id, kind, status, line, quote
        self.expected, self.message, self.claimed, self.computed = expected, message, claimed, computed
        self.computed_value, self.computed_interval, self.reference = computed_value, computed_interval, reference
        self.expect, self.note, self.source, self.as_of, self.code = expect, note, source, as_of, code
        self.findings: list[Finding] = [] if findings is None else findings
        self.hints: list[str] = [] if hints is None else hints
        self.suggestions: list[str] = [] if suggestions is None else suggestions
        self.formula, self.substituted = formula, substituted
        self.inputs: list[str] = [] if inputs is None else inputs
        self.quantity, self.error_line = quantity, error_line

    @property
    def claimed_interval(self) -> str:
        """The claimed value's interval, in its own style ("" for a check or an implied figure)."""
        return self.quantity.interval_text if self.quantity is not None and self.claimed else ""


class FileReport(Record):
    """A checked file: its judged claims, or the problems that stopped it."""

    __slots__ = ("path", "article", "results", "errors", "sources")  # noqa: RUF023 (in __init__'s order)

    def __init__(self, path: str, article: Article | None = None, results: list[Result] | None = None,
                 errors: list[Problem] | None = None, sources: dict[str, Source] | None = None) -> None:
        self.path, self.article = path, article
        self.results: list[Result] = [] if results is None else results
        self.errors: list[Problem] = [] if errors is None else errors
        self.sources: dict[str, Source] = {} if sources is None else sources

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
