"""BibLaTeX export: refs.bib with BibTeX's types and fields renamed to biblatex's.

Mapping decisions (biber's own default source map does much the same; doing it here
gives a file that biblatex users can read and edit in biblatex's terms):

* types: phdthesis/mastersthesis -> thesis with ``type = {phdthesis}``/``{mathesis}``,
  techreport -> report with ``type = {techreport}``, www/electronic -> online,
  conference -> inproceedings; every other type (online included) is kept;
* fields: journal -> journaltitle, address -> location, school -> institution,
  annote -> annotation, key -> sortkey, archiveprefix -> eprinttype,
  primaryclass -> eprintclass;
* ``year``/``month``/``day`` -> ``date`` (ISO: ``1918-09``; a year range ``1932--33``
  -> ``1932/1933``), unless the entry has a ``date`` already or the year or month is
  not a number or month name ("n.d.", "Spring"): then they stay as they are;
* an edition in words ("Second", "2nd") -> its number, which biblatex prints in the
  style's own way;
* a field is never renamed onto one the entry already has (both are kept), and values
  are copied as written (LaTeX, braces and all);
* the result keeps to biblatex's data model (:mod:`reader.exports.biblatex_model`), so
  that biber validates it: a chapter of a volume with no editor is an ``@inbook``
  (one author's or body's volume), a book with editors and no author a
  ``@collection``; a field the entry's type has no place for goes into
  ``annotation`` as ``name: value`` (no style prints it; nothing is lost); an entry
  with no date gets ``date = {XXXX}``, biblatex's unknown year (printed "n.d.").
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from bibtexparser.library import Library
from bibtexparser.model import Entry, Field

from reader.exports.biblatex_model import allowed
from reader.exports.bibtex import bibtex_string
from reader.exports.values import edition_number, fields_of, month_number, plain

__all__ = ["BIBLATEX_FIELDS", "BIBLATEX_TYPES", "biblatex_entry", "biblatex_string"]

#: BibTeX type -> (biblatex type, value of its ``type`` field or None).
BIBLATEX_TYPES: dict[str, tuple[str, str | None]] = {
    "phdthesis": ("thesis", "phdthesis"),
    "mastersthesis": ("thesis", "mathesis"),
    "techreport": ("report", "techreport"),
    "www": ("online", None),
    "electronic": ("online", None),
    "conference": ("inproceedings", None),
}
BIBLATEX_FIELDS: dict[str, str] = {
    "journal": "journaltitle",
    "address": "location",
    "school": "institution",
    "annote": "annotation",
    "key": "sortkey",
    "archiveprefix": "eprinttype",
    "primaryclass": "eprintclass",
}
_YEAR_RANGE = re.compile(r"(\d{4})\s*(?:-{1,3}|–|/)\s*(\d{2,4})")


def _copy(field: Field, key: str | None = None) -> Field:
    """A copy of *field* (maybe renamed) that the writer encloses as the original was."""
    return Field(key or field.key, field.value, enclosing=field.enclosing)


def _iso_date(fields: dict[str, str]) -> tuple[str, set[str]] | None:
    """``date`` from year/month/day, and the fields it replaces; None if it cannot."""
    if "date" in fields or "year" not in fields:
        return None
    year = plain(fields["year"]).strip()
    years = _YEAR_RANGE.fullmatch(year)
    if years:
        end = years[1][: 4 - len(years[2])] + years[2]
        return (f"{years[1]}/{end}", {"year"}) if "month" not in fields else None
    if not re.fullmatch(r"\d{4}", year):
        return None
    if "month" not in fields:
        return year, {"year"}
    month = month_number(fields["month"])
    if month is None:
        return None
    date, used = f"{year}-{month:02d}", {"year", "month"}
    day = plain(fields.get("day", "")).strip()
    if day.isdigit() and 1 <= int(day) <= 31:
        date, used = f"{date}-{int(day):02d}", used | {"day"}
    return date, used


def biblatex_entry(entry: Entry) -> Entry:
    """*entry* with biblatex's type and field names (a new entry; the old is unchanged)."""
    fields = fields_of(entry)
    kind, type_value = BIBLATEX_TYPES.get(entry.entry_type.lower(), (entry.entry_type, None))
    date = _iso_date(fields)
    replaced = date[1] if date else set()
    new_fields: list[Field] = []
    for field in entry.fields:
        name = field.key.lower()
        if name in replaced:
            if name == "year" and date:
                new_fields.append(Field("date", date[0]))  # where the year was
            continue
        target = BIBLATEX_FIELDS.get(name)
        if name == "edition" and edition_number(fields[name]).isdigit():
            new_fields.append(Field(field.key, edition_number(fields[name])))  # "Second" -> 2
        elif target and target not in fields:
            new_fields.append(_copy(field, target))
        else:
            new_fields.append(_copy(field))
    if type_value and "type" not in fields:
        new_fields.append(Field("type", type_value))
    return _conform(Entry(kind, entry.key, new_fields))


def _conform(entry: Entry) -> Entry:
    """*entry* fitted to biblatex's data model (see the module docstring)."""
    names = {field.key.lower() for field in entry.fields}
    kind = entry.entry_type.lower()
    if kind == "incollection" and "editor" not in names:
        kind = "inbook"
    elif kind == "book" and "author" not in names and "editor" in names:
        kind = "collection"
    kept: list[Field] = []
    homeless: list[str] = []
    for field in entry.fields:
        if allowed(kind, field.key):
            kept.append(field)
        else:
            homeless.append(f"{field.key.lower()}: {field.value}")
    if not names & {"date", "year"}:
        kept.append(Field("date", UNKNOWN_DATE))
    if homeless:
        annotation = next((f for f in kept if f.key.lower() == "annotation"), None)
        lines = ([str(annotation.value)] if annotation is not None else []) + homeless
        if annotation is not None:
            kept.remove(annotation)
        kept.append(Field("annotation", "; ".join(lines)))
    return Entry(kind, entry.key, kept)


#: biblatex's (EDTF's) year not known: styles print it as "n.d.".
UNKNOWN_DATE = "XXXX"


def biblatex_string(entries: Sequence[Entry]) -> str:
    """The entries in biblatex form, as BibTeX text (entries only)."""
    return bibtex_string(Library(blocks=[biblatex_entry(entry) for entry in entries]))
