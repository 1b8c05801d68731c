"""The quantity grammar, table-driven: text -> qualifier, unit, central value, interval."""

from __future__ import annotations

from fractions import Fraction
from fractions import Fraction as F

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from claimcheck.interval import INF
from claimcheck.quantity import (
    QuantityError,
    decimals_for,
    parse_date,
    parse_quantity,
    show,
    show_interval,
    stated_decimals,
)

B = 10**9
Y = 10**8  # 亿

CASES = [
    # text, qualifier, unit name, central, lo, hi
    ("3179亿港元", "", "HKD", 3179 * Y, F("3178.5") * Y, F("3179.5") * Y),
    ("3179亿 HKD", "", "HKD", 3179 * Y, F("3178.5") * Y, F("3179.5") * Y),
    (">1.7万亿 HKD", ">", "HKD", F("1.7") * 10**12, F("1.7") * 10**12, INF),
    ("超过80%", ">", "%", F("0.8"), F("0.8"), INF),
    ("超1.4万亿港元", ">", "HKD", F("1.4") * 10**12, F("1.4") * 10**12, INF),
    ("约10亿元人民币", "~", "CNY", 10 * Y, 5 * Y, 15 * Y),  # a = max(w = 5亿, 5%) = 5亿
    ("HK$ 317.9 billion", "", "HKD", F("317.9") * B, F("317.85") * B, F("317.95") * B),
    ("$140 million", "", "USD", 140 * 10**6, 135 * 10**6, 145 * 10**6),
    ("nearly 70%", "nearly", "%", F("0.7"), F("0.65"), F("0.7")),
    ("将近70%", "nearly", "%", F("0.7"), F("0.65"), F("0.7")),
    ("-2.5%", "", "%", F("-0.025"), F("-0.0255"), F("-0.0245")),
    ("2.5倍", "", "x", F("2.5"), F("2.45"), F("2.55")),
    ("2.5x", "", "x", F("2.5"), F("2.45"), F("2.55")),
    ("0.3pp", "", "pp", F("0.003"), F("0.0025"), F("0.0035")),
    ("0.7个百分点", "", "pp", F("0.007"), F("0.0065"), F("0.0075")),
    ("125.6分钟", "", "min", F("125.6") * 60, F("125.55") * 60, F("125.65") * 60),
    ("140分钟", "", "min", 140 * 60, 135 * 60, 145 * 60),
    ("50万次", "", "次", 500000, 450000, 550000),
    ("30%左右", "~", "%", F("0.3"), F("0.25"), F("0.35")),
    ("1.7e12 HKD", "", "HKD", F("1.7e12"), F("1.65e12"), F("1.75e12")),
    ("1,600", "", "", 1600, 1550, 1650),
    ("1,646", "", "", 1646, F("1645.5"), F("1646.5")),
    ("4500万", "", "", 4500 * 10**4, 4450 * 10**4, 4550 * 10**4),
    ("1.10", "", "", F("1.1"), F("1.095"), F("1.105")),
    ("2.0", "", "", 2, F("1.95"), F("2.05")),
    ("0.50", "", "", F("0.5"), F("0.495"), F("0.505")),
    ("at least 12 users", ">=", "users", 12, 12, INF),
    ("不少于12家", ">=", "家", 12, 12, INF),
    ("under 5%", "<", "%", F("0.05"), -INF, F("0.05")),
    ("不到5%", "<", "%", F("0.05"), -INF, F("0.05")),
    ("up to 40 km", "<=", "km", 40000, -INF, 40000),
    ("about 200 km", "~", "km", 200000, 150000, 250000),  # w = 50 km > 5%
    ("about 2.00 km", "~", "km", 2000, 1900, 2100),  # 5% > w
    ("~2.00 km", "~", "km", 2000, 1900, 2100),
    ("7.18 CNY/USD", "", "CNY/USD", F("7.18"), F("7.175"), F("7.185")),
    ("8,000 sq ft", "", "sq ft", 8000 * F("0.3048") ** 2, 7500 * F("0.3048") ** 2, 8500 * F("0.3048") ** 2),
    ("18 months", "", "month", 18 * F(3652425, 10000) * 86400 / 12, F(35, 2) * F(3652425, 10000) * 86400 / 12,
     F(37, 2) * F(3652425, 10000) * 86400 / 12),
    ("10 months", "", "month", 10 * F(3652425, 10000) * 86400 / 12, 5 * F(3652425, 10000) * 86400 / 12,
     15 * F(3652425, 10000) * 86400 / 12),
    ("4年", "", "year", 4 * F(3652425, 10000) * 86400, F("3.5") * F(3652425, 10000) * 86400,
     F("4.5") * F(3652425, 10000) * 86400),
    ("2周", "", "week", 2 * 7 * 86400, F("1.5") * 7 * 86400, F("2.5") * 7 * 86400),
    ("第8", "", "rank", 8, F("7.5"), F("8.5")),
    ("8th", "", "rank", 8, F("7.5"), F("8.5")),
    ("12 kWh", "", "kWh", 12 * 3600000, F("11.5") * 3600000, F("12.5") * 3600000),
    ("21°C", "", "°C", F("294.15"), F("293.65"), F("294.65")),
    ("20°C", "", "°C", F("293.15"), F("288.15"), F("298.15")),  # a round 20: 15-25 °C
    ("68°F", "", "°F", (68 + F("459.67")) * F(5, 9), (F("67.5") + F("459.67")) * F(5, 9), (F("68.5") + F("459.67")) * F(5, 9)),
    ("€2.4 billion", "", "EUR", F("2.4") * B, F("2.35") * B, F("2.45") * B),
    ("1.4亿美元", "", "USD", F("1.4") * Y, F("1.35") * Y, F("1.45") * Y),
    ("90万美元", "", "USD", 90 * 10**4, 85 * 10**4, 95 * 10**4),
    ("6000万美元", "", "USD", 6000 * 10**4, 5500 * 10**4, 6500 * 10**4),
    ("more than 1,200 jobs", ">", "jobs", 1200, 1200, INF),
    ("$5/share", "", "USD/share", 5, F("4.5"), F("5.5")),
    # every hedge word of the grammar, English and Chinese, before or after the number
    ("逾5亿", ">", "", 5 * Y, 5 * Y, INF),
    ("突破50万次", ">", "次", 500000, 500000, INF),
    ("超5亿 views", ">", "views", 5 * Y, 5 * Y, INF),
    ("80%以上", ">=", "%", F("0.8"), F("0.8"), INF),
    ("5%以下", "<=", "%", F("0.05"), -INF, F("0.05")),
    ("10秒左右", "~", "s", 10, 5, 15),
    ("30%上下", "~", "%", F("0.3"), F("0.25"), F("0.35")),
    ("近70%", "nearly", "%", F("0.7"), F("0.65"), F("0.7")),
    ("接近70%", "nearly", "%", F("0.7"), F("0.65"), F("0.7")),
    ("just under 5%", "nearly", "%", F("0.05"), F("0.045"), F("0.05")),
    ("almost 2.0 km", "nearly", "km", 2000, 1900, 2000),
    ("不足1万家", "<", "家", 10000, -INF, 10000),
    ("低于10%", "<", "%", F("0.1"), -INF, F("0.1")),
    ("至少1000亿港元", ">=", "HKD", 1000 * Y, 1000 * Y, INF),
    ("fewer than 300 jobs", "<", "jobs", 300, -INF, 300),
    ("no more than 3 years", "<=", "year", 3 * F(3652425, 10000) * 86400, -INF, 3 * F(3652425, 10000) * 86400),
    ("大约10亿元", "~", "CNY", 10 * Y, 5 * Y, 15 * Y),
    ("roughly 600,000 homes", "~", "homes", 600000, 550000, 650000),
    ("$1.2B", "", "USD", F("1.2") * B, F("1.15") * B, F("1.25") * B),
    ("$5 mln", "", "USD", 5 * 10**6, F("4.5") * 10**6, F("5.5") * 10**6),
    ("3 ppts", "", "pp", F("0.03"), F("0.025"), F("0.035")),
    ("约10%左右", "~", "%", F("0.1"), F("0.05"), F("0.15")),
]


