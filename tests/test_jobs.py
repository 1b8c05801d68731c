"""`run -j N`: worker processes give the same output, in the same order, as one process."""

from __future__ import annotations

import os
import pickle
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from conftest import HEADER, ROOT, run_cli

sys.path.insert(0, str(ROOT / "benchmarks"))
import generate

BROKEN = HEADER + "  a: {quote: x, fomula: 1}\n"
NOT_YAML = "article:\n  title: x\nclaims:\n  a: [\n"
CLAIM_ERROR = HEADER + '  a: {quote: "a 10", value: "10 kms"}\n'


@pytest.fixture(scope="module")
def folder(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Generated files, and among them a file error, a YAML error and a claim error."""
    root = tmp_path_factory.mktemp("many")
    generate.write_folder(str(root / "stories"), 24, 12)
    (root / "stories" / "story_05_broken.yaml").write_text(BROKEN, encoding="utf-8")
    (root / "stories" / "story_11_not_yaml.yaml").write_text(NOT_YAML, encoding="utf-8")
    (root / "more").mkdir()
    (root / "more" / "claim_error.yaml").write_text(CLAIM_ERROR, encoding="utf-8")
    return root


@pytest.mark.parametrize("fmt", ["json", "text"])
@pytest.mark.parametrize("jobs", ["2", "0", "64"])
def test_workers_give_identical_output(folder: Path, fmt: str, jobs: str) -> None:
    paths = [str(folder / "more"), str(folder / "stories")]
    one = run_cli("run", "--format", fmt, *paths)
    many = run_cli("run", "--format", fmt, "-j", jobs, *paths)
    assert one.returncode == many.returncode == 2
    assert one.stdout.encode() == many.stdout.encode()
    assert "Traceback" not in many.stderr


def test_single_file_with_workers(folder: Path) -> None:
    path = str(folder / "stories" / "story_00.yaml")
    assert run_cli("run", "--format", "json", "-j", "2", path).stdout == run_cli("run", "--format", "json", path).stdout


@pytest.mark.parametrize("bad", ["-1", "two"])
def test_bad_jobs_is_a_usage_error(folder: Path, bad: str) -> None:
    proc = run_cli("run", "-j", bad, str(folder / "more"))
    assert proc.returncode == 2
    assert "Traceback" not in proc.stderr


def _reports() -> list[object]:
    from claimcheck.engine import check_file, find_files

    return [check_file(p) for p in find_files([str(ROOT / "tests" / "corpus"), str(ROOT / "claims")])]


def test_records_list_their_fields_in_init_order() -> None:
    """model.Record compares, shows and pickles a record by its __slots__, and rebuilds it by
    passing them to __init__ in that order."""
    import inspect

    from claimcheck.model import FileReport, Record, Result

    for cls in (Result, FileReport):
        assert issubclass(cls, Record)
        assert list(inspect.signature(cls).parameters) == list(cls.__slots__)


def test_reports_pickle() -> None:
    from claimcheck.report.json_report import render

    reports = _reports()
    assert reports
    again = pickle.loads(pickle.dumps(reports))
    assert again == reports
    assert render(again) == render(reports)  # type: ignore[arg-type]


@pytest.mark.parametrize("strict", [False, True])
def test_tallies_give_the_exit_reason_of_the_reports(strict: bool) -> None:
    from claimcheck.model import exit_reason, exit_reason_of, tally

    reports = _reports()
    for some in (reports, reports[:1], [r for r in reports if not r.errors], []):
        assert exit_reason_of([tally(r) for r in some], strict) == exit_reason(some, strict)  # type: ignore[arg-type]


def test_workers_write_the_json_pieces(folder: Path) -> None:
    """With -j, each worker writes its files' part of the JSON document; joined, the parts
    are the document one process writes."""
    from claimcheck.engine import check_files, check_files_then, find_files
    from claimcheck.report import json_report

    paths = find_files([str(folder / "stories"), str(folder / "more")])
    pieces = check_files_then(paths, json_report.piece, None, 2)
    assert all(isinstance(p, json_report.Piece) for p in pieces)
    assert "".join(json_report.chunks_of(pieces)) == json_report.render(check_files(paths))


def test_check_files_keeps_order(folder: Path) -> None:
    from claimcheck.engine import check_files, find_files

    paths = find_files([str(folder / "stories"), str(folder / "more")])
    assert [r.path for r in check_files(paths, None, 3)] == paths
    assert check_files([], None, 2) == []


def test_checking_collects_young_objects_only(folder: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """While checking, the cycle collector never walks the older generations, where every
    report made so far lies; afterwards the caller's own schedule is back."""
    import gc

    from claimcheck import engine

    seen: list[tuple[int, ...]] = []
    real = engine.check_file
    monkeypatch.setattr(engine, "check_file", lambda *a: (seen.append(gc.get_threshold()), real(*a))[1])
    before = gc.get_threshold()
    gc.set_threshold(700, 10, 10)
    try:
        reports = engine.check_files(engine.find_files([str(folder / "stories")]))
        after = gc.get_threshold()
    finally:
        gc.set_threshold(*before)
    assert reports and len(seen) == len(reports)
    assert set(seen) == {engine.GC_YOUNG_ONLY}
    assert engine.GC_YOUNG_ONLY[1] >= 10**9  # young collections between older ones: never in practice
    assert after == (700, 10, 10)


def _children(pid: int) -> list[int]:
    try:
        with open(f"/proc/{pid}/task/{pid}/children", encoding="ascii") as fh:
            return [int(x) for x in fh.read().split()]
    except OSError:
        return []


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="reads /proc to see the workers start")
def test_ctrl_c_with_workers_exits_130_quietly(tmp_path: Path) -> None:
    generate.write_folder(str(tmp_path), 400, 20)
    proc = subprocess.Popen([sys.executable, "-m", "claimcheck", "run", "--format", "json", "-j", "2", str(tmp_path)],
                            stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, cwd=ROOT, start_new_session=True)
    deadline = time.monotonic() + 30
    while len(_children(proc.pid)) < 2 and proc.poll() is None and time.monotonic() < deadline:
        time.sleep(0.01)
    workers = _children(proc.pid)
    assert len(workers) >= 2, "the workers did not start"
    os.killpg(proc.pid, signal.SIGINT)  # what a terminal sends to the whole foreground group
    _, err = proc.communicate(timeout=30)
    assert proc.returncode == 130
    assert "Traceback" not in err.decode()
    for w in workers:
        with pytest.raises(ProcessLookupError):
            os.kill(w, 0)
