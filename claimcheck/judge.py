"""Judging: read every claim's figures, order the formulas, compute, give verdicts.

The contract's rule, for a derived figure with claimed interval S, computed enclosure
C and computed central value c: pass if c is in S or C lies inside S; warn if C only
meets S; fail if they are disjoint.  Checks use three-valued logic; references pass
when the stated and the published intervals meet.
"""

from __future__ import annotations

import ast
import re
from collections.abc import Callable
from decimal import ROUND_CEILING, ROUND_FLOOR, ROUND_HALF_EVEN
from fractions import Fraction
from typing import Final, cast

from claimcheck import evaluate as E
from claimcheck import formula as FM
from claimcheck import units as U
from claimcheck.interval import INF, Bound, Interval, IntervalError
from claimcheck.model import SEVERITY_ORDER, Claim, ClaimFile, FileReport, Finding, Problem, Result, Status
from claimcheck.quantity import (
    PLAIN,
    Quantity,
    QuantityError,
    Style,
    decimals_for,
    parse_date,
    parse_quantity,
    show,
    show_interval,
)
from claimcheck.quotes import Article as ArticleText
from claimcheck.quotes import date_in_quote, value_in_quote
from claimcheck.suggest import suggest, swap_comparison

_HINT_STEPS: Final = 48


class ClaimError(Exception):
    def __init__(self, code: str, message: str, line: int | None = None) -> None:
        super().__init__(message)
        self.code = code
        self.line = line


class _State:
    """What the judge knows of a file while it works through the claims."""

    __slots__ = (
        "about",
        "box",
        "centrals",
        "chinese",
        "env",
        "errors",
        "name_nodes",
        "names",
        "parsed",
        "quantities",
        "roots",
        "shown",
        "styles",
    )

    def __init__(self, about: Fraction = Fraction(1, 20)) -> None:
        self.env: dict[str, FM.Typed] = {}
        self.box: dict[str, Interval] = {}
        self.centrals: dict[str, Fraction] = {}
        self.shown: dict[str, str] = {}  # id -> its value as a reader sees it
        self.styles: dict[str, Style] = {}
        self.quantities: dict[str, Quantity] = {}
        self.parsed: dict[str, ast.Expression] = {}
        self.names: dict[str, list[str]] = {}  # id -> the ids its formula uses
        self.name_nodes: dict[str, list[ast.Name]] = {}
        self.errors: dict[str, tuple[str, str, int | None]] = {}  # id -> code, msg, line
        self.roots: dict[str, str] = {}  # id of a claim in error -> root cause id
        self.about = about
        self.chinese = False


def _about(cf: ClaimFile) -> tuple[Fraction, Problem | None]:
    if cf.about is None:
        return Fraction(1, 20), None
    try:
        q = parse_quantity(cf.about.value)
        ok = not q.unit.dim and q.qualifier == "" and 0 < q.central < 1
    except QuantityError:
        ok = False
    if not ok:
        return Fraction(1, 20), Problem("CC113", "defaults.about must be a percentage in (0, 100%), "
                                                 f"not '{cf.about.value}'", cf.about.line, cf.path)
    return q.central, None


def judge_file(cf: ClaimFile) -> FileReport:
    return judge_with_state(cf)[0]


