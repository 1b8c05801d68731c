"""Exact interval arithmetic over the extended rationals.

Bounds are `Fraction`s or the two infinities (`INF`, `-INF`, float sentinels that
only ever meet comparisons and sign tests).  Each bound carries whether it is open.
Irrational results (square roots, fractional powers) are enclosed outward: the
interval returned always contains the true one.
"""

from __future__ import annotations

import decimal
from fractions import Fraction
from typing import Final, NamedTuple, cast

INF: Final = float("inf")
Bound = Fraction | float  # a Fraction, INF or -INF

MAX_MAGNITUDE: Final = Fraction(10) ** 1000
MIN_MAGNITUDE: Final = Fraction(1, 10**1000)
_DIGITS: Final = 60  # working precision of irrational operations
_WIDEN: Final = Fraction(1, 10**50)


class IntervalError(ArithmeticError):
    """An operation has no meaning on these intervals (the message says why)."""

    def __init__(self, code: str, message: str) -> None:
        super().__init__(message)
        self.code = code


class Interval(NamedTuple):
    """A closed, open or half-open interval.  A tuple, so that the millions made while
    judging a large file are cheap to build; its operators are interval arithmetic."""

    lo: Bound
    hi: Bound
    lo_open: bool = False
    hi_open: bool = False

    # --- construction -------------------------------------------------------
    @staticmethod
    def point(x: Fraction | int) -> Interval:
        f = Fraction(x)
        return Interval(f, f)

    @staticmethod
    def whole() -> Interval:
        return Interval(-INF, INF, True, True)

    # --- predicates ------------------------------------------------------------
    @property
    def is_point(self) -> bool:
        return self.lo == self.hi and not (self.lo_open or self.hi_open)

    @property
    def bounded(self) -> bool:
        return self.lo != -INF and self.hi != INF

    def is_empty(self) -> bool:
        if self.lo > self.hi:
            return True
        return self.lo == self.hi and (self.lo_open or self.hi_open)

    def contains(self, x: Bound) -> bool:
        if x < self.lo or (x == self.lo and self.lo_open):
            return False
        return not (x > self.hi or (x == self.hi and self.hi_open))

    def contains_zero(self) -> bool:
        return self.contains(Fraction(0))

    def meets(self, other: Interval) -> bool:
        """True when the two intervals share at least one point."""
        return not self.intersect(other).is_empty()

    def within(self, other: Interval) -> bool:
        """True when every point of self lies in other."""
        lo_ok = self.lo > other.lo or (
            self.lo == other.lo and (self.lo_open or not other.lo_open)
        )
        hi_ok = self.hi < other.hi or (
            self.hi == other.hi and (self.hi_open or not other.hi_open)
        )
        return lo_ok and hi_ok

    def intersect(self, other: Interval) -> Interval:
        lo, lo_open = _max_bound((self.lo, self.lo_open), (other.lo, other.lo_open))
        hi, hi_open = _min_bound((self.hi, self.hi_open), (other.hi, other.hi_open))
        return Interval(lo, hi, lo_open, hi_open)

    def hull(self, other: Interval) -> Interval:
        lo, lo_open = _min_bound((self.lo, self.lo_open), (other.lo, other.lo_open))
        hi, hi_open = _max_bound((self.hi, self.hi_open), (other.hi, other.hi_open))
        return Interval(lo, hi, lo_open, hi_open)

    def midpoint(self) -> Fraction:
        """A representative point: the middle, or the finite end of a ray."""
        if isinstance(self.lo, Fraction) and isinstance(self.hi, Fraction):
            return (self.lo + self.hi) / 2
        if isinstance(self.lo, Fraction):
            return self.lo
        if isinstance(self.hi, Fraction):
            return self.hi
        return Fraction(0)

    # --- arithmetic ------------------------------------------------------------
    def __neg__(self) -> Interval:
        return Interval(-self.hi, -self.lo, self.hi_open, self.lo_open)

    def __add__(self, other: Interval) -> Interval:  # type: ignore[override]
        return _checked(
            Interval(
                _add(self.lo, other.lo),
                _add(self.hi, other.hi),
                self.lo_open or other.lo_open,
                self.hi_open or other.hi_open,
            )
        )

    def __sub__(self, other: Interval) -> Interval:
        return self + (-other)

    def __mul__(self, other: Interval) -> Interval:  # type: ignore[override]
        a, b, c, d = self.lo, self.hi, other.lo, other.hi
        if type(a) is type(b) is type(c) is type(d) is Fraction and a and b and c and d:
            # the usual case, four finite non-zero ends: _mul_end's products, without its cases
            ao, bo, co, do = self.lo_open, self.hi_open, other.lo_open, other.hi_open
            ends = ((a * c, ao or co), (a * d, ao or do), (b * c, bo or co), (b * d, bo or do))
            low = min(ends, key=_lo_key)
            high = max(ends, key=_hi_key)
            return _checked(Interval(low[0], high[0], low[1], high[1]))
        cands = [
            _mul_end((a, ao), (b, bo))
            for a, ao in ((self.lo, self.lo_open), (self.hi, self.hi_open))
            for b, bo in ((other.lo, other.lo_open), (other.hi, other.hi_open))
        ]
        lo = min(cands, key=_lo_key)
        hi = max(cands, key=_hi_key)
        return _checked(Interval(lo[0], hi[0], lo[1], hi[1]))

    def reciprocal(self) -> Interval:
        if self.contains_zero():
            raise IntervalError("CC208", "division by an interval that contains zero")
        lo = _recip_end(self.hi, self.hi_open)
        hi = _recip_end(self.lo, self.lo_open)
        return _checked(Interval(lo[0], hi[0], lo[1], hi[1]))

    def __truediv__(self, other: Interval) -> Interval:
        return self * other.reciprocal()

    def abs(self) -> Interval:
        if self.lo >= 0:
            return self
        if self.hi <= 0:
            return -self
        hi, hi_open = _max_bound((-self.lo, self.lo_open), (self.hi, self.hi_open))
        return Interval(Fraction(0), hi, False, hi_open)

    def sqrt(self) -> Interval:
        if self.lo < 0:
            raise IntervalError("CC212", "square root of a negative number")
        return Interval(
            _root_bound(self.lo, down=True), _root_bound(self.hi, down=False),
            self.lo_open, self.hi_open,
        )

    def pow_int(self, n: int) -> Interval:
        if n == 0:
            return Interval.point(1)
        if n < 0:
            return self.pow_int(-n).reciprocal()
        ends = [_pow_end(b, o, n) for b, o in ((self.lo, self.lo_open), (self.hi, self.hi_open))]
        if n % 2 == 0 and self.contains_zero():
            hi = max(ends, key=_hi_key)
            return _checked(Interval(Fraction(0), hi[0], False, hi[1]))
        lo = min(ends, key=_lo_key)
        hi = max(ends, key=_hi_key)
        return _checked(Interval(lo[0], hi[0], lo[1], hi[1]))

    def pow(self, exponent: Interval) -> Interval:
        """self ** exponent; a non-integer exponent needs a positive base."""
        if max(_abs(exponent.lo), _abs(exponent.hi)) > 100:
            raise IntervalError("CC210", "an exponent of magnitude over 100")
        if exponent.is_point and isinstance(exponent.lo, Fraction):
            e = exponent.lo
            if e.denominator == 1:
                return self.pow_int(int(e))
        if self.lo < 0 or (self.lo == 0 and not self.lo_open):
            raise IntervalError("CC212", "a fractional power needs a positive base")
        # x**y = exp(y ln x) is bilinear in (y, ln x): its extremes lie at corners.
        cands = [
            _real_pow(b, bo, e, eo)
            for b, bo in ((self.lo, self.lo_open), (self.hi, self.hi_open))
            for e, eo in ((exponent.lo, exponent.lo_open), (exponent.hi, exponent.hi_open))
        ]
        lo = min(((c[0], c[2]) for c in cands), key=_lo_key)
        hi = max(((c[1], c[2]) for c in cands), key=_hi_key)
        return _checked(Interval(lo[0], hi[0], lo[1], hi[1]))


