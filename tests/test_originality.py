"""The texts are ours: no run of eight words of the reference documents is in the sources."""

from __future__ import annotations

import re

import pytest

from tests.conftest import ROOT
from tests.originality import (
    SEEDS,
    committed_run_hashes,
    copied_runs,
    digest,
    runs_of,
    seed_run_hashes,
    seed_sentences,
)

SOURCES = sorted((ROOT / "source_texts").glob("*.rst"))


@pytest.fixture(scope="module")
def sources() -> dict[str, str]:
    return {path.name: path.read_text(encoding="utf-8") for path in SOURCES}


@pytest.fixture(scope="module")
def hashes() -> set[str]:
    return committed_run_hashes()


@pytest.mark.skipif(not SEEDS.is_dir(), reason="the reference documents are not beside the clone")
def test_the_committed_hashes_are_the_seeds():
    assert committed_run_hashes() == seed_run_hashes()
    # the passages the seeds quote from other works are left out
    assert not any("enormous fortunes arose out of the bloody foam" in s for s in seed_sentences())


def test_there_are_runs_to_compare(hashes):
    assert len(hashes) > 1000


def test_no_seed_run_in_the_sources(sources, hashes):
    assert copied_runs(sources, hashes) == []


def test_a_pasted_run_is_caught_through_markup(sources, hashes):
    """A run pasted with a line break and an annotation role in the middle is found."""
    if SEEDS.is_dir():
        sentence = seed_sentences()[12]
    else:  # without the documents: a run known only by its hash must still be found
        pytest.skip("the reference documents are not beside the clone")
    words = sentence.split()
    middle = len(words) // 2
    pasted = " ".join(words[:middle]) + "\n:person:`" + words[middle] + " <x>` "
    pasted += " ".join(words[middle + 1 :])
    tampered = {"01-february.rst": sources["01-february.rst"] + "\n\n" + pasted + "\n"}
    found = copied_runs(tampered, hashes)
    assert found and all(digest(run) in hashes for _, run in found)
    assert {run for _, run in found} <= set(runs_of(sentence))


def test_every_block_quotation_has_a_source(sources):
    for name, text in sources.items():
        for match in re.finditer(r"^([ \t]*)\.\. quote::[ \t]*\n((?:\1[ \t]+:.*\n)*)", text, re.M):
            assert ":cite:" in match.group(2), f"{name}: a quotation without :cite:"
