"""Typographic quotes in every edition, for the words the editions make themselves.

Sphinx turns straight quotes into curly ones (and ``--`` into a dash) when it reads
a text.  Much of what the editions print is made later, from data: the entries of
the lists of works (titles from refs.bib), the names in the timeline and the
registers' lists.  :class:`LateSmartQuotes` gives that text the same treatment
when a page is written.  Addresses are left exactly as they are, at reading and at
writing (:class:`ProtectAddresses`): a URL's ``--`` or ``'`` is part of it.  The
exports are not touched: they carry refs.bib's own characters.
"""

from __future__ import annotations

from typing import Any

from docutils import nodes
from sphinx.transforms import SphinxSmartQuotes, SphinxTransform
from sphinx.transforms.post_transforms import SphinxPostTransform


def protect_addresses(document: nodes.document) -> None:
    """Mark links whose text is their address as not to be made typographic."""
    for reference in document.findall(nodes.reference):
        text = reference.astext()
        if text and (text == reference.get("refuri") or "://" in text):
            reference["support_smartquotes"] = False


class ProtectAddresses(SphinxTransform):
    """Before Sphinx's smart quotes (750): keep addresses as written."""

    default_priority = 740

    def apply(self, **kwargs: Any) -> None:
        protect_addresses(self.document)


class LateSmartQuotes(SphinxPostTransform):
    """After the registers, timeline and lists of works are filled: smart quotes
    for the text they added (text already made typographic is left as it is)."""

    default_priority = 900

    def run(self, **kwargs: Any) -> None:
        protect_addresses(self.document)
        self.document.settings.smart_quotes = self.config.smartquotes
        SphinxSmartQuotes(self.document, startnode=None).apply()
