"""The first edition's texts: seven chapters of the length the brief asks for."""

from __future__ import annotations

import re

from tests.conftest import ROOT
from tests.originality import source_prose

CHAPTERS = sorted((ROOT / "source_texts").glob("0[1-7]-*.rst"))


def prose_words(path) -> int:
    """Words a reader reads: markup, citations and directive options left out."""
    text = path.read_text(encoding="utf-8")
    text = re.sub(r"^\s*:\w+:.*$", " ", text, flags=re.M)  # directive options
    text = re.sub(r"^\.\. .*$", " ", text, flags=re.M)  # directive lines
    text = re.sub(r"^[=\-~^]{3,}\s*$", " ", text, flags=re.M)  # title adornments
    return len(source_prose(text).split())


def test_seven_chapters_of_the_right_length(capsys):
    counts = {path.stem: prose_words(path) for path in CHAPTERS}
    with capsys.disabled():
        print("\nwords per chapter:", counts, "total:", sum(counts.values()))
    assert len(counts) == 7
    assert all(900 <= n <= 1600 for n in counts.values()), counts
    assert 7000 <= sum(counts.values()) <= 10000


def test_every_chapter_is_in_the_contents():
    index = (ROOT / "source_texts" / "index.rst").read_text(encoding="utf-8")
    for path in CHAPTERS:
        assert re.search(rf"^\s+{re.escape(path.stem)}\s*$", index, re.M), path.stem


def test_unverified_locators_are_counted_and_explained(capsys):
    """Every unverified locator's entry says in its note what was not verified."""
    from reader.sources.bibfile import load_library
    from reader.sources.texts import scan_book

    book = scan_book(ROOT / "source_texts")
    notes = {
        entry.key: entry.fields_dict["note"].value if "note" in entry.fields_dict else ""
        for entry in load_library(ROOT / "refs.bib").entries
    }
    unverified = [
        (text.docname, citation.line, target.key, target.locator)
        for text in book.texts.values()
        for citation in text.citations
        for target in citation.targets
        if target.locator and not target.verified
    ]
    with capsys.disabled():
        print(f"\nunverified locators: {len(unverified)}")
        for docname, line, key, locator in unverified:
            print(f"  {docname}.rst:{line}: {key} {{?{locator}}}")
    assert unverified, "the edition marks its unverified locators"
    for docname, line, key, _ in unverified:
        note = notes[key].lower()
        assert "not verified" in note or "unverified" in note or "not seen" in note, (
            f"{docname}.rst:{line}: the note of {key} does not say what is unverified"
        )