@pytest.mark.parametrize("text, qual, unit, central, lo, hi", CASES, ids=[c[0] for c in CASES])
def test_quantity_interval(text: str, qual: str, unit: str, central: F, lo: F, hi: F) -> None:
    q = parse_quantity(text)
    assert q.qualifier == qual
    assert q.unit.name == unit
    assert q.central == F(central)
    assert q.interval.lo == lo
    assert q.interval.hi == hi


def test_open_and_closed_bounds() -> None:
    assert parse_quantity(">30%").interval.lo_open
    assert not parse_quantity(">=30%").interval.lo_open
    assert parse_quantity("<30%").interval.hi_open
    assert not parse_quantity("<=30%").interval.hi_open
    assert not parse_quantity("nearly 70%").interval.hi_open


def test_defaults_about_and_tolerances() -> None:
    assert parse_quantity("约100", about=F(1, 10)).interval.lo == 50  # a = max(w = 50, 10% of 100)
    q = parse_quantity("about 1.00", about=F(1, 10))
    assert (q.interval.lo, q.interval.hi) == (F("0.9"), F("1.1"))
    q = parse_quantity("1,600", abs_tol=parse_quantity("0"))
    assert (q.interval.lo, q.interval.hi) == (1600, 1600)
    q = parse_quantity("33.3%", rel_tol=F(1, 100))
    assert q.interval.lo == F("0.333") * F("0.99")


