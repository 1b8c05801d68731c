"""Properties, over random inputs (hypothesis):

- the enclosure of a formula contains the formula's value at every point of its inputs'
  intervals (soundness), repeated inputs included;
- a stated figure shown in its own style reads back as the same figure;
- the formula compiler and evaluator, fed any text or any Python expression, either
  succeed or raise claimcheck's own errors (FormulaError, IntervalError), nothing else.
"""

from __future__ import annotations

import decimal
from fractions import Fraction
from typing import Any, Final

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from claimcheck import evaluate as E
from claimcheck import formula as FM
from claimcheck import units as U
from claimcheck.interval import Interval, IntervalError
from claimcheck.quantity import QUALIFIER_WORDS, parse_quantity, show

FAST: Final = settings(deadline=None, suppress_health_check=[HealthCheck.too_slow])
VARS: Final = ("x", "y", "z")

# --- (a) the enclosure is sound ----------------------------------------------------------------

small = st.fractions(min_value=-20, max_value=20, max_denominator=8)


@st.composite
def boxes(draw: Any) -> dict[str, Interval]:
    out = {}
    for v in VARS:
        a, b = sorted((draw(small), draw(small)))
        out[v] = Interval(a, b)
    return out


def _trees() -> st.SearchStrategy[tuple]:
    leaves = st.one_of(st.sampled_from([("var", v) for v in VARS]), small.map(lambda f: ("const", f)))

    def grow(kids: st.SearchStrategy[tuple]) -> st.SearchStrategy[tuple]:
        return st.one_of(
            st.tuples(st.sampled_from(["add", "sub", "mul", "div"]), kids, kids),
            st.tuples(st.sampled_from(["neg", "abs", "sqrt"]), kids),
            st.tuples(st.just("pow"), kids, st.integers(-3, 4).map(lambda k: ("const", Fraction(k)))),
            st.builds(lambda op, ks: (op, *ks), st.sampled_from(["min", "max"]), st.lists(kids, min_size=2, max_size=3)),
        )

    return st.recursive(leaves, grow, max_leaves=8)


class Undefined(Exception):
    pass


def _exact(tree: tuple, point: dict[str, Fraction]) -> Fraction:
    """The formula at a point, with Fractions (square roots to 100+ digits)."""
    op = tree[0]
    if op == "const":
        return tree[1]
    if op == "var":
        return point[tree[1]]
    args = [_exact(t, point) for t in tree[1:]]
    if op == "add":
        return args[0] + args[1]
    if op == "sub":
        return args[0] - args[1]
    if op == "mul":
        return args[0] * args[1]
    if op == "div":
        if args[1] == 0:
            raise Undefined
        return args[0] / args[1]
    if op == "neg":
        return -args[0]
    if op == "abs":
        return abs(args[0])
    if op == "sqrt":
        return _sqrt_exact(args[0])
    if op == "pow":
        k = int(args[1])
        if args[0] == 0 and k < 0:
            raise Undefined
        return args[0] ** k
    return min(args) if op == "min" else max(args)


def _sqrt_exact(v: Fraction) -> Fraction:
    if v < 0:
        raise Undefined
    with decimal.localcontext() as ctx:
        ctx.prec = 120
        return Fraction(decimal.Decimal(v.numerator).sqrt() / decimal.Decimal(v.denominator).sqrt()) if v else Fraction(0)


def _has_sqrt(tree: tuple) -> bool:
    return tree[0] == "sqrt" or any(isinstance(t, tuple) and _has_sqrt(t) for t in tree[1:])


@settings(FAST, max_examples=200)
@given(tree=_trees(), box=boxes(), data=st.data())
def test_enclosure_contains_every_value(tree: tuple, box: dict[str, Interval], data: Any) -> None:
    try:
        enclosure = E.enclose(tree, box)
    except IntervalError:
        return  # the formula has no value over the whole box (a divisor that can be 0 ...)
    slack = Fraction(1, 10**40) if _has_sqrt(tree) else Fraction(0)
    for _ in range(4):
        point = {}
        for v in VARS:
            iv = box[v]
            point[v] = data.draw(st.one_of(st.just(iv.lo), st.just(iv.hi), st.just(iv.midpoint()),
                                           st.fractions(iv.lo, iv.hi, max_denominator=50)), label=v)
        try:
            value = _exact(tree, point)
        except Undefined:
            continue
        eps = slack * (1 + abs(value))
        if eps:
            assert enclosure.lo - eps <= value <= enclosure.hi + eps, (tree, point, value, enclosure)
        else:
            assert enclosure.contains(value), (tree, point, value, enclosure)


