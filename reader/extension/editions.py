"""Links from every HTML page to the other editions: PDF, EPUB and the BibTeX file.

``reader build`` copies the finished editions into ``editions/`` of the HTML
output, so the links work wherever the site is served from.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from sphinx.application import Sphinx
from sphinx.config import Config

TEMPLATES = Path(__file__).parent / "templates"
STATIC = Path(__file__).parent / "static"
EDITIONS_DIR = "editions"


def edition_files(config: Config) -> list[tuple[str, str]]:
    """(label, file name) of each downloadable edition, from ``reader_edition_basename``."""
    base = config.reader_edition_basename
    return [("PDF", f"{base}.pdf"), ("EPUB", f"{base}.epub"), ("BibTeX", "refs.bib")]


SITE_BUILDERS = ("html", "dirhtml", "singlehtml")


def add_paths(app: Sphinx, config: Config) -> None:
    """Make the extension's templates visible to the HTML builders."""
    # a new list: appending would change Sphinx's shared default, and with it the
    # configuration's hash, so that a second build in one process rewrote every page
    if str(TEMPLATES) not in config.templates_path:
        config.templates_path = [*config.templates_path, str(TEMPLATES)]


def add_site_assets(app: Sphinx) -> None:
    """The site's stylesheet and script (popups, the Cite panel): for the website
    only; the e-book has a stylesheet of its own and runs no scripts."""
    if app.builder.name not in SITE_BUILDERS:
        return
    if str(STATIC) not in app.config.html_static_path:
        app.config.html_static_path = [*app.config.html_static_path, str(STATIC)]
    app.add_css_file("reader.css")
    app.add_js_file("reader.js", loading_method="defer")


def add_edition_context(
    app: Sphinx, pagename: str, templatename: str, context: dict[str, Any], doctree: Any
) -> None:
    context["reader_editions"] = [
        (label, f"{EDITIONS_DIR}/{name}") for label, name in edition_files(app.config)
    ]
    context["reader_licence"] = app.config.reader_licence
