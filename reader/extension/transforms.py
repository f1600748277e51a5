"""Notes in reading order: one numbering for citation and hand-written footnotes.

docutils numbers auto-numbered footnotes in the order they are *defined*; a
citation note is defined where it is cited, a hand-written one where the author
wrote its body, so the two series interleave out of order.  Editors' notes
(auto-symbol footnotes, ``[*]_``) form a second series, lettered a, b, c.  After docutils has
numbered them, :class:`OrderNotes` renumbers every footnote of the text by the
position of its first reference, and gathers the notes at the end of the text
in that order.  The LaTeX writer prints these numbers as given, so HTML, EPUB
and PDF agree.
"""

from __future__ import annotations

from docutils import nodes
from sphinx import addnodes
from sphinx.transforms import SphinxTransform

from reader.extension.lines import node_line
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


def _next_marker(ref: nodes.footnote_reference) -> nodes.footnote_reference:
    parent = ref.parent
    for sibling in parent.children[parent.index(ref) + 1 :]:
        if isinstance(sibling, nodes.footnote_reference):
            return sibling
    return ref


class OrderNotes(SphinxTransform):
    """Place citation notes, renumber all notes in reading order, flag adjacent markers."""

    default_priority = 625  # just after docutils' Footnotes (620) has labelled them

    def apply(self) -> None:
        pending = take_pending_notes(self.env)
        footnotes = {
            fid: fn
            for fn in [*self.document.findall(nodes.footnote), *pending]
            for fid in fn["ids"]
        }
        if not footnotes:
            return

        # source notes are numbered 1, 2, 3; editors' notes ([*]_) lettered a, b, c
        series: dict[bool, list[nodes.footnote]] = {False: [], True: []}
        label: dict[int, str] = {}

        def label_of(footnote: nodes.footnote) -> str:
            if id(footnote) not in label:
                editors = _is_editors_note(footnote)
                series[editors].append(footnote)
                count = len(series[editors])
                label[id(footnote)] = _letters(count) if editors else str(count)
            return label[id(footnote)]

        for ref in self.document.findall(nodes.footnote_reference):
            footnote = footnotes.get(ref.get("refid", ""))
            if footnote is None:
                continue
            ref.clear()
            ref += nodes.Text(label_of(footnote))
            if _is_editors_note(footnote):
                ref["classes"].append("reader-editors-note-ref")
            if _is_adjacent(ref):
                following = _next_marker(ref)
                warn(
                    "adjacent_notes",
                    "two note markers stand side by side",
                    (self.env.docname, node_line(following)),
                )
        for footnote in dict.fromkeys(footnotes.values()):
            label_of(footnote)  # never referenced: docutils reports it

        notes = nodes.container(classes=["reader-notes"])
        for title, editors in (("Notes", False), ("Editors' notes", True)):
            if not series[editors]:
                continue
            heading = addnodes.only(expr="html")
            rubric = nodes.rubric(title, title, classes=["reader-notes-heading"])
            rubric["heading-level"] = 2  # a heading (h2), in no table of contents
            heading += rubric
            notes += heading
            for footnote in series[editors]:
                if footnote.parent is not None:
                    footnote.parent.remove(footnote)
                mark = footnote.next_node(nodes.label)
                if mark is not None:
                    mark.clear()
                    mark += nodes.Text(label[id(footnote)])
                if editors:
                    footnote["classes"].append("reader-editors-note")
                notes += footnote
        self.document += notes


def _is_editors_note(footnote: nodes.footnote) -> bool:
    return footnote.get("auto") == "*"


def _letters(n: int) -> str:
    """a, b, ... z, aa, ab, ... for the n-th editors' note."""
    text = ""
    while n:
        n, rest = divmod(n - 1, 26)
        text = chr(ord("a") + rest) + text
    return text
