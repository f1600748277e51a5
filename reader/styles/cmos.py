"""Chicago Manual of Style, 18th edition, notes-bibliography system, as a pybtex style.

:class:`ChicagoNotesStyle` is a pybtex formatting style (entry point ``cmos`` in the
``pybtex.style.formatting`` group).  It gives three forms of each entry, all pybtex rich
text (``Tag("em", ...)`` for italics, ``HRef`` for links) so that every backend escapes
and marks up the result itself:

* :meth:`ChicagoNotesStyle.full_note` -- the note for the first citation of a work;
* :meth:`ChicagoNotesStyle.short_note` -- the shortened note for later citations;
* :meth:`ChicagoNotesStyle.format_entry` -- the bibliography entry (BaseStyle API).

All three end with a period (or with the ``?``/``!`` that ends a title).

Decisions where CMOS leaves a choice, or where a BibTeX field needs interpreting
--------------------------------------------------------------------------------

Names
    CMOS 18 limits: a note (full or short) names one or two authors; three or more give
    "First et al."  A bibliography entry names up to six; seven or more give the first
    three followed by ", et al."  Only the first name in a bibliography entry is
    inverted.  "Jr." follows the name without a comma in notes (CMOS 18) and after a
    comma when inverted.  The von part stays with the surname ("de Gaulle, Charles";
    short note "de Gaulle"), as BibTeX's ``{vv~}{ll}`` does; write ``Gaulle, Charles de``
    in the .bib file to get CMOS's index form.  The limits are class attributes, so a
    CMOS 17 variant only has to override them.
Titles
    Never re-cased.  Books, periodicals and other stand-alone works are italic;
    articles, chapters, theses and web pages are in curly quotation marks, with any
    double quotation marks inside turned into single ones.  A comma or period that
    follows a quoted title goes inside the closing quotation mark; after a title ending
    in "?" or "!" the comma or period is dropped.  ``\\emph{...}``/``\\textit{...}``
    inside a title become italics (and roman again inside an italic title).
Short titles
    The ``shorttitle`` field if present; otherwise the title up to its colon (or up to
    and including a "?" or "!" that is followed by a subtitle), without a leading
    English article ("The", "A", "An"), as CMOS recommends.
Place of publication
    CMOS 18 makes the place optional; it is printed when the entry has ``address`` or
    ``location``, so "(London: Victor Gollancz, 1932)" and "(Victor Gollancz, 1932)"
    are both possible.  A missing date prints "n.d.".
Dates
    ISO dates (``date = {1918-09}``) are spelled out in the day-month-year order that
    CMOS allows ("25 November 2026", "September 1918"), so that access dates and
    publication dates agree.  Books show the year only, journal articles month and
    year (or ``issue``, e.g. a season), newspapers, web pages and misc entries the full
    date.  A ``year`` field is printed as given ("1932--33" becomes "1932–33");
    an ISO range ``1932/1933`` becomes "1932–33" (two final digits within a century).
Original title and date (``origtitle``, ``origdate``, ``origlocation``, ``origpublisher``)
    With an original title (a translation) the bibliography ends with "Originally
    published as *Title* (1930)."; the note omits it, as CMOS's examples of translations
    do.  In a book, an ``origdate`` without ``origtitle`` is a reprint: "(1930; repr.,
    London: Penguin, 2014)" in the note and "1930. Reprint, London: Penguin, 2014." in
    the bibliography.  In a chapter (a work in collected works, a letter or speech in a
    collection) it is the date the piece was written or first published, and follows
    its title, as precise as it is given: "“The Dual Power” (1917), in *Collected
    Works*, ..." and "“Political Report” (7 March 1918)."; the facts of publication
    are then those of the collection.  If such a dated piece's entry gives no place,
    publisher or date for the collection, no facts of publication (not even "n.d.")
    are printed: "in *Collected Works*, vol. 27, https://...".
Locators
    "p. 12" and "pp. 40-44" lose the abbreviation ("12", "40–44"); other locators
    ("ch. 3", "vol. 1, ch. 7", "1:45") are printed as given.  In a full note the locator
    replaces the page range of an article or chapter; without a locator the full range
    is printed.
Volumes
    ``volume`` is the volume cited ("vol. 26"); ``volumes`` the number of volumes of a
    multivolume work ("3 vols.").  If both are given only ``volume`` is printed.
Editions
    "2" and "second" give "2nd ed."; any other text is printed as given (capitalised at
    the start of a bibliography sentence).
Entry types
    book (and mvbook, collection, proceedings, reference, booklet, manual, report,
    techreport); incollection/inbook/inproceedings (a chapter: ``title`` is the part,
    ``booktitle`` the book, as in biblatex); article (a journal article; with
    ``entrysubtype = {newspaper}`` or ``{magazine}`` a newspaper or magazine article);
    newspaper/magazine/periodical (an article in a newspaper or periodical, named by
    ``journal``/``journaltitle``); online (the website, or its owner, is
    ``organization``, ``publisher`` or ``journaltitle``, in roman; an unsigned page's
    bibliography entry begins with it, "Wikipedia. “February Revolution.” ...", as
    CMOS lets the owner of a site stand in for its author, while the note begins with
    the title); thesis/phdthesis/mastersthesis; misc/unpublished and anything else.
    The ``note`` field is never printed.
Required fields
    ``title`` always; ``author`` for articles and theses (books, chapters, online,
    newspaper and misc entries may be anonymous and then begin with the title, as CMOS
    prefers to "Anonymous"); ``booktitle`` for chapters; ``journal`` for
    articles; ``url`` or ``doi`` for online entries.  A missing one raises
    :class:`MissingFieldError`, a subclass of pybtex's ``FieldIsMissing`` (which
    sphinxcontrib-bibtex reports as a warning).
Sorting
    :class:`ChicagoSortingStyle` is the default sorting: by the first author's (else
    editor's) surname and given names, then the other names, then the title (both
    ignoring accents, case and a leading article), then the date; an entry with neither
    author nor editor sorts by its title (an unsigned newspaper article by the
    newspaper's name, an unsigned web page by its website's, which then stands first
    in its bibliography entry).
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable, Iterable, Sequence

from pybtex.bibtex.utils import split_name_list
from pybtex.database import Entry, Person
from pybtex.exceptions import PybtexError
from pybtex.richtext import BaseMultipartText, BaseText, HRef, Protected, String, Tag, Text
from pybtex.style import FormattedEntry
from pybtex.style.formatting import BaseStyle
from pybtex.style.sorting import BaseSortingStyle
from pybtex.style.template import FieldIsMissing

from reader.sources.calendar import MONTHS, month_number
from reader.sources.languages import ENGLISH, LANG_TAG, bcp47
from reader.sources.tex import TexItalic, TexPart, flat_text, plain_url, read_tex, tex_text
from reader.styles.punctuation import typographic

__all__ = ["ChicagoNotesStyle", "ChicagoSortingStyle", "MissingFieldError"]

# fmt: off

#: The kind of work (which decides the layout) of each entry type; others are "misc".
_TYPES_OF_KIND: dict[str, tuple[str, ...]] = {
    "book": (
        "book", "mvbook", "collection", "mvcollection", "proceedings", "mvproceedings",
        "reference", "mvreference", "booklet", "manual", "report", "techreport",
    ),
    "chapter": ("incollection", "inbook", "inproceedings", "inreference"),
    "article": ("article",),
    "news": ("newspaper", "magazine", "periodical"),
    "online": ("online", "www", "electronic"),
    "thesis": ("thesis", "phdthesis", "mastersthesis"),
}
_ORDINAL_WORDS = (
    "first", "second", "third", "fourth", "fifth", "sixth", "seventh", "eighth", "ninth", "tenth",
)
# fmt: on
_KINDS = {type_: kind for kind, types in _TYPES_OF_KIND.items() for type_ in types}
#: Kinds of work that CMOS always cites under an author (a book or chapter with neither
#: author nor editor is cited by its title, CMOS 18 14.80).
_NEEDS_CREATOR = frozenset({"article", "thesis"})
#: Kinds whose titles are italic (the others are quoted).
_ITALIC_KINDS = frozenset({"book", "misc"})
#: Fields naming the website (or its owner) of an online entry, in order of preference.
_SITE_FIELDS = ("organization", "publisher", "journaltitle", "journal")
_THESIS_TYPES = {
    "phdthesis": "PhD diss.",
    "mathesis": "MA thesis",
    "mastersthesis": "MA thesis",
}

_ISO_DATE = re.compile(r"^(\d{4})(?:-(\d{1,2})(?:-(\d{1,2}))?)?$")
_PAGE_PREFIX = re.compile(r"^pp?\.\s*(?=[\dIVXLCDMivxlcdm])")
# Hyphens (or a spaced dash) between digits or roman numerals make a range: en dash.
_NUMBER_RANGE = re.compile(r"(?<=[\dIVXLCDMivxlcdm])\s*(?:-{1,3}|–)\s*(?=[\dIVXLCDMivxlcdm])")
_LEADING_ARTICLE = re.compile(r"^(?:The|A|An)\s+(?=\S)")

Part = BaseText | None


class MissingFieldError(FieldIsMissing):
    """An entry lacks a field the CMOS style cannot do without.

    Subclasses pybtex's ``FieldIsMissing`` so that callers that handle that (such as
    sphinxcontrib-bibtex) handle this too.  ``key`` and ``field_name`` say what is missing.
    """

    def __init__(self, field_name: str, entry: Entry) -> None:
        self.field_name = field_name
        self.key = getattr(entry, "key", None) or "<unnamed>"
        PybtexError.__init__(
            self,
            f"entry {self.key!r} (@{entry.type}) lacks the {field_name} field, "
            "which the CMOS citation style needs",
        )


# --------------------------------------------------------------------------- rich text


def _rebuild(node: BaseMultipartText, parts: Iterable[BaseText]) -> BaseMultipartText:
    """A copy of *node* (Text, Tag, HRef or Protected) with other *parts*."""
    if isinstance(node, Tag):
        return Tag(node.name, *parts)
    if isinstance(node, HRef):
        return HRef(node.url, *parts, external=node.external)
    if isinstance(node, Protected):
        return Protected(*parts)
    return Text(*parts)


def _map_strings(text: BaseText, func: Callable[[str], str]) -> BaseText:
    """Apply *func* to every plain string inside *text*, keeping the markup."""
    if isinstance(text, String):
        return String(func(text.value))
    if isinstance(text, BaseMultipartText):
        return _rebuild(text, [_map_strings(part, func) for part in text.parts])
    return text


def typographic_text(text: BaseText, language: str = "en") -> BaseText:
    """*text* with curly quotes and dashes, as the editions print (not the exports):
    every string but a link's own text, which is its address."""
    if isinstance(text, HRef):
        return text
    if isinstance(text, String):
        return String(typographic(text.value, language))
    if isinstance(text, BaseMultipartText):
        return _rebuild(text, [typographic_text(part, language) for part in text.parts])
    return text


