"""Roles that mark a mention in a text, and the ``:date:`` role.

``:person:`Trotsky <trotsky>``` (likewise ``:gloss:``, ``:place:``, ``:org:``,
``:event:``) links the words to the annotation, gives the mention an anchor so
the register can link back to it, and adds it to the general index.
``:date:`25 October 1917 OS``` prints "25 October [7 November] 1917".
"""

from __future__ import annotations

from typing import cast

from docutils import nodes
from sphinx import addnodes
from sphinx.util.docutils import SphinxRole
from sphinx.util.nodes import split_explicit_title

from reader.extension.annotation_domain import AnnotationDomain, Mention
from reader.extension.lines import role_line
from reader.extension.report import warn
from reader.sources.calendar import DateError, parse_date


class MentionRole(SphinxRole):
    """A mention of an annotation of one kind."""

    def __init__(self, kind: str) -> None:
        super().__init__()
        self.kind = kind

    def run(self) -> tuple[list[nodes.Node], list[nodes.system_message]]:
        explicit, title, target = split_explicit_title(self.text)
        ident = target.strip()
        serial = self.env.current_document.new_serial_number(f"mention-{self.kind}-{ident}")
        anchor = nodes.make_id(f"mention-{self.kind}-{ident}-{serial}")
        xref = addnodes.pending_xref(
            self.rawtext,
            refdomain="ann",
            reftype=self.kind,
            reftarget=ident,
            refexplicit=explicit,
            refdoc=self.env.docname,
        )
        xref += nodes.inline(title, title)
        mention = nodes.inline("", "", xref, classes=["reader-mention", f"reader-{self.kind}"])
        mention["ids"].append(anchor)
        mention["reader_ann"] = [self.kind, ident]
        self.set_source_info(mention)
        domain = cast(AnnotationDomain, self.env.get_domain("ann"))
        line = role_line(self)
        mention.line = line
        domain.note_mention(Mention(self.kind, ident, self.env.docname, anchor, line))
        return [mention], []


class DateRole(SphinxRole):
    """A date with its calendar, printed in both calendars."""

    def run(self) -> tuple[list[nodes.Node], list[nodes.system_message]]:
        try:
            date = parse_date(self.text)
        except DateError as error:
            warn("date_invalid", str(error), (self.env.docname, role_line(self)))
            return [nodes.inline(self.text, self.text, classes=["reader-error"])], []
        shown = date.dual()
        return [nodes.inline(shown, shown, classes=["reader-date"])], []
