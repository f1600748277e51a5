"""An entry as the exports read it: type, key and fields, from pybtex's reading of refs.bib.

The notes, the bibliographies and the Cite panel format entries as pybtex (through
sphinxcontrib-bibtex) read them; CSL-JSON and RIS are made from the same reading, so
that an edition and its exports cannot disagree about a title or a name.  A
:class:`Record` holds the fields as BibTeX values (LaTeX as written, macros
expanded) and each name list as BibTeX writes it (``Last, First and ...``).
The BibTeX and BibLaTeX exports keep bibtexparser's lossless reading instead
(:mod:`reader.exports.bibtex`): they copy refs.bib, they do not interpret it.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING

from reader.exports.values import fields_of, resolve_crossref

if TYPE_CHECKING:
    from bibtexparser.model import Entry as ParsedEntry
    from pybtex.database import Entry as PybtexEntry

__all__ = ["Record", "from_parsed", "from_pybtex", "records_for"]


@dataclass(frozen=True)
class Record:
    """One entry: its key, type (lower case) and fields (lower-case names)."""

    key: str
    type: str
    fields: Mapping[str, str]

    @property
    def crossref(self) -> str:
        return self.fields.get("crossref", "").strip().lower()

    def to_pybtex(self, parent: Record | None = None) -> PybtexEntry:
        """A pybtex entry of the record (with what it inherits from *parent*), for the
        note style."""
        from pybtex.bibtex.utils import split_name_list
        from pybtex.database import Entry as PybtexEntry
        from pybtex.database import Person

        fields = resolve_crossref(dict(self.fields), dict(parent.fields) if parent else None)
        persons = {
            role: [Person(name) for name in split_name_list(fields.pop(role))]
            for role in _PERSON_FIELDS
            if role in fields
        }
        entry = PybtexEntry(self.type, fields=fields, persons=persons)
        entry.key = self.key
        return entry


#: The fields pybtex reads as lists of persons.
_PERSON_FIELDS = ("author", "editor", "translator", "bookauthor")


def from_pybtex(entry: PybtexEntry) -> Record:
    """The record of an entry as pybtex read it."""
    fields = {name.lower(): str(value) for name, value in entry.fields.items()}
    for role, people in entry.persons.items():
        fields[role.lower()] = " and ".join(str(person) for person in people)
    return Record(entry.key, entry.type.lower(), fields)


def from_parsed(entry: ParsedEntry) -> Record:
    """The record of an entry made by bibtexparser (the edition's own entries)."""
    return Record(entry.key, entry.entry_type.lower(), fields_of(entry))


def records_for(
    entries: Iterable[ParsedEntry], pybtex_entries: Mapping[str, PybtexEntry]
) -> list[Record]:
    """Records for *entries*: pybtex's reading of each, where pybtex has the entry."""
    found = []
    for entry in entries:
        known = pybtex_entries.get(entry.key.lower())
        found.append(from_pybtex(known) if known is not None else from_parsed(entry))
    return found
