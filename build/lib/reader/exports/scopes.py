"""What an export holds: everything, what a text or chapter cites, one entry, the source
of one quotation, or the edition itself.

Every scope adds the ``crossref`` parents of its entries (after them, where BibTeX
wants them), so that the export stands on its own.  A scope that names nothing that
exists raises :class:`ScopeError`, whose message lists the close matches.
"""

from __future__ import annotations

import difflib
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path

from bibtexparser.library import Library
from bibtexparser.model import Entry

from reader.exports.cite import CiteCommands, cite_commands
from reader.exports.edition import EditionInfo, edition_entries
from reader.exports.values import fields_of
from reader.sources.bibfile import load_library
from reader.sources.citations import CitationTarget
from reader.sources.texts import Book, Citation, Quotation, SourceText, scan_book

__all__ = ["ScopeError", "Selection", "Sources", "load_library_of", "load_sources"]


class ScopeError(Exception):
    """The scope names nothing that exists, or cites what refs.bib lacks."""


@dataclass(frozen=True)
class Selection:
    """The entries of one export, what they are, and (for a quotation) how to cite it."""

    entries: list[Entry]
    description: str
    commands: CiteCommands | None = None
    quotation: Quotation | None = None


def load_library_of(bibfiles: Sequence[Path]) -> Library:
    """All bibliography files as one library; raise BibFileError on any error."""
    libraries = [load_library(path) for path in bibfiles]
    if not libraries:
        return Library()
    library = libraries[0]
    for other in libraries[1:]:
        library.add(list(other.entries))
    return library


