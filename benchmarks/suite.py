"""One benchmark run: generate the corpora, run the scenarios size by size, keep every
sample in a JSON file as it comes (a run cut short still leaves its figures), then
write the tables, the plot and RESULTS.md."""

from __future__ import annotations

import json
import shutil
import sys
import tempfile
import time
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

from benchmarks import machine, report
from benchmarks.corpus import VARIANTS, Corpus, Shape, generate
from benchmarks.scenarios import Project, Runner, Sample

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
RESULTS = HERE / ".results"


@dataclass
class Plan:
    """What one run measures."""

    sizes: list[int]
    growth_sizes: list[int]  # clean HTML build only: more points on the growth curve
    runs: int
    large_runs: int  # runs at sizes above large_from, where one build takes minutes
    large_from: int
    pdf_max: int  # the PDF (LaTeX + latexmk) only up to this many texts
    edition: bool  # also time the edition of this repository
    paragraphs: int = 12
    words: int = 90
    entries: int = 3000
    annotations: int = 300
    mentions: int = 2
    results_md: Path = HERE / "RESULTS.md"
    plot: Path = HERE / "build-time.png"
    keep: Path | None = None  # keep the corpora here instead of a temporary folder
    skipped: list[str] = field(default_factory=list)

    def shape(self, texts: int) -> Shape:
        return Shape(
            texts, self.paragraphs, self.words, self.entries, self.annotations, self.mentions
        )

    def runs_at(self, size: int) -> int:
        return self.large_runs if size > self.large_from else self.runs


class Recorder:
    """Keeps the samples and rewrites the raw JSON after each one."""

    def __init__(self, data: dict[str, Any], path: Path) -> None:
        self.data = data
        self.path = path
        path.parent.mkdir(parents=True, exist_ok=True)

    def __call__(self, sample: Sample) -> None:
        self.data["samples"].append(sample.as_dict())
        state = "" if sample.ok else f"  FAILED, see {sample.log}"
        state += "  STALE: the edit is not in the output" if sample.stale else ""
        print(
            f"  {sample.size!s:>7} run {sample.run + 1}  {sample.scenario:<22}"
            f"{sample.variant:<7}{sample.seconds:8.2f} s {sample.max_rss_mb:7.0f} MB"
            f"{state}",
            flush=True,
        )
        self.save()

    def save(self) -> None:
        self.path.write_text(json.dumps(self.data, indent=1) + "\n", encoding="utf-8")


def _corpora(folder: Path, plan: Plan, size: int) -> dict[str, Project]:
    projects = {}
    for variant in VARIANTS:
        target = folder / f"{size}-{variant}"
        shutil.rmtree(target, ignore_errors=True)
        projects[variant] = Project(generate(target, plan.shape(size), variant))
    return projects


def _edition(folder: Path) -> Project:
    """A copy of this repository's edition (the build writes into its folder)."""
    target = folder / "edition"
    shutil.rmtree(target, ignore_errors=True)
    target.mkdir(parents=True)
    for name in ("conf.py", "refs.bib"):
        shutil.copy2(ROOT / name, target / name)
    shutil.copytree(ROOT / "source_texts", target / "source_texts")
    texts = len(list((target / "source_texts").glob("*.rst")))
    corpus = Corpus(target, "reader", Shape(texts), "", ("", ""), "")
    return Project(corpus)


