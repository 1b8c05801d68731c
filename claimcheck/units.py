"""Units: dimensions with exponents, aliases in English and Chinese, conversions.

A unit converts a written number to base units: ``base = number * factor + offset``.
Base units: metre, kilogram, second, kelvin; each currency is a dimension of its own,
so currencies never convert without a rate claim.  Dimensionless units (``%``, ``pp``,
``x``, count labels) only change how a figure is read and shown.
"""

from fractions import Fraction as F
from typing import Final, NamedTuple

Dim = tuple[tuple[str, int], ...]  # sorted (dimension, exponent) pairs, no zeros

NONE: Final[Dim] = ()
DATE: Final[Dim] = (("date", 1),)
TIME: Final[Dim] = (("T", 1),)
CURRENCIES: Final = ("USD", "HKD", "CNY", "EUR", "GBP", "JPY")


def dim_mul(a: Dim, b: Dim, sign: int = 1) -> Dim:
    out = dict(a)
    for k, e in b:
        out[k] = out.get(k, 0) + sign * e
    return tuple(sorted((k, e) for k, e in out.items() if e))


def dim_pow(a: Dim, n: F) -> Dim | None:
    out = []
    for k, e in a:
        p = e * n
        if p.denominator != 1:
            return None
        out.append((k, int(p)))
    return tuple(sorted(out))


_NAMES: Final = {"L": "length", "M": "mass", "T": "time", "K": "temperature", "date": "date"}


def dim_name(d: Dim) -> str:
    if not d:
        return "a plain number"
    parts = []
    for k, e in d:
        name = _NAMES.get(k, k)
        parts.append(name if e == 1 else f"{name}^{e}")
    return " × ".join(parts)


class Unit(NamedTuple):
    name: str  # canonical, for messages
    dim: Dim
    factor: F
    kind: str  # currency, ratio, duration, physical, temperature, count, number, date
    offset: F = F(0)


def _u(name: str, dim: Dim, factor: F | int | str, kind: str = "physical", offset: F = F(0)) -> Unit:
    return Unit(name, dim, F(factor), kind, offset)


L1: Final[Dim] = (("L", 1),)
L2: Final[Dim] = (("L", 2),)
L3: Final[Dim] = (("L", 3),)
M1: Final[Dim] = (("M", 1),)
ENERGY: Final[Dim] = (("L", 2), ("M", 1), ("T", -2))
POWER: Final[Dim] = (("L", 2), ("M", 1), ("T", -3))
SPEED: Final[Dim] = (("L", 1), ("T", -1))
TEMP: Final[Dim] = (("K", 1),)

NUMBER: Final = Unit("", NONE, F(1), "number")
PERCENT: Final = Unit("%", NONE, F(1, 100), "ratio")
DAY_SECONDS: Final = 86400
YEAR: Final = F(3652425, 10000) * DAY_SECONDS
MONTH: Final = YEAR / 12
WEEK: Final = 7 * DAY_SECONDS

_FT = F("0.3048")
_MILE = F("1609.344")
_LITRE = F(1, 1000)
_KWH = F(3600000)

