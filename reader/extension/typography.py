"""Typographic quotes in every edition, for the words the editions make themselves.

Sphinx turns straight quotes into curly ones (and ``--`` into a dash) when it reads
a text, for what the texts say and for the notes, which are made while reading.
What is made later from data is set the same way where it is made: the lists of
works (:mod:`reader.extension.bibliography`), the how-to-cite examples and the
Cite panel's notes (:func:`reader.styles.cmos.typographic_text`), annotation
names (:mod:`reader.extension.annotation_directives`), the title page and imprint
(:meth:`reader.exports.edition.EditionInfo.as_printed`).  The exports are not
touched: they carry refs.bib's own characters.

Addresses are kept exactly as written (:class:`ProtectAddresses`): a URL's ``--``
or ``'`` is part of it.
"""

from __future__ import annotations

from typing import Any

from docutils import nodes
from sphinx.transforms import SphinxTransform


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
