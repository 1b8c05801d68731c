"""`--format text`: the report a fact-checker reads in a terminal or a CI log."""

from __future__ import annotations

import os
from typing import IO

from rich import box
from rich.console import Console
from rich.table import Table
from rich.text import Text

from claimcheck.model import FileReport, Result, exit_reason

_MARK = {
    "pass": ("✓", "PASS", "green"),
    "warn": ("!", "WARN", "yellow"),
    "fail": ("✗", "FAIL", "red"),
    "info": ("·", "info", "dim"),
    "error": ("E", "ERROR", "bold magenta"),
}


def make_console(stream: IO[str] | None = None) -> Console:
    plain = bool(os.environ.get("NO_COLOR"))
    # markup and emoji off: a quote holding "[bold]" or ":smile:" is shown as written
    console = Console(file=stream, no_color=plain, highlight=False, soft_wrap=False, markup=False, emoji=False)
    if not console.is_terminal and "COLUMNS" not in os.environ:
        console.width = 120
    return console


def _status(r: Result) -> Text:
    sym, word, colour = _MARK[r.status]
    if r.expect and r.expected and r.status != "pass":
        return Text(f"◦ {word} (reviewed)", style="dim")
    if r.expect and not r.expected and r.status in ("pass", "warn", "fail", "info"):
        return Text(f"{sym} {word} (expected {r.expect.upper()})", style=colour)
    return Text(f"{sym} {word}", style=colour)


def _header(f: FileReport) -> Text:
    t = Text()
    if f.article is not None:
        t.append(f.article.title, style="bold")
        t.append(f" · {f.article.outlet} · {f.article.published.value} · ")
    t.append(f.path, style="cyan")
    return t


def _is_finding(r: Result) -> bool:
    """What the reader came for: a warn, a fail, an error, or a verdict other than the expected one."""
    return r.status in ("warn", "fail", "error") or not r.expected


def _unlisted(results: list[Result]) -> str:
    """The other results, counted: '38 passes, 5 implied figures and 54 stated figures'."""
    rest = [r for r in results if not _is_finding(r)]
    passes = sum(1 for r in rest if r.status == "pass")
    implied = sum(1 for r in rest if r.status == "info" and r.kind == "implied")
    stated = len(rest) - passes - implied
    parts = [f"{n} {word if n == 1 else plural}" for n, word, plural in (
        (passes, "pass", "passes"), (implied, "implied figure", "implied figures"),
        (stated, "stated figure", "stated figures")) if n]
    return ", ".join(parts[:-1]) + " and " + parts[-1] if len(parts) > 1 else "".join(parts)


def _table(results: list[Result]) -> Table:
    table = Table(box=box.SIMPLE_HEAD, show_edge=False, pad_edge=False, expand=False)
    table.add_column("status", no_wrap=True)
    table.add_column("id", overflow="fold", max_width=28)
    table.add_column("line", justify="right", no_wrap=True)
    table.add_column("quote", overflow="fold", ratio=3, min_width=14)
    table.add_column("claimed", overflow="fold", ratio=1, min_width=8)
    table.add_column("computed (range)", overflow="fold", ratio=2, min_width=10)
    for r in results:
        dim = r.status in ("pass", "info") or (r.expect is not None and r.expected)
        computed = r.computed
        if r.status == "error":
            computed = r.code or ""
        elif r.kind == "stated" and r.findings:
            computed = "reference " + ("agrees" if r.findings[-1].status == "pass" else "differs")
        table.add_row(_status(r), r.id, str(r.line), r.quote, r.claimed or "", computed,
                      style="dim" if dim else None)
    return table


def _finding(r: Result) -> list[Text]:
    """The lines that explain one finding."""
    head = _status(r)
    head.append(f"  {r.id}", style="bold")
    head.append(f"  line {r.error_line or r.line}  ")
    head.append(f"“{r.quote}”", style="italic")
    lines = [head]
    indent = "    "
    if r.status == "error":
        lines.append(Text(f"{indent}{r.code}: {r.message}"))
        return lines
    if r.kind != "check" and (r.claimed or r.computed):
        bits = []
        if r.claimed:
            bits.append(f"claimed {r.claimed}")
        if r.computed:
            bits.append(f"computed {r.computed}")
        lines.append(Text(indent + "  ·  ".join(bits)))
    if r.formula:
        substituted = f"  =  {r.substituted}" if r.substituted != r.formula else ""
        lines.append(Text(f"{indent}{r.formula}" + substituted, style="cyan"))
    for f in r.findings:
        if f.status != "pass":
            lines.append(Text(f"{indent}{f.message}"))
    if r.suggestions:
        lines.append(Text(f"{indent}likeliest slip: " + "; ".join(r.suggestions), style="yellow"))
    if r.note:
        lines.append(Text(f"{indent}note: {r.note}", style="dim"))
    return lines


def _summary_line(files: list[FileReport]) -> Text:
    counts = {"pass": 0, "warn": 0, "fail": 0, "reviewed": 0, "error": 0, "stated": 0, "implied": 0}
    for f in files:
        for r in f.results:
            if r.status == "info":
                counts["implied" if r.kind == "implied" else "stated"] += 1
            elif r.expect and r.expected and r.status != "pass":
                counts["reviewed"] += 1
            else:
                counts[r.status] += 1
    t = Text()
    for key, sym, colour in (("pass", "✓", "green"), ("warn", "!", "yellow"), ("fail", "✗", "red"),
                             ("reviewed", "◦", "dim"), ("error", "E", "magenta"), ("stated", "·", "dim"),
                             ("implied", "·", "dim")):
        if counts[key] or key in ("pass", "warn", "fail"):
            t.append(f"{sym} {counts[key]} {key}   ", style=colour)
    broken = sum(1 for f in files if f.errors)
    if broken:
        t.append(f"E {broken} file{'s' if broken > 1 else ''} not checked", style="bold magenta")
    return t


def render(files: list[FileReport], console: Console, strict: bool, verbose: bool) -> None:
    # lines are gathered and printed together: each print is a full pass through rich's renderer
    for f in files:
        lines = [_header(f)]
        if f.errors:
            for p in f.errors:
                where = f"{f.path}:{p.line}" if p.line else f.path
                lines.append(Text(f"  {where}: {p.code} {p.message}", style="magenta"))
            lines.append(Text())
            _print(console, lines)
            continue
        findings = [r for r in f.results if _is_finding(r)]
        shown = f.results if verbose else findings
        if shown:
            _print(console, lines)
            console.print(_table(shown))
            lines = []
        if not verbose:
            unlisted = _unlisted(f.results)
            if unlisted:
                lines.append(Text(f"  · not listed: {unlisted} (--verbose lists them)", style="dim"))
        if findings:
            lines.append(Text())
            for r in findings:
                lines.extend(_finding(r))
        lines.append(Text())
        _print(console, lines)
    code, why = exit_reason(files, strict)
    _print(console, [_summary_line(files), Text(f"{why} → exit {code}", style="bold" if code else "green")])


def _print(console: Console, lines: list[Text]) -> None:
    console.print(Text("\n").join(lines))
