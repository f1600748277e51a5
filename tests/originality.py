"""Finding the reference documents' own sentences in our sources.

The seeds are material to learn from, never to copy.  Their own prose is split
into sentences; the passages they quote from other works (in quotation marks)
are left out, since the texts may quote the same primary sources.  A sentence
of eight or more words counts as copied when its normalised words appear in a
source text, whatever the markup around them.
"""

from __future__ import annotations

import re
from pathlib import Path

SEEDS = Path(__file__).resolve().parents[2] / "shared" / "seeds"

_QUOTED = re.compile(r"“[^”]*”|\"[^\"]*\"")
_ROLE = re.compile(r":(?:cite|date):`[^`]*`")
_TITLED_ROLE = re.compile(r":\w+:`([^`<]*?)\s*<[^`>]*>`")
_PLAIN_ROLE = re.compile(r":\w+:`([^`]*)`")


def normalise(text: str) -> str:
    """Lower-case words only: no punctuation, markup characters or line breaks."""
    text = text.replace("’", "'").replace("‘", "'").lower()
    return " ".join(re.findall(r"[a-z0-9']+", text))


def seed_sentences(min_words: int = 8) -> list[str]:
    """The seeds' own sentences of *min_words* or more, normalised."""
    found = []
    for seed in sorted(SEEDS.glob("*.txt")):
        prose = _QUOTED.sub(" ", seed.read_text(encoding="utf-8"))
        for sentence in re.split(r"(?<=[.!?])\s+|\n\s*\n", prose):
            words = normalise(sentence)
            if len(words.split()) >= min_words:
                found.append(words)
    return found


def source_prose(text: str) -> str:
    """A reST source reduced to its words: roles keep their visible text, citations go."""
    text = _ROLE.sub(" ", text)
    text = _TITLED_ROLE.sub(r"\1", text)
    text = _PLAIN_ROLE.sub(r"\1", text)
    return normalise(text)


def copied_sentences(sources: dict[str, str]) -> list[tuple[str, str]]:
    """(source name, seed sentence) for every seed sentence found in a source."""
    prose = {name: source_prose(text) for name, text in sources.items()}
    return [
        (name, sentence)
        for sentence in seed_sentences()
        for name, words in prose.items()
        if sentence in words
    ]
