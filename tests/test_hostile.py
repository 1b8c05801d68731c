"""Hostile inputs through the real CLI: every one ends in exit 2 with its problem code and
line, no traceback, in under a second, in bounded memory, and without writing a file.

The cases are the files of tests/hostile/ (and those make_big.py writes at test time); each
one's expected code and line are in tests/hostile/cases.yaml.
"""

from __future__ import annotations

import importlib.util
import json
import os
import re
import resource
import shutil
import signal
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Final

import pytest

from conftest import GOOD_FILE
import yaml

from claimcheck.codes import CODES

HOSTILE: Final = Path(__file__).resolve().parent / "hostile"
CASES: Final[dict[str, dict[str, Any]]] = yaml.safe_load((HOSTILE / "cases.yaml").read_text(encoding="utf-8"))
SUPPORT: Final = {"cases.yaml", "make_big.py", "article.txt", "__pycache__"}  # files that are not cases

MAX_SECONDS: Final = 1.0  # per case, wall time of the whole CLI process
HANG_SECONDS: Final = 5.0  # a run still going then is killed and counted as a hang
MAX_RSS_KIB: Final = 200 * 1024  # peak resident memory of one run
ADDRESS_SPACE: Final = 2 * 1024**3  # hard cap, so that a runaway case cannot take the machine

GOOD: Final = GOOD_FILE


