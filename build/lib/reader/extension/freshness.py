"""Incremental builds stay right: pages filled from other texts are written again.

Registers, the timeline, the bibliography, popups and Cite panels are filled at
write time from what every text contributed.  Sphinx rewrites only the texts it
re-read; when any text was added, changed or removed, every page is written
again (from the saved doctrees: nothing is read twice), so no page shows stale
mentions, notes or lists.
"""

from __future__ import annotations

from typing import Any

_CHANGED: dict[int, bool] = {}


def note_changes(
    app: Any, env: Any, added: set[str], changed: set[str], removed: set[str]
) -> list[str]:
    """``env-get-outdated``: remember whether this build reads anything."""
    _CHANGED[id(app)] = bool(added or changed or removed)
    return []


def pages_to_rewrite(app: Any, env: Any) -> list[str]:
    """``env-get-updated``: every page, when any text changed."""
    return sorted(env.found_docs) if _CHANGED.pop(id(app), False) else []
