"""--changed-since REF in a scratch git repository; and the CI scenario end to end."""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import xml.etree.ElementTree as ET
from collections.abc import Callable
from pathlib import Path

import pytest
from conftest import HEADER, run_cli

pytestmark = pytest.mark.skipif(shutil.which("git") is None, reason="needs git")

GROWTH = """\
  rev_2025:
    quote: revenue reached $1.2 billion
    value: 1.2 billion USD
  rev_2024:
    quote: up from $950 million
    value: 950 million USD
  rev_growth:
    quote: a jump of 26%
    value: 26%
    formula: growth(rev_2025, rev_2024)
"""


def git_env(root: Path) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("GIT_", "GITHUB_"))}
    env.update(GIT_CONFIG_NOSYSTEM="1", GIT_CONFIG_GLOBAL=os.devnull, GIT_CEILING_DIRECTORIES=str(root.parent),
               NO_COLOR="1", COLUMNS="200")
    return env


def git(root: Path, *args: str) -> None:
    subprocess.run(["git", "-c", "user.name=t", "-c", "user.email=t@example.com", "-c", "commit.gpgsign=false",
                    *args], cwd=root, env=git_env(root), check=True, capture_output=True)


@pytest.fixture
def repo(tmp_path: Path) -> Path:
    root = tmp_path / "repo"
    (root / "claims" / "sub").mkdir(parents=True)
    for name in ("alpha", "beta", "gamma", "sub/delta"):
        (root / "claims" / f"{name}.yaml").write_text(HEADER + GROWTH, encoding="utf-8")
    (root / "claims" / "notes.yaml").write_text("just: some yaml\n", encoding="utf-8")
    (root / "README.txt").write_text("hello\n", encoding="utf-8")
    (root / ".gitignore").write_text("claims/ignored.yaml\n", encoding="utf-8")
    git(root, "init", "-q")
    git(root, "add", "-A")
    git(root, "commit", "-qm", "claims")
    return root


def edit_figure(path: Path, old: str = "26%", new: str = "36%") -> None:
    path.write_text(path.read_text(encoding="utf-8").replace(old, new), encoding="utf-8")


Change = Callable[[Path], None]


def _rename(root: Path) -> None:
    git(root, "mv", "claims/alpha.yaml", "claims/alpha2.yaml")


def _stage_new(root: Path) -> None:
    (root / "claims" / "staged.yaml").write_text(HEADER + GROWTH, encoding="utf-8")
    git(root, "add", "claims/staged.yaml")


CASES: list[tuple[str, Change, list[str], list[str]]] = [
    ("nothing", lambda r: None, ["claims"], []),
    ("modified", lambda r: edit_figure(r / "claims/beta.yaml"), ["claims"], ["claims/beta.yaml"]),
    ("untracked", lambda r: (r / "claims/sub/new.yaml").write_text(HEADER + GROWTH, encoding="utf-8"),
     ["claims"], ["claims/sub/new.yaml"]),
    ("staged", _stage_new, ["claims"], ["claims/staged.yaml"]),
    ("deleted", lambda r: (r / "claims/gamma.yaml").unlink(), ["claims"], []),
    ("renamed", _rename, ["claims"], ["claims/alpha2.yaml"]),
    ("not a claim file", lambda r: (r / "claims/notes.yaml").write_text("more: yaml\n", encoding="utf-8"),
     ["claims"], []),
    ("outside the paths", lambda r: (r / "README.txt").write_text("x\n", encoding="utf-8"), ["claims"], []),
    ("ignored", lambda r: (r / "claims/ignored.yaml").write_text(HEADER + GROWTH, encoding="utf-8"), ["claims"], []),
    ("nested folder", lambda r: edit_figure(r / "claims/sub/delta.yaml"), ["claims/sub"], ["claims/sub/delta.yaml"]),
    ("files as pre-commit passes them", lambda r: edit_figure(r / "claims/beta.yaml"),
     ["claims/alpha.yaml", "claims/beta.yaml"], ["claims/beta.yaml"]),
    ("a deleted file named", lambda r: (r / "claims/gamma.yaml").unlink(), ["claims/gamma.yaml"], []),
    ("a missing file named is kept (reported unreadable)", lambda r: None, ["claims/nope.yaml"], ["claims/nope.yaml"]),
    ("named twice", lambda r: edit_figure(r / "claims/beta.yaml"), ["claims", "claims/beta.yaml"],
     ["claims/beta.yaml"]),
]


@pytest.mark.parametrize("name, change, paths, want", CASES, ids=[c[0] for c in CASES])
def test_changed_files(repo: Path, monkeypatch: pytest.MonkeyPatch, name: str, change: Change,
                       paths: list[str], want: list[str]) -> None:
    from claimcheck.engine import changed_files

    change(repo)
    monkeypatch.chdir(repo)
    for k, v in git_env(repo).items():
        monkeypatch.setenv(k, v)
    assert changed_files(paths, "HEAD") == want


