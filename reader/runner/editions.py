"""Build the editions: HTML site, EPUB, PDF and the BibTeX export, at fixed paths.

::

    _build/html/index.html                 the site (links to the files below)
    _build/editions/<basename>.pdf
    _build/editions/<basename>.epub
    _build/editions/refs.bib               the BibTeX export (refs.json, refs.ris too)
    _build/editions/texts/<text>.bib|json  what each text cites

Doctrees live in ``_build/doctrees/<builder>``, outside every output folder
(the EPUB builder would otherwise pack them).
"""

from __future__ import annotations

import shutil
import sys
import time
from collections.abc import Iterable
from pathlib import Path
from typing import IO, TYPE_CHECKING

from reader.diagnostics import CODES
from reader.extension.cite_panel import sources_of
from reader.runner.pdf import compile_pdf, require_tex
from reader.runner.project import read_project
from reader.runner.sphinx import BuildFailed, Outcome, run_sphinx

if TYPE_CHECKING:
    from reader.exports.scopes import Sources

FORMATS = ("html", "epub", "pdf", "bib")
ORDER = ("pdf", "html", "bib", "epub")
EDITIONS = "editions"


def build_editions(
    project: Path,
    formats: Iterable[str] = FORMATS,
    *,
    status: IO[str] | None = sys.stdout,
    warning: IO[str] | None = sys.stderr,
    progress: IO[str] | None = None,
    parallel: int = 0,
) -> Path:
    """Build the requested *formats* of the edition at *project*; return ``_build``.

    *status* takes Sphinx's own progress, *warning* every problem, *progress* a short
    account: a line as each edition starts and one with its file, size and time;
    *parallel* is Sphinx's number of processes (0 for one).
    """
    wanted = set(formats)
    unknown = wanted - set(FORMATS)
    if unknown:
        raise BuildFailed(f"unknown format(s) {sorted(unknown)}: choose from {FORMATS}")
    out = project / "_build"
    editions = out / EDITIONS
    editions.mkdir(parents=True, exist_ok=True)
    if "pdf" in wanted:
        require_tex()  # fail before the long steps, not after them

    # the PDF first: its pages are the page ranges the site and the exports give for
    # each chapter (reader.exports.pdf_pages); then the site, whose reading of the
    # texts feeds the bibliography files; the editions are copied into the site last
    steps = [f for f in ORDER if f in wanted]
    if warning is not None and len(steps) > 1:
        warning = OnceEach(warning)  # each builder reads the same texts: say it once
    done = 0
    started = time.perf_counter()

    def step(name: str, what: str) -> None:
        nonlocal done, started
        done += 1
        started = time.perf_counter()
        line = f"reader build: [{done}/{len(steps)}] {name}: {what} …"
        if status is not None:  # set apart from Sphinx's lines
            print("\n" + line, file=status, flush=True)
        if progress is not None and progress is not status:
            print(line, file=progress, flush=True)

    def made(name: str, path: Path, extra: str = "") -> None:
        if progress is not None:
            seconds = time.perf_counter() - started
            print(
                f"reader build: [{done}/{len(steps)}] {name}: wrote {shown(path)} "
                f"({_size(path)}{extra}) in {seconds:.1f} s",
                file=progress,
                flush=True,
            )

    def sphinx(builder: str) -> Outcome:
        return run_sphinx(
            builder,
            project,
            out / builder,
            out / "doctrees" / builder,
            status=status,
            warning=warning,
            parallel=parallel,
        )

    if "pdf" in wanted:
        step("pdf", "Sphinx's LaTeX builder, then XeLaTeX through latexmk")
        app = sphinx("latex").app
        pdf, report = compile_pdf(out / "latex", app.config.reader_edition_basename)
        if report.overfull and warning is not None:
            lines = ", ".join(str(line) for _, line in report.overfull[:10])
            print(
                f"pdf: warning: {len(report.overfull)} line(s) stick out into the margin "
                f"(widest {max(p for p, _ in report.overfull):.0f}pt; lines {lines} of "
                f"{out / 'latex' / (pdf.stem + '.tex')})",
                file=warning,
            )
        shutil.copy2(pdf, editions / pdf.name)
        made("pdf", editions / pdf.name)
    site = None
    if "html" in wanted:
        step("html", "the site")
        site = sphinx("html").app
        made("html", out / "html" / "index.html", f"; {_pages(out / 'html')} pages")
    if "bib" in wanted:
        from reader.exports.bibtex import export_bibtex
        from reader.exports.files import export_files
        from reader.exports.scopes import ScopeError

        step("bib", "refs.bib, refs.json, refs.ris and one file per text")
        # the site's reading when it was built; gathered only here, since loading
        # refs.bib as written costs a site-only rebuild (the preview) a tenth of a second
        sources = sources_of(site) if site is not None else _read_sources(project)
        export_bibtex(sources.library, editions / "refs.bib", sources.info.title)
        try:
            export_files(sources, editions)  # refs.json, refs.ris, texts/*.bib|json
        except ScopeError as error:
            raise BuildFailed(f"bib: {error}") from None
        made("bib", editions / "refs.bib", "; refs.json, refs.ris and texts/ beside it")
    if "epub" in wanted:
        step("epub", "Sphinx's EPUB 3 builder")
        app = sphinx("epub").app
        epub = out / "epub" / f"{app.config.epub_basename}.epub"
        shutil.copy2(epub, editions / epub.name)
        made("epub", editions / epub.name)
    if "html" in wanted:
        shutil.copytree(editions, out / "html" / EDITIONS, dirs_exist_ok=True)
    return out


class OnceEach:
    """A stream that passes on each distinct line once (a problem every builder finds)."""

    def __init__(self, stream: IO[str]) -> None:
        self.stream = stream
        self.seen: set[str] = set()
        self.pending = ""

    def write(self, text: str) -> int:
        *lines, self.pending = (self.pending + text).split("\n")
        for line in lines:
            if line not in self.seen or not line.strip():
                self.seen.add(line)
                self.stream.write(line + "\n")
        return len(text)

    def flush(self) -> None:
        self.stream.flush()

    def isatty(self) -> bool:
        return self.stream.isatty()


def shown(path: Path) -> str:
    """*path* as the user would type it: relative to the working folder when inside it."""
    try:
        return str(path.resolve().relative_to(Path.cwd().resolve()))
    except ValueError:
        return str(path)


def _size(path: Path) -> str:
    size = path.stat().st_size
    return f"{size / 1e6:.1f} MB" if size >= 1e6 else f"{max(1, round(size / 1e3))} kB"


def _pages(site: Path) -> int:
    return sum(1 for _ in site.glob("*.html"))


def _read_sources(project: Path) -> Sources:
    """The sources of the bibliography files when no site is built: one reading."""
    reading = read_project(project)
    errors = [p for p in reading.problems if CODES[p.code].severity == "error"]
    if errors or reading.book is None:
        listed = "\n".join(f"  {reading.relative(p.file)}:{p.line}: {p.message}" for p in errors)
        raise BuildFailed(f"bib: the sources have errors (`reader check` lists them):\n{listed}")
    return reading.sources()
