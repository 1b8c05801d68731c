"""Stated figures: "超过1.7万亿港元" -> Quantity(interval, unit, how it was written).

Grammar: ``[qualifier] [sign] [currency] number [scale] [unit] [左右]``.  The interval
follows the contract: the half unit of the last written digit (trailing zeros of the
integer part do not count), widened or opened by the qualifier.  Dates and periods
(``2021-02-05``, ``2024-06``, ``2025Q3``, ``2025H1``, ``2026``) are half-open
intervals of instants, in seconds since 1970-01-01.
"""

import datetime as _dt
import functools
import math
import re
import unicodedata
from decimal import ROUND_HALF_DOWN, ROUND_HALF_EVEN, ROUND_HALF_UP, Decimal, localcontext
from fractions import Fraction
from typing import Final, NamedTuple

from claimcheck import units as U
from claimcheck.interval import INF, Interval


class QuantityError(ValueError):
    def __init__(self, code: str, message: str) -> None:
        super().__init__(message)
        self.code = code


class Style(NamedTuple):
    """How a figure is written, so that other figures can be shown the same way."""

    prefix: str = ""  # currency symbol or 第, with any space after it
    scale: str = ""  # scale token with any space before it: "亿", " billion"
    scale_factor: Fraction = Fraction(1)
    unit: str = ""  # unit text with any space before it: "港元", " HKD", "%"
    unit_factor: Fraction = Fraction(1)
    unit_offset: Fraction = Fraction(0)
    decimals: int = 0  # decimals written in the number
    grouped: bool = False  # thousands separators written
    date: str = ""  # granularity for dates: day, month, quarter, half, year

    def value_of(self, base: Fraction) -> Fraction:
        return (base - self.unit_offset) / self.unit_factor / self.scale_factor


PLAIN: Final = Style()
PERCENT_STYLE: Final = Style(unit="%", unit_factor=Fraction(1, 100))


class Quantity(NamedTuple):
    text: str  # as written in the file
    interval: Interval  # in base units
    central: Fraction  # in base units
    unit: U.Unit
    style: Style
    qualifier: str = ""  # "", ">", ">=", "<", "<=", "~", "nearly"
    mantissa: str = ""  # the number as written: "3179", "1.4", "1,600"
    half_width: Fraction = Fraction(0)  # in base units

    @property
    def is_date(self) -> bool:
        return self.unit.dim == U.DATE

    @property
    def interval_text(self) -> str:
        """The interval the figure denotes, in its own style: '3178.5–3179.5亿港元'."""
        return show_interval(self.interval, self.style, None if self.is_date else stated_decimals(self))


_QUALIFIERS: Final = [
    (">=", ">="), ("≥", ">="), ("<=", "<="), ("≤", "<="),
    (">", ">"), ("<", "<"), ("~", "~"), ("≈", "~"), ("约为", "~"),
    ("at least", ">="), ("no less than", ">="), ("no fewer than", ">="), ("不少于", ">="),
    ("至少", ">="), ("不低于", ">="),
    ("more than", ">"), ("over", ">"), ("above", ">"), ("exceeding", ">"), ("超过", ">"),
    ("超", ">"), ("逾", ">"), ("突破", ">"), ("高于", ">"), ("多于", ">"),
    ("at most", "<="), ("up to", "<="), ("no more than", "<="), ("不超过", "<="), ("最多", "<="),
    ("less than", "<"), ("fewer than", "<"), ("under", "<"), ("below", "<"), ("不到", "<"),
    ("不足", "<"), ("低于", "<"), ("少于", "<"),
    ("about", "~"), ("around", "~"), ("roughly", "~"), ("approximately", "~"), ("some", "~"),
    ("约", "~"), ("大约", "~"), ("大概", "~"),
    ("nearly", "nearly"), ("almost", "nearly"), ("just under", "nearly"),
    ("将近", "nearly"), ("接近", "nearly"), ("近", "nearly"),
]
_QUALIFIERS.sort(key=lambda q: len(q[0]), reverse=True)
_SUFFIX_QUALIFIERS: Final = [("左右", "~"), ("上下", "~"), ("以上", ">="), ("以下", "<=")]

QUALIFIER_WORDS: Final = {"": "", ">": "over", ">=": "at least", "<": "under", "<=": "at most",
                          "~": "about", "nearly": "nearly"}

