"""How long the HTML build takes: on the edition, and on a generated 200-text corpus.

Run: ``.venv/bin/python benchmarks/bench_build.py [--texts 200] [--repeat 2]``.
Each run builds from scratch (fresh environment) in a temporary copy, with the
real ``reader build -f html``; the best of the repeats is printed.
"""

from __future__ import annotations

import argparse
import random
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
WORDS = [
    "the",
    "workers",
    "soviet",
    "council",
    "party",
    "revolution",
    "war",
    "bread",
    "land",
    "peace",
    "army",
    "committee",
    "congress",
    "factory",
    "peasant",
    "city",
    "government",
    "power",
    "debate",
]


def copy_edition(dest: Path) -> Path:
    for name in ("conf.py", "refs.bib"):
        shutil.copy2(ROOT / name, dest / name)
    shutil.copytree(ROOT / "source_texts", dest / "source_texts")
    return dest


def generate_corpus(dest: Path, texts: int) -> Path:
    """The edition's conf.py, refs.bib and registers, plus *texts* generated chapters."""
    copy_edition(dest)
    src = dest / "source_texts"
    for old in src.glob("0*.rst"):
        old.unlink()
    keys = [
        line.split("{", 1)[1].rstrip(",\n")
        for line in (ROOT / "refs.bib").open()
        if line.startswith("@") and not line.lower().startswith("@string")
    ]
    people = ["trotsky", "lenin", "stalin", "luxemburg", "kerensky", "kornilov", "bukharin"]
    rng = random.Random(1917)
    names = []
    for n in range(texts):
        name = f"t{n:03d}"
        names.append(name)
        paragraphs = []
        for p in range(12):
            words = [rng.choice(WORDS) for _ in range(95)]
            words[10] = (
                f":person:`{people[(n + p) % len(people)].title()} "
                f"<{people[(n + p) % len(people)]}>`"
            )
            cite = rng.choice(keys)
            paragraphs.append(" ".join(words) + f".\\ :cite:`{cite}{{p. {p + 1}}}`")
        (src / f"{name}.rst").write_text(
            f"Text {n}\n{'=' * (len(str(n)) + 5)}\n\n" + "\n\n".join(paragraphs) + "\n",
            encoding="utf-8",
        )
    index = (src / "index.rst").read_text(encoding="utf-8")
    head, _, rest = index.partition(":caption: Texts\n")
    tail = rest.split("\n.. toctree::", 1)[1]
    listing = "\n".join(f"   {name}" for name in names)
    (src / "index.rst").write_text(
        f"{head}:caption: Texts\n\n{listing}\n\n.. toctree::{tail}", encoding="utf-8"
    )
    return dest


def time_build(project: Path, repeat: int) -> float:
    best = float("inf")
    for _ in range(repeat):
        shutil.rmtree(project / "_build", ignore_errors=True)
        start = time.perf_counter()
        done = subprocess.run(
            [sys.executable, "-m", "reader", "build", "-f", "html", "-q"],
            cwd=project,
            capture_output=True,
            text=True,
            check=False,
        )
        elapsed = time.perf_counter() - start
        if done.returncode != 0:
            sys.exit(f"build failed in {project}:\n{done.stderr[-3000:]}")
        best = min(best, elapsed)
    return best


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--texts", type=int, default=200)
    parser.add_argument("--repeat", type=int, default=2)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        (Path(tmp) / "edition").mkdir()
        edition = copy_edition(Path(tmp) / "edition")
        print(
            f"edition (7 texts, registers, back matter): "
            f"{time_build(edition, args.repeat):.1f} s for the HTML build"
        )
        corpus_dir = Path(tmp) / "corpus"
        corpus_dir.mkdir()
        corpus = generate_corpus(corpus_dir, args.texts)
        print(
            f"generated corpus ({args.texts} texts x 12 notes): "
            f"{time_build(corpus, args.repeat):.1f} s for the HTML build"
        )


if __name__ == "__main__":
    main()
