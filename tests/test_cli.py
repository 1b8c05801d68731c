"""End to end through the real CLI: exit codes, formats, plain output, several files."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

from conftest import HEADER, ROOT, claim_file, run_cli

GOOD = """
a: {quote: "a 10", value: "10"}
b: {quote: "b 10", value: "10", formula: a}
"""
FAILING = """
a: {quote: "a 10", value: "10"}
b: {quote: "b 30", value: "30", formula: a}
"""
REVIEWED = FAILING.replace('formula: a}', 'formula: a, expect: fail, note: tripled}')
WARNING = """
a: {quote: "a 10", value: "10"}
b: {quote: "b 13", value: "13", formula: a}
"""
EXPECTED_FAIL_NOW_PASSES = GOOD.replace('formula: a}', 'formula: a, expect: fail, note: was wrong}')
CLAIM_ERROR = """
a: {quote: "a 10", value: "10 kms"}
"""


@pytest.mark.parametrize("body, plain, strict", [
    (GOOD, 0, 0), (FAILING, 1, 1), (REVIEWED, 0, 0), (WARNING, 0, 1), (EXPECTED_FAIL_NOW_PASSES, 0, 1),
    (CLAIM_ERROR, 2, 2),
])
def test_exit_codes(tmp_path: Path, body: str, plain: int, strict: int) -> None:
    path = str(claim_file(tmp_path, body))
    assert run_cli("run", path).returncode == plain
    assert run_cli("run", "--strict", path).returncode == strict
    assert run_cli("run", "--format", "json", path).returncode == plain


def test_file_error_exits_2_and_other_files_are_still_checked(tmp_path: Path) -> None:
    good = claim_file(tmp_path, GOOD, name="a.yaml")
    failing = claim_file(tmp_path, FAILING, name="b.yaml")
    broken = tmp_path / "c.yaml"
    broken.write_text(HEADER + "  a: {quote: x, fomula: 1}\n", encoding="utf-8")
    proc = run_cli("run", "--format", "json", str(tmp_path))
    assert proc.returncode == 2
    doc = json.loads(proc.stdout)
    paths = [f["path"] for f in doc["files"]]
    assert paths == sorted(paths) and len(paths) == 3
    by_name = {Path(f["path"]).name: f for f in doc["files"]}
    assert by_name["b.yaml"]["summary"]["fail"] == 1
    assert by_name["c.yaml"]["results"] == []
    err = by_name["c.yaml"]["errors"][0]
    assert (err["code"], err["line"]) == ("CC105", 6)
    assert "did you mean 'formula'" in err["message"]
    assert doc["summary"]["fail"] == 1 and doc["summary"]["info"] == 2
    assert "Traceback" not in proc.stderr


def test_json_follows_the_contract(tmp_path: Path) -> None:
    path = claim_file(tmp_path, """
revenue_2025: {quote: revenue reached $1.2 billion, value: 1.2 billion USD}
revenue_2024: {quote: up from $950 million, value: 950 million USD}
revenue_growth:
  quote: a jump of more than 30%
  value: ">30%"
  formula: growth(revenue_2025, revenue_2024)
""")
    proc = run_cli("run", "--format", "json", str(path))
    doc = json.loads(proc.stdout)
    assert doc["version"] == 1 and set(doc) >= {"files", "summary"}
    f = doc["files"][0]
    assert set(f) >= {"path", "results", "errors", "summary"}
    r = f["results"][2]
    for key in ("id", "kind", "status", "expected", "quote", "line", "message", "claimed", "computed"):
        assert key in r
    assert (r["id"], r["kind"], r["status"], r["expected"], r["line"]) == ("revenue_growth", "derived", "warn", False, 8)
    assert r["claimed"] == ">30%"
    assert r["computed"].startswith("26.3% (")
    assert "growth(revenue_2025, revenue_2024)" in r["message"] and "claimed >30%" in r["message"]
    assert f["summary"] == {"pass": 0, "warn": 1, "fail": 0, "info": 2, "error": 0}


def test_text_report_plain_without_tty(tmp_path: Path) -> None:
    path = claim_file(tmp_path, FAILING)
    env = dict(os.environ, NO_COLOR="1")
    proc = run_cli("run", str(path), env=env)
    assert "\x1b[" not in proc.stdout
    assert "FAIL" in proc.stdout and "exit 1" in proc.stdout


MIXED_TEXT = """
a: {quote: "a 10", value: "10"}
held: {quote: "b 10", value: "10", formula: a}
twice: {quote: "c", formula: a * 2}
wrong: {quote: "d 30", value: "30", formula: a}
"""


def _table_ids(stdout: str) -> set[str]:
    """The ids of the table's rows: a status mark, words, the id, then the line number."""
    ids = set()
    for line in stdout.splitlines():
        words = line.split()
        if line.startswith(("✓ ", "! ", "✗ ", "◦ ", "E ", "· ")):  # rows start at the margin
            number = next((i for i, w in enumerate(words) if w.isdigit()), 0)
            if number >= 2 and "line" not in words[:number]:  # not a finding's own head line
                ids.add(words[number - 1])
    return ids


