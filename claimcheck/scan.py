"""Numeric mentions in an article: every figure a careful reader would check.

``find_mentions(text)`` reads plain text or Markdown, Chinese and English, and returns each
figure once, in order: its text and offsets (characters of `text`, end exclusive), its line,
its value normalised the way a claim file writes it (``3179亿港元``, ``超过80%``, ``4年``,
``2024-06``, ``第8``), its unit, the hedge written around it and its kind (`KINDS`).

What counts
- Digits with separators and decimals, Chinese scales (万, 亿, 万亿 …) and English ones
  (thousand … trillion, k/m/bn/tn), currencies, percentages, multiples, durations, physical
  units, count words (measure words 个 家 次 条 张 …; plural nouns in English).
- Dates (2021年2月5日, 2024年6月, 2025年第三季度, 2025年上半年, June 2024, Q3 2025, ISO forms),
  clock times (21:17), bare years in English prose ("in 2021").  A quarter without a year
  (第二季度) takes the year of an earlier date in the same sentence; a month or day without a
  year (12月中旬) is a date whose value stays partial (``--12``).
- Chinese numerals with a unit or measure word: 四年, 两周, 三天, 三个层面, 两个方面, 四个维度;
  with a scale they need no unit (千亿, 五亿).  一 counts only with a duration or frequency
  word (一个月, 一年, 一次, 一倍), never as an article (一款, 一场, 一张, 一个组成部分), inside a
  word (唯一, 统一, 之一, 一方面, 一定) or after 是/这/那/每/有 (是一次重要的机会).  A lone 二
  before a measure word is the word "second(ary)" (二次创作), not a count.  Bare numerals
  without a unit (一是 … 二是 …, 双雄) and vague ones (数十, 几分钟, 十几) are not figures.
- Ordinals are ranks when they rank: 第八大, 第2名, 排名第三; ordinals that only number the
  article's own points (第一道枷锁, 第二增长曲线) are not.  前十 / top 10 after 跻身, 进入, 位列 …
  (or before 名/强) is a rank of at most 10.
- English number words (forty-one, two million); "one" only with a scale, percent or duration.
  Shares: "seven in 10", "3 out of 4", half of, two-thirds; 百分之三十, 三成, 三分之一, 一半.
  Multiples: doubled, tripled, threefold, 翻倍.
- The hedge before or after a number joins the mention: 超过, 超, 逾, 突破, 约, 将近, 近, 不到,
  低于, 至少, 左右, 以上, 多 (100多万); over, more than, nearly, about, at least, or more, -plus.
  近 before a duration means "the last" (近三年), not a hedge.
- A range (20-30%, 3至5年) is one mention whose value joins the two ends with an en dash.

What is skipped: version and model names (可灵2.6, 2.6版本, Veo 3, GPT-4, 文心一言4.0), names
containing digits (a16z, 3D, 5G, H100), names with number words (Omni One), URLs and e-mail
addresses, stock codes (1024.HK, 01024), phone numbers, Markdown list markers and footnote
marks, 双11, and idioms that contain numerals (一蹴而就, 五颜六色, 三番五次 …).
"""

from __future__ import annotations

import bisect
import datetime as _dt
import re
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, replace
from fractions import Fraction
from typing import Final

MAX_ARTICLE_CHARS: Final = 5_000_000
MAX_NUMERAL_CHARS: Final = 24  # a longer run of Chinese numerals is not a figure
RANGE_DASH: Final = "–"
KINDS: Final = ("money", "percent", "count", "duration", "multiple", "measure", "date", "time", "rank", "number")


class ScanError(ValueError):
    """The text cannot be scanned (too large)."""


@dataclass(frozen=True, slots=True)
class Mention:
    text: str  # as written in the article, hedge included
    start: int  # character offsets into the text, end exclusive
    end: int
    line: int  # 1-based
    value: str  # as a claim file would write it: "超过80%", "3179亿港元", "2024-06"
    unit: str  # "%", "港元", "年", "次", "" …
    qualifier: str  # the hedge as written: "超过", "左右", "nearly", ""
    kind: str  # one of KINDS

    @property
    def is_date(self) -> bool:
        return self.kind == "date"

    @property
    def is_range(self) -> bool:
        return RANGE_DASH in self.value


@dataclass(frozen=True, slots=True)
class _Cand:
    start: int
    end: int
    kind: str
    core: tuple[int, int]  # the number itself, for the skip rules
    num: str = ""
    pre: str = ""  # currency prefix, as the value writes it
    scale: str = ""
    unit: str = ""  # unit as the value writes it
    unit_name: str = ""  # unit for the mention's `unit` field
    qual: str = ""  # hedge as written
    qual_value: str = ""  # hedge as the value writes it, in front
    qual_after: str = ""  # 左右 / 以上 …, kept at the end of the value
    sign: str = ""
    fixed: str = ""  # the whole value, for dates, ranks, shares
    needs_year: str = ""  # a bare quarter or half ("Q2", "H1") waiting for its year

    def value(self) -> str:
        if self.fixed:
            return self.fixed
        body = f"{self.sign}{self.pre}{self.num}{self.scale}{self.unit}"
        q = self.qual_value
        if q and q[-1].isascii() and q[-1].isalpha():
            q += " "
        return f"{q}{body}{self.qual_after}"

    def unhedged(self) -> str:
        return f"{self.sign}{self.pre}{self.num}{self.scale}{self.unit}"


# --- text preparation ------------------------------------------------------------------

# Full-width ASCII forms read as ASCII (same length, so offsets hold); the full-width comma
# stays: it separates figures, it never groups digits.
_FOLD: Final = {c: chr(c - 0xFEE0) for c in range(0xFF01, 0xFF5F) if c != 0xFF0C}
_FOLD[0x3000] = " "

_CJK: Final = re.compile(r"[\u3400-\u9fff\uf900-\ufaff]")
_SENTENCE_END: Final = re.compile(r"[。！？!?\n]|\.(?=\s)")

_IDIOMS: Final = (
    "一蹴而就", "一举两得", "一石二鸟", "一心一意", "一五一十", "一干二净", "一清二楚", "一来二去",
    "独一无二", "三心二意", "三言两语", "三番两次", "三番五次", "三五成群", "三天两头", "三年五载",
    "接二连三", "丢三落四", "乱七八糟", "七上八下", "七嘴八舌", "五颜六色", "五花八门", "四面八方",
    "四分五裂", "六神无主", "九死一生", "九牛一毛", "十全十美", "十拿九稳", "十有八九", "千方百计",
    "千变万化", "千军万马", "千丝万缕", "千差万别", "千家万户", "万无一失", "万众一心", "百花齐放",
    "百发百中", "百尺竿头", "半斤八两", "两全其美", "一年一度", "一日千里", "一成不变", "一模一样",
    "一望无际", "一帆风顺", "一路顺风", "一刀切", "一把手", "一线城市", "二线城市", "三线城市",
    "万一", "统一", "唯一", "一方面", "一系列", "双十一", "双十二", "双11", "双12",
)

