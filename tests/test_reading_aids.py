"""Reading aids of the site, in a real browser: popups that fit a phone, a print
stylesheet, Cite buttons that move nothing, a favicon and targets big enough to tap."""

from __future__ import annotations

import json
import re
import subprocess
import time

import pytest
from bs4 import BeautifulSoup
from docutils import nodes
from docutils.utils import new_document

from tests.browser import browser, serve

PHONE = {"width": 375, "height": 667}
DESKTOP = {"width": 1200, "height": 800}
TAP = 24  # px: WCAG 2.2, 2.5.8 Target Size (Minimum)


@pytest.fixture(scope="module")
def site(edition):
    with serve(edition.html) as base:
        yield base


@pytest.fixture(scope="module")
def chapters(edition) -> list[str]:
    """The chapters' pages (01-february.html, ...): the pages with notes."""
    names = sorted(p.name for p in edition.html.glob("[0-9][0-9]-*.html"))
    assert names
    return names


@pytest.fixture(scope="module")
def chromium():
    with browser() as instance:
        yield instance


def new_page(chromium, viewport, **options):
    context = chromium.new_context(viewport=viewport, **options)
    context.set_default_timeout(10000)
    return context, context.new_page()


# every note's popup, opened by keyboard focus: its box, and whether its words fit it
OPEN_EVERY_NOTE = """() => [...document.querySelectorAll('a.footnote-reference')].map(link => {
  link.scrollIntoView({block: 'center', behavior: 'instant'});
  link.focus({preventScroll: true});
  const popup = document.getElementById('reader-popup');
  const r = popup.getBoundingClientRect();
  const fits = popup.scrollWidth <= popup.clientWidth;
  link.blur();
  return {note: link.getAttribute('href'), left: r.left, top: r.top, right: r.right,
          bottom: r.bottom, fits: fits, shown: r.width > 0};
})"""


def test_every_note_popup_fits_a_phone(site, chromium, chapters):
    context, page = new_page(chromium, PHONE, has_touch=True, is_mobile=True)
    opened = 0
    for name in chapters:
        page.goto(f"{site}/{name}")
        for box in page.evaluate(OPEN_EVERY_NOTE):
            where = f"{name} {box}"
            assert box["shown"], where
            assert box["fits"], f"the note's words run out of its popup: {where}"
            assert box["left"] >= 0 and box["right"] <= PHONE["width"], where
            assert box["top"] >= 0 and box["bottom"] <= PHONE["height"], where
            opened += 1
    assert opened > 100  # every chapter's notes, the long addresses among them
    context.close()


def test_a_long_address_wraps_inside_its_popup(site, chromium, chapters):
    context, page = new_page(chromium, PHONE, has_touch=True, is_mobile=True)
    page.goto(f"{site}/{chapters[0]}")
    # the note whose address is the longest on the page
    longest = page.evaluate("""() => {
      const notes = [...document.querySelectorAll('a.footnote-reference')];
      const length = a => Math.max(0, ...[...document.getElementById(
        a.getAttribute('href').slice(1)).querySelectorAll('a.reference.external')]
        .map(e => e.textContent.length));
      return notes.map(length).reduce((best, n, i, all) => n > all[best] ? i : best, 0);
    }""")
    link = page.locator("a.footnote-reference").nth(longest)
    link.tap()
    popup = page.locator("#reader-popup")
    address = popup.locator("a.reference.external").first
    assert len(address.inner_text()) > 40
    inner, outer = address.bounding_box(), popup.bounding_box()
    assert inner["x"] + inner["width"] <= outer["x"] + outer["width"]
    assert outer["x"] + outer["width"] <= PHONE["width"]
    context.close()


def test_print_shows_the_text_without_the_sites_controls(site, chromium, tmp_path):
    context, page = new_page(chromium, DESKTOP)
    page.goto(f"{site}/03-civil-war.html")
    page.emulate_media(media="print")
    for selector in (".skip-to-content", ".reader-cite-button", ".sidebar-drawer",
                     ".toc-drawer", ".mobile-header", ".back-to-top"):  # fmt: skip
        assert page.locator(selector).first.is_hidden(), selector
    assert page.locator("article h1").is_visible()
    assert page.locator("a.reader-pn").first.is_visible()  # numbers to cite by
    # a link whose words are not its address prints the address; a note's address
    # (its own words) and a note marker print nothing more
    after = page.evaluate("""() => {
      const named = document.createElement('a');
      named.href = 'https://example.org/a';
      named.className = 'reference external reader-named-link';
      named.textContent = 'a named link';
      document.querySelector('article p').appendChild(named);
      const content = e => getComputedStyle(e, '::after').content;
      const noted = document.querySelector('aside.footnote a.reference.external');
      return [content(named), content(noted),
              content(document.querySelector('a.footnote-reference'))];
    }""")
    assert after == ['" (https://example.org/a)"', "none", "none"], after
    pdf = tmp_path / "chapter.pdf"
    page.pdf(path=str(pdf), format="A4")
    text = subprocess.run(
        ["pdftotext", "-enc", "UTF-8", str(pdf), "-"], capture_output=True, text=True, check=True
    ).stdout
    assert "Civil war, intervention" in text
    assert "Skip to content" not in text
    assert not re.search(r"^\s*Cite\s*$", text, re.MULTILINE)
    context.close()


