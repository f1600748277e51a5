"""The site's search page: Sphinx's own search, with results a reader can use.

Sphinx's search works from the disk too (its index is a script, not a fetched
file), so it is kept; ``static/reader-search.js`` orders its results, one per page,
and gives each a snippet around the words searched for (see that file).
"""

from __future__ import annotations

from typing import Any

from sphinx.application import Sphinx

SCRIPT = "reader-search.js"


def add_search_script(
    app: Sphinx, pagename: str, templatename: str, context: dict[str, Any], doctree: Any
) -> None:
    """``html-page-context``: the search page only runs the script (deferred, so that it
    runs after Sphinx's searchtools.js and before the search starts)."""
    if pagename == "search" and app.builder.name in {"html", "dirhtml"}:
        app.add_js_file(SCRIPT, loading_method="defer")
