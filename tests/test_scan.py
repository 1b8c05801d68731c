"""claimcheck.scan: the numeric mentions of an article, and `claimcheck scan` end to end."""

from __future__ import annotations

import json
import time
from pathlib import Path

import pytest
from conftest import ROOT, run_cli

from claimcheck.quantity import parse_date, parse_quantity
from claimcheck.scan import KINDS, MAX_ARTICLE_CHARS, Mention, ScanError, find_mentions, zh_number

ARTICLE = ROOT.parent / "shared" / "articles" / "kuaishou-kling.zh.txt"


def found(text: str) -> list[tuple[str, str, str, str, str]]:
    return [(m.text, m.value, m.unit, m.qualifier, m.kind) for m in find_mentions(text)]


# snippet -> every mention it holds: (text as written, value, unit, hedge, kind)
CASES_ZH = [
    ("市值3179亿港元", [("3179亿港元", "3179亿港元", "港元", "", "money")]),
    ("从1.7万亿港元市值", [("1.7万亿港元", "1.7万亿港元", "港元", "", "money")]),
    ("缩水幅度超过80%", [("超过80%", "超过80%", "%", "超过", "percent")]),
    ("市值一度突破1.7万亿港元", [("突破1.7万亿港元", "突破1.7万亿港元", "港元", "突破", "money")]),
    ("贡献了将近70%的营业收入", [("将近70%", "将近70%", "%", "将近", "percent")]),
    ("占比约30%", [("约30%", "约30%", "%", "约", "percent")]),
    ("10秒左右的时长", [("10秒左右", "10秒左右", "秒", "左右", "duration")]),
    ("获得超5亿播放量", [("超5亿", "超5亿", "", "超", "number")]),
    ("企业客户超过1万家", [("超过1万家", "超过1万家", "家", "超过", "count")]),
    ("收入逾2.5亿元人民币", [("逾2.5亿元人民币", "逾2.5亿元人民币", "元人民币", "逾", "money")]),
    ("利用率长期低于10%", [("低于10%", "低于10%", "%", "低于", "percent")]),
    ("营收100多万元", [("100多万元", "超过100万元", "元", "多", "money")]),
    ("增长0.3个百分点", [("0.3个百分点", "0.3个百分点", "个百分点", "", "percent")]),
    ("股价下跌-2.5%", [("-2.5%", "-2.5%", "%", "", "percent")]),
    ("达到12月中旬平均水平的2.5倍", [("12月", "--12", "", "", "date"), ("2.5倍", "2.5倍", "倍", "", "multiple")]),
    ("DAU日均使用时长达125.6分钟", [("125.6分钟", "125.6分钟", "分钟", "", "duration")]),
    ("在24小时内接连收到", [("24小时", "24小时", "小时", "", "duration")]),
    ("经过10个月超20次的迭代", [("10个月", "10个月", "个月", "", "duration"), ("超20次", "超20次", "次", "超", "count")]),
    # Chinese numerals
    ("四年时间里", [("四年", "4年", "年", "", "duration")]),
    ("平均每两周更新一版", [("两周", "2周", "周", "", "duration")]),
    ("在三天内获得", [("三天", "3天", "天", "", "duration")]),
    ("启动了为期一个月的行动", [("一个月", "1个月", "个月", "", "duration")]),
    ("能够在一次生成中输出", [("一次", "1次", "次", "", "count")]),
    ("在三个层面实现了关键突破", [("三个", "3个", "个", "", "count")]),
    ("主要体现在两个方面", [("两个", "2个", "个", "", "count")]),
    ("从用户、商业、品牌、技术四个维度", [("四个", "4个", "个", "", "count")]),
    ("将logo从原有三色渐变", [("三色", "3色", "色", "", "count")]),
    ("改写千亿市值困局", [("千亿", "1000亿", "", "", "number")]),
    ("四千五百万用户", [("四千五百万", "4500万", "", "", "number")]),
    ("近百家门店", [("近百家", "近100家", "家", "近", "count")]),
    ("近三年里", [("三年", "3年", "年", "", "duration")]),
    ("每周三次更新", [("三次", "3次", "次", "", "count")]),
    ("收入增长两倍", [("两倍", "2倍", "倍", "", "multiple")]),
    ("十多年来", [("十多年", "超过10年", "年", "多", "duration")]),
    # shares and multiples in words
    ("增长百分之三十", [("百分之三十", "30%", "%", "", "percent")]),
    ("三成用户来自海外", [("三成", "30%", "%", "", "percent")]),
    ("三分之一来自海外", [("三分之一", "33.3%", "%", "", "percent")]),
    ("一半以上是新用户", [("一半以上", "50%以上", "%", "以上", "percent")]),
    ("营收翻了一番", [("翻了一番", "2倍", "倍", "", "multiple")]),
    # ranks
    ("成为当时港股第八大市值公司", [("第八", "第8", "rank", "", "rank")]),
    ("排名第三", [("第三", "第3", "rank", "", "rank")]),
    ("在美国市场跻身前十", [("前十", "<=第10", "rank", "前", "rank")]),
    ("位列前三名", [("前三名", "<=第3", "rank", "前", "rank")]),
    # dates and times
    ("2021年2月5日,快手上市", [("2021年2月5日", "2021-02-05", "", "", "date")]),
    ("2024年6月,快手推出可灵", [("2024年6月", "2024-06", "", "", "date")]),
    ("2025年第三季度广告收入", [("2025年第三季度", "2025Q3", "", "", "date")]),
    ("2025年上半年营收", [("2025年上半年", "2025H1", "", "", "date")]),
    ("二〇二五年", [("二〇二五年", "2025", "", "", "date")]),
    ("2026年元旦刚过", [("2026年", "2026", "", "", "date")]),
    ("2026-01-05 21:17 湖北", [("2026-01-05", "2026-01-05", "", "", "date"), ("21:17", "21:17", "", "", "time")]),
    ("2025年第一季度收入1.5亿元,第二季度超过2.5亿元", [
        ("2025年第一季度", "2025Q1", "", "", "date"), ("1.5亿元", "1.5亿元", "元", "", "money"),
        ("第二季度", "2025Q2", "", "", "date"), ("超过2.5亿元", "超过2.5亿元", "元", "超过", "money")]),
    # ranges
    ("3至5年内", [("3至5年", "3年–5年", "年", "", "duration")]),
    ("增长20-30%", [("20-30%", "20%–30%", "%", "", "percent")]),
]

