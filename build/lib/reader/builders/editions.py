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
from collections.abc import Iterable
from pathlib import Path
from typing import IO

from reader.builders.pdf import compile_pdf, require_tex
from reader.builders.sphinx_run import BuildFailed, run_sphinx
from reader.exports.bibtex import export_bibtex
from reader.exports.edition import EditionInfo
from reader.exports.files import export_files
from reader.exports.scopes import ScopeError
from reader.sources.bibfile import BibFileError, load_library

FORMATS = ("html", "epub", "pdf", "bib")
EDITIONS = "editions"


def build_editions(
    project: Path,
    formats: Iterable[str] = FORMATS,
    *,
    status: IO[str] | None = sys.stdout,
    warning: IO[str] | None = sys.stderr,
) -> Path:
    """Build the requested *formats* of the edition at *project*; return ``_build``."""
    wanted = set(formats)
    unknown = wanted - set(FORMATS)
    if unknown:
        raise BuildFailed(f"unknown format(s) {sorted(unknown)}: choose from {FORMATS}")
    edition = EditionInfo.from_conf(project)
    out = project / "_build"
    editions = out / EDITIONS
    editions.mkdir(parents=True, exist_ok=True)
    if "pdf" in wanted:
        require_tex()  # fail before the long steps, not after them

    steps = [f for f in FORMATS[::-1] if f in wanted]  # bib, epub, pdf, html: the site last
    done = 0

    def step(name: str, what: str) -> None:
        nonlocal done
        done += 1
        if status is not None:
            print(f"\nreader build: [{done}/{len(steps)}] {name}: {what}", file=status, flush=True)

    def sphinx(builder: str) -> Path:
        outdir = out / builder
        run_sphinx(
            builder, project, outdir, out / "doctrees" / builder, status=status, warning=warning
        )
        return outdir

    if "bib" in wanted:
        step("bib", "refs.bib, refs.json, refs.ris and one file per text")
        try:
            libraries = [load_library(path) for path in edition.bibfiles]
        except BibFileError as error:
            raise BuildFailed(f"bib: refs.bib has errors:\n{error}") from None
        library = libraries[0]
        for other in libraries[1:]:
            library.add(list(other.entries))
        export_bibtex(library, editions / "refs.bib", edition.title)
        try:
            export_files(project, library, editions)  # refs.json, refs.ris, texts/*.bib|json
        except ScopeError as error:
            raise BuildFailed(f"bib: {error}") from None
    if "epub" in wanted:
        step("epub", "Sphinx's EPUB 3 builder")
        epub = sphinx("epub") / f"{edition.basename}.epub"
        shutil.copy2(epub, editions / epub.name)
    if "pdf" in wanted:
        step("pdf", "Sphinx's LaTeX builder, then XeLaTeX through latexmk")
        pdf = compile_pdf(sphinx("latex"), edition.basename)
        shutil.copy2(pdf, editions / pdf.name)
    if "html" in wanted:
        step("html", "the site, with the editions to download")
        site = sphinx("html")
        shutil.copytree(editions, site / EDITIONS, dirs_exist_ok=True)
    return out
