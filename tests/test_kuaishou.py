"""claims/kuaishou.yaml through the real CLI: loads cleanly, every verdict as reviewed,
and (when the article is at hand) every quote occurs in it."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
import yaml

from conftest import ROOT, run_cli

CLAIMS = "claims/kuaishou.yaml"
ARTICLE = ROOT.parent / "shared" / "articles" / "kuaishou-kling.zh.txt"


@pytest.fixture(scope="module")
def report() -> dict:  # type: ignore[type-arg]
    proc = run_cli("run", "--strict", "--format", "json", CLAIMS)
    assert "Traceback" not in proc.stderr
    doc = json.loads(proc.stdout)
    doc["exit"] = proc.returncode
    return doc


def test_no_load_errors(report: dict) -> None:  # type: ignore[type-arg]
    f = report["files"][0]
    assert f["errors"] == []
    assert [r["id"] for r in f["results"] if r["status"] == "error"] == []


def test_every_verdict_as_reviewed(report: dict) -> None:  # type: ignore[type-arg]
    unexpected = [(r["id"], r["status"], r.get("expect")) for r in report["files"][0]["results"] if not r["expected"]]
    assert unexpected == []
    assert report["exit"] == 0


def test_every_finding_has_a_note(report: dict) -> None:  # type: ignore[type-arg]
    for r in report["files"][0]["results"]:
        if r["status"] in ("warn", "fail"):
            assert r.get("expect") == r["status"] and r.get("note"), r["id"]


def test_the_findings_a_fact_checker_expects(report: dict) -> None:  # type: ignore[type-arg]
    status = {r["id"]: r["status"] for r in report["files"][0]["results"]}
    # the figures the article gets wrong, each flagged
    for cid in ("mcap_rank_2021", "dau_at_ipo", "ad_rev_growth_2025q3", "mau_2025q2", "gmv_growth_fell_further",
                "kling_iter_months", "dau_2025q3", "mau_2025q3", "time_per_dau_2025q3"):
        assert status[cid] == "fail", cid
    assert status["mcap_evaporated"] == "warn"
    # and the consistent ones pass
    for cid in ("mcap_shrink", "ipo_open_jump", "dau_2025q2", "kling_target_raise", "kling_daily_rev_multiple",
                "dau_mau_ratio_2025q3", "kling_rev_2025_usd"):
        assert status[cid] == "pass", cid


def test_all_kinds_and_references_present(report: dict) -> None:  # type: ignore[type-arg]
    results = report["files"][0]["results"]
    kinds = {r["kind"] for r in results}
    assert kinds == {"stated", "derived", "implied", "check"}
    data = yaml.safe_load((ROOT / CLAIMS).read_text(encoding="utf-8"))
    sources = set(data["sources"])
    refs = [c["reference"]["source"] for c in data["claims"].values() if "reference" in c]
    assert refs and set(refs) <= sources


@pytest.mark.skipif(not ARTICLE.exists(), reason="the article text (../shared/articles) is not beside this checkout")
def test_every_quote_occurs_in_the_article() -> None:
    text = re.sub(r"\s+", "", ARTICLE.read_text(encoding="utf-8"))
    data = yaml.safe_load((ROOT / CLAIMS).read_text(encoding="utf-8"))
    missing = [cid for cid, c in data["claims"].items() if re.sub(r"\s+", "", c["quote"]) not in text]
    assert missing == []
    # and the CLI's own quote check agrees
    proc = run_cli("run", "--strict", "--format", "json", "--article", str(ARTICLE), CLAIMS)
    assert proc.returncode == 0, [r for r in json.loads(proc.stdout)["files"][0]["results"] if r["status"] == "error"][:3]


def test_quotes_are_short_phrases() -> None:
    data = yaml.safe_load((ROOT / CLAIMS).read_text(encoding="utf-8"))
    assert max(len(c["quote"]) for c in data["claims"].values()) <= 60


def test_a_changed_figure_fails_the_gate(tmp_path: Path) -> None:
    text = (ROOT / CLAIMS).read_text(encoding="utf-8").replace("value: 3179亿港元", "value: 2179亿港元", 1)
    copy = tmp_path / "kuaishou.yaml"
    copy.write_text(text, encoding="utf-8")
    proc = run_cli("run", "--strict", "--format", "json", str(copy))
    assert proc.returncode != 0
