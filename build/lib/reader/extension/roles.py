"""The ``:cite:`` role: a footnoted citation with pre-text and locators.

``:cite:`{see}trotsky1932{vol. 1, ch. 7}, deutscher1954{p. 12}``` makes one
footnote naming both sources, with the locators; ``{?p. 12}`` marks a locator
the editors have not verified.
"""

from __future__ import annotations

from docutils import nodes
from sphinx.util.docutils import SphinxRole

from reader.extension.notes import known_targets, make_note
from reader.extension.report import warn
from reader.sources.citations import CitationSyntaxError, parse_citations


class CiteRole(SphinxRole):
    """Replace the role by a footnote reference; the note is placed by a transform."""

    def run(self) -> tuple[list[nodes.Node], list[nodes.system_message]]:
        location = (self.env.docname, self.lineno)
        try:
            targets = parse_citations(self.text)
        except CitationSyntaxError as error:
            warn("cite_syntax", str(error), location)
            return [nodes.inline(self.rawtext, self.rawtext, classes=["reader-error"])], []
        found = known_targets(self.env, targets, location)
        if len(found) != len(targets):
            # keep the markup visible rather than print a note that lacks a source
            return [nodes.inline(self.rawtext, self.rawtext, classes=["reader-error"])], []
        return [make_note(self.env, self.inliner.document, found, self.lineno)], []


class FootciteRole(SphinxRole):
    """sphinxcontrib-bibtex's ``:footcite:`` is not this reader's markup: say so."""

    def run(self) -> tuple[list[nodes.Node], list[nodes.system_message]]:
        warn(
            "cite_syntax",
            f":{self.name}: is not used in this reader (its notes lose their text here); "
            f"write :cite:`{self.text}`",
            (self.env.docname, self.lineno),
        )
        return [nodes.inline(self.rawtext, self.rawtext, classes=["reader-error"])], []
