"""Build data of the reader: the texts, what they cite, their quotations and problems.

Records carry their docname, so that ``clear_doc`` and ``merge_domaindata`` keep
the data right under incremental and parallel builds.  Everything the commands
and the pages need to know about a text is here, taken from the one reading of it
by docutils: ``reader check``, ``reader export``, ``reader stats`` and the Cite
panel all read this, never the files.
"""

from __future__ import annotations

from collections.abc import Iterable, Set
from typing import Any, NamedTuple

from sphinx.domains import Domain

from reader.extension.report import Stored
from reader.sources.citations import CitationTarget


class CitationRecord(NamedTuple):
    """One source cited in one note (or in an annotation's sources: no note)."""

    docname: str
    lineno: int
    key: str
    locator: str
    verified: bool
    pre: str = ""
    note: str = ""  # the name of the note that cites it


class QuotationRecord(NamedTuple):
    """A block quotation registered by the ``quote`` directive: its words and sources."""

    id: str
    docname: str
    lineno: int
    text: str
    targets: tuple[CitationTarget, ...]
    explicit_id: bool = True

    @property
    def key(self) -> str:
        """The work quoted (the first source of its note)."""
        return self.targets[0].key

    @property
    def locator(self) -> str:
        return self.targets[0].locator

    @property
    def verified(self) -> bool:
        return self.targets[0].verified


class TextRecord(NamedTuple):
    """What a text is: its title (plain words, as printed), length, notes, paragraphs."""

    docname: str
    title: str
    words: int
    notes: int  # numbered notes: citations and hand-written ones
    editors_notes: int  # the lettered series
    paragraphs: tuple[str, ...] = ()  # the opening words of each numbered paragraph


class ReferenceRecord(NamedTuple):
    """A ``:doc:`` or ``:ref:`` in a text, checked once every text is read."""

    docname: str
    lineno: int
    role: str
    target: str


class ToctreeRecord(NamedTuple):
    """A toctree of a text: where it is, whether it numbers its entries, what they are."""

    docname: str
    lineno: int
    numbered: bool
    caption: str
    entries: tuple[str, ...]


class ReaderDomain(Domain):
    """Holds texts, citations, quotations and problems of every text (``reader`` domain)."""

    name = "reader"
    label = "Reader"
    data_version = 4
    initial_data: dict[str, Any] = {
        "citations": [],
        "quotations": [],
        "texts": {},
        "problems": [],
        "references": [],
        "toctrees": [],
        "listings": [],
    }
    _LISTS = ("citations", "quotations", "problems", "references", "toctrees", "listings")

    @property
    def citations(self) -> list[CitationRecord]:
        return self.data.setdefault("citations", [])

    @property
    def quotation_records(self) -> list[QuotationRecord]:
        """Every quotation, duplicates included (the consistency check reports them)."""
        return self.data.setdefault("quotations", [])

    @property
    def quotations(self) -> dict[str, QuotationRecord]:
        """Quotations by id: the first of each id in the order of the book (fixed by
        :meth:`index` once every text is read)."""
        index = self.data.get("quotation_index")
        if index is None:
            index = self.index(sorted({q.docname for q in self.quotation_records}))
        return index

    def index(self, order: list[str]) -> dict[str, QuotationRecord]:
        """Fix which quotation of each id counts: the first in *order* (docnames)."""
        rank = {name: n for n, name in enumerate(order)}
        found: dict[str, QuotationRecord] = {}
        for record in sorted(
            self.quotation_records,
            key=lambda q: (rank.get(q.docname, len(rank)), q.docname, q.lineno),
        ):
            found.setdefault(record.id, record)
        self.data["quotation_index"] = found
        return found

    @property
    def texts(self) -> dict[str, TextRecord]:
        return self.data.setdefault("texts", {})

    @property
    def references(self) -> list[ReferenceRecord]:
        return self.data.setdefault("references", [])

    @property
    def toctrees(self) -> list[ToctreeRecord]:
        return self.data.setdefault("toctrees", [])

    @property
    def listings(self) -> list[Any]:
        """Pages that list what the whole book holds (reader.extension.dependencies)."""
        return self.data.setdefault("listings", [])

    def clear_doc(self, docname: str) -> None:
        self.data.pop("quotation_index", None)
        for name in self._LISTS:
            self.data[name] = [r for r in self.data.get(name, []) if r.docname != docname]
        self.texts.pop(docname, None)

    def merge_domaindata(self, docnames: Set[str], otherdata: dict[str, Any]) -> None:
        self.data.pop("quotation_index", None)
        for name in self._LISTS:
            ours = self.data.setdefault(name, [])
            ours.extend(r for r in otherdata.get(name, []) if r.docname in docnames)
        for docname, record in otherdata.get("texts", {}).items():
            if docname in docnames:
                self.texts[docname] = record

    def note_citation(self, record: CitationRecord) -> None:
        self.citations.append(record)

    def note_quotation(self, record: QuotationRecord) -> None:
        self.quotation_records.append(record)

    def note_problem(self, record: Stored) -> None:
        self.data.setdefault("problems", []).append(record)

    def cited_keys(self, docnames: Iterable[str] | None = None) -> list[str]:
        """Keys cited in *docnames* (all texts when None), first citation first."""
        wanted = None if docnames is None else set(docnames)
        keys: dict[str, None] = {}
        for record in self.citations:
            if wanted is None or record.docname in wanted:
                keys.setdefault(record.key, None)
        return list(keys)

    def resolve_any_xref(self, *args: Any, **kwargs: Any) -> list[Any]:
        return []