def judge_with_state(cf: ClaimFile) -> tuple[FileReport, _State]:
    """The report, and what the judge knew at the end (for `explain`)."""
    report = FileReport(cf.path, cf.article, sources=cf.sources)
    about, problem = _about(cf)
    st = _State(about=about)
    if problem is not None:
        report.errors.append(problem)
        return report, st
    chinese = any("\u3400" <= ch <= "\u9fff" for ch in cf.article.title)  # CJK: cheaper than compiling [\u3400-\u9fff]
    published = parse_date(cf.article.published.value)
    st.env["published"] = FM.Typed(("var", "published"), "date", U.DATE)
    st.box["published"], st.centrals["published"] = published.interval, published.central
    st.shown["published"] = cf.article.published.value
    article = ArticleText(cf.article.text) if cf.article.text is not None else None
    by_id = {c.id: c for c in cf.claims}

    for c in cf.claims:
        try:
            _read_claim(c, st, about, article)
        except ClaimError as exc:
            st.errors[c.id] = (exc.code, str(exc), exc.line)
    deps = {c.id: st.names.get(c.id, []) for c in cf.claims}
    for c in cf.claims:
        if c.id in st.errors:
            continue
        unknown = [n for n in deps[c.id] if n not in by_id]
        if unknown:
            import difflib

            close = difflib.get_close_matches(unknown[0], list(by_id), n=1, cutoff=0.6)
            hint = f" — did you mean '{close[0]}'?" if close else ""
            line = (c.formula or c.check).line  # type: ignore[union-attr]
            st.errors[c.id] = ("CC203", f"formula refers to '{unknown[0]}', which no claim defines{hint}", line)
    order, cycles = _order(cf.claims, deps)
    for cycle in cycles:
        shown = cycle if len(cycle) <= 6 else [*cycle[:3], "…", *cycle[-2:]]
        text = " → ".join([*shown, cycle[0]]) + (f" (a cycle of {len(cycle):,} claims)" if len(cycle) > 6 else "")
        for cid in cycle:
            st.errors.setdefault(cid, ("CC206", f"formulas refer to each other in a cycle: {text}", None))
    results = {}
    for cid in order:
        results[cid] = _judge_claim(by_id[cid], deps[cid], st, chinese)
    report.results = [results[c.id] for c in cf.claims]
    st.chinese = chinese
    return report, st


def _order(claims: list[Claim], deps: dict[str, list[str]]) -> tuple[list[str], list[list[str]]]:
    """Dependencies first (file order otherwise), and every cycle found."""
    state: dict[str, int] = {}  # 1 visiting, 2 done
    order: list[str] = []
    cycles: list[list[str]] = []
    for c in claims:
        if c.id in state:
            continue
        stack: list[tuple[str, int]] = [(c.id, 0)]
        path: list[str] = []
        while stack:
            node, i = stack.pop()
            if i == 0:
                state[node] = 1
                path.append(node)
            nexts = [d for d in deps.get(node, []) if d in deps]
            if i < len(nexts):
                stack.append((node, i + 1))
                nxt = nexts[i]
                if state.get(nxt) == 1:
                    cycles.append(path[path.index(nxt):])
                elif nxt not in state:
                    stack.append((nxt, 0))
                continue
            state[node] = 2
            path.pop()
            order.append(node)
    return order, cycles


# --- reading a claim's own fields -----------------------------------------------------


def _read_claim(c: Claim, st: _State, about: Fraction, article: ArticleText | None) -> None:
    has = {k for k in ("value", "date", "formula", "check") if getattr(c, k) is not None}
    if has not in ({"value"}, {"date"}, {"value", "formula"}, {"formula"}, {"check"}):
        what = " and ".join(sorted(has)) if has else "nothing (no value, date, formula or check)"
        raise ClaimError("CC200", f"claim '{c.id}' has {what}: a claim is stated (value or date), derived "
                         "(value + formula), implied (formula) or a check (check alone)", c.line)
    if c.severity not in ("fail", "warn"):
        raise ClaimError("CC213", f"severity must be 'fail' or 'warn', not '{c.severity}'", c.severity_line or c.line)
    if c.expect is not None:
        if c.expect.value not in ("pass", "warn", "fail"):
            raise ClaimError("CC213", f"expect must be pass, warn or fail, not '{c.expect.value}'", c.expect.line)
        if not c.note.strip():
            raise ClaimError("CC214", "expect needs a note saying why the verdict is accepted", c.expect.line)
        if c.kind in ("stated", "implied") and c.reference is None:
            raise ClaimError("CC213", f"expect: {c.expect.value} on a claim that is not judged (a {c.kind} figure "
                             "without a reference is only shown); put the note on the claim that uses it",
                             c.expect.line)
        if c.expect.value == "fail" and c.severity == "warn":
            raise ClaimError("CC213", "expect: fail with severity: warn can never be met (a fail is shown as a warn)",
                             c.expect.line)
    if (c.abs_tol or c.rel_tol) and c.value is None:
        raise ClaimError("CC213", "abs_tol and rel_tol apply to a value", (c.abs_tol or c.rel_tol).line)  # type: ignore[union-attr]
    if c.reference is not None and c.check is not None:
        raise ClaimError("CC200", "a check has no figure to compare with a reference", c.reference.line)
    if c.as_of is not None:
        _date(c.as_of.value, c.as_of.line)
    if c.value is not None:
        q = _value(c, about)
        if not value_in_quote(q.mantissa, c.quote, q.style.scale_factor):
            raise ClaimError("CC215", f"the number {q.mantissa}{q.style.scale} of the value does not occur "
                                      f"in the quote '{c.quote}'", c.value.line)
        st.quantities[c.id] = q
    elif c.date is not None:
        q = _date(c.date.value, c.date.line)
        if not date_in_quote(q.style.date, c.date.value, c.quote):
            raise ClaimError("CC215", f"the date {c.date.value} does not occur in the quote '{c.quote}'", c.date.line)
        st.quantities[c.id] = q
    if article is not None and c.quote and article.find(c.quote) < 0:
        near = article.closest(c.quote)
        hint = f" — closest passage: '{near}'" if near else ""
        raise ClaimError("CC216", f"the quote does not occur in the article{hint}", c.quote_line)
    expr = c.formula or c.check
    if expr is not None:
        try:
            reading = FM.read(" ".join(expr.value.split()))
            st.parsed[c.id], st.names[c.id], st.name_nodes[c.id] = reading.tree, reading.names, reading.name_nodes
            reading.check()
        except FM.FormulaError as exc:
            raise ClaimError(exc.code, f"{exc} in '{expr.value}'", expr.line) from None
    if c.reference is not None:
        try:
            if c.date is not None:
                ref = parse_date(c.reference.value.value)
            else:
                ref = parse_quantity(c.reference.value.value, about)
        except QuantityError as exc:
            raise ClaimError(exc.code, f"reference: {exc}", c.reference.value.line) from None
        st.quantities[c.id + "\0ref"] = ref


