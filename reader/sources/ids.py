"""Ids of annotations and quotations: what makes one usable as an anchor.

Sphinx turns an id into an HTML anchor with ``make_id``, which keeps only ASCII
letters, digits and hyphens: two ids in another script would collapse into one
anchor, and their links and popups into one entry.
"""

from __future__ import annotations

import hashlib
import re

# Lower-case ASCII letters and digits joined by hyphens: what an anchor keeps as it
# is.  Hyphens only: make_id turns "." and "_" into "-", so "a.b" and "a-b" would
# collide.  Ids, text names (a word per folder) and safe citation keys all follow it.
_WORD = r"[a-z0-9]+(?:-[a-z0-9]+)*"
_ID = re.compile(rf"^{_WORD}$")


def id_fault(ident: str) -> str:
    """Why *ident* cannot be an id ("" when it can)."""
    if _ID.match(ident):
        return ""
    return (
        f"the id {ident!r} must be lower-case ASCII letters and digits joined by hyphens "
        "(e.g. 'nicholas-ii'), so that it can be a link anchor"
    )


# a text's name: folders and a file name, each such a word
_TEXT_NAME = re.compile(rf"^{_WORD}(?:/{_WORD})*$")


def text_name_fault(name: str) -> str:
    """Why *name* cannot be a text's name ("" when it can).

    A text's name becomes a file name in the HTML and the EPUB, an anchor and a
    citation key: lower-case ASCII letters, digits and hyphens keep it one in all of
    them (an EPUB reader drops non-ASCII names, a space breaks links).
    """
    if _TEXT_NAME.match(name):
        return ""
    return (
        f"the text name {name!r} must be lower-case ASCII letters and digits joined by "
        "hyphens (folders with '/'), e.g. '08-the-purges'"
    )


def key_slug(key: str) -> str:
    """A citation key as an anchor word, distinct for distinct keys.

    Keys are case-insensitive (BibTeX's rule), so ``Trotsky1932`` is
    ``trotsky1932``.  A key that is already lower-case ASCII letters, digits and
    hyphens is its own slug; any other (``lenin:1917``, ``marx_1867``, ``троцкий``)
    gets its ASCII letters followed by a short hash of the key, so that keys which
    differ only in punctuation or in letters an anchor cannot hold stay apart.
    """
    folded = key.lower()
    if _ID.match(folded):  # already an anchor as it is
        return folded
    words = "-".join(re.findall(r"[a-z0-9]+", folded.encode("ascii", "ignore").decode()))
    digest = hashlib.sha1(folded.encode("utf-8")).hexdigest()[:8]
    return f"{words}-{digest}" if words else digest


def key_anchor(key: str) -> str:
    """The anchor of an entry in a list of works: ``bib-<key slug>``."""
    return f"bib-{key_slug(key)}"
