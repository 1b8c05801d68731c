"""Quotes against values and articles: does the quote state the figure, and does the
article contain the quote?

Numbers in a quote are read in digits (``3,179``, ``1.4``), in Chinese numerals
(四年, 两周, 第八, 二十) and in English words (forty-one, seven in 10).
"""

from __future__ import annotations

import re
import unicodedata
from fractions import Fraction
from typing import Final

_DIGITS: Final = re.compile(r"\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?|\.\d+")
_ZH_DIGIT: Final = {"零": 0, "〇": 0, "一": 1, "二": 2, "两": 2, "兩": 2, "三": 3, "四": 4,
                    "五": 5, "六": 6, "七": 7, "八": 8, "九": 9}
_ZH_UNIT: Final = {"十": 10, "百": 100, "千": 1000}
_ZH_BIG: Final = {"万": 10**4, "萬": 10**4, "亿": 10**8, "億": 10**8}
_ZH_RUN: Final = re.compile(r"[零〇一二两兩三四五六七八九十百千万萬亿億]+")

_EN_ONES: Final = {
    "zero": 0, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
    "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13,
    "fourteen": 14, "fifteen": 15, "sixteen": 16, "seventeen": 17, "eighteen": 18,
    "nineteen": 19, "a": 1, "an": 1,
}
_EN_TENS: Final = {"twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60,
                   "seventy": 70, "eighty": 80, "ninety": 90}
_EN_ORD: Final = {
    "first": 1, "second": 2, "third": 3, "fourth": 4, "fifth": 5, "sixth": 6, "seventh": 7,
    "eighth": 8, "ninth": 9, "tenth": 10, "eleventh": 11, "twelfth": 12, "twentieth": 20,
    "thirtieth": 30, "hundredth": 100,
}
_EN_SCALE: Final = {"hundred": 100, "thousand": 1000, "million": 10**6, "billion": 10**9, "trillion": 10**12}
_EN_HALF: Final = {"half": Fraction(1, 2), "quarter": Fraction(1, 4), "third": Fraction(1, 3)}
_WORD: Final = re.compile(r"[a-z]+")
_SCALE_OF: Final = {
    "万亿": Fraction(10**12), "千万": Fraction(10**7), "百万": Fraction(10**6), "十万": Fraction(10**5),
    "亿": Fraction(10**8), "万": Fraction(10**4), "千": Fraction(10**3), "trillion": Fraction(10**12),
    "billion": Fraction(10**9), "million": Fraction(10**6), "thousand": Fraction(10**3), "tn": Fraction(10**12),
    "bn": Fraction(10**9), "bln": Fraction(10**9), "mn": Fraction(10**6), "mln": Fraction(10**6),
    "k": Fraction(10**3), "m": Fraction(10**6), "b": Fraction(10**9),
}
_SCALED: Final = re.compile(r"\s*(万亿|千万|百万|十万|亿|万|千"
                            r"|(?i:trillion|billion|million|thousand|tn|bn|bln|mn|mln|k|m|b)(?![a-z]))")
_SHARES: Final = re.compile(
    r"([一二两三四五六七八九十])成|一半|([一二两三四五六七八九十百]+)分之([一二两三四五六七八九十]+)"
    r"|\b(one|two|three|four|five|six|seven|eight|nine)[- ](half|halves|thirds?|quarters?|fifths?|tenths?)\b"
    r"|翻倍|翻了一番|\b(doubled|twice|double|tripled|trebled|triple|quadrupled)\b"
)
_MULTIPLE: Final = {"doubled": 2, "twice": 2, "double": 2, "翻倍": 2, "翻了一番": 2, "tripled": 3, "trebled": 3,
                    "triple": 3, "quadrupled": 4}
_PART: Final = {"half": 2, "halves": 2, "third": 3, "thirds": 3, "quarter": 4, "quarters": 4, "fifth": 5,
                "fifths": 5, "tenth": 10, "tenths": 10}


def _share(m: re.Match[str]) -> set[Fraction]:
    """A share or multiple in words, as a fraction and as a percentage (or a rise)."""
    text = m.group(0)
    if m.group(1):  # 三成: 30%
        f = Fraction(_ZH_DIGIT.get(m.group(1), 10), 10)
    elif text == "一半":
        f = Fraction(1, 2)
    elif m.group(2):  # 三分之一
        whole, part = _zh_value(m.group(2)), _zh_value(m.group(3))
        if not whole or part is None:
            return set()
        f = Fraction(part, whole)
    elif m.group(4):  # two-thirds
        f = Fraction(_EN_ONES[m.group(4)], _PART[m.group(5)])
    else:  # doubled: 2 times, a rise of 100%
        n = _MULTIPLE[text]
        return {Fraction(n), Fraction((n - 1) * 100)}
    return {f, f * 100}
