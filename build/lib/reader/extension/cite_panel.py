"""What the HTML offers essay writers: a Cite panel, citation meta tags and COinS.

Each page embeds, as escaped JSON, the citations of what it shows: the text
itself (as a chapter of the edition), each quotation (its source, with the
locator as LaTeX and pandoc commands) and each entry of its lists of works;
``reader.js`` adds a Cite button to each, opening a panel with the CMOS note,
BibTeX and CSL-JSON and a copy button for each.  The ``citation_*`` meta tags
and COinS spans let reference managers (Zotero and others) pick the references
up from the page.  Everything comes from refs.bib and conf.py, through the same
export code as ``reader export``.
"""

from __future__ import annotations

import json
from html import escape
from pathlib import Path
from typing import Any, cast
from urllib.parse import urlencode

from docutils import nodes
from sphinx.application import Sphinx

from reader.exports.bibtex import bibtex_entries_string
from reader.exports.cite import cmos_note
from reader.exports.csl import csl_json
from reader.exports.edition import chapter_entry
from reader.exports.scopes import ScopeError, Sources, load_sources
from reader.extension.domain import ReaderDomain
from reader.sources.citations import CitationTarget

_SOURCES: dict[int, Sources] = {}
_ITEMS: dict[str, dict[str, str]] = {}


def sources_of(app: Sphinx) -> Sources:
    """The edition's sources, read once per build (and the entries' citations with them)."""
    key = id(app)
    if key not in _SOURCES:
        _SOURCES.clear()
        _ITEMS.clear()
        _SOURCES[key] = load_sources(Path(app.confdir))
    return _SOURCES[key]


def _entry_item(sources: Sources, key: str) -> dict[str, str]:
    """The citations of one entry, made once per build: many pages list the same works."""
    if key not in _ITEMS:
        _ITEMS[key] = _make_entry_item(sources, key)
    return _ITEMS[key]


def _make_entry_item(sources: Sources, key: str) -> dict[str, str]:
    entry = sources.entries[key.lower()]
    entries = sources.with_parents([entry])
    return {
        "label": "this work",
        "note": cmos_note([CitationTarget(entry.key)], entries),
        "bibtex": bibtex_entries_string(entries).strip(),
        "csl": csl_json(entries).strip(),
    }


def page_citations(app: Sphinx, pagename: str, doctree: nodes.document) -> dict[str, Any]:
    """Citations of what *pagename* shows, keyed by the id of the element they belong to."""
    sources = sources_of(app)
    items: dict[str, Any] = {}
    text = sources.book.texts.get(pagename)
    if text is not None and text.chapter is not None:
        entry = chapter_entry(sources.info, text)
        items["reader-text"] = {
            "label": "this text",
            "note": cmos_note([CitationTarget(entry.key)], [entry]),
            "bibtex": bibtex_entries_string([entry]).strip(),
            "csl": csl_json([entry]).strip(),
        }
    domain = cast(ReaderDomain, app.env.get_domain("reader"))
    for quote in domain.quotations.values():
        if quote.docname != pagename:
            continue
        try:
            selection = sources.quotation(quote.id)
        except ScopeError:
            continue  # the build has already reported it
        commands = selection.commands
        assert commands is not None
        items[nodes.make_id(quote.id)] = {
            "label": "this passage",
            "note": commands.note,
            # a comment line says how to cite the passage; BibTeX ignores it
            "bibtex": f"% {commands.latex}\n" + bibtex_entries_string(selection.entries).strip(),
            "csl": csl_json(selection.entries).strip(),
            "latex": commands.latex,
            "pandoc": commands.pandoc,
        }
    for paragraph in doctree.findall(nodes.paragraph):
        key = paragraph.get("reader-key")
        if key and key.lower() in sources.entries and paragraph["ids"]:
            items[paragraph["ids"][0]] = _entry_item(sources, key)
    return items


def json_script(element_id: str, data: Any) -> str:
    """A JSON <script> element that no text from the sources can break out of."""
    text = json.dumps(data, ensure_ascii=False, sort_keys=True)
    # inside <script>, only "</" could end the element; escaping the HTML-significant
    # characters keeps every text from the sources data
    text = text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")
    return f'<script type="application/json" id="{element_id}">{text}</script>'


def meta_tags(app: Sphinx, pagename: str) -> str:
    """``citation_*`` meta tags (Highwire Press) for the edition or one of its texts."""
    info = sources_of(app).info
    text = sources_of(app).book.texts.get(pagename)
    tags: list[tuple[str, str]] = []
    if text is not None and text.chapter is not None:
        tags += [("citation_title", text.title), ("citation_inbook_title", info.title)]
    elif pagename == info.root_doc:
        tags += [("citation_title", f"{info.title}: {info.subtitle}".rstrip(": "))]
    else:
        return ""
    tags += [("citation_editor", name) for name in info.editors]
    tags += [
        ("citation_publication_date", info.date),
        ("citation_publisher", info.publisher),
        ("citation_language", info.language),
    ]
    if info.page_url(pagename):
        tags.append(("citation_public_url", info.page_url(pagename)))
    return "\n".join(
        f'<meta name="{name}" content="{escape(value, quote=True)}" />'
        for name, value in tags
        if value
    )


def add_cite_data(
    app: Sphinx, pagename: str, templatename: str, context: dict[str, Any], doctree: Any
) -> None:
    if doctree is None or app.builder.name != "html":
        return
    extra = meta_tags(app, pagename)
    items = page_citations(app, pagename, doctree)
    if items:
        extra += "\n" + json_script("reader-citations", items)
    if extra:
        context["metatags"] = context.get("metatags", "") + "\n" + extra


class coins(nodes.Inline, nodes.Element):
    """A COinS span (OpenURL ContextObject) for one bibliography entry."""


def coins_kev(fields: dict[str, str], entry_type: str, authors: list[str]) -> str:
    """The OpenURL key/encoded-value string of an entry."""
    is_article = entry_type == "article"
    pairs = [
        ("ctx_ver", "Z39.88-2004"),
        ("rft_val_fmt", f"info:ofi/fmt:kev:mtx:{'journal' if is_article else 'book'}"),
    ]
    if is_article:
        pairs += [
            ("rft.genre", "article"),
            ("rft.atitle", fields.get("title", "")),
            ("rft.jtitle", fields.get("journal", "")),
        ]
    elif entry_type in ("incollection", "inbook"):
        pairs += [
            ("rft.genre", "bookitem"),
            ("rft.atitle", fields.get("title", "")),
            ("rft.btitle", fields.get("booktitle", "")),
        ]
    else:
        pairs += [
            ("rft.genre", "book" if entry_type == "book" else "document"),
            ("rft.btitle", fields.get("title", "")),
        ]
    pairs += [("rft.au", name) for name in authors]
    for field, key in (
        ("year", "rft.date"),
        ("publisher", "rft.pub"),
        ("address", "rft.place"),
        ("volume", "rft.volume"),
        ("pages", "rft.pages"),
    ):
        if fields.get(field):
            pairs.append((key, fields[field]))
    if fields.get("url"):
        pairs.append(("rft_id", fields["url"]))
    return urlencode([(k, v) for k, v in pairs if v])


def visit_coins_html(translator: Any, node: coins) -> None:
    translator.body.append(f'<span class="Z3988" title="{escape(node["kev"], quote=True)}"></span>')
    raise nodes.SkipNode


def skip_node(translator: Any, node: nodes.Node) -> None:
    raise nodes.SkipNode
