"""Words in another language carry their language in the site and the EPUB, so that
screen readers and e-readers read them in it (WCAG 3.1.2, Language of Parts)."""

from __future__ import annotations

import re
import zipfile

from bs4 import BeautifulSoup

CYRILLIC = re.compile(r"[\u0400-\u04FF]")


def language(node) -> str:
    """The language a text node is in: that of its nearest ancestor with one."""
    for parent in node.parents:
        tag = parent.get("xml:lang") or parent.get("lang") if parent.name else None
        if tag:
            return tag
    return ""


def unmarked_cyrillic(markup: str, document_language: str = "en") -> list[str]:
    soup = BeautifulSoup(markup, "html.parser")
    return [
        text.strip()[:60]
        for text in soup.find_all(string=CYRILLIC)
        if text.parent.name not in ("script", "style") and language(text) in ("", document_language)
    ]


def test_no_russian_words_unmarked_on_the_site(edition):
    found = {
        page.name: bad
        for page in sorted(edition.html.glob("*.html"))
        if (bad := unmarked_cyrillic(page.read_text(encoding="utf-8")))
    }
    assert found == {}
    people = (edition.html / "people.html").read_text(encoding="utf-8")
    assert '<span lang="ru">Лев Давидович Троцкий</span>' in people


def test_no_russian_words_unmarked_in_the_ebook(edition):
    found = {}
    with zipfile.ZipFile(edition.epub) as book:
        for name in book.namelist():
            if name.endswith(".xhtml"):
                markup = book.read(name).decode("utf-8")
                if bad := unmarked_cyrillic(markup):
                    found[name] = bad
        people = next(n for n in book.namelist() if n.endswith("people.xhtml"))
        assert 'lang="ru" xml:lang="ru">Лев Давидович Троцкий<' in book.read(people).decode()
    assert found == {}


def test_an_originals_own_language_and_a_german_title_in_the_text(edition):
    people = BeautifulSoup(
        (edition.html / "people.html").read_text(encoding="utf-8"), "html.parser"
    )
    polish = people.find(string="Róża Luksemburg")
    assert polish is not None and language(polish) == "pl"  # its :lang: over conf.py's ru
    guide = BeautifulSoup(
        (edition.html / "sources-guide.html").read_text(encoding="utf-8"), "html.parser"
    )
    title = guide.find("em", string="Die russische Revolution")
    assert title is not None and language(title.string) == "de"  # :lang:`*…* <de>`


def test_a_works_title_in_its_language_in_the_notes(edition):
    """refs.bib's ``langid = {german}`` marks the title wherever a note prints it."""
    page = BeautifulSoup(
        (edition.html / "05-isolation.html").read_text(encoding="utf-8"), "html.parser"
    )
    for data in page.find_all("script"):
        data.decompose()  # the Cite panel's data: JSON, not text
    titles = page.find_all(string=re.compile("Zur russischen Revolution"))
    assert titles and all(language(title) == "de" for title in titles)
    english = page.find_all(string=re.compile("The Russian Revolution"))
    assert english and all(language(title) in ("", "en") for title in english)


def test_the_fixture_book_marks_its_originals_in_every_edition(fixture_book):
    people = (fixture_book.html / "people.html").read_text(encoding="utf-8")
    assert '<span lang="ru">Лев Давидович Троцкий</span>' in people
    with zipfile.ZipFile(fixture_book.epub) as book:
        name = next(n for n in book.namelist() if n.endswith("people.xhtml"))
        assert 'xml:lang="ru"' in book.read(name).decode()
    assert "Лев Давидович Троцкий" in fixture_book.pdf_text()