_MONTHS: Final = ["january", "february", "march", "april", "may", "june", "july", "august",
                  "september", "october", "november", "december"]


def _zh_value(run: str) -> int | None:
    total, section, digit = 0, 0, None
    for ch in run:
        if ch in _ZH_DIGIT:
            if digit is not None:  # 二零二五: a digit string
                return None
            digit = _ZH_DIGIT[ch]
        elif ch in _ZH_UNIT:
            section += (digit if digit is not None else 1) * _ZH_UNIT[ch]
            digit = None
        else:
            section += digit or 0
            total += (section or 1) * _ZH_BIG[ch]
            section, digit = 0, None
    return total + section + (digit or 0)


def _zh_numbers(text: str) -> set[Fraction]:
    out: set[Fraction] = set()
    for m in _ZH_RUN.finditer(text):
        run = m.group(0)
        v = _zh_value(run)
        if v is not None:
            out.add(Fraction(v))
        else:  # 二〇二五 read digit by digit
            out.add(Fraction(int("".join(str(_ZH_DIGIT.get(c, 0)) for c in run))))
        head = run.rstrip("万萬亿億")
        if head and head != run:  # 千亿, 十万: the number before the scale word, as digits are read
            hv = _zh_value(head)
            if hv is not None:
                out.add(Fraction(hv))
        for ch in run:  # each numeral alone, for runs like 两三
            if ch in _ZH_DIGIT:
                out.add(Fraction(_ZH_DIGIT[ch]))
    return out


def _en_numbers(text: str) -> set[Fraction]:
    out: set[Fraction] = set()
    words = _WORD.findall(text.lower().replace("-", " "))
    current: int | None = None
    total = 0
    for w in [*words, ""]:
        if w in _EN_ONES and not (w in ("a", "an") and current is not None):
            current = (current or 0) + _EN_ONES[w]
        elif w in _EN_TENS:
            current = (current or 0) + _EN_TENS[w]
        elif w in _EN_SCALE and current is not None:
            if _EN_SCALE[w] == 100:
                current *= 100
            else:
                total += current * _EN_SCALE[w]
                current = 0
        elif w == "and" and current is not None:
            continue
        else:
            if current is not None or total:
                out.add(Fraction(total + (current or 0)))
                if current:
                    out.add(Fraction(current))
            current, total = None, 0
            if w in _EN_ORD:
                out.add(Fraction(_EN_ORD[w]))
            if w in _EN_HALF:
                out.add(_EN_HALF[w])
                out.add(_EN_HALF[w] * 100)  # "a third" for 33.3%
    return out


def numbers_in(text: str) -> set[Fraction]:
    """Every number a reader would see in `text`, as exact values."""
    s = unicodedata.normalize("NFKC", text)
    return _digit_numbers(s) | _word_numbers(s)


def _digit_numbers(s: str) -> set[Fraction]:
    """The numbers written in digits (3179亿, $1.2 billion, 1,204)."""
    found: set[Fraction] = set()
    for m in _DIGITS.finditer(s):
        if len(m.group(0)) <= 1000:  # a longer run is no figure (and past int()'s limit)
            value = Fraction(m.group(0).replace(",", ""))
            scale = _SCALED.match(s, m.end())
            if scale:  # 3179亿, $1.2 billion: the number at its scale ("4亿" does not state 4)
                found.add(value * _SCALE_OF[scale.group(1).lower()])
            if not scale or (len(scale.group(1)) == 1 and scale.group(1).isascii()):
                found.add(value)  # 100m may be metres
    return found


def _word_numbers(s: str) -> set[Fraction]:
    """The numbers written in words: Chinese numerals, English words, shares."""
    found = _zh_numbers(s)
    found |= _en_numbers(s)
    for m in _SHARES.finditer(s.lower()):  # 三成, 一半, 三分之一, two-thirds, doubled, 翻倍
        found |= _share(m)
    # "seven in 10", "3 out of 4": a share, as a percentage too
    for m in re.finditer(r"\b(\w{1,20})\s+(?:in|out of)\s+(\w{1,20})\b", s.lower()):
        a, b = numbers_in(m.group(1)), numbers_in(m.group(2))
        for x in a:
            for y in b:
                if y and x <= y:
                    found.add(x / y * 100)
    return found