_URL: Final = re.compile(r"(?:https?://|www\.)[^\s<>\"'）)\]]+|(?<![\w.+-])[\w.+-]+@[\w-]+\.[\w.]+")
_MD_MARKER: Final = re.compile(r"(?m)^[ \t]*(?:#{1,6}[ \t]*)?\d+(?:\.\d+)*[.)](?=[ \t])|\[\^?\d+\]")
_STOCK: Final = re.compile(r"(?<![\d.])\d+\.(?:HK|SZ|SH|SS|US|TW|KS|T|O|N)\b|(?<![\d.,])0\d{3,}(?![\d.])")
_PHONE: Final = re.compile(r"\+\d[\d ()-]{8,}\d|(?<!\d)\d{3,4}-\d{7,8}(?!\d)")
_VERSION_ZH: Final = re.compile(r"(?<![\d.])\d+(?:\.\d+)*(?=\s?(?:版本|版|代|系列|型号))")


def _blocked(t: str) -> bytearray:
    """Characters that belong to URLs, names, codes, markers and idioms: no figure starts there."""
    mask = bytearray(len(t))

    def mark(s: int, e: int) -> None:
        mask[s:e] = b"\x01" * (e - s)

    for rx in (_URL, _MD_MARKER, _STOCK, _PHONE, _VERSION_ZH):
        for m in rx.finditer(t):
            mark(m.start(), m.end())
    for idiom in _IDIOMS:
        i = t.find(idiom)
        while i >= 0:
            mark(i, i + len(idiom))
            i = t.find(idiom, i + 1)
    return mask


# --- Chinese numerals --------------------------------------------------------------------

_ZH_DIGIT: Final = {"零": 0, "〇": 0, "一": 1, "二": 2, "两": 2, "三": 3, "四": 4, "五": 5,
                    "六": 6, "七": 7, "八": 8, "九": 9}
_ZH_UNIT: Final = {"十": 10, "百": 100, "千": 1000}
_ZH_RUN: Final = re.compile(r"[零〇一二两三四五六七八九十百千万亿]+")
_ZH_NUM: Final = r"[零〇一二两三四五六七八九十百千万亿]+"


def _zh_section(s: str) -> int | None:
    total, digit = 0, None
    for ch in s:
        if ch in "零〇":
            continue
        if ch in _ZH_DIGIT:
            if digit is not None:
                return None
            digit = _ZH_DIGIT[ch]
        elif ch in _ZH_UNIT:
            total += (1 if digit is None else digit) * _ZH_UNIT[ch]
            digit = None
        else:
            return None
    return total + (digit or 0)


def zh_number(run: str) -> int | None:
    """The value of a Chinese numeral (四, 二十, 四千五百万, 千亿, 万亿); None if malformed.

    A string of digit numerals (二〇二五) is read digit by digit, as years are written.
    """
    if not run or len(run) > MAX_NUMERAL_CHARS:
        return None
    if len(run) > 1 and all(c in _ZH_DIGIT for c in run):
        return int("".join(str(_ZH_DIGIT[c]) for c in run))
    for big, factor in (("亿", 10**8), ("万", 10**4)):
        if big in run:
            head, _, tail = run.partition(big)
            h = zh_number(head) if head else 1
            rest = zh_number(tail.lstrip("零〇")) if tail.lstrip("零〇") else 0
            if h is None or rest is None:
                return None
            if big == "万" and tail and "亿" in tail:
                return None
            return h * factor + rest
    return _zh_section(run)