def _rich(parts: Sequence[TexPart]) -> list[BaseText]:
    """Rich text from a value read as TeX (:func:`reader.sources.bibfile.read_tex`).

    Italics become ``Tag("em", ...)``; a braced group becomes ``Protected`` (which keeps
    its case in ``capfirst``), unless it holds one character: braces around an accent
    (``{\\"u}``) protect nothing, and would give ``<span class="bibtex-protected">``.
    """
    rich: list[BaseText] = []
    for part in parts:
        if isinstance(part, str):
            rich.append(String(part))
        elif isinstance(part, TexItalic):
            rich.append(Tag("em", *_rich(part.parts)))
        elif len(flat_text(part.parts)) == 1:
            rich.extend(_rich(part.parts))
        else:
            rich.append(Protected(*_rich(part.parts)))
    return rich


def _latex(raw: str) -> Text:
    """Rich text from a BibTeX field value, read as TeX: the one reading of refs.bib's
    TeX, which CSL-JSON and RIS share (:func:`reader.exports.values.plain`)."""
    return Text(*_rich(read_tex(raw)[0]))


def _roman_inside(text: BaseText) -> BaseText:
    """Remove italics inside *text*: a title within an italic title is set in roman."""
    if isinstance(text, Tag) and text.name == "em":
        return Text(*(_roman_inside(part) for part in text.parts))
    if isinstance(text, BaseMultipartText):
        return _rebuild(text, [_roman_inside(part) for part in text.parts])
    return text