CASES_EN = [
    ("revenue reached $1.2 billion", [("$1.2 billion", "$1.2 billion", "$", "", "money")]),
    ("a jump of more than 30%", [("more than 30%", "more than 30%", "%", "more than", "percent")]),
    ("HK$ 317.9 billion", [("HK$ 317.9 billion", "HK$317.9 billion", "HK$", "", "money")]),
    ("US$5.4bn raised", [("US$5.4bn", "US$5.4bn", "US$", "", "money")]),
    ("forty-one percent of staff", [("forty-one percent", "41%", "%", "", "percent")]),
    ("seven in 10 Americans", [("seven in 10", "70%", "%", "", "percent")]),
    ("nearly 70% of managers", [("nearly 70%", "nearly 70%", "%", "nearly", "percent")]),
    ("about 3 out of 4 buyers", [("about 3 out of 4", "about 75%", "%", "about", "percent")]),
    ("half of the users", [("half", "50%", "%", "", "percent")]),
    ("employs 4,500 people", [("4,500 people", "4,500 people", "people", "", "count")]),
    ("two hundred and fifty engineers", [("two hundred and fifty engineers", "250 engineers", "engineers", "", "count")]),
    ("a million users", [("a million users", "1 million users", "users", "", "count")]),
    ("within one year", [("one year", "1 year", "year", "", "duration")]),
    ("over 18 months", [("over 18 months", "over 18 months", "months", "over", "duration")]),
    ("a 10-year plan", [("10-year", "10 year", "year", "", "duration")]),
    ("shares rose 2.5x", [("2.5x", "2.5x", "x", "", "multiple")]),
    ("sales doubled", [("doubled", "2x", "x", "", "multiple")]),
    ("a threefold rise", [("threefold", "3x", "x", "", "multiple")]),
    ("8,000 sq ft", [("8,000 sq ft", "8,000 sq ft", "sq ft", "", "measure")]),
    ("the eighth-largest firm", [("eighth", "8th", "rank", "", "rank")]),
    ("ranked 3rd", [("3rd", "3rd", "rank", "", "rank")]),
    ("in the top 10", [("top 10", "<=10th", "rank", "top", "rank")]),
    ("published March 2, 2026", [("March 2, 2026", "2026-03-02", "", "", "date")]),
    ("since June 2024", [("June 2024", "2024-06", "", "", "date")]),
    ("in Q3 2025", [("Q3 2025", "2025Q3", "", "", "date")]),
    ("the first half of 2025", [("first half of 2025", "2025H1", "", "", "date")]),
    ("founded in 2021, it", [("2021", "2021", "", "", "date")]),
    ("between 20 and 30 percent", [("20 and 30 percent", "20%–30%", "%", "", "percent")]),
    ("$1-2 billion", [("$1-2 billion", "$1 billion–$2 billion", "$", "", "money")]),
    ("1,000 or more stores", [("1,000 or more", "at least 1,000", "", "or more", "number")]),
]