def test_named_links_are_marked_for_print():
    from types import SimpleNamespace

    from reader.extension.reading_aids import NAMED_LINK, mark_named_links

    doctree = new_document("test")
    named = nodes.reference("", "the archive", refuri="https://example.org/archive")
    bare = nodes.reference("", "https://example.org/x", refuri="https://example.org/x")
    inside = nodes.reference("", "People", refuri="people.html")
    doctree += nodes.paragraph("", "", named, bare, inside)
    mark_named_links(SimpleNamespace(builder=SimpleNamespace(name="html")), doctree, "x")
    assert [NAMED_LINK in r["classes"] for r in (named, bare, inside)] == [True, False, False]


def test_cite_buttons_are_in_the_page_as_built(edition, chapters):
    for name in [*chapters, "index.html", "bibliography.html"]:
        soup = BeautifulSoup((edition.html / name).read_text(encoding="utf-8"), "html.parser")
        data = json.loads(soup.select_one("#reader-citations").string)
        buttons = soup.select("button.reader-cite-button[data-cite]")
        assert {b["data-cite"] for b in buttons} == set(data) - {"reader-paragraph"}, name
        for button in buttons:
            assert button.get_text() == "Cite" and button["aria-haspopup"] == "dialog"
    chapter = BeautifulSoup((edition.html / chapters[0]).read_text(encoding="utf-8"), "html.parser")
    assert chapter.select_one("h1 + button.reader-cite-button")["data-cite"] == "reader-text"


# layout shifts, as chromium reports them, until the page has settled
LAYOUT_SHIFT = """() => new Promise(done => {
  let total = 0;
  new PerformanceObserver(list => {
    for (const e of list.getEntries()) { if (!e.hadRecentInput) total += e.value; }
  }).observe({type: 'layout-shift', buffered: true});
  setTimeout(() => done(total), 300);
})"""
POSITIONS = "() => [...document.querySelectorAll('article p, article h2')].map(e => e.offsetTop)"


@pytest.mark.parametrize("viewport", [PHONE, DESKTOP], ids=["phone", "desktop"])
def test_the_script_moves_nothing(site, chromium, chapters, viewport):
    # without the script: where everything is
    context, page = new_page(chromium, viewport, java_script_enabled=False)
    page.goto(f"{site}/{chapters[0]}")
    before = page.evaluate(POSITIONS)
    context.close()
    # with it, late (after the first paint, as on a slow connection)
    context, page = new_page(chromium, viewport)

    def late(route):
        time.sleep(0.4)
        route.continue_()

    page.route("**/reader.js*", late)
    page.goto(f"{site}/{chapters[0]}")
    page.locator("h1 + .reader-cite-button[data-ready]").wait_for()
    assert page.evaluate(LAYOUT_SHIFT) < 0.01
    assert page.evaluate(POSITIONS) == before
    assert page.locator("h1 + .reader-cite-button").is_visible()
    context.close()


def test_every_page_links_a_favicon_that_exists(site, edition, chromium):
    for page_file in edition.html.glob("*.html"):
        soup = BeautifulSoup(page_file.read_text(encoding="utf-8"), "html.parser")
        icon = soup.select_one('link[rel~="icon"]')
        assert icon is not None, page_file.name
        assert (edition.html / icon["href"].split("?")[0]).is_file(), icon["href"]
    context, page = new_page(chromium, DESKTOP)
    failed: list[str] = []
    page.on("response", lambda r: failed.append(r.url) if r.status >= 400 else None)
    page.goto(f"{site}/index.html")
    href = page.get_attribute('link[rel~="icon"]', "href")
    response = page.request.get(f"{site}/{href}")
    assert response.ok and b"<svg" in response.body()
    assert not [url for url in failed if "favicon" in url], failed
    context.close()


# the boxes of every visible note marker, paragraph number and Cite button
BOXES = """selector => [...document.querySelectorAll(selector)]
  .filter(e => e.getClientRects().length && getComputedStyle(e).visibility !== 'hidden')
  .map(e => { const r = e.getBoundingClientRect();
              return {text: e.textContent.trim(), width: r.width, height: r.height}; })"""
TARGETS = ["a.footnote-reference", "a.reader-pn", "button.reader-cite-button"]


@pytest.mark.parametrize("viewport", [PHONE, DESKTOP], ids=["phone", "desktop"])
def test_targets_are_at_least_24_px(site, chromium, chapters, viewport):
    context, page = new_page(chromium, viewport)
    for name in [*chapters, "bibliography.html"]:
        page.goto(f"{site}/{name}")
        page.locator(".reader-cite-button[data-ready]").first.wait_for()
        for selector in TARGETS:
            for box in page.evaluate(BOXES, selector):
                assert box["width"] >= TAP and box["height"] >= TAP, (name, selector, box)
    # any button a note's popup has (to close it), and the Cite panel's own
    page.goto(f"{site}/{chapters[0]}")
    page.locator("a.footnote-reference").first.focus()
    for box in page.evaluate(BOXES, "#reader-popup button"):
        assert box["width"] >= TAP and box["height"] >= TAP, ("popup", box)
    page.keyboard.press("Escape")
    page.locator("h1 + .reader-cite-button").click()
    boxes = page.evaluate(BOXES, "#reader-cite-dialog button")
    assert len(boxes) > 1
    for box in boxes:
        assert box["width"] >= TAP and box["height"] >= TAP, ("Cite panel", box)
    context.close()
