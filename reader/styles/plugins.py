"""pybtex plugins looked up once per process.

Each pybtex plugin look-up scans every installed package's entry points; done
per citation (``render_as``, a new style per note) it dominates a build.  Every
caller in the package goes through these cached look-ups instead.
"""

from __future__ import annotations

from functools import cache
from html import escape
from typing import Any

from pybtex.backends.html import Backend as HtmlBackend
from pybtex.plugin import find_plugin
from pybtex.richtext import BaseText


class SafeHtmlBackend(HtmlBackend):
    """pybtex's HTML backend with the link's address escaped too (pybtex's puts a
    URL from refs.bib into ``href`` as it is: a quote in it would end the attribute)."""

    @staticmethod
    def format_href(url: str, text: str, external: bool = False) -> str:
        target = ' target="_blank"' if external else ""
        return f'<a href="{escape(url, quote=True)}"{target}>{text}</a>' if text else ""


@cache
def backend(name: str) -> Any:
    """A pybtex output backend ("text", "docutils", "latex", "html"); HTML with
    every text from refs.bib escaped, addresses included."""
    if name == "html":
        return SafeHtmlBackend()
    return find_plugin("pybtex.backends", name)()


@cache
def style(name: str = "cmos") -> Any:
    """A pybtex formatting style, instantiated once."""
    return find_plugin("pybtex.style.formatting", name)()


def plain(text: BaseText) -> str:
    """Rich text as plain text (``render_as("text")`` without the look-up)."""
    return text.render(backend("text"))
