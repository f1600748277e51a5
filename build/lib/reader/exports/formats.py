"""The export formats by name, each rendering a list of entries as the text of a file."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass

from bibtexparser.model import Entry

from reader.exports.biblatex import biblatex_string
from reader.exports.bibtex import bibtex_entries_string, comment_block
from reader.exports.csl import csl_json
from reader.exports.ris import ris_text

__all__ = ["FORMATS", "ExportFormat", "render"]


@dataclass(frozen=True)
class ExportFormat:
    """A format: its name, file suffix, renderer, and whether it can hold a comment."""

    name: str
    suffix: str
    render_entries: Callable[[Sequence[Entry]], str]
    label: str
    comments: bool = False  # BibTeX files can start with % lines; JSON and RIS cannot


FORMATS: dict[str, ExportFormat] = {
    "bibtex": ExportFormat("bibtex", ".bib", bibtex_entries_string, "BibTeX", comments=True),
    "biblatex": ExportFormat("biblatex", ".bib", biblatex_string, "BibLaTeX", comments=True),
    "csl-json": ExportFormat("csl-json", ".json", csl_json, "CSL-JSON"),
    "ris": ExportFormat("ris", ".ris", ris_text, "RIS"),
}


def render(name: str, entries: Sequence[Entry], header: Sequence[str] = ()) -> str:
    """The text of an export of *entries* in format *name*.

    *header* lines become a leading ``%`` comment in the BibTeX formats; the other
    formats have no comments and leave them out.
    """
    export = FORMATS[name]
    body = export.render_entries(entries)
    if export.comments and header:
        return comment_block(header) + "\n" + body
    return body
