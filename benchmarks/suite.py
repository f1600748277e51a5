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
    tag: str = "run"  # the raw files' prefix: run-<time>.json and latest.json, or quick-…
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
    recorder = Recorder(data, RESULTS / f"{plan.tag}-{stamp}.json")
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
    latest = "latest.json" if plan.tag == "run" else f"latest-{plan.tag}.json"
    shutil.copy2(recorder.path, RESULTS / latest)
    write_report(data, plan.results_md, plan.plot)
    return data


def notes(data: dict[str, Any], summary: report.Summary) -> list[str]:
    """What the reader of the tables should know, from the samples themselves."""
    out = [
        "sphinxcontrib-bibtex 2.7's `:footcite:` takes no locator, so the plain notes cite "
        "the work without the page the reader's notes give.",
    ]
    warned = []
    for size in summary.sizes("html-noop"):
        counts = [
            s.get("warnings")
            for s in summary.groups.get((size, "reader", "html-clean"), [])
            if s.get("warnings") is not None
        ]
        if counts:
            warned.append(f"{counts[0]:,} at {size} texts")
    if warned:
        out.append(
            "The reader warns about every refs.bib entry cited nowhere "
            "(`reader.bib_uncited`) at every build; with 3,000 entries that is most of "
            f"refs.bib at the small sizes (warnings of a clean reader build: {', '.join(warned)}; "
            "plain Sphinx: none). The figures include them, as a user with this refs.bib "
            "would get them."
        )
    pages = []
    for size in summary.sizes("pdf-compile"):
        r = summary.pages((size, "reader", "pdf-compile"))
        p = summary.pages((size, "plain", "pdf-compile"))
        if r and p:
            pages.append(f"{r:,} / {p:,} pages at {size} texts")
    if pages:
        out.append(
            "The two PDFs are different books (reader / plain: "
            f"{'; '.join(pages)}): the reader's is a 6x9 in book with chapters opening on "
            "right-hand pages, registers with page references and an index; plain Sphinx's "
            "is its default manual. The compile times compare the two as each project gets "
            "them."
        )
    floors = []
    for size in summary.sizes("html-noop"):
        samples = [s for s in data["samples"] if s["size"] == size]
        low = min((s["max_rss_mb"] for s in samples), default=0)
        at_floor = [s for s in samples if round(s["max_rss_mb"]) == round(low)]
        # several commands of both variants at one figure: the parent's, not theirs
        if len(at_floor) >= 3 and len({s["variant"] for s in at_floor}) >= 2:
            floors.append(f"{low:.0f} MB at {size} texts")
    if floors:
        out.append(
            "Peak memory has a floor: Linux keeps a process's maximum resident set across "
            "fork and exec, so every command started by the benchmark process reports at "
            "least that process's own peak when it started the command "
            f'({", ".join(floors)}). Figures at the floor mean "at most this much".'
        )
    spent, long = [], []
    for size in sorted({s["size"] for s in data["samples"]}, key=lambda x: (str(x) == x, x)):
        total = sum(s["seconds"] for s in data["samples"] if s["size"] == size) / 60
        spent.append(f"{size}: {total:.0f} min")
        if total > 40:
            long.append(str(size))
    out.append(f"Time spent in the measured commands, by size: {', '.join(spent)}.")
    if long:
        out.append(
            f"At {', '.join(long)} texts the commands took over 40 minutes in all, mostly "
            "the clean builds and plain Sphinx's rebuild after refs.bib changes; "
            "`--sizes 50,200 --growth-sizes 400` gives a shorter run."
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
