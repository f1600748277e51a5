"""Ready-made citations of a quotation: LaTeX (biblatex), pandoc, and the edition's note.

A quotation's ``:cite:`` gives its source and locator (``trotsky1932{?vol. 1, ch. 2}``);
``reader export --quotation ID`` prints, beside the entry, the ways to cite the passage:

* LaTeX: ``\\autocite[vol.~1, ch.~2]{trotsky1932}`` (a tie after ``p.``, ``pp.``,
  ``ch.``, ``vol.`` and the like; ``--`` in number ranges; pre-text as the first
  optional argument; several sources with ``\\autocites``);
* pandoc: ``[@trotsky1932, vol. 1, ch. 2]``;
* the note as the edition prints it: :meth:`ChicagoNotesStyle.full_note`, as text.

An unverified locator (``?`` in the markup) is flagged in all three: ``[unverified]``
after the locator, as in the edition's notes (braced in LaTeX, escaped in pandoc, so
that the brackets do not end the argument or the citation).
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from html import escape
from typing import Any

from reader.exports.records import Record
from reader.sources.citations import MARK_HERE, UNVERIFIED_MARK, CitationTarget, marked_locator
from reader.styles import plugins
from reader.styles.cmos import typographic_text
from reader.styles.escape import latex_escape, pandoc_escape
from reader.styles.punctuation import end_note_text

__all__ = ["UNVERIFIED", "CiteCommands", "cite_commands", "latex_citation", "pandoc_citation"]

UNVERIFIED = UNVERIFIED_MARK
# Abbreviations after which LaTeX wants a tie (no line break before the number).
_TIE = re.compile(
    r"\b(p|pp|ch|chs|vol|vols|para|paras|sec|secs|n|nn|no|nos|bk|pt|app|fol|fols|col|cols)\.\s+"
)


@dataclass(frozen=True)
class CiteCommands:
    """One citation in three forms."""

    latex: str
    pandoc: str
    note: str

    def lines(self) -> list[str]:
        """The three forms, labelled, one per line."""
        return [f"LaTeX:  {self.latex}", f"pandoc: {self.pandoc}", f"note:   {self.note}"]


def _optional(text: str) -> str:
    """An optional argument's content, braced when it holds a bracket (a ``]`` would
    end the argument)."""
    return "{" + text + "}" if "[" in text or "]" in text else text


def _latex_locator(target: CitationTarget) -> str:
    locator = latex_escape(target.locator)
    locator = _TIE.sub(r"\1.~", locator)
    locator = re.sub(r"(?<=\d)\s*(?:–|-)\s*(?=\d)", "--", locator)
    if target.locator and not target.verified:
        locator = f"{locator} {UNVERIFIED}"
    return _optional(locator)


def latex_citation(targets: Sequence[CitationTarget]) -> str:
    """``\\autocite[pre][locator]{key}`` (``\\autocites`` for several sources)."""
    parts = []
    for target in targets:
        locator = _latex_locator(target)
        pre = _optional(latex_escape(target.pre))
        if pre:
            parts.append(f"[{pre}][{locator}]{{{target.key}}}")
        elif locator:
            parts.append(f"[{locator}]{{{target.key}}}")
        else:
            parts.append(f"{{{target.key}}}")
    command = "\\autocite" if len(targets) == 1 else "\\autocites"
    return command + "".join(parts)


def pandoc_citation(targets: Sequence[CitationTarget]) -> str:
    """``[pre @key, locator; @other]`` in pandoc's Markdown."""
    parts = []
    for target in targets:
        pre = pandoc_escape(target.pre)
        text = f"{pre} @{target.key}" if pre else f"@{target.key}"
        if target.locator:
            flag = f" {pandoc_escape(UNVERIFIED)}" if not target.verified else ""
            text += f", {pandoc_escape(target.locator)}{flag}"
        parts.append(text)
    return "[" + "; ".join(parts) + "]"


def cmos_note(
    targets: Sequence[CitationTarget],
    records: Sequence[Record],
    style: Any = None,
    *,
    html: bool = False,
) -> str:
    """The full note the edition prints for these sources, as plain text (or, *html*,
    with its italics as HTML, every text from refs.bib escaped).

    *style* is the edition's note style (a pybtex style; the default is the one named
    by ``reader_note_style``, ``cmos``).
    """
    style = style or plugins.style("cmos")
    render = plugins.backend("html") if html else plugins.backend("text")
    by_key = {record.key.lower(): record for record in records}
    parts = []
    for target in targets:
        record = by_key[target.key.lower()]
        entry = record.to_pybtex(by_key.get(record.crossref))
        # as the edition prints it: curly quotes (the entries keep refs.bib's own)
        note = typographic_text(style.full_note(entry, marked_locator(target)))
        text = note.render(render)
        text = text.replace(MARK_HERE, f" {UNVERIFIED}")
        pre = escape(target.pre) if html else target.pre
        parts.append(f"{pre} {text}" if pre else text)
    return end_note_text(parts)


def cite_commands(
    targets: Sequence[CitationTarget], records: Sequence[Record], style: Any = None
) -> CiteCommands:
    """LaTeX, pandoc and note forms of a citation of *targets* (found in *records*)."""
    return CiteCommands(
        latex=latex_citation(targets),
        pandoc=pandoc_citation(targets),
        note=cmos_note(targets, records, style),
    )