def _value(c: Claim, about: Fraction) -> Quantity:
    assert c.value is not None
    abs_tol = rel_tol = None
    try:
        if c.abs_tol is not None:
            abs_tol = parse_quantity(c.abs_tol.value)
        if c.rel_tol is not None:
            r = parse_quantity(c.rel_tol.value)
            if r.unit.dim or r.central < 0:
                raise QuantityError("CC213", f"rel_tol must be a percentage, not '{c.rel_tol.value}'")
            rel_tol = r.central
    except QuantityError as exc:
        raise ClaimError("CC213", f"tolerance: {exc}", (c.abs_tol or c.rel_tol).line) from None  # type: ignore[union-attr]
    try:
        q = parse_quantity(c.value.value, about, abs_tol, rel_tol)
    except QuantityError as exc:
        raise ClaimError(exc.code, str(exc), c.value.line) from None
    if abs_tol is not None and abs_tol.unit.dim != q.unit.dim and abs_tol.central != 0:
        raise ClaimError("CC207", f"abs_tol is in {U.dim_name(abs_tol.unit.dim)}, "
                                  f"the value in {U.dim_name(q.unit.dim)}", c.abs_tol.line)  # type: ignore[union-attr]
    return q


def _date(text: str, line: int) -> Quantity:
    try:
        return parse_date(text)
    except QuantityError as exc:
        raise ClaimError(exc.code, str(exc), line) from None


# --- judging a claim ---------------------------------------------------------------------


def _judge_claim(c: Claim, deps: list[str], st: _State, chinese: bool) -> Result:
    q = st.quantities.get(c.id)
    res = Result(
        id=c.id, kind=c.kind, status="info", line=c.line, quote=c.quote,
        expect=c.expect.value if c.expect else None, note=c.note, source=c.source,
        as_of=c.as_of.value if c.as_of else "", quantity=q,
        claimed=c.value.value if c.value else (c.date.value if c.date else ""),
        reference=c.reference, inputs=list(deps),
        formula=" ".join((c.formula or c.check).value.split()) if (c.formula or c.check) else "",  # type: ignore[union-attr]
    )
    if c.id not in st.errors:
        bad = next((d for d in deps if d in st.errors), None)
        if bad is not None:
            root = st.roots.get(bad, bad)
            code, msg, _ = st.errors[root]
            st.errors[c.id] = ("CC217", f"uses '{bad}', which has an error"
                               + (f" (through '{root}')" if root != bad else "") + f": {msg}", None)
            st.roots[c.id] = root
    if c.id in st.errors:
        return _error(res, st, c)
    try:
        _evaluate(c, res, q, deps, st, chinese)
    except (ClaimError, FM.FormulaError, IntervalError) as exc:
        code = exc.code
        where = c.formula or c.check
        msg = str(exc)
        if where is not None and not isinstance(exc, ClaimError):
            msg = f"{msg} in '{res.formula}'"
        st.errors[c.id] = (code, msg, getattr(exc, "line", None) or (where.line if where else c.line))
        return _error(res, st, c)
    res.expected = (res.status == res.expect) if res.expect else res.status in ("pass", "info")
    return res


