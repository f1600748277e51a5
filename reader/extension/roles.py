"""The ``:cite:`` role: a footnoted citation with pre-text and locators.

``:cite:`{see}trotsky1932{vol. 1, ch. 7}, deutscher1954{p. 12}``` makes one
footnote naming both sources, with the locators; ``{?p. 12}`` marks a locator
the editors have not verified.
"""

from __future__ import annotations

from docutils import nodes
from sphinx.util.docutils import SphinxRole

from reader.extension.lines import role_line
from reader.extension.notes import make_note, read_citation
from reader.extension.report import warn
from reader.sources.citations import parse_citations


class CiteRole(SphinxRole):
    """Replace the role by a footnote reference; the note is placed by a transform."""

    def run(self) -> tuple[list[nodes.Node], list[nodes.system_message]]:
        location = (self.env.docname, role_line(self))
        found = read_citation(self.env, self.text, location)
        if not found or len(found) != len(parse_citations(self.text)):
            # keep the markup visible rather than print a note that lacks a source
            return [nodes.inline(self.rawtext, self.rawtext, classes=["reader-error"])], []
        return [make_note(self.env, self.inliner.document, found, location[1])], []


class FootciteRole(SphinxRole):
    """sphinxcontrib-bibtex's ``:footcite:`` is not this reader's markup: say so."""

    def run(self) -> tuple[list[nodes.Node], list[nodes.system_message]]:
        warn(
            "cite_syntax",
            f":{self.name}: is not used in this reader (its notes lose their text here); "
            f"write :cite:`{self.text}`",
            (self.env.docname, role_line(self)),
        )
        return [nodes.inline(self.rawtext, self.rawtext, classes=["reader-error"])], []
