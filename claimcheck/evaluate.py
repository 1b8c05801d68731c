"""Evaluate compiled formulas over intervals: a sound, tight enclosure.

Plain interval arithmetic is exact when every input appears once.  When an input
appears more often (``(a - b) / a``), it overestimates; so we first bound the
formula's derivative in each repeated input over the whole box (forward-mode
differentiation in interval arithmetic).  Where the derivative keeps one sign the
formula is monotone in that input, and the bounds are found with the input fixed at
the right end.  Where it does not, the input's interval is bisected (to a fixed depth)
and the pieces united.  Every step is sound; the result is exact in the monotone case.
"""

from __future__ import annotations

import operator
from collections.abc import Mapping
from fractions import Fraction
from typing import TYPE_CHECKING, Final, NamedTuple

from claimcheck.interval import INF, Interval, IntervalError, checked

if TYPE_CHECKING:
    from claimcheck.formula import Tree

MAX_SPLITS: Final = 6  # bisection depth for a non-monotone repeated input
Box = Mapping[str, Interval]

_WHOLE: Final = Interval(-INF, INF, True, True)
_ZERO: Final = Interval.point(0)
_ONE: Final = Interval.point(1)


def interval(tree: Tree, box: Box) -> Interval:
    """Plain interval arithmetic (sound; exact when each input appears once)."""
    op = tree[0]
    if op == "const":
        return Interval.point(tree[1])
    if op == "var":
        return box[tree[1]]
    if op == "neg":
        return -interval(tree[1], box)
    if op in _BIN:
        return _BIN[op](interval(tree[1], box), interval(tree[2], box))
    if op == "pow":
        return interval(tree[1], box).pow(interval(tree[2], box))
    if op == "sqrt":
        return interval(tree[1], box).sqrt()
    if op == "abs":
        return interval(tree[1], box).abs()
    if op in ("min", "max"):
        parts = [interval(t, box) for t in tree[1:]]
        out = parts[0]
        for p in parts[1:]:
            out = _imin(out, p) if op == "min" else _imax(out, p)
        return out
    raise IntervalError("CC209", "a true/false value where a number is needed")


_BIN: Final = {
    "add": Interval.__add__, "sub": Interval.__sub__, "mul": Interval.__mul__,
    "div": Interval.__truediv__,
}


def _imin(a: Interval, b: Interval) -> Interval:
    lo = min((a.lo, a.lo_open), (b.lo, b.lo_open), key=lambda e: (e[0], 1 if e[1] else 0))
    hi = min((a.hi, a.hi_open), (b.hi, b.hi_open), key=lambda e: (e[0], 0 if e[1] else 1))
    return Interval(lo[0], hi[0], lo[1], hi[1])


def _imax(a: Interval, b: Interval) -> Interval:
    return -_imin(-a, -b)


# --- derivatives ----------------------------------------------------------------


class _Dual(NamedTuple):
    v: Interval
    d: tuple[Interval, ...]  # derivative in each repeated input


def _dual(tree: Tree, box: Box, wrt: tuple[str, ...]) -> _Dual:
    op = tree[0]
    n = len(wrt)
    if op == "const":
        return _Dual(Interval.point(tree[1]), (_ZERO,) * n)
    if op == "var":
        name = tree[1]
        return _Dual(box[name], tuple(_ONE if w == name else _ZERO for w in wrt))
    if op == "neg":
        a = _dual(tree[1], box, wrt)
        return _Dual(-a.v, tuple(-x for x in a.d))
    if op in ("add", "sub"):
        a, b = _dual(tree[1], box, wrt), _dual(tree[2], box, wrt)
        f = Interval.__add__ if op == "add" else Interval.__sub__
        return _Dual(f(a.v, b.v), tuple(f(x, y) for x, y in zip(a.d, b.d, strict=True)))
    if op == "mul":
        a, b = _dual(tree[1], box, wrt), _dual(tree[2], box, wrt)
        return _Dual(a.v * b.v, tuple(x * b.v + a.v * y for x, y in zip(a.d, b.d, strict=True)))
    if op == "div":
        a, b = _dual(tree[1], box, wrt), _dual(tree[2], box, wrt)
        q = a.v / b.v
        return _Dual(q, tuple((x - q * y) / b.v for x, y in zip(a.d, b.d, strict=True)))
    if op == "pow":
        a = _dual(tree[1], box, wrt)
        e = tree[2]
        v = a.v.pow(interval(e, box))
        if e[0] == "const":
            c = Interval.point(e[1])
            dv = c * a.v.pow(Interval.point(e[1] - 1)) if e[1] != 0 else _ZERO
            return _Dual(v, tuple(dv * x for x in a.d))
        return _Dual(v, (_WHOLE,) * n)
    if op == "sqrt":
        a = _dual(tree[1], box, wrt)
        v = a.v.sqrt()
        if v.contains_zero():
            return _Dual(v, (_WHOLE,) * n)
        two_v = Interval.point(2) * v
        return _Dual(v, tuple(x / two_v for x in a.d))
    if op == "abs":
        a = _dual(tree[1], box, wrt)
        if a.v.lo >= 0:
            return _Dual(a.v, a.d)
        if a.v.hi <= 0:
            return _Dual(-a.v, tuple(-x for x in a.d))
        return _Dual(a.v.abs(), tuple(x.hull(-x) for x in a.d))
    if op in ("min", "max"):
        parts = [_dual(t, box, wrt) for t in tree[1:]]
        v = interval(tree, box)
        live = [p for p in parts if p.v.meets(v)]
        d = live[0].d
        for p in live[1:]:
            d = tuple(x.hull(y) for x, y in zip(d, p.d, strict=True))
        return _Dual(v, d)
    raise IntervalError("CC209", "a true/false value where a number is needed")


