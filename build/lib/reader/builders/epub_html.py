"""EPUB pages that e-readers understand: notes and mentions with EPUB semantics.

E-readers open a pop-up for a link marked ``epub:type="noteref"`` whose target is
marked ``epub:type="footnote"``.  docutils already gives both their ARIA roles
(``doc-noteref``, ``doc-footnote``); this translator adds the matching
``epub:type``, and marks mentions of annotations as glossary references.
"""

from __future__ import annotations

from typing import Any

from docutils import nodes
from sphinx.writers.html5 import HTML5Translator

_EPUB_TYPE_OF_ROLE = {"doc-noteref": "noteref", "doc-footnote": "footnote"}


class EpubTranslator(HTML5Translator):
    """Sphinx's HTML5 translator with EPUB structural semantics."""

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
        return super().starttag(node, tagname, suffix, empty, **attributes)
