"""The EPUB builder, with the one fix EPUBCheck needs.

Sphinx writes ``epub_uid`` (the *name* of the OPF's identifier element) as the
NCX's ``dtb:uid``, where EPUBCheck (NCX-001) wants the identifier itself.
"""

from __future__ import annotations

import html
from typing import TYPE_CHECKING, Any

from sphinx.builders.epub3 import Epub3Builder

if TYPE_CHECKING:
    from sphinx.builders._epub_base import NavPoint


class ReaderEpubBuilder(Epub3Builder):
    """Sphinx's EPUB 3 builder, whose NCX names the book's real identifier."""

    def toc_metadata(self, level: int, navpoints: list[NavPoint]) -> dict[str, Any]:
        metadata = super().toc_metadata(level, navpoints)
        metadata["uid"] = html.escape(self.config.epub_identifier)
        return metadata