def _in_language(entry: Entry, title: BaseText, field: str = "langid") -> BaseText:
    """*title* tagged ``lang:<tag>`` when *field* gives a language other than English
    (the backends that know the tag mark it, e.g. ``<span lang="de">``; others ignore it)."""
    tag = bcp47(_raw(entry, field) or "")
    return Tag(f"{LANG_TAG}{tag}", title) if tag and tag not in ENGLISH else title


def _italic(title: BaseText) -> Tag:
    """An italic title (book, journal, newspaper)."""
    return Tag("em", _roman_inside(title))


def _quoted(title: BaseText) -> Text:
    """A title in quotation marks; quotation marks inside it become single ones."""
    inner = _map_strings(title, lambda s: s.replace("“", "‘").replace("”", "’"))
    return Text("“", inner, "”")


def _punctuate(text: BaseText, mark: str) -> Text:
    """*text* followed by *mark* ("," or "."), placed as CMOS (American style) wants.

    The mark goes inside closing quotation marks (also inside a single one nested in a
    double one); it is dropped after a "?" or "!", and a period is not doubled after an
    abbreviation ("ed.", "et al.").
    """
    plain = str(text)
    closing = len(plain) - len(plain.rstrip("”’")) if plain.endswith("”") else 0
    body = plain[: len(plain) - closing]
    if not body or body.endswith(("?", "!")) or (mark == "." and body.endswith(".")):
        return Text(text)
    if closing:
        return Text(text[: len(plain) - closing], mark, text[len(plain) - closing :])
    return Text(text, mark)


def _join(parts: Iterable[Part], sep: str = ", ") -> Text:
    """Join the non-empty *parts* with *sep* (", " or ". "), punctuating as CMOS does."""
    items = [part for part in parts if part]
    if not items:
        return Text()
    mark, space = sep[0], sep[1:]
    joined = Text(items[0])
    for item in items[1:]:
        joined = Text(_punctuate(joined, mark), space, item)
    return joined


def _and_list(items: Sequence[BaseText], comma_for_two: bool = False) -> Text:
    """Names in a list: A; A and B; A, B, and C (serial comma); "A, and B" if A is inverted."""
    if len(items) == 1:
        return Text(items[0])
    if len(items) == 2:
        return Text(items[0], ", and " if comma_for_two else " and ", items[1])
    return Text(Text(", ").join(items[:-1]), ", and ", items[-1])


# --------------------------------------------------------------------------- fields


def _raw(entry: Entry, *names: str) -> str | None:
    """The first of the fields *names* that the entry has and is not blank."""
    for name in names:
        value = entry.fields.get(name)
        if value is not None and value.strip():
            return value.strip()
    return None


def _text(entry: Entry, *names: str) -> Text | None:
    """The first present field of *names*, as rich text."""
    raw = _raw(entry, *names)
    return None if raw is None else _latex(raw)


def _required(entry: Entry, *names: str) -> Text:
    """The first present field of *names*; raise :class:`MissingFieldError` if none is."""
    text = _text(entry, *names)
    if text is None:
        raise MissingFieldError(names[0], entry)
    return text


def _kind(entry: Entry) -> str:
    """The layout an entry gets: book, chapter, article, news, online, thesis or misc."""
    kind = _KINDS.get(entry.type.lower(), "misc")
    # biblatex-chicago marks newspaper and magazine articles with an entry subtype.
    subtype = (_raw(entry, "entrysubtype") or "").lower()
    if kind == "article" and subtype in ("newspaper", "magazine"):
        return "news"
    return kind


def _plain_range(raw: str) -> str:
    """Decode *raw* and put en dashes in number ranges ("87-136" -> "87–136")."""
    return _NUMBER_RANGE.sub("–", str(_latex(raw)))


