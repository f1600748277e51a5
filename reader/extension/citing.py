"""``.. how-to-cite::`` — how to cite the edition, set as formatted citations.

The examples (the edition, its first chapter, a paragraph of it, and the source
of its first quotation) are made when the page is written, by the edition's note
style from the entries the exports give (:mod:`reader.exports.how_to_cite`): a
new title, date or publisher in conf.py changes them everywhere at once.  Each is
a list of three fields, the first note, a later (short) note and the
bibliography entry, in the typography of the edition, not as code.
"""

from __future__ import annotations

from typing import Any, ClassVar

from docutils import nodes
from sphinx.transforms.post_transforms import SphinxPostTransform
from sphinx.util.docutils import SphinxDirective

from reader.exports.edition import EditionInfo
from reader.exports.how_to_cite import Example, examples, quotation_example
from reader.extension.book import book_of
from reader.extension.notes import BACKEND, bib_entries, note_style, place_mark


class how_to_cite(nodes.General, nodes.Element):
    """Placeholder for the examples, filled when the page is written."""


class HowToCiteDirective(SphinxDirective):
    """``.. how-to-cite::`` (no arguments, no content)."""

    option_spec: ClassVar[dict[str, Any]] = {}

    def run(self) -> list[nodes.Node]:
        node = how_to_cite()
        self.set_source_info(node)
        return [node]


def _rendered(text: Any) -> list[nodes.Node]:
    """Rich text as nodes, an unverified locator marked as in the notes."""
    found: list[nodes.Node] = []
    for node in text.render(BACKEND):
        found.extend(place_mark(node))
    return found


def _field(name: str, body: list[nodes.Node], classes: list[str]) -> nodes.field:
    paragraph = nodes.paragraph("", "", *body, classes=classes)
    return nodes.field("", nodes.field_name(name, name), nodes.field_body("", paragraph))


def example_nodes(example: Example) -> list[nodes.Node]:
    """One example: its heading and its three forms."""
    heading = nodes.paragraph("", "", nodes.strong(example.what, example.what))
    fields = nodes.field_list(classes=["reader-citation-example"])
    fields += _field("First note", [nodes.Text("1. "), *_rendered(example.note)], [])
    fields += _field("Later notes", [nodes.Text("2. "), *_rendered(example.short)], [])
    fields += _field("Bibliography", _rendered(example.entry), ["reader-bibliography-entry"])
    return [heading, fields]


class FillHowToCite(SphinxPostTransform):
    """Replace ``how-to-cite`` placeholders by the examples."""

    default_priority = 6

    def run(self, **kwargs: Any) -> None:
        placeholders = list(self.document.findall(how_to_cite))
        if not placeholders:
            return
        info = EditionInfo.from_config(self.config, self.app.confdir)
        book = book_of(self.env)
        style = note_style(self.env)
        found = examples(info, book, style)
        quoted = quotation_example(book, bib_entries(self.env), style)
        if quoted is not None:
            found.append(quoted)
        for node in placeholders:
            made: list[nodes.Node] = []
            for example in found:
                made += example_nodes(example)
            node.replace_self(made)
