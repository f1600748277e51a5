"""The edition itself as citable entries: the book, and each of its chapters.

The facts come from the configuration (Sphinx's ``project``, ``language``,
``html_baseurl``, ``html_file_suffix``, ``root_doc``, and the extension's
``reader_subtitle``, ``reader_editors``, ``reader_edition``, ``reader_date``,
``reader_publisher`` and ``reader_edition_basename``: reader.extension.config).

Entries are made in BibTeX form, like those of refs.bib, so that every export format
writes them the way it writes the rest:

* the book: ``@book{<basename>, editor, title, shorttitle, edition, publisher, year,
  url, langid}``; the title is ``Project: Subtitle``, as titles are given in refs.bib;
* each chapter (a text of the numbered toctree): ``@incollection{<basename>:<docname>,
  author, editor, title, booktitle, chapter, pages, ... url}``; the texts are written
  by the editors, so they are its authors; ``pages`` is the chapter's page range in
  the PDF, when the PDF has been built since the sources last changed;
* ``url`` is ``html_baseurl`` + the page (``index.html``, ``01-february.html``); with
  no ``html_baseurl`` there is no url.
* editors: a list, or names joined by " and " (BibTeX's way).  A name that begins
  with a lower-case word or an article ("the Reader editors") is an organisation and
  is braced, so that no citation tool splits it into given and family names.
"""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from bibtexparser.model import Entry, Field

from reader.sources.languages import babel_name

if TYPE_CHECKING:
    from reader.extension.book import Book, Text

__all__ = ["EditionInfo", "book_entry", "chapter_entry", "edition_entries"]

# Characters that are special in a BibTeX value (braces are balanced in text from conf.py).
_LATEX_SPECIAL = re.compile(r"([&%#$_])")
# What else in plain text would be LaTeX or BibTeX syntax, and its escaped form.
# (BibTeX counts every brace, escaped or not: braces become balanced commands.)
_LATEX_SYNTAX = {
    "\\": r"\textbackslash{}",
    "{": r"\textbraceleft{}",
    "}": r"\textbraceright{}",
    "~": r"\textasciitilde{}",
    "^": r"\textasciicircum{}",
}


@dataclass(frozen=True)
class EditionInfo:
    """What conf.py says about the edition."""

    project: Path
    title: str
    subtitle: str
    editors: tuple[str, ...]
    edition: str
    date: str
    publisher: str
    language: str
    baseurl: str
    html_suffix: str
    root_doc: str
    basename: str
    bibfiles: tuple[Path, ...]
    place: str = ""
    licence: str = ""
    description: str = ""
    pages: tuple[tuple[str, str], ...] = ()  # (docname, "1–8"): the texts in the PDF

    @classmethod
    def from_config(cls, config: Any, project: Path) -> EditionInfo:
        """The edition as Sphinx's configuration of it says (*project*: conf.py's folder)."""
        values = config if isinstance(config, dict) else _values(config)
        return cls._from_values(values, Path(project))

    @classmethod
    def _from_values(cls, config: dict[str, Any], project: Path) -> EditionInfo:
        editors = config.get("reader_editors") or []
        if isinstance(editors, str):
            editors = [name.strip() for name in re.split(r"\s+and\s+", editors) if name.strip()]
        return cls(
            project=project,
            title=str(config.get("project", "")),
            subtitle=str(config.get("reader_subtitle", "") or ""),
            editors=tuple(str(name) for name in editors),
            edition=str(config.get("reader_edition", "") or ""),
            date=str(config.get("reader_date", "") or ""),
            publisher=str(config.get("reader_publisher", "") or ""),
            language=str(config.get("language", "") or ""),
            baseurl=str(config.get("html_baseurl", "") or ""),
            html_suffix=str(config.get("html_file_suffix") or ".html"),
            root_doc=str(config.get("root_doc") or "index"),
            basename=str(config.get("reader_edition_basename") or "reader"),
            bibfiles=tuple(project / name for name in config.get("bibtex_bibfiles", [])),
            place=str(config.get("reader_publisher_place", "") or ""),
            licence=str(config.get("reader_licence", "") or ""),
            description=str(config.get("reader_description", "") or ""),
            pages=_pdf_pages(project, str(config.get("reader_edition_basename") or "reader")),
        )

    def as_printed(self) -> EditionInfo:
        """The edition's words as the editions print them (curly quotes and dashes);
        the exports use them as written."""
        from reader.styles.punctuation import typographic

        language = self.language or "en"
        return dataclasses.replace(
            self,
            **{
                name: typographic(getattr(self, name), language)
                for name in ("title", "subtitle", "edition", "publisher", "place", "licence")
            },
            editors=tuple(typographic(name, language) for name in self.editors),
        )

    @property
    def book_title(self) -> str:
        """``Title: Subtitle``, as titles are given in refs.bib."""
        if not self.subtitle:
            return self.title
        separator = " " if self.title.endswith(("?", "!", ":")) else ": "
        return self.title + separator + self.subtitle

    def page_range(self, docname: str) -> str:
        """The pages of a text in the PDF ("1–8"), if the PDF is up to date; else ""."""
        return dict(self.pages).get(docname, "")

    def page_url(self, docname: str) -> str:
        """The stable URL of a page of the site; "" without ``html_baseurl``."""
        if not self.baseurl:
            return ""
        return f"{self.baseurl.rstrip('/')}/{docname}{self.html_suffix}"

    def chapter_key(self, docname: str) -> str:
        """The citation key of a text: ``<basename>:<docname>``."""
        return f"{self.basename}:{docname}"


