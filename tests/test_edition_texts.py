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
