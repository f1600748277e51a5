"""Citation notes as a reader meets them in the fixture book: forms, order, every edition."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from sphinx.application import Sphinx
from sphinx.util.docutils import docutils_namespace, patch_docutils

from tests.conftest import BOOK

# The notes of tests/roots/book/source_texts/text.rst, in reading order, as CMOS prints them.
TEXT_NOTES = [
    "Leon Trotsky, The History of the Russian Revolution, trans. Max Eastman, 3 vols. (1932), "
    "vol. 1, ch. 7.",
    "A hand-written note, defined after a citation note that follows it.",
    "See Trotsky, History of the Russian Revolution, vol. 1, ch. 8; Rosa Luxemburg, "
    "“The Russian Tragedy,” Spartacus, no. 11 (September 1918): 3 [unverified].",
    "V. I. Lenin, “Can the Bolsheviks Retain State Power?” in Collected Works, vol. 26 "
    "(Moscow: Progress Publishers, 1964), 90–91.",
    "“February Revolution,” Wikipedia, accessed 25 November 2026, "
    "https://en.wikipedia.org/wiki/February_Revolution.",
    "Лев Троцкий, История русской революции (Берлин: Гранит, 1930), 5.",
    "Jörg Müller, Die Frères und die Revolution (Verlag & Co, 1990), 7.",
    "Luxemburg, “Russian Tragedy,” 5 [unverified].",
]

WORKS_CITED = [
    "Lenin, V. I. “Can the Bolsheviks Retain State Power?” In Collected Works, vol. 26, "
    "87–136. Moscow: Progress Publishers, 1964.",
    "Luxemburg, Rosa. “The Russian Tragedy.” Spartacus, no. 11 (September 1918).",
    "Müller, Jörg. Die Frères und die Revolution. Verlag & Co, 1990.",
    "Trotsky, Leon. The History of the Russian Revolution. Translated by Max Eastman. "
    "3 vols. 1932. Originally published as История русской революции (1930).",
    # an unsigned web page is listed under the site that publishes it (CMOS 18)
    "Wikipedia. “February Revolution.” Accessed 25 November 2026. "
    "https://en.wikipedia.org/wiki/February_Revolution.",
    "Троцкий, Лев. История русской революции. Берлин: Гранит, 1930.",
]


def text_of(node) -> str:
    """The words a reader reads (and copies): the Cite buttons are controls, not text."""
    for button in node.select("button"):
        button.decompose()
    text = node.get_text("", strip=False)
    return re.sub(r"\s+", " ", text).strip()


def html_notes(html: str) -> list[tuple[str, str]]:
    """(number, text) of each note, in the order the page lists them."""
    soup = BeautifulSoup(html, "html.parser")
    return [
        (text_of(aside.select_one(".label")).strip("[]"), text_of(aside.find("p")))
        for aside in soup.select("aside.footnote")
    ]


def epub_notes(xhtml: str) -> list[tuple[str, str]]:
    """(number, text) of each note of an EPUB page: the number leads the note's line."""
    soup = BeautifulSoup(xhtml, "html.parser")
    found = []
    for aside in soup.select("aside.reader-note"):
        number = text_of(aside.select_one(".reader-note-number"))
        text = text_of(aside.find("p"))
        assert text.startswith(number + " "), text
        found.append((number.rstrip("."), text[len(number) + 1 :]))
    return found


def epub_markers(xhtml: str) -> list[str]:
    soup = BeautifulSoup(xhtml, "html.parser")
    return [text_of(a) for a in soup.select("a.reader-noteref")]


def markers(html: str) -> list[str]:
    soup = BeautifulSoup(html, "html.parser")
    return [text_of(a).strip("[]") for a in soup.select("a.footnote-reference")]


def test_notes_read_in_order_with_full_then_short_forms(fixture_book):
    html = (fixture_book.html / "text.html").read_text(encoding="utf-8")
    assert markers(html) == [str(n) for n in range(1, 9)]
    assert html_notes(html) == [(str(n), t) for n, t in enumerate(TEXT_NOTES, 1)]


