"""Essay writers in the browser: the Cite panel copies a parsable BibTeX with its locator."""

from __future__ import annotations

import json
import re

import bibtexparser
import pytest
from bs4 import BeautifulSoup

from tests.browser import browser, serve


@pytest.fixture(scope="module")
def site(fixture_book):
    with serve(fixture_book.html) as base:
        yield base


def open_page(chromium, url, **options):
    context = chromium.new_context(viewport={"width": 900, "height": 800}, **options)
    context.grant_permissions(["clipboard-read", "clipboard-write"])
    context.set_default_timeout(5000)
    page = context.new_page()
    requests: list[str] = []
    page.on("request", lambda request: requests.append(request.url))
    page.goto(url)
    return context, page, requests


def test_copy_bibtex_of_a_quotation(site):
    with browser() as chromium:
        context, page, requests = open_page(chromium, f"{site}/text.html")
        page.locator("#lux-tragedy .reader-cite-button").click()
        dialog = page.locator("#reader-cite-dialog")
        assert dialog.is_visible()
        assert "Cite this passage" in dialog.inner_text()
        dialog.get_by_role("button", name="Copy BibTeX").click()
        copied = page.evaluate("navigator.clipboard.readText()")
        library = bibtexparser.parse_string(copied)
        assert [entry.key for entry in library.entries] == ["lux1918"]
        assert not library.failed_blocks
        # the locator travels with it, as a LaTeX citation in a comment line
        assert re.search(r"\\autocite\[\{?p\.~5 \[unverified\]\}?\]\{lux1918\}", copied), copied
        page.keyboard.press("Escape")
        assert dialog.is_hidden()
        assert all(url.startswith(site) for url in requests), requests
        context.close()


def test_cite_a_bibliography_entry_by_keyboard(site):
    with browser() as chromium:
        context, page, _ = open_page(chromium, f"{site}/bibliography.html")
        button = page.locator("#bib-trotsky1932 .reader-cite-button")
        button.focus()
        page.keyboard.press("Enter")
        dialog = page.locator("#reader-cite-dialog")
        assert dialog.is_visible()
        csl = json.loads(dialog.locator("[data-form=csl] pre").inner_text())
        assert csl[0]["id"] == "trotsky1932"
        assert csl[0]["translator"] == [{"family": "Eastman", "given": "Max"}]
        note = dialog.locator("[data-form=note] pre").inner_text()
        assert note.startswith("Leon Trotsky, The History of the Russian Revolution")
        context.close()


def test_selecting_an_entry_copies_its_words_without_the_button(site):
    with browser() as chromium:
        context, page, _ = open_page(chromium, f"{site}/bibliography.html")
        entry = page.locator("#bib-trotsky1932")
        assert entry.locator(".reader-cite-button").is_visible()
        selected = entry.evaluate(
            "node => { getSelection().selectAllChildren(node); return getSelection().toString(); }"
        )
        assert selected.strip().startswith("Trotsky, Leon. The History of the Russian Revolution")
        assert "Cite" not in selected
        context.close()


def test_cite_works_by_touch(site):
    with browser() as chromium:
        context, page, _ = open_page(chromium, f"{site}/text.html", has_touch=True, is_mobile=True)
        page.locator("#lux-tragedy .reader-cite-button").tap()
        assert page.locator("#reader-cite-dialog").is_visible()
        page.get_by_role("button", name="Close").tap()
        assert page.locator("#reader-cite-dialog").is_hidden()
        context.close()


def test_bibliography_entries_carry_coins(fixture_book):
    soup = BeautifulSoup((fixture_book.html / "bibliography.html").read_text(), "html.parser")
    spans = soup.select("p.reader-bib-entry span.Z3988")
    assert len(spans) == 6
    trotsky = soup.select_one("#bib-trotsky1932 span.Z3988")["title"]
    assert "rft.btitle=The+History+of+the+Russian+Revolution" in trotsky
    assert "rft.au=Trotsky%2C+Leon" in trotsky
    mueller = soup.select_one("#bib-mueller1990 span.Z3988")["title"]
    assert "rft.au=M%C3%BCller%2C+J%C3%B6rg" in mueller  # LaTeX accents decoded
    assert "rft.pub=Verlag+%26+Co" in mueller