# Each row: unit, then its spellings.  Spellings of three letters or more also match
# without regard to case; shorter ones (m², kg, MW, mW) are case-sensitive.
_TABLE: Final[list[tuple[Unit, tuple[str, ...]]]] = [
    (PERCENT, ("%", "percent", "per cent", "pct", "百分之")),
    (Unit("pp", NONE, F(1, 100), "ratio"), ("pp", "ppt", "ppts", "percentage point", "percentage points",
                                           "percentage-point", "points", "个百分点", "百分点", "pts")),
    (Unit("x", NONE, F(1), "ratio"), ("x", "×", "times", "倍", "fold")),
    # currencies
    (Unit("USD", (("USD", 1),), F(1), "currency"),
     ("USD", "US$", "$", "美元", "美金", "dollar", "dollars", "US dollars")),
    (Unit("HKD", (("HKD", 1),), F(1), "currency"), ("HKD", "HK$", "港元", "港币", "港幣", "Hong Kong dollars")),
    (Unit("CNY", (("CNY", 1),), F(1), "currency"), ("CNY", "RMB", "¥", "￥", "元", "人民币", "元人民币", "yuan")),
    (Unit("EUR", (("EUR", 1),), F(1), "currency"), ("EUR", "€", "欧元", "euro", "euros")),
    (Unit("GBP", (("GBP", 1),), F(1), "currency"), ("GBP", "£", "英镑", "pound sterling", "sterling")),
    (Unit("JPY", (("JPY", 1),), F(1), "currency"), ("JPY", "日元", "円", "yen")),
    # durations
    (Unit("ms", TIME, F(1, 1000), "duration"), ("ms", "millisecond", "milliseconds", "毫秒")),
    (Unit("s", TIME, F(1), "duration"), ("s", "sec", "secs", "second", "seconds", "秒", "秒钟")),
    (Unit("min", TIME, F(60), "duration"), ("min", "mins", "minute", "minutes", "分钟")),
    (Unit("h", TIME, F(3600), "duration"), ("h", "hr", "hrs", "hour", "hours", "小时", "个小时")),
    (Unit("day", TIME, F(DAY_SECONDS), "duration"), ("day", "days", "天", "日")),
    (Unit("week", TIME, F(WEEK), "duration"), ("week", "weeks", "周", "星期", "个星期", "wk", "wks")),
    (Unit("month", TIME, MONTH, "duration"), ("month", "months", "个月", "mo")),
    (Unit("year", TIME, YEAR, "duration"), ("year", "years", "年", "yr", "yrs")),
    # length
    (_u("metre", L1, 1), ("metre", "metres", "meter", "meters", "米")),
    (_u("km", L1, 1000), ("km", "kilometre", "kilometres", "kilometer", "kilometers", "公里", "千米")),
    (_u("cm", L1, F(1, 100)), ("cm", "centimetre", "centimetres", "厘米")),
    (_u("mm", L1, F(1, 1000)), ("mm", "millimetre", "millimetres", "毫米")),
    (_u("mile", L1, _MILE), ("mile", "miles", "mi")),
    (_u("ft", L1, _FT), ("ft", "foot", "feet")),
    (_u("yd", L1, _FT * 3), ("yd", "yds", "yard", "yards")),
    (_u("inch", L1, _FT / 12), ("inch", "inches")),
    # area
    (_u("m²", L2, 1), ("m²", "m2", "sq m", "square metre", "square metres", "square meter", "square meters", "平方米")),
    (_u("km²", L2, 10**6), ("km²", "km2", "sq km", "square kilometre", "square kilometres", "square kilometer",
                             "square kilometers", "平方公里")),
    (_u("sq ft", L2, _FT**2), ("sq ft", "ft²", "ft2", "square foot", "square feet")),
    (_u("sq mi", L2, _MILE**2), ("sq mi", "square mile", "square miles", "mi²")),
    (_u("hectare", L2, 10**4), ("hectare", "hectares", "ha", "公顷")),
    (_u("acre", L2, F("4046.8564224")), ("acre", "acres")),
    (_u("亩", L2, F(10000, 15)), ("亩",)),
    # volume
    (_u("litre", L3, _LITRE), ("litre", "litres", "liter", "liters", "L", "升")),
    (_u("ml", L3, _LITRE / 1000), ("ml", "mL", "millilitre", "millilitres", "毫升")),
    (_u("m³", L3, 1), ("m³", "m3", "cubic metre", "cubic metres", "cubic meter", "cubic meters", "立方米")),
    (_u("barrel", L3, F("158.987294928") * _LITRE), ("barrel", "barrels", "bbl", "桶")),
    (_u("gallon", L3, F("3.785411784") * _LITRE), ("gallon", "gallons", "gal")),
    # mass
    (_u("kg", M1, 1), ("kg", "kgs", "kilogram", "kilograms", "kilo", "kilos", "公斤", "千克")),
    (_u("g", M1, F(1, 1000)), ("g", "gram", "grams", "克")),
    (_u("tonne", M1, 1000), ("tonne", "tonnes", "t", "metric ton", "metric tons", "吨")),
    (_u("lb", M1, F("0.45359237")), ("lb", "lbs", "pound", "pounds")),
    (_u("oz", M1, F("0.028349523125")), ("oz", "ounce", "ounces")),
    (_u("斤", M1, F(1, 2)), ("斤",)),
    # energy and power
    (_u("J", ENERGY, 1), ("J", "joule", "joules", "焦耳")),
    (_u("kJ", ENERGY, 1000), ("kJ",)),
    (_u("MJ", ENERGY, 10**6), ("MJ",)),
    (_u("GJ", ENERGY, 10**9), ("GJ",)),
    (_u("Wh", ENERGY, 3600), ("Wh",)),
    (_u("kWh", ENERGY, _KWH), ("kWh", "千瓦时")),
    (_u("MWh", ENERGY, _KWH * 1000), ("MWh", "兆瓦时")),
    (_u("GWh", ENERGY, _KWH * 10**6), ("GWh",)),
    (_u("TWh", ENERGY, _KWH * 10**9), ("TWh",)),
    (_u("kcal", ENERGY, F("4184")), ("kcal", "千卡")),
    (_u("W", POWER, 1), ("W", "watt", "watts", "瓦")),
    (_u("kW", POWER, 1000), ("kW", "kilowatt", "kilowatts", "千瓦")),
    (_u("MW", POWER, 10**6), ("MW", "megawatt", "megawatts", "兆瓦")),
    (_u("GW", POWER, 10**9), ("GW", "gigawatt", "gigawatts", "吉瓦")),
    (_u("TW", POWER, 10**12), ("TW",)),
    # speed
    (_u("km/h", SPEED, F(1000, 3600)), ("km/h", "kph", "kmh", "公里每小时", "公里/小时")),
    (_u("mph", SPEED, _MILE / 3600), ("mph", "miles per hour")),
    (_u("m/s", SPEED, 1), ("m/s",)),
    (_u("knot", SPEED, F(1852, 3600)), ("knot", "knots")),
    # temperature (affine: compare or subtract only)
    (_u("°C", TEMP, 1, "temperature", F("273.15")), ("°C", "℃", "degrees Celsius", "celsius", "摄氏度")),
    (_u("°F", TEMP, F(5, 9), "temperature", F("459.67") * F(5, 9)),
     ("°F", "℉", "degrees Fahrenheit", "fahrenheit", "华氏度")),
    (_u("K", TEMP, 1, "temperature"), ("K", "kelvin")),
]

