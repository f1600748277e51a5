"""Annotations in place: the data the HTML popups show.

Each page carries, as a JSON script element, the annotations its mentions link
to (name, details, summary), keyed by the register anchor; ``reader.js`` shows
them, and the text of footnotes, in a popup on hover, focus or tap.  Nothing is
fetched: the page holds all it shows.
"""

from __future__ import annotations

from typing import Any, cast

from sphinx.application import Sphinx

from reader.extension.annotation_domain import KINDS, AnnotationDomain
from reader.extension.cite_panel import json_script


def page_annotations(app: Sphinx, pagename: str) -> dict[str, dict[str, str]]:
    """The annotations mentioned on *pagename*, keyed by their register anchor."""
    domain = cast(AnnotationDomain, app.env.get_domain("ann"))
    wanted = {(m.kind, m.id) for m in domain.mentions if m.docname == pagename}
    found = {}
    for key in sorted(wanted):
        ann = domain.annotations.get(key)
        if ann is not None:
            found[ann.anchor] = {
                "kind": KINDS[ann.kind][0],
                "name": ann.name,
                "when": ann.when,
                "summary": ann.summary,
            }
    return found


def add_popup_data(
    app: Sphinx, pagename: str, templatename: str, context: dict[str, Any], doctree: Any
) -> None:
    if doctree is None or app.builder.format != "html" or app.builder.name != "html":
        return
    data = page_annotations(app, pagename)
    if data:
        context["metatags"] = (
            context.get("metatags", "") + "\n" + json_script("reader-annotations", data)
        )
