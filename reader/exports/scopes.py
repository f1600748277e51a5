"""What an export holds: everything, what a text or chapter cites, one entry, the source
of one quotation, or the edition itself.

The texts are known from their one reading by Sphinx (:class:`reader.extension.book.Book`);
the entries from refs.bib, as written (bibtexparser, for the BibTeX exports) and as
pybtex reads it (for CSL-JSON, RIS and the notes).  Every scope adds the ``crossref``
parents of its entries (after them, where BibTeX wants them), so that the export
stands on its own.  A scope that names nothing that exists raises
:class:`ScopeError`, whose message lists the close matches.
"""

from __future__ import annotations

import difflib
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from functools import cached_property
from typing import TYPE_CHECKING, Any

from bibtexparser.library import Library
from bibtexparser.model import Entry

from reader.diagnostics import Problem
from reader.exports.cite import CiteCommands, cite_commands
from reader.exports.edition import EditionInfo, edition_entries
from reader.exports.records import Record, records_for
from reader.exports.values import fields_of
from reader.sources.citations import CitationTarget

if TYPE_CHECKING:
    from pybtex.database import Entry as PybtexEntry

    from reader.extension.book import Book, Text
    from reader.extension.domain import QuotationRecord

__all__ = ["ScopeError", "Selection", "Sources"]

#: Problems that make a text's list of works unreliable.
_CITATION_FAULTS = frozenset({"cite_syntax", "key_not_found"})


class ScopeError(Exception):
    """The scope names nothing that exists, or cites what refs.bib lacks."""


@dataclass(frozen=True)
class Selection:
    """The entries of one export, what they are, and (for a quotation) how to cite it."""

    entries: list[Entry]
    records: list[Record]
    description: str
    commands: CiteCommands | None = None
    quotation: QuotationRecord | None = None


@dataclass
class Sources:
    """The edition's sources, as one reading of the project knows them."""

    info: EditionInfo
    library: Library
    book: Book
    pybtex_entries: Mapping[str, PybtexEntry]  # by lower-case key
    problems: Sequence[Problem] = field(default_factory=list)
    style: Any = None  # the note style of the edition (pybtex); None: the configured default

    @cached_property
    def entries(self) -> dict[str, Entry]:
        """Entries by lower-case key (BibTeX matches keys ignoring case)."""
        return {entry.key.lower(): entry for entry in self.library.entries}

    def selection(self, entries: list[Entry], description: str, **extra: Any) -> Selection:
        """A selection of *entries*, with their records for CSL-JSON and RIS."""
        return Selection(entries, records_for(entries, self.pybtex_entries), description, **extra)

    # -- the scopes

    def everything(self) -> Selection:
        """Every entry of refs.bib, in file order."""
        return self.selection(list(self.library.entries), "every entry of refs.bib")

    def text(self, name: str) -> Selection:
        """What one text cites, in order of first citation."""
        text = self._text(name)
        what = f"the works cited in {text.docname} ({text.title})"
        return self.selection(self.cited_entries(text), what)

    def chapter(self, number: int) -> Selection:
        """What the *number*-th chapter cites."""
        try:
            text = self.book.chapter(number)
        except IndexError:
            listing = ", ".join(
                f"{index} = {name}" for index, name in enumerate(self.book.chapters, start=1)
            )
            raise ScopeError(
                f"there is no chapter {number}: the book has {len(self.book.chapters)} "
                f"chapter(s) ({listing or 'none: no toctree is :numbered:'})"
            ) from None
        what = f"the works cited in chapter {number}, {text.docname} ({text.title})"
        return self.selection(self.cited_entries(text), what)

    def key(self, key: str) -> Selection:
        """One entry (and its crossref parent)."""
        entry = self.entries.get(key.lower())
        if entry is None:
            raise ScopeError(f"there is no entry {key!r} in refs.bib" + _close(key, self._keys()))
        return self.selection(self.with_parents([entry]), f"the entry {entry.key}")

    def quotation(self, quote_id: str) -> Selection:
        """The source(s) of one quotation, and the ways to cite the passage."""
        quotations = self.book.quotations()
        quotation = quotations.get(quote_id)
        if quotation is None:
            raise ScopeError(
                f"there is no quotation with the id {quote_id!r}" + _close(quote_id, quotations)
            )
        where = f"{self._path(quotation.docname)}:{quotation.lineno}"
        targets = [t for t in quotation.targets if t.key.lower() in self.entries]
        entries = self.with_parents(self._entries_of(targets))
        targets = [_with_key(target, self.entries[target.key.lower()].key) for target in targets]
        selection = self.selection(entries, f"the source of the quotation {quote_id} ({where})")
        return Selection(
            selection.entries,
            selection.records,
            selection.description,
            commands=cite_commands(targets, selection.records, self.style),
            quotation=quotation,
        )

    def edition(self) -> Selection:
        """The edition as citable entries: the book, then each chapter."""
        return self.selection(edition_entries(self.info, self.book), "the edition and its chapters")

    # -- helpers

    def _keys(self) -> list[str]:
        return [entry.key for entry in self.library.entries]

    def _path(self, docname: str) -> str:
        text = self.book.texts.get(docname)
        return str(text.path) if text else docname

    def _text(self, name: str) -> Text:
        """The text named by docname, file name or path (``01-february``, ``x.rst``)."""
        wanted = name.strip().removesuffix(".rst").replace("\\", "/").removeprefix("./")
        source = self.book.source_dir.name
        wanted = wanted.removeprefix(f"{source}/")
        text = self.book.texts.get(wanted)
        if text is None:
            raise ScopeError(
                f"there is no text {name!r} in {self.book.source_dir}"
                + _close(wanted, self.book.texts)
            )
        return text

    def _entries_of(self, targets: Iterable[CitationTarget]) -> list[Entry]:
        found: dict[str, Entry] = {}
        for target in targets:
            entry = self.entries[target.key.lower()]
            found.setdefault(entry.key, entry)
        return list(found.values())

    def cited_entries(self, text: Text, strict: bool = True) -> list[Entry]:
        """The entries *text* cites, in order of first citation, with crossref parents.

        *strict*: raise ScopeError when the reading found a citation of the text that
        cannot be read or names no entry (the export would lack a work the text cites).
        """
        if strict:
            faults = [
                f"{problem.file}:{problem.line}: {problem.message}"
                for problem in self.problems
                if problem.code in _CITATION_FAULTS and problem.file == str(text.path)
            ]
            if faults:
                raise ScopeError("\n".join(faults))
        keys = [key for key in text.cited_keys() if key.lower() in self.entries]
        return self.with_parents([self.entries[key.lower()] for key in keys])

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
