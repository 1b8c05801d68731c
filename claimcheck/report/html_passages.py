"""Where each claim's quote sits in the article, and the passages the HTML report marks.

A quote is found the way the judge finds it (`quotes.Article.find`: ignoring whitespace);
where it occurs more than once, the occurrence at or after the previous claim's is taken,
since claims are listed in article order.  Overlapping quotes are merged into one passage,
which opens the cards of every claim in it; inside a passage, the stretches covered by
several quotes are kept apart as segments with their depth.
"""

from __future__ import annotations

from dataclasses import dataclass
from itertools import pairwise

from claimcheck.quotes import Article


@dataclass(frozen=True, slots=True)
class Span:
    """One claim's quote in the article text: [start, end)."""

    claim: str
    start: int
    end: int


@dataclass(frozen=True, slots=True)
class Passage:
    """A stretch of the article covered by one or more overlapping quotes."""

    start: int
    end: int
    claims: tuple[str, ...]  # in the order of their quotes' starts
    segments: tuple[tuple[int, int, int], ...]  # (start, end, how many quotes cover it)


def _occurrences(article: Article, quote: str) -> list[tuple[int, int]]:
    return article.occurrences(quote)


def locate(article: Article, quotes: list[tuple[str, str]]) -> tuple[list[Span], list[str]]:
    """Spans of the (claim id, quote) pairs found in the article, and the ids not found."""
    spans: list[Span] = []
    missing: list[str] = []
    cursor = 0
    for claim, quote in quotes:
        if article.find(quote) < 0:
            missing.append(claim)
            continue
        places = _occurrences(article, quote)
        start, end = next((p for p in places if p[0] >= cursor), places[0])
        spans.append(Span(claim, start, end))
        cursor = start
    return spans, missing


def passages(spans: list[Span]) -> list[Passage]:
    """Overlapping spans merged into passages, in text order."""
    ordered = sorted(spans, key=lambda s: (s.start, -s.end))
    groups: list[list[Span]] = []
    end = -1
    for s in ordered:
        if groups and s.start < end:
            groups[-1].append(s)
            end = max(end, s.end)
        else:
            groups.append([s])
            end = s.end
    return [_passage(g) for g in groups]


def _passage(group: list[Span]) -> Passage:
    cuts = sorted({b for s in group for b in (s.start, s.end)})
    segments = []
    for a, b in pairwise(cuts):
        depth = sum(1 for s in group if s.start <= a and b <= s.end)
        segments.append((a, b, depth))
    return Passage(group[0].start, max(s.end for s in group), tuple(s.claim for s in group), tuple(segments))
