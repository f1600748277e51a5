"""How long ``reader check`` takes: on the edition, and on a large generated corpus.

Run it from the project root (not part of the test suite)::

    .venv/bin/python benchmarks/bench_check.py [--runs 5] [--texts 200] [--words 1200]
                                               [--entries 2000] [--annotations 500]

Each figure is the wall-clock time of the real command (``python -m reader check``,
a new process each run, as an annotator or pre-commit runs it), median and minimum
over the runs, and the time of loading and checking inside one process (without the
interpreter's start).  The generated corpus is made in a temporary folder: texts of
the given length with a citation about every 40 words and a mention about every 25,
a refs.bib of the given size, and register pages with the annotations.  The figures
are also written to ``benchmarks/.results/bench_check.json``.
"""

from __future__ import annotations

import argparse
import json
import random
import statistics
import subprocess
import sys
import tempfile
import textwrap
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from reader.runner.project import read_project  # noqa: E402

KINDS = {
    "person": "people",
    "gloss": "glossary",
    "place": "places",
    "org": "organisations",
    "event": "events",
}
# fmt: off
WORDS = (
    "the", "workers", "soldiers", "soviet", "council", "revolution", "government",
    "party", "committee", "strike", "congress", "delegates", "factory", "army",
    "peasants", "land", "bread", "peace", "power", "capital", "war", "state",
    "bureaucracy", "opposition", "debate", "leaders", "masses", "regiment", "sailors",
    "city", "district", "vote",
)
# fmt: on


def generate(folder: Path, texts: int, words: int, entries: int, annotations: int) -> Path:
    """Write a project of the given size into *folder*; return it."""
    rng = random.Random(1917)
    source = folder / "source_texts"
    source.mkdir(parents=True)
    (folder / "conf.py").write_text(
        'project = "Generated"\nextensions = ["reader.extension"]\n'
        'bibtex_bibfiles = ["refs.bib"]\n',
        encoding="utf-8",
    )
    bib = []
    for n in range(entries):
        bib.append(
            f"@book{{key{n},\n  author = {{Author{n}, A.}},\n  title = {{Title {n}}},\n"
            f"  year = {{{1850 + n % 170}}},\n  url = {{https://example.org/{n}}},\n}}\n"
        )
    (folder / "refs.bib").write_text("\n".join(bib), encoding="utf-8")

    ids = [(kind, f"{kind}-{n}") for n in range(annotations) for kind in [list(KINDS)[n % 5]]]
    for kind, page in KINDS.items():
        blocks = [f"{'=' * len(page)}\n{page.title()}\n{'=' * len(page)}\n"]
        for k, ident in (i for i in ids if i[0] == kind):
            date = "   :date: 25 October 1917 OS\n" if k == "event" else ""
            blocks.append(
                f".. {k}:: {ident}\n   :name: {ident.title()}\n{date}"
                f"   :sources: key{rng.randrange(entries)}{{p. 3}}\n\n   A summary of {ident}.\n"
            )
        (source / f"{page}.rst").write_text("\n".join(blocks), encoding="utf-8")

    names = [f"{n:03d}-text" for n in range(texts)]
    for name in names:
        tokens = []
        for count in range(1, words + 1):
            tokens.append(rng.choice(WORDS))
            if count % 40 == 0:
                key = rng.randrange(entries)
                tokens[-1] += f".\\ :cite:`key{key}{{p. {rng.randrange(1, 400)}}}`"
            elif count % 25 == 0:
                kind, ident = rng.choice(ids)
                tokens[-1] = f":{kind}:`{tokens[-1]} <{ident}>`"
        paragraphs = [" ".join(tokens[i : i + 120]) for i in range(0, len(tokens), 120)]
        body = "\n\n".join(textwrap.fill(p, 79, break_long_words=False) for p in paragraphs)
        title = f"Text {name}"
        rule = "=" * len(title)
        (source / f"{name}.rst").write_text(
            f"{rule}\n{title}\n{rule}\n\n{body}\n", encoding="utf-8"
        )
    toctree = "\n".join(f"   {name}" for name in names)
    back = "\n".join(f"   {page}" for page in KINDS.values())
    (source / "index.rst").write_text(
        f"Generated\n=========\n\n.. toctree::\n   :caption: Texts\n\n{toctree}\n\n"
        f".. toctree::\n   :caption: Back matter\n\n{back}\n",
        encoding="utf-8",
    )
    return folder


def time_command(project: Path, runs: int) -> list[float]:
    """Wall-clock seconds of ``python -m reader check`` on *project*, once per run."""
    times = []
    for _ in range(runs):
        started = time.perf_counter()
        subprocess.run(
            [sys.executable, "-m", "reader", "check", "--project", str(project), "-f", "json"],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
            check=False,
        )
        times.append(time.perf_counter() - started)
    return times


def time_in_process(project: Path, runs: int) -> tuple[list[float], int]:
    """Seconds to load and check *project* in this process; the number of problems."""
    times, found = [], 0
    for _ in range(runs):
        started = time.perf_counter()
        found = len(read_project(project).problems)
        times.append(time.perf_counter() - started)
    return times, found


def measure(label: str, project: Path, runs: int) -> dict[str, object]:
    """Time *project* both ways and print one line of figures."""
    command = time_command(project, runs)
    inside, found = time_in_process(project, runs)
    loaded = read_project(project)
    figures = {
        "label": label,
        "texts": len(loaded.book.texts) if loaded.book else 0,
        "entries": len(loaded.entries),
        "problems": found,
        "command_median_s": round(statistics.median(command), 3),
        "command_min_s": round(min(command), 3),
        "in_process_median_s": round(statistics.median(inside), 3),
        "runs": runs,
    }
    print(
        f"{label}: {figures['texts']} texts, {figures['entries']} entries, {found} problems; "
        f"`reader check` {figures['command_median_s']:.2f} s median "
        f"(min {figures['command_min_s']:.2f} s) over {runs} runs; "
        f"load + check in process {figures['in_process_median_s']:.2f} s"
    )
    return figures


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--texts", type=int, default=200)
    parser.add_argument("--words", type=int, default=1200)
    parser.add_argument("--entries", type=int, default=2000)
    parser.add_argument("--annotations", type=int, default=500)
    args = parser.parse_args()
    results = [measure("edition", ROOT, args.runs)]
    with tempfile.TemporaryDirectory() as folder:
        project = generate(
            Path(folder) / "corpus", args.texts, args.words, args.entries, args.annotations
        )
        label = (
            f"generated ({args.texts} texts x {args.words} words, {args.entries} entries, "
            f"{args.annotations} annotations)"
        )
        results.append(measure(label, project, args.runs))
    out = ROOT / "benchmarks" / ".results"
    out.mkdir(parents=True, exist_ok=True)
    (out / "bench_check.json").write_text(json.dumps(results, indent=2) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
