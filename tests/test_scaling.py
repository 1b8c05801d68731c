"""Twice the claims, or a formula twice as long, costs about twice the work.

Work is counted, not timed: the Python function calls made while a file is loaded, judged and
written as JSON, which a test can count exactly on any machine (to within a call).  What this
cannot see is work that makes no call: a loop inside one function, or inside one C call such
as `x in some_list`; and it covers loading, judging and the JSON, not the other formats."""

from __future__ import annotations

import cProfile
import pstats
import sys
from pathlib import Path

import pytest
from conftest import ROOT

sys.path.insert(0, str(ROOT / "benchmarks"))
import generate

HEADER = "article:\n  title: T\n  outlet: O\n  published: 2026-01-01\nclaims:\n"


def _calls(text: str) -> int:
    from claimcheck.judge import judge_file
    from claimcheck.loader import load_text
    from claimcheck.quantity import parse_quantity
    from claimcheck.report.json_report import render

    parse_quantity.cache_clear()  # every count starts cold, as a run does
    profile = cProfile.Profile()
    profile.enable()
    claim_file, problems = load_text("x.yaml", text.encode("utf-8"))
    assert claim_file is not None, problems
    render([judge_file(claim_file)])
    profile.disable()
    return sum(row[1] for row in pstats.Stats(profile).stats.values())  # type: ignore[attr-defined]


def test_twice_the_claims_cost_twice_the_work(tmp_path: Path) -> None:
    counts = []
    for n in (2000, 4000):
        path = tmp_path / f"g{n}.yaml"
        generate.write_file(str(path), n)
        counts.append(_calls(path.read_text(encoding="utf-8")))
    assert counts[1] / counts[0] < 2.05, counts  # 1.91 when written


def _sum_claim(n: int, value: str) -> str:
    """n stated figures and a claim that sums them (a formula of n inputs, 7n characters)."""
    figures = "".join(f"  a{i}: {{quote: 'a {i}', value: '{i}'}}\n" for i in range(1, n + 1))
    formula = "sum(" + ", ".join(f"a{i}" for i in range(1, n + 1)) + ")"
    return HEADER + figures + f"  total: {{quote: 'total {value}', value: '{value}', formula: '{formula}'}}\n"


@pytest.mark.parametrize("verdict, value", [
    ("fail", "5"),  # slips are tried for every input
    ("warn", "over {s}"),  # holds for some readings: what each input would need
    ("pass", "{s}"),
])
def test_a_formula_twice_as_long_costs_twice_the_work(verdict: str, value: str) -> None:
    from claimcheck.judge import judge_file
    from claimcheck.loader import load_text

    work = []
    for n in (60, 120):
        text = _sum_claim(n, value.format(s=n * (n + 1) // 2))
        claim_file, _ = load_text("x.yaml", text.encode("utf-8"))
        assert claim_file is not None and judge_file(claim_file).results[-1].status == verdict
        work.append(_calls(text) - _calls(text.rsplit("  total:", 1)[0]))  # the summing claim's own
    assert work[1] / work[0] < 2.2, work


def _parts_claim(n: int, slipped: str, claimed: str) -> str:
    """Two totals, each the sum of n stated parts (implied figures), and their growth: a
    formula of two ids over 2n stated figures.  The last part of last year is `slipped`."""
    def part(name: str, figure: str) -> str:
        return f"  {name}: {{quote: 'made {figure}', value: '{figure} USD'}}\n"

    this = "".join(part(f"p{i}", f"{100 + i} million") for i in range(1, n + 1))
    last = "".join(part(f"q{i}", f"{90 + i} million") for i in range(1, n))
    last += part(f"q{n}", slipped)
    sums = (f"  t25: {{quote: 'this year', formula: '{' + '.join(f'p{i}' for i in range(1, n + 1))}'}}\n"
            f"  t24: {{quote: 'last year', formula: '{' + '.join(f'q{i}' for i in range(1, n + 1))}'}}\n")
    growth = f"  up: {{quote: 'rose {claimed}', value: '{claimed}', formula: 'growth(t25, t24)'}}\n"
    return HEADER + this + last + sums + growth


def test_the_bounds_leave_ordinary_claims_whole() -> None:
    """The hint and slip searches are bounded by the work they cost, not by a count that a
    formula of two implied totals over thirty figures would exceed."""
    from claimcheck.judge import MAX_HINT_INPUTS, judge_file
    from claimcheck.loader import load_text

    warn, _ = load_text("x.yaml", _parts_claim(7, "97 million", "11.5%").encode("utf-8"))
    assert warn is not None
    up = judge_file(warn).results[-1]
    assert up.status == "warn" and len(up.hints) == 14 <= MAX_HINT_INPUTS  # every stated figure named
    fail, _ = load_text("x.yaml", _parts_claim(15, "10.5 million", "10.2%").encode("utf-8"))
    assert fail is not None
    up = judge_file(fail).results[-1]
    assert up.status == "fail"
    assert any("q15 were 105 million USD instead of 10.5 million USD" in s for s in up.suggestions), up.suggestions


def test_a_warn_over_too_many_figures_names_none() -> None:
    """Past MAX_HINT_INPUTS figures, a warn gives no per-figure hint (a partial list would
    make "holds only if" untrue) and says it holds only for some readings."""
    from claimcheck.judge import MAX_HINT_INPUTS, judge_file
    from claimcheck.loader import load_text

    for n, named in ((MAX_HINT_INPUTS, True), (MAX_HINT_INPUTS + 1, False)):
        text = _sum_claim(n, f"over {n * (n + 1) // 2}")
        claim_file, _ = load_text("x.yaml", text.encode("utf-8"))
        assert claim_file is not None
        total = judge_file(claim_file).results[-1]
        assert total.status == "warn"
        assert (len(total.findings[0].hints) == n) is named
        assert ("holds only for some readings" in total.message) is not named