ERRORS = [
    ("12 kms", "CC202"), ("5 UDS", "CC202"), ("1,5", "CC219"), ("12,50", "CC219"), ("1.2.3", "CC219"),
    ("nan", "CC201"), ("inf USD", "CC201"), ("∞", "CC201"), ("about a third", "CC201"), ("", "CC201"),
    ("12:30", "CC201"), ("30% 左右 以上", "CC201"), ("$5 widgets", "CC201"), ("超过", "CC201"), ("about", "CC201"),
    ("2024-06", "CC201"), ("约10亿元（人民币）", "CC201"), ("超过26%左右", "CC219"), ("1e999999999 USD", "CC210"),
    ("9" * 5000, "CC210"),
]


@pytest.mark.parametrize("text, code", ERRORS, ids=[e[0] or "empty" for e in ERRORS])
def test_quantity_errors(text: str, code: str) -> None:
    with pytest.raises(QuantityError) as exc:
        parse_quantity(text)
    assert exc.value.code == code


def test_count_labels_are_not_typos() -> None:
    for text in ("12 wins", "4500万 users", "3 men", "50万次", "1万家"):
        assert parse_quantity(text).unit.kind == "count"


DATES = [
    ("2021-02-05", "2021-02-05", "2021-02-05"),
    ("2024-06", "2024-06-01", "2024-06-30"),
    ("2025Q3", "2025-07-01", "2025-09-30"),
    ("2025H1", "2025-01-01", "2025-06-30"),
    ("2026", "2026-01-01", "2026-12-31"),
]


@pytest.mark.parametrize("text, first, last", DATES)
def test_dates(text: str, first: str, last: str) -> None:
    q = parse_date(text)
    assert q.interval.hi_open and not q.interval.lo_open
    assert show_interval(q.interval, q.style) in (first, f"{first} – {last}")
    assert q.interval.lo < q.central < q.interval.hi


@pytest.mark.parametrize("text", ["2025-13", "2025-02-30", "2025Q5", "June 2024", "2025-6"])
def test_bad_dates(text: str) -> None:
    with pytest.raises(QuantityError) as exc:
        parse_date(text)
    assert exc.value.code == "CC211"


@pytest.mark.parametrize("text, shown", [
    ("3179亿港元", "3179亿港元"), ("HK$ 317.9 billion", "HK$ 317.9 billion"), ("$140 million", "$140 million"),
    ("125.6分钟", "125.6分钟"), ("1,646", "1,646"), ("45%", "45%"), ("-2.5%", "-2.5%"),
])
def test_display_round_trips(text: str, shown: str) -> None:
    q = parse_quantity(text)
    assert show(q.central, q.style, q.style.decimals) == shown


def test_stated_interval_display() -> None:
    q = parse_quantity("3179亿港元")
    assert show_interval(q.interval, q.style, stated_decimals(q)) == "3178.5–3179.5亿港元"


def _decimals_by_steps(value: Fraction, at_least: int = 0, sig: int = 3) -> int:
    """decimals_for as it was first written: a decade at a time (the reference)."""
    v = abs(value)
    if v == 0:
        return at_least
    d, p = sig - 1, Fraction(1)
    while v >= p * 10 and d > 0:
        p, d = p * 10, d - 1
    while v < p and d < 30:
        p, d = p / 10, d + 1
    return max(d, at_least)


@settings(deadline=None, max_examples=500)
@given(value=st.one_of(st.fractions(), st.integers(-45, 45).map(lambda k: Fraction(10) ** k),
                       st.integers(-45, 45).map(lambda k: Fraction(10) ** k - Fraction(1, 10**50))),
       at_least=st.integers(0, 5), sig=st.sampled_from([1, 3, 4]))
def test_decimals_for_is_exact(value: Fraction, at_least: int, sig: int) -> None:
    assert decimals_for(value, at_least, sig) == _decimals_by_steps(value, at_least, sig)


def test_decimals_for_a_value_of_many_digits() -> None:
    """About 1.00007 with some 4,900 digits in its numerator: more than int() will print."""
    v = Fraction(10000001, 10**7) ** 700
    assert decimals_for(v) == _decimals_by_steps(v) == 2