# --- bound helpers -------------------------------------------------------------

End = tuple[Bound, bool]


def _lo_key(e: End) -> tuple[Bound, int]:
    # the smaller value wins; at a tie a closed bound (reachable) is lower
    return (e[0], 1 if e[1] else 0)


def _hi_key(e: End) -> tuple[Bound, int]:
    return (e[0], 0 if e[1] else 1)


def _abs(b: Bound) -> Bound:
    return cast(Bound, abs(b))  # abs() of the union is typed as object


def _min_bound(a: End, b: End) -> End:
    return min(a, b, key=_lo_key)


def _max_bound(a: End, b: End) -> End:
    return max(a, b, key=_hi_key)


def _add(a: Bound, b: Bound) -> Bound:
    if isinstance(a, float) or isinstance(b, float):
        if isinstance(a, float) and isinstance(b, float) and a != b:
            return a  # cannot happen for lo+lo or hi+hi of valid intervals
        return a if isinstance(a, float) else b
    return a + b


def _mul_end(a: End, b: End) -> End:
    x, xo = a
    y, yo = b
    if x == 0 and not xo:
        return (Fraction(0), False)
    if y == 0 and not yo:
        return (Fraction(0), False)
    if x == 0 or y == 0:  # an open zero: the product approaches 0
        return (Fraction(0), True)
    if isinstance(x, float) or isinstance(y, float):
        return (INF if (x > 0) == (y > 0) else -INF, True)
    return (x * y, xo or yo)


