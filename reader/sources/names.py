"""How an annotation is listed in an index: surname first, sorted as a reader expects.

``Alexander Kerensky`` is listed as ``Kerensky, Alexander``; titles and particles
follow the given names (``Grand Duke Michael`` -> ``Michael, Grand Duke``, ``Count
von der Goltz`` -> ``Goltz, Count von der``); a ruler's regnal number keeps the name
as it is (``Nicholas II``).  An annotation's ``:index:`` option overrides the rule.
Sort keys fold accents and case and drop a leading article, so that ``Béla Kun``
sorts with K and "The February revolution" with F; they sort letter by letter up
to the first comma, as the *Chicago Manual of Style* has it, so that "Lenin,
Vladimir" comes before "Lenin's death" and "Kornilov, Lavr" before "Kornilov
affair".
"""

from __future__ import annotations

import re
import unicodedata

_ROMAN = re.compile(r"^[IVXLC]+$")
_LETTERS = re.compile(r"[^a-z0-9]")
_ARTICLE = re.compile(r"^(?:the|a|an)\s+", re.IGNORECASE)


def index_form(kind: str, name: str, override: str = "") -> str:
    """The form of *name* in the index (people surname first)."""
    if override.strip():
        return " ".join(override.split())
    words = name.split()
    if kind != "person" or len(words) < 2 or _ROMAN.match(words[-1]):
        return " ".join(words)
    return f"{words[-1]}, {' '.join(words[:-1])}"


def sort_key(text: str) -> str:
    """The key an index is sorted by: ASCII letters and digits, lower case, no leading
    article; the heading before its first comma, then a space, then the rest."""
    folded = unicodedata.normalize("NFKD", text.replace("ß", "ss"))
    ascii_text = _ARTICLE.sub("", folded.encode("ascii", "ignore").decode().lower().strip())
    head, comma, rest = ascii_text.partition(",")
    key = _LETTERS.sub("", head)
    return f"{key} {_LETTERS.sub('', rest)}" if comma else key