@pytest.mark.parametrize("verbose", [False, True])
def test_text_report_lists_findings_and_counts_the_rest(tmp_path: Path, verbose: bool) -> None:
    """The reader came for the problems: passes, implied and stated figures are counted and
    listed only with --verbose."""
    path = claim_file(tmp_path, MIXED_TEXT)
    proc = run_cli("run", str(path), *(["--verbose"] if verbose else []), env=dict(os.environ, NO_COLOR="1"))
    assert proc.returncode == 1
    listed = _table_ids(proc.stdout)
    if verbose:
        assert listed == {"a", "held", "twice", "wrong"}
        assert "not listed" not in proc.stdout
    else:
        assert listed == {"wrong"}
        assert "not listed: 1 pass, 1 implied figure and 1 stated figure (--verbose lists them)" in proc.stdout


def test_chinese_report_aligns(tmp_path: Path) -> None:
    path = claim_file(tmp_path, """
peak: {quote: 1.7万亿港元市值, value: 1.7万亿港元}
now: {quote: 到2026年1月的3179亿港元, value: 3179亿港元}
gone:
  quote: 快手市值蒸发超1.4万亿
  value: 超1.4万亿港元
  formula: peak - now
""")
    proc = run_cli("run", str(path))
    assert proc.returncode == 0  # a warn exits 0 without --strict
    assert "1.38万亿港元" in proc.stdout
    assert "WARN" in proc.stdout and "peak ≥ 1.718万亿港元" in proc.stdout


def test_example_files_pass_the_gate() -> None:
    proc = run_cli("run", "--strict", "claims/harbor-wind.yaml")
    assert proc.returncode == 0, proc.stdout


def test_missing_file(tmp_path: Path) -> None:
    proc = run_cli("run", "--format", "json", str(tmp_path / "nope.yaml"))
    assert proc.returncode == 2
    assert json.loads(proc.stdout)["files"][0]["errors"][0]["code"] == "CC111"


def test_version_and_module_entry() -> None:
    proc = run_cli("--version")
    assert proc.returncode == 0 and proc.stdout.startswith("claimcheck ")
    assert (ROOT / "claimcheck" / "__main__.py").exists()


def test_a_central_value_of_thousands_of_digits_is_judged(tmp_path: Path) -> None:
    path = claim_file(tmp_path, """
x: {quote: x 1.0000001, value: "1.0000001"}
a: {quote: a, formula: x ** 100}
b: {quote: b 1.0000701, value: "1.0000701", formula: a ** 7}
""")
    proc = run_cli("run", "--format", "json", str(path))
    assert proc.returncode == 0, proc.stdout
    results = {r["id"]: r for r in json.loads(proc.stdout)["files"][0]["results"]}
    assert results["b"]["status"] == "warn" and results["b"]["computed"].startswith("1.00007000 (")


@pytest.mark.parametrize("bad", ["b.x + 1", "summ(b, 1)", "min(b, key=1)"])
def test_a_refused_formula_still_names_its_inputs(tmp_path: Path, bad: str) -> None:
    """A formula the whitelist refuses keeps its own error, and the cycle through it is still found."""
    body = f'a: {{quote: a 10, value: "10", formula: "{bad}"}}\nb: {{quote: b 5, value: "5", formula: a - 5}}\n'
    proc = run_cli("run", "--format", "json", str(claim_file(tmp_path, body)))
    results = {r["id"]: r for r in json.loads(proc.stdout)["files"][0]["results"]}
    assert results["a"]["code"] in ("CC205", "CC218")
    assert results["b"]["code"] == "CC206"


def test_text_report_lists_reviewed_findings_and_unexpected_passes(tmp_path: Path) -> None:
    """Reviewed findings stay in the table, quietly; a pass that `expect` says should fail is a finding."""
    path = claim_file(tmp_path, """
a: {quote: "a 10", value: "10"}
held: {quote: "b 10", value: "10", formula: a}
reviewed: {quote: "c 30", value: "30", formula: a, expect: fail, note: tripled; checked}
stale: {quote: "d 10", value: "10", formula: a, expect: fail, note: was wrong once}
""")
    proc = run_cli("run", str(path), env=dict(os.environ, NO_COLOR="1"))
    assert _table_ids(proc.stdout) == {"reviewed", "stale"}
    assert "◦ FAIL (reviewed)" in proc.stdout and "PASS (expected FAIL)" in proc.stdout
    assert "not listed: 1 pass and 1 stated figure (--verbose lists them)" in proc.stdout
