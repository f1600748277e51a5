"""Popups in the HTML, in a real browser: hover, keyboard, Escape, a phone's width, no network."""

from __future__ import annotations

import pytest

from tests.browser import browser, serve

PHONE = {"width": 375, "height": 700}


@pytest.fixture(scope="module")
def site(fixture_book):
    with serve(fixture_book.html) as base:
        yield base


@pytest.fixture
def page(site):
    with browser() as chromium:
        context = chromium.new_context(viewport=PHONE)
        context.set_default_timeout(5000)
        page = context.new_page()
        requests: list[str] = []
        page.on("request", lambda request: requests.append(request.url))
        page.goto(f"{site}/text.html")
        page.wait_for_load_state("networkidle")
        page.requests = requests  # type: ignore[attr-defined]
        yield page
        context.close()


def mention(page, text: str):
    return page.locator(".reader-mention a", has_text=text).first


def popup_box(page):
    popup = page.locator("#reader-popup")
    assert popup.is_visible()
    return popup.bounding_box()


def test_hover_shows_the_annotation(page):
    mention(page, "Trotsky").hover()
    popup = page.locator("#reader-popup")
    assert popup.is_visible()
    assert "Leon Trotsky" in popup.inner_text()
    assert "Revolutionary and historian of the revolution." in popup.inner_text()
    assert mention(page, "Trotsky").get_attribute("aria-describedby") == "reader-popup"


def test_keyboard_focus_shows_it_and_escape_closes_it(page):
    mention(page, "soviets").focus()
    popup = page.locator("#reader-popup")
    assert popup.is_visible()
    assert "A council of workers’ or soldiers’ delegates." in popup.inner_text()
    page.keyboard.press("Escape")
    assert popup.is_hidden()
    assert page.evaluate("document.activeElement.textContent") == "soviets"


def test_footnote_marker_shows_the_note(page):
    page.hover("a.footnote-reference >> nth=0")
    text = page.locator("#reader-popup").inner_text()
    assert "Leon Trotsky, The History of the Russian Revolution" in text


def test_popup_fits_a_phone_and_moves_nothing(page):
    paragraph = page.locator("section p >> nth=1")
    before = paragraph.bounding_box()
    mention(page, "soviets").hover()
    box = popup_box(page)
    assert box["x"] >= 0 and box["x"] + box["width"] <= PHONE["width"]
    assert paragraph.bounding_box() == before


def test_tap_shows_then_follows(site):
    with browser() as chromium:
        context = chromium.new_context(viewport=PHONE, has_touch=True, is_mobile=True)
        context.set_default_timeout(5000)
        page = context.new_page()
        page.goto(f"{site}/text.html")
        soviets = mention(page, "soviets")
        soviets.tap()
        assert page.locator("#reader-popup").is_visible()
        assert page.url.endswith("/text.html")
        soviets.tap()
        page.wait_for_url("**/glossary.html#ann-gloss-soviet")
        context.close()


def test_no_request_leaves_the_site(page, site):
    mention(page, "Trotsky").hover()
    assert page.requests and all(url.startswith(site) for url in page.requests), page.requests
