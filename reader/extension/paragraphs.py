"""Numbered paragraphs: a place in a text that is the same in the HTML, the PDF and the EPUB.

Every body paragraph of a text (a paragraph of a section: not a heading, a note, a
quotation, a list item or a register entry) is numbered from 1 in the order of the
text, and gets the anchor ``p-<n>``.  The number is printed in the margin: a link to
itself in the HTML (the Cite panel offers the paragraph from there), a marginal
number in the PDF, a visible number in the EPUB.  "Reader, chap. 3, para. 12" finds
the same words in all three.

The numbers belong to an edition, as a printed book's page numbers do: a paragraph
added or removed renumbers the paragraphs after it in the next edition (the
annotator's guide says so).  Citations name the edition; its date tells which
numbering they use.
"""

from __future__ import annotations

from typing import Any

from docutils import nodes
from sphinx import addnodes
from sphinx.transforms import SphinxTransform

#: How many words of a paragraph's opening the environment keeps (tests, the Cite panel).
OPENING_WORDS = 12


class paragraph_number(nodes.Inline, nodes.Element):
    """The number of the paragraph it begins (``number``)."""


def anchor(number: int) -> str:
    return f"p-{number}"


def is_body_paragraph(paragraph: nodes.paragraph) -> bool:
    """A paragraph of the text itself: directly in a section, not in a register entry,
    a list of works, the notes or a passage shown only in some editions."""
    parent = paragraph.parent
    if not isinstance(parent, nodes.section):
        return False
    classes = set(paragraph["classes"])
    return not any(name.startswith("reader-") for name in classes) and not isinstance(
        parent, addnodes.only
    )


class NumberParagraphs(SphinxTransform):
    """Number the body paragraphs of the text, once its notes are in place."""

    default_priority = 640  # after the notes (625) and the works cited (630)

    def apply(self, **kwargs: Any) -> None:
        number = 0
        for paragraph in list(self.document.findall(nodes.paragraph)):
            if not is_body_paragraph(paragraph):
                continue
            number += 1
            paragraph["ids"].insert(0, anchor(number))
            paragraph.insert(0, paragraph_number(number=number))


def opening(paragraph: nodes.paragraph) -> str:
    """The first words of a numbered paragraph, as printed (the number left out)."""
    words: list[str] = []
    for text in paragraph.findall(nodes.Text):
        if text.parent is not None and isinstance(
            text.parent, (paragraph_number, nodes.footnote_reference)
        ):
            continue
        words.extend(str(text).split())
        if len(words) >= OPENING_WORDS:
            break
    return " ".join(words[:OPENING_WORDS])


def openings(doctree: nodes.document) -> tuple[str, ...]:
    """The openings of the numbered paragraphs of a doctree, in order."""
    return tuple(opening(node.parent) for node in doctree.findall(paragraph_number) if node.parent)


# ------------------------------------------------------------------ the editions


def visit_html(translator: Any, node: paragraph_number) -> None:
    n = node["number"]
    translator.body.append(
        f'<a class="reader-pn" href="#{anchor(n)}" title="Paragraph {n}: link to it"'
        f' aria-label="Paragraph {n}">{n}</a>'
    )
    raise nodes.SkipNode


def visit_epub(translator: Any, node: paragraph_number) -> None:
    n = node["number"]
    translator.body.append(f'<span class="reader-pn" aria-label="Paragraph {n}">{n}</span> ')
    raise nodes.SkipNode


def visit_latex(translator: Any, node: paragraph_number) -> None:
    translator.body.append(rf"\readerpara{{{node['number']}}}")
    raise nodes.SkipNode


def visit_text(translator: Any, node: paragraph_number) -> None:
    translator.add_text(f"[{node['number']}] ")
    raise nodes.SkipNode


def skip(translator: Any, node: paragraph_number) -> None:
    raise nodes.SkipNode


VISITORS = {
    "html": (visit_html, None),
    "epub": (visit_epub, None),
    "latex": (visit_latex, None),
    "text": (visit_text, None),
    "man": (skip, None),
    "texinfo": (skip, None),
}
