"""The first edition's texts: seven chapters of the length a study reader needs.

Words are counted as ``reader stats`` counts them: the prose of the one reading of
the texts that the build and ``reader check`` share.
"""

from __future__ import annotations

import re

from tests.conftest import ROOT

CHAPTERS = sorted((ROOT / "source_texts").glob("0[1-7]-*.rst"))


def test_seven_chapters_of_the_right_length(edition_reading, capsys):
    book = edition_reading.book
    counts = {book.texts[name].docname: book.texts[name].words for name in book.chapters}
    with capsys.disabled():
        print("\nwords per chapter:", counts, "total:", sum(counts.values()))
    assert len(counts) == 7
    assert all(900 <= n <= 2000 for n in counts.values()), counts
    assert 7000 <= sum(counts.values()) <= 13000


def test_every_chapter_is_numbered_in_the_contents(edition_reading):
    assert list(edition_reading.book.chapters) == [path.stem for path in CHAPTERS]


def test_unverified_locators_are_counted_and_explained(edition_reading, capsys):
    """Every unverified locator's entry says in its note what was not verified."""
    book, library = edition_reading.book, edition_reading.library
    notes = {
        entry.key.lower(): entry.fields_dict["note"].value if "note" in entry.fields_dict else ""
        for entry in library.entries
    }
    unverified = [
        (text.docname, citation.lineno, citation.key, citation.locator)
        for text in book.texts.values()
        for citation in text.citations
        if citation.locator and not citation.verified
    ]
    with capsys.disabled():
        print(f"\nunverified locators: {len(unverified)}")
        for docname, line, key, locator in unverified:
            print(f"  {docname}.rst:{line}: {key} {{?{locator}}}")
    assert unverified, "the edition marks its unverified locators"
    for docname, line, key, _ in unverified:
        note = re.sub(r"\s+", " ", notes[key.lower()].lower())
        assert any(
            phrase in note
            for phrase in ("not verified", "unverified", "not seen", "not identified")
        ), f"{docname}.rst:{line}: the note of {key} does not say what is unverified"