def test_a_new_text_starts_with_full_notes_again(fixture_book):
    html = (fixture_book.html / "second.html").read_text(encoding="utf-8")
    assert html_notes(html)[0] == (
        "1",
        "Leon Trotsky, The History of the Russian Revolution, trans. Max Eastman, "
        "3 vols. (1932), vol. 2, ch. 1.",
    )


def test_unverified_mark_is_discreet_and_marked_up(fixture_book):
    soup = BeautifulSoup(
        (fixture_book.html / "text.html").read_text(encoding="utf-8"), "html.parser"
    )
    marks = soup.select("aside.footnote .reader-unverified")
    assert [m.get_text() for m in marks] == ["[unverified]", "[unverified]"]


def test_the_epub_has_the_same_notes_and_numbers(fixture_book):
    import zipfile

    with zipfile.ZipFile(fixture_book.epub) as z:
        name = next(n for n in z.namelist() if n.endswith("text.xhtml"))
        xhtml = z.read(name).decode("utf-8")
    assert epub_markers(xhtml) == [str(n) for n in range(1, 9)]
    assert epub_notes(xhtml) == [(str(n), t) for n, t in enumerate(TEXT_NOTES, 1)]


def test_the_pdf_has_the_same_notes_and_numbers(fixture_book):
    flat = re.sub(r"\s+", " ", fixture_book.pdf_text())
    position = 0
    for number, note in enumerate(TEXT_NOTES, 1):
        found = flat.find(f"{number} {note}", position)
        assert found >= 0, (number, note)
        position = found
    assert "began on 23 February [8 March] 1917, as Trotsky tells.1 It spread.2" in flat


@pytest.mark.parametrize("page", ["text", "bibliography"])
def test_works_cited_in_html(fixture_book, page):
    soup = BeautifulSoup(
        (fixture_book.html / f"{page}.html").read_text(encoding="utf-8"), "html.parser"
    )
    entries = [text_of(p) for p in soup.select(".reader-works-cited p.reader-bib-entry")]
    assert entries == WORKS_CITED


def test_works_cited_per_text_lists_only_that_text(fixture_book):
    soup = BeautifulSoup(
        (fixture_book.html / "second.html").read_text(encoding="utf-8"), "html.parser"
    )
    entries = [text_of(p) for p in soup.select(".reader-works-cited p.reader-bib-entry")]
    assert entries == [WORKS_CITED[3]]


def test_works_cited_and_bibliography_in_epub_and_pdf(fixture_book):
    epub = re.sub(r"\s+", " ", BeautifulSoup(fixture_book.epub_text(), "html.parser").get_text())
    pdf = re.sub(r"\s+", " ", fixture_book.pdf_text())
    for entry in WORKS_CITED:
        # once per text that cites it, and once in the bibliography
        assert epub.count(entry) >= 2, entry
        assert pdf.count(entry) >= 2, entry


def _built_app(src: Path, tmp: Path, parallel: int) -> Sphinx:
    with patch_docutils(src), docutils_namespace():
        app = Sphinx(
            src / "source_texts",
            src,
            tmp / "html",
            tmp / "doctrees",
            "html",
            status=None,
            warning=None,
            parallel=parallel,
            freshenv=True,
        )
        app.build()
    return app


def test_quotations_are_registered(tmp_path):
    src = shutil.copytree(BOOK, tmp_path / "book")
    domain = _built_app(src, tmp_path / "out", 0).env.domains["reader"]
    quote = domain.quotations["lux-tragedy"]
    assert (quote.docname, quote.text, quote.key, quote.locator, quote.verified) == (
        "text",
        "A short quoted sentence.",
        "lux1918",
        "p. 5",
        False,
    )


