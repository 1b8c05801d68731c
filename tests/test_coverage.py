"""`claimcheck coverage`: the article's figures that no claim's quote covers, the share covered,
--min, and the file's coverage.ignore entries."""

from __future__ import annotations

import json
import shutil
from pathlib import Path
from typing import Any

import pytest
from conftest import ROOT, run_cli

ARTICLE_TEXT = """\
Acme's robot bet pays off
12,345 views

Revenue reached $1.2 billion in 2025, up from $950 million.
Forty-one percent of buyers were new; 2,000 robots shipped.
"""
# mentions: 12,345 (l2); $1.2 billion, 2025, $950 million (l4); Forty-one percent, 2,000 robots (l5)

HEADER = """\
article:
  title: Acme's robot bet pays off
  outlet: Example Daily
  published: 2026-03-02
  text: article.txt
"""

CLAIMS = """\
claims:
  revenue:
    quote: Revenue reached $1.2 billion in 2025
    value: 1.2 billion USD
  revenue_before:
    quote: up from $950 million
    value: 950 million USD
"""


def write(tmp_path: Path, body: str = CLAIMS, extra: str = "", header: str = HEADER) -> Path:
    (tmp_path / "article.txt").write_text(ARTICLE_TEXT, encoding="utf-8")
    path = tmp_path / "c.yaml"
    path.write_text(header + body + extra, encoding="utf-8")
    return path


def coverage_json(path: Path, *extra: str) -> tuple[int, dict[str, Any]]:
    proc = run_cli("coverage", "--format", "json", str(path), *extra)
    assert "Traceback" not in proc.stderr
    return proc.returncode, json.loads(proc.stdout)


def test_gaps_share_and_context(tmp_path: Path) -> None:
    code, doc = coverage_json(write(tmp_path))
    assert code == 0
    assert (doc["mentions"], doc["covered"], doc["justified"], doc["uncovered"]) == (6, 3, 0, 3)
    assert doc["share"] == 50.0
    assert [(g["text"], g["line"], g["kind"]) for g in doc["gaps"]] == [
        ("12,345 views", 2, "count"), ("Forty-one percent", 5, "percent"), ("2,000 robots", 5, "count")]
    gap = doc["gaps"][1]
    assert gap["text"] in gap["context"] and "buyers" in gap["context"]
    assert set(gap) >= {"text", "start", "end", "line", "value", "unit", "qualifier", "kind", "context"}


@pytest.mark.parametrize("minimum, code", [("40", 0), ("50", 0), ("50%", 0), ("50.1", 1), ("100", 1)])
def test_min(tmp_path: Path, minimum: str, code: int) -> None:
    path = write(tmp_path)
    got, doc = coverage_json(path, "--min", minimum)
    assert got == code and doc["below_min"] == bool(code)
    assert run_cli("coverage", str(path), "--min", minimum).returncode == code


@pytest.mark.parametrize("minimum", ["101", "-1", "most"])
def test_bad_min(tmp_path: Path, minimum: str) -> None:
    proc = run_cli("coverage", str(write(tmp_path)), "--min", minimum)
    assert proc.returncode == 2 and "--min" in proc.stderr


IGNORE = """\
coverage:
  ignore:
    - text: "12,345 views"
      why: "page furniture: the view count"
    - text: "Forty-one percent of buyers were new; 2,000 robots shipped."
      why: "context, not a claim of this story"
"""


def test_ignore_entries_justify_gaps(tmp_path: Path) -> None:
    path = write(tmp_path, extra=IGNORE)
    code, doc = coverage_json(path, "--min", "100")
    assert code == 0 and doc["errors"] == []
    assert (doc["covered"], doc["justified"], doc["uncovered"], doc["share"]) == (3, 3, 0, 100.0)
    assert [(j["text"], j["ignore_line"]) for j in doc["justified_mentions"]] == [
        ("12,345 views", 15), ("Forty-one percent", 17), ("2,000 robots", 17)]
    assert run_cli("run", str(path)).returncode == 0  # the section loads: run is not affected


def test_ignore_text_not_in_article_is_cc220(tmp_path: Path) -> None:
    path = write(tmp_path, extra=IGNORE.replace("12,345 views", "12,354 views"))
    code, doc = coverage_json(path)
    assert code == 2
    assert [(e["code"], e["line"]) for e in doc["errors"]] == [("CC220", 15)]
    assert "12,345 views" in doc["errors"][0]["message"]  # the closest passage
    text = run_cli("coverage", str(path))
    assert text.returncode == 2 and "CC220" in text.stdout


