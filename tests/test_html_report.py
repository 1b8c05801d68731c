"""`--format html` without a browser: structure, marks, escaping, self-containment."""

from __future__ import annotations

import base64
import hashlib
import re
import shutil
from collections.abc import Iterator
from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path

import pytest
from conftest import ROOT, claim_file, run_cli
from hypothesis import given, settings
from hypothesis import strategies as st

from claimcheck.engine import check_file
from claimcheck.model import FileReport
from claimcheck.quotes import Article
from claimcheck.report import html_report
from claimcheck.report.html_assets import MUTED, PALETTE, PANEL, TEXT, VERDICTS
from claimcheck.report.html_passages import Passage, Span, locate, passages

FIXTURES = ROOT / "tests" / "fixtures" / "html"
EN = FIXTURES / "acme.yaml"
ZH = FIXTURES / "huaxing.yaml"
VOID = {"meta", "br", "hr", "img", "input", "link", "source", "wbr", "area", "base", "col", "embed", "track"}
SVG_VOID = {"circle", "path", "rect", "line", "polyline", "polygon", "ellipse"}


# --- a small tree from html.parser -----------------------------------------------------


@dataclass
class Node:
    tag: str
    attrs: dict[str, str]
    children: list[Node | str] = field(default_factory=list)
    parent: Node | None = None

    def walk(self) -> Iterator[Node]:
        yield self
        for c in self.children:
            if isinstance(c, Node):
                yield from c.walk()

    def text(self, skip_class: str = "") -> str:
        out = []
        for c in self.children:
            if isinstance(c, str):
                out.append(c)
            elif not (skip_class and skip_class in c.classes):
                out.append(c.text(skip_class))
        return "".join(out)

    @property
    def classes(self) -> set[str]:
        return set(self.attrs.get("class", "").split())

    def find_all(self, tag: str = "", cls: str = "", **attrs: str) -> list[Node]:
        return [n for n in self.walk() if (not tag or n.tag == tag) and (not cls or cls in n.classes)
                and all(n.attrs.get(k.replace("_", "-")) == v for k, v in attrs.items())]

    def ancestors(self) -> Iterator[Node]:
        n = self.parent
        while n is not None:
            yield n
            n = n.parent


