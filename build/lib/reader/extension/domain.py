"""Build data of the reader: which text cites what, and the registered quotations.

Records carry their docname, so that ``clear_doc`` and ``merge_domaindata`` keep
the data right under incremental and parallel builds.
"""

from __future__ import annotations

from collections.abc import Iterable, Set
from typing import Any, NamedTuple

from sphinx.domains import Domain
from sphinx.util import logging

logger = logging.getLogger(__name__)


class CitationRecord(NamedTuple):
    """One source cited in one note."""

    docname: str
    lineno: int
    key: str
    locator: str
    verified: bool


class QuotationRecord(NamedTuple):
    """A block quotation registered by the ``quote`` directive."""

    id: str
    docname: str
    lineno: int
    text: str
    key: str
    locator: str
    verified: bool


class ReaderDomain(Domain):
    """Holds citations and quotations of every text (``reader`` domain)."""

    name = "reader"
    label = "Reader"
    data_version = 1
    initial_data: dict[str, Any] = {"citations": [], "quotations": {}}

    @property
    def citations(self) -> list[CitationRecord]:
        return self.data.setdefault("citations", [])

    @property
    def quotations(self) -> dict[str, QuotationRecord]:
        return self.data.setdefault("quotations", {})

    def clear_doc(self, docname: str) -> None:
        self.data["citations"] = [c for c in self.citations if c.docname != docname]
        for qid, quote in list(self.quotations.items()):
            if quote.docname == docname:
                del self.quotations[qid]

    def merge_domaindata(self, docnames: Set[str], otherdata: dict[str, Any]) -> None:
        self.citations.extend(c for c in otherdata["citations"] if c.docname in docnames)
        for quote in otherdata["quotations"].values():
            if quote.docname in docnames:
                self.note_quotation(quote)

    def note_citation(self, record: CitationRecord) -> None:
        self.citations.append(record)

    def note_quotation(self, record: QuotationRecord) -> bool:
        """Register a quotation; warn and return False when its id is taken."""
        other = self.quotations.get(record.id)
        if other is not None and other != record:
            logger.warning(
                f"duplicate quotation id {record.id!r}, also at "
                f"{self.env.doc2path(other.docname)}:{other.lineno}. "
                "Give one of them another :id:",
                location=(record.docname, record.lineno),
                type="reader",
                subtype="quote_duplicate_id",
            )
            return False
        self.quotations[record.id] = record
        return True

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