def _pages(entry: Entry) -> Text | None:
    raw = _raw(entry, "pages")
    return None if raw is None else Text(_plain_range(raw))


def _locator(locator: str | None) -> Text | None:
    """A note's locator: "p. 12" -> "12", "pp. 40-44" -> "40–44", others as given."""
    if not locator or not locator.strip():
        return None
    text = _PAGE_PREFIX.sub("", locator.strip())
    return Text(_NUMBER_RANGE.sub("–", text))


def _link(entry: Entry) -> HRef | None:
    """The DOI (preferred by CMOS) as a URL, else the ``url`` field."""
    doi = _raw(entry, "doi")
    if doi:
        doi = re.sub(r"^(?:https?://(?:dx\.)?doi\.org/|doi:)", "", doi)
        url = "https://doi.org/" + plain_url(doi)
    else:
        raw = _raw(entry, "url")
        if raw is None:
            return None
        url = plain_url(raw)
    return HRef(url, url)


def _ordinal(number: int) -> str:
    """1st, 2nd, 3rd, 4th, ..., 11th, 12th, 13th, ..., 21st."""
    if number % 100 in (11, 12, 13):
        suffix = "th"
    else:
        suffix = {1: "st", 2: "nd", 3: "rd"}.get(number % 10, "th")
    return f"{number}{suffix}"


def _edition(entry: Entry) -> Text | None:
    """The edition: "2" or "second" -> "2nd ed."; other text as given."""
    raw = _raw(entry, "edition")
    if raw is None:
        return None
    word = raw.lower()
    if word.isdigit():
        return Text(_ordinal(int(word)) + " ed.")
    if word in _ORDINAL_WORDS:
        return Text(_ordinal(_ORDINAL_WORDS.index(word) + 1) + " ed.")
    if re.fullmatch(r"\d+(?:st|nd|rd|th)", word):
        return Text(word + " ed.")
    return _latex(raw)


def _volume(entry: Entry, capital: bool = False) -> Text | None:
    """The volume cited ("vol. 26"), else the number of volumes ("3 vols.")."""
    volume = _raw(entry, "volume")
    if volume:
        return Text("Vol. " if capital else "vol. ", _latex(volume))
    volumes = _raw(entry, "volumes")
    if volumes:
        return Text(volumes + " vols.") if volumes.isdigit() else _latex(volumes)
    return None


def _series(entry: Entry) -> Text | None:
    """The series name, followed by the number in the series (books' ``number``)."""
    series = _text(entry, "series")
    if series is None:
        return None
    number = _text(entry, "number")
    return Text(series, " ", number) if number else series


def _main_title(raw: str) -> str:
    """The title before its subtitle: up to a colon, or up to and including "?"/"!".

    Only separators outside braces count, and only when a subtitle follows.
    """
    depth = 0
    for index, char in enumerate(raw):
        if char == "{":
            depth += 1
        elif char == "}":
            depth -= 1
        elif (
            depth == 0
            and char in ":?!"
            and raw[index + 1 : index + 2] == " "
            and raw[index + 1 :].strip()
        ):
            return raw[:index] if char == ":" else raw[: index + 1]
    return raw


# --------------------------------------------------------------------------- names


def _persons(entry: Entry, role: str) -> list[Person]:
    """The people in *role*; pybtex parses only author and editor into ``entry.persons``,
    so other roles (``translator``) are split from their field here."""
    persons = entry.persons.get(role)
    if persons:
        return list(persons)
    raw = _raw(entry, role)
    return [Person(name) for name in split_name_list(raw)] if raw else []


def _unprotect(text: BaseText) -> BaseText:
    """*text* without Protected wrappers.

    Braces in a BibTeX name ("{Communist Party of the Soviet Union}") only keep the name
    from being split into given and family names; nothing is re-cased here, so they
    have nothing left to protect in the output.
    """
    if isinstance(text, BaseMultipartText):
        parts = [_unprotect(part) for part in text.parts]
        return Text(*parts) if isinstance(text, Protected) else _rebuild(text, parts)
    return text


def _words(parts: Iterable[str]) -> Text:
    """Name parts (raw BibTeX) as rich text, separated by spaces."""
    return Text(" ").join([_unprotect(_latex(part)) for part in parts])


def _given(person: Person) -> Text:
    return _words(person.first_names + person.middle_names)


def _family(person: Person) -> Text:
    """Surname with its von part ("de Gaulle"); the whole name of a corporate author."""
    return _words(person.prelast_names + person.last_names)


def _full_name(person: Person) -> Text:
    """Given names first; CMOS 18 sets "Jr." without a comma."""
    parts = [_given(person), _family(person), _words(person.lineage_names)]
    return Text(" ").join([part for part in parts if part])


def _inverted_name(person: Person) -> Text:
    """The name inverted, as the first name of a bibliography entry: "Trotsky, Leon";
    "King, Martin Luther, Jr."."""
    parts = [_family(person), _given(person), _words(person.lineage_names)]
    return Text(", ").join([part for part in parts if part])


# --------------------------------------------------------------------------- dates


def _year_range(start: str, end: str) -> str:
    """CMOS inclusive years: 1932–33 within a century (but 1900–1901, 1903–1904)."""
    if start[:2] == end[:2] and int(start[2:]) >= 10:
        return f"{start}–{end[2:]}"
    return f"{start}–{end}"