def _make_big() -> Any:
    spec = importlib.util.spec_from_file_location("hostile_make_big", HOSTILE / "make_big.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


class Hang(AssertionError):
    pass


@dataclass(frozen=True)
class Run:
    code: int
    stdout: str
    stderr: str
    seconds: float
    rss_kib: int


def _limits() -> None:  # in the child, before exec
    resource.setrlimit(resource.RLIMIT_AS, (ADDRESS_SPACE, ADDRESS_SPACE))
    signal.signal(signal.SIGINT, signal.SIG_DFL)


def run_cli(args: list[str], cwd: Path, timeout: float = HANG_SECONDS) -> Run:
    """The CLI in a fresh process: exit code, output, wall time and peak memory (wait4)."""
    env = {**os.environ, "COLUMNS": "200", "NO_COLOR": "1"}
    env.pop("GITHUB_ACTIONS", None)
    with tempfile.TemporaryFile() as out, tempfile.TemporaryFile() as err:
        start = time.perf_counter()
        proc = subprocess.Popen([sys.executable, "-m", "claimcheck", *args], cwd=cwd, env=env,
                                stdin=subprocess.DEVNULL, stdout=out, stderr=err, preexec_fn=_limits)  # noqa: PLW1509
        while True:
            pid, status, usage = os.wait4(proc.pid, os.WNOHANG)
            if pid:
                break
            if time.perf_counter() - start > timeout:
                proc.kill()
                os.wait4(proc.pid, 0)
                proc.returncode = -9
                raise Hang(f"claimcheck {' '.join(args)} still running after {timeout:.0f} s")
            time.sleep(0.002)
        seconds = time.perf_counter() - start
        proc.returncode = os.waitstatus_to_exitcode(status)
        out.seek(0)
        err.seek(0)
        return Run(proc.returncode, out.read().decode("utf-8", "replace"), err.read().decode("utf-8", "replace"),
                   seconds, usage.ru_maxrss)


def _snapshot(folder: Path) -> dict[str, tuple[int, int]]:
    out = {}
    for root, _, files in os.walk(folder):
        for f in files:
            p = os.path.join(root, f)
            st = os.lstat(p)
            out[os.path.relpath(p, folder)] = (st.st_size, st.st_mtime_ns)
    return out


@pytest.fixture(scope="module")
def workdir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A copy of the corpus (and the generated cases): the CLI runs in it, so any file it
    wrote would show up there."""
    work = tmp_path_factory.mktemp("hostile")
    for f in HOSTILE.iterdir():
        if f.is_file() and f.name not in ("cases.yaml", "make_big.py"):
            shutil.copy(f, work / f.name)
    big = _make_big()
    for name, case in CASES.items():
        if case.get("generated"):
            big.GENERATORS[name](work)
    return work


def case_file(name: str) -> str:
    case = CASES[name]
    return str(case.get("file", f"{name}.yaml"))


def _params() -> list[Any]:
    out = []
    for name, case in CASES.items():
        marks = []
        if case.get("xfail"):
            marks.append(pytest.mark.xfail(reason=case["xfail"], strict=case.get("strict", True)))
        out.append(pytest.param(name, marks=marks, id=name))
    return out


def _found(doc: dict[str, Any]) -> list[tuple[str, set[int | None]]]:
    """(code, acceptable lines) of every file error and every claim in error."""
    out: list[tuple[str, set[int | None]]] = []
    for f in doc["files"]:
        out += [(e["code"], {e["line"]}) for e in f["errors"]]
        out += [(r["code"], {r.get("error_line"), r["line"]}) for r in f["results"] if r["status"] == "error"]
    return out


def _timed(args: list[str], cwd: Path) -> Run:
    """A run, and a second one if the first was over the time limit: the faster counts."""
    first = run_cli(args, cwd)
    if first.seconds <= MAX_SECONDS:
        return first
    second = run_cli(args, cwd)
    return min(first, second, key=lambda r: r.seconds)


# --- the corpus itself ---------------------------------------------------------------


def test_corpus_is_complete() -> None:
    assert len(CASES) >= 60
    names = {case_file(n) for n, c in CASES.items() if not c.get("generated")}
    on_disk = {f.name for f in HOSTILE.iterdir()} - SUPPORT
    assert on_disk == names, "every file in tests/hostile is a case of cases.yaml, and every case has its file"
    big = _make_big()
    assert {n for n, c in CASES.items() if c.get("generated")} == set(big.GENERATORS)
    for name, case in CASES.items():
        assert case["code"] in CODES, f"{name}: unknown code {case['code']}"
        assert case["line"] is None or (isinstance(case["line"], int) and case["line"] >= 1), name
        assert case.get("why"), f"{name}: say what makes it hostile"
    for f in HOSTILE.iterdir():
        assert f.is_dir() or f.stat().st_size < 200 * 1024, f"{f.name}: generate large cases in make_big.py"


# --- each case through the CLI --------------------------------------------------------


@pytest.mark.parametrize("name", _params())
def test_hostile_case(name: str, workdir: Path) -> None:
    case = CASES[name]
    path = case_file(name)
    before = _snapshot(workdir)

    run = _timed(["run", "--format", "json", path], workdir)
    assert "Traceback" not in run.stderr + run.stdout, run.stderr[-2000:]
    assert run.code == 2, f"exit {run.code}: {run.stderr[-500:]}"
    doc = json.loads(run.stdout)
    assert [f["path"] for f in doc["files"]] == [path]
    found = _found(doc)
    assert any(code == case["code"] and case["line"] in lines for code, lines in found), (
        f"want {case['code']} at line {case['line']}, got {found[:5]}")
    assert run.seconds < MAX_SECONDS, f"{run.seconds:.2f} s"
    assert run.rss_kib < MAX_RSS_KIB, f"peak memory {run.rss_kib / 1024:.0f} MiB"
    assert _snapshot(workdir) == before, "the run wrote or changed a file"

    text = run_cli(["run", "--format", "text", path], workdir)
    shown = text.stdout + text.stderr
    assert "Traceback" not in shown, shown[-2000:]
    assert text.code == 2
    assert case["code"] in text.stdout
    file_error = any(case["code"] == e["code"] for f in doc["files"] for e in f["errors"])
    if file_error:
        where = f"{path}:{case['line']}: " if case["line"] is not None else f"{path}: "
        assert f"{where}{case['code']}" in text.stdout
    elif case["line"] is not None:
        lines = {ln for code, ls in found if code == case["code"] for ln in ls if ln is not None}
        assert any(re.search(rf"\bline {ln}\b", text.stdout) for ln in lines)
    assert _snapshot(workdir) == before, "the run wrote or changed a file"


# --- all of them at once, with a good file among them ----------------------------------


def test_good_file_still_checked_beside_hostile_ones(workdir: Path) -> None:
    good = workdir / "good.yaml"
    good.write_text(GOOD, encoding="utf-8")
    try:
        paths = [case_file(n) for n, c in CASES.items() if not c.get("xfail")]
        paths.insert(len(paths) // 2, "good.yaml")
        run = run_cli(["run", "--format", "json", *paths], workdir, timeout=120)
    finally:
        good.unlink()
    assert "Traceback" not in run.stderr + run.stdout
    assert run.code == 2
    doc = json.loads(run.stdout)
    by_path = {f["path"]: f for f in doc["files"]}
    assert list(by_path) == paths
    report = by_path["good.yaml"]
    assert report["errors"] == []
    assert {r["id"]: r["status"] for r in report["results"]} == {
        "revenue_2025": "info", "revenue_2024": "info", "revenue_growth": "pass"}
    for name, case in CASES.items():
        if case.get("xfail"):
            continue
        found = _found({"files": [by_path[case_file(name)]]})
        assert any(code == case["code"] and case["line"] in lines for code, lines in found), name


# --- the HTML report of a hostile file ----------------------------------------------------------

XSS: Final = """\
article:
  title: "<script>alert('title')</script>"
  outlet: "<img src=x onerror=alert(1)>"
  published: 2026-03-02
  url: "javascript:alert(2)"
sources:
  s1:
    title: "</title><script>alert(3)</script>"
    url: "javascript:alert(4)"
claims:
  revenue:
    quote: "revenue reached $1.2 billion </script><script>alert(5)</script>"
    value: 1.2 billion USD
    source: s1
    note: "<svg onload=alert(6)>"
"""


def test_html_report_escapes_the_claim_file(tmp_path: Path) -> None:
    (tmp_path / "x.yaml").write_text(XSS, encoding="utf-8")
    run = run_cli(["run", "--format", "html", "--output", "x.html", "x.yaml"], tmp_path, timeout=60)
    assert "Traceback" not in run.stderr, run.stderr
    html = (tmp_path / "x.html").read_text(encoding="utf-8")
    assert "alert(" in html  # the texts are there ...
    for raw in ("<script>alert", "<img src=x", "<svg onload", "</title><script>"):
        assert raw not in html, raw  # ... but only as text
    assert not re.search(r"""(?:href|src|action)\s*=\s*["']?\s*javascript:""", html, re.IGNORECASE)