def _by_intervals(tree: tuple, point: dict[str, Fraction]) -> Fraction | str:
    """The central value the slow way (interval arithmetic on points), or the error code."""
    try:
        return E.interval(tree, {k: Interval.point(v) for k, v in point.items()}).midpoint()
    except IntervalError as exc:
        return exc.code


@settings(FAST, max_examples=300)
@given(tree=_trees(), data=st.data())
def test_central_value_is_interval_arithmetic_on_points(tree: tuple, data: Any) -> None:
    """E.central computes in exact fractions; it must give what point intervals give,
    the same value or the same error (a root falls back to the intervals)."""
    point = {v: data.draw(st.one_of(small, st.just(Fraction(0)), st.fractions(max_denominator=10**6)), label=v)
             for v in VARS}
    try:
        fast: Fraction | str = E.central(tree, point)
    except IntervalError as exc:
        fast = exc.code
    assert fast == _by_intervals(tree, point), tree


@settings(FAST, max_examples=150)
@given(tree=_trees(), other=_trees(), sym=st.sampled_from(["<", "<=", ">", ">=", "==", "!="]),
       op=st.sampled_from([None, "not", "and", "or"]), data=st.data())
def test_central_truth_is_truth_at_the_points(tree: tuple, other: tuple, sym: str, op: str | None,
                                              data: Any) -> None:
    check: tuple = ("cmp", sym, tree, other)
    if op == "not":
        check = ("not", check)
    elif op is not None:
        check = (op, check, ("cmp", "<", other, tree))
    point = {v: data.draw(small, label=v) for v in VARS}

    def answer(f: Any) -> bool | str:
        try:
            return bool(f())
        except IntervalError as exc:
            return exc.code

    slow = answer(lambda: E.truth(check, {k: Interval.point(v) for k, v in point.items()}, point).central)
    assert answer(lambda: E.central_truth(check, point)) == slow, check


def test_central_value_limits() -> None:
    big = {"x": Fraction(10) ** 600}
    x = ("var", "x")
    for tree in [("mul", x, x), ("div", ("const", Fraction(1)), ("mul", x, x)),
                 ("pow", ("var", "x"), ("const", Fraction(2))), ("pow", ("var", "x"), ("const", Fraction(-2))),
                 ("pow", ("var", "x"), ("const", Fraction(101))), ("div", ("var", "x"), ("const", Fraction(0))),
                 ("pow", ("const", Fraction(0)), ("const", Fraction(-1))), ("sqrt", ("neg", ("var", "x")))]:
        with pytest.raises(IntervalError) as exc:
            E.central(tree, big)
        assert exc.value.code == _by_intervals(tree, big), tree
    for point in ({"x": Fraction(2)}, {"x": Fraction(-2)}, {"x": Fraction(0)}):  # a fractional power: by intervals
        tree = ("pow", ("var", "x"), ("const", Fraction(1, 2)))
        try:
            fast: Fraction | str = E.central(tree, point)
        except IntervalError as exc2:
            fast = exc2.code
        assert fast == _by_intervals(tree, point)


@settings(FAST, max_examples=80)
@given(box=boxes(), data=st.data())
def test_repeated_inputs_are_still_sound(box: dict[str, Interval], data: Any) -> None:
    """(x - y) / x, x * x - x, growth-like forms: the inputs appear more than once."""
    x, y = ("var", "x"), ("var", "y")
    tree = data.draw(st.sampled_from([
        ("div", ("sub", x, y), x), ("sub", ("mul", x, x), x), ("sub", ("div", x, y), ("const", Fraction(1))),
        ("add", ("mul", x, y), ("mul", x, ("neg", y))), ("max", x, ("neg", x), ("mul", x, y)),
        ("div", x, ("add", x, ("abs", y))), ("sub", ("pow", x, ("const", Fraction(3))), ("mul", x, ("abs", x))),
    ]))
    try:
        enclosure = E.enclose(tree, box)
    except IntervalError:
        return
    for _ in range(5):
        point = {v: data.draw(st.fractions(box[v].lo, box[v].hi, max_denominator=100)) for v in VARS}
        try:
            value = _exact(tree, point)
        except Undefined:
            continue
        assert enclosure.contains(value), (tree, point, value, enclosure)


# --- (b) a figure shown in its own style reads back as itself -------------------------------------

STYLES: Final = ["{x}亿", "{x}%", "${x} billion", "{x} million USD", "{x}万亿港元", "HK$ {x} billion", "{x} km",
                 "{x}分钟", "{x}pp", "{x}倍", "{x} users", "US${x}m", "{x}亿元人民币", "{x} kWh"]
