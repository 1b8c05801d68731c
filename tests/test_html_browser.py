"""`--format html` in a real browser: Debian's Chromium, driven by Playwright for Python.

The browser is the system's /usr/bin/chromium (never one Playwright downloads).  Every
request the page makes is recorded and any but the report file itself is aborted and
fails the test.  Screenshots and the reports go to test-artifacts/.
"""

from __future__ import annotations

import os
import shutil
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest
from conftest import ROOT, run_cli
from test_html_report import EN, ZH, hostile

from claimcheck.engine import check_file
from claimcheck.model import FileReport

CHROMIUM = "/usr/bin/chromium"
ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
        "--disable-background-networking", "--disable-component-update", "--disable-sync"]
ARTIFACTS = ROOT / "test-artifacts"
KUAISHOU = ROOT / "claims" / "kuaishou.yaml"
KUAISHOU_TEXT_ARG = "../shared/articles/kuaishou-kling.zh.txt"  # as a user passes it, from the repo root
KUAISHOU_TEXT = (ROOT / KUAISHOU_TEXT_ARG).resolve()
MAX_TABS = 400

pytestmark = pytest.mark.skipif(not os.access(CHROMIUM, os.X_OK),
                                reason=f"Debian's chromium is not installed at {CHROMIUM} (apt-get install chromium)")
sync_api = pytest.importorskip("playwright.sync_api", reason="Playwright for Python is not installed (pip install playwright)")


@dataclass
class Opened:
    page: Any  # playwright Page
    url: str
    requests: list[str] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)
    dialogs: list[str] = field(default_factory=list)

    def assert_quiet(self) -> None:
        """No request but the file itself, no script error, no dialog."""
        assert self.requests == [self.url], self.requests
        assert self.errors == [], self.errors
        assert self.dialogs == [], self.dialogs


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    with sync_api.sync_playwright() as p:
        b = p.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        yield b
        b.close()


@pytest.fixture
def open_report(browser: Any) -> Iterator[Callable[..., Opened]]:
    contexts: list[Any] = []

    def _open(path: Path, width: int = 1280, height: int = 800) -> Opened:
        ctx = browser.new_context(viewport={"width": width, "height": height}, service_workers="block")
        contexts.append(ctx)
        page = ctx.new_page()
        opened = Opened(page, path.resolve().as_uri())
        page.on("request", lambda r: opened.requests.append(r.url))
        page.on("console", lambda m: opened.errors.append(m.text) if m.type in ("error", "warning") else None)
        page.on("pageerror", lambda e: opened.errors.append(str(e)))
        page.on("dialog", lambda d: (opened.dialogs.append(d.message), d.dismiss()))
        ctx.route("**/*", lambda route: route.continue_() if route.request.url == opened.url else route.abort())
        page.goto(opened.url, wait_until="load")
        return opened

    yield _open
    for ctx in contexts:
        ctx.close()


def write_report(claims: Path, out: Path, *extra: str) -> Path:
    proc = run_cli("run", "--format", "html", "--output", str(out), "--force", *extra, str(claims))
    assert out.exists(), proc.stderr
    ARTIFACTS.mkdir(exist_ok=True)
    shutil.copy(out, ARTIFACTS / out.name)
    return out


def claim_ids(claims: Path, article: str | None = None) -> list[str]:
    report = check_file(str(claims), article)
    assert not report.errors, report.errors
    return [r.id for r in report.results]


def marked_and_not_found(page: Any) -> tuple[list[str], list[str]]:
    """Claim ids of the visible marks, and of the cards in the 'not found in the text' section."""
    return page.evaluate("""() => [
      [...document.querySelectorAll('.mark')].filter(m => m.getClientRects().length)
         .flatMap(m => m.dataset.claims.split(' ')),
      [...document.querySelectorAll('.nf .card')].map(c => c.dataset.claim)]""")


