"""--format json: the document is what json.dumps makes of the report, laid out one result
and one error per line (written by hand around the C encoder's records)."""

from __future__ import annotations

import json
from typing import Any

import pytest
from conftest import ROOT, claim_file, run_cli

from claimcheck.engine import check_file, find_files
from claimcheck.model import FileReport, Problem
from claimcheck.report import json_report

HOSTILE_TEXT = 'a "quoted" line\nand a second, with \\ and </script> and 快手 and \u2028 and \x00'


def _document(files: list[FileReport]) -> dict[str, Any]:
    """The document built the plain way, for comparison."""
    total = {s: sum(f.summary()[s] for f in files) for s in ("pass", "warn", "fail", "info", "error")}
    return {"version": 1, "files": [json_report.file_dict(f) for f in files], "summary": total}


def _reports() -> list[FileReport]:
    paths = find_files([str(ROOT / "claims"), str(ROOT / "tests" / "corpus")])
    return [check_file(p) for p in paths]


@pytest.mark.parametrize("count", [0, 1, 2, None])
def test_parses_to_the_plain_document(count: int | None) -> None:
    files = _reports()[:count] if count is not None else _reports()
    text = json_report.render(files)
    assert json.loads(text) == json.loads(json.dumps(_document(files), ensure_ascii=False))


def test_one_result_and_one_error_per_line() -> None:
    files = _reports()
    files.append(FileReport(HOSTILE_TEXT, errors=[Problem("CC100", HOSTILE_TEXT, 3), Problem("CC101", "x", None)]))
    lines = json_report.render(files).split("\n")  # not splitlines(): U+2028 is kept raw, as JSON allows
    for f in files:
        for r in f.results:
            start = f'    {{"id": {json.dumps(r.id, ensure_ascii=False)}, '
            assert any(line.startswith(start) for line in lines)
    records = [line for line in lines if line.startswith("    {")]
    assert len(records) == sum(len(f.results) + len(f.errors) for f in files)
    for line in records:  # each record is a whole JSON object on its line
        assert isinstance(json.loads(line.rstrip(",")), dict)


def test_strings_are_escaped(tmp_path: Any) -> None:
    files = [FileReport(HOSTILE_TEXT, errors=[Problem("CC100", HOSTILE_TEXT, 1)])]
    doc = json.loads(json_report.render(files))
    assert doc["files"][0]["path"] == HOSTILE_TEXT
    assert doc["files"][0]["errors"][0]["message"] == HOSTILE_TEXT
    assert "快手" in json_report.render(files)  # not \\u-escaped: the article's own script


def test_through_the_cli(tmp_path: Any) -> None:
    path = claim_file(tmp_path, '  a: {quote: "a 10", value: "10"}\n  b: {quote: "b 30", value: "30", formula: a}\n')
    proc = run_cli("run", "--format", "json", str(path))
    assert proc.returncode == 1
    doc = json.loads(proc.stdout)
    assert [r["status"] for r in doc["files"][0]["results"]] == ["info", "fail"]
    assert proc.stdout.count('\n    {"id": ') == 2


def test_written_as_made_is_the_rendered_document(tmp_path: Any) -> None:
    """To the terminal the document is written piece by piece; into --output, whole: the same bytes."""
    out = tmp_path / "out.json"
    streamed = run_cli("run", "--format", "json", "claims", "tests/corpus", cwd=ROOT)
    written = run_cli("run", "--format", "json", "--output", str(out), "claims", "tests/corpus", cwd=ROOT)
    assert streamed.returncode == written.returncode
    assert streamed.stdout.encode("utf-8") == out.read_bytes()