QUALIFIERS: Final = ["", ">", ">=", "<", "<=", "~", "nearly "]


@st.composite
def written_numbers(draw: Any) -> str:
    whole = draw(st.integers(0, 10**9))
    grouped = draw(st.booleans()) and whole >= 1000
    head = f"{whole:,}" if grouped else str(whole)
    decimals = draw(st.integers(0, 4))
    tail = "".join(draw(st.lists(st.sampled_from("0123456789"), min_size=decimals, max_size=decimals)))
    return head + ("." + tail if tail else "")


@settings(FAST, max_examples=300)
@given(x=written_numbers(), style=st.sampled_from(STYLES), qualifier=st.sampled_from(QUALIFIERS),
       negative=st.booleans())
def test_quantity_round_trips_through_display(x: str, style: str, qualifier: str, negative: bool) -> None:
    text = qualifier + ("-" if negative else "") + style.format(x=x)
    q = parse_quantity(text)
    word = QUALIFIER_WORDS[q.qualifier]

    def reread(shown: str) -> Any:
        return parse_quantity(f"{word} {shown}" if word else shown)

    # shown with the digits it was written with: the very same figure
    shown = show(q.central, q.style, q.style.decimals)
    again = reread(shown)
    assert (again.central, again.interval, again.unit, again.style) == (q.central, q.interval, q.unit, q.style), (text, shown)
    # shown as messages show it (at least three significant digits): the same value, no looser
    shown = show(q.central, q.style)
    again = reread(shown)
    assert again.central == q.central and again.unit == q.unit, (text, shown)
    assert again.interval.within(q.interval), (text, shown)


# --- (c) the compiler and evaluator raise only their own errors ------------------------------------

USD: Final = U.lookup("USD")
assert USD is not None
ENV: Final[dict[str, FM.Typed]] = {
    "a": FM.Typed(("var", "a"), "num", USD.dim),
    "b": FM.Typed(("var", "b"), "num", USD.dim),
    "p": FM.Typed(("var", "p"), "num", U.NONE),
    "n": FM.Typed(("var", "n"), "num", U.NONE),
    "t": FM.Typed(("var", "t"), "num", U.TIME),
    "d": FM.Typed(("var", "d"), "date", U.DATE),
    "published": FM.Typed(("var", "published"), "date", U.DATE),
}
BOX: Final = {"a": Interval(Fraction(11, 10), Fraction(13, 10)), "b": Interval(Fraction(-1), Fraction(2)),
              "p": Interval(Fraction(1, 4), Fraction(3, 4)), "n": Interval(Fraction(0), Fraction(0)),
              "t": Interval(Fraction(3600), Fraction(7200)), "d": Interval(Fraction(0), Fraction(86400)),
              "published": Interval(Fraction(86400), Fraction(2 * 86400))}
CENTRALS: Final = {k: v.midpoint() for k, v in BOX.items()}

TOKENS: Final = [
    "a", "b", "p", "n", "t", "d", "published", "x", "_", "__class__", "__import__", "os", "growth", "share", "sum",
    "min", "max", "abs", "sqrt", "cagr", "margin_of_error", "days_between", "years_between", "open", "eval",
    "0", "1", "2", "0.5", "1e3", "1e-3", "100", "1_000", "0x1f", "1j", "1e400", "50%", "5 %", "'s'", '"s"', "b'x'",
    "f'{a}'", "True", "None", "...", "+", "-", "*", "/", "**", "//", "%", "@", "<<", "&", "|", "^", "~", "<", "<=",
    ">", ">=", "==", "!=", "in", "not", "and", "or", "is", "if", "else", "lambda", "for", ":", ":=", ",", ".",
    "(", ")", "[", "]", "{", "}", "=", "p=", "*a", "**a", "await", "yield", "#", "\\", "\n", "\t", "\x00", "−", "（",
]


def _compile_and_evaluate(text: str) -> None:
    try:
        typed = FM.compile_formula(text, ENV)
        if typed.kind == "bool":
            E.truth(typed.tree, BOX, CENTRALS)
        elif typed.kind == "num":
            E.enclose(typed.tree, BOX)
            E.central(typed.tree, CENTRALS)
    except (FM.FormulaError, IntervalError) as exc:
        assert isinstance(getattr(exc, "code", None), str) and exc.code.startswith("CC"), exc


@settings(FAST, max_examples=400)
@given(st.text(max_size=60))
def test_any_text_gives_a_formula_or_a_formula_error(text: str) -> None:
    _compile_and_evaluate(text)