_NUMBER: Final = re.compile(r"(\d{1,3}(?:,\d{3})+|\d+)(\.\d+)?(?:[eE]([+-]?\d+))?|\.\d+")
_BAD_GROUPING: Final = re.compile(r"\d,\d{1,2}(?!\d)|\d,\d{4}|\d\.\d+\.\d")
_ORDINAL: Final = re.compile(r"(st|nd|rd|th)\b")
_LABEL: Final = re.compile(r"[^\W\d_][\w'-]*")  # a count label is one word: users, 次, 家
_NON_FINITE: Final = re.compile(r"(?i)\b(nan|inf|infinity)\b|∞")


@functools.lru_cache(maxsize=4096)
def parse_quantity(text: str, about: Fraction = Fraction(1, 20),
                   abs_tol: Quantity | None = None, rel_tol: Fraction | None = None) -> Quantity:
    """Read a stated figure.  `abs_tol` is itself a Quantity (same unit dimension).

    Quantities are immutable, so a figure read twice (a slip candidate, a repeated
    value) is read once."""
    raw = text
    s = unicodedata.normalize("NFKC", text).strip()
    if not s:
        raise QuantityError("CC201", "the value is empty")
    if _NON_FINITE.search(s):
        raise QuantityError("CC201", f"'{raw}' is not a finite number")
    qual, s = _take_qualifier(s)
    if not s:
        raise QuantityError("CC201", f"no number after the qualifier in '{raw}'")
    sign = 1
    if s[:1] in "+-−":
        sign = -1 if s[0] in "-−" else 1
        s = s[1:].lstrip()
    prefix = ""
    ordinal = False
    if s.startswith("第"):
        prefix, s, ordinal = "第", s[1:], True
    else:
        for cur in U.CURRENCY_PREFIXES:
            if s.startswith(cur) and (not cur[-1].isalpha() or not s[len(cur):len(cur) + 1].isalpha()):
                rest = s[len(cur):]
                prefix = cur + (" " if rest[:1] == " " else "")
                s = rest.lstrip()
                break
    m = _NUMBER.match(s)
    if not m:
        raise QuantityError("CC201", f"no number in '{raw}'" if not any(c.isdigit() for c in raw)
                            else f"cannot read a number at the start of '{s}'")
    if re.fullmatch(r"\d{4}-\d{2}(-\d{2})?|\d{4}\s*[QqHh][1-4]", s):
        raise QuantityError("CC201", f"'{raw}' is a date: write it as date: {s}")
    if _BAD_GROUPING.search(s[: m.end() + 5]):
        raise QuantityError("CC219", f"'{raw}' is ambiguous: use ',' only between groups of three digits "
                                     "and '.' for decimals")
    mantissa = m.group(0)
    rest = s[m.end():]
    if rest[:1] and (rest[:1].isdigit() or rest[:1] in ",."):
        raise QuantityError("CC219", f"'{raw}' is ambiguous: the number does not end cleanly")
    digits = mantissa.split("e")[0].split("E")[0]
    _check_size(digits, m.group(3), raw)
    number = Fraction(digits.replace(",", "")) * (10 ** int(m.group(3)) if m.group(3) else 1)
    decimals = len(m.group(2)) - 1 if m.group(2) else (len(digits) - 1 if digits.startswith(".") else 0)
    half = _half_unit(digits) * (Fraction(10) ** int(m.group(3)) if m.group(3) else 1)
    grouped = "," in digits
    lead, rest = _leading_space(rest)
    if ordinal or (_ORDINAL.match(rest) and not lead):
        om = _ORDINAL.match(rest)
        suffix = om.group(0) if om else ""
        rest = rest[len(suffix):].strip()
        if rest:
            raise QuantityError("CC201", f"cannot read '{rest}' after the rank in '{raw}'")
        unit = U.count_label("rank")
        style = Style(prefix=prefix, unit=suffix, decimals=decimals)
        return _build(raw, qual, sign * number, half, unit, style, Fraction(1), about, abs_tol, rel_tol, mantissa)
    # a trailing qualifier (左右, 以上 …)
    for word, q in _SUFFIX_QUALIFIERS:
        if rest.rstrip().endswith(word):
            if qual and not (qual == q == "~"):  # 约10%左右 says "about" twice
                raise QuantityError("CC219", f"'{raw}' has two qualifiers")
            qual = q
            rest = rest.rstrip()[: -len(word)]
            break
    scale_tok, scale_factor, unit_text = _split_scale(rest.strip())
    scale_lead = lead if scale_tok else ""
    unit_lead = ""
    if scale_tok:
        after = rest.strip()[len(scale_tok):]
        unit_lead, _ = _leading_space(after)
    else:
        unit_lead = lead
    unit = _read_unit(unit_text, raw)
    if prefix and prefix != "第":
        currency = U.lookup(prefix.strip())
        if currency is None:
            raise QuantityError("CC201", f"unknown currency '{prefix.strip()}' in '{raw}'")
        if unit is U.NUMBER:
            unit = currency
        elif unit.kind == "count":
            raise QuantityError("CC201", f"cannot read '{unit_text}' after {prefix.strip()} in '{raw}': "
                                "write a scale (thousand, million, billion, 万, 亿) or a unit")
        elif unit.kind == "compound" and unit.name.startswith("/"):
            unit = U.compound(currency, U.count_label(unit.name[1:]))
        elif unit.dim != currency.dim:
            raise QuantityError("CC201", f"'{raw}' names two different units: {prefix.strip()} and {unit_text}")
    style = Style(
        prefix=prefix, scale=scale_lead + scale_tok, scale_factor=scale_factor,
        unit=(unit_lead + unit_text) if unit_text else "", unit_factor=unit.factor,
        unit_offset=unit.offset, decimals=decimals, grouped=grouped,
    )
    return _build(raw, qual, sign * number, half, unit, style, scale_factor, about, abs_tol, rel_tol, mantissa)


