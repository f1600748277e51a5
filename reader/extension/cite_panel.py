"""What the HTML offers essay writers: a Cite panel, citation meta tags and COinS.

Each page embeds, as escaped JSON, the citations of what it shows: the text
itself (as a chapter of the edition), each quotation (its source, with the
locator as LaTeX and pandoc commands) and each entry of its lists of works.
Each has a Cite button, written into the page when it is built (so that nothing
moves when the script runs); ``reader.js`` makes it open a panel with the CMOS
note, BibTeX and CSL-JSON and a copy button for each.  The ``citation_*`` meta tags
and COinS spans let reference managers (Zotero and others) pick the references
up from the page.  Everything comes from refs.bib and conf.py, through the same
export code as ``reader export``.
"""

from __future__ import annotations

import json
from html import escape
from typing import TYPE_CHECKING, Any, NamedTuple, cast

from docutils import nodes
from sphinx.application import Sphinx

from reader.exports.edition import EditionInfo, book_entry, chapter_entry
from reader.extension.bibcheck import bib_index
from reader.extension.book import book_of
from reader.extension.domain import ReaderDomain
from reader.extension.notes import bib_entries, note_style
from reader.sources.citations import CitationTarget

if TYPE_CHECKING:
    from reader.exports.scopes import Sources

# The export modules are imported where they are used: a build that writes no page
# (a no-op rebuild, ``reader check``) never needs them, and they cost it a tenth of
# a second.

_SOURCES: dict[int, Sources] = {}
_ITEMS: dict[str, dict[str, str]] = {}


def sources_of(app: Sphinx) -> Sources:
    """The edition's sources as this build knows them, gathered once per build."""
    from reader.exports.scopes import Sources

    key = id(app)
    if key not in _SOURCES:
        _SOURCES.clear()
        _ITEMS.clear()
        entries = {k.lower(): e for k, e in bib_entries(app.env).items()}
        _SOURCES[key] = Sources(
            EditionInfo.from_config(app.config, app.confdir),
            bib_index(app).library,
            book_of(app.env),
            entries,
            style=note_style(app.env),
        )
    return _SOURCES[key]


#: Stands for the paragraph's number in the paragraph item; reader.js puts the number in.
PARA = "{{para}}"


def _citations(
    sources: Sources, label: str, selection: Any, targets: list[CitationTarget]
) -> dict[str, str]:
    """A Cite panel item: the note (as text and with its italics), BibTeX and CSL-JSON."""
    from reader.exports.bibtex import bibtex_entries_string, for_readers
    from reader.exports.cite import cmos_note
    from reader.exports.csl import csl_json

    records = selection.records
    return {
        "label": label,
        "note": cmos_note(targets, records, sources.style),
        "note_html": cmos_note(targets, records, sources.style, html=True),
        "bibtex": bibtex_entries_string(for_readers(selection.entries)).strip(),
        "csl": csl_json(records).strip(),
    }


def _entry_item(sources: Sources, key: str) -> dict[str, str]:
    """The citations of one entry, made once per build: many pages list the same works."""
    if key not in _ITEMS:
        selection = sources.key(key)
        target = CitationTarget(selection.entries[0].key)
        _ITEMS[key] = _citations(sources, "this work", selection, [target])
    return _ITEMS[key]


def _chapter_items(sources: Sources, text: Any) -> dict[str, dict[str, str]]:
    """The chapter as a whole, and any of its paragraphs (the number left to fill in)."""
    from reader.exports.cite import latex_citation, pandoc_citation

    entry = chapter_entry(sources.info, text)
    selection = sources.selection([entry], "this chapter")
    items = {
        "reader-text": _citations(sources, "this chapter", selection, [CitationTarget(entry.key)])
    }
    page = sources.info.page_url(text.docname)
    # the same work, cited at a paragraph: the number is the locator
    target = CitationTarget(entry.key, locator=f"para. {PARA}")
    item = _citations(sources, "this paragraph", selection, [target])
    item["bibtex"] = f"% {latex_citation([target])}\n" + item["bibtex"]
    item["latex"], item["pandoc"] = latex_citation([target]), pandoc_citation([target])
    if page:
        item["link"] = f"{page}#p-{PARA}"
    items["reader-paragraph"] = item
    return items


class Place(NamedTuple):
    """Something on a page that has a Cite button."""

    key: str  #: the id its citations are filed under in the page's JSON
    label: str  #: what the panel cites: "this chapter", "this passage", ...
    node: nodes.Element | None  #: the title the button follows, or what it ends
    source: Any = None  #: the quotation, or the entry's key in refs.bib