# nothing here is a figure a fact-checker would check
SKIPPED = [
    "可灵2.6采用了基于Omni One架构的统一视频生产平台",
    "在2025年12月推出的2.6版本" .replace("2025年12月", ""),
    "百度的文心一言4.0支持视频生成功能",
    "Google的Veo 3能够通过简单的文本提示生成",
    "GPT-4 and Veo2 and a16z, 3D, 5G, H100",
    "a16z投资合伙人",
    "融合3D时空联合注意力机制",
    "用一款名为可灵的APP,一场挑战赛,一张照片,一位投资人",
    "一方面,唯一的问题在于统一标准;另一方面",
    "被市场视为中国短视频行业的双雄之一",
    "一是引入物理引擎;二是升级多模态交互能力;三是实现语音控制",
    "成为第一道枷锁,让快手的第二增长曲线承压",
    "引发模仿和二次创作",
    "可灵是一次重要的机会,一次性付清",
    "只是其AI战略的一个组成部分",
    "不能期望一蹴而就,五颜六色,三番五次,万一失败",
    "千万不要放弃,数十亿美元,几分钟内,十几个人",
    "周三发布,前三季度营收",
    "see https://example.com/report-2025/page3 or a1@example.com",
    "快手(1024.HK)股票代码01024,电话010-12345678",
    "1. First item\n2. Second item [1]",
    "One day, one of the firms and Omni One said no one",
    "双11期间",
]


@pytest.mark.parametrize("text, expected", CASES_ZH + CASES_EN, ids=[c[0][:24] for c in CASES_ZH + CASES_EN])
def test_mentions(text: str, expected: list[tuple[str, str, str, str, str]]) -> None:
    assert found(text) == expected


@pytest.mark.parametrize("text", SKIPPED, ids=[s[:20] for s in SKIPPED])
def test_not_figures(text: str) -> None:
    assert found(text) == []


@pytest.mark.parametrize("text", [c[0] for c in CASES_ZH + CASES_EN])
def test_offsets_lines_and_kinds(text: str) -> None:
    padded = "第一行\n\n" + text
    for m in find_mentions(padded):
        assert padded[m.start: m.end] == m.text
        assert m.line == 3
        assert m.kind in KINDS


