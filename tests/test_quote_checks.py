"""Quote verification: with the article's text at hand every quote must occur in it (CC216,
with the closest passage), and the value's or date's number must occur in the quote (CC215),
in digits or in words."""

from __future__ import annotations

import json
import re
import shutil
from pathlib import Path
from typing import Any

import pytest
from conftest import ROOT, claim_file, run_cli

ARTICLE_TEXT = """\
Acme's robot bet pays off

Revenue reached $1.2 billion in 2025, up from $950 million. Forty-one percent of buyers
were new, and seven in 10 Americans have heard of the robot, first sold in June 2024.
The plant turned out 1,204 units.

2021年2月5日,快手在港交所敲钟上市,成为当时港股第八大市值公司。四年时间里快手市值蒸发超1.4万亿,
平均每两周更新一版。2024年6月,快手推出AI视频生成模型可灵。到2026年1月的3179亿港元。
"""


def header(text_field: str = "  text: article.txt\n") -> str:
    return ("article:\n  title: Test article\n  outlet: Example Daily\n  published: 2026-03-02\n"
            + text_field + "claims:\n")


def check(tmp_path: Path, body: str, *extra: str, text_field: str = "  text: article.txt\n") -> dict[str, Any]:
    (tmp_path / "article.txt").write_text(ARTICLE_TEXT, encoding="utf-8")
    path = claim_file(tmp_path, body, header(text_field))
    proc = run_cli("run", "--format", "json", str(path), *extra)
    assert "Traceback" not in proc.stderr
    doc = json.loads(proc.stdout)
    f = doc["files"][0]
    assert f["errors"] == [], f["errors"]
    return {"exit": proc.returncode, **{r["id"]: r for r in f["results"]}}


# quote, field, value: the number is in the quote, in digits or in words, and the quote is in the article
PASSING = [
    ("Revenue reached $1.2 billion", "value", "1.2 billion USD"),
    ("reached  $1.2\nbillion", "value", "$1.2 billion"),
    ("Forty-one percent of buyers", "value", "41%"),
    ("seven in 10 Americans", "value", "70%"),
    ("first sold in June 2024", "date", "2024-06"),
    ("turned out 1,204 units", "value", "1204"),
    ("到2026年1月的3179亿港元", "value", "3179亿港元"),
    ("四年时间里", "value", "4年"),
    ("平均每两周更新一版", "value", "2周"),
    ("港股第八大市值公司", "value", "第8"),
    ("2024年6月,快手推出", "date", "2024-06"),
    ("2021年2月5日,快手在港交所敲钟上市", "date", "2021-02-05"),
    ("蒸发超1.4万亿", "value", "超1.4万亿 HKD"),
]


@pytest.mark.parametrize("quote, field, value", PASSING, ids=[p[0][:20] for p in PASSING])
def test_number_in_quote_and_quote_in_article(tmp_path: Path, quote: str, field: str, value: str) -> None:
    got = check(tmp_path, f"c: {{quote: {json.dumps(quote, ensure_ascii=False)}, {field}: \"{value}\"}}")
    assert (got["c"]["status"], got["c"].get("code"), got["exit"]) == ("info", None, 0)


# quote, field, value: the value's number is not in the quote
NUMBER_MISSING = [
    ("Revenue reached $1.2 billion", "value", "1.3 billion USD"),
    ("Forty-one percent of buyers", "value", "42%"),
    ("seven in 10 Americans", "value", "60%"),
    ("四年时间里", "value", "5年"),
    ("平均每两周更新一版", "value", "3周"),
    ("港股第八大市值公司", "value", "第5"),
    ("2024年6月,快手推出", "date", "2024-07"),
    ("first sold in June 2024", "date", "2025-06"),
    ("到2026年1月的3179亿港元", "value", "3197亿港元"),
]


@pytest.mark.parametrize("quote, field, value", NUMBER_MISSING, ids=[p[2] for p in NUMBER_MISSING])
def test_number_not_in_quote_is_cc215(tmp_path: Path, quote: str, field: str, value: str) -> None:
    got = check(tmp_path, f"""
        c: {{quote: {json.dumps(quote, ensure_ascii=False)}, {field}: "{value}"}}
        uses_c: {{quote: "Revenue reached $1.2 billion", formula: c}}
    """)
    assert (got["c"]["status"], got["c"]["code"], got["exit"]) == ("error", "CC215", 2)
    assert (got["uses_c"]["status"], got["uses_c"]["code"]) == ("error", "CC217")