MAX_DIGITS: Final = 1000  # digits of a written number; its magnitude is bounded at 10^±1000


def _check_size(digits: str, exponent: str | None, raw: str) -> None:
    """Refuse a number beyond 10^±1000 before computing it (1e999999999 would not end)."""
    plain = digits.replace(",", "")
    if len(plain) > MAX_DIGITS + 2 or (exponent and len(exponent.lstrip("+-")) > 5):
        raise QuantityError("CC210", f"'{raw[:40]}' is beyond 10^±1000")
    if exponent:
        whole = len(plain.split(".")[0].lstrip("0"))
        e = int(exponent)
        if plain.strip("0.") and (e + whole > MAX_DIGITS + 1 or e + whole < -MAX_DIGITS):
            raise QuantityError("CC210", f"'{raw[:40]}' is beyond 10^±1000")


def _build(raw: str, qual: str, x: Fraction, half: Fraction, unit: U.Unit, style: Style,
           scale: Fraction, about: Fraction, abs_tol: Quantity | None, rel_tol: Fraction | None,
           mantissa: str) -> Quantity:
    factor = scale * unit.factor
    central = x * factor + unit.offset
    w = half * factor
    if abs_tol is not None or rel_tol is not None:
        w = max(abs_tol.central - abs_tol.unit.offset if abs_tol is not None else Fraction(0),
                abs(central - unit.offset) * rel_tol if rel_tol is not None else Fraction(0))
    if qual == "":
        iv = Interval(central - w, central + w)
    elif qual in _RAYS:
        lo_open, hi_open, upward = _RAYS[qual]
        iv = Interval(central, INF, lo_open, hi_open) if upward else Interval(-INF, central, lo_open, hi_open)
    else:  # "~" about, "nearly": the hedge's width, or the figure's own if that is wider
        a = max(w, abs(x * factor) * about)
        iv = Interval(central - a, central + a if qual == "~" else central)
    return Quantity(raw, iv, central, unit, style, qual, mantissa, w)


# qualifier -> (lo_open, hi_open, upward) of the ray it states
_RAYS: Final = {">": (True, True, True), ">=": (False, True, True),
                "<": (True, True, False), "<=": (True, False, False)}


_QUALIFIER_RX: Final = re.compile("|".join(re.escape(w) for w, _ in _QUALIFIERS), re.IGNORECASE)
_QUALIFIER_OF: Final = {w: q for w, q in _QUALIFIERS}


def _take_qualifier(s: str) -> tuple[str, str]:
    m = _QUALIFIER_RX.match(s)
    if m is None:
        return "", s
    word = m.group(0).lower()
    rest = s[len(word):]
    if word[-1].isascii() and word[-1].isalpha() and rest[:1].isalpha():
        # "overall", "someone": a longer word, unless a shorter hedge fits ("over" in "overly" does not)
        return "", s
    return _QUALIFIER_OF[word], rest.lstrip()


def _leading_space(s: str) -> tuple[str, str]:
    stripped = s.lstrip()
    return s[: len(s) - len(stripped)], stripped


def _half_unit(digits: str) -> Fraction:
    """Half a unit of the last written digit; trailing integer zeros are not written digits."""
    if "." in digits:
        return Fraction(1, 2 * 10 ** len(digits.split(".")[1]))
    plain = digits.replace(",", "")
    stripped = plain.rstrip("0")
    if not stripped:
        return Fraction(1, 2)
    return Fraction(10 ** (len(plain) - len(stripped)), 2)


