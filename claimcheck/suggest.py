"""Suggestions for a failure: the slips newsroom corrections are made of.

Each candidate rewrites one written figure (the claim's own, or one of its inputs) the
way a slip would have changed it, and the claim is judged again.  Those that make it
consistent are reported, never a change of verdict.
"""

import re
from collections.abc import Callable, Iterator
from fractions import Fraction
from typing import Final, NamedTuple

from claimcheck.quantity import Quantity, QuantityError, parse_quantity

MAX_SUGGESTIONS: Final = 3
# Each slip of an input is judged by computing the whole formula again, so a formula of n
# inputs would cost n × slips × its length (a sum of 120 figures: a third of a second).  The
# slips tried for a claim's inputs stop after this many formula nodes computed: some 400 slips
# of a 100-node formula, a thousand and more of an ordinary one (which needs a few dozen).
SLIP_WORK: Final = 40_000
_SCALE_SWAPS: Final = (("万亿", "亿"), ("亿", "万亿"), ("万", "亿"), ("亿", "万"), ("million", "billion"),
                       ("billion", "million"), ("billion", "trillion"), ("trillion", "billion"),
                       ("thousand", "million"), ("million", "thousand"), ("bn", "mn"), ("mn", "bn"))


class Slip(NamedTuple):
    text: str  # the figure as the slip would have written it
    why: str


def _mantissa_variants(q: Quantity) -> Iterator[Slip]:
    m = q.mantissa
    digits = m.replace(",", "")
    if "e" in digits.lower() or not digits:
        return
    value = Fraction(digits)
    for n in (1, -1, 2, -2, 3, -3):
        shifted = value * Fraction(10) ** n
        yield Slip(_replace_mantissa(q, _plain(shifted)), "decimal point shifted")
    plain = digits.replace(".", "")
    for i in range(len(plain) - 1):
        if plain[i] != plain[i + 1]:
            swapped = plain[:i] + plain[i + 1] + plain[i] + plain[i + 2:]
            if "." in digits:
                point = digits.index(".")
                swapped = swapped[:point] + "." + swapped[point:]
            yield Slip(_replace_mantissa(q, swapped.lstrip("0") or "0"), "two digits transposed")


def _plain(x: Fraction) -> str:
    if x.denominator == 1:
        return str(x.numerator)
    text = f"{float(x):.10f}".rstrip("0").rstrip(".")
    return text


def _replace_mantissa(q: Quantity, new: str) -> str:
    i = q.text.find(q.mantissa)
    return q.text[:i] + new + q.text[i + len(q.mantissa):] if i >= 0 else q.text


def _scale_variants(q: Quantity) -> Iterator[Slip]:
    for old, new in _SCALE_SWAPS:  # every swap the written scale allows: 亿 -> 万 and 亿 -> 万亿
        i = _scale_word(q.text, old)
        if i >= 0:
            yield Slip(q.text[:i] + new + q.text[i + len(old):], f"{old} and {new} swapped")


def _scale_word(text: str, word: str) -> int:
    """Where `word` first stands as a scale of its own (not 亿 of 万亿, not the mn of
    "mnemonic"), or -1: the regex (?<![万亿a-z])word(?![a-z亿]), without compiling one
    pattern per scale word on every run."""
    i = text.find(word)
    while i >= 0:
        before = text[i - 1] if i else ""
        after = text[i + len(word):i + len(word) + 1]
        if not (before and (before in "万亿" or "a" <= before <= "z")) and not (
                after and (after == "亿" or "a" <= after <= "z")):
            return i
        i = text.find(word, i + 1)
    return -1


def _ratio_variants(q: Quantity) -> Iterator[Slip]:
    unit = q.style.unit.strip()
    if unit in ("x", "倍", "times") and q.mantissa:
        v = Fraction(q.mantissa.replace(",", ""))
        yield Slip(_replace_mantissa(q, _plain(v + 1)), f"“{_plain(v)} times more” is {_plain(v + 1)} times as much")
        if v > 1:
            yield Slip(_replace_mantissa(q, _plain(v - 1)),
                       f"“{_plain(v)} times as much” is {_plain(v - 1)} times more")
    if unit == "%" and q.mantissa:
        v = Fraction(q.mantissa.replace(",", ""))
        yield Slip(_replace_mantissa(q, _plain(v + 100)), "a rise of N% read as N% of the base")
        if v > 100:
            yield Slip(_replace_mantissa(q, _plain(v - 100)), "N% of the base read as a rise of N%")
    if q.central and not q.qualifier:
        text = q.text[1:].lstrip() if q.text.lstrip().startswith("-") else "-" + q.text
        yield Slip(text, "direction reversed (a fall written as a rise, or the reverse)")


def slips(q: Quantity) -> Iterator[Slip]:
    yield from _scale_variants(q)
    yield from _mantissa_variants(q)
    yield from _ratio_variants(q)


def suggest(
    claimed: Quantity | None,
    inputs: dict[str, Quantity],
    consistent_claim: Callable[[Quantity], bool],
    consistent_input: Callable[[str, Quantity], bool],
    about: Fraction,
    formula_size: int = 1,
) -> list[str]:
    """Slips that would make a failing claim consistent, the likeliest first.
    `formula_size`: the nodes of the formula each input slip is judged by (see SLIP_WORK)."""
    out: list[str] = []
    if claimed is not None and not claimed.is_date:
        for slip in slips(claimed):
            q = _parse(slip.text, about)
            if q is not None and not _impossible_share(claimed, q) and consistent_claim(q):
                out.append(f"consistent if {claimed.text} were {slip.text} ({slip.why})")
            if len(out) >= MAX_SUGGESTIONS:
                return out
    tries = 0
    for name, q0 in inputs.items():
        if q0.is_date:
            continue
        for slip in slips(q0):
            q = _parse(slip.text, about)
            if q is None or q.unit.dim != q0.unit.dim or _impossible_share(q0, q):
                continue
            tries += 1
            if tries * formula_size > SLIP_WORK:
                return out
            if consistent_input(name, q):
                out.append(f"consistent if {name} were {slip.text} instead of {q0.text} ({slip.why})")
                break
        if len(out) >= MAX_SUGGESTIONS:
            break
    return out


def _impossible_share(was: Quantity, now: Quantity) -> bool:
    """A share (%) of at most 100% that a slip would push past 100%: not a slip anyone makes."""
    return was.style.unit.strip() == "%" and 0 <= was.central <= 1 < now.central


def _parse(text: str, about: Fraction) -> Quantity | None:
    try:
        return parse_quantity(text, about)
    except QuantityError:
        return None


def swap_comparison(formula: str) -> str | None:
    """The check with its direction word reversed (< and >), if it has one comparison."""
    ops = re.findall(r"<=|>=|==|!=|<|>", formula)
    if len(ops) != 1 or ops[0] in ("==", "!="):
        return None
    flip = {"<": ">", ">": "<", "<=": ">=", ">=": "<="}[ops[0]]
    return re.sub(r"<=|>=|<|>", flip, formula, count=1)