_EXACT: Final[dict[str, Unit]] = {}
_FOLDED: Final[dict[str, Unit]] = {}
for _unit, _spellings in _TABLE:
    for _s in _spellings:
        _EXACT[_s] = _unit
        if len(_s) >= 3 and _s.isascii():
            _FOLDED[_s.lower()] = _unit

SCALES: Final[dict[str, F]] = {
    "k": F(10**3), "thousand": F(10**3), "千": F(10**3),
    "m": F(10**6), "mn": F(10**6), "mln": F(10**6), "million": F(10**6), "百万": F(10**6),
    "b": F(10**9), "bn": F(10**9), "bln": F(10**9), "billion": F(10**9),
    "tn": F(10**12), "trillion": F(10**12),
    "万": F(10**4), "十万": F(10**5), "千万": F(10**7), "亿": F(10**8), "万亿": F(10**12),
}
SCALE_TOKENS: Final = sorted(SCALES, key=len, reverse=True)

CURRENCY_PREFIXES: Final = ("US$", "HK$", "$", "¥", "￥", "€", "£", "USD", "HKD", "CNY", "RMB", "EUR", "GBP", "JPY")

# Short spellings a typo is likely to miss (`kms`, `UDS`); a count label one edit away
# from one of these is reported as a probable typo.  Longer words are left alone:
# "wins" is a count, not a misspelt "mins".
_TYPO_TARGETS: Final = (
    "km", "cm", "mm", "ft", "yd", "kg", "lb", "oz", "kWh", "MWh", "GWh", "TWh", "kW", "MW",
    "GW", "mph", "kph", "USD", "HKD", "CNY", "RMB", "EUR", "GBP", "JPY", "pp",
)


def lookup(text: str) -> Unit | None:
    """The unit spelled `text` (a whole spelling, no number), if any."""
    unit = _EXACT.get(text)
    if unit is None and len(text) >= 3:
        unit = _FOLDED.get(text.lower())
    if unit is None and text.lower() in ("ton", "tons", "short ton", "short tons"):
        unit = _u("ton", M1, F("907.18474"))
    return unit


def near_miss(word: str) -> str | None:
    """A unit spelling one edit away from `word` (a likely typo), if any."""
    low = word.lower()
    if not low.isascii() or not 2 <= len(low) <= 4:
        return None
    for spelling in _TYPO_TARGETS:
        if _one_edit(low, spelling.lower()):
            return spelling
    return None


def _one_edit(a: str, b: str) -> bool:
    """True when a and b differ by one insertion, deletion, substitution or swap."""
    if a == b or abs(len(a) - len(b)) > 1:
        return False
    if len(a) == len(b):
        diff = [i for i in range(len(a)) if a[i] != b[i]]
        if len(diff) == 1:
            return True
        return len(diff) == 2 and diff[1] == diff[0] + 1 and a[diff[0]] == b[diff[1]] and a[diff[1]] == b[diff[0]]
    if len(a) > len(b):
        a, b = b, a
    i = 0
    while i < len(a) and a[i] == b[i]:
        i += 1
    return a[i:] == b[i + 1 :]


def count_label(word: str) -> Unit:
    return Unit(word, NONE, F(1), "count")


def compound(num: Unit, den: Unit) -> Unit:
    return Unit(f"{num.name}/{den.name}", dim_mul(num.dim, den.dim, -1), num.factor / den.factor, "compound")