def _error(res: Result, st: _State, c: Claim) -> Result:
    code, msg, line = st.errors[c.id]
    res.status, res.code, res.message, res.expected = "error", code, msg, False
    res.error_line = line
    res.findings = []
    return res


def _evaluate(c: Claim, res: Result, q: Quantity | None, deps: list[str], st: _State, chinese: bool) -> None:
    expr = c.formula or c.check
    typed = None
    if expr is not None:
        # a formula's parse is used once: dropped here, a large file's trees are not all kept to the end
        typed = FM.compile_formula(res.formula, st.env, chinese, st.parsed.pop(c.id, None))
        res.substituted = _substitute(res.formula, st.shown, st.name_nodes.pop(c.id))
    style = q.style if q is not None else (typed.style if typed and typed.style else PLAIN)
    if c.kind == "check":
        assert typed is not None
        if typed.kind != "bool":
            raise ClaimError("CC209", f"a check must be a comparison, and '{res.formula}' is a "
                                      f"{(typed.kind == 'date' and 'date') or 'number'}",
                             expr.line)  # type: ignore[union-attr]
        finding, res.computed = _judge_check(c, typed, st, res.substituted)
        res.findings.append(finding)
        st.env[c.id] = typed
    elif typed is not None:
        if typed.kind != "num":
            raise ClaimError("CC209" if typed.kind == "bool" else "CC207",
                             f"a formula must give a number; '{res.formula}' gives a "
                             f"{'true/false value (write it as check:)' if typed.kind == 'bool' else 'date'}",
                             expr.line)  # type: ignore[union-attr]
        if q is not None:
            q = _as_delta(q, typed)
            res.quantity, style = q, q.style
            if q.unit.dim != typed.dim and not typed.zero:
                raise ClaimError("CC207", f"the formula gives {U.dim_name(typed.dim)} but the value is "
                                          f"{U.dim_name(q.unit.dim)} ('{q.text}')",
                                 expr.line)  # type: ignore[union-attr]
        computed = E.enclose(typed.tree, st.box)
        c_val = E.central(typed.tree, st.centrals)
        decimals = decimals_for(style.value_of(c_val), style.decimals + 1 if q is not None else 0)
        res.computed_value = show(c_val, style, decimals)
        res.computed_interval = "" if computed.is_point else show_interval(computed, style, decimals)
        res.computed = (f"{res.computed_value} ({res.computed_interval})" if res.computed_interval
                        else res.computed_value)
        if q is not None:
            shown = f"{res.computed_value} ({res.computed_interval or show_interval(computed, style, decimals)})"
            res.findings.append(_judge_derived(c, q, typed, computed, c_val, shown, st))
            _bind_stated(c.id, q, st)
        else:
            _bind_implied(c.id, typed, computed, c_val, style, decimals, st)
            res.status = "info"
    elif q is not None:
        _bind_stated(c.id, q, st)
    ref = st.quantities.get(c.id + "\0ref")
    if ref is not None:
        res.findings.append(_judge_reference(c, q, ref, st))
    if res.findings:
        worst = max(res.findings, key=lambda f: SEVERITY_ORDER[f.status])
        res.status = worst.status
        res.hints = [h for f in res.findings for h in f.hints]
        res.suggestions = [x for f in res.findings for x in f.suggestions]
        res.message = " ".join(f.message for f in res.findings if f.status != "pass") or worst.message
        if res.status == "pass":
            res.message = ""


def _as_delta(q: Quantity, typed: FM.Typed) -> Quantity:
    """A temperature compared with a difference of temperatures is itself a difference."""
    if q.unit.kind != "temperature" or typed.affine or not q.unit.offset:
        return q
    off = q.unit.offset
    iv = q.interval

    def shift(b: Bound) -> Bound:
        return b - off if isinstance(b, Fraction) else b

    st = Style(q.style.prefix, q.style.scale, q.style.scale_factor, q.style.unit, q.style.unit_factor,
               Fraction(0), q.style.decimals, q.style.grouped)
    return Quantity(q.text, Interval(shift(iv.lo), shift(iv.hi), iv.lo_open, iv.hi_open), q.central - off,
                    q.unit, st, q.qualifier, q.mantissa, q.half_width)