def test_idle_ignore_and_quotes_not_found(tmp_path: Path) -> None:
    body = CLAIMS + "  stale:\n    quote: Revenue reached $1.3 billion\n    value: 1.3 billion USD\n"
    extra = "coverage:\n  ignore:\n    - {text: up from $950 million, why: repeated}\n"
    code, doc = coverage_json(write(tmp_path, body, extra))
    assert code == 0
    assert doc["quotes_not_found"] == ["stale"]
    assert [e["text"] for e in doc["idle_ignores"]] == ["up from $950 million"]


def test_every_occurrence_of_a_quote_counts(tmp_path: Path) -> None:
    text = "Sales rose 5%.\nLater: sales rose 5%.\nSales rose 5%.\n"
    (tmp_path / "article.txt").write_text(text, encoding="utf-8")
    path = tmp_path / "c.yaml"
    path.write_text(HEADER + "claims:\n  s: {quote: Sales rose 5%, value: 5%}\n", encoding="utf-8")
    code, doc = coverage_json(path)
    assert code == 0 and (doc["covered"], [g["line"] for g in doc["gaps"]]) == (2, [2])


def test_article_option(tmp_path: Path) -> None:
    path = write(tmp_path, header=HEADER.replace("  text: article.txt\n", ""))
    proc = run_cli("coverage", str(path))
    assert proc.returncode == 2 and "CC106" in proc.stderr and "--article" in proc.stderr
    other = tmp_path / "other.txt"
    other.write_text("Revenue reached $1.2 billion in 2025 and 7 robots.\n", encoding="utf-8")
    code, doc = coverage_json(path, "--article", str(other))
    assert code == 0 and [g["text"] for g in doc["gaps"]] == ["7 robots"]


@pytest.mark.parametrize("content, code", [
    ("claims:\n  a: {quote: x, fomula: 1}\n", "CC105"),
    ("article: {title: t, outlet: o, published: 2026-01-01, text: missing.txt}\nclaims: {}\n", "CC110"),
])
def test_file_errors_exit_2(tmp_path: Path, content: str, code: str) -> None:
    path = tmp_path / "c.yaml"
    path.write_text(content, encoding="utf-8")
    proc = run_cli("coverage", str(path))
    assert proc.returncode == 2 and code in proc.stderr and "Traceback" not in proc.stderr


def test_text_output(tmp_path: Path) -> None:
    proc = run_cli("coverage", str(write(tmp_path)), "--min", "90")
    assert proc.returncode == 1
    assert "Forty-one percent" in proc.stdout and "50.0%" in proc.stdout and "below" in proc.stdout


# --- the Kuaishou claim file --------------------------------------------------------------------

KUAISHOU = ROOT / "claims" / "kuaishou.yaml"
ARTICLE = ROOT.parent / "shared" / "articles" / "kuaishou-kling.zh.txt"
FURNITURE = """
coverage:
  ignore:
    - text: "2026-01-05 21:17 湖北"
      why: "page furniture: when and where this copy was posted"
    - text: "60647 0 0"
      why: "page furniture: the page's view, like and comment counts"
"""


@pytest.mark.skipif(not (KUAISHOU.exists() and ARTICLE.exists()), reason="the Kuaishou files are not at hand")
def test_kuaishou_gaps_are_only_page_furniture(tmp_path: Path) -> None:
    code, doc = coverage_json(KUAISHOU, "--article", str(ARTICLE))
    assert code == 0
    gaps = [(g["line"], g["text"]) for g in doc["gaps"]]
    if "coverage:" in KUAISHOU.read_text(encoding="utf-8"):
        assert gaps == [] and doc["share"] == 100.0
        return
    assert gaps == [(10, "2026-01-05"), (10, "21:17"), (12, "60647"), (12, "0"), (12, "0")]
    path = tmp_path / "kuaishou.yaml"
    shutil.copy(KUAISHOU, path)
    with open(path, "a", encoding="utf-8") as fh:
        fh.write(FURNITURE)
    code, doc = coverage_json(path, "--article", str(ARTICLE), "--min", "100")
    assert code == 0 and doc["share"] == 100.0 and doc["justified"] == 5 and doc["errors"] == []
