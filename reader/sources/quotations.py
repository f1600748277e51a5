"""Stable ids of quotations, shared by the ``quote`` directive and the source scanners."""

from __future__ import annotations

import hashlib
import re
import unicodedata

from reader.sources.ids import key_slug


def _ascii_words(text: str) -> list[str]:
    """The words of *text* in lower-case ASCII: accents dropped (Über -> uber)."""
    decomposed = unicodedata.normalize("NFKD", text.replace("ß", "ss"))
    folded = decomposed.encode("ascii", "ignore").decode()
    return re.findall(r"[a-z0-9]+", folded.lower())


def quotation_id(key: str, text: str, words: int = 6) -> str:
    """The id of a quotation without an explicit ``:id:``: its source key and first words.

    A text with no Latin words (a quotation in Russian, say) is named by a short hash
    of its words instead, so the id is still a stable anchor.
    """
    slug = "-".join(_ascii_words(text)[:words])
    if not slug:
        slug = "t" + hashlib.sha1(" ".join(text.split()).encode()).hexdigest()[:8]
    return f"q-{key_slug(key)}-{slug}"