def test_parallel_build_gathers_the_same_data(tmp_path):
    src = shutil.copytree(BOOK, tmp_path / "book")
    # Sphinx reads in parallel only with more than five documents to read
    index = src / "source_texts" / "index.rst"
    for n in range(6):
        (src / "source_texts" / f"extra{n}.rst").write_text(
            f"Extra {n}\n=======\n\nCited.\\ :cite:`lux1918{{p. {n + 1}}}`\n\n"
            f".. quote::\n   :cite: wp\n   :id: extra-{n}\n\n   Quoted {n}.\n"
        )
        index.write_text(index.read_text() + f"   extra{n}\n")
    serial = _built_app(src, tmp_path / "serial", 0).env.domains["reader"]
    parallel = _built_app(src, tmp_path / "parallel", 2).env.domains["reader"]
    assert len(serial.citations) == 10 + 14  # with the registers' sources
    assert sorted(parallel.citations) == sorted(serial.citations)
    assert parallel.quotations == serial.quotations
    assert len(parallel.quotations) == 7


def test_editors_notes_are_a_lettered_series_everywhere(fixture_book):
    html = (fixture_book.html / "second.html").read_text(encoding="utf-8")
    assert markers(html) == ["1", "a"]
    assert html_notes(html)[1] == ("a", "The editors explain something here.")
    soup = BeautifulSoup(html, "html.parser")
    assert "reader-editors-note" in soup.select("aside.footnote")[1]["class"]
    import zipfile

    with zipfile.ZipFile(fixture_book.epub) as z:
        xhtml = z.read(next(n for n in z.namelist() if n.endswith("second.xhtml"))).decode()
    assert epub_notes(xhtml)[1] == ("a", "The editors explain something here.")
    flat = re.sub(r"\s+", " ", fixture_book.pdf_text())
    assert "a The editors explain something here." in flat
    assert "An editors’ remark.a And more text." in flat


def test_a_quoted_verse_is_registered_with_its_words(tmp_path):
    from reader.extension.book import book_of

    src = shutil.copytree(BOOK, tmp_path / "book")
    text = src / "source_texts" / "second.rst"
    text.write_text(
        text.read_text() + "\n.. quote::\n   :cite: lux1918{p. 9}\n\n"
        "   | Line one of a poem,\n   | line two of a poem.\n"
    )
    env = _built_app(src, tmp_path / "out", 0).env
    quotations = env.domains["reader"].quotations
    verse = next(q for q in quotations.values() if q.locator == "p. 9")
    assert verse.text == "Line one of a poem, line two of a poem."
    assert verse.id == "q-lux1918-line-one-of-a-poem-line"
    # the exports and the Cite panel know it by the same id: they read the same model
    assert verse.id in {q.id for q in book_of(env).texts["second"].quotations}


@pytest.mark.parametrize(
    ("key", "text", "expected"),
    [
        ("lux1918", "A short quoted sentence.", "q-lux1918-a-short-quoted-sentence"),
        (
            "Trotsky1932",
            "Über die Straße gehen wir heute",
            "q-trotsky1932-uber-die-strasse-gehen-wir-heute",
        ),
        # a key an anchor cannot hold as it is: its words and a hash, so lux:1918 and
        # lux-1918 stay apart
        ("lux:1918", "Words here", "q-lux-1918-1c2e1448-words-here"),
    ],
)
def test_automatic_quotation_ids_are_anchors(key, text, expected):
    from reader.sources.ids import id_fault
    from reader.sources.quotations import quotation_id

    assert quotation_id(key, text) == expected
    assert id_fault(expected) == ""


def test_a_quotation_in_another_script_gets_a_stable_anchor():
    from reader.sources.ids import id_fault
    from reader.sources.quotations import quotation_id

    first = quotation_id("lux1918", "Вся власть Советам!")
    assert first == quotation_id("lux1918", "Вся  власть\nСоветам!")  # spacing aside
    assert first.startswith("q-lux1918-t") and id_fault(first) == ""
