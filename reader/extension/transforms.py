"""Notes in reading order: one numbering for citation and hand-written footnotes.

docutils numbers auto-numbered footnotes in the order they are *defined*; a
citation note is defined where it is cited, a hand-written one where the author
wrote its body, so the two series interleave out of order.  After docutils has
numbered them, :class:`OrderNotes` renumbers every footnote of the text by the
position of its first reference, and gathers the notes at the end of the text
in that order.  The LaTeX writer prints these numbers as given, so HTML, EPUB
and PDF agree.
"""

from __future__ import annotations

from docutils import nodes
from sphinx import addnodes
from sphinx.transforms import SphinxTransform

from reader.extension.notes import take_pending_notes
from reader.extension.report import warn


def _is_adjacent(ref: nodes.footnote_reference) -> bool:
    """True when the next thing after *ref* (spaces aside) is another marker."""
    parent = ref.parent
    index = parent.index(ref)
    for sibling in parent.children[index + 1 :]:
        if isinstance(sibling, nodes.Text) and not sibling.astext().strip():
            continue
        return isinstance(sibling, nodes.footnote_reference)
    return False


class OrderNotes(SphinxTransform):
    """Place citation notes, renumber all notes in reading order, flag adjacent markers."""

    default_priority = 625  # just after docutils' Footnotes (620) has labelled them

    def apply(self) -> None:
        pending = take_pending_notes(self.env)
        footnotes = {
            fid: fn
            for fn in self.document.findall(nodes.footnote)
            if fn.get("auto") != "*"
            for fid in fn["ids"]
        } | {fid: fn for fn in pending for fid in fn["ids"]}
        if not footnotes:
            return

        order: list[nodes.footnote] = []
        number: dict[int, str] = {}
        for ref in self.document.findall(nodes.footnote_reference):
            footnote = footnotes.get(ref.get("refid", ""))
            if footnote is None:
                continue
            if id(footnote) not in number:
                number[id(footnote)] = str(len(order) + 1)
                order.append(footnote)
            ref.clear()
            ref += nodes.Text(number[id(footnote)])
            if _is_adjacent(ref):
                warn("adjacent_notes", "two note markers stand side by side", ref)
        for footnote in dict.fromkeys(footnotes.values()):
            if id(footnote) not in number:  # never referenced: docutils reports it
                number[id(footnote)] = str(len(order) + 1)
                order.append(footnote)

        notes = nodes.container(classes=["reader-notes"])
        heading = addnodes.only(expr="html")
        heading += nodes.rubric("Notes", "Notes", classes=["reader-notes-heading"])
        notes += heading
        for footnote in order:
            if footnote.parent is not None:
                footnote.parent.remove(footnote)
            label = footnote.next_node(nodes.label)
            if label is not None:
                label.clear()
                label += nodes.Text(number[id(footnote)])
            notes += footnote
        self.document += notes
