"""`--format html`: the article with its claims marked, one self-contained page per claim file.

With the article text, each quoted passage is marked with the colour, symbol and word of
its verdict; a click or keyboard focus on a mark opens the cards of its claims in a side
panel.  Without it, the cards are listed in article order.  A sidebar lists the findings
first; the summary shows the counts and the claim graph.  Everything is inline (style,
script, SVG) and a content security policy forbids every request, so the page works from
disk and as a CI artifact.  Every text from the claim file or the article is escaped.
"""

from __future__ import annotations

import base64
import hashlib
import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass
from html import escape
from typing import Final

from claimcheck import __version__
from claimcheck.model import SEVERITY_ORDER, FileReport, Result
from claimcheck.quotes import Article as ArticleText
from claimcheck.report import html_graph as G
from claimcheck.report.html_assets import CSS, LABELS, ORDER, SCRIPT, VERDICTS
from claimcheck.report.html_passages import Passage, locate, passages

_CJK: Final = re.compile(r"[\u3000-\u303f\u3400-\u4dbf\u4e00-\u9fff\uff00-\uffef]")
_LETTER: Final = re.compile(r"[^\W\d_]")
_WEB: Final = re.compile(r"^https?://", re.IGNORECASE)
_LONE_NEWLINE: Final = re.compile(r"(?<!\n)\n(?!\n)")


def _t(s: str) -> str:
    """Text content, escaped."""
    return escape(s, quote=False)


def _a(s: str) -> str:
    """An attribute value, escaped."""
    return escape(s, quote=True)


def _l(key: str) -> str:
    """A label in both languages; the page shows one of them (the language button switches)."""
    en, zh = LABELS[key]
    if not en:
        return f'<span class="zh" lang="zh-Hans">{_t(zh)}</span>'
    return f'<span class="en" lang="en">{_t(en)}</span><span class="zh" lang="zh-Hans">{_t(zh)}</span>'


def _lang(s: str) -> str:
    letters = len(_LETTER.findall(s))
    return "zh-Hans" if letters and len(_CJK.findall(s)) * 3 >= letters else "en"


def _csp_hash(text: str) -> str:
    return "'sha256-" + base64.b64encode(hashlib.sha256(text.encode("utf-8")).digest()).decode("ascii") + "'"


def verdict(r: Result) -> str:
    """What the reader sees: pass, warn, fail, info, error, or reviewed (an accepted non-pass)."""
    if r.status == "error":
        return "error"
    if r.expect and r.expected and r.status != "pass":
        return "reviewed"
    return r.status


def is_finding(r: Result) -> bool:
    """A verdict that needs the reader: not as expected (fail, warn, error, a surprise pass)."""
    return not r.expected


def tag(v: str, extra: str = "") -> str:
    sym, en, zh = VERDICTS[v]
    return (f'<span class="tag v-{v}" data-verdict="{v}"><span aria-hidden="true">{sym}</span> '
            f'<span class="en" lang="en">{en}</span><span class="zh" lang="zh-Hans">{zh}</span>{extra}</span>')


def _status_extra(r: Result) -> str:
    """The underlying verdict of a reviewed claim, or what an unexpected one was expected to be."""
    if verdict(r) == "reviewed":
        return f' <span class="sub">({_t(r.status)})</span>'
    if r.expect and not r.expected:
        return f' <span class="sub">({_l("expected")} {_t(r.expect)})</span>'
    return ""


@dataclass(frozen=True, slots=True)
class _Page:
    """What the parts of the page share: the report, claims by id, where each claim is."""

    report: FileReport
    by_id: dict[str, Result]
    passages: list[Passage]
    group_of: dict[str, int]  # claim id -> passage index
    missing: list[str]  # claims whose quote is not in the text

    def href(self, cid: str) -> str:
        """Attributes of a link to a claim's place: its mark (opening its card) or its card."""
        if cid in self.group_of:
            n = self.group_of[cid]
            return f'href="#p-{n}" data-open="g-{n}" data-mark="p-{n}" data-card="c-{_a(cid)}"'
        return f'href="#c-{_a(cid)}"'