#: The configuration values the edition is described by (reader.extension.config).
_NAMES = (
    "project", "reader_subtitle", "reader_editors", "reader_edition", "reader_date",
    "reader_publisher", "language", "html_baseurl", "html_file_suffix", "root_doc",
    "reader_edition_basename", "bibtex_bibfiles", "reader_publisher_place", "reader_licence",
    "reader_description",
)  # fmt: skip


def _pdf_pages(project: Path, basename: str) -> tuple[tuple[str, str], ...]:
    """The texts' pages in the PDF last built in *project*'s ``_build/latex``, if it is
    newer than every text, conf.py and refs.bib (:mod:`reader.exports.pdf_pages`)."""
    from reader.exports.pdf_pages import pdf_pages

    texts = project / "source_texts"
    sources = [project / "conf.py", *project.glob("*.bib")]
    sources += texts.rglob("*.rst") if texts.is_dir() else []
    aux = project / "_build" / "latex" / f"{basename}.aux"
    return tuple(sorted(pdf_pages(aux, sources).items()))


def _values(config: Any) -> dict[str, Any]:
    """The values of a Sphinx Config object that describe the edition."""
    found = {}
    for name in _NAMES:
        try:
            found[name] = getattr(config, name)
        except AttributeError:
            continue
    return found


def _bibtex_text(text: str) -> str:
    """Plain text (conf.py, a text's title) as a BibTeX value: LaTeX syntax escaped,
    so that no title can carry a command or an unbalanced brace into a .bib file."""
    text = re.sub(r"[\\{}~^]", lambda m: _LATEX_SYNTAX[m.group()], text)
    return _LATEX_SPECIAL.sub(r"\\\1", text)


def _bibtex_name(name: str) -> str:
    """A name for a BibTeX name list; an organisation's name is braced whole."""
    words = name.split()
    if "," not in name and words and (words[0][:1].islower() or words[0] in ("The", "A", "An")):
        return "{" + _bibtex_text(name) + "}"
    return _bibtex_text(name)


def _edition_word(edition: str) -> str:
    """ "First edition" -> "First": BibTeX styles add the word "edition" themselves."""
    return re.sub(r"\s+(?:edition|ed\.)$", "", edition.strip(), flags=re.IGNORECASE)


def _shared_fields(info: EditionInfo) -> list[Field]:
    """Edition, publisher, date and language: the same for the book and its chapters."""
    fields = []
    edition = _edition_word(info.edition) if info.edition else ""
    if edition and edition.lower() not in ("first", "1", "1st"):  # CMOS names no first edition
        fields.append(Field("edition", _bibtex_text(edition)))
    if info.publisher:
        fields.append(Field("publisher", _bibtex_text(info.publisher)))
    if info.place:
        fields.append(Field("address", _bibtex_text(info.place)))
    year = re.match(r"\d{4}", info.date)
    if info.date and not re.fullmatch(r"\d{4}", info.date):
        fields.append(Field("date", _bibtex_text(info.date)))  # biblatex's full date
    if year:
        fields.append(Field("year", year[0]))
    if info.language:
        fields.append(Field("langid", babel_name(info.language) or info.language))
    return fields


def _book_title(info: EditionInfo) -> str:
    title = _bibtex_text(info.title)
    if not info.subtitle:
        return title
    separator = " " if info.title.endswith(("?", "!", ":")) else ": "
    return title + separator + _bibtex_text(info.subtitle)


def _editors(info: EditionInfo) -> list[Field]:
    if not info.editors:
        return []
    return [Field("editor", " and ".join(_bibtex_name(name) for name in info.editors))]


def book_entry(info: EditionInfo) -> Entry:
    """The edition as a whole: ``@book``."""
    fields = [*_editors(info), Field("title", _book_title(info))]
    if info.subtitle:
        fields.append(Field("shorttitle", _bibtex_text(info.title)))
    fields += _shared_fields(info)
    url = info.page_url(info.root_doc)
    if url:
        fields.append(Field("url", url))
    return Entry("book", info.basename, fields)


def chapter_entry(info: EditionInfo, text: Text) -> Entry:
    """One text of the edition as a chapter of it: ``@incollection``."""
    editors = _editors(info)
    fields = [Field("author", editors[0].value)] if editors else []
    fields += [*editors, Field("title", _bibtex_text(text.title or text.docname))]
    fields.append(Field("booktitle", _book_title(info)))
    if text.chapter is not None:
        fields.append(Field("chapter", str(text.chapter)))
    pages = info.page_range(text.docname)
    if pages:
        fields.append(Field("pages", pages.replace("–", "--")))  # in the PDF
    fields += _shared_fields(info)
    url = info.page_url(text.docname)
    if url:
        fields.append(Field("url", url))
    return Entry("incollection", info.chapter_key(text.docname), fields)


def edition_entries(info: EditionInfo, book: Book) -> list[Entry]:
    """The book, then each chapter in order."""
    chapters: Sequence[str] = book.chapters
    return [book_entry(info), *(chapter_entry(info, book.texts[name]) for name in chapters)]
