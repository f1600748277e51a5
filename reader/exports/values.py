"""BibTeX values as plain data: text, names and dates, for the exports that are not BibTeX.

The library (:func:`reader.sources.bibfile.load_library`) keeps every value as written
in refs.bib: LaTeX accents, case-protecting braces, ``#`` concatenations.  CSL-JSON and
RIS want plain Unicode text, names split into family and given parts, and dates as
numbers; these helpers give them that, and nothing here drops information silently.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from bibtexparser.model import Entry
from pybtex.bibtex.utils import split_name_list
from pybtex.database import Person
from pybtex.exceptions import PybtexError

from reader.sources.bibfile import concatenation_parts
from reader.sources.calendar import month_number as calendar_month
from reader.sources.languages import bcp47
from reader.sources.tex import plain_url, tex_text

__all__ = [
    "DateValue",
    "FieldTaker",
    "WORK_TYPES",
    "Name",
    "edition_number",
    "entry_date",
    "fields_of",
    "language_code",
    "month_number",
    "names",
    "parse_date",
    "plain",
    "plain_pages",
    "plain_url",
    "raw_text",
    "resolve_crossref",
    "with_subtitle",
]

#: Kinds of thesis and report (biblatex ``type`` keys, BibTeX entry types) in words.
WORK_TYPES = {
    "phdthesis": "PhD thesis", "mathesis": "Master's thesis",
    "mastersthesis": "Master's thesis", "techreport": "Technical report",
}  # fmt: skip


# Spaces that TeX collapses (a no-break space, ``~``, is kept: it is the text's own).
_SPACES = re.compile(r"[ \t\n\r]+")
_ISO_DATE = re.compile(r"(\d{4})(?:-(\d{1,2})(?:-(\d{1,2}))?)?")
_YEAR_RANGE = re.compile(r"(\d{4})\s*(?:-{1,3}|–|/)\s*(\d{2,4})")


def fields_of(entry: Entry) -> dict[str, str]:
    """The entry's fields by lower-case name (BibTeX ignores case), first one wins.

    A value the library could not unbrace (bibtexparser marks it ``no-enclosing``) is
    a bare number, a macro left as it is (``sep``), or a ``#`` concatenation, which is
    joined here; every other value is text, where a ``#`` is just a character.
    """
    found: dict[str, str] = {}
    for field in entry.fields:
        value = str(field.value)
        if field.enclosing == "no-enclosing":
            value = raw_text(value)
        found.setdefault(field.key.lower(), value)
    return found


def resolve_crossref(fields: dict[str, str], parent: dict[str, str] | None) -> dict[str, str]:
    """*fields* with what they inherit from the ``crossref`` parent, as biber does.

    A chapter's ``booktitle`` comes from its book's ``title`` (and ``booksubtitle`` from
    ``subtitle``); every other field the child lacks is taken as it is.  Keys,
    ``crossref`` and ``ids`` are never inherited.
    """
    if not parent:
        return dict(fields)
    merged = dict(fields)
    renamed = {"title": "booktitle", "subtitle": "booksubtitle", "shorttitle": None}
    for name, value in parent.items():
        if name in ("crossref", "ids", "key", "xref"):
            continue
        target = renamed.get(name, name)
        if target is not None and target not in merged:
            merged[target] = value
    return merged


def raw_text(value: str) -> str:
    """A bare BibTeX value without ``#`` concatenation: each part's braces or quotes removed.

    ``{London} # " and New York"`` becomes ``London and New York``; a bare part (a
    month macro, say) is kept as it is.
    """
    if "#" not in value:
        return value
    parts = concatenation_parts(value)
    if len(parts) == 1:
        return value
    return "".join(_unenclose(part.strip()) for part in parts)


def _unenclose(part: str) -> str:
    if len(part) >= 2 and (part[0], part[-1]) in (("{", "}"), ('"', '"')):
        return part[1:-1]
    return part


def plain(value: str) -> str:
    r"""Unicode text from a BibTeX value, read as TeX as the notes read it.

    ``M{\"u}ller`` -> ``Müller``, ``Verlag \& Co`` -> ``Verlag & Co``, ``--`` -> ``–``;
    ``\emph{Iskra}`` -> ``Iskra``.  A tie (``~``) is a no-break space, ``\,`` a narrow
    one, as in the editions (:func:`reader.sources.bibfile.read_tex`).
    """
    return _SPACES.sub(" ", tex_text(value)).strip()


def plain_pages(value: str) -> str:
    """A page range with a plain hyphen (``87--136`` -> ``87-136``), as CSL expects."""
    return re.sub(r"\s*(?:-{1,3}|–|—)\s*", "-", plain(value))


def with_subtitle(title: str, subtitle: str | None) -> str:
    """``Title: Subtitle`` (no colon after a title ending in ?, ! or a colon)."""
    if not subtitle:
        return title
    return f"{title} {subtitle}" if title.endswith(("?", "!", ":", ".")) else f"{title}: {subtitle}"


_ORDINALS = ("first", "second", "third", "fourth", "fifth", "sixth", "seventh", "eighth",
             "ninth", "tenth")  # fmt: skip


def edition_number(value: str) -> str:
    """An edition as a number where it is one in words: "Second" -> "2"; else as given.

    CSL processors and biblatex print a number in the style's own way ("2nd ed."); a
    word would be printed as it is, before the style's "ed.".
    """
    text = plain(value).strip()
    word = re.sub(r"\s+(?:edition|ed\.)$", "", text, flags=re.IGNORECASE).lower()
    if word in _ORDINALS:
        return str(_ORDINALS.index(word) + 1)
    match = re.fullmatch(r"(\d+)(?:st|nd|rd|th)?", word)
    return match[1] if match else text


def language_code(value: str) -> str:
    """A BCP 47 code for a babel language name (``english`` -> ``en``); codes as given."""
    name = plain(value).strip()
    return bcp47(name) or name


# ----------------------------------------------------------------------------- names


@dataclass(frozen=True)
class Name:
    """A person (family, given, particle, suffix) or an organisation (``literal``)."""

    family: str = ""
    given: str = ""
    particle: str = ""  # the von part: "de", "van der"
    suffix: str = ""  # the Jr part
    literal: str = ""

    def inverted(self) -> str:
        """``Family, Given, Suffix`` (the RIS form); the literal name as it is."""
        if self.literal:
            return self.literal
        family = f"{self.particle} {self.family}".strip()
        return ", ".join(part for part in (family, self.given, self.suffix) if part)


def names(value: str) -> tuple[list[Name], bool]:
    """The names of a name list (``A and B and others``) and whether it ends in ``others``.

    Names are split as BibTeX splits them (pybtex); a name that is one braced group,
    ``{Communist Party of the Soviet Union}``, is an organisation, kept whole.
    """
    found: list[Name] = []
    others = False
    for raw in split_name_list(value):
        raw = raw.strip()
        if raw.lower() == "others":
            others = True
            continue
        if _is_one_group(raw):
            found.append(Name(literal=plain(raw)))
            continue
        try:
            person = Person(raw)
        except PybtexError:
            found.append(Name(literal=plain(raw)))
            continue
        found.append(
            Name(
                family=_join_parts(person.last_names),
                given=_join_parts(person.first_names + person.middle_names),
                particle=_join_parts(person.prelast_names),
                suffix=_join_parts(person.lineage_names),
            )
        )
    return found, others


def _is_one_group(raw: str) -> bool:
    """True if *raw* is ``{...}`` with the braces matching each other."""
    if not (raw.startswith("{") and raw.endswith("}")):
        return False
    depth = 0
    for index, char in enumerate(raw):
        depth += {"{": 1, "}": -1}.get(char, 0)
        if depth == 0 and index < len(raw) - 1:
            return False
    return True


def _join_parts(parts: Iterable[str]) -> str:
    return plain(" ".join(parts))


# ----------------------------------------------------------------------------- dates


@dataclass(frozen=True)
class DateValue:
    """A date as CSL sees it: one or two (start, end) lists of [year, month, day] numbers,
    a season, or a literal that could not be read as a date."""

    parts: tuple[tuple[int, ...], ...] = ()
    season: str = ""
    literal: str = ""

    @property
    def year(self) -> int | None:
        return self.parts[0][0] if self.parts else None


def month_number(value: str) -> int | None:
    """The month of a BibTeX ``month`` value (9, "sep", ``{September}``) or None."""
    return calendar_month(plain(value))


def parse_date(value: str) -> DateValue:
    """An ISO date or range (``1918-09``, ``1932/1933``, ``1917-03-07``), else a literal."""
    text = plain(value).strip()
    ends = text.split("/")
    matches = [_ISO_DATE.fullmatch(end.strip()) for end in ends]
    if len(ends) <= 2 and all(matches):
        parts = tuple(
            tuple(int(group) for group in match.groups() if group) for match in matches if match
        )
        if all(_valid(part) for part in parts):
            return DateValue(parts)
    return DateValue(literal=text)


def _valid(part: Sequence[int]) -> bool:
    return (len(part) < 2 or 1 <= part[1] <= 12) and (len(part) < 3 or 1 <= part[2] <= 31)


def entry_date(fields: dict[str, str]) -> tuple[DateValue | None, set[str]]:
    """The date of publication from ``date``, else ``year``/``month``/``day``; and the
    fields that it used up (a ``month`` that is no month becomes the season)."""
    if fields.get("date", "").strip():
        return parse_date(fields["date"]), {"date"}
    year = plain(fields.get("year", "")).strip()
    if not year:
        return None, set()
    used = {"year"}
    years = _YEAR_RANGE.fullmatch(year)
    if years:
        start, end = years[1], years[2]
        end = start[: 4 - len(end)] + end  # 1932--33 -> 1933
        return DateValue(((int(start),), (int(end),))), used
    if not year.isdigit():
        return DateValue(literal=year), used
    part: tuple[int, ...] = (int(year),)
    season = ""
    if fields.get("month", "").strip():
        used.add("month")
        month = month_number(fields["month"])
        if month is None:
            season = plain(fields["month"])
        else:
            part = (*part, month)
            day = plain(fields.get("day", "")).strip()
            if day.isdigit() and 1 <= int(day) <= 31:
                part = (*part, int(day))
                used.add("day")
    return DateValue((part,), season=season), used


# ------------------------------------------------------------------ used and left over


class FieldTaker:
    """The fields of one entry, marking those an export maps; the rest is left over.

    Exports that have no place for a field put it in a note (``name: value``), so that
    nothing of refs.bib is lost: :meth:`left_over` lists what no mapping took.
    """

    def __init__(self, fields: dict[str, str], consumed: Iterable[str] = ()) -> None:
        self.fields = {name: value for name, value in fields.items() if value.strip()}
        self.used: set[str] = set(consumed)

    def peek(self, *names: str) -> str | None:
        """The first of *names* that is present and not yet taken, without taking it."""
        for name in names:
            if name in self.fields and name not in self.used:
                return self.fields[name]
        return None

    def take(self, *names: str) -> str | None:
        """The first of *names* that is present and not yet taken; mark it taken."""
        for name in names:
            if name in self.fields and name not in self.used:
                self.used.add(name)
                return self.fields[name]
        return None

    def mark(self, names: Iterable[str]) -> None:
        """Mark *names* as taken (used by a mapping that reads several fields at once)."""
        self.used.update(names)

    def left_over(self) -> list[tuple[str, str]]:
        """The fields no mapping took, in the entry's order."""
        return [(name, value) for name, value in self.fields.items() if name not in self.used]