def _zh_scaled(run: str, v: int) -> tuple[str, str]:
    """Split a numeral's value into number and scale as written: 千亿 -> ('1000', '亿')."""
    for scale, factor in (("万亿", 10**12), ("亿", 10**8), ("万", 10**4)):
        if run.endswith(scale) and v % factor == 0 and v >= factor:
            return str(v // factor), scale
    return str(v), ""


# --- units ----------------------------------------------------------------------------------

_ZH_UNITS: Final = sorted([
    ("元人民币", "money"), ("人民币", "money"), ("港元", "money"), ("港币", "money"), ("港幣", "money"),
    ("美元", "money"), ("美金", "money"), ("欧元", "money"), ("英镑", "money"), ("日元", "money"),
    ("元", "money"),
    ("个百分点", "percent"), ("百分点", "percent"), ("%", "percent"),
    ("倍", "multiple"),
    ("个小时", "duration"), ("小时", "duration"), ("分钟", "duration"), ("秒钟", "duration"),
    ("毫秒", "duration"), ("秒", "duration"), ("天", "duration"), ("日", "duration"),
    ("个星期", "duration"), ("星期", "duration"), ("周年", "count"), ("周", "duration"),
    ("个月", "duration"), ("年", "duration"), ("个季度", "duration"),
    ("平方公里", "measure"), ("平方米", "measure"), ("立方米", "measure"), ("公里", "measure"),
    ("千米", "measure"), ("厘米", "measure"), ("毫米", "measure"), ("米", "measure"),
    ("公斤", "measure"), ("千克", "measure"), ("吨", "measure"), ("克", "measure"),
    ("公顷", "measure"), ("亩", "measure"), ("千瓦时", "measure"), ("兆瓦时", "measure"),
    ("千瓦", "measure"), ("兆瓦", "measure"), ("吉瓦", "measure"), ("摄氏度", "measure"),
    ("℃", "measure"), ("毫升", "measure"), ("升", "measure"), ("桶", "measure"), ("斤", "measure"),
    ("人次", "count"),
], key=lambda u: -len(u[0]))
_ZH_UNIT_RX: Final = re.compile("|".join(re.escape(w) for w, _ in _ZH_UNITS))  # longest first
_ZH_UNIT_KIND: Final = dict(_ZH_UNITS)
# measure words: a numeral before one of these counts something
_ZH_MEASURE: Final = frozenset("个家次名位款项种条张部台件只头支所座层色类批轮期代届集份段"
                               "套组股篇本场枚颗架艘辆户人笔起例宗趟遍票帧首")
# words that begin with a measure character but are not one (4.0支持, 3家庭)
_MEASURE_FALSE_FRIENDS: Final = frozenset({
    "支持", "支付", "支出", "支撑", "支柱", "家庭", "家族", "家居", "个人", "个性", "个体", "位置",
    "部分", "名字", "名称", "名义", "名单", "条件", "条款", "项目", "种类", "场景", "期间", "期待",
    "期望", "本身", "本土", "本地", "股票", "股东", "股份", "股价", "人员", "人士", "人口", "人才",
    "人工", "人们", "组织", "组成", "组合", "首先", "首次", "首个", "起来", "起步", "例如", "段落",
    "批评", "批准", "层面", "层级", "类似", "类型", "代表", "代理", "集团", "集中", "份额", "笔记",
    "轮流", "户外", "届时", "座位", "头部", "只是", "只有", "只要", "所以", "所有", "所在", "票房",
    "台湾", "台阶", "色彩", "款式", "次要", "名额", "架构", "套餐", "宗旨", "场合", "场所", "帧率",
})
# with 一, only a duration or a frequency is a figure
_YI_UNITS: Final = frozenset({"个月", "年", "天", "周", "个星期", "星期", "小时", "个小时", "分钟", "秒",
                              "秒钟", "个季度", "次", "倍", "遍", "轮"})
_ZH_SCALES: Final = ("万亿", "千万", "百万", "十万", "亿", "万", "千")
_UNIT_WITH_SCALE_CHAR: Final = ("千米", "千克", "千瓦时", "千瓦", "百分点")
_NOT_AFTER_DAY: Final = re.compile(r"[\u3400-\u9fff](?<![内后前起间])")

_EN_SCALE: Final = re.compile(r"(?:\s?(thousand|million|billion|trillion)\b|(k|m|mn|bn|tn)\b|([KMBT])\b)")
_EN_UNIT_WORDS: Final = [  # (pattern, as the value writes it (None: as written), kind)
    (r"per\s?cent|percent|pct\b", "%", "percent"),
    (r"percentage[\s-]points?|pp\b|pts\b", "pp", "percent"),
    (r"times\b|-?fold\b", "x", "multiple"),
    (r"US dollars|dollars|yuan|euros?|yen\b|HKD|USD|CNY|RMB|EUR|GBP|JPY", None, "money"),
    (r"renminbi", "CNY", "money"),
    (r"seconds?|secs?\b|minutes?|mins?\b|hours?|hrs?\b|days?\b|weeks?|months?|years?|yrs?\b", None, "duration"),
]
_EN_UNIT: Final = [(re.compile(rf"(?i:{p})"), v, k) for p, v, k in _EN_UNIT_WORDS]
_PHYSICAL: Final = re.compile(
    r"(?:square|sq|cubic)\s+(?:metres?|meters?|kilometres?|kilometers?|km|m|feet|foot|ft|miles?|mi)\b"
    r"|degrees\s+(?:Celsius|Fahrenheit)\b|°[CF]|℃|℉|km/h|m/s"
    r"|(?:kilometres?|kilometers?|km|metres?|meters?|miles?|mph|kph|feet|ft|yards?|inches|cm|mm"
    r"|hectares?|acres?|litres?|liters?|barrels?|bbl|gallons?|tonnes?|tons?|kg|kilograms?|kilos?"
    r"|grams?|lbs?|pounds|ounces?|oz|kWh|MWh|GWh|TWh|kW|MW|GW|TW|watts?|megawatts?|gigawatts?)\b")
_EN_STOP: Final = frozenset({
    "is", "was", "has", "this", "its", "his", "as", "us", "plus", "less", "across", "unless", "thus",
    "whereas", "always", "perhaps", "various", "previous", "yes", "does", "goes", "towards", "afterwards",
    "besides", "sometimes", "mins", "hrs", "yrs", "secs", "pts", "percents", "times", "years", "months",
    "weeks", "days", "hours", "minutes", "seconds", "dollars", "euros", "pounds",
})
_COUNT_WORD: Final = re.compile(r" ([a-z]{3,})\b")
_EN_COUNT_IRREGULAR: Final = frozenset({"people", "staff", "children", "men", "women", "personnel", "police"})
_ATTACHED_OK: Final = frozenset({"k", "m", "mn", "bn", "tn", "st", "nd", "rd", "th", "x", "pp", "km", "cm", "mm",
                                 "kg", "mph", "kph", "h", "hr", "hrs", "min", "mins", "ms", "kwh", "mwh", "gwh",
                                 "twh", "kw", "mw", "gw", "tw", "ft", "mi", "yd", "lb", "lbs", "oz", "bbl", "pts",
                                 "yrs", "yr", "sec", "secs", "s", "g", "t", "ha", "l", "ml"})

_CURRENCY_BEFORE: Final = re.compile(r"(?:US\$|HK\$|NT\$|NZ\$|S\$|A\$|C\$|R\$|\$|¥|￥|€|£"
                                     r"|(?<![A-Za-z])(?:RMB|USD|HKD|CNY|EUR|GBP|JPY))\s?$")

# --- hedges ------------------------------------------------------------------------------------

_HEDGE_BEFORE: Final = sorted([  # (as written, as a value writes it)
    ("不少于", "不少于"), ("不低于", "不低于"), ("不超过", "不超过"), ("超过", "超过"), ("突破", "突破"),
    ("至少", "至少"), ("最多", "最多"), ("不到", "不到"), ("不足", "不足"), ("低于", "低于"), ("高于", "高于"),
    ("多于", "多于"), ("少于", "少于"), ("大约", "大约"), ("约为", "约为"), ("大概", "大概"), ("将近", "将近"),
    ("接近", "接近"), ("约", "约"), ("超", "超"), ("逾", "逾"), ("近", "近"),
    ("more than", "more than"), ("at least", "at least"), ("no less than", "no less than"),
    ("no fewer than", "no fewer than"), ("at most", "at most"), ("up to", "up to"),
    ("no more than", "no more than"), ("less than", "less than"), ("fewer than", "fewer than"),
    ("just under", "just under"), ("just over", "over"), ("well over", "over"), ("upwards of", "over"),
    ("in excess of", "over"), ("north of", "over"), ("close to", "nearly"), ("nearly", "nearly"),
    ("almost", "almost"), ("about", "about"), ("around", "around"), ("roughly", "roughly"),
    ("approximately", "approximately"), ("some", "some"), ("over", "over"), ("above", "above"),
    ("exceeding", "exceeding"), ("well under", "under"), ("under", "under"), ("below", "below"),
    (">=", ">="), ("<=", "<="), ("≥", ">="), ("≤", "<="), (">", ">"), ("<", "<"), ("~", "~"), ("≈", "~"),
], key=lambda h: -len(h[0]))
_HEDGE_VALUE: Final = {w: v for w, v in _HEDGE_BEFORE}
_HEDGE_RX: Final = re.compile("(?:" + "|".join(
    rf"(?<![A-Za-z])(?i:{re.escape(w)})" if w[0].isascii() and w[0].isalpha() else re.escape(w)
    for w, _ in _HEDGE_BEFORE) + r")\s?$")
_HEDGE_LAST: Final = frozenset(w[-1].lower() for w, _ in _HEDGE_BEFORE)
# a hedge glued to the end of a longer word is that word, not a hedge (最近, 附近, 合约, 赶超)
_HEDGE_WORD_ENDS: Final = {"近": "最附亲靠贴临", "约": "合契签预节制邀婚条公", "超": "赶高", "逾": ""}
_HEDGE_AFTER: Final = [  # (pattern, as written group, value prefix, value suffix)
    (re.compile(r"\s?(左右|上下(?![游文班级])|以上|以下)"), "", ""),
    (re.compile(r"\s(or more)\b"), "at least", ""),
    (re.compile(r"\s(or so)\b"), "about", ""),
    (re.compile(r"(-plus\b|\+)"), "at least", ""),
]


def _hedge_applies(t: str, c: _Cand, s: int, word: str) -> bool:
    prev = t[s - 1: s]
    if word in _HEDGE_WORD_ENDS and prev and prev in _HEDGE_WORD_ENDS[word]:
        return False  # 最近, 合约, 赶超
    if not word[0].isalnum() and not _CJK.match(word) and (prev.isalnum() or prev == "%"):
        return False  # 3~5: a range, not a hedge
    return not (word == "近" and c.kind == "duration")  # 近三年: the last three years


def _hedge(t: str, c: _Cand) -> _Cand:
    """Attach the hedge written before or after the figure."""
    if c.kind in ("date", "time"):
        return c
    before = t[max(0, c.start - 2): c.start].rstrip()[-1:].lower()
    m = _HEDGE_RX.search(t, max(0, c.start - 16), c.start) if before and before in _HEDGE_LAST else None
    if m and _hedge_applies(t, c, m.start(), m.group(0).rstrip()):
        word = m.group(0).rstrip()
        return replace(c, start=m.start(), qual=word, qual_value=_HEDGE_VALUE[word.lower()])
    for rx, prefix, _ in _HEDGE_AFTER:
        m = rx.match(t, c.end)
        if m:
            written = m.group(1)
            if prefix:
                if c.qual:
                    return c
                return replace(c, end=m.end(), qual=written, qual_value=prefix)
            return replace(c, end=m.end(), qual=c.qual or written, qual_after=written)
    return c


# --- finders ---------------------------------------------------------------------------------

Finder = Callable[[str], Iterator[_Cand]]


def _date_cand(m: re.Match[str], value: str, needs_year: str = "") -> _Cand:
    return _Cand(m.start(), m.end(), "date", (m.start(), m.end()), fixed=value, needs_year=needs_year)


def _valid(y: int, mo: int = 1, d: int = 1) -> bool:
    try:
        _dt.date(y, mo, d)
    except ValueError:
        return False
    return 1800 <= y <= 2199


_ZH_Q: Final = {"一": 1, "二": 2, "三": 3, "四": 4, "1": 1, "2": 2, "3": 3, "4": 4}
_MONTHS: Final = {m: i + 1 for i, names in enumerate([
    ("january", "jan"), ("february", "feb"), ("march", "mar"), ("april", "apr"), ("may",), ("june", "jun"),
    ("july", "jul"), ("august", "aug"), ("september", "sep", "sept"), ("october", "oct"),
    ("november", "nov"), ("december", "dec")]) for m in names}
_MONTH_RX: Final = (r"(January|February|March|April|May|June|July|August|September|October|November|December"
                    r"|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept|Sep|Oct|Nov|Dec)\.?")
_EN_ORD_WORD: Final = {"first": 1, "second": 2, "third": 3, "fourth": 4, "1st": 1, "2nd": 2, "3rd": 3, "4th": 4}

_DateReader = Callable[[re.Match[str]], tuple[str, str] | None]
_DATE_FORMS: Final[list[tuple[re.Pattern[str], _DateReader]]] = []


def _date_form(pattern: str) -> Callable[[_DateReader], _DateReader]:
    def register(fn: _DateReader) -> _DateReader:
        _DATE_FORMS.append((re.compile(pattern), fn))
        return fn
    return register


def _day(y: str, mo: str, d: str) -> tuple[str, str] | None:
    return (f"{int(y):04d}-{int(mo):02d}-{int(d):02d}", "") if _valid(int(y), int(mo), int(d)) else None


def _month(y: str, mo: str) -> tuple[str, str] | None:
    return (f"{int(y):04d}-{int(mo):02d}", "") if _valid(int(y), int(mo)) else None


@_date_form(r"(?<![\d.])(\d{4})\s?年\s?(\d{1,2})\s?月\s?(\d{1,2})\s?[日号](?!\d)")
def _zh_day(m: re.Match[str]) -> tuple[str, str] | None:
    return _day(m[1], m[2], m[3])


@_date_form(r"(?<![\d.])(\d{4})\s?年\s?(\d{1,2})\s?月份?(?![\d个])")
def _zh_month(m: re.Match[str]) -> tuple[str, str] | None:
    return _month(m[1], m[2])


@_date_form(r"(?<![\d.])(\d{4})\s?年?\s?(?:第\s?([一二三四1-4])\s?季度?|[Qq]([1-4]))(?!\d)")
def _zh_quarter(m: re.Match[str]) -> tuple[str, str] | None:
    n = _ZH_Q[m[2] or m[3]]
    return (f"{m[1]}Q{n}", "") if _valid(int(m[1])) else None


@_date_form(r"(?<![\d.])(\d{4})\s?年\s?([上下])半年")
def _zh_half(m: re.Match[str]) -> tuple[str, str] | None:
    return (f"{m[1]}H{1 if m[2] == '上' else 2}", "") if _valid(int(m[1])) else None


@_date_form(r"(?<![\d.])(\d{4})\s?(?:年度|财年|财政年度|年)")
def _zh_year(m: re.Match[str]) -> tuple[str, str] | None:
    return (m[1], "") if _valid(int(m[1])) else None


@_date_form(r"([〇零一二三四五六七八九]{4})年")
def _zh_numeral_year(m: re.Match[str]) -> tuple[str, str] | None:
    y = zh_number(m[1])
    return (str(y), "") if y is not None and _valid(y) else None


@_date_form(r"(?<![\d年])第\s?([一二三四1-4])\s?季度")
def _zh_bare_quarter(m: re.Match[str]) -> tuple[str, str] | None:
    return "", f"Q{_ZH_Q[m[1]]}"


@_date_form(r"(?<![\d.年])(\d{1,2})\s?月\s?(\d{1,2})\s?[日号](?!\d)")
def _zh_bare_day(m: re.Match[str]) -> tuple[str, str] | None:
    ok = _valid(2000, int(m[1]), int(m[2]))
    return (f"--{int(m[1]):02d}-{int(m[2]):02d}", "") if ok else None


@_date_form(r"(?<![\d.年])(\d{1,2})\s?月(?!份?\s?\d)")
def _zh_bare_month(m: re.Match[str]) -> tuple[str, str] | None:
    return (f"--{int(m[1]):02d}", "") if 1 <= int(m[1]) <= 12 else None


@_date_form(r"(?<![\d.-])(\d{4})([-/.])(\d{1,2})\2(\d{1,2})(?![\d.])")
def _iso_day(m: re.Match[str]) -> tuple[str, str] | None:
    return _day(m[1], m[3], m[4])


@_date_form(r"(?<![\d.-])(\d{4})-(\d{2})(?![\d-])")
def _iso_month(m: re.Match[str]) -> tuple[str, str] | None:
    return _month(m[1], m[2])


@_date_form(rf"\b{_MONTH_RX}\s+(\d{{1,2}})(?:st|nd|rd|th)?,?\s+(\d{{4}})\b")
def _en_mdy(m: re.Match[str]) -> tuple[str, str] | None:
    return _day(m[3], str(_MONTHS[m[1].lower()]), m[2])


@_date_form(rf"\b(\d{{1,2}})(?:st|nd|rd|th)?\s+(?:of\s+)?{_MONTH_RX},?\s+(\d{{4}})\b")
def _en_dmy(m: re.Match[str]) -> tuple[str, str] | None:
    return _day(m[3], str(_MONTHS[m[2].lower()]), m[1])


@_date_form(rf"\b{_MONTH_RX},?\s+(\d{{4}})\b")
def _en_month(m: re.Match[str]) -> tuple[str, str] | None:
    return _month(m[2], str(_MONTHS[m[1].lower()]))


@_date_form(rf"\b{_MONTH_RX}\s+(\d{{1,2}})(?:st|nd|rd|th)?\b(?![,.]?\d)")
def _en_md(m: re.Match[str]) -> tuple[str, str] | None:
    mo = _MONTHS[m[1].lower()]
    return (f"--{mo:02d}-{int(m[2]):02d}", "") if _valid(2000, mo, int(m[2])) else None


@_date_form(r"\b[Qq]([1-4])\s?(?:FY\s?)?(\d{4})\b|\b(\d{4})\s?[Qq]([1-4])\b")
def _en_quarter(m: re.Match[str]) -> tuple[str, str] | None:
    y, n = (m[2], m[1]) if m[1] else (m[3], m[4])
    return (f"{y}Q{n}", "") if _valid(int(y)) else None


@_date_form(r"(?i)\b(first|second|third|fourth|1st|2nd|3rd|4th)[\s-]quarter(?:\s+of)?,?\s+(\d{4})\b")
def _en_quarter_words(m: re.Match[str]) -> tuple[str, str] | None:
    return (f"{m[2]}Q{_EN_ORD_WORD[m[1].lower()]}", "") if _valid(int(m[2])) else None


@_date_form(r"\b[Hh]([12])\s?(\d{4})\b|\b(\d{4})\s?[Hh]([12])\b")
def _en_half(m: re.Match[str]) -> tuple[str, str] | None:
    y, n = (m[2], m[1]) if m[1] else (m[3], m[4])
    return (f"{y}H{n}", "") if _valid(int(y)) else None


@_date_form(r"(?i)\b(first|second)\s+half(?:\s+of)?,?\s+(\d{4})\b")
def _en_half_words(m: re.Match[str]) -> tuple[str, str] | None:
    return (f"{m[2]}H{_EN_ORD_WORD[m[1].lower()]}", "") if _valid(int(m[2])) else None


@_date_form(r"\b(?:[Ff]iscal(?:\s+year)?|FY)\s?(\d{4})\b")
def _en_fiscal(m: re.Match[str]) -> tuple[str, str] | None:
    return (m[1], "") if _valid(int(m[1])) else None


@_date_form(r"\b[Qq]([1-4])\b(?!\s?(?:FY\s?)?\d)")
def _en_bare_quarter(m: re.Match[str]) -> tuple[str, str] | None:
    return "", f"Q{m[1]}"


_TIME: Final = re.compile(r"(?<![\d:.])([01]?\d|2[0-3]):([0-5]\d)(?::[0-5]\d)?(?![\d:])")


def _dates(t: str) -> Iterator[_Cand]:
    for rx, read in _DATE_FORMS:
        for m in rx.finditer(t):
            got = read(m)
            if got is not None:
                yield _date_cand(m, got[0], got[1])
    for m in _TIME.finditer(t):
        yield _Cand(m.start(), m.end(), "time", (m.start(), m.end()), fixed=m.group(0))


_RANK_BEFORE: Final = re.compile(r"(?:排名|排行|排在|排|位列|位居|名列|跃居|升至|升到|降至|降到|跌至|跌到"
                                 r"|列|居|位于|跻身|进入|挤进|杀入|冲进|闯入|稳居)\s?$")
_RANK_AFTER: Final = frozenset("大高低多少强名位")
_ZH_ORDINAL: Final = re.compile(rf"第\s?(\d{{1,6}}|{_ZH_NUM})(?!\d)")
_ZH_TOP: Final = re.compile(r"前\s?(\d{1,6}|[一二两三四五六七八九十百]+)(?=\s?[名强位大]|[^\d\u3400-\u9fff]|$)")
_EN_ORDINAL: Final = re.compile(r"(?<![\w.])(\d{1,6})(st|nd|rd|th)\b")
_EN_ORD_SUPER: Final = re.compile(
    r"(?i)\b(first|second|third|fourth|fifth|sixth|seventh|eighth|ninth|tenth)[\s-]"
    r"(?=(?:largest|biggest|smallest|highest|lowest|most|least|fastest|busiest|richest|poorest|place|ranked)\b)")
_EN_ORD_N: Final = {"first": 1, "second": 2, "third": 3, "fourth": 4, "fifth": 5, "sixth": 6, "seventh": 7,
                    "eighth": 8, "ninth": 9, "tenth": 10}
_EN_TOP: Final = re.compile(r"\b[Tt]op[\s-](\d{1,6}|ten|five|three|twenty|fifty|hundred)\b")
_EN_SMALL: Final = {"three": 3, "five": 5, "ten": 10, "twenty": 20, "fifty": 50, "hundred": 100}


def _ordinal_suffix(n: int) -> str:
    if 10 <= n % 100 <= 20:
        return "th"
    return {1: "st", 2: "nd", 3: "rd"}.get(n % 10, "th")


def _ranks(t: str) -> Iterator[_Cand]:
    for m in _ZH_ORDINAL.finditer(t):
        n = int(m[1]) if m[1].isdigit() else zh_number(m[1])
        after = t[m.end(): m.end() + 2]
        if n is None or after.startswith("季"):
            continue
        if after[:1] in _RANK_AFTER or _RANK_BEFORE.search(t[max(0, m.start() - 4): m.start()]):
            yield _Cand(m.start(), m.end(), "rank", m.span(1), fixed=f"第{n}", unit_name="rank")
    for m in _ZH_TOP.finditer(t):
        n = int(m[1]) if m[1].isdigit() else zh_number(m[1])
        after = t[m.end(): m.end() + 1]
        ranked = bool(_RANK_BEFORE.search(t[max(0, m.start() - 4): m.start()])) or after in ("名", "强", "位")
        if n is not None and ranked and not t.startswith("季度", m.end()):
            end = m.end() + (1 if after in ("名", "强", "位") else 0)
            yield _Cand(m.start(), end, "rank", m.span(1), fixed=f"<=第{n}", qual="前", unit_name="rank")
    for m in _EN_ORDINAL.finditer(t):
        yield _Cand(m.start(), m.end(), "rank", m.span(1), fixed=m.group(0), unit_name="rank")
    for m in _EN_ORD_SUPER.finditer(t):
        n = _EN_ORD_N[m[1].lower()]
        yield _Cand(m.start(), m.start() + len(m[1]), "rank", m.span(1), fixed=f"{n}{_ordinal_suffix(n)}",
                    unit_name="rank")
    for m in _EN_TOP.finditer(t):
        n = int(m[1]) if m[1].isdigit() else _EN_SMALL[m[1].lower()]
        yield _Cand(m.start(), m.end(), "rank", m.span(1), fixed=f"<={n}{_ordinal_suffix(n)}", qual="top",
                    unit_name="rank")


def _pct(x: Fraction) -> str:
    v = x * 100
    if v.denominator == 1:
        return f"{v.numerator}%"
    return f"{float(v):.1f}%"


_ZH_PERCENT: Final = re.compile(r"百分之\s?([零一二两三四五六七八九十百]{1,6}(?:点[零一二三四五六七八九]{1,6})?"
                                r"|\d{1,6}(?:\.\d{1,6})?)(?![\d.])")
_ZH_FRACTION: Final = re.compile(r"([一二两三四五六七八九十]{1,4}|\d{1,6})\s?分之"
                                 r"\s?([一二两三四五六七八九十]{1,4}|\d{1,6})(?!\d)")
_ZH_TENTHS: Final = re.compile(r"(?<![零〇一二两三四五六七八九十百千万亿\d])([二三四五六七八九]|\d)成"
                               r"(?![为功本员立长熟都果交绩效型就了品])")
_ZH_HALF: Final = re.compile(r"一半|半数")
_EN_NUMWORD: Final = (r"one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|twenty|thirty|forty"
                      r"|fifty|sixty|seventy|eighty|ninety|hundred")
_EN_SHARE: Final = re.compile(rf"(?i)\b(\d{{1,6}}|{_EN_NUMWORD})\s+(?:in|out\s+of|of\s+every)"
                              rf"\s+(\d{{1,6}}|{_EN_NUMWORD})\b")
_EN_FRACTION: Final = re.compile(
    r"(?i)\b(half|a\s+third|one[\s-]third|two[\s-]thirds|a\s+quarter|one[\s-]quarter|three[\s-]quarters"
    r"|a\s+fifth|one[\s-]fifth)(?=\s+(?:of|the)\b)")
_EN_FRACTION_VALUE: Final = {"half": Fraction(1, 2), "third": Fraction(1, 3), "thirds": Fraction(2, 3),
                             "quarter": Fraction(1, 4), "quarters": Fraction(3, 4), "fifth": Fraction(1, 5)}
_EN_SMALL_WORDS: Final = {"one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8,
                          "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "twenty": 20, "thirty": 30,
                          "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70, "eighty": 80, "ninety": 90,
                          "hundred": 100}


def _zh_decimal(s: str) -> Fraction | None:
    whole, _, frac = s.partition("点")
    w = zh_number(whole) if not whole.isdigit() else int(whole)
    if w is None:
        return None
    if not frac:
        return Fraction(w)
    return Fraction(f"{w}.{''.join(str(_ZH_DIGIT[c]) for c in frac)}")


def _shares(t: str) -> Iterator[_Cand]:
    def share(m: re.Match[str], x: Fraction) -> _Cand:
        value = _pct(x)
        return _hedge(t, _Cand(m.start(), m.end(), "percent", m.span(), num=value[:-1], unit="%", unit_name="%"))

    for m in _ZH_PERCENT.finditer(t):
        v = Fraction(m[1]) if m[1][0].isdigit() else _zh_decimal(m[1])
        if v is not None:
            yield share(m, v / 100)
    for m in _ZH_FRACTION.finditer(t):
        den = int(m[1]) if m[1].isdigit() else zh_number(m[1])
        num = int(m[2]) if m[2].isdigit() else zh_number(m[2])
        if den and num is not None and num <= den:
            yield share(m, Fraction(num, den))
    for m in _ZH_TENTHS.finditer(t):
        n = int(m[1]) if m[1].isdigit() else _ZH_DIGIT[m[1]]
        yield share(m, Fraction(n, 10))
    for m in _ZH_HALF.finditer(t):
        yield share(m, Fraction(1, 2))
    for m in _EN_SHARE.finditer(t):
        a = int(m[1]) if m[1].isdigit() else _EN_SMALL_WORDS[m[1].lower()]
        b = int(m[2]) if m[2].isdigit() else _EN_SMALL_WORDS[m[2].lower()]
        if 0 < a <= b <= 1000 and b > 1:
            yield share(m, Fraction(a, b))
    for m in _EN_FRACTION.finditer(t):
        words = m[1].lower().split()
        last = re.split(r"[\s-]", m[1].lower())[-1]
        v = _EN_FRACTION_VALUE[last]
        if words[0] in ("a", "one") or ("-" in m[1] and m[1].lower().startswith("one")):
            v = Fraction(1, v.denominator)
        yield share(m, v)


_EN_MULTIPLE: Final = re.compile(r"(?i)\b(doubled|doubling|tripled|tripling|trebled|quadrupled|halved|halving"
                                 r"|twice(?=\s+(?:as|the)\b)|(two|three|four|five|six|seven|eight|nine|ten)-?fold)\b")
_ZH_MULTIPLE: Final = re.compile(r"翻了?一番|翻了?两番|翻倍|翻番|减半")
_MULTIPLE_OF: Final = {"doubled": "2", "doubling": "2", "twice": "2", "tripled": "3", "tripling": "3",
                       "trebled": "3", "quadrupled": "4", "halved": "0.5", "halving": "0.5"}


def _multiples(t: str) -> Iterator[_Cand]:
    for m in _EN_MULTIPLE.finditer(t):
        word = m[1].lower()
        n = str(_EN_SMALL_WORDS[m[2].lower()]) if m[2] else _MULTIPLE_OF[word]
        yield _Cand(m.start(), m.end(), "multiple", m.span(), num=n, unit="x", unit_name="x")
    for m in _ZH_MULTIPLE.finditer(t):
        n = {"两": "4", "减": "0.5"}.get(m.group(0)[-2] if "两" in m.group(0) else m.group(0)[0], "2")
        yield _Cand(m.start(), m.end(), "multiple", m.span(), num=n, unit="倍", unit_name="倍")


# --- numbers in digits --------------------------------------------------------------------------

_DIGITS: Final = re.compile(r"(?<![0-9A-Za-z_])(?<!\d[.,])(?<![A-Za-z]\.)(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?(?![0-9])")
_PROSE_BEFORE: Final = frozenset("在为达至到是约超近仅剩有增降涨跌长了的由从和与及或比于占"
                                 "逾破过共计合值量率额至余多少高低等每")
_NAME_WORD: Final = re.compile(r"(?:^|[^A-Za-z])([A-Z][A-Za-z]*|[A-Z]{2,})[ -]$")
_NAME_STOP: Final = frozenset({
    "In", "On", "By", "Since", "From", "Until", "To", "At", "Of", "For", "With", "And", "But", "Or", "The", "Only",
    "Just", "Some", "Over", "Under", "About", "Around", "Nearly", "Almost", "Roughly", "Than", "Those", "These",
    "Its", "Their", "Last", "Next", "Top", "After", "Before", "During", "Between", "Up", "Down", "Another",
    "All", "Every", "Each", "Per", "As", "Approximately", "Above", "Below", "Fewer", "Less", "More",
    "Most", "Least", "When", "While", "Within", "Through", "Via", "Q", "H", "FY",
    "USD", "HKD", "CNY", "RMB", "EUR", "GBP", "JPY", "US", "HK", "I", "A", "An", "It", "We", "They", "He", "She",
} | {m.capitalize() for m in _MONTHS} | {m.upper() for m in _MONTHS})


def _zh_unit_at(t: str, p: int) -> tuple[str, str] | None:
    um = _ZH_UNIT_RX.match(t, p)
    if um:
        word = um.group(0)
        if word == "日" and _NOT_AFTER_DAY.match(t, p + 1):
            return None  # 4亿日活用户: 日活 is a word
        return word, _ZH_UNIT_KIND[word]
    ch = t[p: p + 1]
    if ch and ch in _ZH_MEASURE and t[p: p + 2] not in _MEASURE_FALSE_FRIENDS:
        return ch, "count"
    return None


def _en_unit_at(t: str, p: int) -> tuple[str, str, str, int] | None:
    """(value text, unit name, kind, end) of an English unit at p (after an optional space or hyphen)."""
    q = p + 1 if t[p: p + 1] in (" ", "-") else p
    if t.startswith("%", p):
        return "%", "%", "percent", p + 1
    for rx, value, kind in _EN_UNIT:
        um = rx.match(t, q)
        if um and (um.end() == len(t) or not t[um.end()].isalpha()):
            written = um.group(0).lstrip("-")
            if value == "x" and written.lower() == "x" and q != p:
                continue
            shown = value if value is not None else (" " + written)
            return shown, value or written, kind, um.end()
    if t.startswith("x", p) and not t[p + 1: p + 2].isalpha():
        return "x", "x", "multiple", p + 1
    pm = _PHYSICAL.match(t, q)
    if pm:
        return " " + pm.group(0), pm.group(0), "measure", pm.end()
    wm = _COUNT_WORD.match(t, p)
    if wm:
        w = wm.group(1)
        if w in _EN_COUNT_IRREGULAR or (w.endswith("s") and not w.endswith(("ss", "us", "is")) and w not in _EN_STOP):
            return " " + w, w, "count", wm.end()
    return None


def _digit_quantities(t: str) -> Iterator[_Cand]:
    for m in _DIGITS.finditer(t):
        c = _digit_quantity(t, m)
        if c is not None:
            yield _hedge(t, c)


def _attached_letters_ok(t: str, m: re.Match[str], currency: bool) -> bool:
    lm = _WORD.match(t, m.end())
    if not lm:
        return True
    letters = lm.group(0)
    if letters.lower() in _ATTACHED_OK and (
            letters.islower() or letters in ("kWh", "MWh", "GWh", "TWh", "kW", "MW", "GW", "TW")):
        return True
    return currency and letters in ("K", "M", "B", "T", "BN", "MN", "TN")


@dataclass(frozen=True, slots=True)
class _After:
    """What follows a number: hedge word (多), scale, unit."""

    end: int
    qual: str = ""
    qual_value: str = ""
    scale: str = ""
    unit: str = ""
    unit_name: str = ""
    kind: str = ""


def _after_number(t: str, e: int, num: str, currency: bool) -> _After:
    p, qual, qual_value, scale = e, "", "", ""
    if t.startswith(("多", "余"), p) and "." not in num and (t[p + 1: p + 2] in ("万", "亿", "千", "百")
                                                          or _zh_unit_at(t, p + 1)):
        qual, qual_value, p = t[p], "超过", p + 1  # 100多万: over a million
    if not t.startswith(_UNIT_WITH_SCALE_CHAR, p):
        scale = next((sc for sc in _ZH_SCALES if t.startswith(sc, p)), "")
        p += len(scale)
    if not scale:
        sm = _EN_SCALE.match(t, p)
        if sm and (sm.group(1) or sm.group(2) or currency):
            word = sm.group(1) or sm.group(2) or {"K": "k", "M": "m", "B": "bn", "T": "tn"}[sm.group(3)]
            scale, p = (" " + word if sm.group(1) else word), sm.end()
    zu = _zh_unit_at(t, p)
    if zu is not None:
        return _After(p + len(zu[0]), qual, qual_value, scale, zu[0], zu[0], zu[1])
    eu = _en_unit_at(t, p)
    if eu is not None:
        return _After(eu[3], qual, qual_value, scale, eu[0], eu[1], eu[2])
    return _After(p, qual, qual_value, scale)


def _digit_quantity(t: str, m: re.Match[str]) -> _Cand | None:
    s, e = m.span()
    num = m.group(0)
    pm = _CURRENCY_BEFORE.search(t, max(0, s - 4), s)
    pre = pm.group(0).rstrip() if pm else ""
    start = pm.start() if pm else s
    if not _attached_letters_ok(t, m, bool(pre)):
        return None  # 3D, 5G, 4K, 1990s
    sign = ""
    before, two = t[start - 1: start], t[start - 2: start - 1]
    if before in ("-", "−", "+") and not (two.isascii() and two.isalnum()) and two not in ("%", ")") \
            and not _ZH_RUN.match(two):
        sign, start = ("+" if before == "+" else "-"), start - 1
    a = _after_number(t, e, num, bool(pre))
    if a.kind == "count" and len(a.unit) == 1 and not a.scale and "." in num:
        a = _After(e)  # 文心一言4.0支持: a version, not 4.0 of something
    kind = "money" if pre else a.kind
    if not kind:
        if _is_name_number(t, s, num, a.scale, a.qual):
            return None
        if _is_year(t, s, num, a.scale, a.qual):
            return _Cand(s, e, "date", (s, e), fixed=num)
        kind = "number"
    return _Cand(start, a.end, kind, (s, e), num=num, pre=pre + (" " if pre and pre[-1].isalpha() else ""),
                 scale=a.scale, unit=a.unit, unit_name=a.unit_name or pre, qual=a.qual, qual_value=a.qual_value,
                 sign=sign)


def _is_name_number(t: str, s: int, num: str, scale: str, qual: str) -> bool:
    """Veo 3, GPT-4, 可灵2.6, 文心一言4.0: a name or a version, not a figure."""
    if scale or qual:
        return False
    nm = _NAME_WORD.search(t[max(0, s - 24): s])
    if nm and nm.group(1) not in _NAME_STOP:
        return True
    prev = t[s - 1: s]
    return "." in num and bool(_CJK.match(prev)) and prev not in _PROSE_BEFORE


def _is_year(t: str, s: int, num: str, scale: str, qual: str) -> bool:
    """A bare 4-digit year in English prose ("in 2021"); Chinese writes years with 年."""
    if scale or qual or len(num) != 4 or not num.isdigit() or not 1800 <= int(num) <= 2199:
        return False
    i = s - 1
    while i >= 0 and t[i].isspace():
        i -= 1
    return i < 0 or not _CJK.match(t[i])


# --- Chinese numerals ------------------------------------------------------------------------

_YI_WORD_BEFORE: Final = frozenset("唯统之万单同逐专第划")
_YI_NOT_AFTER: Final = frozenset("是这那又再每有某哪同")
_ZH_ADVERB_AFTER: Final = frozenset("不别要莫勿")


def _zh_quantities(t: str) -> Iterator[_Cand]:
    for m in _ZH_RUN.finditer(t):
        c = _zh_quantity(t, m.group(0), m.start(), m.end())
        if c is not None:
            yield _hedge(t, c)


def _zh_quantity(t: str, run: str, s: int, e: int) -> _Cand | None:
    prev = t[s - 1: s]
    if prev in ("第", "数", "几"):
        return None  # ordinals, vague numbers (数十, 几百)
    if prev in ("周", "期", "拜") and len(run) == 1 and _zh_unit_at(t, e) is None:
        return None  # weekdays (周三发布); 每周三次 is a count
    if run[0] in "万亿" and run != "万亿":
        return None  # 亿万, 万一
    if len(run) > 1 and all(ch in _ZH_DIGIT for ch in run):
        return None  # digit strings are years, read by the date finder
    if run in ("千万", "万万") and t[e: e + 1] in _ZH_ADVERB_AFTER:
        return None  # 千万不要: "by all means"
    v = zh_number("1" + run if run == "万亿" else run) if run != "万亿" else 10**12
    if v is None:
        return None
    p = e
    qual, qual_value = "", ""
    if t.startswith("几", p):
        return None  # 十几, 二十几
    if t.startswith(("多", "余"), p) and run[-1] in "十百千万亿":
        qual, qual_value, p = t[p], "超过", p + 1
    unit_kind = _zh_unit_at(t, p)
    num, scale = _zh_scaled(run, v)
    if unit_kind is None:
        if not any(ch in run for ch in "万亿") and not (run[-1] in "百千" and run[0] in _ZH_DIGIT):
            return None  # bare numerals: 一是, 三是, 双雄
        return _Cand(s, p, "number", (s, e), num=num, scale=scale, qual=qual, qual_value=qual_value)
    unit, kind = unit_kind
    if run == "一":
        if unit not in _YI_UNITS or prev in _YI_WORD_BEFORE or prev in _YI_NOT_AFTER:
            return None
        if unit == "次" and t.startswith("性", p + 1):
            return None  # 一次性: one-off
    if run == "二" and kind == "count":
        return None  # 二次创作, 二手: "second(ary)"
    return _Cand(s, p + len(unit), kind, (s, e), num=num, scale=scale, unit=unit, unit_name=unit,
                 qual=qual, qual_value=qual_value)


# --- English number words ----------------------------------------------------------------------

_EN_ONES: Final = {"zero": 0, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
                   "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14,
                   "fifteen": 15, "sixteen": 16, "seventeen": 17, "eighteen": 18, "nineteen": 19}
_EN_TENS: Final = {"twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70,
                   "eighty": 80, "ninety": 90}
_EN_BIG: Final = {"thousand": 10**3, "million": 10**6, "billion": 10**9, "trillion": 10**12}
_WORD: Final = re.compile(r"[A-Za-z]+")


def _en_words(t: str) -> Iterator[_Cand]:
    words = [(m.start(), m.end(), m.group(0)) for m in _WORD.finditer(t)]
    i = 0
    while i < len(words):
        got = _en_phrase(t, words, i)
        if got is None:
            i += 1
            continue
        c, i = got
        yield _hedge(t, c)


def _joined(t: str, a: tuple[int, int, str], b: tuple[int, int, str]) -> bool:
    return t[a[1]: b[0]] in (" ", "-")


def _en_phrase(t: str, words: list[tuple[int, int, str]], i: int) -> tuple[_Cand, int] | None:
    s, _, first = words[i]
    low = first.lower()
    if low not in _EN_ONES and low not in _EN_TENS and low not in ("a", "an"):
        return None
    total, current, j, last = 0, 0, i, ""
    big_word, scale_at = "", -1
    while j < len(words):
        w = words[j][2].lower()
        if j > i and not _joined(t, words[j - 1], words[j]):
            break
        if w in ("a", "an") and j == i:
            current, last = 1, "a"
        elif w in _EN_ONES and last in ("", "tens", "hundred", "big", "and"):
            if last == "tens" and _EN_ONES[w] >= 10:
                break
            current += _EN_ONES[w]
            last = "ones"
        elif w in _EN_TENS and last in ("", "hundred", "big", "and"):
            current += _EN_TENS[w]
            last = "tens"
        elif w == "hundred" and last in ("ones", "a"):
            current *= 100
            last = "hundred"
        elif w in _EN_BIG and last in ("ones", "tens", "hundred", "a"):
            if big_word:
                total += current * _EN_BIG[w]
            else:
                big_word, scale_at = words[j][2], total
                total += current * _EN_BIG[w]
            current, last = 0, "big"
        elif w == "and" and last == "hundred":
            last = "and"
        else:
            break
        j += 1
    if last in ("a", "and", ""):
        return None
    if last == "and":
        j -= 1
    end = words[j - 1][1]
    n_words = j - i
    if _capitalised_name(t, words, i):
        return None
    if big_word and last == "big" and scale_at == 0 and total % _EN_BIG[big_word.lower()] == 0:
        num, scale = str(total // _EN_BIG[big_word.lower()]), " " + big_word
    else:
        num, scale = str(total + current), ""
    unit = _en_unit_at(t, end)
    value_one = num == "1" and not scale
    if unit is None:
        if value_one or low in ("a", "an"):
            return None
        return _Cand(s, end, "number", (s, end), num=num, scale=scale), j
    shown, name, kind, p = unit
    if value_one and (kind not in ("percent", "duration", "multiple") or name.lower() in ("day", "days")):
        return None
    if kind == "count" and n_words == 1 and low in ("a", "an"):
        return None
    return _Cand(s, p, kind, (s, end), num=num, scale=scale, unit=shown, unit_name=name), j


def _capitalised_name(t: str, words: list[tuple[int, int, str]], i: int) -> bool:
    """Omni One, Big Four, Chapter Two: a number word inside a name."""
    w = words[i][2]
    if not w[0].isupper() or i == 0:
        return False
    prev = words[i - 1]
    between = t[prev[1]: words[i][0]]
    return between == " " and prev[2][0].isupper() and prev[2] not in _NAME_STOP


# --- selection -----------------------------------------------------------------------------------

_FINDERS: Final[tuple[Finder, ...]] = (_dates, _ranks, _shares, _multiples, _digit_quantities, _zh_quantities,
                                       _en_words)
_RANGE_JOIN: Final = re.compile(r"\s?(?:-|–|—|~|至|到)\s?|\s(?:to|and)\s")


def find_mentions(text: str) -> list[Mention]:
    """Every numeric mention of `text`, in order; offsets are characters of `text`."""
    if len(text) > MAX_ARTICLE_CHARS:
        raise ScanError(f"the text has {len(text):,} characters, over the limit of {MAX_ARTICLE_CHARS:,}")
    t = text.translate(_FOLD)
    blocked = _blocked(t)
    taken = bytearray(len(t))
    chosen: list[_Cand] = []
    for finder in _FINDERS:
        for c in finder(t):
            if blocked.find(1, c.core[0], c.core[1]) >= 0 or taken.find(1, c.start, c.end) >= 0:
                continue
            taken[c.start: c.end] = b"\x01" * (c.end - c.start)
            chosen.append(c)
    chosen.sort(key=lambda c: c.start)
    chosen = _inherit_years(t, _merge_ranges(t, chosen))
    starts = [0] + [i + 1 for i, ch in enumerate(text) if ch == "\n"]
    return [Mention(text[c.start: c.end], c.start, c.end, bisect.bisect_right(starts, c.start), c.value(),
                    c.unit_name, c.qual, c.kind) for c in chosen]


def _merge_ranges(t: str, cands: list[_Cand]) -> list[_Cand]:
    """20-30%, 3至5年, $1-2 billion: one mention from the first number to the second."""
    out: list[_Cand] = []
    for c in cands:
        if out and _is_range(t, out[-1], c):
            a = out.pop()
            if a.pre and not c.pre:
                c = replace(c, pre=a.pre, kind="money", unit_name=c.unit_name or a.unit_name)
            lo = f"{a.sign}{c.pre or a.pre}{a.num}{a.scale or c.scale}{c.unit}"
            c = replace(c, start=a.start, qual=c.qual_after, fixed=f"{lo}{RANGE_DASH}{c.unhedged()}{c.qual_after}")
        out.append(c)
    return out


def _is_range(t: str, a: _Cand, b: _Cand) -> bool:
    if a.fixed or b.fixed or a.qual or (a.unit and a.unit != b.unit) or (a.pre and b.pre and a.pre != b.pre):
        return False
    if a.kind not in ("number", b.kind) and not (a.pre and not a.unit and b.kind == "number"):
        return False
    gap = t[a.end: b.start]
    if not _RANGE_JOIN.fullmatch(gap):
        return False
    if gap.strip() == "and":
        return bool(re.search(r"(?i)\bbetween\s+$", t[max(0, a.start - 9): a.start]))
    return b.kind != "number" or bool(b.scale)


def _inherit_years(t: str, cands: list[_Cand]) -> list[_Cand]:
    """第二季度 after 2025年第一季度 in the same sentence is 2025Q2."""
    out: list[_Cand] = []
    year, year_at = "", -1
    for c in cands:
        if c.kind == "date" and c.fixed[:4].isdigit():
            year, year_at = c.fixed[:4], c.end
        elif c.needs_year:
            if year and not _SENTENCE_END.search(t, year_at, c.start):
                c = replace(c, fixed=f"{year}{c.needs_year}", needs_year="")
            else:
                c = replace(c, fixed=c.needs_year)
        out.append(c)
    return out


def sentence_ends(text: str) -> list[int]:
    """Offsets of the characters that end sentences (。！？!? newline, '. ')."""
    return [m.start() for m in _SENTENCE_END.finditer(text)]


def sentence_bounds(text: str, start: int, end: int, ends: list[int] | None = None) -> tuple[int, int]:
    """The sentence around text[start:end]: from after the previous sentence end to the next."""
    ends = sentence_ends(text) if ends is None else ends
    i = bisect.bisect_left(ends, start)
    left = ends[i - 1] + 1 if i > 0 else 0
    j = bisect.bisect_left(ends, end)
    return left, (ends[j] if j < len(ends) else len(text))


def count_by_kind(mentions: Iterable[Mention]) -> dict[str, int]:
    out: dict[str, int] = {}
    for m in mentions:
        out[m.kind] = out.get(m.kind, 0) + 1
    return out
