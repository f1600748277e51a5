"""The site's search index keeps every page's index entries across rebuilds.

Sphinx gathers the index entries of the search index while it writes pages and
does not keep them for the pages it does not write again (sphinx-doc/sphinx#12599):
after any rebuild, a search for "Kerensky" no longer finds his register entry
unless the register page was written too.  Before the index is saved, the entries
of the pages not written in this build are taken from the index domain, which
Sphinx keeps for every text; those of removed texts are dropped, and so are the
words no page holds any more (Sphinx keeps them, pointing nowhere), so that a
rebuilt index is the index a clean build makes.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any, cast

from sphinx.application import Sphinx
from sphinx.domains.index import IndexDomain
from sphinx.util.index_entries import split_index_msg


def _entries(raw: list[tuple[str, str, str, str, str | None]]) -> list[tuple[str, str, str]]:
    """What the indexer records for a page's index entries (as ``IndexBuilder.feed``)."""
    found: set[tuple[str, str, str]] = set()
    for entry_type, value, target_id, main, _category in raw:
        try:
            parts = split_index_msg(entry_type, value)
        except ValueError:
            continue
        if entry_type in {"see", "seealso"}:
            found.add((parts[0], target_id or "", main))
        found |= {(part, target_id or "", main) for part in parts}
    return sorted(found)


def restore_index_entries(app: Sphinx) -> Iterator[Any]:
    """``html-collect-pages`` (before the search index is saved): fill in the entries
    of the pages this build did not write."""
    indexer = getattr(app.builder, "indexer", None)
    kept: dict[str, list[tuple[str, str, str]]] | None = getattr(indexer, "_index_entries", None)
    if kept is None:
        return iter(())
    domain = cast(IndexDomain, app.env.get_domain("index"))
    for docname in list(kept):
        if docname not in app.env.all_docs:
            del kept[docname]
    for docname, raw in domain.entries.items():
        if docname not in kept and docname in app.env.all_docs:
            kept[docname] = _entries(raw)
    for mapping in (indexer._mapping, indexer._title_mapping):  # type: ignore[union-attr]
        for word in [word for word, pages in mapping.items() if not pages]:
            del mapping[word]
    return iter(())
