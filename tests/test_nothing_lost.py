"""Nothing lost: every command that writes goes through a temporary file and a rename,
refuses to replace a file without --force, leaves the original as it was when anything
fails, and an interrupted run (Ctrl-C) exits 130 without a partial output file."""

from __future__ import annotations

import json
import os
import resource
import signal
import subprocess
import sys
import time
from pathlib import Path
from typing import Final

import pytest

from conftest import GOOD_FILE

from claimcheck import fsutil

GOOD: Final = GOOD_FILE
ARTICLE: Final = ("Acme's robot bet pays off\n\nRevenue reached $1.2 billion in 2025, up from $950 million,\n"
                  "a jump of 26%. Acme employs 1,204 people in 12 countries.\n")
ORIGINAL: Final = "the original, which must survive\n"


def cli(*args: str, cwd: Path, limit_file_size: int | None = None) -> subprocess.CompletedProcess[str]:
    def limits() -> None:
        if limit_file_size is not None:  # a write past this size fails with EFBIG (Python ignores SIGXFSZ)
            resource.setrlimit(resource.RLIMIT_FSIZE, (limit_file_size, limit_file_size))

    return subprocess.run([sys.executable, "-m", "claimcheck", *args], cwd=cwd, capture_output=True, text=True,
                          stdin=subprocess.DEVNULL, timeout=60, preexec_fn=limits, check=False)


def leftovers(folder: Path) -> list[str]:
    return sorted(f.name for f in folder.iterdir() if f.name.startswith(".claimcheck-") or f.suffix == ".tmp")


@pytest.fixture
def work(tmp_path: Path) -> Path:
    (tmp_path / "good.yaml").write_text(GOOD, encoding="utf-8")
    (tmp_path / "article.txt").write_text(ARTICLE, encoding="utf-8")
    return tmp_path


def _scan_available() -> bool:
    proc = subprocess.run([sys.executable, "-m", "claimcheck", "scan", "--help"], capture_output=True, text=True,
                          check=False)
    return proc.returncode == 0 and "--yaml" in proc.stdout


# --- run --output ------------------------------------------------------------------------


def test_output_writes_a_new_file_whole(work: Path) -> None:
    proc = cli("run", "--format", "json", "--output", "out.json", "good.yaml", cwd=work)
    assert proc.returncode == 0, proc.stderr
    doc = json.loads((work / "out.json").read_text(encoding="utf-8"))
    assert doc["summary"]["pass"] == 1
    assert leftovers(work) == []


def test_output_refuses_to_replace_without_force(work: Path) -> None:
    out = work / "out.json"
    out.write_text(ORIGINAL, encoding="utf-8")
    proc = cli("run", "--format", "json", "--output", "out.json", "good.yaml", cwd=work)
    assert proc.returncode == 2
    assert "--force" in proc.stderr and "Traceback" not in proc.stderr
    assert out.read_text(encoding="utf-8") == ORIGINAL
    assert leftovers(work) == []


def test_output_force_replaces_and_keeps_the_mode(work: Path) -> None:
    out = work / "out.json"
    out.write_text(ORIGINAL, encoding="utf-8")
    out.chmod(0o640)
    proc = cli("run", "--format", "json", "--output", "out.json", "--force", "good.yaml", cwd=work)
    assert proc.returncode == 0, proc.stderr
    assert json.loads(out.read_text(encoding="utf-8"))["version"] == 1
    assert out.stat().st_mode & 0o777 == 0o640
    assert leftovers(work) == []


def test_output_force_replaces_a_symlink_not_its_target(work: Path) -> None:
    target = work / "precious.txt"
    target.write_text(ORIGINAL, encoding="utf-8")
    (work / "out.json").symlink_to(target)
    proc = cli("run", "--format", "json", "--output", "out.json", "--force", "good.yaml", cwd=work)
    assert proc.returncode == 0, proc.stderr
    assert target.read_text(encoding="utf-8") == ORIGINAL
    assert not (work / "out.json").is_symlink()


def test_failed_write_leaves_the_original(work: Path) -> None:
    """The disk fills up half way through the report: exit 2, the old file as it was, no temporary file."""
    out = work / "out.json"
    out.write_text(ORIGINAL, encoding="utf-8")
    proc = cli("run", "--format", "json", "--output", "out.json", "--force", "good.yaml", cwd=work, limit_file_size=500)
    assert proc.returncode == 2
    assert "Traceback" not in proc.stderr
    assert out.read_text(encoding="utf-8") == ORIGINAL
    assert leftovers(work) == []


def test_failed_write_creates_nothing(work: Path) -> None:
    proc = cli("run", "--format", "json", "--output", "out.json", "good.yaml", cwd=work, limit_file_size=500)
    assert proc.returncode == 2
    assert "Traceback" not in proc.stderr
    assert not (work / "out.json").exists()
    assert leftovers(work) == []


@pytest.mark.parametrize("target", ["missing-folder/out.json", "a-folder"])
def test_unwritable_target_is_a_clean_error(work: Path, target: str) -> None:
    (work / "a-folder").mkdir()
    (work / "a-folder" / "keep.txt").write_text(ORIGINAL, encoding="utf-8")
    before = sorted(p.name for p in work.rglob("*"))
    proc = cli("run", "--format", "json", "--output", target, "--force", "good.yaml", cwd=work)
    assert proc.returncode == 2
    assert "Traceback" not in proc.stderr
    assert sorted(p.name for p in work.rglob("*")) == before
    assert (work / "a-folder" / "keep.txt").read_text(encoding="utf-8") == ORIGINAL