def cite_places(app: Sphinx, pagename: str, doctree: nodes.document) -> list[Place]:
    """The chapter (or, on the home page, the book), each quotation and each entry
    of a list of works that *pagename* shows."""
    sources = sources_of(app)
    places: list[Place] = []
    section = doctree.next_node(nodes.section)
    title = section[0] if section and isinstance(section[0], nodes.title) else None
    text = sources.book.texts.get(pagename)
    if text is not None and text.chapter is not None:
        places.append(Place("reader-text", "this chapter", title, text))
    elif pagename == sources.info.root_doc:
        places.append(Place("reader-book", "this book", title))
    domain = cast(ReaderDomain, app.env.get_domain("reader"))
    quotes = {nodes.make_id(q.id): q for q in domain.quotations.values() if q.docname == pagename}
    for quote in doctree.findall(nodes.block_quote):
        for node_id in quote["ids"]:
            if node_id in quotes:
                places.append(Place(node_id, "this passage", quote, quotes.pop(node_id)))
    # a quotation the page does not show as a block still has its citations
    places += [Place(key, "this passage", None, quote) for key, quote in quotes.items()]
    for paragraph in doctree.findall(nodes.paragraph):
        key = paragraph.get("reader-key")
        if key and key.lower() in sources.entries and paragraph["ids"]:
            places.append(Place(paragraph["ids"][0], "this work", paragraph, key))
    return places


def page_citations(app: Sphinx, pagename: str, doctree: nodes.document) -> dict[str, Any]:
    """Citations of what *pagename* shows, keyed by the id of the element they belong to."""
    sources = sources_of(app)
    items: dict[str, Any] = {}
    for place in cite_places(app, pagename, doctree):
        if place.key == "reader-text":
            items.update(_chapter_items(sources, place.source))
        elif place.key == "reader-book":
            entry = book_entry(sources.info)
            selection = sources.selection([entry], "this book")
            items["reader-book"] = _citations(
                sources, "this book", selection, [CitationTarget(entry.key)]
            )
        elif place.label == "this passage":
            quote = place.source
            selection = sources.quotation(quote.id)
            commands = selection.commands
            assert commands is not None
            item = _citations(sources, "this passage", selection, list(quote.targets))
            # a comment line says how to cite the passage; BibTeX ignores it
            item["bibtex"] = f"% {commands.latex}\n" + item["bibtex"]
            item["latex"], item["pandoc"] = commands.latex, commands.pandoc
            items[place.key] = item
        else:
            items[place.key] = _entry_item(sources, place.source)
    return items


class cite_button(nodes.Element):
    """The Cite button of a place (``key``, ``label``); no text, so search skips it."""


def add_cite_buttons(app: Sphinx, doctree: nodes.document, docname: str) -> None:
    """Write each place's Cite button into the page: after the title, or at the end
    of the quotation or entry (where the script used to add it after the page showed,
    moving the text below)."""
    if app.builder.name != "html":
        return
    for place in cite_places(app, docname, doctree):
        if place.node is None:
            continue
        node, button = place.node, cite_button(key=place.key, label=place.label)
        if isinstance(node, nodes.title):
            node.parent.insert(node.parent.index(node) + 1, button)
        else:
            node.append(button)


def visit_cite_button_html(translator: Any, node: cite_button) -> None:
    translator.body.append(
        f'<button type="button" class="reader-cite-button" aria-haspopup="dialog"'
        f' data-cite="{escape(node["key"], quote=True)}"'
        f' title="Cite {escape(node["label"], quote=True)}">Cite</button>'
    )
    raise nodes.SkipNode


def json_script(element_id: str, data: Any) -> str:
    """A JSON <script> element that no text from the sources can break out of."""
    text = json.dumps(data, ensure_ascii=False, sort_keys=True)
    # inside <script>, only "</" could end the element; escaping the HTML-significant
    # characters keeps every text from the sources data
    text = text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")
    return f'<script type="application/json" id="{element_id}">{text}</script>'


def meta_tags(app: Sphinx, pagename: str) -> str:
    """``citation_*`` meta tags (Highwire Press) for the edition or one of its texts:
    what Zotero and Google Scholar read when a page is one work."""
    info = sources_of(app).info
    text = sources_of(app).book.texts.get(pagename)
    tags: list[tuple[str, str]] = []
    if text is not None and text.chapter is not None:
        tags += [("citation_title", text.title), ("citation_inbook_title", info.book_title)]
    elif pagename == info.root_doc:
        tags += [("citation_title", info.book_title)]
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
    if info.baseurl:
        pdf = f"{info.baseurl.rstrip('/')}/editions/{info.basename}.pdf"
        tags.append(("citation_pdf_url", pdf))
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


def visit_coins_html(translator: Any, node: coins) -> None:
    translator.body.append(f'<span class="Z3988" title="{escape(node["kev"], quote=True)}"></span>')
    raise nodes.SkipNode


def skip_node(translator: Any, node: nodes.Node) -> None:
    raise nodes.SkipNode