def _bind_stated(cid: str, q: Quantity, st: _State) -> None:
    kind = "date" if q.is_date else "num"
    st.env[cid] = FM.Typed(("var", cid), kind, q.unit.dim, q.style,
                           q.unit.kind == "temperature" and bool(q.unit.offset))
    st.box[cid], st.centrals[cid] = q.interval, q.central
    st.shown[cid] = q.text


def _bind_implied(cid: str, typed: FM.Typed, computed: Interval, c_val: Fraction, style: Style, decimals: int,
                  st: _State) -> None:
    if typed.size <= FM.MAX_INLINE_NODES:
        st.env[cid] = typed  # inlined: the inputs it shares with other formulas stay linked
    else:
        st.env[cid] = FM.Typed(("var", cid), "num", typed.dim, typed.style, typed.affine)
    st.box[cid], st.centrals[cid] = computed, c_val
    st.shown[cid] = show(c_val, style, decimals)
    st.styles[cid] = style


def _why_derived(res_value: str, c_text: str, formula: str) -> str:
    return f"computed {res_value} as {formula}; claimed {c_text}"


def _judge_derived(c: Claim, q: Quantity, typed: FM.Typed, computed: Interval, c_val: Fraction,
                   shown: str, st: _State) -> Finding:
    """`shown`: the computed value and its interval, as the report writes them."""
    s = q.interval
    formula = " ".join(c.formula.value.split())  # type: ignore[union-attr]
    if s.contains(c_val) or computed.within(s):
        return Finding("formula", "pass", _why_derived(shown, q.text, formula))
    if computed.meets(s):
        status: Status = "warn"
        # the near edge of the claimed interval: below it, the central value must rise to it
        if s.lo != -INF and c_val < s.lo:
            reach = Interval(s.lo, INF, s.lo_open, True)
        else:
            reach = Interval(-INF, s.hi, True, s.hi_open)
        hints = _hints(typed.tree, st, lambda cent: reach.contains(E.central(typed.tree, cent)))
        msg = (_why_derived(shown, q.text, formula) + ". "
               + _hint_text(hints, "holds only for some readings of the stated figures"))
        return Finding("formula", _severity(c, status), msg, tuple(hints))
    status = "fail"
    msg = _why_derived(shown, q.text, formula) + ". No reading of the stated figures supports it."

    def input_fits(name: str, q2: Quantity) -> bool:  # at the central values only: cheap
        try:
            return s.contains(E.central(typed.tree, {**cent, name: q2.central}))
        except (IntervalError, ZeroDivisionError):
            return False

    _, cent = _local(typed.tree, st)
    tips = suggest(q, _inputs(typed.tree, st),
                   lambda q2: (q2.unit.dim == q.unit.dim
                               and (q2.interval.contains(c_val) or computed.within(q2.interval))),
                   input_fits, st.about, E.size(typed.tree))
    tips[:0] = _points_or_percent(typed.tree, q, cent)
    return Finding("formula", _severity(c, status), msg, suggestions=tuple(tips))


def _points_or_percent(tree: FM.Tree, q: Quantity, cent: dict[str, Fraction]) -> list[str]:
    """A change of percentages claimed in the wrong kind: points for a relative change, or
    a relative change for points."""
    unit = q.style.unit.strip()
    if unit not in ("%", "pp", "个百分点", "ppt", "ppts", "points", "percentage points"):
        return []
    alternatives = []
    if tree[0] == "sub" and tree[2] != ("const", Fraction(1)):
        alternatives.append((("sub", ("div", tree[1], tree[2]), ("const", Fraction(1))),
                             "a relative change, not points"))
    if tree[0] == "sub" and tree[2] == ("const", Fraction(1)) and tree[1][0] == "div":
        alternatives.append((("sub", tree[1][1], tree[1][2]),
                             "a difference in percentage points, not a relative change"))
    out = []
    for alt, what in alternatives:
        try:
            value = E.central(alt, cent)
        except (IntervalError, ZeroDivisionError):
            continue
        if q.interval.contains(value):
            out.append(f"consistent if {q.text} were {what} (percent and percentage points confused)")
    return out