def test_full_width_digits_keep_offsets() -> None:
    text = "营收１２．５亿元，同比增长３０％"
    ms = find_mentions(text)
    assert [(m.text, m.value) for m in ms] == [("１２．５亿元", "12.5亿元"), ("３０％", "30%")]
    assert all(text[m.start: m.end] == m.text for m in ms)


@pytest.mark.parametrize("run, value", [
    ("四", 4), ("十", 10), ("二十", 20), ("十五", 15), ("一百零五", 105), ("四千五百万", 45_000_000),
    ("千亿", 10**11), ("三亿五千万", 350_000_000), ("一万亿", 10**12), ("二〇二五", 2025), ("二二十", None),
])
def test_zh_number(run: str, value: int | None) -> None:
    assert zh_number(run) == value


def _kuaishou() -> list[Mention]:
    return find_mentions(ARTICLE.read_text(encoding="utf-8"))


@pytest.mark.skipif(not ARTICLE.exists(), reason="the Kuaishou article is not at hand")
def test_kuaishou_article() -> None:
    ms = _kuaishou()
    by_kind: dict[str, int] = {}
    for m in ms:
        by_kind[m.kind] = by_kind.get(m.kind, 0) + 1
    assert len(ms) == 113
    assert by_kind == {"percent": 28, "date": 27, "number": 16, "count": 13, "duration": 13, "money": 12,
                       "rank": 2, "multiple": 1, "time": 1}
    texts = {m.text for m in ms}
    for expected in ("3179亿港元", "超过80%", "四年", "两周", "三天", "第八", "前十", "193.91%", "10秒左右",
                     "将近70%", "约10亿元人民币", "2.5倍", "2024年6月", "一个月", "一次", "三色", "千亿"):
        assert expected in texts
    for skipped in ("2.6", "4.0", "3D", "a16z", "Omni One", "Veo2", "第一", "第二"):
        assert skipped not in texts
    for m in ms:  # every value reads as a claim's value or date (partial dates and times aside)
        if m.kind == "time" or m.value.startswith("--") or m.is_range:
            continue
        parse_date(m.value) if m.kind == "date" else parse_quantity(m.value)


@pytest.mark.parametrize("text", [
    "1" * 200_000, "一" * 50_000, "亿" * 50_000, "第" + "1" * 10_000 + "名", "百分之" + "9" * 10_000,
    "$" + "9," * 50_000, ("Revenue was $1.2 billion, up 30%. " * 20_000),
])
def test_hostile_input_is_fast(text: str) -> None:
    began = time.perf_counter()
    find_mentions(text)
    assert time.perf_counter() - began < 10


def test_limit() -> None:
    with pytest.raises(ScanError):
        find_mentions("x" * (MAX_ARTICLE_CHARS + 1))


# --- the command ---------------------------------------------------------------------------------


def test_scan_json(tmp_path: Path) -> None:
    article = tmp_path / "a.md"
    article.write_text("# Title\n\nRevenue reached $1.2 billion, a jump of more than 30%.\n", encoding="utf-8")
    proc = run_cli("scan", "--format", "json", str(article))
    assert proc.returncode == 0, proc.stderr
    doc = json.loads(proc.stdout)
    assert list(doc) == ["mentions"]
    assert [list(m) for m in doc["mentions"]] == [["text", "start", "end", "line", "value", "unit", "qualifier", "kind"]] * 2
    first = doc["mentions"][0]
    assert (first["value"], first["line"], first["kind"]) == ("$1.2 billion", 3, "money")
    text = article.read_text(encoding="utf-8")
    assert all(text[m["start"]: m["end"]] == m["text"] for m in doc["mentions"])


def test_scan_table(tmp_path: Path) -> None:
    article = tmp_path / "a.txt"
    article.write_text("市值3179亿港元,缩水幅度超过80%。\n", encoding="utf-8")
    proc = run_cli("scan", str(article))
    assert proc.returncode == 0
    assert "3179亿港元" in proc.stdout and "超过80%" in proc.stdout and "2 numeric mentions" in proc.stdout


