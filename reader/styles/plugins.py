"""pybtex plugins looked up once per process.

Each pybtex plugin look-up scans every installed package's entry points; done
per citation (``render_as``, a new style per note) it dominates a build.  Every
caller in the package goes through these cached look-ups instead.
"""

from __future__ import annotations

from functools import cache
from html import escape
from typing import Any

from docutils import nodes
from pybtex.backends.html import Backend as HtmlBackend
from pybtex.plugin import find_plugin
from pybtex.richtext import BaseText
from pybtex_docutils import Backend as DocutilsBackend

from reader.sources.languages import LANG_TAG, LANGUAGE_CLASS


class SafeHtmlBackend(HtmlBackend):
    """pybtex's HTML backend with the link's address escaped too (pybtex's puts a
    URL from refs.bib into ``href`` as it is: a quote in it would end the attribute),
    and a title's language marked (``<span lang="de">``)."""

    @staticmethod
    def format_href(url: str, text: str, external: bool = False) -> str:
        target = ' target="_blank"' if external else ""
        return f'<a href="{escape(url, quote=True)}"{target}>{text}</a>' if text else ""

    def format_tag(self, tag_name: str, text: str) -> str:
        if tag_name.startswith(LANG_TAG) and text:
            tag = escape(tag_name.removeprefix(LANG_TAG), quote=True)
            return f'<span lang="{tag}">{text}</span>'
        return super().format_tag(tag_name, text)


class LanguageDocutilsBackend(DocutilsBackend):
    """pybtex-docutils' backend, with a title's language as the class docutils writes
    ``lang`` from (``language-de``)."""

    def format_tag(self, tag_name: str, text: list[Any]) -> list[Any]:
        if tag_name.startswith(LANG_TAG):
            tag = tag_name.removeprefix(LANG_TAG)
            return [nodes.inline("", "", *text, classes=[LANGUAGE_CLASS + tag])]
        return super().format_tag(tag_name, text)


@cache
def backend(name: str) -> Any:
    """A pybtex output backend ("text", "docutils", "latex", "html"); HTML with
    every text from refs.bib escaped, addresses included; HTML and docutils mark a
    title's language."""
    if name == "html":
        return SafeHtmlBackend()
    if name == "docutils":
        return LanguageDocutilsBackend()
    return find_plugin("pybtex.backends", name)()


@cache
def style(name: str = "cmos") -> Any:
    """A pybtex formatting style, instantiated once."""
    return find_plugin("pybtex.style.formatting", name)()


def plain(text: BaseText) -> str:
    """Rich text as plain text (``render_as("text")`` without the look-up)."""
    return text.render(backend("text"))


#: Formatted notes and entries, by (style, entry, form, locator): the same work is
#: formatted for every text that cites it and every list of works that lists it.
#: Entries are not hashable; the cache keeps each one with its text and checks that
#: the entry is the same object (refs.bib read again makes new ones).
_FORMATTED: dict[tuple[int, int, str, str | None], tuple[Any, BaseText]] = {}
_LIMIT = 50_000


def formatted(style: Any, entry: Any, form: str, locator: str | None = "") -> BaseText:
    """``style.full_note`` / ``short_note`` (with *locator*) or ``bibliography_entry``
    of *entry*, made once."""
    key = (id(style), id(entry), form, locator)
    found = _FORMATTED.get(key)
    if found is not None and found[0] is entry:
        return found[1]
    if form == "bibliography":
        text = style.format_entry("", entry).text
    else:
        text = getattr(style, form)(entry, locator)
    if len(_FORMATTED) >= _LIMIT:
        _FORMATTED.clear()
    _FORMATTED[key] = (entry, text)
    return text