def value_in_quote(mantissa: str, quote: str, scale: Fraction = Fraction(1)) -> bool:
    """Does the number written as `mantissa` (e.g. '3179', '1.4', '1,204') at its `scale`
    (亿, billion …) occur in the quote?  `1.4亿美元` does not state 1.4 billion."""
    digits = mantissa.lower().split("e")[0].replace(",", "")
    try:
        target = Fraction(mantissa.lower().replace(",", "")) * scale
    except ValueError:
        return True
    s = unicodedata.normalize("NFKC", quote)
    found = _digit_numbers(s)
    if target in found:  # the usual case: written in digits, and the words need not be read
        return True
    found |= _word_numbers(s)
    if target in found:
        return True
    # a non-terminating value ("a third") matches its rounding to the written decimals
    places = len(digits.split(".")[1]) if "." in digits else 0
    step = Fraction(1, 10**places)
    return any(abs(n - target) <= step / 2 for n in found if not _terminates(n))


def _terminates(x: Fraction) -> bool:
    d = x.denominator
    for p in (2, 5):
        while d % p == 0:
            d //= p
    return d == 1


def date_in_quote(granularity: str, written: str, quote: str) -> bool:
    s = unicodedata.normalize("NFKC", quote)
    low = s.lower()
    m = re.match(r"(\d{4})(?:-(\d{2}))?(?:-(\d{2}))?(?:\s*[QqHh]([1-4]))?", written.strip())
    if not m:
        return True
    year = m.group(1)
    nums = numbers_in(s)
    if year not in s and Fraction(int(year)) not in nums:
        return False
    if granularity == "day" and m.group(2) == "01" and m.group(3) == "01" and ("元旦" in s or "new year's day" in low):
        return True
    if granularity in ("month", "day"):
        month = int(m.group(2))
        if Fraction(month) not in nums and _MONTHS[month - 1] not in low and _MONTHS[month - 1][:3] not in low:
            return False
    if granularity == "day" and Fraction(int(m.group(3))) not in nums:
        return False
    if granularity in ("quarter", "half"):
        n = int(m.group(4))
        if granularity == "half":
            ok = (f"h{n}" in low or ("上半年" if n == 1 else "下半年") in s
                  or ("first half" if n == 1 else "second half") in low)
            return ok or Fraction(n) in nums
        return f"q{n}" in low or Fraction(n) in nums
    return True


def _squash(text: str) -> tuple[str, list[int]]:
    """Text without whitespace, and the index of each kept character in the original."""
    keep = [(i, c) for i, c in enumerate(text) if not c.isspace()]
    return "".join(c for _, c in keep), [i for i, _ in keep]


MAX_HINT_CHARS: Final = 80  # of the closest passage shown for a quote not in the article


class Article:
    """An article's text, prepared for quote look-ups."""

    def __init__(self, text: str) -> None:
        self.text = unicodedata.normalize("NFC", text)
        self.squashed, self.index = _squash(self.text)

    def find(self, quote: str) -> int:
        """Offset of the quote in the article (ignoring whitespace), or -1."""
        q, _ = _squash(unicodedata.normalize("NFC", quote))
        if not q:
            return -1
        i = self.squashed.find(q)
        return self.index[i] if i >= 0 else -1

    def occurrences(self, quote: str) -> list[tuple[int, int]]:
        """Every (start, end) of the quote in `text`, ignoring whitespace."""
        q, _ = _squash(unicodedata.normalize("NFC", quote))
        out: list[tuple[int, int]] = []
        if not q:
            return out
        i = self.squashed.find(q)
        while i >= 0:
            out.append((self.index[i], self.index[i + len(q) - 1] + 1))
            i = self.squashed.find(q, i + 1)
        return out

    def closest(self, quote: str) -> str:
        """The passage of the article that best matches a quote that is not in it: the
        alignment most of the quote's short pieces agree on (linear in the article)."""
        q, _ = _squash(unicodedata.normalize("NFC", quote))
        if not q or not self.squashed:
            return ""
        votes: dict[int, int] = {}
        for n in (4, 2, 1):
            step = max(1, (len(q) - n + 1) // 200)
            for k in range(0, max(1, len(q) - n + 1), step):
                gram = q[k:k + n]
                i, seen = self.squashed.find(gram), 0
                while i >= 0 and seen < 50:
                    votes[i - k] = votes.get(i - k, 0) + 1
                    i, seen = self.squashed.find(gram, i + 1), seen + 1
            if votes:
                break
        if not votes:
            return ""
        offset = max(votes, key=lambda o: (votes[o], -o))
        start = min(max(0, offset), len(self.squashed) - 1)
        end = min(len(self.squashed), start + len(q), start + MAX_HINT_CHARS)
        passage = self.text[self.index[start]: self.index[end - 1] + 1]
        return passage + ("…" if len(q) > MAX_HINT_CHARS else "")