class _DateFormatter:
    """Spells out entry dates; *day_month_year* picks "25 November 2026" order."""

    def __init__(self, day_month_year: bool) -> None:
        self.day_month_year = day_month_year

    def ymd(self, year: str, month: int | None, day: int | None, precision: str) -> str:
        if precision == "year" or month is None:
            return year
        name = MONTHS[month - 1]
        if precision == "month" or day is None:
            return f"{name} {year}"
        return f"{day} {name} {year}" if self.day_month_year else f"{name} {day}, {year}"

    def iso(self, raw: str, precision: str) -> Text:
        """An ISO date or range (``1918-09``, ``1932/1933``); other text as given."""
        matches = [_ISO_DATE.match(end.strip()) for end in raw.split("/")]
        if not all(matches):
            return Text(_plain_range(raw))
        ends = [
            (
                m.group(1),
                int(m.group(2)) if m.group(2) else None,
                int(m.group(3)) if m.group(3) else None,
            )
            for m in matches
            if m
        ]
        if len(ends) == 2 and ends[0][1] is None and ends[1][1] is None:
            return Text(_year_range(ends[0][0], ends[1][0]))
        return Text("–".join(self.ymd(year, month, day, precision) for year, month, day in ends))

    def of_entry(self, entry: Entry, precision: str) -> Text | None:
        """The date of publication from ``date``, else ``year``/``month``/``day``.

        *precision* is "year", "month" or "day" (the most the layout shows).
        """
        date = _raw(entry, "date")
        if date:
            return self.iso(date, precision)
        year = _raw(entry, "year")
        if year is None:
            return None
        year_text = _plain_range(year)
        month_raw = _raw(entry, "month")
        if precision == "year" or month_raw is None:
            return Text(year_text)
        month = month_number(month_raw)
        if month is None:  # "Spring", "Winter 1917/18"...: print as given
            return Text(_latex(month_raw), " ", year_text)
        day = _raw(entry, "day")
        return Text(
            self.ymd(year_text, month, int(day) if day and day.isdigit() else None, precision)
        )


# --------------------------------------------------------------------------- sorting


def _sort_text(text: str) -> str:
    """Lower-case *text* without accents or quotation marks, for alphabetising."""
    decomposed = unicodedata.normalize("NFKD", text)
    stripped = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    return stripped.strip("“”‘’\"' ").casefold()


class ChicagoSortingStyle(BaseSortingStyle):
    """CMOS bibliography order: names, then title (without leading article), then date."""

    def person_key(self, person: Person) -> tuple[str, str]:
        return (_sort_text(str(_family(person))), _sort_text(str(_given(person))))

    def title_key(self, raw: str | None) -> str:
        if raw is None:
            return ""
        return _sort_text(_LEADING_ARTICLE.sub("", str(_latex(raw))))

    def sorting_key(self, entry: Entry) -> tuple:
        persons = _persons(entry, "author") or _persons(entry, "editor")
        title = self.title_key(_raw(entry, "title"))
        if persons:
            names = tuple(self.person_key(person) for person in persons)
        elif _kind(entry) == "news" and _raw(entry, "journaltitle", "journal"):
            names = ((self.title_key(_raw(entry, "journaltitle", "journal")), ""),)
        elif _kind(entry) == "online" and _raw(entry, *_SITE_FIELDS):
            names = ((self.title_key(_raw(entry, *_SITE_FIELDS)), ""),)
        else:
            names = ((title, ""),)
        return (names, title, _raw(entry, "date", "year") or "")


# --------------------------------------------------------------------------- the style


def _chapter_in(entry: Entry) -> str:
    """ "chap. 3 in " for a numbered chapter (CMOS 14.8), else "in "."""
    number = tex_text(entry.fields.get("chapter", "")).strip()
    return f"chap. {number} in " if number else "in "