# --- the enclosure ---------------------------------------------------------------


def size(tree: Tree) -> int:
    """The nodes of a tree: what one computation of it costs."""
    return 1 + sum(size(t) for t in tree[1:] if isinstance(t, tuple))


def occurrences(tree: Tree, out: dict[str, int] | None = None) -> dict[str, int]:
    if out is None:
        out = {}
    if tree[0] == "var":
        out[tree[1]] = out.get(tree[1], 0) + 1
    elif tree[0] != "const" and tree[0] != "cmp":
        for t in tree[1:]:
            if isinstance(t, tuple):
                occurrences(t, out)
    elif tree[0] == "cmp":
        occurrences(tree[2], out)
        occurrences(tree[3], out)
    return out


def _end(iv: Interval, upper: bool) -> Interval:
    b, o = (iv.hi, iv.hi_open) if upper else (iv.lo, iv.lo_open)
    return Interval(b, b, o, o)  # a limit point: arithmetic carries its openness


def enclose(tree: Tree, box: Box) -> Interval:
    """A sound enclosure of the formula's values over every point of the box."""
    counts = occurrences(tree)
    repeated = tuple(v for v, c in counts.items() if c > 1 and box[v].bounded and not box[v].is_point)
    naive = interval(tree, box)
    if not repeated:
        return naive
    return _refine(tree, dict(box), repeated, 0, naive)


def _refine(tree: Tree, box: dict[str, Interval], repeated: tuple[str, ...], depth: int,
            naive: Interval | None = None) -> Interval:
    if naive is None:
        naive = interval(tree, box)
    try:
        duals = _dual(tree, box, repeated)
    except IntervalError:
        return naive
    lo_box, hi_box = dict(box), dict(box)
    split = []
    for name, d in zip(repeated, duals.d, strict=True):
        iv = box[name]
        if d.lo >= 0:
            lo_box[name], hi_box[name] = _end(iv, False), _end(iv, True)
        elif d.hi <= 0:
            lo_box[name], hi_box[name] = _end(iv, True), _end(iv, False)
        else:
            split.append(name)
    if not split:
        lo = interval(tree, lo_box)
        hi = interval(tree, hi_box)
        return Interval(lo.lo, hi.hi, lo.lo_open, hi.hi_open).intersect(naive)
    if depth >= MAX_SPLITS:
        return naive
    name = max(split, key=lambda v: box[v].hi - box[v].lo)
    iv = box[name]
    mid = iv.midpoint()
    left, right = dict(box), dict(box)
    left[name] = Interval(iv.lo, mid, iv.lo_open, False)
    right[name] = Interval(mid, iv.hi, False, iv.hi_open)
    return _refine(tree, left, repeated, depth + 1).hull(_refine(tree, right, repeated, depth + 1))


def central(tree: Tree, centrals: Mapping[str, Fraction]) -> Fraction:
    """The formula at the inputs' central values (a tiny enclosure for roots: its middle)."""
    try:
        return _exact(tree, centrals)
    except _Irrational:
        iv = interval(tree, {k: Interval.point(centrals[k]) for k in occurrences(tree)})
        return iv.midpoint()


