"""BibTeX export, written with bibtexparser's v2 writer.

The export holds every entry of refs.bib with every field, @string macros
expanded, so that it parses on its own and round-trips field for field.
"""

from __future__ import annotations

import os
import tempfile
from collections.abc import Iterable, Sequence
from pathlib import Path

import bibtexparser
from bibtexparser.library import Library
from bibtexparser.model import Entry

HEADER = "% BibTeX export of {title}. Generated from refs.bib by `reader build`.\n"


def bibtex_string(library: Library) -> str:
    """The entries of *library* as BibTeX text (entries only: no macros, no comments)."""
    entries_only = Library(blocks=list(library.entries))
    return bibtexparser.write_string(entries_only)


def bibtex_entries_string(entries: Sequence[Entry]) -> str:
    """*entries* as BibTeX text, in the order given."""
    return bibtex_string(Library(blocks=list(entries)))


def comment_block(lines: Iterable[str]) -> str:
    """``%`` comment lines for the head of a .bib file.

    BibTeX (and pybtex) take an ``@`` anywhere outside an entry, even after ``%``, as
    the start of an entry, and fail on what follows: an ``@`` in a comment is written
    ``(at)``.
    """
    return "".join(f"% {line}".rstrip() + "\n" for line in lines).replace("@", "(at)")


def write_atomically(path: Path, text: str) -> None:
    """Write *text* to *path* so that a failure never leaves a half-written file."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as handle:
            handle.write(text)
        os.chmod(tmp, 0o644)  # mkstemp makes it private; an export is for sharing
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def export_bibtex(library: Library, dest: Path, title: str) -> None:
    """Write the BibTeX export of *library* to *dest*."""
    header = HEADER.format(title=title).replace("@", "(at)")  # see comment_block
    write_atomically(dest, header + "\n" + bibtex_string(library))