def click_failing_mark(opened: Opened) -> Any:
    """Click the first mark with a failing claim; the open card of that claim, checked visible."""
    page = opened.page
    mark = page.locator('.mark[data-status="fail"]').first
    mark.click()
    group = page.locator(".group.open")
    assert group.count() == 1
    assert mark.get_attribute("aria-expanded") == "true"
    assert group.get_attribute("id") == mark.get_attribute("aria-controls")
    card = group.locator('.card[data-status="fail"]').first
    assert card.is_visible() and card.bounding_box() is not None
    box = card.bounding_box()
    assert box["y"] < page.viewport_size["height"] and box["y"] + 40 > 0
    assert page.locator(".group:not(.open) .card").first.is_hidden()
    return card


# --- the Kuaishou report -----------------------------------------------------------------


@pytest.fixture(scope="module")
def kuaishou(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, FileReport]:
    if not KUAISHOU_TEXT.exists():
        pytest.skip(f"the Kuaishou article text is not at {KUAISHOU_TEXT_ARG} (the shared folder beside the repo)")
    out = write_report(KUAISHOU, tmp_path_factory.mktemp("ks") / "kuaishou.report.html",
                       "--article", KUAISHOU_TEXT_ARG)
    report = check_file(str(KUAISHOU), str(KUAISHOU_TEXT))
    assert not report.errors, report.errors
    return out, report


def test_kuaishou_every_claim_marked(open_report: Callable[..., Opened], kuaishou: tuple[Path, FileReport]) -> None:
    path, report = kuaishou
    ids = [r.id for r in report.results]
    opened = open_report(path)
    marked, not_found = marked_and_not_found(opened.page)
    assert sorted(marked) == sorted(ids)  # each claim once, and none outside the text
    assert not_found == []
    assert opened.page.locator(".card").count() == len(ids)
    opened.assert_quiet()


def test_kuaishou_failing_mark_opens_its_card(open_report: Callable[..., Opened],
                                              kuaishou: tuple[Path, FileReport]) -> None:
    path, report = kuaishou
    opened = open_report(path, 1280, 860)
    page = opened.page
    assert page.locator("html").get_attribute("data-ui") == "zh"  # a Chinese article: Chinese labels
    card = click_failing_mark(opened)
    r = next(x for x in report.results if x.id == card.get_attribute("data-claim"))
    assert r.status == "fail"
    text = card.inner_text()
    assert r.quote in text and r.claimed in text and r.note in text
    assert all(f.message in text for f in r.findings)
    src = report.sources.get(r.source)
    if src is not None and src.url.startswith("https://"):
        assert card.locator(f'a.src[href="{src.url}"]').count() == 1
    assert "声称" in text and "备注" in text
    word = card.locator("h3 .tag")
    zh_word = word.inner_text()
    page.locator("#ui-lang").click()  # the labels in English
    assert page.locator("html").get_attribute("lang") == "en"
    en_text = card.inner_text()
    assert "claimed" in en_text and "note" in en_text and "声称" not in en_text
    assert word.inner_text() != zh_word and word.inner_text().lower().split()[1] in ("fail", "reviewed")
    page.locator("#ui-lang").click()
    page.screenshot(path=str(ARTIFACTS / "kuaishou-report.png"))
    opened.assert_quiet()


def test_kuaishou_sidebar_finding_goes_to_its_mark(open_report: Callable[..., Opened],
                                                   kuaishou: tuple[Path, FileReport]) -> None:
    path, _ = kuaishou
    opened = open_report(path)
    page = opened.page
    link = page.locator("nav.side ul a[data-card]").first
    link.click()
    mark_id = link.get_attribute("data-mark")
    assert page.evaluate("document.activeElement.id") == mark_id
    card = page.locator(f'#{link.get_attribute("data-card")}')
    assert card.is_visible() and "current" in (card.get_attribute("class") or "")
    page.screenshot(path=str(ARTIFACTS / "kuaishou-report-finding.png"))
    opened.assert_quiet()


