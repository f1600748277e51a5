"""The scenarios, and how one is timed: each command runs in a new process, as a user
runs it, and is measured by wall-clock time, CPU time and peak memory (max RSS).

For every scenario the two variants run back to back, plain then reader on even
runs and reader then plain on odd ones, so that a slow spell of the machine falls
on both and not on one variant's whole series.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import time
from collections.abc import Callable, Iterable
from dataclasses import asdict, dataclass
from pathlib import Path

from benchmarks.corpus import BASENAME, REGISTERS, SOURCE, VARIANTS, Corpus, Variant
from benchmarks.corpus import edit_annotation as _edit_annotation
from benchmarks.corpus import edit_bib as _edit_bib
from benchmarks.corpus import edit_text as _edit_text

PYTHON = sys.executable
#: latexmk as reader.runner.pdf.compile_pdf runs it; the same for both variants
LATEXMK = [
    "latexmk",
    "-pdfxe",
    "-interaction=nonstopmode",
    "-halt-on-error",
    "-file-line-error",
    f"{BASENAME}.tex",
]

#: scenario -> its label in the tables, in the order they run
SCENARIOS = {
    "html-clean": "HTML clean build",
    "html-clean-j2": "HTML clean build, reader build -j 2",
    "html-noop": "HTML no-op rebuild",
    "html-edit-text": "HTML, edit one text",
    "html-edit-annotation": "HTML, edit one annotation",
    "html-edit-bib": "HTML, edit refs.bib",
    "epub-clean": "EPUB clean build",
    "latex": "LaTeX generation",
    "pdf-compile": "PDF compile (latexmk -pdfxe)",
    "check-scratch": "check from scratch",
    "check-noop": "check, unchanged tree",
    "check-edit-text": "check after editing one text",
}
#: the variant name of ``sphinx-build -b dummy`` run on the reader's corpus, the
#: yardstick of ``reader check`` from scratch
DUMMY = "dummy"


@dataclass
class Sample:
    """One timed command."""

    size: int | str  # number of texts, or "edition"
    variant: str  # plain, reader or dummy
    scenario: str
    run: int
    seconds: float
    cpu_seconds: float  # user + system, of the process and its children
    max_rss_mb: float  # the largest resident set of the process or any child
    ok: bool
    log: str
    pages: int | None = None  # the PDF's, after pdf-compile
    warnings: int | None = None  # lines of the log that say WARNING
    stale: bool = False  # an edit did not reach the output: the time is not a rebuild's
    differing: int | None = None  # html-clean-j2: files unlike the serial build's

    def as_dict(self) -> dict[str, object]:
        return asdict(self)


#: The commands run in the corpus's folder; ``python -m benchmarks.reader_latex`` needs
#: this repository on the path there too (``reader`` is installed, the benchmarks not).
_REPOSITORY = str(Path(__file__).resolve().parent.parent)
_ENV = {
    **os.environ,
    "PYTHONPATH": os.pathsep.join([_REPOSITORY, *filter(None, [os.environ.get("PYTHONPATH", "")])]),
}


def timed(argv: list[str], cwd: Path, log: Path) -> tuple[float, float, float, bool]:
    """Run *argv* to its end; (seconds, CPU seconds, max RSS in MB, exit status 0).

    ``os.wait4`` gives this child's own resource usage; its ``ru_maxrss`` covers the
    process and every descendant it waited for (xelatex under latexmk), unlike
    ``RUSAGE_CHILDREN``, which keeps the maximum over every child so far."""
    log.parent.mkdir(parents=True, exist_ok=True)
    with log.open("w", encoding="utf-8") as out:
        out.write(f"$ {' '.join(argv)}\n")
        out.flush()
        started = time.perf_counter()
        process = subprocess.Popen(argv, cwd=cwd, stdout=out, stderr=subprocess.STDOUT, env=_ENV)
        _, status, usage = os.wait4(process.pid, 0)
        elapsed = time.perf_counter() - started
        process.returncode = os.waitstatus_to_exitcode(status)  # already reaped
    cpu = usage.ru_utime + usage.ru_stime
    return elapsed, cpu, usage.ru_maxrss / 1024, process.returncode == 0


class Project:
    """The commands of one variant of a corpus: what each scenario runs."""

    def __init__(self, corpus: Corpus) -> None:
        self.corpus = corpus
        self.root = corpus.root
        self.out = corpus.root / "_build"

    @property
    def variant(self) -> Variant:
        return self.corpus.variant

    def clean(self, builder: str) -> None:
        """Forget one builder's output and environment: the next build is from scratch."""
        shutil.rmtree(self.out / builder, ignore_errors=True)
        shutil.rmtree(self.out / "doctrees" / builder, ignore_errors=True)

    def sphinx(self, builder: str) -> list[str]:
        """Plain ``sphinx-build``, the doctrees outside the output folder (as the reader
        keeps them), conf.py beside source_texts/."""
        return [
            PYTHON,
            "-m",
            "sphinx",
            "-b",
            builder,
            "-q",
            "-c",
            str(self.root),
            str(self.root / SOURCE),
            str(self.out / builder),
            "-d",
            str(self.out / "doctrees" / builder),
        ]

    def build(self, builder: str, jobs: int = 1) -> list[str]:
        """The command that builds *builder* (html, epub, latex) in this variant;
        *jobs* > 1 only for the reader's HTML."""
        if self.variant == "plain":
            return self.sphinx(builder)
        if builder == "latex":
            return [PYTHON, "-m", "benchmarks.reader_latex", str(self.root)]
        return [
            PYTHON,
            "-m",
            "reader",
            "build",
            "--format",
            builder,
            "--quiet",
            "--project",
            str(self.root),
            *(["--jobs", str(jobs)] if jobs > 1 else []),
        ]

    def check(self) -> list[str]:
        return [PYTHON, "-m", "reader", "check", "--project", str(self.root), "-f", "json"]