def render(report: FileReport) -> str:
    """The page for one claim file."""
    results = report.results
    text = report.article.text if report.article is not None else None
    found: list[Passage] = []
    missing: list[str] = []
    if text is not None:
        art = ArticleText(text)
        spans, missing = locate(art, [(r.id, r.quote) for r in results])
        found = passages(spans)
        text = art.text
    group_of = {cid: i for i, p in enumerate(found) for cid in p.claims}
    page = _Page(report, {r.id: r for r in results}, found, group_of, missing)
    body = [_header(page)]
    if report.errors:
        body.append(_file_errors(report))
    elif text is not None:
        body.append(_with_text(page, text))
    else:
        body.append(_without_text(page))
    body.append(f'<footer>{_l("generated")} {_t(__version__)}</footer>')
    return _document(report, "".join(body))


def _ui(report: FileReport) -> str:
    """The labels' language: Chinese for a Chinese title, else English."""
    title = report.article.title if report.article is not None else report.path
    return "zh" if _lang(title) == "zh-Hans" else "en"


def _document(report: FileReport, body: str) -> str:
    title = report.article.title if report.article is not None else report.path
    ui = _ui(report)
    style, script = CSS, SCRIPT
    csp = (f"default-src 'none'; style-src {_csp_hash(style)}; script-src {_csp_hash(script)}; "
           "base-uri 'none'; form-action 'none'")
    return (
        "<!DOCTYPE html>\n"
        f'<html lang="{"zh-Hans" if ui == "zh" else "en"}" data-ui="{ui}">\n<head>\n<meta charset="utf-8">\n'
        f'<meta http-equiv="Content-Security-Policy" content="{_a(csp)}">\n'
        '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        '<meta name="referrer" content="no-referrer">\n'
        f'<meta name="generator" content="claimcheck {_a(__version__)}">\n'
        f"<title>{_t(title)} · claimcheck</title>\n<style>{style}</style>\n</head>\n<body>\n"
        f'<a class="skip" href="#article">{_l("skip")}</a>\n'
        f"{body}\n<script>{script}</script>\n</body>\n</html>\n"
    )


# --- the summary -----------------------------------------------------------------------


def _header(page: _Page) -> str:
    r = page.report
    a = r.article
    out = ['<header class="top">',
           (f'<p class="eyebrow"><span>{_l("report")} · <code>{_t(r.path)}</code></span>'
            f'<button id="ui-lang" type="button">{_l("switch")}</button></p>')]
    if a is not None:
        out.append(f'<h1 lang="{_lang(a.title)}">{_t(a.title)}</h1>')
        bits = [f'<span class="b" lang="{_lang(a.outlet)}">{_t(a.outlet)}</span>',
                f'<span class="b">{_l("published")} <time>{_t(a.published.value)}</time></span>']
        if a.url:
            bits.append(f'<span class="b">{_link(a.url, a.url)}</span>')
        if a.text_path:
            bits.append(f'<span class="b">{_l("text_file")} <code>{_t(a.text_path)}</code></span>')
        out.append(f'<p class="byline">{"".join(bits)}</p>')
    else:
        out.append(f"<h1>{_t(r.path)}</h1>")
    if not r.errors:
        out.append(f'<div class="sumrow"><div>{_counts(r.results)}</div>{_graph(page)}</div>')
    out.append("</header>")
    return "".join(out)


def _counts(results: list[Result]) -> str:
    n = {v: 0 for v in ORDER}
    for r in results:
        n[verdict(r)] += 1
    items = "".join(
        f'<li class="v-{v}"><span aria-hidden="true">{VERDICTS[v][0]}</span> <b>{n[v]}</b> {_word(v)}</li>'
        for v in ORDER if n[v] or v in ("pass", "warn", "fail"))
    surprises = sum(1 for r in results if not r.expected)
    exit_line = (f"{surprises} {_l('n_unexpected')}" if surprises else _l("all_expected"))
    return (f'<ul class="counts" aria-label="{_a(LABELS["verdicts"][0])}">{items}</ul>'
            f'<p class="exit">{exit_line}</p>')


def _word(v: str) -> str:
    _, en, zh = VERDICTS[v]
    return f'<span class="en" lang="en">{en}</span><span class="zh" lang="zh-Hans">{zh}</span>'


