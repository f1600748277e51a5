"""The site's HTML as assistive technology needs it, where Sphinx's writer falls short.

Sphinx writes a toctree's caption as ``<p role="heading">`` without the
``aria-level`` that role requires (axe: aria-required-attr), and a code block as a
``<pre>`` that scrolls sideways on a phone but cannot take keyboard focus, so its
end is out of reach without a mouse (axe: scrollable-region-focusable); docutils
writes each group of notes as an ``<aside>`` landmark without a name, so a chapter
with notes and editors' notes has two landmarks alike (axe: landmark-unique).  The
reader's translator for the site mends all three; the EPUB has its own translator.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from docutils import nodes
from sphinx import addnodes
from sphinx.writers.html5 import HTML5Translator

from reader.extension.editions import SITE_BUILDERS

if TYPE_CHECKING:
    from sphinx.application import Sphinx


class ReaderHTMLTranslator(HTML5Translator):
    """Sphinx's HTML5 translator: caption levels, named notes, focusable code blocks."""

    def visit_title(self, node: nodes.title) -> None:
        if not (isinstance(node.parent, addnodes.compact_paragraph) and node.parent.get("toctree")):
            super().visit_title(node)
            return
        # Sphinx's caption markup, with the level: one below the section the toctree is
        # in, and never 1, the page's title
        level = max(2, self.section_level + self.initial_header_level)
        attributes = {"aria-level": str(level)}
        self.body.append(
            self.starttag(node, "p", "", CLASS="caption", ROLE="heading", **attributes)
        )
        self.body.append('<span class="caption-text">')
        self.context.append("</span></p>\n")

    def visit_footnote(self, node: nodes.footnote) -> None:
        previous = node.previous_sibling()
        if not isinstance(previous, nodes.rubric):
            super().visit_footnote(node)
            return
        # docutils' markup, the group of notes named by its heading ("Notes", "Editors'
        # notes"): two unnamed <aside> landmarks on a page are alike (landmark-unique)
        style = self.settings.footnote_references
        name = self.attval(previous.astext())
        self.body.append(f'<aside aria-label="{name}" class="footnote-list {style}">\n')
        self.body.append(
            self.starttag(node, "aside", classes=[node.tagname, style], role="doc-footnote")
        )

    def visit_literal_block(self, node: nodes.literal_block) -> None:
        start = len(self.body)
        try:
            super().visit_literal_block(node)
        finally:
            # a scroller must be reachable by keyboard: Tab to it, then the arrow keys
            for i in range(start, len(self.body)):
                if "<pre" in self.body[i]:
                    self.body[i] = self.body[i].replace("<pre", '<pre tabindex="0"', 1)
                    break


def setup(app: Sphinx) -> dict[str, Any]:
    for builder in SITE_BUILDERS:
        app.set_translator(builder, ReaderHTMLTranslator)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
