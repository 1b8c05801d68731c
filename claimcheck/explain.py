"""`claimcheck explain FILE ID`: the derivation of one claim, as a tree.

Each input with its quote, stated interval and central value (implied inputs with
their own derivation), each intermediate result of the formula, the computed value
and range against the claimed one, the verdict, and for a warn what each input would
need to be for the claim to hold.
"""

from __future__ import annotations

import ast
import difflib
from typing import TYPE_CHECKING

from rich.console import Console
from rich.text import Text
from rich.tree import Tree

from claimcheck import evaluate as E
from claimcheck import formula as FM
from claimcheck.interval import IntervalError
from claimcheck.quantity import PLAIN, decimals_for, show, show_interval

if TYPE_CHECKING:
    from claimcheck.judge import _State
    from claimcheck.model import Claim, Result

_DEFINITIONS = {
    "growth": "growth(new, old) = new / old − 1",
    "share": "share(part, whole) = part / whole",
    "cagr": "cagr(end, start, years) = (end / start)^(1 / years) − 1",
    "margin_of_error": "margin_of_error(n, p=0.5) = 1.96 · √(p(1 − p) / n)",
    "days_between": "days_between(a, b) = b − a, in days",
    "weeks_between": "weeks_between(a, b) = b − a, in weeks",
    "months_between": "months_between(a, b) = b − a, in months of 365.2425/12 days",
    "years_between": "years_between(a, b) = b − a, in years of 365.2425 days",
}
_MAX_DEPTH = 6


class ExplainError(Exception):
    def __init__(self, code: str, message: str) -> None:
        super().__init__(message)
        self.code = code


def explain_claim(path: str, claim_id: str, console: Console, article: str | None = None) -> int:
    """Print the derivation; return the exit code (0, or 2 when the file or id is bad)."""
    from claimcheck.judge import judge_with_state
    from claimcheck.loader import load_path

    cf, problems = load_path(path, article)
    if cf is None:
        for p in problems:
            console.print(Text(f"{path}:{p.line or ''}: {p.code} {p.message}"))
        return 2
    report, st = judge_with_state(cf)
    for p in report.errors:
        console.print(Text(f"{path}:{p.line or ''}: {p.code} {p.message}"))
    if report.errors:
        return 2
    claims = {c.id: c for c in cf.claims}
    results = {r.id: r for r in report.results}
    if claim_id not in claims:
        close = difflib.get_close_matches(claim_id, list(claims), n=1)
        hint = f" — did you mean '{close[0]}'?" if close else ""
        console.print(Text(f"{path}: no claim '{claim_id}'{hint}"))
        return 2
    console.print(_tree(claims[claim_id], results, claims, st))
    return 0


def _head(r: Result) -> Text:
    t = Text()
    t.append(r.id, style="bold")
    t.append(f"  “{r.quote}”  ", style="italic")
    t.append(f"(line {r.line}, {r.kind})", style="dim")
    return t


def _tree(c: Claim, results: dict[str, Result], claims: dict[str, Claim], st: _State) -> Tree:
    r = results[c.id]
    tree = Tree(_head(r), guide_style="dim")
    q = r.quantity
    if q is not None:
        tree.add(Text(f"claimed   {q.text}    interval {q.interval_text}"))
    if r.status == "error":
        tree.add(Text(f"error     {r.code}: {r.message}", style="magenta"))
        return tree
    if r.formula:
        _formula(tree, c, r, results, claims, st, depth=0)
    for f in r.findings:
        if f.what == "reference":
            tree.add(Text(f"reference {f.status.upper()}: {f.message}"))
    colour = {"pass": "green", "warn": "yellow", "fail": "red"}.get(r.status, "")
    verdict = Text(f"verdict   {r.status.upper()}", style=colour)
    if r.message:
        verdict.append(f": {r.message}", style="")
    tree.add(verdict)
    if r.hints:
        hold = tree.add(Text("to hold   (each input alone, the others at their central values)"))
        for h in r.hints:
            hold.add(Text(h))
    for s in r.suggestions:
        tree.add(Text(f"slip?     {s}", style="yellow"))
    if r.expect:
        tree.add(Text(f"reviewed  expect {r.expect}: {r.note}", style="dim"))
    elif r.note:
        tree.add(Text(f"note      {r.note}", style="dim"))
    return tree


def _formula(node: Tree, c: Claim, r: Result, results: dict[str, Result], claims: dict[str, Claim],
             st: _State, depth: int) -> None:
    text = r.formula
    label = "check" if r.kind == "check" else "formula"
    line = Text(f"{label:<9} {text}")
    if r.substituted and r.substituted != text:
        line.append(f"  =  {r.substituted}", style="cyan")
    node.add(line)
    try:
        parsed = ast.parse(FM.to_python(text), mode="eval")
    except SyntaxError:
        return
    used = sorted({n.func.id for n in ast.walk(parsed) if isinstance(n, ast.Call) and isinstance(n.func, ast.Name)})
    for fname in used:
        if fname in _DEFINITIONS:
            node.add(Text(f"          {_DEFINITIONS[fname]}", style="dim"))
    inputs = node.add(Text("inputs"))
    for name in r.inputs:
        _input(inputs, name, results, claims, st, depth)
    if "published" in text:
        inputs.add(Text(f"published  the article's date, {st.shown.get('published', '')}"))
    steps = _steps(parsed, FM.to_python(text), st)
    if steps:
        sub = node.add(Text("steps"))
        for s in steps:
            sub.add(Text(s))
    if r.computed:
        node.add(Text(f"computed  {r.computed}", style="bold"))


def _input(parent: Tree, name: str, results: dict[str, Result], claims: dict[str, Claim], st: _State,
           depth: int) -> None:
    r = results.get(name)
    if r is None:
        return
    q = st.quantities.get(name)
    label = Text()
    label.append(name, style="bold")
    label.append(f"  “{r.quote}”  ", style="italic")
    if q is not None:
        label.append(f"{q.text}   {q.interval_text}")
        if q.qualifier or q.half_width:
            central = show(q.central, q.style, q.style.decimals) if not q.is_date else show(q.central, q.style)
            label.append(f"   central {central}", style="dim")
    elif r.computed:
        label.append(f"{r.kind}: {r.computed}")
    branch = parent.add(label)
    if r.status == "error":
        branch.add(Text(f"{r.code}: {r.message}", style="magenta"))
    elif q is None and r.formula and depth < _MAX_DEPTH:
        _formula(branch, claims[name], r, results, claims, st, depth + 1)


def _steps(parsed: ast.Expression, source: str, st: _State) -> list[str]:
    """Each intermediate result: the formula's sub-expressions that compute something."""
    out: list[str] = []
    root = parsed.body
    for n in ast.walk(parsed):
        if n is root or not isinstance(n, (ast.BinOp, ast.Call, ast.UnaryOp)):
            continue
        segment = ast.get_source_segment(source, n)
        if not segment:
            continue
        try:
            typed = FM.compile_formula(segment, st.env, st.chinese)
            if typed.kind != "num":
                continue
            iv = E.enclose(typed.tree, st.box)
            c = E.central(typed.tree, st.centrals)
        except (FM.FormulaError, IntervalError, KeyError):
            continue
        style = typed.style or PLAIN
        d = decimals_for(style.value_of(c), 0)
        out.append(f"{FM.from_python(segment)} = {show(c, style, d)}   range {show_interval(iv, style, d)}")
    return list(reversed(out))
