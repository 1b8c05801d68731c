from __future__ import annotations

import json
import os
import subprocess
import sys
import textwrap
from pathlib import Path
from typing import Any

import pytest

ROOT = Path(__file__).resolve().parent.parent


def run_cli(*args: str, cwd: Path | None = None, env: dict[str, str] | None = None,
            timeout: float = 60) -> subprocess.CompletedProcess[str]:
    """The real CLI in a subprocess, as a user runs it (not as under GitHub Actions)."""
    if env is None:
        env = {k: v for k, v in os.environ.items() if k not in ("GITHUB_ACTIONS", "GITHUB_WORKSPACE")}
    return subprocess.run([sys.executable, "-m", "claimcheck", *args], capture_output=True, text=True,
                          cwd=cwd or ROOT, env=env, timeout=timeout)


# a small good claim file (the contract's example, consistent), for runs beside bad ones
GOOD_FILE = """\
article:
  title: Acme's robot bet pays off
  outlet: Example Daily
  published: 2026-03-02
claims:
  revenue_2025:
    quote: revenue reached $1.2 billion
    value: 1.2 billion USD
  revenue_2024:
    quote: up from $950 million
    value: 950 million USD
  revenue_growth:
    quote: a jump of 26%
    value: 26%
    formula: growth(revenue_2025, revenue_2024)
"""

HEADER = """\
article:
  title: Test article
  outlet: Example Daily
  published: 2026-03-02
claims:
"""


def claim_file(tmp_path: Path, body: str, header: str = HEADER, name: str = "c.yaml") -> Path:
    path = tmp_path / name
    path.write_text(header + textwrap.indent(textwrap.dedent(body).strip("\n"), "  ") + "\n", encoding="utf-8")
    return path


def judge(tmp_path: Path, body: str, header: str = HEADER) -> dict[str, Any]:
    """Judge a claims: block in-process; returns {id: Result} (or raises on file errors)."""
    from claimcheck.engine import check_file

    report = check_file(str(claim_file(tmp_path, body, header)))
    assert not report.errors, report.errors
    return {r.id: r for r in report.results}


def run_json(*args: str) -> tuple[int, dict[str, Any]]:
    proc = run_cli("run", "--format", "json", *args)
    return proc.returncode, json.loads(proc.stdout)


@pytest.fixture
def judged(tmp_path: Path):  # type: ignore[no-untyped-def]
    return lambda body, header=HEADER: judge(tmp_path, body, header)
