"""The PDF as a printed book: what a reader and a publisher check page by page."""

from __future__ import annotations

import re
import subprocess

import pytest
from pypdf import PdfReader

from reader.runner.pdf import read_log
from reader.sources.names import sort_key

PAGE = r"(?:[ivxlc]+|\d+)"
ENTRY = re.compile(rf"^(?P<term>\D.*?), (?P<pages>{PAGE}(?:, {PAGE})*)$")


@pytest.fixture(scope="module")
def pdf(edition) -> PdfReader:
    return PdfReader(edition.pdf)


def latex_file(edition, suffix: str) -> str:
    return (edition.project / "_build" / "latex" / f"{edition.pdf.stem}{suffix}").read_text(
        encoding="utf-8", errors="replace"
    )


def outline(pdf: PdfReader) -> dict[str, int]:
    """Top-level bookmark title (a chapter, or front or back matter) -> physical page
    number (from 1)."""
    return {
        item.title: pdf.get_destination_page_number(item) + 1
        for item in pdf.outline
        if not isinstance(item, list)
    }


def index_entries(edition, pdf: PdfReader) -> list[tuple[str, list[str]]]:
    """The index's entries in the order printed: (term, pages)."""
    first = outline(pdf)["Index"]
    text = subprocess.run(
        ["pdftotext", "-raw", "-f", str(first), str(edition.pdf), "-"],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    lines: list[str] = []
    for line in text.splitlines():
        if lines and lines[-1].endswith(",") and re.match(PAGE, line):
            lines[-1] += " " + line  # a list of pages wrapped onto the next line
        else:
            lines.append(line)
    found = []
    for line in lines:
        match = ENTRY.match(line)
        if match:
            found.append((match["term"], match["pages"].split(", ")))
    return found


def test_final_latex_pass_has_no_undefined_reference_and_no_overfull_line(edition):
    report = read_log(latex_file(edition, ".log"))
    assert report.undefined == []
    assert report.overfull == []


def test_log_reader_finds_wrapped_undefined_references():
    warning = (
        "LaTeX Warning: Reference `01-february:ann-person-kerensky' on page 12 undefined "
        "on input line 4021."
    )
    # TeX wraps its log at 79 characters, here in the middle of "undefined"
    log = warning[:79] + "\n" + warning[79:] + "\n"
    log += "Overfull \\hbox (18.5pt too wide) in paragraph at lines 880--881\n"
    report = read_log(log)
    assert report.undefined == [("01-february:ann-person-kerensky", "12")]
    assert report.overfull == [(18.5, 880)]


def test_no_syntax_highlighting_in_the_prose(edition):
    assert "\\PYG" not in latex_file(edition, ".tex")


def test_title_recto_imprint_verso_contents_recto(pdf):
    title, imprint = pdf.pages[0].extract_text(), pdf.pages[1].extract_text()
    assert "Why the Russian Revolution Failed" in title
    for expected in ("First edition", "Creative Commons", "How to cite this book", "2026"):
        assert expected in imprint, expected
    assert pdf.pages[2].extract_text().split()[0] == "Contents"


def test_page_one_and_every_chapter_open_on_a_recto(edition, pdf):
    assert pdf.page_labels.index("1") % 2 == 0  # physical page index 0 is page 1
    openings = outline(pdf)
    assert {"February 1917 and the soviets", "People", "Index"} <= set(openings), openings
    for title, page in openings.items():
        assert page % 2 == 1, (title, page)


def test_chapters_are_numbered(edition):
    text = edition.pdf_text()
    for n, title in enumerate(["February 1917 and the soviets", "October and the question"], 1):
        assert re.search(rf"chapter {n}\s+{title}", text, re.IGNORECASE), title


def test_registers_give_the_pages_of_mentions(edition):
    text = edition.pdf_text()
    mentioned = re.findall(r"Mentioned in: (.*?)\.\n", text)
    assert len(mentioned) > 50
    for pages in mentioned:
        assert re.fullmatch(rf"{PAGE}(?:, {PAGE})*", pages), pages


def test_index_lists_people_surname_first_in_sort_order(edition, pdf):
    entries = index_entries(edition, pdf)
    terms = [term for term, _ in entries]
    assert len(terms) > 100
    assert terms == sorted(terms, key=sort_key)
    assert "Kerensky, Alexander" in terms and "Alexander Kerensky" not in terms
    assert terms.index("Lenin, Vladimir") < terms.index("Lenin’s death")
    assert terms.index("Kornilov, Lavr") < terms.index("Kornilov affair")
    # the first entries are people under their surnames, in order
    assert terms[0].startswith("Alekseev")


def test_index_gives_every_page_of_mention(edition, pdf):
    pages = dict(index_entries(edition, pdf))
    # Lenin is mentioned in every chapter: far more pages than the register's one
    assert len(pages["Lenin, Vladimir"]) >= 7
    assert len(pages["Kerensky, Alexander"]) >= 3


def test_index_is_set_in_the_text_face(edition, pdf):
    first = outline(pdf)["Index"]
    fonts = subprocess.run(
        ["pdffonts", "-f", str(first), "-l", str(len(pdf.pages)), str(edition.pdf)],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    assert "FreeSerif" in fonts
    assert "FreeMono" not in fonts


def test_data_is_printed_with_curly_quotes(edition):
    text = edition.pdf_text()
    assert "People’s Tragedy" in text and "People's Tragedy" not in text
    assert "Trotsky’s murder" in text and "Trotsky's murder" not in text
    assert "Stalin’s bureaucracy" in text and "Stalin's bureaucracy" not in text


def test_chapters_are_cited_with_their_pages_in_the_pdf(edition, pdf):
    import json

    from bs4 import BeautifulSoup

    from reader.exports.pdf_pages import page_ranges, read_aux

    ranges = page_ranges(read_aux(latex_file(edition, ".aux")))
    openings = outline(pdf)
    start = pdf.page_labels[openings["February 1917 and the soviets"] - 1]
    following = int(pdf.page_labels[openings["October and the question of who governs"] - 1])
    first, last = ranges["01-february"].split("–")
    assert first == start == "1"
    assert int(last) < following
    # the last page of the range still holds the chapter's own words: its works cited
    last_page = pdf.pages[pdf.page_labels.index(last)].extract_text()
    assert "Trotsky, Leon. The History of the Russian Revolution" in " ".join(last_page.split())

    page = BeautifulSoup((edition.html / "01-february.html").read_text(), "html.parser")
    items = json.loads(page.find("script", id="reader-citations").string)
    assert f"(Reader Project, 2026), {first}–{last}," in items["reader-text"]["note"]
    assert f"pages = {{{first}--{last}}}" in items["reader-text"]["bibtex"]


def test_pages_of_an_older_pdf_are_not_given(tmp_path):
    import os

    from reader.exports.pdf_pages import pdf_pages

    aux = tmp_path / "book.aux"
    aux.write_text(
        "\\newlabel{ch::doc}{{1}{1}{Ch}{chapter.1}{}}\n"
        "\\newlabel{ch:reader-end}{{}{9}{Ch}{section*.4}{}}\n"
    )
    text = tmp_path / "ch.rst"
    text.write_text("Ch\n==\n")
    os.utime(text, (aux.stat().st_mtime - 10, aux.stat().st_mtime - 10))
    assert pdf_pages(aux, [text]) == {"ch": "1–9"}
    os.utime(text, (aux.stat().st_mtime + 10, aux.stat().st_mtime + 10))  # edited since
    assert pdf_pages(aux, [text]) == {}


def test_pdf_declares_its_language_and_carries_the_editions_metadata(edition, pdf):
    import runpy

    from reader.exports.edition import EditionInfo

    conf = runpy.run_path(str(edition.project / "conf.py"))
    info = EditionInfo.from_config(conf, edition.project).as_printed()
    assert pdf.trailer["/Root"]["/Lang"] == conf["language"]
    xmp = pdf.xmp_metadata
    assert xmp is not None
    assert xmp.dc_language == [conf["language"]]
    assert list(xmp.dc_title.values()) == [info.book_title]
    assert list(xmp.dc_description.values()) == [info.description]
    assert xmp.dc_subject == conf["reader_keywords"]
    assert list(xmp.dc_rights.values()) == [info.licence]
    assert xmp.dc_creator == (conf["reader_editors"] or [conf["reader_publisher"]])
    # the document information dictionary says the same, for older readers
    assert pdf.metadata.title == info.book_title
    assert pdf.metadata.keywords == ", ".join(conf["reader_keywords"])


def test_metadata_from_conf_is_text_never_tex(tmp_path):
    """Values from conf.py reach the PDF as they are written; none can run TeX."""
    from reader.builders.latex_book import document_metadata, pdf_metadata
    from reader.exports.edition import EditionInfo

    hostile = r"Tom & Jerry, 100% {of} #1 $5 a_b ~ ^^5c \bye }{ \x"
    info = EditionInfo.from_config(
        {"project": hostile, "reader_description": hostile, "reader_editors": [hostile, "B"]},
        tmp_path,
    )
    tex = tmp_path / "meta.tex"
    tex.write_text(
        "\n".join(
            [
                document_metadata("pt_BR"),
                r"\documentclass{book}\usepackage{hyperref}",
                pdf_metadata(info, [hostile, "k"]),
                r"\begin{document}Text\end{document}",
            ]
        ),
        encoding="utf-8",
    )
    done = subprocess.run(
        ["xelatex", "-interaction=nonstopmode", "-halt-on-error", tex.name],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode == 0, done.stdout[-2000:]
    meta = PdfReader(tmp_path / "meta.pdf")
    assert meta.trailer["/Root"]["/Lang"] == "pt-BR"
    xmp = meta.xmp_metadata  # well-formed XML: no "\b" read as a backspace
    assert list(xmp.dc_title.values()) == list(xmp.dc_description.values()) == [hostile]
    assert xmp.dc_creator == [hostile, "B"]
    assert xmp.dc_subject == [hostile, "k"]
    # the information dictionary has each backslash twice (latex_book._PDF_STRING)
    assert meta.metadata.title == meta.metadata.subject == hostile.replace("\\", "\\\\")
