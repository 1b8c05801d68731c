"""The benchmark script runs (tiny sizes), so that it cannot rot.  No time is asserted."""

from __future__ import annotations

import json
import re
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import ROOT

sys.path.insert(0, str(ROOT / "benchmarks"))
import generate

ROWS = [
    'python -c "import typer, yaml"',
    'python -c "import typer, rich.table, yaml"',
    "claimcheck --version",
    "claimcheck run ",
    "claimcheck run --format json ",
    "yamllint ",
    "| 30 ",
    "| 120 ",
    "8 files of 10 claims",
    "reference: 2 CPU-bound loops at once",
]


def test_quick_run_prints_every_row() -> None:
    proc = subprocess.run([sys.executable, str(ROOT / "benchmarks" / "run.py"), "--quick"],
                          capture_output=True, text=True, cwd=ROOT, timeout=600, check=False)
    assert proc.returncode == 0, proc.stderr
    lines = proc.stdout.splitlines()
    for row in ROWS:
        assert any(line.startswith("| " + row.lstrip("| ")) for line in lines), row
    assert re.search(r"CPUs \(.*\), .*Python \d+\.\d+", proc.stdout)
    for head in ("| start-up ", "| claims ", "| breadth "):
        assert any(line.startswith(head) for line in lines), head
    assert "Traceback" not in proc.stderr


@pytest.mark.parametrize("n", [1, 2, 15, 16, 17, 160])
def test_generated_file_has_n_claims_and_loads_clean(tmp_path: Path, n: int) -> None:
    path = tmp_path / "g.yaml"
    generate.write_file(str(path), n, seed=n)
    proc = subprocess.run([sys.executable, "-m", "claimcheck", "run", "--format", "json", str(path)],
                          capture_output=True, text=True, cwd=ROOT, timeout=120, check=False)
    assert proc.returncode in (0, 1), proc.stdout + proc.stderr  # no file or claim errors
    doc = json.loads(proc.stdout)
    (f,) = doc["files"]
    assert f["errors"] == []
    assert len(f["results"]) == n
    assert doc["summary"]["error"] == 0


def test_generated_mix() -> None:
    """Every kind and verdict the benchmarks claim to exercise, in a few hundred claims."""
    from claimcheck.judge import judge_file
    from claimcheck.loader import load_text

    text = generate.claim_file(600, seed=3)
    cf, problems = load_text("g.yaml", text.encode("utf-8"))
    assert cf is not None, problems
    report = judge_file(cf)
    kinds = {r.kind for r in report.results}
    statuses = {r.status for r in report.results}
    assert kinds == {"stated", "derived", "implied", "check"}
    assert statuses == {"pass", "warn", "fail", "info"}
    assert any(r.expect == "fail" and r.expected for r in report.results)  # reviewed fails
    assert any(r.findings and r.findings[-1].what == "reference" for r in report.results)
    assert any(re.search(r"[\u4e00-\u9fff]", r.quote) for r in report.results)
    assert any(re.fullmatch(r"[ -~]+", r.quote) for r in report.results)
    uses = {}
    for r in report.results:
        for name in r.inputs:
            uses[name] = uses.get(name, 0) + 1
    assert uses["fx"] > 10  # a fan: one figure used by many formulas
    implied = {r.id for r in report.results if r.kind == "implied"}
    assert any(set(r.inputs) & implied for r in report.results if r.kind == "derived")  # a chain


def test_folder_mode(tmp_path: Path) -> None:
    paths = generate.write_folder(str(tmp_path / "f"), 12, 5, seed=1)
    assert len(paths) == 12 and paths == sorted(paths)
    assert generate.main([str(7), str(tmp_path / "seven.yaml")]) == 0
    assert generate.main(["--folder", str(tmp_path / "g"), "--files", "3", "--claims", "4"]) == 0
    assert len(list((tmp_path / "g").glob("*.yaml"))) == 3
