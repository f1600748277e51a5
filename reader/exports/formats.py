"""The export formats by name, each rendering a list of entries as the text of a file."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from reader.exports.biblatex import biblatex_string
from reader.exports.bibtex import bibtex_entries_string, comment_block, for_readers
from reader.exports.csl import csl_json
from reader.exports.ris import ris_text

if TYPE_CHECKING:
    from reader.exports.scopes import Selection

__all__ = ["FORMATS", "ExportFormat", "render"]


@dataclass(frozen=True)
class ExportFormat:
    """A format: its name, file suffix, renderer, and whether it can hold a comment.

    BibTeX and BibLaTeX are written from refs.bib as written (bibtexparser's entries),
    CSL-JSON and RIS from the entries as pybtex reads them (the selection's records).
    """

    name: str
    suffix: str
    render_selection: Callable[[Selection, bool], str]
    label: str
    comments: bool = False  # BibTeX files can start with % lines; JSON and RIS cannot


FORMATS: dict[str, ExportFormat] = {
    "bibtex": ExportFormat(
        "bibtex",
        ".bib",
        lambda selection, notes: bibtex_entries_string(for_readers(selection.entries)),
        "BibTeX",
        comments=True,
    ),
    "biblatex": ExportFormat(
        "biblatex",
        ".bib",
        lambda selection, notes: biblatex_string(for_readers(selection.entries, classic=False)),
        "BibLaTeX",
        comments=True,
    ),
    "csl-json": ExportFormat(
        "csl-json",
        ".json",
        lambda selection, notes: csl_json(selection.records, with_notes=notes),
        "CSL-JSON",
    ),
    "ris": ExportFormat(
        "ris",
        ".ris",
        lambda selection, notes: ris_text(selection.records, with_notes=notes),
        "RIS",
    ),
}


def render(
    name: str, selection: Selection, header: Sequence[str] = (), *, with_notes: bool = False
) -> str:
    """The text of an export of *selection* in format *name*.

    *header* lines become a leading ``%`` comment in the BibTeX formats; the other
    formats have no comments and leave them out.  The editors' notes on the sources
    (refs.bib's ``note``) travel in the BibTeX formats as ``annote``/``annotation``,
    which no style prints, and in CSL-JSON and RIS only *with_notes*.
    """
    export = FORMATS[name]
    body = export.render_selection(selection, with_notes)
    if export.comments and header:
        return comment_block(header) + "\n" + body
    return body
