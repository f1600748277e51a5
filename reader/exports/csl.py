"""CSL-JSON export: the items of the CSL input schema (csl-data.json), as citeproc reads them.

Mapping decisions
-----------------
Types
    biblatex's entry types map as pandoc's citeproc maps them (article ->
    article-journal, or article-newspaper/-magazine by ``entrysubtype``; book,
    collection, proceedings, reference and their multivolume forms -> book;
    inbook/incollection -> chapter; inproceedings -> paper-conference; online ->
    webpage; thesis types -> thesis; report/techreport -> report; ...); ``misc`` and
    unknown types -> document, CSL's generic type.
Text
    LaTeX is decoded to Unicode as the notes decode it (``{\\"u}`` -> ü, ``\\&`` -> &,
    ``--`` -> en dash, ``~`` -> no-break space, ``\\,`` -> narrow no-break space),
    braces are dropped, a ``subtitle`` is joined to its title with a colon.  URLs keep
    their characters (only ``\\_``-style escapes are undone); page ranges use a hyphen.
Names
    Split as BibTeX does: family, given, ``non-dropping-particle`` (the von part) and
    ``suffix`` (Jr.); a name that is one braced group is an organisation (``literal``).
Dates
    ``date`` (ISO, ranges with ``/``), else ``year``/``month``/``day``, give
    ``issued`` as date-parts; ``urldate`` -> ``accessed``, ``origdate`` ->
    ``original-date``, ``eventdate`` -> ``event-date``.  A month that is no month
    ("Spring") becomes the season; what cannot be read as a date is kept as a literal.
Crossref
    A ``crossref`` parent's fields are inherited (its title as the container title).
Notes
    The entry's own ``note`` is the editors' memo on the source (where it was seen,
    what could not be verified): it is left out, unless the export asks for notes.
Everything else
    A field with no CSL variable goes into ``note``, one ``name: value`` line each:
    nothing else of refs.bib is dropped.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from typing import Any

from reader.exports.records import Record
from reader.exports.values import (
    WORK_TYPES,
    DateValue,
    FieldTaker,
    Name,
    edition_number,
    entry_date,
    language_code,
    names,
    parse_date,
    plain,
    plain_pages,
    plain_url,
    resolve_crossref,
    with_subtitle,
)

__all__ = ["CSL_TYPES", "csl_item", "csl_items", "csl_json", "csl_type"]

CSL_TYPES: dict[str, str] = {
    "article": "article-journal", "book": "book", "mvbook": "book", "booklet": "pamphlet",
    "bookinbook": "chapter", "collection": "book", "mvcollection": "book",
    "proceedings": "book", "mvproceedings": "book", "reference": "book",
    "mvreference": "book", "manual": "book", "inbook": "chapter", "incollection": "chapter",
    "suppbook": "chapter", "suppcollection": "chapter", "inreference": "entry-encyclopedia",
    "inproceedings": "paper-conference", "conference": "paper-conference",
    "online": "webpage", "www": "webpage", "electronic": "webpage",
    "thesis": "thesis", "phdthesis": "thesis", "mastersthesis": "thesis",
    "report": "report", "techreport": "report", "unpublished": "manuscript",
    "periodical": "periodical", "suppperiodical": "article-journal",
    "newspaper": "article-newspaper", "magazine": "article-magazine", "patent": "patent",
    "dataset": "dataset", "software": "software", "letter": "personal_communication",
    "artwork": "graphic", "image": "graphic", "movie": "motion_picture",
    "video": "motion_picture", "audio": "song", "music": "song", "performance": "speech",
    "review": "review", "standard": "standard", "legislation": "legislation",
    "jurisdiction": "legal_case", "misc": "document",
}  # fmt: skip

#: Types whose ``number`` is the issue of a periodical.
_ISSUE_TYPES = frozenset({"article-journal", "article-newspaper", "article-magazine", "periodical"})

# Fields mapped one to one (BibTeX/biblatex name -> CSL variable), decoded as text.
_TEXT_VARIABLES = {
    "volume": "volume", "volumes": "number-of-volumes",
    "pagetotal": "number-of-pages", "chapter": "chapter-number",
    "origtitle": "original-title", "origpublisher": "original-publisher",
    "shorttitle": "title-short", "shortjournal": "container-title-short",
    "series": "collection-title", "isbn": "ISBN", "issn": "ISSN", "abstract": "abstract",
    "annote": "annote", "annotation": "annote", "keywords": "keyword", "version": "version",
    "pubstate": "status", "eventtitle": "event", "venue": "event-place", "pmid": "PMID",
    "pmcid": "PMCID", "callnumber": "call-number", "part": "part",
}  # fmt: skip
_NAME_VARIABLES = {
    "author": "author", "editor": "editor", "translator": "translator",
    "bookauthor": "container-author",
}  # fmt: skip
_DATE_VARIABLES = {"urldate": "accessed", "origdate": "original-date", "eventdate": "event-date"}


def csl_type(entry_type: str, fields: dict[str, str]) -> str:
    """The CSL type of a BibTeX/biblatex entry type (``entrysubtype`` refines articles)."""
    kind = entry_type.lower()
    subtype = plain(fields.get("entrysubtype", "")).lower()
    if kind == "article" and subtype in ("newspaper", "magazine"):
        return f"article-{subtype}"
    return CSL_TYPES.get(kind, "document")


def csl_item(
    record: Record, parent: Record | None = None, *, with_notes: bool = False
) -> dict[str, Any]:
    """One CSL-JSON item for *record* (with what it inherits from its crossref *parent*).

    The entry's ``note`` holds the editors' memos about the source: it goes into the
    item's ``note`` only *with_notes*.
    """
    fields = resolve_crossref(dict(record.fields), dict(parent.fields) if parent else None)
    kind = csl_type(record.type, fields)
    taker = FieldTaker(fields, consumed=["crossref"])
    if kind.startswith("article-") and kind != "article-journal":
        taker.mark(["entrysubtype"])
    item: dict[str, Any] = {"id": record.key, "type": kind}

    notes = _names(taker, item)
    title = taker.take("title")
    if title is not None:
        item["title"] = with_subtitle(plain(title), _plain_or_none(taker.take("subtitle")))
    _container(taker, item, kind)
    for name, variable in _TEXT_VARIABLES.items():
        value = taker.take(name)
        if value is not None and variable not in item:
            item[variable] = plain(value)
    edition = taker.take("edition")
    if edition is not None:
        item["edition"] = edition_number(edition)
    _numbers(taker, item, kind)
    _publisher(taker, item)
    _dates(taker, item)
    _identifiers(taker, item)
    _genre(taker, item, record.type)
    language = taker.take("langid", "language")
    if language is not None:
        item["language"] = language_code(language)

    own_note = taker.take("note")
    lines = [plain(own_note)] if own_note and with_notes else []
    lines += notes
    lines += [f"{name}: {_plain_value(name, value)}" for name, value in taker.left_over()]
    if lines:
        item["note"] = "\n".join(lines)
    return item


def _plain_or_none(value: str | None) -> str | None:
    return plain(value) if value is not None else None


def _plain_value(name: str, value: str) -> str:
    """A left-over field for the note: decoded, unless it is a URL-like value."""
    return plain_url(value) if name.endswith("url") or name == "eprint" else plain(value)


def _csl_name(name: Name) -> dict[str, str]:
    if name.literal:
        return {"literal": name.literal}
    parts = {
        "family": name.family,
        "given": name.given,
        "non-dropping-particle": name.particle,
        "suffix": name.suffix,
    }
    return {key: value for key, value in parts.items() if value}


def _names(taker: FieldTaker, item: dict[str, Any]) -> list[str]:
    """Name lists; a list ending in "and others" (which CSL cannot say) is noted."""
    notes = []
    for name, variable in _NAME_VARIABLES.items():
        value = taker.take(name)
        if value is None:
            continue
        people, others = names(value)
        if people:
            item[variable] = [_csl_name(person) for person in people]
        if others or not people:
            notes.append(f"{name}: {plain(value)}")
    return notes


def _container(taker: FieldTaker, item: dict[str, Any], kind: str) -> None:
    """The book or periodical (or, for a web page, the website) the item is part of."""
    book = taker.take("booktitle")
    if book is not None:
        item["container-title"] = with_subtitle(
            plain(book), _plain_or_none(taker.take("booksubtitle"))
        )
        return
    journal = taker.take("journaltitle", "journal")
    if journal is not None:
        item["container-title"] = with_subtitle(
            plain(journal), _plain_or_none(taker.take("journalsubtitle"))
        )
        return
    if kind == "webpage":
        # biblatex has no field for the website: the cmos style (and biblatex-chicago)
        # use the organisation, else the publisher, as the site's name.
        site = taker.take("organization", "publisher")
        if site is not None:
            item["container-title"] = plain(site)


def _numbers(taker: FieldTaker, item: dict[str, Any], kind: str) -> None:
    number = taker.take("number")
    if number is not None:
        if kind in _ISSUE_TYPES:
            variable = "issue"
        elif "collection-title" in item:
            variable = "collection-number"
        else:
            variable = "number"
        item[variable] = plain(number)
    if "issue" not in item and taker.peek("issue") is not None:
        item["issue"] = plain(taker.take("issue") or "")
    pages = taker.take("pages")
    if pages is not None:
        item["page"] = plain_pages(pages)


def _publisher(taker: FieldTaker, item: dict[str, Any]) -> None:
    publisher = taker.take("publisher", "institution", "school", "organization")
    if publisher is not None:
        item["publisher"] = plain(publisher)
    place = taker.take("location", "address")
    if place is not None:
        item["publisher-place"] = plain(place)
    original_place = taker.take("origlocation")
    if original_place is not None:
        item["original-publisher-place"] = plain(original_place)


def _csl_date(date: DateValue) -> dict[str, Any]:
    if date.literal:
        return {"literal": date.literal}
    value: dict[str, Any] = {"date-parts": [list(part) for part in date.parts]}
    if date.season:
        value["season"] = date.season
    return value


def _dates(taker: FieldTaker, item: dict[str, Any]) -> None:
    issued, used = entry_date({name: taker.fields[name] for name in taker.fields})
    if issued is not None:
        item["issued"] = _csl_date(issued)
        taker.mark(used)
        year = plain(taker.peek("year") or "")
        if "date" in used and year.isdigit() and int(year) == issued.year:
            taker.mark(["year"])  # the same year stated twice (BibTeX and biblatex forms)
    for name, variable in _DATE_VARIABLES.items():
        value = taker.take(name)
        if value is not None:
            item[variable] = _csl_date(parse_date(value))


def _identifiers(taker: FieldTaker, item: dict[str, Any]) -> None:
    url = taker.take("url")
    if url is not None:
        item["URL"] = plain_url(url)
    doi = taker.take("doi")
    if doi is not None:
        item["DOI"] = _bare_doi(plain_url(doi))


def _bare_doi(doi: str) -> str:
    for prefix in ("https://doi.org/", "http://doi.org/", "https://dx.doi.org/", "doi:"):
        if doi.lower().startswith(prefix):
            return doi[len(prefix) :]
    return doi


def _genre(taker: FieldTaker, item: dict[str, Any], entry_type: str) -> None:
    kind = taker.take("type")
    if kind is not None:
        item["genre"] = WORK_TYPES.get(plain(kind).lower(), plain(kind))
    elif entry_type in WORK_TYPES:
        item["genre"] = WORK_TYPES[entry_type]


def csl_items(records: Sequence[Record], *, with_notes: bool = False) -> list[dict[str, Any]]:
    """CSL items for *records*; a crossref parent is looked up among them."""
    by_key = {record.key.lower(): record for record in records}
    return [
        csl_item(record, by_key.get(record.crossref), with_notes=with_notes) for record in records
    ]


def csl_json(records: Sequence[Record], *, with_notes: bool = False) -> str:
    """The CSL-JSON text (an array of items, UTF-8, not ASCII-escaped) of *records*."""
    return (
        json.dumps(csl_items(records, with_notes=with_notes), ensure_ascii=False, indent=2) + "\n"
    )
