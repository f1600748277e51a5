"""What the seven chapters rest on: primary sources and named authors, not encyclopedias.

The kinds, from refs.bib itself:

* encyclopedia: Wikipedia, Britannica, Columbia and other general encyclopedias, fact
  and "kids" sites (the Encyclopedia of Trotskyism On-Line is an archive of
  transcriptions, not one);
* primary: an entry tagged ``keywords = {primary source}`` (the period's writings,
  documents, memoirs and newspapers);
* interpreter: Deutscher and Rees, the interpreters the edition is built on;
* web: any other web page (``@online`` or ``@misc`` with no journal);
* scholarly: the rest (books and articles of historians and other writers).

Run with ``-s`` (or look at ``-rA``) to see the table.
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict

import pytest

KINDS = ("primary", "interpreter", "scholarly", "web", "encyclopedia")
_ENCYCLOPEDIA = re.compile(
    r"wikipedia|britannica|columbia\.edu|encyclop(a)?edia|infoplease|factmonster|kids|"
    r"alchetron|wikiwand|wikimili|infogalactic|newworldencyclopedia|encyclopedia\.com",
    re.IGNORECASE,
)
_ARCHIVE = re.compile(r"encyclopedia of trotskyism|marxists\.org/history/etol", re.IGNORECASE)
#: Who counts for the targets (surname of the first author or editor).
AUTHORS = ("Trotsky", "Luxemburg", "Deutscher", "Rees", "Lenin")
TARGETS = {"Trotsky": 20, "Luxemburg": 8, "Deutscher": 8, "Rees": 6}
#: In each chapter, a historian who reads the events differently, cited with a locator.
OTHER_READINGS = {
    "01-february": ("pipes1990revolution",),
    "02-october": ("pipes1990revolution",),
    "03-civil-war": ("pipes1990revolution", "farber1990", "figes1996tragedy"),
    "04-emergency": ("pipes1990revolution", "leggett1981cheka"),
    "05-isolation": ("koenker1985urbanization", "fitzpatrick1988dilemma"),
    "06-nep-bureaucracy": ("kotkin2014stalin", "hatch1989levy", "pipes1990revolution"),
    "07-left-opposition": ("getty1986exile", "service2009trotsky"),
}


def surname(entry) -> str:
    people = entry.persons.get("author") or entry.persons.get("editor") or []
    return " ".join(people[0].last_names) if people else ""


def kind_of(entry) -> str:
    fields = {name.lower(): value for name, value in entry.fields.items()}
    where = " ".join(fields.get(name, "") for name in ("url", "organization", "publisher"))
    where += " " + fields.get("journal", "") + " " + fields.get("journaltitle", "")
    if _ENCYCLOPEDIA.search(where) and not _ARCHIVE.search(where):
        return "encyclopedia"
    if "primary source" in fields.get("keywords", "").lower():
        return "primary"
    if surname(entry) in ("Deutscher", "Rees"):
        return "interpreter"
    if entry.type.lower() in ("online", "misc", "www") and not (
        fields.get("journal") or fields.get("journaltitle")
    ):
        return "web"
    return "scholarly"


@pytest.fixture(scope="module")
def table(edition_reading):
    """Per chapter: citations by kind, notes by author; and the entries by key."""
    entries = edition_reading.entries
    book = edition_reading.book
    by_kind: dict[str, Counter[str]] = {}
    notes: dict[str, dict[str, set[str]]] = {}
    for name in book.chapters:
        text = book.texts[name]
        by_kind[name] = Counter(kind_of(entries[c.key.lower()]) for c in text.citations)
        notes[name] = defaultdict(set)
        for citation in text.citations:
            author = surname(entries[citation.key.lower()])
            if author in AUTHORS:
                notes[name][author].add(citation.note or f"line {citation.lineno}")
    return by_kind, notes, entries, book


def test_print_the_table_of_sources(table, capsys):
    by_kind, notes, _, _ = table
    header = f"{'chapter':20}" + "".join(f"{k:>13}" for k in KINDS)
    header += "".join(f"{a:>11}" for a in AUTHORS)
    lines = [header]
    totals: Counter[str] = Counter()
    author_totals: Counter[str] = Counter()
    for name, counts in by_kind.items():
        totals.update(counts)
        author_totals.update({a: len(notes[name][a]) for a in AUTHORS})
        row = f"{name:20}" + "".join(f"{counts[k]:>13}" for k in KINDS)
        row += "".join(f"{len(notes[name][a]):>11}" for a in AUTHORS)
        lines.append(row)
    lines.append(
        f"{'total':20}"
        + "".join(f"{totals[k]:>13}" for k in KINDS)
        + "".join(f"{author_totals[a]:>11}" for a in AUTHORS)
    )
    with capsys.disabled():
        print("\ncitations by kind, and notes citing each author:\n" + "\n".join(lines))
    assert len(by_kind) == 7


def test_no_encyclopedia_in_the_chapters(table):
    by_kind, _, _, _ = table
    assert {name: counts["encyclopedia"] for name, counts in by_kind.items()} == dict.fromkeys(
        by_kind, 0
    )


def test_few_web_pages_in_the_chapters(table):
    by_kind, _, _, _ = table
    web = sum(counts["web"] for counts in by_kind.values())
    every = sum(sum(counts.values()) for counts in by_kind.values())
    assert web <= 0.10 * every, f"{web} of {every} citations are web pages"


@pytest.mark.parametrize(("author", "at_least"), sorted(TARGETS.items()))
def test_the_named_authors_are_cited(table, author, at_least):
    _, notes, _, _ = table
    found = sum(len(per_chapter[author]) for per_chapter in notes.values())
    assert found >= at_least, f"{author}: {found} notes, fewer than {at_least}"


def test_each_chapter_weighs_another_reading_with_a_locator(table):
    _, _, _, book = table
    for name, keys in OTHER_READINGS.items():
        cited = [c for c in book.texts[name].citations if c.key in keys and c.locator]
        assert cited, f"{name} cites none of {keys} with a locator"


def test_refs_bib_has_no_encyclopedia_and_every_book_its_imprint(edition_reading):
    for key, entry in edition_reading.entries.items():
        assert kind_of(entry) != "encyclopedia", key
        if entry.type.lower() == "book":
            fields = {name.lower() for name in entry.fields}
            note = entry.fields.get("note", "").lower()
            explains = any(words in note for words in ("not seen", "not verified", "not confirmed"))
            assert {"publisher", "address", "year"} <= fields or explains, (
                f"{key}: a book needs publisher, place and year, or a note saying why not"
            )


def test_the_edition_checks_without_errors_or_warnings(edition_reading):
    """A newcomer's first warning is their own: the edition gives none (infos about
    honestly unverified locators may stay)."""
    from reader.diagnostics import CODES

    found = [
        f"{edition_reading.relative(p.file)}:{p.line}: [{p.code}] {p.message}"
        for p in edition_reading.problems
        if CODES[p.code].severity in ("error", "warning")
    ]
    assert found == []
    assert not edition_reading.stopped
