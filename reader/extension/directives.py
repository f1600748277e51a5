"""The ``quote`` directive: a block quotation that names its source.

::

    .. quote::
       :cite: trotsky1932{?vol. 1, ch. 2}
       :id: faberge-fortunes
       :by: Leon Trotsky

       Enormous fortunes arose out of the bloody foam.

The directive prints the quotation with an attribution (``:by:``, else the
author of the work cited) and a footnoted citation, and registers it (id, text,
source, locator, verified) in the ``reader`` domain for the quotations index and
"cite this passage".
"""

from __future__ import annotations

from typing import ClassVar, cast

from docutils import nodes
from docutils.parsers.rst import directives
from sphinx.util.docutils import SphinxDirective

from reader.extension.domain import QuotationRecord, ReaderDomain
from reader.extension.notes import bib_entries, make_note, read_citation
from reader.extension.report import warn
from reader.sources.quotations import quotation_id
from reader.sources.tex import tex_text


def _author_name(env: object, key: str) -> str:
    """Who wrote the work cited: its first author (else editor, else organisation)."""
    entry = bib_entries(env)[key]  # type: ignore[arg-type]
    people = entry.persons.get("author") or entry.persons.get("editor") or []
    if not people:
        body = entry.fields.get("organization") or entry.fields.get("institution") or ""
        return tex_text(str(body))
    person = people[0]
    name = " ".join(
        person.first_names + person.middle_names + person.prelast_names + person.last_names
    )
    return tex_text(name)


def option_line(directive: SphinxDirective, name: str) -> int:
    """The line of option *name* of *directive* (the directive's own if not found)."""
    for offset, line in enumerate(directive.block_text.splitlines()):
        if line.strip().startswith(f":{name}:"):
            return directive.lineno + offset
    return directive.lineno


class QuoteDirective(SphinxDirective):
    """A sourced block quotation."""

    has_content = True
    option_spec: ClassVar[dict[str, object]] = {  # type: ignore[misc]
        "cite": directives.unchanged,
        "id": directives.unchanged,
        "by": directives.unchanged,
        "attribution": directives.unchanged,  # the older name of :by:
    }

    def run(self) -> list[nodes.Node]:
        self.assert_has_content()
        location = (self.env.docname, self.lineno)
        citation = self.options.get("cite", "").strip()
        if not citation:
            warn("quote_no_source", "the quotation names no source", location)
            return self.parse_content_to_nodes()
        targets = read_citation(self.env, citation, (self.env.docname, option_line(self, "cite")))
        if not targets:
            return self.parse_content_to_nodes()

        quote = nodes.block_quote(classes=["reader-quotation"])
        quote.extend(self.parse_content_to_nodes())
        # the words of its paragraphs and of the lines of line blocks (verse)
        text = " ".join(
            " ".join(n.astext().split())
            for n in quote.findall(lambda n: isinstance(n, (nodes.paragraph, nodes.line)))
        )
        source = targets[0]
        explicit = self.options.get("id", "").strip()
        quote_id = explicit or quotation_id(source.key, text)
        quote["ids"].append(nodes.make_id(quote_id))

        speaker = (
            self.options.get("by") or self.options.get("attribution") or ""
        ).strip() or _author_name(self.env, source.key)
        if not speaker:
            warn(
                "quote_no_speaker",
                f"the work quoted ({source.key}) names no author: say who speaks with :by:",
                location,
            )
        attribution = nodes.attribution()
        attribution += nodes.Text(speaker)
        attribution += make_note(self.env, self.state.document, targets, self.lineno)
        quote += attribution

        domain = cast(ReaderDomain, self.env.get_domain("reader"))
        domain.note_quotation(
            QuotationRecord(
                quote_id,
                self.env.docname,
                self.lineno,
                text,
                tuple(targets),
                bool(explicit),
            )
        )
        self.set_source_info(quote)
        return [quote]
