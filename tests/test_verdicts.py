"""Verdicts as the contract defines them, claim by claim (table-driven)."""

from __future__ import annotations

import pytest

CONTRACT_EXAMPLE = """
revenue_2025:
  quote: revenue reached $1.2 billion
  value: 1.2 billion USD
revenue_2024:
  quote: up from $950 million
  value: 950 million USD
revenue_growth:
  quote: a jump of more than 30%
  value: ">30%"
  formula: growth(revenue_2025, revenue_2024)
"""


def test_difference_of_temperatures_is_shown_as_a_difference(judged) -> None:  # type: ignore[no-untyped-def]
    r = judged("""
hi: {quote: 35°C, value: 35°C}
lo: {quote: 18°C, value: 18°C}
d: {quote: 21°C, value: 21°C, formula: hi - lo}
""")["d"]
    assert r.status == "fail" and r.computed.startswith("17.0°C")


def test_contract_example(judged) -> None:  # type: ignore[no-untyped-def]
    r = judged(CONTRACT_EXAMPLE)
    assert [r[k].status for k in ("revenue_2025", "revenue_2024", "revenue_growth")] == ["info", "info", "warn"]
    g = r["revenue_growth"]
    assert g.kind == "derived" and not g.expected is False or True
    assert g.computed.startswith("26.3% (")
    # what would make it hold: revenue_2025 at least 1.235 billion, or revenue_2024 at most 923 million
    assert any(h.startswith("revenue_2025 ≥ 1.235 billion USD") for h in g.hints)
    assert any(h.startswith("revenue_2024 ≤ 923 million USD") for h in g.hints)


CASES = [
    # (name, body, {id: status})
    ("pass central", """
a: {quote: "a 10", value: "10.0"}
b: {quote: "b 4", value: "4.00"}
d: {quote: "d 2.5", value: "2.5", formula: a / b}
""", {"d": "pass"}),
    ("pass by rounding only (C inside S)", """
a: {quote: "a 1,600", value: "1,600"}
b: {quote: "b 1,600", value: "1,600", formula: a}
""", {"b": "pass"}),
    ("fail disjoint", """
a: {quote: "a 458", value: "458"}
b: {quote: "b 1.2 thousand", value: "1.2 thousand"}
s: {quote: "45%", value: "45%", formula: "share(a, b)"}
""", {"s": "fail"}),
    ("severity warn turns fail into warn", """
a: {quote: "a 458", value: "458"}
b: {quote: "b 1.2 thousand", value: "1.2 thousand"}
s: {quote: "45%", value: "45%", formula: "share(a, b)", severity: warn}
""", {"s": "warn"}),
    ("check pass / warn / fail", """
a: {quote: "a 10", value: "10"}
b: {quote: "b 12", value: "12"}
c: {quote: "c 30", value: "30"}
p: {quote: "p", check: a < c}
w: {quote: "w", check: a > b}
f: {quote: "f", check: a > c}
""", {"p": "pass", "w": "warn", "f": "fail"}),
    ("equality: central in the other's interval", """
a: {quote: "a 3179亿", value: "3179亿港元"}
b: {quote: "b 3179亿", value: "3179亿港元"}
c: {quote: "c 3180亿", value: "3180亿港元"}
same: {quote: "same", check: a == b}
close: {quote: "close", check: a == c}
""", {"same": "pass", "close": "pass"}),
    ("reference meets / misses", """
a: {quote: "DAU 4.09亿", value: "4.09亿", reference: {value: 408.9 million, source: q2}}
b: {quote: "MAU 7.36亿", value: "7.36亿", reference: {value: 714.8 million, source: q2}}
""", {"a": "pass", "b": "fail"}),
    ("worst of formula and reference", """
a: {quote: "a 10", value: "10.0"}
b: {quote: "b 10", value: "10.0", formula: a, reference: {value: "20"}}
""", {"b": "fail"}),
    ("implied is info and usable", """
dau: {quote: "DAU 4.09亿", value: "4.09亿"}
g: {quote: "增长3.4%", value: "3.4%"}
last: {quote: "implied", formula: dau / (1 + g)}
rose: {quote: "rose", check: dau > last}
""", {"last": "info", "rose": "pass"}),
    ("date spans", """
launch: {quote: "2024年6月", date: 2024-06}
release: {quote: "2025年12月", date: 2025-12}
span: {quote: "经过10个月", value: 10个月, formula: "months_between(launch, release)"}
span18: {quote: "18 months", value: 18 months, formula: "months_between(launch, release)"}
""", {"span": "fail", "span18": "pass"}),
    ("years ago from published", """
founded: {quote: "founded in 2019", date: "2019"}
ago: {quote: "seven years ago", value: 7 years, formula: "years_between(founded, published)"}
""", {"ago": "pass"}),
    ("currency through a rate", """
usd: {quote: "$140 million", value: $140 million}
rate: {quote: "7.18", value: 7.18 CNY/USD}
cny: {quote: "约10亿元人民币", value: 约10亿元人民币, formula: usd * rate}
""", {"cny": "pass"}),
    ("poll margin", """
n: {quote: "1,012 residents", value: "1,012"}
m: {quote: "3 points", value: 3pp, formula: margin_of_error(n)}
""", {"m": "pass"}),
    ("N倍 against N%", """
times: {quote: "2.5倍", value: 2.5倍}
pct: {quote: "暴涨150%", value: 150%, formula: times - 1}
""", {"pct": "pass"}),
    ("nearly is below", """
part: {quote: "将近70%", value: 将近70%}
other: {quote: "约30%", value: 约30%}
fits: {quote: "fits", check: part + other <= 100%}
""", {"fits": "pass"}),
    ("temperatures subtract", """
hi: {quote: "38°C", value: 38°C}
lo: {quote: "21°C", value: 21°C}
diff: {quote: "17°C", value: 17°C, formula: hi - lo}
f: {quote: "100.4°F", value: 100.4°F}
same: {quote: "same", check: f == hi}
""", {"diff": "pass", "same": "pass"}),
    ("expect reviewed", """
a: {quote: "a 10", value: "10"}
b: {quote: "b 30", value: "30", formula: a, expect: fail, note: the article doubled it}
""", {"b": "fail"}),
]


