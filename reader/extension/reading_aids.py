"""Reading aids of the website: a print stylesheet, a favicon, printed addresses.

A printed page of the site is the text, its numbers and its notes, without the
site's controls (``static/reader-print.css``); a link whose words are not its
address prints the address after them.  The site has an icon of its own unless
conf.py names one (``html_favicon``), so browsers find one instead of a 404.
"""

from __future__ import annotations

from docutils import nodes
from sphinx.application import Sphinx

from reader.extension.editions import SITE_BUILDERS, STATIC

FAVICON = STATIC / "favicon.svg"

#: The class of an external link whose text is not its address (the print
#: stylesheet prints the address after it).
NAMED_LINK = "reader-named-link"


def add_reading_aids(app: Sphinx) -> None:
    """The print stylesheet and the default favicon, for the website only."""
    if app.builder.name not in SITE_BUILDERS:
        return
    app.add_css_file("reader-print.css", media="print")
    if not app.config.html_favicon:
        # set after the builder's configuration hash, as the static path is: the
        # same at every build, so it never makes a build rewrite every page
        app.config.html_favicon = str(FAVICON)


def mark_named_links(app: Sphinx, doctree: nodes.document, docname: str) -> None:
    """Mark the external links whose words are not their address."""
    if app.builder.name not in SITE_BUILDERS:
        return
    for reference in doctree.findall(nodes.reference):
        uri = reference.get("refuri", "")
        if uri.startswith(("http://", "https://")) and reference.astext().strip() != uri:
            reference["classes"].append(NAMED_LINK)