@settings(FAST, max_examples=400)
@given(st.lists(st.sampled_from(TOKENS), max_size=14).map(" ".join))
def test_any_tokens_give_a_formula_or_a_formula_error(text: str) -> None:
    _compile_and_evaluate(text)


def _expressions() -> st.SearchStrategy[str]:
    """Python expressions of every kind, allowed or not: the compiler's input space."""
    leaves = st.sampled_from(["a", "b", "p", "n", "t", "d", "published", "x", "0", "1", "2.5", "1e3", "100",
                              "'s'", "None", "True", "...", "50%"])

    def grow(e: st.SearchStrategy[str]) -> st.SearchStrategy[str]:
        binop = st.sampled_from(["+", "-", "*", "/", "**", "//", "%", "@", "<<", "&"])
        cmp = st.sampled_from(["<", "<=", ">", ">=", "==", "!=", "in", "is", "not in"])
        fn = st.sampled_from(["growth", "share", "sum", "min", "max", "abs", "sqrt", "cagr", "margin_of_error",
                              "days_between", "weeks_between", "months_between", "years_between", "open", "x", "a"])
        return st.one_of(
            st.builds(lambda l, o, r: f"({l} {o} {r})", e, binop, e),
            st.builds(lambda l, o, r: f"({l} {o} {r})", e, cmp, e),
            st.builds(lambda l, o, r: f"({l} {o} {r})", e, st.sampled_from(["and", "or"]), e),
            st.builds(lambda o, x: f"({o}{x})", st.sampled_from(["-", "+", "not ", "~"]), e),
            st.builds(lambda f, xs: f"{f}({', '.join(xs)})", fn, st.lists(e, max_size=3)),
            st.builds(lambda x: f"margin_of_error({x}, p={x})", e),
            st.builds(lambda x: f"{x}.real", e),
            st.builds(lambda x, i: f"{x}[{i}]", e, e),
            st.builds(lambda x: f"(lambda: {x})()", e),
            st.builds(lambda x, y: f"[{x} for x in {y}]", e, e),
            st.builds(lambda x, y, z: f"({x} if {y} else {z})", e, e, e),
            st.builds(lambda x: f"(x := {x})", e),
            st.builds(lambda x, y: f"({x}, {y})", e, e),
            st.builds(lambda x: f"{{{x}}}", e),
        )

    return st.recursive(leaves, grow, max_leaves=10)


@settings(FAST, max_examples=500)
@given(_expressions())
def test_any_expression_gives_a_formula_or_a_formula_error(text: str) -> None:
    _compile_and_evaluate(text)


def _allowed_expressions() -> st.SearchStrategy[str]:
    """Expressions of the whitelist only, so that most compile and the evaluator runs."""
    leaves = st.sampled_from(["a", "b", "p", "n", "t", "d", "published", "0", "1", "2.5", "100", "1e3", "50%", "0.001"])

    def grow(e: st.SearchStrategy[str]) -> st.SearchStrategy[str]:
        return st.one_of(
            st.builds(lambda l, o, r: f"({l} {o} {r})", e, st.sampled_from(["+", "-", "*", "/"]), e),
            st.builds(lambda l, k: f"({l} ** {k})", e, st.sampled_from(["2", "3", "-1", "0.5", "p", "n"])),
            st.builds(lambda l, o, r: f"({l} {o} {r})", e, st.sampled_from(["<", "<=", ">", ">=", "==", "!="]), e),
            st.builds(lambda l, o, r: f"({l} {o} {r})", e, st.sampled_from(["and", "or"]), e),
            st.builds(lambda o, x: f"({o}{x})", st.sampled_from(["-", "not "]), e),
            st.builds(lambda f, x, y: f"{f}({x}, {y})", st.sampled_from(["growth", "share", "days_between", "years_between"]), e, e),
            st.builds(lambda f, xs: f"{f}({', '.join(xs)})", st.sampled_from(["sum", "min", "max"]), st.lists(e, min_size=1, max_size=3)),
            st.builds(lambda f, x: f"{f}({x})", st.sampled_from(["abs", "sqrt", "margin_of_error"]), e),
            st.builds(lambda x, y, z: f"cagr({x}, {y}, {z})", e, e, e),
        )

    return st.recursive(leaves, grow, max_leaves=8)


@settings(FAST, max_examples=400)
@given(_allowed_expressions())
def test_any_allowed_expression_evaluates_or_gives_a_claimcheck_error(text: str) -> None:
    _compile_and_evaluate(text)
