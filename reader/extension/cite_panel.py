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
from typing import TYPE_CHECKING, Any, cast

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


def page_citations(app: Sphinx, pagename: str, doctree: nodes.document) -> dict[str, Any]:
    """Citations of what *pagename* shows, keyed by the id of the element they belong to."""
    sources = sources_of(app)
    items: dict[str, Any] = {}
    text = sources.book.texts.get(pagename)
    if text is not None and text.chapter is not None:
        items.update(_chapter_items(sources, text))
    elif pagename == sources.info.root_doc:
        entry = book_entry(sources.info)
        selection = sources.selection([entry], "this book")
        items["reader-book"] = _citations(
            sources, "this book", selection, [CitationTarget(entry.key)]
        )
    domain = cast(ReaderDomain, app.env.get_domain("reader"))
    for quote in domain.quotations.values():
        if quote.docname != pagename:
            continue
        selection = sources.quotation(quote.id)
        commands = selection.commands
        assert commands is not None
        item = _citations(sources, "this passage", selection, list(quote.targets))
        # a comment line says how to cite the passage; BibTeX ignores it
        item["bibtex"] = f"% {commands.latex}\n" + item["bibtex"]
        item["latex"], item["pandoc"] = commands.latex, commands.pandoc
        items[nodes.make_id(quote.id)] = item
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
