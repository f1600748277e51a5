"""RIS export: one ``TY`` ... ``ER`` record per entry, for reference managers.

Mapping decisions
-----------------
Types
    book and its kin -> BOOK (an edited collection -> EDBOOK), inbook/incollection ->
    CHAP, inproceedings -> CPAPER, article -> JOUR (NEWS, MGZN by ``entrysubtype``),
    online -> ELEC, thesis types -> THES, report -> RPRT, unpublished -> UNPB,
    booklet -> PAMP, misc and unknown types -> GEN.
Tags
    AU author, A2 editor, A4 translator (names as "Family, Given, Suffix"); TI title
    (with its subtitle), T2 the book, periodical or website, T3 series, ST short title;
    PY year, DA full date (YYYY/MM/DD/), Y2 access date; VL volume, NV number of
    volumes, IS issue (periodicals), SE chapter, SP/EP first/last page, ET edition;
    PB publisher, CY place; UR, DO, SN (ISBN/ISSN), LA language, OP original title,
    M3 type of work, AB abstract, KW one per keyword; ID the citation key.
Notes
    N1 holds the entry's note and then every field no tag takes, one ``name: value``
    note each, so that nothing of refs.bib is dropped.
Text
    As in CSL-JSON: LaTeX decoded to Unicode, braces dropped, one line per value.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from bibtexparser.model import Entry

from reader.exports.values import (
    WORK_TYPES,
    DateValue,
    FieldTaker,
    entry_date,
    fields_of,
    names,
    parse_date,
    plain,
    plain_url,
    resolve_crossref,
    with_subtitle,
)

__all__ = ["RIS_TYPES", "ris_record", "ris_text", "ris_type"]

RIS_TYPES: dict[str, str] = {
    "article": "JOUR", "book": "BOOK", "mvbook": "BOOK", "booklet": "PAMP",
    "bookinbook": "CHAP", "collection": "EDBOOK", "mvcollection": "EDBOOK",
    "proceedings": "CONF", "mvproceedings": "CONF", "reference": "BOOK", "mvreference": "BOOK",
    "manual": "BOOK", "inbook": "CHAP", "incollection": "CHAP", "suppbook": "CHAP",
    "suppcollection": "CHAP", "inreference": "ENCYC", "inproceedings": "CPAPER",
    "conference": "CPAPER", "online": "ELEC", "www": "ELEC", "electronic": "ELEC",
    "thesis": "THES", "phdthesis": "THES", "mastersthesis": "THES", "report": "RPRT",
    "techreport": "RPRT", "unpublished": "UNPB", "periodical": "JFULL",
    "newspaper": "NEWS", "magazine": "MGZN", "patent": "PAT", "dataset": "DATA",
    "software": "COMP", "letter": "PCOMM", "movie": "MPCT", "video": "VIDEO",
    "audio": "SOUND", "music": "MUSIC", "artwork": "ART", "image": "ART",
    "legislation": "STAT", "jurisdiction": "CASE", "standard": "STAND", "misc": "GEN",
}  # fmt: skip

_PERIODICAL_TYPES = frozenset({"JOUR", "NEWS", "MGZN", "JFULL"})
_ONE_TO_ONE = [
    ("T3", ("series",)), ("ST", ("shorttitle",)), ("VL", ("volume",)), ("NV", ("volumes",)),
    ("SE", ("chapter",)), ("ET", ("edition",)), ("OP", ("origtitle",)),
    ("AB", ("abstract",)), ("SN", ("isbn", "issn")), ("LA", ("langid", "language")),
]  # fmt: skip


def ris_type(entry_type: str, fields: dict[str, str]) -> str:
    """The RIS type of a BibTeX/biblatex entry type (``entrysubtype`` refines articles)."""
    kind = entry_type.lower()
    subtype = plain(fields.get("entrysubtype", "")).lower()
    if kind == "article" and subtype in ("newspaper", "magazine"):
        return {"newspaper": "NEWS", "magazine": "MGZN"}[subtype]
    return RIS_TYPES.get(kind, "GEN")


def _line(tag: str, value: str) -> str:
    return f"{tag}  - {' '.join(value.split())}"


def _ris_date(date: DateValue) -> str:
    """RIS DA form, ``YYYY/MM/DD/`` (missing parts left empty), or the literal."""
    if date.literal or not date.parts:
        return date.literal
    start = [str(part).zfill(2) for part in date.parts[0]]
    year, month, day = (start + ["", ""])[:3]
    return f"{year}/{month}/{day}/{date.season}"


def ris_record(entry: Entry, parent: Entry | None = None) -> list[str]:
    """The lines of one RIS record, ``TY`` first and ``ER`` last."""
    fields = resolve_crossref(fields_of(entry), fields_of(parent) if parent else None)
    kind = ris_type(entry.entry_type, fields)
    taker = FieldTaker(fields, consumed=["crossref"])
    if kind in ("NEWS", "MGZN"):
        taker.mark(["entrysubtype"])
    lines = [_line("TY", kind), _line("ID", entry.key)]
    notes: list[str] = []

    for name, tag in (("author", "AU"), ("editor", "A2"), ("translator", "A4")):
        value = taker.take(name)
        if value is None:
            continue
        people, others = names(value)
        lines += [_line(tag, person.inverted()) for person in people]
        if others or not people:
            notes.append(f"{name}: {plain(value)}")
    title = taker.take("title")
    if title is not None:
        subtitle = taker.take("subtitle")
        lines.append(_line("TI", with_subtitle(plain(title), plain(subtitle or "") or None)))
    container = taker.take("booktitle", "journaltitle", "journal")
    if container is None and kind == "ELEC":
        container = taker.take("organization", "publisher")  # the website (see csl.py)
    if container is not None:
        lines.append(_line("T2", plain(container)))
    lines += _dates(taker)
    for tag, candidates in _ONE_TO_ONE:
        value = taker.take(*candidates)
        if value is not None:
            lines.append(_line(tag, plain(value)))
    if kind in _PERIODICAL_TYPES:
        issue = taker.take("number", "issue")
        if issue is not None:
            lines.append(_line("IS", plain(issue)))
    lines += _pages(taker)
    work = taker.take("type")
    if work is not None:
        lines.append(_line("M3", WORK_TYPES.get(plain(work).lower(), plain(work))))
    publisher = taker.take("publisher", "institution", "school", "organization")
    if publisher is not None:
        lines.append(_line("PB", plain(publisher)))
    place = taker.take("location", "address")
    if place is not None:
        lines.append(_line("CY", plain(place)))
    url = taker.take("url")
    if url is not None:
        lines.append(_line("UR", plain_url(url)))
    doi = taker.take("doi")
    if doi is not None:
        lines.append(_line("DO", plain_url(doi)))
    keywords = taker.take("keywords")
    if keywords is not None:
        lines += [_line("KW", word) for word in re.split(r"[,;]", plain(keywords)) if word.strip()]

    own_note = taker.take("note")
    notes = ([plain(own_note)] if own_note else []) + notes
    notes += [f"{name}: {_note_value(name, value)}" for name, value in taker.left_over()]
    lines += [_line("N1", note) for note in notes]
    lines.append("ER  - ")
    return lines


def _note_value(name: str, value: str) -> str:
    return plain_url(value) if name.endswith("url") or name == "eprint" else plain(value)


def _dates(taker: FieldTaker) -> list[str]:
    lines = []
    date, used = entry_date(dict(taker.fields))
    if date is not None:
        taker.mark(used)
        if date.year is not None:
            lines.append(_line("PY", str(date.year)))
        if date.literal or len(date.parts[0]) > 1 or len(date.parts) > 1 or date.season:
            lines.append(_line("DA", _ris_date(date)))  # more than the year alone
        year = plain(taker.peek("year") or "")
        if "date" in used and year.isdigit() and int(year) == date.year:
            taker.mark(["year"])
    accessed = taker.take("urldate")
    if accessed is not None:
        lines.append(_line("Y2", _ris_date(parse_date(accessed))))
    return lines


def _pages(taker: FieldTaker) -> list[str]:
    """SP and EP from a range ("87--136"); a single page or a list is all SP."""
    pages = taker.take("pages")
    if pages is None:
        return []
    text = plain(pages)
    match = re.fullmatch(r"(\w+)\s*(?:-{1,3}|–|—)\s*(\w+)", text)
    if match:
        return [_line("SP", match[1]), _line("EP", match[2])]
    return [_line("SP", text)]


def ris_text(entries: Sequence[Entry]) -> str:
    """The RIS text of *entries*, records separated by a blank line."""
    by_key = {entry.key.lower(): entry for entry in entries}
    records = []
    for entry in entries:
        crossref = fields_of(entry).get("crossref", "").strip().lower()
        records.append("\n".join(ris_record(entry, by_key.get(crossref))))
    return "\n\n".join(records) + ("\n" if records else "")
