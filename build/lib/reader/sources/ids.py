"""Ids of annotations and quotations: what makes one usable as an anchor.

Sphinx turns an id into an HTML anchor with ``make_id``, which keeps only ASCII
letters, digits and hyphens: two ids in another script would collapse into one
anchor, and their links and popups into one entry.
"""

from __future__ import annotations

import re

# hyphens only: make_id turns "." and "_" into "-", so "a.b" and "a-b" would collide
_ID = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")


def id_fault(ident: str) -> str:
    """Why *ident* cannot be an id ("" when it can)."""
    if _ID.match(ident):
        return ""
    return (
        f"the id {ident!r} must be lower-case ASCII letters and digits joined by hyphens "
        "(e.g. 'nicholas-ii'), so that it can be a link anchor"
    )