def _split_scale(rest: str) -> tuple[str, Fraction, str]:
    """Split 'billion HKD' into ('billion', 1e9, 'HKD'); a whole unit wins over a scale."""
    if not rest or U.lookup(rest) is not None:
        return "", Fraction(1), rest
    low = rest.lower()
    for tok in U.SCALE_TOKENS:
        if low.startswith(tok):
            after = rest[len(tok):]
            if tok.isascii() and after[:1].isascii() and after[:1].isalpha():
                continue  # "min", "months", "km"
            return rest[: len(tok)], U.SCALES[tok], after.strip()
    return "", Fraction(1), rest


def _read_unit(text: str, raw: str) -> U.Unit:
    if not text:
        return U.NUMBER
    unit = U.lookup(text)
    if unit is not None:
        return unit
    for sep in ("/", " per "):
        if sep in text:
            num_text, _, den_text = text.partition(sep)
            num = _read_unit(num_text.strip(), raw) if num_text.strip() else U.NUMBER
            den = _read_unit(den_text.strip(), raw)
            out = U.compound(num, den)
            return U.Unit(f"{num_text.strip()}/{den_text.strip()}", out.dim, out.factor, "compound")
    if len(text.split()) == 1 and not any(ch.isdigit() for ch in text):
        guess = U.near_miss(text)
        if guess is not None:
            raise QuantityError("CC202", f"unknown unit '{text}' in '{raw}': did you mean '{guess}'?")
        if _LABEL.fullmatch(text):
            return U.count_label(text)
    raise QuantityError("CC201", f"cannot read the unit '{text}' in '{raw}'")


# --- dates -------------------------------------------------------------------

_DATE_FORMS: Final = [
    (re.compile(r"(\d{4})-(\d{2})-(\d{2})"), "day"),
    (re.compile(r"(\d{4})-(\d{2})"), "month"),
    (re.compile(r"(\d{4})\s*[Qq]([1-4])"), "quarter"),
    (re.compile(r"(\d{4})\s*[Hh]([12])"), "half"),
    (re.compile(r"(\d{4})"), "year"),
]
_EPOCH: Final = _dt.date(1970, 1, 1).toordinal()


def instant(d: _dt.date) -> Fraction:
    return Fraction((d.toordinal() - _EPOCH) * U.DAY_SECONDS)


def parse_date(text: str) -> Quantity:
    s = unicodedata.normalize("NFKC", text).strip()
    for rx, kind in _DATE_FORMS:
        m = rx.fullmatch(s)
        if not m:
            continue
        y = int(m.group(1))
        try:
            if kind == "day":
                start = _dt.date(y, int(m.group(2)), int(m.group(3)))
                end = start + _dt.timedelta(days=1)
            elif kind == "month":
                start = _dt.date(y, int(m.group(2)), 1)
                end = _add_months(start, 1)
            elif kind == "quarter":
                start = _dt.date(y, 3 * int(m.group(2)) - 2, 1)
                end = _add_months(start, 3)
            elif kind == "half":
                start = _dt.date(y, 6 * int(m.group(2)) - 5, 1)
                end = _add_months(start, 6)
            else:
                start, end = _dt.date(y, 1, 1), _dt.date(y + 1, 1, 1)
        except (ValueError, OverflowError):
            raise QuantityError("CC211", f"'{text}' is not a real date") from None
        lo, hi = instant(start), instant(end)
        unit = U.Unit("date", U.DATE, Fraction(1), "date")
        return Quantity(text, Interval(lo, hi, False, True), (lo + hi) / 2, unit,
                        Style(date=kind), "", m.group(0))
    raise QuantityError("CC211", f"'{text}' is not a date: write 2021-02-05, 2024-06, 2025Q3, 2025H1 or 2026")


