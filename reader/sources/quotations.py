"""Stable ids of quotations, shared by the ``quote`` directive and the source scanners."""

from __future__ import annotations

import re


def quotation_id(key: str, text: str, words: int = 6) -> str:
    """The id of a quotation without an explicit ``:id:``: its source key and first words."""
    slug = "-".join(re.findall(r"[a-z0-9]+", text.lower())[:words])
    return f"q-{key}-{slug}"