def _graph(page: _Page) -> str:
    results = page.report.results
    g = G.build(results)
    verdicts = {r.id: verdict(r) for r in results}
    statuses = {r.id: r.status for r in results}
    quotes = {r.id: r.quote for r in results}
    drawing = G.svg(g, verdicts, statuses, quotes, page.href, "graph-cap")
    if not drawing:
        return f'<figure class="graph"><figcaption id="graph-cap">{_l("graph_none")}</figcaption></figure>'
    shown = [v for v in ORDER if v in {verdicts[n] for n in g.nodes}]
    legend = "".join(
        f'<li><svg width="14" height="14" viewBox="0 0 14 14" aria-hidden="true">{G.shape(v, 7, 7)}</svg> '
        f'{_word(v)}</li>'
        for v in shown)
    hot = set(G.hot_edges(g, verdicts, statuses).values())
    if "hot" in hot:
        legend += ('<li><svg width="22" height="10" aria-hidden="true"><path class="e hot" d="M1 5H21"/></svg> '
                   f'{_l("graph_hot")}</li>')
    if "reviewed" in hot:
        legend += ('<li><svg width="22" height="10" aria-hidden="true"><path class="e reviewed" d="M1 5H21"/></svg> '
                   f'{_l("graph_rev")}</li>')
    return (f'<figure class="graph">{drawing}<figcaption id="graph-cap">{_l("graph")} '
            f"({len(g.nodes)} {_l('figures')}, {len(g.edges)} {_l('links')})</figcaption>"
            f'<ul class="legend">{legend}</ul></figure>')


def _file_errors(report: FileReport) -> str:
    items = "".join(
        f'<li><code>{_t(report.path)}{":" + str(p.line) if p.line else ""}</code> '
        f'<code>{_t(p.code)}</code> {_t(p.message)}</li>' for p in report.errors)
    return f'<main id="article"><h2>{_l("file_errors")}</h2><ul class="err">{items}</ul></main>'


# --- the sidebar -----------------------------------------------------------------------


def _sidebar(page: _Page) -> str:
    results = page.report.results
    missing = set(page.missing)
    findings = [r for r in results if is_finding(r) and r.id not in missing]
    reviewed = [r for r in results if verdict(r) == "reviewed" and r.id not in missing]
    others = [r for r in results if r.expected and verdict(r) != "reviewed" and r.id not in missing]
    out = [f'<nav class="side" aria-labelledby="side-h"><h2 id="side-h">{_l("findings")}</h2>']
    out.append(_list(page, findings) if findings else f"<p>{_l('no_findings')}</p>")
    if reviewed:
        out.append(f'<h2>{_l("reviewed")}</h2>{_list(page, reviewed)}')
    if page.missing:
        out.append(f'<h2>{_l("not_found")}</h2>{_list(page, [page.by_id[c] for c in page.missing])}')
    if others:
        out.append(f'<details><summary>{_l("others")} ({len(others)})</summary>{_list(page, others)}</details>')
    out.append("</nav>")
    return "".join(out)


def _list(page: _Page, results: Iterable[Result]) -> str:
    items = "".join(
        f'<li><a {page.href(r.id)}>{tag(verdict(r))} <code>{_t(r.id)}</code> '
        f'<span class="q" lang="{_lang(r.quote)}">{_t(r.quote)}</span></a></li>' for r in results)
    return f"<ul>{items}</ul>"


# --- the article, marked ---------------------------------------------------------------


def _with_text(page: _Page, text: str) -> str:
    article = f'<h2>{_l("article")}</h2><div class="text" lang="{_lang(text)}">{_marked(page, text)}</div>'
    if page.missing:
        cards = "".join(_card(page, page.by_id[c]) for c in page.missing)
        article += f'<section class="nf"><h2 id="not-found">{_l("not_found")}</h2>{cards}</section>'
    groups = "".join(_group(page, i, p) for i, p in enumerate(page.passages))
    panel = (f'<aside id="panel" aria-labelledby="panel-h"><div class="bar"><h2 id="panel-h">{_l("claims")}</h2>'
             f'<button class="close" type="button">{_l("close")}</button></div>'
             f'<p id="panel-empty">{_l("hint")}</p>{groups}</aside>')
    return f'<div class="layout">{_sidebar(page)}<main id="article">{article}</main>{panel}</div>'


def unwrap(text: str) -> str:
    """Hard-wrapped lines joined where blank lines separate the paragraphs: a lone newline
    becomes a space, or a zero-width space between two CJK characters.  The length is
    kept, so offsets into the text still hold."""
    if "\n\n" not in text:
        return text

    def join(m: re.Match[str]) -> str:
        i = m.start()
        cjk = 0 < i < len(text) - 1 and bool(_CJK.match(text[i - 1])) and bool(_CJK.match(text[i + 1]))
        return "\u200b" if cjk else " "

    return _LONE_NEWLINE.sub(join, text)


