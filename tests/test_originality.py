"""The texts are ours: no sentence of the reference documents appears in the sources."""

from __future__ import annotations

import re

import pytest

from tests.conftest import ROOT
from tests.originality import SEEDS, copied_sentences, seed_sentences

SOURCES = sorted((ROOT / "source_texts").glob("*.rst"))


@pytest.fixture(scope="module")
def sources() -> dict[str, str]:
    assert SEEDS.is_dir(), f"the reference documents are expected in {SEEDS}"
    return {path.name: path.read_text(encoding="utf-8") for path in SOURCES}


def test_the_seeds_have_sentences_to_compare():
    sentences = seed_sentences()
    assert len(sentences) > 60
    # the passages the seeds quote from other works are left out
    assert not any("enormous fortunes arose out of the bloody foam" in s for s in sentences)


def test_no_seed_sentence_in_the_sources(sources):
    assert copied_sentences(sources) == []


def test_a_pasted_seed_sentence_is_caught(sources):
    sentence = seed_sentences()[12]
    original = next(
        s
        for s in re.split(r"(?<=[.!?])\s+", (SEEDS / "000_c2bc4159fad710ca.txt").read_text())
        if sentence.startswith(" ".join(re.findall(r"[a-z0-9']+", s.lower()))[:30])
    )
    name = "01-february.rst"
    # pasted with a line break and an annotation role in the middle, as an annotator might
    words = original.split()
    middle = len(words) // 2
    pasted = (
        " ".join(words[:middle])
        + "\n:person:`"
        + words[middle]
        + " <x>` "
        + " ".join(words[middle + 1 :])
    )
    tampered = dict(sources, **{name: sources[name] + "\n\n" + pasted + "\n"})
    assert (name, sentence) in copied_sentences(tampered)


def test_every_block_quotation_has_a_source(sources):
    for name, text in sources.items():
        for match in re.finditer(r"^([ \t]*)\.\. quote::[ \t]*\n((?:\1[ \t]+:.*\n)*)", text, re.M):
            assert ":cite:" in match.group(2), f"{name}: a quotation without :cite:"