def _add_months(d: _dt.date, n: int) -> _dt.date:
    m = d.month - 1 + n
    return _dt.date(d.year + m // 12, m % 12 + 1, 1)


def date_text(t: Fraction, granularity: str = "day") -> str:
    day = _dt.date.fromordinal(int(t // U.DAY_SECONDS) + _EPOCH)
    return day.isoformat() if granularity == "day" else day.strftime("%Y-%m")


# --- display -----------------------------------------------------------------

def decimals_for(value: Fraction, at_least: int = 0, sig: int = 3) -> int:
    """Decimals that show `value` to `sig` significant digits, and no fewer than at_least."""
    if value == 0:
        return at_least
    e = _exponent(abs(value))
    d = max(sig - 1 - e, 0) if e >= 0 else max(min(sig - 1 - e, 30), sig - 1)  # at most 30 for a tiny value
    return max(d, at_least)


def _exponent(v: Fraction) -> int:
    """floor(log10(v)) for v > 0, exactly: estimated from the bit lengths of its numerator
    and denominator (not their decimal strings: an exact value can have more digits than
    int() will print), then corrected by exact comparisons."""
    n, d = v.numerator, v.denominator
    e = math.floor((n.bit_length() - d.bit_length()) * _LOG10_2)  # within one of the answer

    def at_least(k: int) -> bool:  # v >= 10**k
        return bool(n >= d * 10**k) if k >= 0 else bool(n * 10**-k >= d)

    while not at_least(e):
        e -= 1
    while at_least(e + 1):
        e += 1
    return e


_LOG10_2: Final = math.log10(2)


def number_text(v: Fraction, decimals: int, grouped: bool = False, rounding: str = ROUND_HALF_EVEN) -> str:
    whole = len(str(abs(v.numerator) // v.denominator)) if abs(v) >= 1 else 1
    with localcontext() as ctx:  # as many digits as the number has (values reach 10^1000)
        ctx.prec = whole + max(decimals, 0) + 5
        ctx.Emax, ctx.Emin = 10**6, -(10**6)
        d = (Decimal(v.numerator) / Decimal(v.denominator)) if v.denominator != 1 else Decimal(v.numerator)
        q = d.quantize(Decimal(1).scaleb(-decimals), rounding=rounding) if decimals >= 0 else d
    if q == 0:
        q = abs(q)
    return f"{q:,f}" if grouped else f"{q:f}"


def _digits(base: Fraction, style: Style, decimals: int, rounding: str) -> tuple[str, str]:
    num = number_text(style.value_of(base), decimals, style.grouped, rounding)
    return ("-", num[1:]) if num.startswith("-") else ("", num)


def show(base: Fraction, style: Style, decimals: int | None = None, rounding: str = ROUND_HALF_EVEN) -> str:
    """A base-unit value written the way `style` writes figures."""
    if style.date:
        return date_text(base)
    if decimals is None:
        decimals = decimals_for(style.value_of(base), style.decimals)
    sign, num = _digits(base, style, decimals, rounding)
    return f"{sign}{style.prefix}{num}{style.scale}{style.unit}"


def stated_decimals(q: Quantity) -> int:
    """Decimals that show the ends of a stated figure's interval exactly enough."""
    if q.qualifier in (">", ">=", "<", "<="):
        return q.style.decimals
    w = q.half_width / (q.style.unit_factor * q.style.scale_factor)
    return max(q.style.decimals, decimals_for(w, 0, sig=1)) if w else q.style.decimals


def show_interval(iv: Interval, style: Style, decimals: int | None = None) -> str:
    """An interval in the figure's own style, e.g. '1.33–1.43万亿港元' or 'over 30%'."""
    if style.date:
        lo = date_text(iv.lo) if isinstance(iv.lo, Fraction) else "…"
        hi = date_text(iv.hi - (1 if iv.hi_open else 0)) if isinstance(iv.hi, Fraction) else "…"
        return lo if lo == hi else f"{lo} – {hi}"
    if decimals is None:
        ref = max((abs(style.value_of(b)) for b in (iv.lo, iv.hi) if isinstance(b, Fraction)), default=Fraction(0))
        decimals = decimals_for(ref, style.decimals)
    if isinstance(iv.lo, Fraction) and isinstance(iv.hi, Fraction):
        # to the nearest digit, ties outward; more digits where the two ends would look equal
        for more in range(4):
            s1, lo = _digits(iv.lo, style, decimals + more, ROUND_HALF_DOWN)
            s2, hi = _digits(iv.hi, style, decimals + more, ROUND_HALF_UP)
            if (s1, lo) != (s2, hi) or iv.lo == iv.hi:
                break
        if (s1, lo) == (s2, hi):
            return f"{s1}{style.prefix}{lo}{style.scale}{style.unit}"
        dash = " to " if s2 else "–"
        return f"{s1}{style.prefix}{lo}{dash}{s2}{hi}{style.scale}{style.unit}"
    if isinstance(iv.lo, Fraction):
        return ("over " if iv.lo_open else "at least ") + show(iv.lo, style, decimals)
    if isinstance(iv.hi, Fraction):
        return ("under " if iv.hi_open else "at most ") + show(iv.hi, style, decimals)
    return "any value"
