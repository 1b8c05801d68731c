"""Synthetic claim files for the benchmarks.

    python benchmarks/generate.py N OUT.yaml [--seed S]
    python benchmarks/generate.py --folder DIR [--files 1000] [--claims 20] [--seed S]

A file is a run of company stories, about fifteen claims each: revenue stated in
English and the year-earlier figure in Chinese, their growth (mostly right, some
"more than" claims that only hold for some readings, some wrong), users, revenue per
user and its value in yuan (a chain: a formula over a formula's result, converted by
one exchange rate that every story uses: a fan), segments with a parts-within-whole
check and a share, a launch month with the months since and a date check, references
that agree or (reviewed) disagree, and every tenth story a sum over the last ten
revenues.  Every quote contains its value's number; the files load without errors.
"""

from __future__ import annotations

import argparse
import os
import random
import sys
from dataclasses import dataclass, field
from fractions import Fraction
from typing import Final

PUBLISHED: Final = (2026, 1, 5)
MONTHS: Final = ("January", "February", "March", "April", "May", "June", "July", "August",
                 "September", "October", "November", "December")
_DAY: Final = 86400
_MONTH: Final = Fraction(3652425, 10000) * _DAY / 12
_NAMES: Final = ("Acme", "Nimbus", "Orchid", "Kestrel", "Harbour", "Lumen", "Quarry", "Tessera",
                 "Vireo", "Zephyr", "Basalt", "Cobalt", "Delta", "Ember", "Fjord", "Granite")


@dataclass(slots=True)
class _File:
    """The claims of one file, as YAML lines, with the sources they name."""

    claims: list[str] = field(default_factory=list)  # one YAML block per claim
    sources: list[str] = field(default_factory=list)
    revenues: list[str] = field(default_factory=list)  # ids, for the group sums


def _q(text: str) -> str:
    """A YAML double-quoted scalar (safe for '>', ':', '#', CJK)."""
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'


def _claim(cid: str, **fields: str | dict[str, str]) -> str:
    out = [f"  {cid}:"]
    for key, value in fields.items():
        if isinstance(value, dict):
            out.append(f"    {key}:")
            out.extend(f"      {k}: {_q(v)}" for k, v in value.items())
        else:
            out.append(f"    {key}: {_q(value)}")
    return "\n".join(out)


def _instant(y: int, m: int, d: int = 1) -> Fraction:
    import datetime as dt

    return Fraction((dt.date(y, m, d) - dt.date(1970, 1, 1)).days * _DAY)


def _fmt(x: Fraction, decimals: int) -> str:
    return f"{float(x):.{decimals}f}"


