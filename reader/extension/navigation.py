"""The site's navigation: every text, in the book's order, on every page, made cheaply.

Furo builds each page's navigation by asking Sphinx for the whole table of
contents as HTML (Sphinx loads and resolves the root document's tree for every
page) and parsing it again with BeautifulSoup to add its expand buttons: at 200
texts that is about two fifths of a clean build, and it grows with the square of
the library.  The reader writes the same markup itself from what the environment
already holds (the root document's toctrees, the titles and the chapter numbers),
in one pass over the list per page, and tells furo's own computation to skip the
tree (``toctree()`` with furo's arguments answers with nothing).  The template
``sidebar/navigation.html`` prints the reader's tree in furo's place; the classes,
the checkboxes that fold a nested list and the current-page marks are furo's, so
its stylesheet and script work unchanged.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from html import escape
from typing import Any

from docutils import nodes
from sphinx import addnodes
from sphinx.application import Sphinx

#: How furo asks for the whole tree (furo/__init__.py, _compute_navigation_tree).
FURO_TREE = {"collapse": False, "titles_only": True, "maxdepth": -1, "includehidden": True}
SITE_BUILDERS = ("html",)


def _toctrees(env: Any, docname: str) -> Iterator[addnodes.toctree]:
    """The toctrees of a text, in order (the environment keeps them with its toc)."""
    toc = env.tocs.get(docname)
    if toc is not None:
        yield from toc.findall(addnodes.toctree)


def _entries(env: Any, toctree: addnodes.toctree) -> list[tuple[str | None, str]]:
    return [(title, ref) for title, ref in toctree["entries"] if ref != "self"]


class Navigation:
    """The navigation of one page: the root's toctrees, nested as the texts nest."""

    def __init__(self, app: Sphinx, pagename: str) -> None:
        self.env = app.env
        self.builder = app.builder
        self.pagename = pagename
        self.suffix = app.config.html_secnumber_suffix
        self.checkboxes = 0
        self._seen: set[str] = set()

    def html(self) -> str:
        root = self.env.config.root_doc
        self._seen = {root}
        parts = []
        for toctree in _toctrees(self.env, root):
            entries = _entries(self.env, toctree)
            if not entries:
                continue
            caption = toctree.get("caption")
            if caption:
                # the level that role="heading" requires, as the site's translator gives
                # it (reader.extension.accessibility)
                parts.append(
                    '<p aria-level="2" class="caption" role="heading"><span class="caption-text">'
                    f"{escape(caption)}</span></p>"
                )
            parts.append(self._list(entries, 1))
        return "\n".join(parts)

    def _contains_page(self, docname: str, path: frozenset[str] = frozenset()) -> bool:
        """Whether *docname* is the page, or a text below it (a cycle ends the search)."""
        if docname == self.pagename:
            return True
        if docname in path:
            return False
        return any(
            ref in self.env.all_docs and self._contains_page(ref, path | {docname})
            for toctree in _toctrees(self.env, docname)
            for _title, ref in _entries(self.env, toctree)
        )

    def _list(self, entries: list[tuple[str | None, str]], level: int) -> str:
        current = any(ref in self.env.all_docs and self._contains_page(ref) for _t, ref in entries)
        items = [self._item(title, ref, level) for title, ref in entries]
        opening = '<ul class="current">' if current else "<ul>"
        return "\n".join([opening, *[item for item in items if item], "</ul>"])

    def _item(self, title: str | None, ref: str, level: int) -> str:
        if ref not in self.env.all_docs:  # an address in the toctree
            text = escape(title or ref)
            href = escape(ref, quote=True)
            return (
                f'<li class="toctree-l{level}"><a class="reference external" '
                f'href="{href}">{text}</a></li>'
            )
        if ref in self._seen:  # a text listed twice, or a cycle: once is enough
            return ""
        self._seen.add(ref)
        text = escape(title or self._title(ref))
        classes = [f"toctree-l{level}"]
        link_classes = ["reference", "internal"]
        if self._contains_page(ref):
            classes.append("current")
        if ref == self.pagename:
            link_classes.insert(0, "current")
            href = "#"
        else:
            href = escape(self.builder.get_relative_uri(self.pagename, ref), quote=True)
        children = [
            entry for toctree in _toctrees(self.env, ref) for entry in _entries(self.env, toctree)
        ]
        link = f'<a class="{" ".join(link_classes)}" href="{href}">{text}</a>'
        # furo's order of classes: Sphinx's, "has-children", then "current-page"
        page = ["current-page"] if ref == self.pagename else []
        if not children:
            return f'<li class="{" ".join(classes + page)}">{link}</li>'
        classes.append("has-children")
        self.checkboxes += 1
        box = f"toctree-checkbox-{self.checkboxes}"
        checked = ' checked=""' if "current" in classes else ""
        toggle = (  # attributes in alphabetical order, as furo's BeautifulSoup writes them
            f'<input aria-label="Toggle navigation of {text}"{checked} class="toctree-checkbox" '
            f'id="{box}" name="{box}" role="switch" type="checkbox"/>'
            f'<label for="{box}"><span class="icon"><svg><use href="#svg-arrow-right">'
            "</use></svg></span></label>"
        )
        nested = self._list(children, level + 1)
        return f'<li class="{" ".join(classes + page)}">{link}{toggle}{nested}\n</li>'

    def _title(self, docname: str) -> str:
        title = self.env.titles.get(docname)
        text = title.astext() if isinstance(title, nodes.Node) else docname
        number = self.env.toc_secnumbers.get(docname, {}).get("")
        if number:
            return ".".join(map(str, number)) + self.suffix + text
        return text


def add_navigation(
    app: Sphinx, pagename: str, templatename: str, context: dict[str, Any], doctree: Any
) -> None:
    """``html-page-context`` (before furo's): the page's navigation, and furo spared
    from building its own."""
    if app.builder.name not in SITE_BUILDERS or "toctree" not in context:
        return
    context["reader_navigation"] = Navigation(app, pagename).html()
    original: Callable[..., str] = context["toctree"]

    def toctree(**kwargs: Any) -> str:
        if kwargs == FURO_TREE:
            return ""  # the reader's tree stands in its place (sidebar/navigation.html)
        return original(**kwargs)

    context["toctree"] = toctree
