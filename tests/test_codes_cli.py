"""`claimcheck codes` and `claimcheck explain CODE`: documentation taken from the codes' own definitions."""

from __future__ import annotations

import re

import pytest
from conftest import HEADER, claim_file, run_cli

from claimcheck.codes import CODES


def _words(text: str) -> str:
    return " ".join(text.split())


def test_codes_lists_every_code_once_in_order() -> None:
    proc = run_cli("codes")
    assert proc.returncode == 0
    listed = re.findall(r"^(CC\d{3})\s+(\S+)", proc.stdout, re.MULTILINE)
    assert listed == [(c.code, c.name) for c in CODES.values()]


@pytest.mark.parametrize("code", list(CODES))
def test_explain_every_code(code: str) -> None:
    c = CODES[code]
    proc = run_cli("explain", code)
    assert proc.returncode == 0, proc.stderr
    out = _words(proc.stdout)
    assert out.startswith(f"{c.code} {c.name} ")
    for part in (c.summary, c.example, c.fix):
        assert _words(part) in out


@pytest.mark.parametrize("target", ["cc203", "CC203", "unknown-name"])
def test_explain_by_code_or_name(target: str) -> None:
    proc = run_cli("explain", target)
    assert proc.returncode == 0 and proc.stdout.startswith("CC203 unknown-name")


@pytest.mark.parametrize("target, suggested", [("CC299", "CC2"), ("CC2O3", "CC203"), ("unknwon-name", "unknown-name")])
def test_unknown_code_exits_2_with_a_suggestion(target: str, suggested: str) -> None:
    proc = run_cli("explain", target)
    assert proc.returncode == 2 and proc.stdout == ""
    assert len(proc.stderr.strip().splitlines()) == 1 and "Traceback" not in proc.stderr
    assert suggested in proc.stderr and target in proc.stderr


def test_unknown_code_without_anything_close() -> None:
    proc = run_cli("explain", "zzzzzz")
    assert proc.returncode == 2 and len(proc.stderr.strip().splitlines()) == 1


def test_explain_file_without_id(tmp_path) -> None:  # type: ignore[no-untyped-def]
    path = claim_file(tmp_path, 'a: {quote: "a 10", value: "10"}')
    proc = run_cli("explain", str(path))
    assert proc.returncode == 2 and "Traceback" not in proc.stderr


def test_explain_file_and_id_reaches_the_derivation(tmp_path) -> None:  # type: ignore[no-untyped-def]
    path = claim_file(tmp_path, 'a: {quote: "a 10", value: "10"}\nb: {quote: "b 10", value: "10", formula: a}')
    proc = run_cli("explain", str(path), "b")
    assert proc.returncode == 0, proc.stderr
    assert "b" in proc.stdout


def test_code_docs_and_problem_codes_agree() -> None:
    """Every code a run can report has documentation (the list the loader and judge draw on)."""
    for code, c in CODES.items():
        assert re.fullmatch(r"CC[12]\d\d", code) and c.name and c.summary and c.fix
        assert c.file_level == code.startswith("CC1")
    assert HEADER  # the shared claim-file header is importable for the other CLI tests
