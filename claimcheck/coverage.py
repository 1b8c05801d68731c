"""How completely a claim file covers its article's figures.

Every numeric mention of the article (claimcheck.scan) is one of:
- *covered*: it lies inside, or overlaps, a passage that some claim's `quote` names (every
  occurrence of the quote counts, found as `run` finds quotes: NFC, whitespace ignored);
- *justified*: it lies inside, or overlaps, a passage named by an entry of the file's
  `coverage.ignore` list (page furniture, rhetorical numerals), each with its reason;
- a *gap*: neither.

The share is (covered + justified) / all mentions, 100% for an article without figures.
An ignore entry whose text is not in the article is a problem (CC220); one that matches no
mention is reported as idle.
"""

from __future__ import annotations

import bisect
from dataclasses import dataclass
from fractions import Fraction
from typing import Final

from claimcheck.model import ClaimFile, CoverageIgnore, Problem
from claimcheck.quotes import Article as ArticleText
from claimcheck.scan import Mention, find_mentions

CONTEXT_CHARS: Final = 24


@dataclass(frozen=True, slots=True)
class Gap:
    mention: Mention
    context: str  # the mention's line, cut to CONTEXT_CHARS either side


@dataclass(frozen=True, slots=True)
class Justified:
    mention: Mention
    entry: CoverageIgnore


@dataclass(frozen=True, slots=True)
class Coverage:
    path: str
    article_path: str
    mentions: tuple[Mention, ...]
    covered: tuple[Mention, ...]
    justified: tuple[Justified, ...]
    gaps: tuple[Gap, ...]
    quotes_not_found: tuple[str, ...] = ()  # claim ids whose quote is not in the article
    idle_ignores: tuple[CoverageIgnore, ...] = ()  # entries that match no mention
    problems: tuple[Problem, ...] = ()  # CC220: an ignore entry not in the article

    @property
    def accounted(self) -> int:
        return len(self.covered) + len(self.justified)

    @property
    def share(self) -> Fraction:
        return Fraction(self.accounted, len(self.mentions)) if self.mentions else Fraction(1)


class _Spans:
    """Sorted, merged spans with an overlap test."""

    def __init__(self, spans: list[tuple[int, int]]) -> None:
        merged: list[tuple[int, int]] = []
        for s, e in sorted(spans):
            if merged and s <= merged[-1][1]:
                merged[-1] = (merged[-1][0], max(e, merged[-1][1]))
            else:
                merged.append((s, e))
        self.starts = [s for s, _ in merged]
        self.spans = merged

    def overlaps(self, start: int, end: int) -> bool:
        i = bisect.bisect_right(self.starts, start)
        if i > 0 and self.spans[i - 1][1] > start:
            return True
        return i < len(self.spans) and self.spans[i][0] < end


def context(text: str, m: Mention) -> str:
    """The mention's line, cut to CONTEXT_CHARS characters either side."""
    line_start = text.rfind("\n", 0, m.start) + 1
    line_end = text.find("\n", m.end)
    line_end = len(text) if line_end < 0 else line_end
    s = max(line_start, m.start - CONTEXT_CHARS)
    e = min(line_end, m.end + CONTEXT_CHARS)
    return ("…" if s > line_start else "") + text[s:e].strip() + ("…" if e < line_end else "")


def measure_file(cf: ClaimFile) -> Coverage | Problem:
    """The coverage of a loaded claim file; a Problem when it has no article text."""
    if cf.article.text is None:
        return Problem("CC106", "coverage needs the article's text: add article.text to the file or pass --article",
                       None, cf.path)
    article = ArticleText(cf.article.text)
    mentions = find_mentions(article.text)
    quote_spans: list[tuple[int, int]] = []
    missing: list[str] = []
    for c in cf.claims:
        found = article.occurrences(c.quote)
        if not found:
            missing.append(c.id)
        quote_spans.extend(found)
    quoted = _Spans(quote_spans)
    ignored: list[tuple[_Spans, CoverageIgnore]] = []
    problems: list[Problem] = []
    for entry in cf.coverage_ignore:
        found = article.occurrences(entry.text)
        if not found:
            near = article.closest(entry.text)
            hint = f" — closest passage: '{near}'" if near else ""
            problems.append(Problem("CC220", f"coverage.ignore text '{entry.text}' does not occur in the article{hint}",
                                    entry.line, cf.path))
        ignored.append((_Spans(found), entry))
    covered: list[Mention] = []
    justified: list[Justified] = []
    gaps: list[Gap] = []
    used: set[int] = set()
    for m in mentions:
        if quoted.overlaps(m.start, m.end):
            covered.append(m)
            continue
        hit = next(((k, e) for k, (spans, e) in enumerate(ignored) if spans.overlaps(m.start, m.end)), None)
        if hit is not None:
            used.add(hit[0])
            justified.append(Justified(m, hit[1]))
        else:
            gaps.append(Gap(m, context(article.text, m)))
    idle = tuple(e for k, (spans, e) in enumerate(ignored) if k not in used and spans.spans)
    return Coverage(cf.path, cf.article.text_path, tuple(mentions), tuple(covered), tuple(justified), tuple(gaps),
                    tuple(missing), idle, tuple(problems))


def measure(path: str, article_path: str | None = None) -> tuple[Coverage | None, list[Problem]]:
    """Load a claim file (with --article overriding article.text) and measure its coverage."""
    from claimcheck.loader import load_path

    cf, problems = load_path(path, article_path)
    if cf is None:
        return None, problems
    got = measure_file(cf)
    if isinstance(got, Problem):
        return None, [got]
    return got, list(got.problems)
