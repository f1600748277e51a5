"""The ``quote`` directive: a block quotation that names its source.

::

    .. quote::
       :cite: trotsky1932{?vol. 1, ch. 2}
       :id: faberge-fortunes

       Enormous fortunes arose out of the bloody foam.

The directive prints the quotation with an attribution and a footnoted
citation, and registers it (id, text, source, locator, verified) in the
``reader`` domain for the quotations index and "cite this passage".
"""

from __future__ import annotations

from typing import ClassVar, cast

from docutils import nodes
from docutils.parsers.rst import directives
from pybtex.richtext import Text
from sphinx.util.docutils import SphinxDirective

from reader.extension.domain import QuotationRecord, ReaderDomain
from reader.extension.notes import bib_entries, known_targets, make_note
from reader.extension.report import warn
from reader.sources.citations import CitationSyntaxError, parse_citations
from reader.sources.ids import id_fault
from reader.sources.quotations import quotation_id
from reader.styles.plugins import plain


def _author_name(env: object, key: str) -> str:
    entry = bib_entries(env)[key]  # type: ignore[arg-type]
    people = entry.persons.get("author") or entry.persons.get("editor") or []
    if not people:
        return ""
    person = people[0]
    name = " ".join(
        person.first_names + person.middle_names + person.prelast_names + person.last_names
    )
    return plain(Text.from_latex(name))


class QuoteDirective(SphinxDirective):
    """A sourced block quotation."""

    has_content = True
    option_spec: ClassVar[dict[str, object]] = {  # type: ignore[misc]
        "cite": directives.unchanged,
        "id": directives.unchanged,
        "attribution": directives.unchanged,
    }

    def run(self) -> list[nodes.Node]:
        self.assert_has_content()
        location = (self.env.docname, self.lineno)
        citation = self.options.get("cite", "").strip()
        if not citation:
            warn("quote_no_source", "the quotation names no source", location)
            return self.parse_content_to_nodes()
        try:
            targets = known_targets(self.env, parse_citations(citation), location)
        except CitationSyntaxError as error:
            warn("cite_syntax", str(error), location)
            return self.parse_content_to_nodes()
        if not targets:
            return self.parse_content_to_nodes()

        quote = nodes.block_quote(classes=["reader-quotation"])
        quote.extend(self.parse_content_to_nodes())
        # the words of its paragraphs and of the lines of line blocks (verse)
        text = " ".join(
            n.astext()
            for n in quote.findall(lambda n: isinstance(n, (nodes.paragraph, nodes.line)))
        )
        source = targets[0]
        quote_id = self.options.get("id") or quotation_id(source.key, text)
        if fault := id_fault(quote_id):
            warn("quote_id_invalid", fault, location)
        quote["ids"].append(nodes.make_id(quote_id))

        attribution = nodes.attribution()
        attribution += nodes.Text(
            self.options.get("attribution") or _author_name(self.env, source.key)
        )
        attribution += make_note(self.env, self.state.document, targets, self.lineno)
        quote += attribution

        domain = cast(ReaderDomain, self.env.get_domain("reader"))
        domain.note_quotation(
            QuotationRecord(
                quote_id,
                self.env.docname,
                self.lineno,
                text,
                source.key,
                source.locator,
                source.verified,
            )
        )
        self.set_source_info(quote)
        return [quote]