def _local(tree: FM.Tree, st: _State) -> tuple[dict[str, Interval], dict[str, Fraction]]:
    """The box and central values of the names a formula uses (not of the whole file)."""
    names = E.occurrences(tree)
    return ({n: st.box[n] for n in names if n in st.box}, {n: st.centrals[n] for n in names if n in st.centrals})


def _inputs(tree: FM.Tree, st: _State) -> dict[str, Quantity]:
    return {n: st.quantities[n] for n in E.occurrences(tree) if n in st.quantities}


def _judge_check(c: Claim, typed: FM.Typed, st: _State, shown: str) -> tuple[Finding, str]:
    t = E.truth(typed.tree, st.box, st.centrals)
    formula = " ".join(c.check.value.split())  # type: ignore[union-attr]
    if t.central or t.every:
        label = "holds" if t.every else "holds at the stated figures"
        return Finding("check", "pass", f"{formula} {label} ({shown})"), label
    if t.some:
        hints = _hints(typed.tree, st, lambda cent: E.central_truth(typed.tree, cent))
        return (Finding("check", _severity(c, "warn"),
                        f"check {formula} ({shown}) does not hold at the stated figures. "
                        + _hint_text(hints, "it holds only for some readings of them"),
                        tuple(hints)),
                "holds for some readings only")
    def holds(box: dict[str, Interval], cent: dict[str, Fraction], tree: FM.Tree = typed.tree) -> bool:
        try:
            t2 = E.truth(tree, box, cent)
        except (IntervalError, ZeroDivisionError):
            return False
        return t2.central or t2.every

    box, cent = _local(typed.tree, st)
    tips = suggest(None, _inputs(typed.tree, st), lambda q2: False,
                   lambda name, q2: holds({**box, name: q2.interval}, {**cent, name: q2.central}),
                   st.about, E.size(typed.tree))
    flipped = swap_comparison(formula)
    if flipped is not None:
        try:
            if holds(st.box, st.centrals, FM.compile_formula(flipped, st.env).tree):
                tips.insert(0, f"consistent if the relation were reversed, {flipped} (direction word reversed)")
        except FM.FormulaError:
            pass
    return (Finding("check", _severity(c, "fail"),
                    f"check {formula} ({shown}) holds for no reading of the stated figures.",
                    suggestions=tuple(tips)),
            "holds for no reading")


def _judge_reference(c: Claim, q: Quantity | None, ref: Quantity, st: _State) -> Finding:
    assert c.reference is not None
    src = c.reference.source or "the reference"
    if q is None:  # an implied figure: compare what it computes
        stated_iv, style, text = st.box[c.id], st.styles.get(c.id, ref.style), st.shown[c.id]
        q_dim = st.env[c.id].dim
    else:
        stated_iv, style, text, q_dim = q.interval, q.style, q.text, q.unit.dim
    if q_dim != ref.unit.dim:
        raise ClaimError("CC207", f"the reference {ref.text} is {U.dim_name(ref.unit.dim)} "
                                  f"but the claim is {U.dim_name(q_dim)}", c.reference.value.line)
    same_style = ref.style.scale == style.scale and ref.style.unit == style.unit and ref.style.prefix == style.prefix
    converted = "" if same_style else (
        f" = {show_interval(ref.interval, style, max(decimals_for(style.value_of(ref.central)), style.decimals + 1))}")
    if stated_iv.meets(ref.interval):
        return Finding("reference", "pass", f"{src} gives {ref.text}{converted}, consistent with {text}.")
    tips: list[str] = []
    if q is not None:
        tips = suggest(q, {}, lambda q2: q2.unit.dim == ref.unit.dim and q2.interval.meets(ref.interval),
                       lambda name, q2: False, st.about)
    return Finding("reference", _severity(c, "fail"), suggestions=tuple(tips), message=
                   f"{src} gives {ref.text}{converted}; the article's {text} "
                   f"({q.interval_text if q else show_interval(stated_iv, style)}) "
                   "cannot be reconciled with it.")


def _severity(c: Claim, status: Status) -> Status:
    return "warn" if status == "fail" and c.severity == "warn" else status


# --- what would make it hold ------------------------------------------------------------


_STEPS: Final = tuple(Fraction(n, d) for n, d in ((1, 1000), (1, 300), (1, 100), (1, 30), (1, 10), (3, 10), (1, 1),
                                                   (3, 1), (10, 1), (100, 1)))