@dataclass
class Sources:
    """The edition's sources: conf.py, refs.bib and the texts."""

    info: EditionInfo
    library: Library
    book: Book

    @cached_property
    def entries(self) -> dict[str, Entry]:
        """Entries by lower-case key (BibTeX matches keys ignoring case)."""
        return {entry.key.lower(): entry for entry in self.library.entries}

    # -- the scopes

    def everything(self) -> Selection:
        """Every entry of refs.bib, in file order."""
        return Selection(list(self.library.entries), "every entry of refs.bib")

    def text(self, name: str) -> Selection:
        """What one text cites, in order of first citation."""
        text = self._text(name)
        what = f"the works cited in {text.docname} ({text.title})"
        return Selection(self._cited(text), what)

    def chapter(self, number: int) -> Selection:
        """What the *number*-th text of the "Texts" toctree cites."""
        try:
            text = self.book.chapter(number)
        except IndexError:
            listing = ", ".join(
                f"{index} = {name}" for index, name in enumerate(self.book.chapters, start=1)
            )
            raise ScopeError(
                f"there is no chapter {number}: the book has {len(self.book.chapters)} "
                f"chapter(s) ({listing or 'none in a toctree captioned Texts'})"
            ) from None
        what = f"the works cited in chapter {number}, {text.docname} ({text.title})"
        return Selection(self._cited(text), what)

    def key(self, key: str) -> Selection:
        """One entry (and its crossref parent)."""
        entry = self.entries.get(key.lower())
        if entry is None:
            raise ScopeError(f"there is no entry {key!r} in refs.bib" + _close(key, self._keys()))
        return Selection(self.with_parents([entry]), f"the entry {entry.key}")

    def quotation(self, quote_id: str) -> Selection:
        """The source(s) of one quotation, and the ways to cite the passage."""
        quotations = self.book.quotations()
        quotation = quotations.get(quote_id)
        if quotation is None:
            raise ScopeError(
                f"there is no quotation with the id {quote_id!r}" + _close(quote_id, quotations)
            )
        where = f"{self._path(quotation.docname)}:{quotation.line}"
        if quotation.citation is None:
            raise ScopeError(f"{where}: the quotation {quote_id!r} names no source (:cite:)")
        self._check_citations(quotation.docname, [quotation.citation])
        targets = list(quotation.citation.targets)
        entries = self.with_parents(self._entries_of(targets))
        targets = [_with_key(target, self.entries[target.key.lower()].key) for target in targets]
        return Selection(
            entries,
            f"the source of the quotation {quote_id} ({where})",
            commands=cite_commands(targets, entries),
            quotation=quotation,
        )

    def edition(self) -> Selection:
        """The edition as citable entries: the book, then each chapter."""
        return Selection(edition_entries(self.info, self.book), "the edition and its chapters")

    # -- helpers

    def _keys(self) -> list[str]:
        return [entry.key for entry in self.library.entries]

    def _path(self, docname: str) -> str:
        text = self.book.texts.get(docname)
        return str(text.path) if text else docname

    def _text(self, name: str) -> SourceText:
        """The text named by docname, file name or path (``01-february``, ``x.rst``)."""
        wanted = name.strip().removesuffix(".rst").replace("\\", "/")
        wanted = wanted.removeprefix("./").removeprefix("source_texts/")
        text = self.book.texts.get(wanted)
        if text is None:
            raise ScopeError(
                f"there is no text {name!r} in {self.book.source_dir}"
                + _close(wanted, self.book.texts)
            )
        return text

    def _check_citations(self, docname: str, citations: Iterable[Citation]) -> None:
        """Raise ScopeError listing every citation that is unreadable or names no entry."""
        problems = []
        keys = self.entries
        for citation in citations:
            where = f"{self._path(docname)}:{citation.line}"
            if citation.error:
                problems.append(f"{where}: the citation cannot be read: {citation.error}")
            for target in citation.targets:
                if target.key.lower() not in keys:
                    problems.append(
                        f"{where}: citation key {target.key!r} is not in refs.bib"
                        + _close(target.key, self._keys())
                    )
        if problems:
            raise ScopeError("\n".join(problems))

    def _entries_of(self, targets: Iterable[CitationTarget]) -> list[Entry]:
        found: dict[str, Entry] = {}
        for target in targets:
            entry = self.entries[target.key.lower()]
            found.setdefault(entry.key, entry)
        return list(found.values())

    def cited_entries(self, text: SourceText, strict: bool = True) -> list[Entry]:
        """The entries *text* cites, in order of first citation, with crossref parents.

        *strict*: raise ScopeError for a citation that cannot be read or names no
        entry; otherwise leave it out (the Sphinx build reports it).
        """
        if strict:
            self._check_citations(text.docname, text.citations)
        targets = [
            target
            for citation in text.citations
            for target in citation.targets
            if target.key.lower() in self.entries
        ]
        return self.with_parents(self._entries_of(targets))

    def _cited(self, text: SourceText) -> list[Entry]:
        return self.cited_entries(text, strict=True)

    def with_parents(self, entries: list[Entry]) -> list[Entry]:
        """*entries*, then the crossref parents they need (BibTeX wants parents last)."""
        chosen = {entry.key.lower() for entry in entries}
        result = list(entries)
        index = 0
        while index < len(result):
            parent_key = fields_of(result[index]).get("crossref", "").strip().lower()
            parent = self.entries.get(parent_key)
            if parent is not None and parent_key not in chosen:
                chosen.add(parent_key)
                result.append(parent)
            index += 1
        return result


def _with_key(target: CitationTarget, key: str) -> CitationTarget:
    """*target* with the key spelled as in refs.bib."""
    return CitationTarget(key, target.pre, target.locator, target.verified)


def _close(wanted: str, choices: Iterable[str]) -> str:
    """``" (close matches: a, b)"``, or the choices themselves if there are few."""
    names = list(choices)
    close = difflib.get_close_matches(wanted, names, n=3, cutoff=0.6)
    if close:
        return f" (close matches: {', '.join(close)})"
    if not names:
        return " (there are none)"
    if len(names) <= 8:
        return f" (choose from: {', '.join(names)})"
    return " (no close matches)"


def load_sources(project: Path) -> Sources:
    """Read conf.py, the bibliography files and the texts of *project*.

    Raises BibFileError if a bibliography file has errors.
    """
    info = EditionInfo.from_conf(project)
    library = load_library_of(info.bibfiles)
    book = scan_book(project / "source_texts", info.root_doc)
    return Sources(info, library, book)