def run(plan: Plan, command: str) -> dict[str, Any]:
    """Measure everything *plan* asks for; return the raw data (also written to JSON)."""
    stamp = time.strftime("%Y%m%d-%H%M%S")
    data: dict[str, Any] = {
        "command": command,
        "date": time.strftime("%Y-%m-%d %H:%M %Z"),
        "machine": machine.describe(),
        "config": {
            k: v
            for k, v in asdict(plan).items()
            if k not in ("results_md", "plot", "keep", "skipped")
        },
        "skipped": plan.skipped,
        "samples": [],
    }
    for size in plan.sizes:
        if size > plan.pdf_max:
            plan.skipped.append(
                f"PDF (LaTeX generation and latexmk) at {size} texts, for both variants: "
                f"this run measured it only up to {plan.pdf_max} texts (`--pdf-max`)"
            )
    for size in plan.growth_sizes:
        plan.skipped.append(
            f"at {size} texts only the clean HTML build (a point of the growth curve)"
        )
    for line in plan.skipped:
        print(f"skipped: {line}")
    recorder = Recorder(data, RESULTS / f"run-{stamp}.json")
    logs = RESULTS / "logs"
    shutil.rmtree(logs, ignore_errors=True)
    folder = plan.keep or Path(tempfile.mkdtemp(prefix="reader-bench-"))
    try:
        if plan.edition:
            print("the edition of this repository (reader only)")
            runner = Runner("edition", {"reader": _edition(folder)}, logs, recorder)
            runner.edition()
        for size in sorted({*plan.sizes, *plan.growth_sizes}):
            runs = plan.runs_at(size)
            print(f"{size} texts: generating both corpora; {runs} run(s)", flush=True)
            runner = Runner(size, _corpora(folder, plan, size), logs, recorder)
            for n in range(runs):
                runner.run = n
                if size not in plan.sizes:
                    runner.html(growth_only=True)
                    continue
                runner.html()
                runner.epub()
                if size <= plan.pdf_max:
                    runner.pdf()
                runner.check()
            if plan.keep is None:  # the big corpora take room: drop each when done
                for project in runner.projects.values():
                    shutil.rmtree(project.root, ignore_errors=True)
    finally:
        if plan.keep is None:
            shutil.rmtree(folder, ignore_errors=True)
        recorder.save()
    shutil.copy2(recorder.path, RESULTS / "latest.json")
    write_report(data, plan.results_md, plan.plot)
    return data


def notes(data: dict[str, Any], summary: report.Summary) -> list[str]:
    """What the reader of the tables should know, from the samples themselves."""
    out = [
        "sphinxcontrib-bibtex 2.7's `:footcite:` takes no locator, so the plain notes cite "
        "the work without the page the reader's notes give.",
        "The reader prints a warning for every refs.bib entry cited nowhere "
        "(`reader.bib_uncited`), at every build: with 3,000 entries and 12 citations a text, "
        "that is most of refs.bib at the small sizes. The figures include it, as a user "
        "with this refs.bib would get it.",
    ]
    for size in summary.sizes("html-noop"):
        for variant in ("reader", "plain"):
            warned = [
                s.get("warnings")
                for s in summary.groups.get((size, variant, "html-clean"), [])
                if s.get("warnings") is not None
            ]
            if warned:
                out.append(f"{size} texts, {variant} clean HTML build: {warned[0]} warnings.")
    for size in summary.sizes("pdf-compile"):
        r = summary.pages((size, "reader", "pdf-compile"))
        p = summary.pages((size, "plain", "pdf-compile"))
        if r and p:
            out.append(
                f"At {size} texts the reader's PDF has {r} pages and plain Sphinx's {p}: "
                "the reader's is a 6x9 in book with chapters on right-hand pages, "
                "registers with page references and an index, so the compile times "
                "compare different books."
            )
    failed = sorted(
        {(s["size"], s["variant"], s["scenario"]) for s in data["samples"] if not s["ok"]}
    )
    for size, variant, scenario in failed:
        out.append(f"FAILED: {variant} {scenario} at {size} texts (the log is in .results/logs).")
    stale = sorted(
        {(s["size"], s["variant"], s["scenario"]) for s in data["samples"] if s.get("stale")}
    )
    for size, variant, scenario in stale:
        out.append(
            f"STALE: after {variant} {scenario} at {size} texts the edit was not in the HTML "
            "output: the rebuild left a page out of date, so its time is not a rebuild's."
        )
    if not stale:
        out.append(
            "Every edit scenario was checked in the output: the edited words appear in the "
            "rebuilt HTML page (the text, the register page, the citing text's notes)."
        )
    return out


def write_report(data: dict[str, Any], results_md: Path, plot: Path) -> None:
    """Print the tables; write the plot and RESULTS.md."""
    summary = report.Summary(data["samples"])
    data["notes"] = notes(data, summary)
    print()
    print(report.tables(summary))
    report.plot(summary, plot)
    results_md.write_text(report.results_md(data, summary, plot.name), encoding="utf-8")
    print(f"wrote {results_md} and {plot}", file=sys.stderr)