class ChicagoNotesStyle(BaseStyle):
    """CMOS 18 notes-bibliography: full notes, short notes and bibliography entries.

    See the module docstring for the choices made where CMOS leaves one.
    """

    default_sorting_style = ChicagoSortingStyle

    #: Notes name at most this many authors; more give "First et al." (CMOS 18: 2).
    note_name_limit = 2
    #: Bibliography entries name at most this many (CMOS 18: 6) ...
    bib_name_limit = 6
    #: ... else the first this many, then ", et al." (CMOS 18: 3).
    bib_names_when_truncated = 3
    #: "25 November 2026" (True) or "November 25, 2026" (False); CMOS allows either.
    day_month_year = True

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.dates = _DateFormatter(self.day_month_year)

    # ----------------------------------------------------------------- public API

    def format_entry(self, label: str, entry: Entry, bib_data=None) -> FormattedEntry:
        """The bibliography entry (BaseStyle API, used by sphinxcontrib-bibtex)."""
        return FormattedEntry(entry.key, self.bibliography_entry(entry), label)

    def bibliography_entry(self, entry: Entry) -> Text:
        """The bibliography form of *entry*, ending with a period."""
        text = getattr(self, f"_{_kind(entry)}_bibliography")(entry)
        return _punctuate(text, ".")

    def full_note(self, entry: Entry, locator: str | None = "") -> Text:
        """The note for the first citation of *entry*, ending with a period.

        *locator* ("p. 12", "pp. 40–44", "ch. 3", "vol. 1, ch. 7") is placed where CMOS
        puts page numbers, with "p."/"pp." dropped.
        """
        text = getattr(self, f"_{_kind(entry)}_note")(entry, _locator(locator))
        return _punctuate(text, ".")

    def short_note(self, entry: Entry, locator: str | None = "") -> Text:
        """The shortened note: surname(s), short title, locator; ending with a period."""
        kind = _kind(entry)
        persons = _persons(entry, "author") or _persons(entry, "editor")
        if persons:
            surnames = [_family(person) for person in persons]
            if len(surnames) > self.note_name_limit:
                names: Text | None = Text(surnames[0], " et al.")
            else:
                names = _and_list(surnames)
        else:
            self._check_anonymous(entry)
            names = None
        title = self._short_title(entry)
        styled = _italic(title) if kind in _ITALIC_KINDS else _quoted(title)
        return _punctuate(_join([names, styled, _locator(locator)]), ".")

    # ----------------------------------------------------------------- shared parts

    def _check_anonymous(self, entry: Entry) -> None:
        """Raise unless this kind of work may be cited without author or editor."""
        if _kind(entry) in _NEEDS_CREATOR:
            raise MissingFieldError("author or editor", entry)

    def _head(self, entry: Entry, bibliography: bool) -> tuple[Text | None, str | None]:
        """The names that lead the citation (authors, else editors + "ed."), and the role.

        In a bibliography entry the first name is inverted.
        """
        for role in ("author", "editor"):
            persons = _persons(entry, role)
            if persons:
                break
        else:
            self._check_anonymous(entry)
            return None, None
        if bibliography:
            names = self._bibliography_names(persons, invert_first=True)
        else:
            names = self._note_names(persons)
        if role == "editor":
            names = Text(names, ", eds." if len(persons) > 1 else ", ed.")
        return names, role

    def _note_names(self, persons: Sequence[Person]) -> Text:
        if len(persons) > self.note_name_limit:
            return Text(_full_name(persons[0]), " et al.")
        return _and_list([_full_name(person) for person in persons])

    def _bibliography_names(self, persons: Sequence[Person], invert_first: bool) -> Text:
        names = [
            _inverted_name(person) if index == 0 and invert_first else _full_name(person)
            for index, person in enumerate(persons)
        ]
        if len(names) > self.bib_name_limit:
            return Text(Text(", ").join(names[: self.bib_names_when_truncated]), ", et al.")
        return _and_list(names, comma_for_two=invert_first)

    def _contributors(self, entry: Entry, head_role: str | None, form: str) -> list[Text]:
        """Editors (unless they lead the citation) and translators after the title.

        *form*: "note" ("ed. X", "trans. Y"), "bibliography" ("Edited by X.") or
        "inline" ("edited by X", inside a bibliography sentence).
        """
        editors = _persons(entry, "editor") if head_role != "editor" else []
        translators = _persons(entry, "translator")
        if form == "note":
            labels = {"both": "ed. and trans. ", "editor": "ed. ", "translator": "trans. "}
        else:
            labels = {
                "both": "edited and translated by ",
                "editor": "edited by ",
                "translator": "translated by ",
            }

        def names(persons: Sequence[Person]) -> Text:
            if form == "note":
                return self._note_names(persons)
            return self._bibliography_names(persons, invert_first=False)

        if editors and translators and editors == translators:
            groups = [("both", editors)]
        else:
            groups = [
                (role, persons)
                for role, persons in (("editor", editors), ("translator", translators))
                if persons
            ]
        parts = [Text(labels[role], names(persons)) for role, persons in groups]
        if form == "bibliography":
            parts = [part.capfirst() for part in parts]
        return parts

    def _title(self, entry: Entry) -> Text:
        return _in_language(entry, _required(entry, "title"))

    def _short_title(self, entry: Entry) -> Text:
        """``shorttitle``, else the main title without a leading English article."""
        short = _raw(entry, "shorttitle")
        if short:
            return _in_language(entry, _latex(short))
        title = _raw(entry, "title")
        if title is None:
            raise MissingFieldError("title", entry)
        main = _main_title(title)
        return _in_language(entry, _latex(_LEADING_ARTICLE.sub("", main, count=1)))

    def _publication(self, entry: Entry, prefix: str = "") -> Text:
        """Facts of publication, "London: Victor Gollancz, 1932–33" (place, publisher if known).

        A missing date gives "n.d.".

        *prefix* "orig" reads ``origlocation``, ``origpublisher`` and ``origdate``.
        """
        if prefix:
            place = _text(entry, prefix + "location")
            publisher = _text(entry, prefix + "publisher")
            date_raw = _raw(entry, prefix + "date")
            date = self.dates.iso(date_raw, "year") if date_raw else None
        else:
            place = _text(entry, "address", "location")
            publisher = _text(entry, "publisher", "institution", "organization")
            date = self.dates.of_entry(entry, "year")
        where = Text(place, ": ", publisher) if place and publisher else (place or publisher)
        return _join([where, date or (None if prefix else Text("n.d."))])

    def _original_date(self, entry: Entry, precision: str) -> Text | None:
        """``origdate`` when it is not the date of a translation's original (no ``origtitle``)."""
        if _raw(entry, "origtitle"):
            return None
        raw = _raw(entry, "origdate")
        return self.dates.iso(raw, precision) if raw else None

    def _reprint_of(self, entry: Entry) -> Text | None:
        """The original date of a reprinted book (``origdate`` without ``origtitle``)."""
        return self._original_date(entry, "year")

    def _piece_date(self, entry: Entry) -> Text | None:
        """When a piece in a collection was written or first published, as precise as
        ``origdate`` is: "1917", "7 March 1918"."""
        return self._original_date(entry, "day")

    def _container_publication(self, entry: Entry) -> Text | None:
        """Facts of publication of the book that holds a chapter.

        None (nothing printed, not even "n.d.") when the piece itself is dated and the
        entry gives neither place, publisher nor date of the book: there is then no
        publication to date, only a container known by title and volume.
        """
        facts = ("address", "location", "publisher", "institution", "organization")
        if _raw(entry, *facts, "date", "year") is None and self._piece_date(entry) is not None:
            return None
        return self._publication(entry)

    def _originally(self, entry: Entry, italic: bool) -> Text | None:
        """The original of a translation: "Originally published as *Title* (1930)"."""
        original = _text(entry, "origtitle")
        if original is None:
            return None
        original = _in_language(entry, original, "origlanguage")
        facts = self._publication(entry, prefix="orig")
        styled = _italic(original) if italic else _quoted(original)
        return Text("Originally published as ", styled, Text(" (", facts, ")") if facts else "")

    def _note_publication(self, entry: Entry) -> Text:
        """The parenthesised facts of publication of a note, with "repr." if any."""
        facts = self._publication(entry)
        original = self._reprint_of(entry)
        if original:
            facts = Text(original, "; repr., ", facts)
        return Text("(", facts, ")")

    def _bibliography_publication(self, entry: Entry) -> list[Part]:
        """The publication sentence(s) of a bibliography entry ("1930. Reprint, ...")."""
        facts = self._publication(entry)
        original = self._reprint_of(entry)
        if original:
            return [original, Text("Reprint, ", facts)]
        return [facts]

    # ----------------------------------------------------------------- books

    def _book_note(self, entry: Entry, locator: Text | None) -> Text:
        head, role = self._head(entry, bibliography=False)
        body = _join(
            [
                head,
                _italic(self._title(entry)),
                *self._contributors(entry, role, "note"),
                _edition(entry),
                _volume(entry),
                _series(entry),
            ]
        )
        body = Text(body, " ", self._note_publication(entry))
        return _join([body, locator, _link(entry)])

    def _book_bibliography(self, entry: Entry) -> Text:
        head, role = self._head(entry, bibliography=True)
        edition = _edition(entry)
        return _join(
            [
                head,
                _italic(self._title(entry)),
                *self._contributors(entry, role, "bibliography"),
                edition.capfirst() if edition else None,
                _volume(entry, capital=True),
                _series(entry),
                *self._bibliography_publication(entry),
                self._originally(entry, italic=True),
                _link(entry),
            ],
            ". ",
        )

    # ----------------------------------------------------------------- chapters

    def _chapter_title(self, entry: Entry) -> Text:
        """The quoted title of the piece, with its own date if it has one.

        CMOS puts the date a piece in collected works (or a letter or speech in a
        collection) was written or first published right after its title:
        “The Dual Power” (1917).
        """
        title = _quoted(self._title(entry))
        date = self._piece_date(entry)
        return Text(title, " (", date, ")") if date else title

    def _chapter_note(self, entry: Entry, locator: Text | None) -> Text:
        head, role = self._head(entry, bibliography=False)
        body = _join(
            [
                head,
                self._chapter_title(entry),
                Text(
                    _chapter_in(entry), _italic(_in_language(entry, _required(entry, "booktitle")))
                ),
                *self._contributors(entry, role, "note"),
                _edition(entry),
                _volume(entry),
                _series(entry),
            ]
        )
        facts = self._container_publication(entry)
        if facts:
            body = Text(body, " (", facts, ")")
        return _join([body, locator or _pages(entry), _link(entry)])

    def _chapter_bibliography(self, entry: Entry) -> Text:
        head, role = self._head(entry, bibliography=True)
        container = _join(
            [
                Text(
                    _chapter_in(entry).capitalize(),
                    _italic(_in_language(entry, _required(entry, "booktitle"))),
                ),
                *self._contributors(entry, role, "inline"),
                _edition(entry),
                _volume(entry),
                _pages(entry),
            ]
        )
        return _join(
            [
                head,
                self._chapter_title(entry),
                container,
                _series(entry),
                self._container_publication(entry),
                self._originally(entry, italic=False),
                _link(entry),
            ],
            ". ",
        )

    # ----------------------------------------------------------------- journal articles

    def _journal(self, entry: Entry, pages: Text | None) -> Text:
        """The journal part of an article: "*Journal* 12, no. 3 (September 1918): 45–67"."""
        journal = _required(entry, "journaltitle", "journal")
        volume = _text(entry, "volume")
        number = _text(entry, "number")
        name = Text(_italic(journal), " ", volume) if volume else _italic(journal)
        name = _join([name, Text("no. ", number) if number else None])
        date = self.dates.of_entry(entry, "month") or Text("n.d.")
        season = _text(entry, "issue")
        if season and not _raw(entry, "month"):
            date = Text(season, " ", date)
        cited = Text(name, " (", date, ")")
        return Text(cited, ": ", pages) if pages else cited

    def _article_note(self, entry: Entry, locator: Text | None) -> Text:
        head, role = self._head(entry, bibliography=False)
        return _join(
            [
                head,
                _quoted(self._title(entry)),
                *self._contributors(entry, role, "note"),
                self._journal(entry, locator or _pages(entry)),
                _link(entry),
            ]
        )

    def _article_bibliography(self, entry: Entry) -> Text:
        head, role = self._head(entry, bibliography=True)
        return _join(
            [
                head,
                _quoted(self._title(entry)),
                *self._contributors(entry, role, "bibliography"),
                self._journal(entry, _pages(entry)),
                self._originally(entry, italic=False),
                _link(entry),
            ],
            ". ",
        )

    # ----------------------------------------------------------------- newspapers, magazines

    def _news_note(self, entry: Entry, locator: Text | None) -> Text:
        head, role = self._head(entry, bibliography=False)
        return _join(
            [
                head,
                _quoted(self._title(entry)),
                *self._contributors(entry, role, "note"),
                _italic(_required(entry, "journaltitle", "journal")),
                self.dates.of_entry(entry, "day") or Text("n.d."),
                locator,
                _link(entry),
            ]
        )

    def _news_bibliography(self, entry: Entry) -> Text:
        """Signed: "Author. “Headline.” *Paper*, date."; unsigned: "*Paper*. “Headline.” date."."""
        head, role = self._head(entry, bibliography=True)
        paper = _italic(_required(entry, "journaltitle", "journal"))
        date = self.dates.of_entry(entry, "day") or Text("n.d.")
        title = _quoted(self._title(entry))
        contributors = self._contributors(entry, role, "bibliography")
        if head:
            parts = [head, title, *contributors, _join([paper, date])]
        else:
            parts = [paper, title, *contributors, date]
        return _join([*parts, _link(entry)], ". ")

    # ----------------------------------------------------------------- web pages

    def _site(self, entry: Entry) -> Text | None:
        """The name of the website or its owner, in roman (CMOS)."""
        return _text(entry, *_SITE_FIELDS)

    def _accessed(self, entry: Entry, capital: bool) -> Text | None:
        raw = _raw(entry, "urldate")
        if raw is None:
            return None
        return Text("Accessed " if capital else "accessed ", self.dates.iso(raw, "day"))

    def _online_link(self, entry: Entry) -> HRef:
        link = _link(entry)
        if link is None:
            raise MissingFieldError("url", entry)
        return link

    def _online_note(self, entry: Entry, locator: Text | None) -> Text:
        head, role = self._head(entry, bibliography=False)
        return _join(
            [
                head,
                _quoted(self._title(entry)),
                *self._contributors(entry, role, "note"),
                self._site(entry),
                self.dates.of_entry(entry, "day"),
                locator,
                self._accessed(entry, capital=False),
                self._online_link(entry),
            ]
        )

    def _online_bibliography(self, entry: Entry) -> Text:
        """Signed: "Author. “Title.” Site, date."; unsigned: "Site. “Title.” Date."

        CMOS lets the owner or sponsor of a website stand in for a missing author in the
        bibliography ("Wikipedia. “February Revolution.” https://..."); the note still
        begins with the title.
        """
        head, role = self._head(entry, bibliography=True)
        site = self._site(entry)
        date = self.dates.of_entry(entry, "day")
        title = _quoted(self._title(entry))
        contributors = self._contributors(entry, role, "bibliography")
        if head or not site:
            parts = [head, title, *contributors, _join([site, date])]
        else:
            parts = [site, title, *contributors, date]
        return _join([*parts, self._accessed(entry, capital=True), self._online_link(entry)], ". ")

    # ----------------------------------------------------------------- theses

    def _thesis_facts(self, entry: Entry) -> Text:
        """Kind of thesis, school and year: "PhD diss., University of Chicago, 1990"."""
        raw_type = _raw(entry, "type")
        if raw_type:
            kind = _THESIS_TYPES.get(raw_type.lower())
            thesis_type = Text(kind) if kind else _latex(raw_type)
        else:
            thesis_type = Text(_THESIS_TYPES.get(entry.type.lower(), "thesis"))
        return _join(
            [
                thesis_type,
                _text(entry, "school", "institution"),
                self.dates.of_entry(entry, "year") or Text("n.d."),
            ]
        )

    def _thesis_note(self, entry: Entry, locator: Text | None) -> Text:
        head, _role = self._head(entry, bibliography=False)
        body = _join([head, _quoted(self._title(entry))])
        body = Text(body, " (", self._thesis_facts(entry), ")")
        return _join([body, locator, _link(entry)])

    def _thesis_bibliography(self, entry: Entry) -> Text:
        head, _role = self._head(entry, bibliography=True)
        return _join(
            [
                head,
                _quoted(self._title(entry)),
                self._thesis_facts(entry).capfirst(),
                _link(entry),
            ],
            ". ",
        )

    # ----------------------------------------------------------------- everything else

    def _misc_facts(self, entry: Entry) -> Text:
        """The publication details of a misc entry, those known of: howpublished,
        Place: Publisher, date."""
        place = _text(entry, "address", "location")
        publisher = _text(entry, "organization", "institution", "publisher")
        where = Text(place, ": ", publisher) if place and publisher else (place or publisher)
        return _join([_text(entry, "howpublished"), where, self.dates.of_entry(entry, "day")])

    def _misc_note(self, entry: Entry, locator: Text | None) -> Text:
        head, role = self._head(entry, bibliography=False)
        return _join(
            [
                head,
                _italic(self._title(entry)),
                *self._contributors(entry, role, "note"),
                self._misc_facts(entry),
                locator,
                _link(entry),
            ]
        )

    def _misc_bibliography(self, entry: Entry) -> Text:
        head, role = self._head(entry, bibliography=True)
        return _join(
            [
                head,
                _italic(self._title(entry)),
                *self._contributors(entry, role, "bibliography"),
                self._misc_facts(entry).capfirst(),
                _link(entry),
            ],
            ". ",
        )
