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
