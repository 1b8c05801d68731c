"""Start-up stays lean: what a run imports, and typer's parameters read without pydantic."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import HEADER, ROOT, claim_file, run_cli
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

PROBE = """
import sys
sys.argv = ["claimcheck", *sys.argv[1:]]
from claimcheck.cli import main
try:
    main()
except SystemExit:
    pass
watched = {"pydantic", "rich", "pickle", "multiprocessing", "typer", "click"}
heavy = sorted({m.split(".")[0] for m in sys.modules} & watched)
print("\\nIMPORTED", ",".join(heavy))
"""


def _imported(*args: str) -> set[str]:
    proc = subprocess.run([sys.executable, "-c", PROBE, *args], capture_output=True, text=True, cwd=ROOT,
                          timeout=120, check=False)
    line = proc.stdout.rsplit("IMPORTED", 1)[1].strip()
    return set(line.split(",")) - {""}


@pytest.mark.parametrize("args, allowed", [
    (["--version"], {"typer"}),
    (["run", "--format", "JSON", "tests/corpus/city_budget.yaml"], {"typer"}),  # typer reports the usage error
    (["run", "--format", "json", "tests/corpus/city_budget.yaml"], set()),
    (["run", "--format", "json", "-j", "1", "tests/corpus"], set()),
    (["run", "tests/corpus/city_budget.yaml"], {"rich", "pickle"}),  # rich imports pickle
    (["run", "--format", "json", "-j", "2", "tests/corpus"], {"pickle", "multiprocessing"}),
])
def test_a_run_imports_only_what_it_uses(args: list[str], allowed: set[str]) -> None:
    assert _imported(*args) <= allowed
    assert "pydantic" not in _imported(*args)


# --- `claimcheck run …` read without typer (cli.read_run_args) ------------------------------

def _typer_reading(argv: list[str]) -> dict[str, object] | None:
    """The parameters typer gives `run` for argv, or None where it refuses it (a usage error,
    or --help)."""
    import typer.main

    from claimcheck.app import app

    if not argv or argv[0] != "run":
        return None
    command = typer.main.get_command(app).commands["run"]  # type: ignore[attr-defined]
    try:
        return dict(command.make_context("run", list(argv[1:])).params)
    except BaseException:  # click's UsageError, BadParameter, or the Exit after --help
        return None


def _fast_reading(argv: list[str]) -> dict[str, object] | None:
    import inspect

    from claimcheck.cli import read_run_args, run_files

    found = read_run_args(list(argv))
    if found is None:
        return None
    defaults = {n: p.default for n, p in inspect.signature(run_files).parameters.items()
                if p.default is not inspect.Parameter.empty}
    return {**defaults, **found}


_WORDS = ["run", "a.yaml", "claims/", "", "-", "--", "json", "text", "JSON", "sarif", "0", "2", "007", "-1", "1.5",
          "٣", "HEAD", "out.json", "--format", "-f", "--format=json", "--format=", "-fjson", "--output", "-o",
          "--output=r.html", "--force", "--force=1", "--strict", "--verbose", "-v", "-vj2", "--article", "a.txt",
          "--jobs", "-j", "-j2", "--jobs=3", "--changed-since", "--changed-since=main", "--help", "-h",
          "--version", "--bogus", "--form", "=json"]


@settings(max_examples=600, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.sampled_from(_WORDS), max_size=8).map(lambda rest: ["run", *rest])
       | st.lists(st.sampled_from(_WORDS), max_size=6))
def test_the_fast_reading_is_typers(argv: list[str]) -> None:
    """Wherever claimcheck reads `run`'s arguments itself, typer reads the same values."""
    fast = _fast_reading(argv)
    if fast is not None:
        assert fast == _typer_reading(argv), argv


@pytest.mark.parametrize("argv", [
    ["run", "a.yaml"],
    ["run", "--format", "json", "claims/kuaishou.yaml"],
    ["run", "-f", "json", "a.yaml", "b.yaml", "--strict", "-j", "2"],
    ["run", "--format=json", "--output=out.json", "--force", "a.yaml"],
    ["run", "claims/", "--changed-since", "origin/main", "--format", "github", "-v"],
    ["run", "--article", "a.txt", "--jobs", "0", "a.yaml"],
    ["run", "--output=", "a.yaml"],
    ["run", "-o", "out.sarif", "a.yaml"],
])
def test_the_usual_forms_are_read_without_typer(argv: list[str]) -> None:
    fast = _fast_reading(argv)
    assert fast is not None and fast == _typer_reading(argv)


@pytest.mark.parametrize("argv", [
    [], ["run"], ["--version"], ["run", "--help"], ["run", "a.yaml", "--help"], ["codes"],
    ["run", "-fjson", "a.yaml"], ["run", "-vj2", "a.yaml"], ["run", "--", "-a.yaml"], ["run", "-", "a.yaml"],
    ["run", "--format", "JSON", "a.yaml"], ["run", "-j", "-1", "a.yaml"], ["run", "-j", "٣", "a.yaml"],
    ["run", "-j", "1.5", "a.yaml"], ["run", "--format", "json", "--format", "text", "a.yaml"],
    ["run", "-o", "-x", "a.yaml"], ["run", "--strict=1", "a.yaml"], ["run", "--format"], ["run", "--bogus", "a"],
    ["run", "-j", "1" * 19, "a.yaml"], ["run", "--jobs=" + "0" * 5000, "a.yaml"],
])
def test_other_forms_go_to_typer(argv: list[str]) -> None:
    from claimcheck.cli import read_run_args

    assert read_run_args(argv) is None