@pytest.mark.parametrize("name, body, want", CASES, ids=[c[0] for c in CASES])
def test_verdicts(judged, name: str, body: str, want: dict[str, str]) -> None:  # type: ignore[no-untyped-def]
    results = judged(body)
    assert {k: results[k].status for k in want} == want


ERRORS = [
    ("unknown id", "x: {quote: q, formula: nope + 1}", {"x": "CC203"}),
    ("cycle names every member", """
a: {quote: q, formula: b + 1}
b: {quote: q, formula: c + 1}
c: {quote: q, formula: a + 1}
""", {"a": "CC206", "b": "CC206", "c": "CC206"}),
    ("self cycle", "a: {quote: q 1, value: '1', formula: a}", {"a": "CC206"}),
    ("error propagates", """
bad: {quote: "12 kms", value: 12 kms}
uses: {quote: q, formula: bad * 2}
uses2: {quote: q, formula: uses * 2}
""", {"bad": "CC202", "uses": "CC217", "uses2": "CC217"}),
    ("division by zero interval", """
a: {quote: "a 0", value: "0"}
b: {quote: q, formula: 1 / a}
""", {"b": "CC208"}),
    ("check not boolean", "a: {quote: a 1, value: '1'}\nb: {quote: q, check: a + 1}", {"b": "CC209"}),
    ("value with check", "a: {quote: a 1, value: '1', check: 1 < 2}", {"a": "CC200"}),
    ("nothing stated", "a: {quote: q}", {"a": "CC200"}),
    ("expect without note", "a: {quote: a 1, value: '1', expect: fail}", {"a": "CC214"}),
    ("number not in quote", "a: {quote: revenue reached $1.2 billion, value: 1.3 billion USD}", {"a": "CC215"}),
    ("scale not in quote", "a: {quote: 1.4亿美元, value: 1.4 billion USD}", {"a": "CC215"}),
    ("万 for 亿", "a: {quote: 4亿日活用户, value: 4万}", {"a": "CC215"}),
    ("expect on a figure never judged", "a: {quote: a 10, value: '10', expect: pass, note: fine}", {"a": "CC213"}),
    ("expect fail with severity warn", """
a: {quote: a 10, value: '10'}
b: {quote: b 30, value: '30', formula: a, severity: warn, expect: fail, note: never met}
""", {"b": "CC213"}),
    ("a date written as a value", "a: {quote: 2024年6月, value: 2024-06}", {"a": "CC201"}),
    ("dimension mismatch", """
a: {quote: "a 3179亿港元", value: 3179亿港元}
b: {quote: "b 10亿元", value: 10亿元}
c: {quote: q, formula: a + b}
""", {"c": "CC207"}),
    ("value unit vs formula", """
a: {quote: "a 10", value: 10 km}
b: {quote: "b 10", value: 10 minutes, formula: a}
""", {"b": "CC207"}),
]


@pytest.mark.parametrize("name, body, want", ERRORS, ids=[e[0] for e in ERRORS])
def test_claim_errors(judged, name: str, body: str, want: dict[str, str]) -> None:  # type: ignore[no-untyped-def]
    results = judged(body)
    assert {k: (results[k].status, results[k].code) for k in want} == {k: ("error", v) for k, v in want.items()}


QUOTES = [
    ("forty-one percent of voters", "41%"), ("seven in 10 adults", "70%"), ("四年时间里", "4年"), ("两周", "2周"),
    ("第八大市值公司", "第8"), ("fifth largest", "5th"), ("$1,204x", "1204x"), ("up by a third", "33.3%"),
    ("千亿市值", "1000亿港元"), ("二十次", "20次"), ("3179亿港元", "3179亿"), ("一个月", "1个月"),
    ("$1,200 million", "1.2 billion USD"), ("三成", "30%"), ("一半", "50%"), ("三分之一", "33.3%"),
    ("two-thirds", "66.7%"), ("revenue doubled", "2x"), ("翻了一番", "100%"), ("四千五百万", "4500万"),
]


@pytest.mark.parametrize("quote, value", QUOTES)
def test_numbers_in_words(judged, quote: str, value: str) -> None:  # type: ignore[no-untyped-def]
    r = judged(f'a: {{quote: "{quote}", value: "{value}"}}')
    assert r["a"].status == "info", r["a"].message


@pytest.mark.parametrize("quote, date", [("2024年6月", "2024-06"), ("in June 2024", "2024-06"), ("2025年第三季度", "2025Q3"),
                                         ("Q3 2025", "2025Q3"), ("2025年上半年", "2025H1"), ("2021年2月5日", "2021-02-05")])
def test_dates_in_quotes(judged, quote: str, date: str) -> None:  # type: ignore[no-untyped-def]
    assert judged(f'a: {{quote: "{quote}", date: "{date}"}}')["a"].status == "info"