def _recip_end(x: Bound, xo: bool) -> End:
    if isinstance(x, float):
        return (Fraction(0), True)
    if x == 0:  # only reachable as an open end
        return (INF, True)
    return (1 / x, xo)


def _pow_end(x: Bound, xo: bool, n: int) -> End:
    if isinstance(x, float):
        return (INF if n % 2 == 0 or x > 0 else -INF, True)
    return (x**n, xo)


_NEAR_LIMIT_BITS: Final = 3320  # 2**3320 < 10**1000


def _checked(iv: Interval) -> Interval:
    for b in (iv.lo, iv.hi):
        if isinstance(b, Fraction):
            checked(b)
    return iv


def checked(b: Fraction) -> Fraction:
    """b itself, if its magnitude is within 10**±1000 (or it is 0)."""
    # |b| is within a factor 2 of 2**(bit lengths' difference): compare exactly only near 10**±1000
    if b and abs(b.numerator.bit_length() - b.denominator.bit_length()) >= _NEAR_LIMIT_BITS:
        m = abs(b)
        if m > MAX_MAGNITUDE or m < MIN_MAGNITUDE:
            raise IntervalError("CC210", "an intermediate value is beyond 10^±1000")
    return b


def _decimal(x: Fraction) -> decimal.Decimal:
    return decimal.Decimal(x.numerator) / decimal.Decimal(x.denominator)


def _widen(x: Fraction, down: bool) -> Fraction:
    step = abs(x) * _WIDEN + MIN_MAGNITUDE
    return x - step if down else x + step


def _root_bound(x: Bound, down: bool) -> Bound:
    if isinstance(x, float):
        return x
    if x == 0:
        return Fraction(0)
    with decimal.localcontext() as ctx:
        ctx.prec = _DIGITS
        r = Fraction(_decimal(x).sqrt())
    if r * r == x:
        return r
    return _widen(r, down)


def _real_pow(b: Bound, bo: bool, e: Bound, eo: bool) -> tuple[Bound, Bound, bool]:
    """Lower and upper enclosure of b**e (b > 0 or b an open 0) and openness."""
    opened = bo or eo
    if isinstance(e, float) or isinstance(b, float) or b == 0:
        # limits at the edges of the domain
        if b == 0:
            v: Bound = Fraction(0) if e > 0 else INF
        elif isinstance(b, float):
            v = INF if e > 0 else (Fraction(0) if e < 0 else Fraction(1))
        else:
            v = (INF if b > 1 else Fraction(0)) if e > 0 else (Fraction(0) if b > 1 else INF)
            if b == 1:
                v = Fraction(1)
        return (v, v, True)
    if abs(e) > 100:
        raise IntervalError("CC210", "an exponent of magnitude over 100")
    if e.denominator == 1:
        v = b ** int(e)
        return (v, v, opened)
    with decimal.localcontext() as ctx:
        ctx.prec = _DIGITS
        try:
            r = Fraction(_decimal(b) ** _decimal(e))
        except decimal.Overflow:
            raise IntervalError("CC210", "an intermediate value is beyond 10^±1000") from None
    return (_widen(r, True), _widen(r, False), opened)
