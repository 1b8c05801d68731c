"""Suggestions name the slip behind a failure; explain shows the derivation."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from conftest import claim_file

CASES = [
    ("decimal point", """
revenue: {quote: "revenue of $1.2 billion", value: 1.2 billion USD}
robots: {quote: "robot sales of $458 million", value: $458 million}
s: {quote: "robots made up 3.82%", value: 3.82%, formula: "share(robots, revenue)"}
""", "s", "decimal point shifted"),
    ("万 and 亿", """
a: {quote: "营收3.5亿元", value: 3.5亿元}
b: {quote: "成本1.2亿元", value: 1.2亿元}
d: {quote: "利润2.3万元", value: 2.3万元, formula: a - b}
""", "d", "万 and 亿 swapped"),
    ("million and billion", """
a: {quote: "$3.5 billion", value: $3.5 billion}
b: {quote: "$1.2 billion", value: $1.2 billion}
d: {quote: "$2.3 million", value: $2.3 million, formula: a - b}
""", "d", "million and billion swapped"),
    ("transposed digits vs reference", """
dau: {quote: "日活4.90亿", value: 4.90亿, reference: {value: 409 million}}
""", "dau", "two digits transposed"),
    ("direction word", """
a: {quote: "17.3%", value: 17.3%}
b: {quote: "17.6%", value: 17.6%}
fell: {quote: "fell further", check: b < a}
""", "fell", "direction word reversed"),
    ("N times more", """
old: {quote: "$2 million", value: $2.0 million}
new: {quote: "$8 million", value: $8.0 million}
m: {quote: "three times more", value: 3x, formula: new / old}
""", "m", "times"),
    ("an input's decimal point", """
gdp: {quote: "13.95万亿", value: 13.95万亿元}
gdp2: {quote: "1.395万亿", value: 1.395万亿元}
same: {quote: "same", check: gdp == gdp2}
""", "same", "decimal point shifted"),
]


@pytest.mark.parametrize("name, body, cid, why", CASES, ids=[c[0] for c in CASES])
def test_suggestion_names_the_slip(judged, name: str, body: str, cid: str, why: str) -> None:  # type: ignore[no-untyped-def]
    r = judged(body)[cid]
    assert r.status == "fail"
    assert any(why in s for s in r.suggestions), r.suggestions


def test_suggestions_never_change_the_verdict(judged) -> None:  # type: ignore[no-untyped-def]
    r = judged(CASES[0][1])["s"]
    assert r.status == "fail" and r.suggestions


def test_no_suggestion_when_nothing_fits(judged) -> None:  # type: ignore[no-untyped-def]
    r = judged("""
a: {quote: "a 10.0", value: "10.0"}
b: {quote: "b 17.7", value: "17.7", formula: a}
""")["b"]
    assert r.status == "fail" and r.suggestions == []


def test_explain_tree(tmp_path: Path) -> None:
    from conftest import run_cli

    path = claim_file(tmp_path, """
revenue_2025: {quote: revenue reached $1.2 billion, value: 1.2 billion USD}
revenue_2024: {quote: up from $950 million, value: 950 million USD}
revenue_growth:
  quote: a jump of more than 30%
  value: ">30%"
  formula: growth(revenue_2025, revenue_2024)
last_year:
  quote: implied
  formula: revenue_2025 / (1 + revenue_growth)
""")
    env = dict(os.environ, COLUMNS="200")
    proc = run_cli("explain", str(path), "revenue_growth", env=env)
    assert proc.returncode == 0, proc.stderr
    out = proc.stdout
    for part in ("growth(new, old) = new / old − 1", "1.15–1.25 billion USD", "945–955 million USD",
                 "26.3% (20.4–32.3%)", "WARN", "revenue_2025 ≥ 1.235 billion USD", "revenue_2024 ≤ 923 million USD"):
        assert part in out, part
    proc = run_cli("explain", str(path), "last_year", env=env)
    assert proc.returncode == 0 and "1 + revenue_growth" in proc.stdout
    proc = run_cli("explain", str(path), "revenue_growht")
    assert proc.returncode == 2 and "did you mean 'revenue_growth'" in proc.stdout + proc.stderr


_PIECES = ["万", "亿", "万亿", "a", "z", "m", "n", "b", "mn", "bn", "million", "billion", "trillion", "thousand",
           " ", "1", "2.5", "亿元", "Mn", "é"]


@settings(deadline=None, max_examples=400)
@given(pieces=st.lists(st.sampled_from(_PIECES), max_size=6))
def test_scale_word_is_the_regex_it_replaces(pieces: list[str]) -> None:
    import re

    from claimcheck.suggest import _SCALE_SWAPS, _scale_word

    text = "".join(pieces)
    for old, _ in _SCALE_SWAPS:
        m = re.search(rf"(?<![万亿a-z]){old}(?![a-z亿])", text)
        assert _scale_word(text, old) == (m.start() if m else -1), (text, old)