def test_from_a_subfolder_and_an_older_ref(repo: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from claimcheck.engine import changed_files

    edit_figure(repo / "claims/beta.yaml")
    git(repo, "commit", "-qam", "edit")
    monkeypatch.chdir(repo / "claims")
    for k, v in git_env(repo).items():
        monkeypatch.setenv(k, v)
    assert changed_files(["."], "HEAD") == []
    assert changed_files(["."], "HEAD~1") == ["beta.yaml"]


@pytest.mark.parametrize("ref", ["nope", "-x", "HEAD~5"])
def test_unknown_ref_is_a_one_line_error(repo: Path, ref: str) -> None:
    proc = run_cli("run", f"--changed-since={ref}", "claims", cwd=repo, env=git_env(repo))
    assert proc.returncode == 2
    assert len(proc.stderr.strip().splitlines()) == 1 and "Traceback" not in proc.stderr
    assert proc.stdout == ""


def test_outside_a_git_work_tree(tmp_path: Path) -> None:
    folder = tmp_path / "plain"
    folder.mkdir()
    (folder / "a.yaml").write_text(HEADER + GROWTH, encoding="utf-8")
    proc = run_cli("run", "--changed-since", "HEAD", ".", cwd=folder, env=git_env(folder))
    assert proc.returncode == 2
    assert len(proc.stderr.strip().splitlines()) == 1 and "git" in proc.stderr and "Traceback" not in proc.stderr


# --- the CI scenario -----------------------------------------------------------------


def _annotations(stdout: str) -> list[tuple[str, dict[str, str], str]]:
    out = []
    for line in stdout.splitlines():
        m = re.match(r"^::(error|warning|notice) ([^:]*)::(.*)$", line)
        if m:
            out.append((m.group(1), dict(p.split("=", 1) for p in m.group(2).split(",")), m.group(3)))
    return out


def test_ci_scenario(repo: Path) -> None:
    """Edit one file's figure so its verdict changes: only that file is checked, annotated and gated."""
    import jsonschema

    env = git_env(repo)
    before = run_cli("run", "--strict", "--format", "json", "claims", cwd=repo, env=env)
    assert before.returncode == 0, before.stdout
    beta = repo / "claims" / "beta.yaml"
    edit_figure(beta)  # 26% -> 36%: the growth claim now fails
    growth_line = next(n for n, ln in enumerate(beta.read_text(encoding="utf-8").splitlines(), 1)
                       if ln.startswith("  rev_growth:"))

    gh = run_cli("run", "--changed-since", "HEAD", "--format", "github", "claims", cwd=repo, env=env)
    assert gh.returncode == 1, gh.stdout + gh.stderr
    notes = _annotations(gh.stdout)
    assert [(lvl, p["file"], p["line"]) for lvl, p, _ in notes] == [("error", "claims/beta.yaml", str(growth_line))]
    assert "1 file checked" in gh.stdout.splitlines()[-1]

    junit = run_cli("run", "--changed-since", "HEAD", "--format", "junit", "--output", "claims.xml", "claims",
                    cwd=repo, env=env)
    assert junit.returncode == 1
    root = ET.parse(repo / "claims.xml").getroot()
    assert [s.get("name") for s in root.findall("testsuite")] == ["claims/beta.yaml"]
    assert root.get("failures") == "1" and root.find("testsuite/testcase/failure").get("type") == "fail"
    assert "rev_growth" in junit.stdout  # the terminal still gets the text report

    sarif = run_cli("run", "--changed-since", "HEAD", "--format", "sarif", "--output", "claims.sarif", "claims",
                    cwd=repo, env=env)
    assert sarif.returncode == 1
    log = json.loads((repo / "claims.sarif").read_text(encoding="utf-8"))
    assert log["version"] == "2.1.0"
    [result] = log["runs"][0]["results"]
    loc = result["locations"][0]["physicalLocation"]
    assert (result["ruleId"], result["level"]) == ("fail", "error")
    assert (loc["artifactLocation"]["uri"], loc["region"]["startLine"]) == ("claims/beta.yaml", growth_line)

    # an unreadable claim file: exit 2, and the other changed file is still reported
    (repo / "claims" / "broken.yaml").symlink_to("nowhere.yaml")
    unreadable = ["claims/broken.yaml"]
    if hasattr(os, "getuid") and os.getuid() != 0:  # root reads anything
        locked = repo / "claims" / "locked.yaml"
        locked.write_text(HEADER + GROWTH, encoding="utf-8")
        locked.chmod(0)
        unreadable.append("claims/locked.yaml")
    out = run_cli("run", "--changed-since", "HEAD", "--format", "json", "claims", cwd=repo, env=env)
    assert out.returncode == 2
    doc = json.loads(out.stdout)
    by_path = {f["path"]: f for f in doc["files"]}
    assert set(by_path) == {"claims/beta.yaml", *unreadable}
    assert by_path["claims/beta.yaml"]["summary"]["fail"] == 1
    for p in unreadable:
        assert [e["code"] for e in by_path[p]["errors"]] == ["CC111"]
    gh2 = run_cli("run", "--changed-since", "HEAD", "--format", "github", "claims", cwd=repo, env=env)
    assert gh2.returncode == 2
    assert {(p["file"], p["title"].split()[0]) for _, p, _ in _annotations(gh2.stdout)} == {
        ("claims/beta.yaml", "FAIL%3A"), *((u, "CC111") for u in unreadable)}

    # the schema accepts the good files
    import yaml

    schema = json.loads(run_cli("schema", cwd=repo, env=env).stdout)
    for name in ("alpha", "beta", "gamma", "sub/delta"):
        with open(repo / "claims" / f"{name}.yaml", encoding="utf-8") as fh:
            jsonschema.validate(yaml.load(fh, Loader=yaml.BaseLoader), schema)
