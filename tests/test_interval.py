"""Exact interval arithmetic and the enclosure of formulas with repeated inputs."""

from __future__ import annotations

from fractions import Fraction as F

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from claimcheck.evaluate import enclose, interval, truth
from claimcheck.interval import INF, Interval, IntervalError

I = Interval


@pytest.mark.parametrize("a, b, op, want", [
    (I(F(1), F(2)), I(F(3), F(4)), "add", I(F(4), F(6))),
    (I(F(1), F(2)), I(F(3), F(4)), "sub", I(F(-3), F(-1))),
    (I(F(-1), F(2)), I(F(3), F(4)), "mul", I(F(-4), F(8))),
    (I(F(1), F(2)), I(F(4), F(8)), "div", I(F(1, 8), F(1, 2))),
    (I(F(1), INF, True, True), I(F(2), F(2)), "mul", I(F(2), INF, True, True)),
    (I(F(0), F(1)), I(F(1), INF, False, True), "mul", I(F(0), INF, False, True)),
])
def test_arithmetic(a: Interval, b: Interval, op: str, want: Interval) -> None:
    got = {"add": a + b, "sub": a - b, "mul": a * b, "div": a / b}[op]
    assert got == want


def test_open_bounds_propagate() -> None:
    assert (I(F(1), F(2), True, False) + I(F(1), F(1))).lo_open
    assert not (I(F(1), F(2), True, False) + I(F(1), F(1))).hi_open


@pytest.mark.parametrize("divisor", [I(F(-1), F(1)), I(F(0), F(1)), I(-INF, F(5), True, False), I(F(0), F(0))])
def test_division_by_interval_containing_zero(divisor: Interval) -> None:
    with pytest.raises(IntervalError) as exc:
        I(F(1), F(2)) / divisor
    assert exc.value.code == "CC208"


def test_division_by_open_zero_is_unbounded() -> None:
    got = I(F(1), F(2)) / I(F(0), F(1), True, False)
    assert got.lo == 1 and got.hi == INF


def test_sqrt_encloses() -> None:
    got = I(F(2), F(2)).sqrt()
    assert got.lo * got.lo <= 2 <= got.hi * got.hi
    assert got.hi - got.lo < F(1, 10**40)
    assert I(F(4), F(9)).sqrt() == I(F(2), F(3))


def test_exponent_limit() -> None:
    with pytest.raises(IntervalError) as exc:
        I(F(2), F(3)).pow(I(F(101), F(101)))
    assert exc.value.code == "CC210"


def test_magnitude_limit() -> None:
    with pytest.raises(IntervalError):
        I(F(10) ** 600, F(10) ** 600) * I(F(10) ** 600, F(10) ** 600)


V = lambda n: ("var", n)  # noqa: E731


def test_repeated_input_is_exact_when_monotone() -> None:
    # (a - b) / a with a in [1.65, 1.75], b in [0.31785, 0.31795]: naive interval
    # arithmetic overestimates; the monotone enclosure is the exact range.
    box = {"a": I(F("1.65"), F("1.75")), "b": I(F("0.31785"), F("0.31795"))}
    tree = ("div", ("sub", V("a"), V("b")), V("a"))
    naive = interval(tree, box)
    tight = enclose(tree, box)
    exact_lo = (F("1.65") - F("0.31795")) / F("1.65")
    exact_hi = (F("1.75") - F("0.31785")) / F("1.75")
    assert (tight.lo, tight.hi) == (exact_lo, exact_hi)
    assert naive.lo < exact_lo and naive.hi > exact_hi


def test_non_monotone_repeated_input_is_still_sound() -> None:
    # x * (1 - x) over [0, 1] peaks at 1/4 in the middle
    box = {"x": I(F(0), F(1))}
    got = enclose(("mul", V("x"), ("sub", ("const", F(1)), V("x"))), box)
    assert got.lo <= 0 and got.hi >= F(1, 4)
    assert got.hi < F(3, 10)  # much tighter than naive [0, 1]


def test_truth_three_valued() -> None:
    box = {"a": I(F(1), F(3)), "b": I(F(2), F(4))}
    cent = {"a": F(2), "b": F(3)}
    t = truth(("cmp", "<", V("a"), V("b")), box, cent)
    assert (t.central, t.every, t.some) == (True, False, True)
    t = truth(("cmp", ">", V("a"), V("b")), box, cent)
    assert (t.central, t.every, t.some) == (False, False, True)
    t = truth(("cmp", ">", V("a"), ("add", V("b"), ("const", F(5)))), box, cent)
    assert (t.central, t.every, t.some) == (False, False, False)
    t = truth(("cmp", "==", V("a"), V("b")), box, cent)
    assert (t.central, t.some) == (True, True)  # 3 lies in [1, 3]
    t = truth(("not", ("cmp", "<", V("a"), V("b"))), box, cent)
    assert (t.central, t.every, t.some) == (False, False, True)


def test_same_input_on_both_sides_of_a_comparison() -> None:
    # a < a + b with b > 0 holds for every reading, whatever a's width
    box = {"a": I(F(1), F(100)), "b": I(F(1, 10), F(1, 5))}
    t = truth(("cmp", "<", V("a"), ("add", V("a"), V("b"))), box, {"a": F(50), "b": F(3, 20)})
    assert t.every


_ends = st.fractions(min_value=-50, max_value=50, max_denominator=7)


@st.composite
def _intervals(draw: st.DrawFn) -> Interval:
    a, b = sorted((draw(_ends), draw(_ends)))
    if a == b:
        return Interval(a, b)
    return Interval(a, b, draw(st.booleans()), draw(st.booleans()))


@settings(deadline=None, max_examples=500)
@given(x=_intervals(), y=_intervals())
def test_product_fast_path_is_the_general_rule(x: Interval, y: Interval) -> None:
    """Four finite non-zero ends take a shortcut past _mul_end: the same interval."""
    from claimcheck.interval import _hi_key, _lo_key, _mul_end

    ends = [_mul_end(p, q) for p in ((x.lo, x.lo_open), (x.hi, x.hi_open))
            for q in ((y.lo, y.lo_open), (y.hi, y.hi_open))]
    lo, hi = min(ends, key=_lo_key), max(ends, key=_hi_key)
    assert x * y == Interval(lo[0], hi[0], lo[1], hi[1])