def _marked(page: _Page, text: str) -> str:
    text = unwrap(text)
    out: list[str] = []
    at = 0
    for i, p in enumerate(page.passages):
        out.append(_t(text[at:p.start]))
        out.append(_mark(page, i, p, text))
        at = p.end
    out.append(_t(text[at:]))
    return "".join(out)


def _passage_verdicts(page: _Page, p: Passage) -> list[tuple[str, int]]:
    counts: dict[str, int] = {}
    for cid in p.claims:
        v = verdict(page.by_id[cid])
        counts[v] = counts.get(v, 0) + 1
    return [(v, counts[v]) for v in ORDER if v in counts]


def _mark(page: _Page, i: int, p: Passage, text: str) -> str:
    verdicts = _passage_verdicts(page, p)
    inner = "".join(
        f'<span class="d{min(depth, 3)}">{_t(text[a:b])}</span>' if depth > 1 else _t(text[a:b])
        for a, b, depth in p.segments)
    tags = "".join(tag(v, f" ×{n}" if n > 1 else "") for v, n in verdicts)
    worst = max((page.by_id[c].status for c in p.claims), key=lambda s: SEVERITY_ORDER[s])
    return (f'<a class="mark v-{verdicts[0][0]}" id="p-{i}" href="#g-{i}" data-open="g-{i}" data-status="{worst}" '
            f'data-claims="{_a(" ".join(p.claims))}" aria-controls="g-{i}" aria-expanded="false">'
            f"{inner}{tags}</a>")


def _group(page: _Page, i: int, p: Passage) -> str:
    cards = "".join(_card(page, page.by_id[cid]) for cid in p.claims)
    n = len(p.claims)
    count = f" · {n} {_l('claims_here')}" if n > 1 else ""
    return (f'<div class="group" id="g-{i}" role="region" aria-labelledby="g-{i}-h">'
            f'<p class="group-h" id="g-{i}-h" tabindex="-1"><span>{_l("passage")} {i + 1}{count}</span>'
            f'<a class="back" href="#p-{i}" data-back="p-{i}">{_l("back")}</a></p>{cards}</div>')


def _without_text(page: _Page) -> str:
    cards = "".join(_card(page, r) for r in page.report.results)
    main = (f'<main id="article"><h2>{_l("claims_order")}</h2><p>{_l("no_text")}</p>'
            f'<div class="notext-cards">{cards}</div></main>')
    return f'<div class="layout notext">{_sidebar(page)}{main}</div>'


# --- a claim's card --------------------------------------------------------------------


def _card(page: _Page, r: Result) -> str:
    v = verdict(r)
    cid = _a(r.id)
    where = f'{_l("line")} {r.error_line or r.line}{_l("line_after")}'
    kind = _l("kind_check") if r.kind == "check" else _l(r.kind)
    out = [(f'<article class="card v-{v}" id="c-{cid}" data-claim="{cid}" data-verdict="{v}" '
            f'data-status="{r.status}" aria-labelledby="c-{cid}-h">'),
           (f'<h3 id="c-{cid}-h">{tag(v, _status_extra(r))} <code>{_t(r.id)}</code>'
            f'<span class="meta">{kind} · {where}</span></h3>')]
    if r.quote:
        out.append(f'<blockquote lang="{_lang(r.quote)}">“{_t(r.quote)}”</blockquote>')
    if r.status == "error":
        out.append(f'<p class="err"><code>{_t(r.code or "")}</code> {_t(r.message)}</p>')
        if r.id in page.missing:
            out.append(f"<p>{_l('not_found_why')}</p>")
    else:
        out.append(_figures(r))
        out.append(_derivation(page, r))
        out.append(_findings(r))
    if r.suggestions:
        out.append(f'<p class="slip">{_l("slip")}: {_t("; ".join(r.suggestions))}</p>')
    out.append(_source(page, r))
    if r.note:
        out.append(f'<p class="note" lang="{_lang(r.note)}"><b>{_l("note")}</b>: {_t(r.note)}</p>')
    out.append("</article>")
    return "".join(out)