class _Irrational(Exception):
    """A square root or a fractional power: no exact rational value."""


def _exact(tree: Tree, centrals: Mapping[str, Fraction]) -> Fraction:
    """The formula's exact value at the given points: what `interval` gives on point
    intervals, with the same errors, at a fraction of the cost."""
    op = tree[0]
    if op == "var":
        v = centrals[tree[1]]
        return v if type(v) is Fraction else Fraction(v)
    if op == "const":
        return Fraction(tree[1])
    if op in ("add", "sub", "mul", "div"):
        a, b = _exact(tree[1], centrals), _exact(tree[2], centrals)
        if op == "add":
            return checked(a + b)
        if op == "sub":
            return checked(a - b)
        if op == "mul":
            return checked(a * b)
        return checked(a * _reciprocal(b))
    if op == "neg":
        return -_exact(tree[1], centrals)
    if op == "abs":
        return abs(_exact(tree[1], centrals))
    if op in ("min", "max"):
        parts = [_exact(t, centrals) for t in tree[1:]]
        return min(parts) if op == "min" else max(parts)
    if op == "pow":
        base, e = _exact(tree[1], centrals), _exact(tree[2], centrals)
        if abs(e) > 100:
            raise IntervalError("CC210", "an exponent of magnitude over 100")
        if e.denominator != 1:
            raise _Irrational
        n = int(e)
        if n == 0:
            return Fraction(1)
        power = checked(base ** abs(n))
        return _reciprocal(power) if n < 0 else power
    if op == "sqrt":
        raise _Irrational
    raise IntervalError("CC209", "a true/false value where a number is needed")


def _reciprocal(x: Fraction) -> Fraction:
    if not x:
        raise IntervalError("CC208", "division by an interval that contains zero")
    return checked(1 / x)


# --- checks: three-valued logic ----------------------------------------------------


class Truth(NamedTuple):
    central: bool  # holds at the central values
    every: bool  # holds for every reading
    some: bool  # holds for some reading

    def __invert__(self) -> Truth:
        return Truth(not self.central, not self.some, not self.every)


def central_truth(tree: Tree, centrals: Mapping[str, Fraction]) -> bool:
    """`truth(tree, box, centrals).central` for the box of the central values' points,
    without the enclosures that the other two answers need."""
    op = tree[0]
    if op == "not":
        return not central_truth(tree[1], centrals)
    if op in ("and", "or"):
        parts = [central_truth(t, centrals) for t in tree[1:]]
        return all(parts) if op == "and" else any(parts)
    if op == "cmp" and tree[1] not in ("==", "!="):
        return bool(_AGAINST_ZERO[tree[1]](central(("sub", tree[2], tree[3]), centrals), 0))
    return truth(tree, {k: Interval.point(centrals[k]) for k in occurrences(tree)}, centrals).central


_AGAINST_ZERO: Final = {"<": operator.lt, "<=": operator.le, ">": operator.gt, ">=": operator.ge}


def truth(tree: Tree, box: Box, centrals: Mapping[str, Fraction]) -> Truth:
    op = tree[0]
    if op == "not":
        return ~truth(tree[1], box, centrals)
    if op in ("and", "or"):
        parts = [truth(t, box, centrals) for t in tree[1:]]
        f = all if op == "and" else any
        return Truth(f(p.central for p in parts), f(p.every for p in parts), f(p.some for p in parts))
    if op != "cmp":
        raise IntervalError("CC209", "a check must be a comparison")
    sym, left, right = tree[1], tree[2], tree[3]
    if sym in ("==", "!="):
        a, b = enclose(left, box), enclose(right, box)
        ca, cb = central(left, centrals), central(right, centrals)
        eq = Truth(a.contains(cb) or b.contains(ca), a.is_point and b.is_point and a.lo == b.lo, a.meets(b))
        return eq if sym == "==" else ~eq
    diff = ("sub", left, right)
    d = enclose(diff, box)
    c = central(diff, centrals)
    if sym in (">", ">="):
        d, c = -d, -c
    strict = sym in ("<", ">")
    # the relation is: diff < 0 (strict) or diff <= 0
    if strict:
        every = d.hi < 0 or (d.hi == 0 and d.hi_open)
        some = d.lo < 0
        at_c = c < 0
    else:
        every = d.hi <= 0
        some = d.lo < 0 or (d.lo == 0 and not d.lo_open)
        at_c = c <= 0
    return Truth(at_c, every, some)