def _story(f: _File, k: int, rng: random.Random) -> None:
    zh = k % 2 == 1  # alternate which figures are written in Chinese
    src = f"src{k}"
    f.sources.append(f"  {src}:\n    title: {_q(f'{_NAMES[k % len(_NAMES)]} {k} quarterly results')}\n"
                     f"    url: {_q(f'https://example.com/results/{k}')}")
    c = f.claims
    # revenue now (billions, one decimal) and a year ago (亿美元, two decimals)
    a = Fraction(rng.randint(11, 99), 10)
    g_true = Fraction(rng.randint(-150, 450), 1000)
    b = Fraction(round(a * 10 / (1 + g_true) * 100), 100)
    rev, prev = f"rev_{k}", f"rev_prev_{k}"
    fields: dict[str, str | dict[str, str]] = {
        "quote": f"revenue reached ${_fmt(a, 1)} billion", "value": f"{_fmt(a, 1)} billion USD", "source": src,
    }
    roll = rng.random()
    if roll < 0.25:
        ref = a + Fraction(2, 100)
        fields["reference"] = {"value": f"{_fmt(ref, 2)} billion USD", "source": src,
                               "quote": f"total revenues of US${_fmt(ref, 2)} billion"}
    elif roll < 0.30:
        ref = a + Fraction(4, 10)
        fields["reference"] = {"value": f"{_fmt(ref, 2)} billion USD", "source": src}
        fields["expect"] = "fail"
        fields["note"] = "The article uses the preliminary figure; the filing revised it."
    if rng.random() < 0.3:
        fields["as_of"] = "2025Q3"
    c.append(_claim(rev, **fields))
    f.revenues.append(rev)
    c.append(_claim(prev, quote=f"去年同期为{_fmt(b, 2)}亿美元", value=f"{_fmt(b, 2)}亿美元"))
    # growth: right, "more than" (holds for some readings only), or wrong
    g = a * 10 / b - 1
    g_hi = (a + Fraction(5, 100)) * 10 / (b - Fraction(5, 1000)) - 1
    roll = rng.random()
    growth: dict[str, str | dict[str, str]]
    if roll < 0.70:
        x = _fmt(g * 100, 1)
        growth = {"quote": f"同比增长{x}%" if zh else f"up {x}% from a year earlier", "value": f"{x}%"}
    elif roll < 0.85:
        x = _fmt((g + g_hi) / 2 * 100, 1)
        growth = {"quote": f"同比增长超过{x}%" if zh else f"up more than {x}% from a year earlier",
                  "value": f"超过{x}%" if zh else f">{x}%"}
    else:
        x = _fmt(g_hi * 100 + 3, 1)
        growth = {"quote": f"同比增长{x}%" if zh else f"a jump of {x}%", "value": f"{x}%"}
        if roll < 0.95:
            growth["expect"] = "fail"
            growth["note"] = "The article compares with a different quarter; reviewed."
    c.append(_claim(f"growth_{k}", **growth, formula=f"growth({rev}, {prev})"))
    c.append(_claim(f"growth_plausible_{k}", quote=growth["quote"], check=f"growth_{k} < 1", severity="warn"))
    # users, revenue per user (implied) and in yuan (a chain through the shared rate)
    u = Fraction(rng.randint(50, 900), 100)
    users, arpu = f"users_{k}", f"arpu_{k}"
    c.append(_claim(users, quote=f"日活跃用户达{_fmt(u, 2)}亿", value=f"{_fmt(u, 2)}亿"))
    c.append(_claim(arpu, quote="平均每名用户贡献的收入" if zh else "revenue per user", formula=f"{rev} / {users}"))
    yuan = a * 10**9 / (u * 10**8) * Fraction(718, 100)
    y = _fmt(yuan, 1 if yuan >= 10 else 2)
    c.append(_claim(f"arpu_cny_{k}", quote=f"折合约{y}元人民币" if zh else f"about {y} yuan a user",
                    value=f"约{y}元" if zh else f"about {y} CNY", formula=f"{arpu} * fx"))
    # segments within the whole, and a share (rev used by many formulas)
    ma = round(a * 1000 * Fraction(rng.randint(45, 60), 100))
    mb = Fraction(round(a * 10 * Fraction(rng.randint(20, 30), 100) * 10), 10)
    ma_text = f"{ma:,}"
    c.append(_claim(f"ads_{k}", quote=f"advertising brought in ${ma_text} million", value=f"{ma_text} million USD"))
    c.append(_claim(f"shop_{k}", quote=f"电商业务收入{_fmt(mb, 1)}亿美元", value=f"{_fmt(mb, 1)}亿美元"))
    c.append(_claim(f"parts_{k}", quote=f"advertising brought in ${ma_text} million",
                    check=f"ads_{k} + shop_{k} <= {rev}"))
    share = Fraction(ma, 1000) / a * 100
    s = _fmt(share, 1)
    c.append(_claim(f"ads_share_{k}", quote=f"广告收入占总收入的{s}%" if zh else f"accounting for {s}% of revenue",
                    value=f"{s}%", formula=f"share(ads_{k}, {rev})"))
    # a launch month, the months since, and a date check
    ly, lm = rng.randint(2019, 2024), rng.randint(1, 12)
    launch = f"launch_{k}"
    when = f"{ly}年{lm}月推出" if zh else f"launched in {MONTHS[lm - 1]} {ly}"
    c.append(_claim(launch, quote=when, date=f"{ly}-{lm:02d}"))
    mid_launch = (_instant(ly, lm) + _instant(ly + lm // 12, lm % 12 + 1)) / 2
    mid_pub = _instant(*PUBLISHED) + _DAY // 2
    months = round((mid_pub - mid_launch) / _MONTH)
    c.append(_claim(f"months_live_{k}", quote=f"上线{months}个月以来" if zh else f"in the {months} months since launch",
                    value=f"{months}个月" if zh else f"{months} months",
                    formula=f"months_between({launch}, published)"))
    c.append(_claim(f"launched_before_{k}", quote=when, check=f"{launch} < published"))
    # every tenth story: the last ten revenues summed (a fan-in)
    if len(f.revenues) % 10 == 0:
        last_ten = ", ".join(f.revenues[-10:])
        c.append(_claim(f"group_{k}", quote="the ten companies together", formula=f"sum({last_ten})"))


def claim_file(n: int, seed: int = 0, title: str = "") -> str:
    """A claim file of exactly `n` claims (n >= 1)."""
    rng = random.Random(seed)
    f = _File()
    f.claims.append(_claim("fx", quote="按1美元兑7.18元人民币计算", value="7.18 CNY/USD"))
    k = 0
    while len(f.claims) < n:
        _story(f, k, rng)
        k += 1
    head = [
        f"# {n:,} synthetic claims (benchmarks/generate.py, seed {seed})",
        "article:",
        f"  title: {_q(title or f'Quarterly results round-up: {n:,} figures')}",
        "  outlet: Benchmark Daily",
        f"  published: {PUBLISHED[0]}-{PUBLISHED[1]:02d}-{PUBLISHED[2]:02d}",
        "  url: https://example.com/round-up",
        *(["sources:", *f.sources] if f.sources else []),
        "defaults:",
        "  about: 5%",
        "claims:",
    ]
    # cut at n: every formula refers only to claims before it, so a prefix is whole
    return "\n".join(head + f.claims[:n]) + "\n"


def write_file(path: str, n: int, seed: int = 0) -> None:
    with open(path, "w", encoding="utf-8") as fh:
        fh.write(claim_file(n, seed))


def write_folder(folder: str, files: int, claims: int = 20, seed: int = 0) -> list[str]:
    """`files` claim files of `claims` claims each, named so that sorted order is stable."""
    os.makedirs(folder, exist_ok=True)
    width = len(str(files))
    paths = []
    for i in range(files):
        path = os.path.join(folder, f"story_{i:0{width}d}.yaml")
        with open(path, "w", encoding="utf-8") as fh:
            fh.write(claim_file(claims, seed * 1_000_003 + i, f"Results story {i}"))
        paths.append(path)
    return paths


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(description="Write synthetic claim files for the benchmarks.")
    p.add_argument("n", nargs="?", type=int, help="number of claims in the file")
    p.add_argument("out", nargs="?", help="the file to write")
    p.add_argument("--seed", type=int, default=0)
    p.add_argument("--folder", help="write --files small files into this folder instead")
    p.add_argument("--files", type=int, default=1000)
    p.add_argument("--claims", type=int, default=20, help="claims per file in --folder mode")
    args = p.parse_args(argv)
    if args.folder:
        write_folder(args.folder, args.files, args.claims, args.seed)
        return 0
    if args.n is None or args.out is None or args.n < 1:
        p.error("give N (>= 1) and OUT.yaml, or --folder DIR")
    write_file(args.out, args.n, args.seed)
    return 0


if __name__ == "__main__":
    sys.exit(main())
