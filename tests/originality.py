"""Finding the reference documents' own words in our sources.

The seeds are material to learn from, never to copy.  Their own prose (the passages
they quote from other works, in quotation marks, left out: the texts may quote the
same primary sources) is cut into runs of eight words; a source that holds any such
run, whatever the markup around it, has copied.

A user's clone has no reference documents beside it, so the runs are kept in the
repository as hashes (``seed-runs.txt``): the test works from them, and where the
documents are there it first checks that the hashes are theirs.
"""

from __future__ import annotations

import hashlib
import re
from pathlib import Path

SEEDS = Path(__file__).resolve().parents[2] / "shared" / "seeds"
RUNS_FILE = Path(__file__).with_name("seed-runs.txt")
RUN = 8  # words

_QUOTED = re.compile(r"“[^”]*”|\"[^\"]*\"")
_ROLE = re.compile(r":(?:cite|date):`[^`]*`")
_TITLED_ROLE = re.compile(r":\w+:`([^`<]*?)\s*<[^`>]*>`")
_PLAIN_ROLE = re.compile(r":\w+:`([^`]*)`")


def normalise(text: str) -> str:
    """Lower-case words only: no punctuation, markup characters or line breaks."""
    text = text.replace("’", "'").replace("‘", "'").lower()
    return " ".join(re.findall(r"[a-z0-9']+", text))


def digest(words: str) -> str:
    return hashlib.sha256(words.encode()).hexdigest()[:20]


def seed_sentences(folder: Path = SEEDS, min_words: int = RUN) -> list[str]:
    """The seeds' own sentences of *min_words* or more, normalised."""
    found = []
    for seed in sorted(folder.glob("*.txt")):
        prose = _QUOTED.sub(" ", seed.read_text(encoding="utf-8"))
        for sentence in re.split(r"(?<=[.!?])\s+|\n\s*\n", prose):
            words = normalise(sentence)
            if len(words.split()) >= min_words:
                found.append(words)
    return found


def runs_of(words: str) -> list[str]:
    """Every run of RUN consecutive words."""
    split = words.split()
    return [" ".join(split[i : i + RUN]) for i in range(len(split) - RUN + 1)]


def seed_run_hashes(folder: Path = SEEDS) -> set[str]:
    """The hashes of every run of eight words of the seeds' own sentences."""
    return {digest(run) for sentence in seed_sentences(folder) for run in runs_of(sentence)}


def committed_run_hashes() -> set[str]:
    return {line.strip() for line in RUNS_FILE.read_text().splitlines() if line.strip()}


def source_prose(text: str) -> str:
    """A reST source reduced to its words: roles keep their visible text, citations go."""
    text = _ROLE.sub(" ", text)
    text = _TITLED_ROLE.sub(r"\1", text)
    text = _PLAIN_ROLE.sub(r"\1", text)
    return normalise(text)


def copied_runs(sources: dict[str, str], hashes: set[str]) -> list[tuple[str, str]]:
    """(source name, run of words) for every seed run found in a source."""
    return [
        (name, run)
        for name, text in sources.items()
        for run in runs_of(source_prose(text))
        if digest(run) in hashes
    ]


if __name__ == "__main__":  # write seed-runs.txt from the reference documents
    RUNS_FILE.write_text("".join(f"{h}\n" for h in sorted(seed_run_hashes())))
    print(f"wrote {RUNS_FILE}")
