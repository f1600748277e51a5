"""BibTeX export, written with bibtexparser's v2 writer.

The export holds every entry of refs.bib with every field, @string macros
expanded, so that it parses on its own and round-trips field for field.
"""

from __future__ import annotations

import os
import re
from collections.abc import Iterable, Sequence
from pathlib import Path

import bibtexparser
from bibtexparser.library import Library
from bibtexparser.model import Entry, Field

from reader.exports.writing import write_output

HEADER = "% BibTeX export of {title}. Generated from refs.bib by `reader build`.\n"


#: Where the editors' memos on a source go in an export: a field no style prints.
MEMO_FIELD = "annote"


#: What classic BibTeX styles print for an entry with no date (CMOS: "n.d.").
NO_DATE = "n.d."


def for_readers(entries: Sequence[Entry], *, classic: bool = True) -> list[Entry]:
    """The entries as readers receive them (*classic*: for classic BibTeX styles).

    * The editors' ``note`` (a memo on where the source was seen and what could not be
      verified, not part of the reference) moves to ``annote``, which BibTeX and
      biblatex styles never print.
    * Classic BibTeX styles know no biblatex ``date``: an entry with a ``date`` and no
      ``year`` gets the year of its date, and an entry with neither gets ``year =
      {n.d.}``, as CMOS prints it (plainnat would otherwise warn of an empty year).
      Not for biblatex (*classic* false), which reads ``date`` itself.
    """
    found = []
    for entry in entries:
        names = {field.key.lower() for field in entry.fields}
        fields = [
            Field(MEMO_FIELD, f.value, enclosing=f.enclosing)
            if f.key.lower() == "note" and MEMO_FIELD not in names
            else f
            for f in entry.fields
        ]
        if classic and "year" not in names:
            date = next((str(f.value) for f in entry.fields if f.key.lower() == "date"), "")
            year = re.match(r"\d{4}", date.strip())
            fields.append(Field("year", year[0] if year else NO_DATE))
        found.append(Entry(entry.entry_type, entry.key, fields))
    return found


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


def write_atomically(path: str | os.PathLike[str], text: str) -> None:
    """Write *text* to *path*; a failure never leaves a half-written regular file.

    A regular file (also behind a symlink) is replaced whole, keeping its mode; a FIFO
    or device is written into, as ``>`` would (see :mod:`reader.exports.writing`).
    """
    write_output(Path(path), text)


def export_bibtex(library: Library, dest: Path, title: str) -> None:
    """Write the BibTeX export of *library* to *dest* (memos as ``annote``)."""
    header = HEADER.format(title=title).replace("@", "(at)")  # see comment_block
    write_atomically(dest, header + "\n" + bibtex_entries_string(for_readers(library.entries)))
