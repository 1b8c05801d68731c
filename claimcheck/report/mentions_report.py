"""Output of `scan` (the mentions of an article) and `coverage` (what a claim file leaves out)."""

from __future__ import annotations

import json
from typing import TYPE_CHECKING, Any

from rich import box
from rich.console import Console
from rich.table import Table
from rich.text import Text

from claimcheck.coverage import Coverage
from claimcheck.model import Problem
from claimcheck.scan import Mention, count_by_kind

if TYPE_CHECKING:
    from rich.console import JustifyMethod

MENTION_KEYS = ("text", "start", "end", "line", "value", "unit", "qualifier", "kind")


def mention_dict(m: Mention) -> dict[str, Any]:
    return {k: getattr(m, k) for k in MENTION_KEYS}


def scan_json(mentions: list[Mention]) -> str:
    return json.dumps({"mentions": [mention_dict(m) for m in mentions]}, ensure_ascii=False, indent=1) + "\n"


def _kinds(mentions: list[Mention] | tuple[Mention, ...]) -> str:
    return ", ".join(f"{n} {k}" for k, n in sorted(count_by_kind(mentions).items(), key=lambda kv: (-kv[1], kv[0])))


def scan_text(mentions: list[Mention], console: Console, path: str) -> None:
    table = Table(box=box.SIMPLE_HEAD, show_edge=False, pad_edge=False)
    columns: tuple[tuple[str, JustifyMethod], ...] = (("line", "right"), ("mention", "left"), ("kind", "left"),
                                                      ("value", "left"), ("unit", "left"), ("hedge", "left"))
    for name, justify in columns:
        table.add_column(name, justify=justify)
    for m in mentions:
        table.add_row(str(m.line), Text(m.text), m.kind, Text(m.value), Text(m.unit), Text(m.qualifier))
    if mentions:
        console.print(table)
    n = len(mentions)
    console.print(Text(f"{path}: {n} numeric mention{'s' if n != 1 else ''}" + (f" ({_kinds(mentions)})" if n else "")))


def _problem_dict(p: Problem) -> dict[str, Any]:
    return {"line": p.line, "code": p.code, "message": p.message}


def coverage_json(cov: Coverage, minimum: float | None) -> str:
    share = float(cov.share * 100)
    doc = {
        "version": 1, "path": cov.path, "article": cov.article_path,
        "mentions": len(cov.mentions), "covered": len(cov.covered), "justified": len(cov.justified),
        "uncovered": len(cov.gaps), "share": round(share, 2),
        "min": minimum, "below_min": minimum is not None and share < minimum,
        "gaps": [dict(mention_dict(g.mention), context=g.context) for g in cov.gaps],
        "justified_mentions": [dict(mention_dict(j.mention), why=j.entry.why, ignore_line=j.entry.line)
                               for j in cov.justified],
        "quotes_not_found": list(cov.quotes_not_found),
        "idle_ignores": [{"text": e.text, "line": e.line} for e in cov.idle_ignores],
        "errors": [_problem_dict(p) for p in cov.problems],
    }
    return json.dumps(doc, ensure_ascii=False, indent=1) + "\n"


def coverage_text(cov: Coverage, console: Console, minimum: float | None) -> None:
    share = float(cov.share * 100)
    head = Text(f"{cov.path}", style="bold")
    head.append(f"  article {cov.article_path}" if cov.article_path else "", style="dim")
    console.print(head)
    if cov.gaps:
        table = Table(box=box.SIMPLE_HEAD, show_edge=False, pad_edge=False, title="not covered by any quote",
                      title_justify="left")
        for name in ("line", "mention", "kind", "context"):
            table.add_column(name, justify="right" if name == "line" else "left")
        for g in cov.gaps:
            table.add_row(str(g.mention.line), Text(g.mention.text, style="yellow"), g.mention.kind, Text(g.context))
        console.print(table)
    for p in cov.problems:
        console.print(Text(f"{cov.path}:{p.line}: {p.code} {p.message}", style="red"))
    if cov.quotes_not_found:
        console.print(Text(f"quotes not in the article (they cover nothing): {', '.join(cov.quotes_not_found)}",
                           style="yellow"))
    for e in cov.idle_ignores:
        console.print(Text(f"{cov.path}:{e.line}: coverage.ignore '{e.text}' ignores nothing (its mentions are quoted)",
                           style="dim"))
    line = Text(f"{len(cov.mentions)} mentions: {len(cov.covered)} covered by quotes, {len(cov.justified)} justified "
                f"(coverage.ignore), {len(cov.gaps)} not covered → {share:.1f}% accounted for")
    if minimum is not None:
        ok = share >= minimum
        line.append(f" ({'meets' if ok else 'below'} the minimum of {minimum:g}%)", style="green" if ok else "red")
    console.print(line)