def _computed(r: Result) -> tuple[str, str]:
    """The computed value and its range ('' for a point); a check's verdict phrase."""
    return (r.computed_value or r.computed, r.computed_interval)


def _figures(r: Result) -> str:
    rows = []
    if r.claimed:
        iv = r.claimed_interval
        shown = f' <span class="iv">{_l("interval")} {_t(iv)}</span>' if iv and iv != r.claimed else ""
        rows.append(f"<dt>{_l('claimed')}</dt><dd>{_t(r.claimed)}{shown}</dd>")
    if r.computed and r.kind != "check":
        value, rng = _computed(r)
        shown = f' <span class="iv">{_l("range")} {_t(rng)}</span>' if rng else ""
        rows.append(f"<dt>{_l('computed')}</dt><dd>{_t(value)}{shown}</dd>")
    if r.as_of:
        rows.append(f"<dt>{_l('as_of')}</dt><dd>{_t(r.as_of)}</dd>")
    return f"<dl>{''.join(rows)}</dl>" if rows else ""


def _derivation(page: _Page, r: Result) -> str:
    if not r.formula:
        return ""
    lines = [f"<p><b>{_l('check') if r.kind == 'check' else _l('formula')}</b> <code>{_t(r.formula)}</code></p>"]
    if r.substituted and r.substituted != r.formula:
        lines.append(f"<p>= <code>{_t(r.substituted)}</code></p>")
    if r.computed:
        value, rng = _computed(r)
        lines.append(f"<p>{'→' if r.kind == 'check' else '='} <b>{_t(value)}</b>"
                     + (f' <span class="iv">({_l("range")} {_t(rng)})</span>' if rng else "") + "</p>")
    inputs = [i for i in r.inputs if i in page.by_id or i == "published"]
    if inputs:
        items = "".join(_input(page, i) for i in inputs)
        lines.append(f'<p class="iv">{_l("inputs")}</p><ul>{items}</ul>')
    return f'<div class="deriv">{"".join(lines)}</div>'


def _input(page: _Page, cid: str) -> str:
    if cid == "published":
        a = page.report.article
        return f"<li><code>published</code> {_t(a.published.value) if a else ''}</li>"
    r = page.by_id[cid]
    value = r.claimed or _computed(r)[0]
    iv = r.claimed_interval if r.claimed else _computed(r)[1]
    shown = f' <span class="iv">[{_t(iv)}]</span>' if iv and iv != value else ""
    return (f'<li><a {page.href(cid)}><code>{_t(cid)}</code></a> {tag(verdict(r))} <b>{_t(value)}</b>{shown} '
            f'<q lang="{_lang(r.quote)}">{_t(r.quote)}</q></li>')


def _findings(r: Result) -> str:
    items = []
    for f in r.findings:
        hints = "".join(f"<li>{_t(h)}</li>" for h in f.hints) if any(h not in f.message for h in f.hints) else ""
        hints_html = f'<p class="iv">{_l("would_hold")}</p><ul class="hints">{hints}</ul>' if hints else ""
        what = _l("reference") if f.what == "reference" else _l("kind_check" if f.what == "check" else "formula")
        items.append(f"<li>{tag(f.status)} <b>{what}</b>: {_t(f.message)}{hints_html}</li>")
    return f'<ul class="findings">{"".join(items)}</ul>' if items else ""


def _source(page: _Page, r: Result) -> str:
    if not r.source:
        return ""
    src = page.report.sources.get(r.source)
    if src is None:
        body = f'<span lang="{_lang(r.source)}">{_t(r.source)}</span>'
    else:
        title = src.title or src.id
        body = (_link(src.url, title) if src.url else _t(title)) + f' <code class="iv">{_t(src.id)}</code>'
        if src.url and not _WEB.match(src.url.strip()):
            body += f' <span class="iv">{_t(src.url)}</span>'
    return f'<p class="source"><b>{_l("source")}</b>: {body}</p>'


def _link(url: str, text: str) -> str:
    """A link for http(s) addresses only; anything else (javascript:, data:) stays text."""
    u = unicodedata.normalize("NFKC", url).strip()
    if not _WEB.match(u) or any(c.isspace() or ord(c) < 32 for c in u):
        return _t(text)
    return (f'<a class="src" href="{_a(u)}" rel="noopener noreferrer external" target="_blank" '
            f'lang="{_lang(text)}">{_t(text)}</a>')