TYPER_MAIN = "import sys; sys.argv[0] = 'claimcheck'; from claimcheck.app import app; app(prog_name='claimcheck')"


@pytest.mark.parametrize("args", [
    ["run", "--format", "json", "claims/harbor-wind.yaml", "tests/corpus"],
    ["run", "claims/kuaishou.yaml", "--strict"],
    ["run", "-f", "github", "tests/corpus/city_budget.yaml", "tests/hostile"],
    ["run", "--format=sarif", "-j", "2", "tests/corpus"],
    ["run", "--output", "x.txt", "claims/kuaishou.yaml"],
    ["run", "tests/no_such_file.yaml"],
])
def test_both_readings_give_the_same_run(args: list[str]) -> None:
    """End to end: the command as claimcheck reads it, and the same through the typer app."""
    fast = run_cli(*args)
    env = {k: v for k, v in os.environ.items() if k not in ("GITHUB_ACTIONS", "GITHUB_WORKSPACE")}
    slow = subprocess.run([sys.executable, "-c", TYPER_MAIN, *args], capture_output=True, text=True, cwd=ROOT,
                          env=env, timeout=120, check=False)
    assert (fast.returncode, fast.stdout, fast.stderr) == (slow.returncode, slow.stdout, slow.stderr)


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


@pytest.mark.parametrize("fmt", ["json", "text"])
def test_a_closed_pipe_ends_the_run_quietly_either_way(tmp_path: Path, fmt: str) -> None:
    """`claimcheck run … | head`: exit 1 and not a word, as typer ends a command."""
    sys.path.insert(0, str(ROOT / "benchmarks"))
    import generate

    path = tmp_path / "big.yaml"
    generate.write_file(str(path), 3000)
    ends = []
    for argv in ([sys.executable, "-m", "claimcheck"], [sys.executable, "-c", TYPER_MAIN]):
        proc = subprocess.Popen([*argv, "run", "--format", fmt, str(path)], stdout=subprocess.PIPE,
                                stderr=subprocess.PIPE, cwd=ROOT)
        assert proc.stdout is not None and proc.stderr is not None
        assert proc.stdout.read(10)
        proc.stdout.close()
        ends.append((proc.wait(timeout=120), proc.stderr.read()))
    assert ends[0] == ends[1] == (1, b"")


def test_a_jobs_number_too_long_to_read_is_a_usage_error() -> None:
    proc = run_cli("run", "-j", "0" * 4300 + "1", "claims/kuaishou.yaml")
    assert proc.returncode == 2 and "Invalid value" in proc.stderr and "Traceback" not in proc.stderr


def test_the_collector_is_the_commands_only_while_main_runs() -> None:
    """Importing claimcheck.cli (or the typer app) leaves the collector's schedule alone; main()
    collects young objects only while it runs, and puts the caller's schedule back."""
    probe = (
        "import gc, sys; gc.set_threshold(700, 10, 10)\n"
        "import claimcheck.app, claimcheck.cli as cli\n"
        "print(gc.get_threshold())\n"
        "seen = []\n"
        "real = cli.run_files\n"
        "cli.run_files = lambda *a, **k: (seen.append(gc.get_threshold()), real(*a, **k))[1]\n"
        "sys.argv = ['claimcheck', 'run', '--format', 'json', 'tests/corpus/city_budget.yaml']\n"
        "try:\n    cli.main()\nexcept SystemExit:\n    pass\n"
        "print(seen[0], gc.get_threshold(), file=sys.stderr)\n"
    )
    proc = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, cwd=ROOT, timeout=120,
                          check=False)
    assert proc.stdout.splitlines()[0] == "(700, 10, 10)"
    during, after = proc.stderr.strip().split(") (")
    assert during == "(50000, 1000000000, 1000000000" and after == "700, 10, 10)"


def test_chinese_paths_read_the_same_either_way(tmp_path: Path) -> None:
    """A newsroom's folders and files named in Chinese, an article given with --article."""
    folder = tmp_path / "快手报道"
    folder.mkdir()
    claims = folder / "可灵收入.yaml"
    claims.write_text(HEADER + '  arr: {quote: "年化收入1亿美元", value: "1亿美元"}\n', encoding="utf-8")
    article = folder / "文章.txt"
    article.write_text("可灵的年化收入1亿美元。\n", encoding="utf-8")
    env = {k: v for k, v in os.environ.items() if k not in ("GITHUB_ACTIONS", "GITHUB_WORKSPACE")}
    for args in (["run", "--format", "json", "--article", str(article), str(folder)],
                 ["run", str(claims), "--strict"]):
        fast = run_cli(*args)
        slow = subprocess.run([sys.executable, "-c", TYPER_MAIN, *args], capture_output=True, text=True, cwd=ROOT,
                              env=env, timeout=120, check=False)
        assert fast.returncode == 0, fast.stderr
        assert (fast.returncode, fast.stdout, fast.stderr) == (slow.returncode, slow.stdout, slow.stderr)
    assert json.loads(run_cli("run", "-f", "json", str(claims)).stdout)["files"][0]["path"].endswith("可灵收入.yaml")