def test_kuaishou_keyboard(open_report: Callable[..., Opened], kuaishou: tuple[Path, FileReport]) -> None:
    """Tab reaches a mark and opens its cards; Enter moves into them; Escape goes back."""
    path, _ = kuaishou
    opened = open_report(path)
    page = opened.page
    for _ in range(MAX_TABS):
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement.classList.contains('mark')"):
            break
    else:
        pytest.fail(f"no mark reached in {MAX_TABS} presses of Tab")
    mark_id = page.evaluate("document.activeElement.id")
    mark = page.locator(f"#{mark_id}")
    assert mark.get_attribute("aria-expanded") == "true"
    group = page.locator(f'#{mark.get_attribute("aria-controls")}')
    assert group.is_visible() and group.locator(".card").first.is_visible()
    page.keyboard.press("Enter")
    assert page.evaluate("document.activeElement.classList.contains('group-h')")
    page.keyboard.press("Escape")
    assert page.evaluate("document.activeElement.id") == mark_id
    page.keyboard.press("Tab")  # the next mark opens its own cards
    nxt = page.evaluate("document.activeElement.id")
    if nxt.startswith("p-"):
        assert page.locator(f"#{nxt}").get_attribute("aria-expanded") == "true"
    opened.assert_quiet()


def test_kuaishou_printable(open_report: Callable[..., Opened], kuaishou: tuple[Path, FileReport]) -> None:
    path, report = kuaishou
    ids = [r.id for r in report.results]
    opened = open_report(path)
    page = opened.page
    page.emulate_media(media="print")
    visible = page.evaluate("[...document.querySelectorAll('.card')].filter(c => c.getClientRects().length).length")
    assert visible == len(ids)
    assert page.locator("nav.side").is_hidden()
    assert page.locator(".mark .tag").first.is_visible()  # the verdict words print with the text
    opened.assert_quiet()


# --- the fixtures: English and Chinese ---------------------------------------------------------


@pytest.mark.parametrize("claims", [EN, ZH], ids=["en", "zh"])
def test_fixture_report(open_report: Callable[..., Opened], tmp_path: Path, claims: Path) -> None:
    path = write_report(claims, tmp_path / f"{claims.stem}.report.html")
    ids = claim_ids(claims)
    opened = open_report(path)
    marked, not_found = marked_and_not_found(opened.page)
    assert sorted(marked + not_found) == sorted(ids)
    card = click_failing_mark(opened)
    assert card.locator("blockquote").inner_text().strip("“”") in opened.page.locator(".text").inner_text()
    opened.page.screenshot(path=str(ARTIFACTS / f"{claims.stem}-report.png"))
    opened.assert_quiet()


def test_narrow_screen(open_report: Callable[..., Opened], tmp_path: Path) -> None:
    """On a phone the cards open in a sheet at the bottom, and the mark stays in sight above it."""
    path = write_report(EN, tmp_path / "acme.report.html")
    opened = open_report(path, 400, 780)
    page = opened.page
    assert page.locator("#panel").is_hidden()
    mark = page.locator('.mark[data-status="fail"]').first
    mark.click()
    panel = page.locator("#panel")
    assert panel.is_visible()
    assert mark.bounding_box()["y"] + 10 < panel.bounding_box()["y"]
    page.locator("#panel .close").click()
    assert panel.is_hidden()
    page.screenshot(path=str(ARTIFACTS / "acme-report-narrow.png"))
    opened.assert_quiet()


def test_script_in_quote_is_shown_not_run(open_report: Callable[..., Opened], tmp_path: Path) -> None:
    path = write_report(hostile(tmp_path), tmp_path / "hostile.report.html")
    opened = open_report(path)
    page = opened.page
    assert page.evaluate("typeof window.__pwned") == "undefined"
    mark = page.locator('.mark[data-claims~="revenue"]')
    assert "<script>window.__pwned=1</script>" in mark.inner_text()
    mark.click()
    card = page.locator('.card[data-claim="revenue"]')
    assert "</article><script>alert(6)</script>" in card.inner_text()
    assert page.title().startswith("<img src=")
    assert page.evaluate("typeof window.__pwned") == "undefined"
    opened.assert_quiet()  # the title's <img src=http://…> made no request; no alert() ran
