"""The claim graph as a small inline SVG: which figures feed which formulas and checks.

Claims run left to right in article order; a claim sits one row below the deepest of its
inputs.  Edges that lead to a finding (fail, warn, error), directly or through other
claims, are drawn heavy: solid where the finding is unexpected, dashed where reviewed.
Each verdict has its own shape as well as its colour.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from html import escape
from typing import Final

from claimcheck.model import Result

DX: Final = 36  # horizontal step between claims, at most
MIN_DX: Final = 6  # ... and at least
WIDTH: Final = 760  # the width the steps are fitted to
DY: Final = 32  # vertical step between rows
PAD: Final = 10
R: Final = 4.5  # node radius, at most

BAD: Final = frozenset({"fail", "warn", "error"})


@dataclass(frozen=True, slots=True)
class Graph:
    nodes: tuple[str, ...]  # claim ids in article order
    edges: tuple[tuple[str, str], ...]  # (input, claim)
    depth: dict[str, int]


def build(results: list[Result]) -> Graph:
    ids = {r.id for r in results}
    edges = [(i, r.id) for r in results for i in r.inputs if i in ids and i != r.id]
    linked = {x for e in edges for x in e}
    nodes = tuple(r.id for r in results if r.id in linked)
    feeds: dict[str, list[str]] = {n: [] for n in nodes}
    for a, b in edges:
        feeds[b].append(a)
    depth: dict[str, int] = {}
    for n in nodes:
        _depth(n, feeds, depth, set())
    return Graph(nodes, tuple(edges), depth)


def _depth(start: str, feeds: dict[str, list[str]], depth: dict[str, int], seen: set[str]) -> int:
    """One row below the deepest input; an input met again on the way (a cycle: the claims
    are in error) counts as row 0.  Walked with a stack, not recursion: a chain of thousands
    of claims is a file to report, not a RecursionError."""
    if start in depth:
        return depth[start]
    seen.add(start)
    deepest = {start: -1}  # the deepest input found so far, of each node on the path
    path = [(start, iter(feeds[start]))]
    while path:
        n, inputs = path[-1]
        for i in inputs:
            if i in depth or i in seen:  # done, or on the path (a cycle: 0)
                deepest[n] = max(deepest[n], depth.get(i, 0))
                continue
            seen.add(i)
            deepest[i] = -1
            path.append((i, iter(feeds[i])))
            break
        else:
            path.pop()
            depth[n] = 1 + deepest[n]
            if path:
                above = path[-1][0]
                deepest[above] = max(deepest[above], depth[n])
    return depth[start]


def hot_edges(g: Graph, verdicts: Mapping[str, str], statuses: Mapping[str, str]) -> dict[tuple[str, str], str]:
    """Edges on a path to a finding: 'hot' (an unexpected finding) or 'reviewed'."""
    feeds: dict[str, list[str]] = {n: [] for n in g.nodes}
    for a, b in g.edges:
        feeds[b].append(a)
    out: dict[tuple[str, str], str] = {}
    findings = [n for n in g.nodes if statuses[n] in BAD]
    for kind, ends in (("reviewed", findings), ("hot", [n for n in findings if verdicts[n] != "reviewed"])):
        stack = list(ends)
        seen = set(stack)
        while stack:
            b = stack.pop()
            for a in feeds[b]:
                out[(a, b)] = kind
                if a not in seen:
                    seen.add(a)
                    stack.append(a)
    return out


def shape(verdict: str, x: float, y: float, r: float = R) -> str:
    """A verdict's mark: circle (pass), ring (info), triangle (warn), cross (fail),
    diamond (error); reviewed findings are drawn hollow with a dot."""
    cls = f'class="n v-{verdict}"'
    if verdict == "pass":
        return f'<circle {cls} cx="{x:g}" cy="{y:g}" r="{r:g}"/>'
    if verdict == "info":
        return f'<circle {cls} cx="{x:g}" cy="{y:g}" r="{r * 0.8:g}"/>'
    if verdict == "warn":
        h = r * 1.25
        return f'<path {cls} d="M{x:g} {y - h:g}L{x + h:g} {y + h * 0.8:g}L{x - h:g} {y + h * 0.8:g}Z"/>'
    if verdict == "fail":
        k = r * 1.1
        return (f'<path {cls} d="M{x - k:g} {y - k:g}L{x + k:g} {y + k:g}M{x + k:g} {y - k:g}L{x - k:g} {y + k:g}"/>')
    if verdict == "error":
        k = r * 1.3
        return f'<path {cls} d="M{x:g} {y - k:g}L{x + k:g} {y:g}L{x:g} {y + k:g}L{x - k:g} {y:g}Z"/>'
    # reviewed
    return (f'<circle {cls} cx="{x:g}" cy="{y:g}" r="{r:g}"/>'
            f'<circle class="n-dot" cx="{x:g}" cy="{y:g}" r="{r * 0.35:g}"/>')


def svg(g: Graph, verdicts: Mapping[str, str], statuses: Mapping[str, str], quotes: Mapping[str, str],
        link: Callable[[str], str], label_id: str) -> str:
    """The graph as SVG; `link(id)` gives the attributes of a link to a claim's place."""
    if not g.edges:
        return ""
    dx = max(MIN_DX, min(DX, WIDTH / max(1, len(g.nodes) - 1)))
    r = min(R, dx * 0.42)
    pos = {n: (round(PAD + R + i * dx, 1), PAD + R + 2 + g.depth[n] * DY) for i, n in enumerate(g.nodes)}
    width = round(2 * (PAD + R) + (len(g.nodes) - 1) * dx, 1)
    height = 2 * (PAD + R + 2) + max(g.depth.values()) * DY
    hot = hot_edges(g, verdicts, statuses)
    parts = [(f'<svg class="graph" role="img" aria-labelledby="{label_id}" width="{width:g}" height="{height:g}" '
              f'viewBox="0 0 {width:g} {height:g}" xmlns="http://www.w3.org/2000/svg">')]
    for layer in ("", "reviewed", "hot"):  # heavy edges on top
        for a, b in g.edges:
            if hot.get((a, b), "") != layer:
                continue
            (x1, y1), (x2, y2) = pos[a], pos[b]
            mid = (y1 + y2) / 2
            cls = "e" + (f" {layer}" if layer else "")
            parts.append(f'<path class="{cls}" d="M{x1:g} {y1:g}C{x1:g} {mid:g} {x2:g} {mid:g} {x2:g} {y2:g}"/>')
    for n in g.nodes:
        x, y = pos[n]
        tip = f"{n} · {verdicts[n]} · “{quotes.get(n, '')}”"
        parts.append(f'<a {link(n)} tabindex="-1"><title>{escape(tip, quote=False)}</title>'
                     f'{shape(verdicts[n], x, y, r)}</a>')
    parts.append("</svg>")
    return "".join(parts)