# --- write_atomic itself -------------------------------------------------------------------


@pytest.mark.parametrize("failure", [OSError(28, "No space left on device"), KeyboardInterrupt()])
@pytest.mark.parametrize("step", ["fsync", "replace"])
def test_write_atomic_cleans_up_whatever_fails(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                               failure: BaseException, step: str) -> None:
    target = tmp_path / "out.json"
    target.write_text(ORIGINAL, encoding="utf-8")

    def boom(*args: object) -> None:
        raise failure

    monkeypatch.setattr(fsutil.os, step, boom)
    with pytest.raises(type(failure)):
        fsutil.write_atomic(str(target), "{}" * 10_000, force=True)
    monkeypatch.undo()
    assert target.read_text(encoding="utf-8") == ORIGINAL
    assert leftovers(tmp_path) == []


def test_write_atomic_refuses_without_force(tmp_path: Path) -> None:
    target = tmp_path / "out.json"
    target.write_text(ORIGINAL, encoding="utf-8")
    with pytest.raises(fsutil.WriteRefused):
        fsutil.write_atomic(str(target), "new")
    assert target.read_text(encoding="utf-8") == ORIGINAL
    assert leftovers(tmp_path) == []


# --- Ctrl-C ------------------------------------------------------------------------------------


def _many_files(folder: Path, files: int = 200, claims: int = 100) -> None:
    """Enough work for many seconds: files of stated revenues and their growth."""
    head = "article:\n  title: Acme\n  outlet: Example Daily\n  published: 2026-03-02\nclaims:\n"
    body = []
    for i in range(claims):
        body.append(f"  r{i}:\n    quote: revenue of {1000 + i} million dollars\n    value: {1000 + i} million USD\n")
        if i:
            g = f"{100 / (999 + i):.2f}"
            body.append(f"  g{i}:\n    quote: up {g}%\n    value: {g}%\n    formula: growth(r{i}, r{i - 1})\n")
    text = head + "".join(body)
    folder.mkdir()
    for k in range(files):
        (folder / f"f{k:03d}.yaml").write_text(text, encoding="utf-8")


@pytest.mark.parametrize("jobs", ["1", "2"])
def test_ctrl_c_exits_130_without_output(tmp_path: Path, jobs: str) -> None:
    _many_files(tmp_path / "claims")
    proc = subprocess.Popen([sys.executable, "-m", "claimcheck", "run", "-j", jobs, "--format", "json",
                             "--output", "out.json", "claims"], cwd=tmp_path, stdin=subprocess.DEVNULL,
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                            start_new_session=True)  # its own process group: Ctrl-C reaches it and its workers
    time.sleep(1.5)
    assert proc.poll() is None, "the run ended before the interrupt: give _many_files more work"
    os.killpg(proc.pid, signal.SIGINT)
    _, err = proc.communicate(timeout=60)
    assert proc.returncode == 130
    assert "Traceback" not in err
    assert not (tmp_path / "out.json").exists()
    assert leftovers(tmp_path) == []


# --- scan --yaml ----------------------------------------------------------------------------------


@pytest.fixture
def scan_cli() -> None:
    if not _scan_available():
        pytest.skip("claimcheck scan --yaml is not available yet")


@pytest.mark.usefixtures("scan_cli")
def test_scan_yaml_writes_a_draft(work: Path) -> None:
    proc = cli("scan", "article.txt", "--yaml", "draft.yaml", cwd=work)
    assert proc.returncode == 0, proc.stderr
    assert "claims:" in (work / "draft.yaml").read_text(encoding="utf-8")
    assert leftovers(work) == []


@pytest.mark.usefixtures("scan_cli")
def test_scan_yaml_refuses_to_replace_without_force(work: Path) -> None:
    draft = work / "draft.yaml"
    draft.write_text(ORIGINAL, encoding="utf-8")
    proc = cli("scan", "article.txt", "--yaml", "draft.yaml", cwd=work)
    assert proc.returncode == 2
    assert "--force" in proc.stderr and "Traceback" not in proc.stderr
    assert draft.read_text(encoding="utf-8") == ORIGINAL
    assert leftovers(work) == []
    proc = cli("scan", "article.txt", "--yaml", "draft.yaml", "--force", cwd=work)
    assert proc.returncode == 0, proc.stderr
    assert "claims:" in draft.read_text(encoding="utf-8")


@pytest.mark.usefixtures("scan_cli")
def test_scan_yaml_failed_write_leaves_the_original(work: Path) -> None:
    draft = work / "draft.yaml"
    draft.write_text(ORIGINAL, encoding="utf-8")
    proc = cli("scan", "article.txt", "--yaml", "draft.yaml", "--force", cwd=work, limit_file_size=100)
    assert proc.returncode == 2
    assert "Traceback" not in proc.stderr
    assert draft.read_text(encoding="utf-8") == ORIGINAL
    assert leftovers(work) == []


# --- the HTML report beside each claim file ----------------------------------------------------


def test_html_beside_claim_file_refuses_to_replace_without_force(work: Path) -> None:
    report = work / "good.report.html"
    report.write_text(ORIGINAL, encoding="utf-8")
    proc = cli("run", "--format", "html", "good.yaml", cwd=work)
    assert "Traceback" not in proc.stderr
    assert report.read_text(encoding="utf-8") == ORIGINAL
    assert proc.returncode == 2