class _Builder(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.root = Node("#root", {})
        self.cur = self.root
        self.problems: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        node = Node(tag, {k: v or "" for k, v in attrs}, parent=self.cur)
        self.cur.children.append(node)
        if tag not in VOID:
            self.cur = node

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.cur.children.append(Node(tag, {k: v or "" for k, v in attrs}, parent=self.cur))

    def handle_endtag(self, tag: str) -> None:
        if tag in VOID:
            return
        if self.cur.tag != tag:
            self.problems.append(f"</{tag}> closes <{self.cur.tag}>")
            return
        assert self.cur.parent is not None
        self.cur = self.cur.parent

    def handle_data(self, data: str) -> None:
        self.cur.children.append(data)


def parse(page: str) -> Node:
    b = _Builder()
    b.feed(page)
    b.close()
    assert not b.problems, b.problems[:5]
    assert b.cur is b.root, f"unclosed <{b.cur.tag}>"
    return b.root


def report_for(path: Path, article: str | None = None) -> FileReport:
    return check_file(str(path), article)


@pytest.fixture(scope="module", params=[EN, ZH], ids=["en", "zh"])
def fixture(request: pytest.FixtureRequest) -> tuple[FileReport, str, Node]:
    report = report_for(request.param)
    page = html_report.render(report)
    return report, page, parse(page)


# --- passages ----------------------------------------------------------------------------


@pytest.mark.parametrize("text, quotes, spans, missing", [
    ("ab cd ef", [("a", "cd")], [("a", 3, 5)], []),
    ("ab c\nd ef", [("a", "cd")], [("a", 3, 6)], []),  # whitespace ignored, span keeps it
    ("ab cd ef", [("a", "zz"), ("b", "")], [], ["a", "b"]),
    # a repeated quote: the occurrence at or after the previous claim's is taken
    ("x 10 y 10 z", [("a", "y"), ("b", "10")], [("a", 5, 6), ("b", 7, 9)], []),
    ("x 10 y 10 z", [("a", "z"), ("b", "10")], [("a", 10, 11), ("b", 2, 4)], []),  # none after: the first
])
def test_locate(text: str, quotes: list[tuple[str, str]], spans: list[tuple[str, int, int]],
                missing: list[str]) -> None:
    found, lost = locate(Article(text), quotes)
    assert [(s.claim, s.start, s.end) for s in found] == spans
    assert lost == missing


@pytest.mark.parametrize("spans, expected", [
    # apart, and touching: separate passages
    ([("a", 0, 3), ("b", 5, 8)], [(0, 3, ("a",)), (5, 8, ("b",))]),
    ([("a", 0, 3), ("b", 3, 8)], [(0, 3, ("a",)), (3, 8, ("b",))]),
    # nested, crossing and identical: one passage opening every claim
    ([("a", 0, 10), ("b", 2, 4)], [(0, 10, ("a", "b"))]),
    ([("a", 0, 5), ("b", 3, 8)], [(0, 8, ("a", "b"))]),
    ([("a", 2, 6), ("b", 2, 6)], [(2, 6, ("a", "b"))]),
    ([("b", 3, 8), ("a", 0, 5), ("c", 7, 9)], [(0, 9, ("a", "b", "c"))]),
])
def test_passages(spans: list[tuple[str, int, int]], expected: list[tuple[int, int, tuple[str, ...]]]) -> None:
    got = passages([Span(*s) for s in spans])
    assert [(p.start, p.end, p.claims) for p in got] == expected
    for p in got:  # segments tile the passage, each covered at least once
        assert p.segments[0][0] == p.start and p.segments[-1][1] == p.end
        assert all(a[1] == b[0] for a, b in zip(p.segments, p.segments[1:], strict=False))
        assert all(depth >= 1 for _, _, depth in p.segments)


def test_crossing_depths() -> None:
    (p,) = passages([Span("a", 0, 5), Span("b", 3, 8)])
    assert p == Passage(0, 8, ("a", "b"), ((0, 3, 1), (3, 5, 2), (5, 8, 1)))


def _depth_by_recursion(n: str, feeds: dict[str, list[str]], depth: dict[str, int], seen: set[str]) -> int:
    """The graph's rows as first written, recursively: the reference for html_graph._depth."""
    if n in depth:
        return depth[n]
    if n in seen:
        return 0
    seen.add(n)
    depth[n] = 1 + max((_depth_by_recursion(i, feeds, depth, seen) for i in feeds[n]), default=-1)
    return depth[n]


@settings(max_examples=300, deadline=None)
@given(st.lists(st.tuples(st.integers(0, 9), st.integers(0, 9)), max_size=30))
def test_graph_rows_as_the_recursion_gave_them(pairs: list[tuple[int, int]]) -> None:
    """Cycles included (claims in error): the same rows as the recursive walk."""
    from claimcheck.report.html_graph import _depth

    nodes = [f"c{i}" for i in range(10)]
    feeds: dict[str, list[str]] = {n: [] for n in nodes}
    for a, b in pairs:
        if a != b:
            feeds[f"c{b}"].append(f"c{a}")
    got: dict[str, int] = {}
    want: dict[str, int] = {}
    for n in nodes:
        _depth(n, feeds, got, set())
        _depth_by_recursion(n, feeds, want, set())
    assert got == want


def test_a_chain_of_thousands_of_claims_is_drawn() -> None:
    from claimcheck.report.html_graph import _depth

    n = 5000  # deeper than Python's recursion limit
    feeds = {f"c{i}": ([f"c{i - 1}"] if i else []) for i in range(n)}
    feeds["c0"].append(f"c{n - 1}")  # and a cycle through all of them: c0's input is met again, row 0
    depth: dict[str, int] = {}
    assert _depth(f"c{n - 1}", feeds, depth, set()) == n
    assert depth["c0"] == 1


@pytest.mark.parametrize("text, expected", [
    ("one\ntwo\n\nthree", "one two\n\nthree"),
    ("一行\n二行\n\n三", "一行\u200b二行\n\n三"),
    ("one\ntwo", "one\ntwo"),  # no blank lines: the line breaks are the paragraphs
])
def test_unwrap(text: str, expected: str) -> None:
    assert html_report.unwrap(text) == expected
    assert len(html_report.unwrap(text)) == len(text)


# --- the page ----------------------------------------------------------------------------


def test_every_claim_has_one_card_and_a_mark(fixture: tuple[FileReport, str, Node]) -> None:
    report, _, tree = fixture
    ids = [r.id for r in report.results]
    cards = [n.attrs["data-claim"] for n in tree.find_all("article", "card")]
    assert sorted(cards) == sorted(ids)
    assert len(set(cards)) == len(cards)
    marked = [c for m in tree.find_all("a", "mark") for c in m.attrs["data-claims"].split()]
    assert len(set(marked)) == len(marked)
    not_found = {n.attrs["data-claim"] for s in tree.find_all("section", "nf") for n in s.find_all("article", "card")}
    assert set(marked) | not_found == set(ids)
    assert not set(marked) & not_found


def test_marks_reproduce_the_article(fixture: tuple[FileReport, str, Node]) -> None:
    """With the verdict tags taken out, the marked text is the article, every character."""
    report, _, tree = fixture
    assert report.article is not None and report.article.text is not None
    (div,) = tree.find_all("div", "text")
    assert div.text(skip_class="tag") == html_report.unwrap(Article(report.article.text).text)
    art = Article(report.article.text)
    by_id = {r.id: r for r in report.results}
    for m in tree.find_all("a", "mark"):
        passage = re.sub(r"\s", "", m.text(skip_class="tag").replace("\u200b", ""))
        for cid in m.attrs["data-claims"].split():
            assert re.sub(r"\s", "", by_id[cid].quote) in passage
            assert art.find(by_id[cid].quote) >= 0


def test_marks_carry_symbol_and_word(fixture: tuple[FileReport, str, Node]) -> None:
    report, _, tree = fixture
    by_id = {r.id: r for r in report.results}
    for m in tree.find_all("a", "mark"):
        tags = [t for t in m.find_all("span", "tag")]
        shown = {t.attrs["data-verdict"] for t in tags}
        assert shown == {html_report.verdict(by_id[c]) for c in m.attrs["data-claims"].split()}
        for t in tags:  # never by colour alone: the symbol and the word in both languages
            sym, en, zh = VERDICTS[t.attrs["data-verdict"]]
            assert sym in t.text() and en in t.text() and zh in t.text()
        assert m.attrs["href"] == "#" + m.attrs["aria-controls"]  # a link: reachable by keyboard
        (group,) = tree.find_all(id=m.attrs["aria-controls"])
        assert {c.attrs["data-claim"] for c in group.find_all("article", "card")} == set(m.attrs["data-claims"].split())


def test_sidebar_lists_findings_first(fixture: tuple[FileReport, str, Node]) -> None:
    report, _, tree = fixture
    (nav,) = tree.find_all("nav", "side")
    assert nav.find_all("h2")[0].attrs["id"] == "side-h"
    not_found = {n.attrs["data-claim"] for s in tree.find_all("section", "nf") for n in s.find_all("article", "card")}
    listed = [a.attrs["data-card"][2:] for a in nav.find_all("ul")[0].find_all("a")]
    assert listed == [r.id for r in report.results if not r.expected and r.id not in not_found]
    for a in nav.find_all("a"):
        assert tree.find_all(id=a.attrs["href"][1:]), a.attrs["href"]


def test_cards_show_the_figures(fixture: tuple[FileReport, str, Node]) -> None:
    report, _, tree = fixture
    for r in report.results:
        (card,) = tree.find_all("article", "card", data_claim=r.id)
        text = card.text()
        assert r.quote in text
        if r.status == "error":
            assert r.code and r.code in text
            continue
        if r.claimed:
            assert r.claimed in text
            assert r.claimed_interval in text
        if r.computed and r.kind != "check":
            for part in (r.computed_value, r.computed_interval):
                assert part in text
        if r.formula:
            assert r.formula in text and r.substituted in text
        for f in r.findings:
            assert f.message in text
            assert all(h in text for h in f.hints)
        assert all(s in text for s in r.suggestions)
        if r.note:
            assert r.note in text
        src = report.sources.get(r.source)
        if src is not None and src.url:
            assert [a for a in card.find_all("a", "src") if a.attrs["href"] == src.url]


def test_graph(fixture: tuple[FileReport, str, Node]) -> None:
    report, _, tree = fixture
    (svg,) = tree.find_all("svg", "graph")
    links = svg.find_all("a")
    using = {r.id for r in report.results if r.inputs}
    inputs = {i for r in report.results for i in r.inputs}
    assert {a.find_all("title")[0].text().split(" · ")[0] for a in links} == using | inputs
    bad = [r for r in report.results if r.status in ("fail", "warn") and r.inputs]
    if bad:
        assert svg.find_all("path", "hot") or svg.find_all("path", "reviewed")


def test_self_contained(fixture: tuple[FileReport, str, Node]) -> None:
    _, page, tree = fixture
    assert not tree.find_all("link") and not tree.find_all("img") and not tree.find_all("iframe")
    for n in tree.walk():
        assert "src" not in n.attrs and "style" not in n.attrs
        for k in ("href", "xlink:href", "action"):
            v = n.attrs.get(k, "")
            assert not v or v.startswith("#") or ("src" in n.classes and v.startswith("https://")), (n.tag, v)
    (meta,) = [m for m in tree.find_all("meta") if m.attrs.get("http-equiv") == "Content-Security-Policy"]
    csp = meta.attrs["content"]
    assert "default-src 'none'" in csp
    (style,) = tree.find_all("style")
    (script,) = tree.find_all("script")
    for node, key in ((style, "style-src"), (script, "script-src")):
        digest = base64.b64encode(hashlib.sha256(node.text().encode()).digest()).decode()
        assert f"{key} 'sha256-{digest}'" in csp
    assert "http://" not in page.replace('xmlns="http://www.w3.org/2000/svg"', "")


@pytest.mark.parametrize("path, ui, lang", [(EN, "en", "en"), (ZH, "zh", "zh-Hans")])
def test_language(path: Path, ui: str, lang: str) -> None:
    tree = parse(html_report.render(report_for(path)))
    (html,) = tree.find_all("html")
    assert html.attrs["data-ui"] == ui and html.attrs["lang"] == lang
    (div,) = tree.find_all("div", "text")
    assert div.attrs["lang"] == lang
    assert tree.find_all("button", id="ui-lang")


HOSTILE_HEADER = """\
article:
  title: "<img src=http://127.0.0.1:9/t.png onerror=alert(1)> & co"
  outlet: "</title><script>alert(2)</script>"
  published: 2026-03-02
  url: "javascript:alert(3)"
  text: hostile.txt
sources:
  s1:
    title: "\\"><svg onload=alert(4)>"
    url: "javascript:alert(5)"
claims:
"""
HOSTILE_TEXT = 'Says <script>window.__pwned=1</script> revenue of 5 million "quoted" & <b>bold</b> 7 units.\n'
HOSTILE_CLAIMS = """
revenue:
  quote: <script>window.__pwned=1</script> revenue of 5 million
  value: 5 million
  source: s1
  note: "</article><script>alert(6)</script>"
units:
  quote: '& <b>bold</b> 7 units'
  value: 7 units
  source: "<i onmouseover=alert(7)>them</i>"
"""


def hostile(tmp_path: Path) -> Path:
    (tmp_path / "hostile.txt").write_text(HOSTILE_TEXT, encoding="utf-8")
    return claim_file(tmp_path, HOSTILE_CLAIMS, HOSTILE_HEADER)


def test_every_text_is_escaped(tmp_path: Path) -> None:
    report = report_for(hostile(tmp_path))
    assert not report.errors and all(r.status != "error" for r in report.results), report.results
    page = html_report.render(report)
    tree = parse(page)
    assert len(tree.find_all("script")) == 1  # ours
    assert not tree.find_all("img") and not tree.find_all("i")
    assert not [b for b in tree.find_all("b") if b.text() == "bold"]
    for n in tree.walk():
        assert not [k for k in n.attrs if k.startswith("on")], (n.tag, n.attrs)
        assert not n.attrs.get("href", "").lower().startswith("javascript")
    (div,) = tree.find_all("div", "text")
    assert "<script>window.__pwned=1</script>" in div.text()
    (title,) = tree.find_all("title")
    assert title.text().startswith("<img src=")
    (card,) = tree.find_all("article", "card", data_claim="revenue")
    assert "</article><script>alert(6)</script>" in card.text()
    assert 'javascript:alert(5)' in card.text()  # shown as text, not linked


def test_without_text_cards_in_article_order() -> None:
    report = report_for(EN)
    assert report.article is not None
    report.article = report.article._replace(text=None, text_path="")
    tree = parse(html_report.render(report))
    assert not tree.find_all("a", "mark") and not tree.find_all("aside", id="panel")
    cards = [n.attrs["data-claim"] for n in tree.find_all("article", "card")]
    assert cards == [r.id for r in report.results]
    (nav,) = tree.find_all("nav", "side")
    assert all(a.attrs["href"].startswith("#c-") for a in nav.find_all("a"))


def test_file_error_page(tmp_path: Path) -> None:
    path = tmp_path / "broken.yaml"
    path.write_text("article: [\n", encoding="utf-8")
    report = report_for(path)
    assert report.errors
    tree = parse(html_report.render(report))
    assert report.errors[0].code in tree.text()
    assert not tree.find_all("article", "card")


# --- through the CLI ---------------------------------------------------------------------


def test_cli_writes_beside_the_claim_file(tmp_path: Path) -> None:
    for name in ("acme.yaml", "acme.txt"):
        shutil.copy(FIXTURES / name, tmp_path / name)
    proc = run_cli("run", "--format", "html", str(tmp_path / "acme.yaml"))
    target = tmp_path / "acme.report.html"
    assert proc.returncode == 2  # the fixture has a claim in error (its quote is not in the text)
    assert target.exists() and str(target) in proc.stderr
    parse(target.read_text(encoding="utf-8"))


def test_cli_output(tmp_path: Path) -> None:
    out = tmp_path / "zh.html"
    proc = run_cli("run", "--format", "html", "--output", str(out), str(ZH))
    assert proc.returncode == 1, proc.stderr  # one unexpected fail
    tree = parse(out.read_text(encoding="utf-8"))
    assert len(tree.find_all("article", "card")) == len(report_for(ZH).results)
    again = run_cli("run", "--format", "html", "--output", str(out), str(ZH))
    assert again.returncode == 2 and "--force" in again.stderr


# --- contrast ------------------------------------------------------------------------------


def _luminance(colour: str) -> float:
    rgb = [int(colour[i:i + 2], 16) / 255 for i in (1, 3, 5)]
    lin = [c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4 for c in rgb]
    return 0.2126 * lin[0] + 0.7152 * lin[1] + 0.0722 * lin[2]


def contrast(a: str, b: str) -> float:
    hi, lo = sorted((_luminance(a), _luminance(b)), reverse=True)
    return (hi + 0.05) / (lo + 0.05)


@pytest.mark.parametrize("verdict", list(PALETTE))
def test_contrast(verdict: str) -> None:
    fg, bg, border = PALETTE[verdict]
    assert contrast(fg, bg) >= 4.5  # a tag's word on its mark's colour
    assert contrast(fg, "#ffffff") >= 4.5  # ... and on white
    assert contrast(TEXT, bg) >= 4.5  # the article's words on the mark
    assert contrast(border, "#ffffff") >= 3  # the mark's underline and the card's edge


def test_contrast_of_the_page() -> None:
    assert contrast(MUTED, "#ffffff") >= 4.5 and contrast(MUTED, PANEL) >= 4.5
    assert contrast(TEXT, PANEL) >= 4.5