@pytest.mark.parametrize("content, code", [(None, "CC111"), (b"\xff\xfe\x00bad", "CC100")])
def test_scan_bad_input(tmp_path: Path, content: bytes | None, code: str) -> None:
    article = tmp_path / "a.txt"
    if content is not None:
        article.write_bytes(content)
    proc = run_cli("scan", str(article))
    assert proc.returncode == 2
    assert code in proc.stderr and "Traceback" not in proc.stderr


def _draft(tmp_path: Path, text: str, *extra: str) -> tuple[Path, Path]:
    article = tmp_path / "article.txt"
    article.write_text(text, encoding="utf-8")
    out = tmp_path / "draft.yaml"
    proc = run_cli("scan", str(article), "--yaml", str(out), *extra)
    assert proc.returncode == 0, proc.stderr
    return article, out


def _run_json(path: Path, *extra: str) -> tuple[int, dict]:  # type: ignore[type-arg]
    proc = run_cli("run", "--format", "json", str(path), *extra)
    return proc.returncode, json.loads(proc.stdout)


@pytest.mark.skipif(not ARTICLE.exists(), reason="the Kuaishou article is not at hand")
def test_draft_of_kuaishou_loads_without_errors(tmp_path: Path) -> None:
    _, out = _draft(tmp_path, ARTICLE.read_text(encoding="utf-8"), "--outlet", "下海fallsea")
    text = out.read_text(encoding="utf-8")
    assert "published: 2026-01-05" in text and "title: 快手押上未来的AI工具,中国人还没用起来" in text
    assert "text: article.txt" in text
    code, doc = _run_json(out)
    f = doc["files"][0]
    assert f["errors"] == [] and code == 0
    assert {r["status"] for r in f["results"]} == {"info"}
    assert len(f["results"]) == 108  # 113 mentions; a time and four dates without a year are commented out
    assert text.count("  # TODO ") == 5
    coverage = run_cli("coverage", str(out), "--min", "100")
    assert coverage.returncode == 0, coverage.stdout


def test_draft_english_ranges_and_ids(tmp_path: Path) -> None:
    _, out = _draft(tmp_path, "Acme said on June 5, 2025 that sales rose 20-30% to $1.2 billion, up 30% and up 30%.\n")
    code, doc = _run_json(out)
    results = {r["id"]: r for r in doc["files"][0]["results"]}
    assert code == 0 and doc["files"][0]["errors"] == []
    assert list(results) == ["l1_date", "l1_percent_lo", "l1_percent_hi", "l1_money", "l1_percent_2", "l1_percent_3"]
    assert results["l1_percent_lo"]["claimed"].startswith("at least") or ">=" in out.read_text(encoding="utf-8")


def test_draft_with_nothing_to_claim_still_loads(tmp_path: Path) -> None:
    _, out = _draft(tmp_path, "No figures here, only words.\n")
    code, doc = _run_json(out)
    assert code == 0 and doc["files"][0]["errors"] == [] and doc["files"][0]["results"] == []
    assert "TODO" in out.read_text(encoding="utf-8")  # published: today's date, flagged


def test_draft_never_overwrites_without_force(tmp_path: Path) -> None:
    article, out = _draft(tmp_path, "营收3179亿港元。\n")
    out.write_text("mine\n", encoding="utf-8")
    proc = run_cli("scan", str(article), "--yaml", str(out))
    assert proc.returncode == 2 and "--force" in proc.stderr
    assert out.read_text(encoding="utf-8") == "mine\n"
    assert run_cli("scan", str(article), "--yaml", str(out), "--force").returncode == 0
    assert "3179亿港元" in out.read_text(encoding="utf-8")
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith(".claimcheck-")] == []