# a quote that is not in the article, and the passage the message must point at
NOT_IN_ARTICLE = [
    ("revenue reached $1.2 billion", "1.2 billion USD", "Revenue reached $1.2 billion"),  # case counts
    ("Forty-one percent of sellers", "41%", "Forty-one percent of buyers"),
    ("四年时间里快手市值蒸发超1.5万亿", "4年", "四年时间里快手市值蒸发超1.4万亿"),
    ("平均每三周更新一版", "3周", "平均每两周更新一版"),
]


@pytest.mark.parametrize("quote, value, closest", NOT_IN_ARTICLE, ids=[n[0][:20] for n in NOT_IN_ARTICLE])
def test_quote_not_in_article_is_cc216_with_closest_passage(tmp_path: Path, quote: str, value: str, closest: str) -> None:
    got = check(tmp_path, f"c: {{quote: {json.dumps(quote, ensure_ascii=False)}, value: \"{value}\"}}")
    c = got["c"]
    assert (c["status"], c["code"], got["exit"]) == ("error", "CC216", 2)
    assert closest in c["message"]


def test_whitespace_differences_are_ignored(tmp_path: Path) -> None:
    got = check(tmp_path, 'c: {quote: "Forty-one   per cent\\nof  buyers were new", value: "41%"}')
    assert (got["c"]["status"], got["exit"]) == ("info", 0)


def test_article_option_replaces_article_text(tmp_path: Path) -> None:
    other = tmp_path / "other.txt"
    other.write_text("Revenue reached $2.4 billion in 2025.\n", encoding="utf-8")
    body = 'c: {quote: "Revenue reached $1.2 billion", value: "1.2 billion USD"}'
    assert check(tmp_path, body)["c"]["status"] == "info"
    got = check(tmp_path, body, "--article", str(other))
    assert (got["c"]["status"], got["c"]["code"]) == ("error", "CC216")
    assert "$2.4 billion" in got["c"]["message"]


def test_without_article_text_only_the_number_is_checked(tmp_path: Path) -> None:
    got = check(tmp_path, 'c: {quote: "words that are in no article: 41%", value: "41%"}', text_field="")
    assert (got["c"]["status"], got["exit"]) == ("info", 0)


# --- a deliberately corrupted copy of the Kuaishou claim file is caught ---------------------------

CLAIMS = ROOT / "claims" / "kuaishou.yaml"
ARTICLE = ROOT.parent / "shared" / "articles" / "kuaishou-kling.zh.txt"


def _corrupt(tmp_path: Path, old: str, new: str) -> Path:
    text = CLAIMS.read_text(encoding="utf-8")
    assert text.count(old) >= 1
    path = tmp_path / "kuaishou.yaml"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")
    return path


@pytest.mark.skipif(not (CLAIMS.exists() and ARTICLE.exists()), reason="the Kuaishou files are not at hand")
@pytest.mark.parametrize("old, new, claim, code", [
    ("    quote: 到2026年1月的3179亿港元\n    value: 3179亿港元", "    quote: 到2026年1月的3179亿港元\n    value: 3197亿港元",
     "mcap_jan_2026", "CC215"),
    ("quote: 缩水幅度超过80%", "quote: 缩水比例超过80%", "mcap_shrink", "CC216"),
    ("quote: 平均每两周更新一版", "quote: 平均每三周更新一版", "kling_update_interval", "CC215"),
    ("quote: 单日下载峰值达到13万\n    value: 13万次", "quote: 单日下载峰值达到31万\n    value: 31万次",
     "kling_downloads_peak_day", "CC216"),
])
def test_corrupted_kuaishou_claim_is_caught(tmp_path: Path, old: str, new: str, claim: str, code: str) -> None:
    path = _corrupt(tmp_path, old, new)
    shutil.copy(ARTICLE, tmp_path / "article.txt")
    proc = run_cli("run", "--format", "json", str(path), "--article", str(tmp_path / "article.txt"))
    doc = json.loads(proc.stdout)
    results = {r["id"]: r for r in doc["files"][0]["results"]}
    assert proc.returncode == 2
    assert (results[claim]["status"], results[claim]["code"]) == ("error", code)
    roots = {r["id"] for r in results.values() if r["status"] == "error" and r["code"] != "CC217"}
    assert roots == {claim}
    if code == "CC216":
        passage = re.search(r"closest passage: '([^']*)'", results[claim]["message"])
        assert passage is not None and passage.group(1) in ARTICLE.read_text(encoding="utf-8")


@pytest.mark.skipif(not (CLAIMS.exists() and ARTICLE.exists()), reason="the Kuaishou files are not at hand")
def test_kuaishou_quotes_all_check_against_the_article() -> None:
    proc = run_cli("run", "--format", "json", str(CLAIMS), "--article", str(ARTICLE))
    doc = json.loads(proc.stdout)
    assert [r["id"] for r in doc["files"][0]["results"] if r["status"] == "error"] == []
