"""The acceptance corpus: claim files written from the contract alone, with every verdict
worked out by hand (tests/corpus/NAME.expected.yaml), run through the real CLI."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
import yaml

from conftest import run_cli

CORPUS = Path(__file__).parent / "corpus"
FILES = sorted(p for p in CORPUS.glob("*.yaml") if not p.name.endswith(".expected.yaml"))
BAD = sorted((CORPUS / "bad").glob("*.yaml"))


@pytest.mark.parametrize("path", FILES, ids=[p.stem for p in FILES])
def test_verdicts_as_worked_by_hand(path: Path) -> None:
    expected = yaml.safe_load(path.with_name(path.stem + ".expected.yaml").read_text(encoding="utf-8"))
    proc = run_cli("run", "--format", "json", str(path))
    assert "Traceback" not in proc.stderr
    doc = json.loads(proc.stdout)
    got = {r["id"]: r["status"] for r in doc["files"][0]["results"]}
    want = {k: v for k, v in expected.items() if not k.startswith("__")}
    assert got == want
    assert proc.returncode == expected["__exit__"]
    assert run_cli("run", "--strict", "--format", "json", str(path)).returncode == expected["__exit_strict__"]


@pytest.mark.parametrize("path", BAD, ids=[p.stem for p in BAD])
def test_malformed_files(path: Path) -> None:
    head = path.read_text(encoding="utf-8").splitlines()[:2]
    m = re.match(r"# expect: exit (\d), line (\d+)", head[0])
    assert m, head[0]
    acceptable = {int(m.group(2))} | {int(x) for x in re.findall(r"line (\d+)", head[1])}
    proc = run_cli("run", "--format", "json", str(path))
    assert proc.returncode == int(m.group(1))
    assert "Traceback" not in proc.stderr
    f = json.loads(proc.stdout)["files"][0]
    lines = {e["line"] for e in f["errors"]} | {r["line"] for r in f["results"] if r["status"] == "error"} | {
        r.get("error_line") for r in f["results"] if r["status"] == "error"}
    assert lines & acceptable, (lines, acceptable)
