"""EPUB pages that e-readers understand: notes and mentions with EPUB semantics.

E-readers open a pop-up for a link marked ``epub:type="noteref"`` whose target is
marked ``epub:type="footnote"``.  This translator writes:

* each note reference as a superscript number, without brackets, marked
  ``noteref`` (and ``doc-noteref``);
* each note as an ``aside`` marked ``footnote`` (and ``doc-footnote``), its number
  leading its first line as a link back to the reference (``doc-backlink``), where
  docutils would set the number apart in brackets;
* mentions of annotations as glossary references;
* chapter numbers without the website's period;
* one viewport ``meta`` (docutils adds its own beside the theme's; an e-book needs
  none, but reading systems ignore it).
"""

from __future__ import annotations

from html import escape
from typing import Any

from docutils import nodes
from sphinx.writers.html5 import HTML5Translator

from reader.extension.language import language_of

_EPUB_TYPE_OF_ROLE = {"doc-noteref": "noteref", "doc-footnote": "footnote"}


class EpubTranslator(HTML5Translator):
    """Sphinx's HTML5 translator with EPUB structural semantics."""

    def __init__(self, document: nodes.document, builder: Any) -> None:
        super().__init__(document, builder)
        self.meta = [tag for tag in self.meta if 'name="viewport"' not in tag]
        self._note_number = ""
        # a chapter's heading shows its number alone, on a line of its own (the
        # stylesheet's), not the website's "1. "
        self.secnumber_suffix = " "

    def starttag(
        self,
        node: nodes.Element,
        tagname: str,
        suffix: str = "\n",
        empty: bool = False,
        **attributes: Any,
    ) -> str:
        epub_type = _EPUB_TYPE_OF_ROLE.get(attributes.get("role", ""))
        if tagname == "a" and isinstance(node, nodes.reference):
            parent = node.parent
            if parent is not None and "reader-mention" in parent.get("classes", []):
                epub_type, attributes["role"] = "glossref", "doc-glossref"
        if epub_type:
            attributes["epub:type"] = epub_type
        if tag := language_of(node):
            # docutils writes lang="…"; XHTML content documents read xml:lang
            attributes["xml:lang"] = tag
        return super().starttag(node, tagname, suffix, empty, **attributes)

    # -- note references ------------------------------------------------------------

    def visit_footnote_reference(self, node: nodes.Element) -> None:
        self.body.append(
            self.starttag(
                node,
                "a",
                suffix="",
                classes=["reader-noteref"],
                role="doc-noteref",
                href="#" + node["refid"],
            )
        )

    def depart_footnote_reference(self, node: nodes.Element) -> None:
        self.body.append("</a>")

    # -- notes ----------------------------------------------------------------------

    def visit_footnote(self, node: nodes.Element) -> None:
        self.body.append(self.starttag(node, "aside", classes=["reader-note"], role="doc-footnote"))

    def depart_footnote(self, node: nodes.Element) -> None:
        self.body.append("</aside>\n")

    def visit_label(self, node: nodes.Element) -> None:
        if not isinstance(node.parent, nodes.footnote):
            return super().visit_label(node)
        number = escape(node.astext())
        backrefs = node.parent.get("backrefs", [])
        if backrefs:
            self._note_number = (
                f'<a class="reader-note-number" role="doc-backlink" '
                f'href="#{escape(backrefs[0], quote=True)}">{number}.</a> '
            )
        else:
            self._note_number = f'<span class="reader-note-number">{number}.</span> '
        raise nodes.SkipNode

    def visit_paragraph(self, node: nodes.Element) -> None:
        super().visit_paragraph(node)
        if self._note_number and isinstance(node.parent, nodes.footnote):
            self.body.append(self._note_number)
            self._note_number = ""
