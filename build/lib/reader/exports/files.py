"""The bibliography files of ``reader build``, beside _build/editions/refs.bib.

::

    refs.json               CSL-JSON of every entry
    refs.ris                RIS of every entry
    texts/<docname>.bib     BibTeX of what one text cites
    texts/<docname>.json    CSL-JSON of the same

Per-text files are written for every chapter (the "Texts" toctree) and for every
other text of the book (in its toctrees) that cites something.  A citation whose key
is not in refs.bib stops the export (ScopeError, with file and line): a per-text file
must never be published without a work its text cites, even when ``reader build -f
bib`` runs without Sphinx to report it.
"""

from __future__ import annotations

from pathlib import Path

from bibtexparser.library import Library

from reader.exports.bibtex import write_atomically
from reader.exports.edition import EditionInfo
from reader.exports.formats import render
from reader.exports.scopes import Sources
from reader.sources.texts import scan_book

__all__ = ["TEXTS", "export_files"]

TEXTS = "texts"


def export_files(project: Path, library: Library, dest: Path) -> list[Path]:
    """Write refs.json, refs.ris and texts/* for *library* into *dest*; return the paths."""
    info = EditionInfo.from_conf(project)
    sources = Sources(info, library, scan_book(project / "source_texts", info.root_doc))
    entries = list(library.entries)
    written = []
    for name, fmt in (("refs.json", "csl-json"), ("refs.ris", "ris")):
        write_atomically(dest / name, render(fmt, entries))
        written.append(dest / name)

    folder = dest / TEXTS
    wanted: dict[Path, str] = {}
    for text in sources.book.texts.values():
        cited = sources.cited_entries(text, strict=True)
        if text.chapter is None and (text.order is None or not cited):
            continue  # neither a chapter nor a text of the book that cites something
        header = [
            f"BibTeX export of {info.title}: the works cited in {text.docname} ({text.title}).",
            "Generated from refs.bib by `reader build`.",
        ]
        wanted[folder / f"{text.docname}.bib"] = render("bibtex", cited, header)
        wanted[folder / f"{text.docname}.json"] = render("csl-json", cited)
    for path, content in wanted.items():
        write_atomically(path, content)
    if folder.is_dir():  # files of texts that are gone would mislead
        for stale in folder.rglob("*"):
            if stale.is_file() and stale.suffix in (".bib", ".json") and stale not in wanted:
                stale.unlink()
    return written + list(wanted)
