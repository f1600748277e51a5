"""RIS export: one ``TY`` ... ``ER`` record per entry, made from the entry's CSL-JSON item.

RIS has no mapping of its own to refs.bib: each record is written from the CSL item
(:mod:`reader.exports.csl`), so the two exports always say the same.

Types
    CSL book -> BOOK (with editors and no author -> EDBOOK), chapter -> CHAP,
    article-journal -> JOUR, article-newspaper -> NEWS, article-magazine -> MGZN,
    webpage -> ELEC, thesis -> THES, report -> RPRT, manuscript -> UNPB,
    paper-conference -> CPAPER, pamphlet -> PAMP, document and others -> GEN.
Tags
    AU author, A2 editor (or the container's author), A4 translator ("Family, Given,
    Suffix"); TI title, T2 the book, periodical or website, T3 series, ST short title;
    PY year, DA full date (YYYY/MM/DD/), Y2 access date; VL volume, NV number of
    volumes, IS issue, M1 number, SE chapter, SP/EP first/last page, ET edition (the
    series number follows the series in T3); PB publisher, CY
    place; UR, DO, SN (ISBN/ISSN), LA language, OP original title, M3 genre, AB
    abstract, KW one per keyword; ID the citation key; N1 the item's note.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import Any

from reader.exports.csl import csl_items
from reader.exports.records import Record

__all__ = ["RIS_TYPES", "ris_record", "ris_text"]

RIS_TYPES: dict[str, str] = {
    "book": "BOOK", "chapter": "CHAP", "article-journal": "JOUR", "article": "JOUR",
    "article-newspaper": "NEWS", "article-magazine": "MGZN", "webpage": "ELEC",
    "post-weblog": "BLOG", "thesis": "THES", "report": "RPRT", "manuscript": "UNPB",
    "paper-conference": "CPAPER", "pamphlet": "PAMP", "periodical": "JFULL",
    "entry-encyclopedia": "ENCYC", "entry-dictionary": "DICT", "patent": "PAT",
    "dataset": "DATA", "software": "COMP", "personal_communication": "PCOMM",
    "motion_picture": "MPCT", "song": "SOUND", "graphic": "ART", "legislation": "STAT",
    "legal_case": "CASE", "standard": "STAND", "speech": "GEN", "review": "JOUR",
    "document": "GEN",
}  # fmt: skip
_ONE_TO_ONE = (
    ("ST", "title-short"), ("VL", "volume"), ("IS", "issue"), ("M1", "number"),
    ("NV", "number-of-volumes"), ("SE", "chapter-number"), ("ET", "edition"),
    ("OP", "original-title"), ("AB", "abstract"), ("LA", "language"), ("M3", "genre"),
    ("PB", "publisher"), ("CY", "publisher-place"), ("UR", "URL"), ("DO", "DOI"),
)  # fmt: skip


# Whitespace that would break a record's line, or that TeX collapses; no-break spaces
# (a tie, ``~``, and ``\\,``) are the text's own and stay, as in the editions.
_BREAKING_SPACE = re.compile(r"[^\S\xa0\u202f\u2007]+")


def _line(tag: str, value: Any) -> str:
    return f"{tag}  - {_BREAKING_SPACE.sub(' ', str(value)).strip()}"


def _name(name: dict[str, str]) -> str:
    if "literal" in name:
        return name["literal"]
    family = " ".join(p for p in (name.get("non-dropping-particle"), name.get("family")) if p)
    return ", ".join(p for p in (family, name.get("given", ""), name.get("suffix", "")) if p)


def _date(value: dict[str, Any]) -> str:
    """RIS DA form, ``YYYY/MM/DD/`` (missing parts left empty), or the literal."""
    if "literal" in value:
        return str(value["literal"])
    start = [str(part).zfill(2) for part in value["date-parts"][0]]
    year, month, day = (start + ["", ""])[:3]
    return f"{year}/{month}/{day}/{value.get('season', '')}"


def ris_record(item: dict[str, Any]) -> list[str]:
    """The lines of one RIS record for a CSL item, ``TY`` first and ``ER`` last."""
    kind = RIS_TYPES.get(item["type"], "GEN")
    if kind == "BOOK" and "editor" in item and "author" not in item:
        kind = "EDBOOK"
    lines = [_line("TY", kind), _line("ID", item["id"])]
    for variable, tag in (
        ("author", "AU"),
        ("editor", "A2"),
        ("container-author", "A2"),
        ("translator", "A4"),
    ):
        lines += [_line(tag, _name(name)) for name in item.get(variable, [])]
    if "title" in item:
        lines.append(_line("TI", item["title"]))
    if "container-title" in item:
        lines.append(_line("T2", item["container-title"]))
    issued = item.get("issued")
    if issued is not None:
        parts = issued.get("date-parts")
        if parts:
            lines.append(_line("PY", parts[0][0]))
        if "literal" in issued or len(parts[0]) > 1 or len(parts) > 1 or issued.get("season"):
            lines.append(_line("DA", _date(issued)))  # more than the year alone
    if "accessed" in item:
        lines.append(_line("Y2", _date(item["accessed"])))
    for tag, variable in _ONE_TO_ONE:
        if variable in item:
            lines.append(_line(tag, item[variable]))
    if "collection-title" in item:
        series = [item["collection-title"], item.get("collection-number", "")]
        lines.append(_line("T3", ", ".join(str(part) for part in series if part)))
    for variable in ("ISBN", "ISSN"):
        if variable in item:
            lines.append(_line("SN", item[variable]))
    lines += _pages(str(item.get("page", "")))
    if "keyword" in item:
        lines += [_line("KW", word) for word in re.split(r"[,;]", item["keyword"]) if word.strip()]
    for note in str(item.get("note", "")).splitlines():
        if note.strip():
            lines.append(_line("N1", note))
    for variable in sorted(set(item) - _TAKEN):  # no RIS tag: kept as a note, not dropped
        lines.append(_line("N1", f"{variable}: {_plain(item[variable])}"))
    lines.append("ER  - ")
    return lines


#: The CSL variables that have a place in a record above.
_TAKEN = frozenset(
    {"id", "type", "author", "editor", "container-author", "translator", "title",
     "container-title", "issued", "accessed", "collection-title", "collection-number",
     "ISBN", "ISSN", "page", "keyword", "note"}
    | {variable for _, variable in _ONE_TO_ONE}
)  # fmt: skip


def _plain(value: Any) -> str:
    """A CSL value as one line of text: a date as its RIS form, names inverted."""
    if isinstance(value, dict):
        return _date(value)
    if isinstance(value, list):
        return "; ".join(_name(name) if isinstance(name, dict) else str(name) for name in value)
    return str(value)


def _pages(text: str) -> list[str]:
    """SP and EP from a range ("87-136"); a single page or a list is all SP."""
    if not text:
        return []
    match = re.fullmatch(r"(\w+)\s*(?:-{1,3}|–|—)\s*(\w+)", text)
    if match:
        return [_line("SP", match[1]), _line("EP", match[2])]
    return [_line("SP", text)]


def ris_text(records: Sequence[Record], *, with_notes: bool = False) -> str:
    """The RIS text of *records*, records separated by a blank line."""
    items = csl_items(records, with_notes=with_notes)
    body = "\n\n".join("\n".join(ris_record(item)) for item in items)
    return body + ("\n" if items else "")