def _files(site: Path) -> dict[str, bytes]:
    """Every file of a site by its path, but Sphinx's and the reader's build records."""
    return {
        str(path.relative_to(site)): path.read_bytes()
        for path in site.rglob("*")
        if path.is_file() and path.name not in {".buildinfo", ".reader-pages"}
    }


def pdf_pages(pdf: Path) -> int | None:
    """The number of pages, when poppler's pdfinfo is there to say it."""
    if shutil.which("pdfinfo") is None or not pdf.exists():
        return None
    info = subprocess.run(["pdfinfo", str(pdf)], capture_output=True, text=True, check=False)
    for line in info.stdout.splitlines():
        if line.startswith("Pages:"):
            return int(line.split()[1])
    return None


class Runner:
    """Runs the scenarios of one corpus size and hands every sample to *record*."""

    def __init__(
        self,
        size: int | str,
        projects: dict[str, Project],
        logs: Path,
        record: Callable[[Sample], None],
    ) -> None:
        self.size = size
        self.projects = projects
        self.logs = logs
        self.record = record
        self.run = 0
        # the reader corpus built by sphinx-build -b dummy: the yardstick of reader check
        if "reader" in projects:
            self.dummy = Project(projects["reader"].corpus)

    def order(self) -> Iterable[Project]:
        """The variants in this run's order: alternate which goes first."""
        names = [v for v in VARIANTS if v in self.projects]
        if self.run % 2:
            names.reverse()
        return [self.projects[name] for name in names]

    def time(
        self, project: Project, scenario: str, argv: list[str], cwd: Path | None = None, *,
        variant: str | None = None, expect: tuple[str, str] | None = None, record: bool = True,
    ) -> Sample:  # fmt: skip
        """Time *argv*; *expect* is (page, words) the edit must have put in that page
        of the HTML output, else the sample is marked stale."""
        variant = variant or project.variant
        log = self.logs / f"{self.size}-{variant}-{scenario}-{self.run}.log"
        seconds, cpu, rss, ok = timed(argv, cwd or project.root, log)
        sample = Sample(self.size, variant, scenario, self.run, seconds, cpu, rss, ok, str(log))
        if scenario == "pdf-compile":
            sample.pages = pdf_pages(project.out / "latex" / f"{BASENAME}.pdf")
        else:  # latexmk's log repeats LaTeX's warnings: not comparable, not counted
            with log.open(encoding="utf-8", errors="replace") as lines:
                sample.warnings = sum("WARNING" in line for line in lines)
        if expect is not None:
            page = project.out / "html" / f"{expect[0]}.html"
            found = page.exists() and expect[1].lower() in page.read_text("utf-8").lower()
            sample.stale = not found
        if record:
            self.record(sample)
        return sample

    # -- the scenarios, each for every variant in turn --------------------------------

    def html(self, *, growth_only: bool = False) -> None:
        """Clean build, no-op rebuild and the three edits, in that order (each
        rebuild starts from the state the step before left)."""
        for project in self.order():
            project.clean("html")
            self.time(project, "html-clean", project.build("html"))
        if growth_only:
            return
        self.parallel()
        for project in self.order():
            self.time(project, "html-noop", project.build("html"))
        # each edit is checked in the output (the words corpus.py's edit writes): a
        # rebuild that missed it would be fast for the wrong reason
        for project in self.order():
            corpus = project.corpus
            words = _edit_text(corpus, self.run)
            self.time(
                project,
                "html-edit-text",
                project.build("html"),
                expect=(corpus.edited_text, words),
            )
        for project in self.order():
            if project.variant == "reader":  # plain Sphinx has no annotations: n/a
                corpus = project.corpus
                words = _edit_annotation(corpus, self.run)
                page = REGISTERS[corpus.edited_annotation[0]]
                self.time(
                    project, "html-edit-annotation", project.build("html"), expect=(page, words)
                )
        for project in self.order():
            corpus = project.corpus
            words = _edit_bib(corpus, self.run)
            self.time(
                project,
                "html-edit-bib",
                project.build("html"),
                expect=(corpus.citing_text, words),
            )

    def parallel(self) -> None:
        """The reader's clean build again with ``-j 2``; its pages are compared with the
        serial build's just made, byte for byte (Sphinx's record of the build aside)."""
        project = self.projects.get("reader")
        if project is None:
            return
        site = project.out / "html"
        serial = _files(site)
        project.clean("html")
        sample = self.time(project, "html-clean-j2", project.build("html", jobs=2), record=False)
        parallel = _files(site)
        sample.differing = sum(
            serial.get(name) != parallel.get(name) for name in serial.keys() | parallel.keys()
        )
        self.record(sample)

    def epub(self) -> None:
        for project in self.order():
            project.clean("epub")
            self.time(project, "epub-clean", project.build("epub"))

    def pdf(self) -> None:
        """The LaTeX files from scratch, then latexmk on them from scratch."""
        for project in self.order():
            project.clean("latex")
            self.time(project, "latex", project.build("latex"))
        for project in self.order():
            if not (project.out / "latex").is_dir():  # the LaTeX step failed: said above
                continue
            self.time(project, "pdf-compile", LATEXMK, project.out / "latex")

    def check(self) -> None:
        """``reader check`` from scratch (beside ``sphinx-build -b dummy`` of the same
        reader corpus, also from scratch), on the unchanged tree, after one edit."""
        reader = self.projects["reader"]
        pair = [("reader", reader.check()), (DUMMY, self.dummy.sphinx("dummy"))]
        if self.run % 2:
            pair.reverse()
        for variant, argv in pair:
            reader.clean("check" if variant == "reader" else "dummy")
            self.time(reader, "check-scratch", argv, variant=variant)
        self.time(reader, "check-noop", reader.check())
        _edit_text(reader.corpus, 100 + self.run)
        self.time(reader, "check-edit-text", reader.check())

    def edition(self) -> None:
        """The edition of this repository, reader only: HTML clean and no-op, and
        ``reader check`` from scratch and unchanged."""
        project = self.projects["reader"]
        project.clean("html")
        self.time(project, "html-clean", project.build("html"))
        self.time(project, "html-noop", project.build("html"))
        project.clean("check")
        self.time(project, "check-scratch", project.check())
        self.time(project, "check-noop", project.check())