# A warn's hints search the value each stated figure under the formula (those inside implied
# figures included) would need, in about fifty computations of the formula each: past this
# many figures the search would cost figures² (a warn on a sum of 120 figures: a second), and
# the hints would not be read.  Such a warn says "holds only for some readings".
MAX_HINT_INPUTS: Final = 24


def _hints(tree: FM.Tree, st: _State, holds: Callable[[dict[str, Fraction]], bool]) -> list[str]:
    """For each input, the value it would need for the claim to hold with the other
    inputs at their central values (searched beyond the stated interval if need be)."""
    out: list[str] = []
    names = E.occurrences(tree)
    if len(names) > MAX_HINT_INPUTS:
        return out
    _, local = _local(tree, st)
    for name in names:
        iv = st.box.get(name)
        if iv is None or name == "published" or name not in st.quantities:
            continue
        q = st.quantities[name]
        base = dict(local)

        def at(x: Fraction, name: str = name, base: dict[str, Fraction] = base) -> bool:
            base[name] = x
            try:
                return holds(base)
            except (IntervalError, ZeroDivisionError):
                return False
            finally:
                base[name] = st.centrals[name]

        cv = st.centrals[name]
        width = cast(Fraction, iv.hi - iv.lo) if iv.bounded else Fraction(0)  # bounded: both ends are Fractions
        span = Fraction(365 * 86400) if q.is_date else max(abs(cv), width)
        if not span:
            continue
        found = None
        for step in _STEPS:
            for sign, word in ((1, "≥"), (-1, "≤")):
                x = cv + sign * step * span
                if at(x):
                    found = (x, word)
                    break
            if found:
                break
        if found is None:
            continue
        good, word = found
        bad = cv
        fine = abs(good - bad) / 2**34
        for _ in range(_HINT_STEPS):
            if abs(good - bad) <= fine:
                break
            mid = (good + bad) / 2
            if mid.denominator > 10**15:
                mid = Fraction(round(mid * 10**15), 10**15)
            if at(mid):
                good = mid
            else:
                bad = mid
        if q.is_date:
            shown = show(good, q.style)
        else:
            digits = decimals_for(q.style.value_of(good), 0, sig=4)
            scaled = q.style.value_of(good)
            snapped = round(scaled * 10**digits)
            exact = abs(snapped - scaled * 10**digits) < Fraction(1, 10**6)
            rounding = ROUND_HALF_EVEN if exact else (ROUND_CEILING if word == "≥" else ROUND_FLOOR)
            if digits:
                shown = re.sub(r"(\d)\.?0+(?=\D*$)|(\.\d*?[1-9])0+(?=\D*$)",
                               lambda m: m.group(1) or m.group(2), show(good, q.style, digits, rounding))
            else:
                shown = show(good, q.style, 0, rounding)
        inside = "" if iv.contains(good) else _OUTSIDE
        out.append(f"{name} {word} {shown} (stated {q.text}{inside})")
    return out


def _hint_text(hints: list[str], fallback: str) -> str:
    if not hints:
        return f"It {fallback}." if not fallback.startswith("it ") else f"{fallback[0].upper()}{fallback[1:]}."
    if all(h.endswith(_OUTSIDE + ")") for h in hints):
        # no input alone can carry it within its range: only readings near the ends together do
        return ("It holds only when the stated figures sit near the ends of their ranges together; "
                "at the others' central values it would need " + ", or ".join(hints) + ".")
    return "Holds only if " + ", or ".join(hints) + " — each alone, the other figures as stated."


_OUTSIDE: Final = ", outside its stated range"


# --- showing a formula with its inputs' values ---------------------------------------------


def _substitute(formula: str, shown: dict[str, str], name_nodes: list[ast.Name]) -> str:
    """The formula with its inputs' values written in; `name_nodes`: the names of its parse."""
    formula = FM.to_python(formula)
    raw = formula.encode("utf-8")
    spots = sorted(
        ((n.col_offset, n.end_col_offset or n.col_offset, n.id) for n in name_nodes
         if n.id in shown and n.lineno == 1),
        reverse=True,
    )
    for start, end, name in spots:
        raw = raw[:start] + shown[name].encode("utf-8") + raw[end:]
    return FM.from_python(raw.decode("utf-8"))
