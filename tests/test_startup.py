"""Start-up stays lean: what a run imports, and typer's parameters read without pydantic."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import HEADER, ROOT, claim_file, run_cli

PROBE = """
import sys
sys.argv = ["claimcheck", *sys.argv[1:]]
from claimcheck.cli import main
try:
    main()
except SystemExit:
    pass
heavy = sorted({m.split(".")[0] for m in sys.modules} & {"pydantic", "rich", "pickle", "multiprocessing"})
print("\\nIMPORTED", ",".join(heavy))
"""


def _imported(*args: str) -> set[str]:
    proc = subprocess.run([sys.executable, "-c", PROBE, *args], capture_output=True, text=True, cwd=ROOT,
                          timeout=120, check=False)
    line = proc.stdout.rsplit("IMPORTED", 1)[1].strip()
    return set(line.split(",")) - {""}


@pytest.mark.parametrize("args, allowed", [
    (["--version"], set()),
    (["run", "--format", "json", "tests/corpus/city_budget.yaml"], set()),
    (["run", "--format", "json", "-j", "1", "tests/corpus"], set()),
    (["run", "tests/corpus/city_budget.yaml"], {"rich", "pickle"}),  # rich imports pickle
    (["run", "--format", "json", "-j", "2", "tests/corpus"], {"pickle", "multiprocessing"}),
])
def test_a_run_imports_only_what_it_uses(args: list[str], allowed: set[str]) -> None:
    assert _imported(*args) <= allowed
    assert "pydantic" not in _imported(*args)


GOOD = 'a: {quote: "a 10", value: "10"}\n'


@pytest.mark.parametrize("args, ok", [
    (["--format", "json"], True),
    (["-f", "json"], True),
    (["--format", "JSON"], False),  # choices are case-sensitive, as typer makes them
    (["--format", "xml"], False),
    (["-j", "0"], True),
    (["--jobs", "3"], True),
    (["-j", "-1"], False),
    (["-j", "1.5"], False),
    (["-j", ""], False),
    (["--strict", "--verbose", "--format", "json"], True),
])
def test_parameters_read_as_typer_reads_them(tmp_path: Path, args: list[str], ok: bool) -> None:
    path = str(claim_file(tmp_path, GOOD, HEADER))
    proc = run_cli("run", *args, path)
    if ok:
        assert proc.returncode == 0, proc.stderr
    else:
        assert proc.returncode == 2
        assert "Invalid value" in proc.stderr
        assert "Traceback" not in proc.stderr


def test_repeated_paths_and_help() -> None:
    proc = run_cli("run", "--format", "json", "tests/corpus/city_budget.yaml", "tests/corpus/metro_line.yaml")
    assert [Path(f["path"]).name for f in json.loads(proc.stdout)["files"]] == ["city_budget.yaml", "metro_line.yaml"]
    for args in (["--help"], ["run", "--help"]):
        proc = run_cli(*args)
        assert proc.returncode == 0 and "Usage" in proc.stdout
    assert "--jobs" in run_cli("run", "--help").stdout


@pytest.mark.parametrize("fmt", ["json", "text"])
def test_the_command_ends_with_its_output_complete(tmp_path: Path, fmt: str) -> None:
    """`claimcheck` ends the process without tearing down the heap (cli.entry): everything
    written must still arrive, with the exit code, through a pipe and into --output."""
    sys.path.insert(0, str(ROOT / "benchmarks"))
    import generate

    path = tmp_path / "big.yaml"
    generate.write_file(str(path), 3000)
    proc = run_cli("run", "--format", fmt, str(path))
    assert proc.returncode in (0, 1), proc.stderr
    if fmt == "json":
        assert sum(len(f["results"]) for f in json.loads(proc.stdout)["files"]) == 3000
    else:
        assert proc.stdout.rstrip().endswith(f"exit {proc.returncode}")
    out = tmp_path / "out.json"
    again = run_cli("run", "--output", str(out), "--format", "json", str(path))
    assert again.returncode == proc.returncode
    assert len(json.loads(out.read_text(encoding="utf-8"))["files"][0]["results"]) == 3000


def test_a_usage_error_still_exits_2_through_the_command() -> None:
    proc = subprocess.run([sys.executable, "-m", "claimcheck", "run", "--format", "nope", "x.yaml"],
                          capture_output=True, text=True, cwd=ROOT, timeout=120, check=False)
    assert proc.returncode == 2 and "Invalid value" in proc.stderr and "Traceback" not in proc.stderr
