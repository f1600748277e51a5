"""The reader's Sphinx extension: footnoted citations with locators and sourced quotations.

Add ``"reader.extension"`` to ``extensions`` in conf.py; it loads
sphinxcontrib-bibtex, whose ``bibtex_bibfiles`` names refs.bib.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from sphinx.util import logging

from reader import __version__
from reader.builders import epub as epub_builder
from reader.builders import latex_book
from reader.builders.check import CheckBuilder
from reader.builders.epub import ReaderEpubBuilder
from reader.builders.epub_html import EpubTranslator
from reader.builders.latex_translator import ReaderLaTeXTranslator, copy_package
from reader.builders.search_index import restore_index_entries
from reader.builders.stale import prune_site
from reader.extension import config, policy, report
from reader.extension.annotation_directives import (
    annotation_mentions,
    make_directive,
    note_summaries,
)
from reader.extension.annotation_domain import AnnotationDomain
from reader.extension.annotation_roles import DateRole, MentionRole
from reader.extension.annotation_transforms import (
    DrawTimeline,
    FillRegisters,
    TimelineDirective,
    mention_pages,
    timeline,
    visit_mention_pages_latex,
)
from reader.extension.bibcheck import check_bibfiles
from reader.extension.bibliography import (
    AppendWorksCited,
    FillWorksCited,
    WorksCitedDirective,
    works_cited,
)
from reader.extension.cite_panel import (
    add_cite_buttons,
    add_cite_data,
    cite_button,
    coins,
    skip_node,
    visit_cite_button_html,
    visit_coins_html,
)
from reader.extension.citing import FillHowToCite, HowToCiteDirective, how_to_cite
from reader.extension.consistency import check_book, note_references, silence_resolved
from reader.extension.dependencies import before_reading, pages_to_write
from reader.extension.directives import QuoteDirective
from reader.extension.domain import ReaderDomain
from reader.extension.editions import add_edition_context, add_paths, add_site_assets
from reader.extension.language import LangRole
from reader.extension.lines import keep_source
from reader.extension.navigation import add_navigation
from reader.extension.paragraphs import VISITORS as PARAGRAPH_VISITORS
from reader.extension.paragraphs import NumberParagraphs, paragraph_number
from reader.extension.popups import add_popup_data
from reader.extension.reading_aids import add_reading_aids, mark_named_links
from reader.extension.roles import CiteRole, FootciteRole
from reader.extension.search import add_search_script
from reader.extension.texts import check_encodings, find_todos, read_text, stop_if_unreadable
from reader.extension.transforms import OrderNotes
from reader.extension.typography import ProtectAddresses
from reader.sources.kinds import KINDS

logger = logging.getLogger(__name__)

if TYPE_CHECKING:
    from sphinx.application import Sphinx
    from sphinx.util.typing import ExtensionMetadata


#: Sphinx warnings the extension reports itself, under its own codes: a text in no
#: toctree (Sphinx says so only on builds that read something) and a text without a
#: title (``text_no_title``, found when the text is read, not when it is linked).
OWN_REPORTS = ("toc.not_included", "toc.no_title")


#: What the extension puts in place of other extensions' parts (said at every build).
OVERRIDES = (
    "the :cite: and :footcite: roles of sphinxcontrib-bibtex (here :cite: makes a "
    "footnoted citation and :footcite: is reported)",
    "the epub builder (reader.builders.epub)",
    "the EPUB and LaTeX translators (reader.builders.epub_html, reader.builders.latex_translator)",
    "the site's HTML translator (reader.extension.accessibility)",
)


def _declare_overrides(app: Sphinx) -> None:
    logger.info("reader: this extension replaces %s", "; ".join(OVERRIDES))


def _own_reports(app: Sphinx, config: Any) -> None:
    missing = [name for name in OWN_REPORTS if name not in config.suppress_warnings]
    config.suppress_warnings = [*config.suppress_warnings, *missing]


def setup(app: Sphinx) -> ExtensionMetadata:
    app.setup_extension("sphinxcontrib.bibtex")
    app.setup_extension("reader.extension.accessibility")

    config.register(app)
    app.connect("config-inited", config.derive)

    # Every problem is collected, coded and kept with its text (reader.extension.report)
    app.connect("config-inited", report.attach)
    app.connect("config-inited", _own_reports)
    app.connect("env-before-read-docs", report.note_reading)
    app.connect("env-before-read-docs", check_encodings)
    app.connect("source-read", keep_source)
    app.connect("source-read", find_todos)
    app.connect("doctree-read", read_text)
    app.connect("doctree-read", note_references)
    app.connect("env-updated", report.replay)
    app.connect("env-updated", check_book)
    app.connect("env-updated", stop_if_unreadable)
    app.connect("warn-missing-reference", silence_resolved)
    app.connect("build-finished", report.detach)
    app.connect("build-finished", prune_site)
    app.connect("html-collect-pages", restore_index_entries)

    app.connect("builder-inited", _declare_overrides)
    app.connect("builder-inited", policy.apply)
    app.add_builder(CheckBuilder)
    app.add_builder(ReaderEpubBuilder, override=True)
    app.add_html_theme("reader-epub", str(epub_builder.THEME / "reader-epub"))
    app.connect("config-inited", epub_builder.configure)
    app.connect("html-collect-pages", epub_builder.imprint_page)
    app.set_translator("epub", EpubTranslator)
    app.set_translator("latex", ReaderLaTeXTranslator)
    app.add_latex_package("readerbook")
    app.connect("config-inited", latex_book.configure)
    app.connect("builder-inited", copy_package)
    app.add_domain(ReaderDomain)
    app.add_role("cite", CiteRole(), override=True)
    app.add_role("footcite", FootciteRole(), override=True)
    app.add_directive("quote", QuoteDirective)
    app.add_directive("works-cited", WorksCitedDirective)
    app.add_node(works_cited)
    app.add_domain(AnnotationDomain)
    for kind in KINDS:
        app.add_directive(kind, make_directive(kind))
        app.add_role(kind, MentionRole(kind))
    app.add_role("date", DateRole())
    app.add_role("lang", LangRole())
    app.add_directive("timeline", TimelineDirective)
    app.add_node(annotation_mentions)
    app.add_node(timeline)
    app.add_node(
        mention_pages,
        latex=(visit_mention_pages_latex, None),
        **{fmt: (skip_node, None) for fmt in ("html", "epub", "text", "man", "texinfo")},
    )
    app.add_post_transform(FillRegisters)
    app.add_post_transform(DrawTimeline)
    app.add_directive("how-to-cite", HowToCiteDirective)
    app.add_node(how_to_cite)
    app.add_post_transform(FillHowToCite)
    app.connect("doctree-read", note_summaries)

    app.add_transform(OrderNotes)
    app.add_transform(ProtectAddresses)
    app.add_transform(NumberParagraphs)
    app.add_node(paragraph_number, **PARAGRAPH_VISITORS)
    app.add_transform(AppendWorksCited)
    app.add_post_transform(FillWorksCited)

    # before sphinxcontrib-bibtex parses refs.bib (its handler has the default 500)
    app.connect("builder-inited", check_bibfiles, priority=100)
    app.connect("config-inited", add_paths)
    app.connect("env-get-outdated", before_reading)
    app.connect("env-get-updated", pages_to_write)
    # before furo (500): it would otherwise build the whole table of contents per page
    app.connect("html-page-context", add_navigation, priority=400)
    app.connect("html-page-context", add_edition_context)
    app.connect("html-page-context", add_popup_data)
    app.connect("html-page-context", add_cite_data)
    app.connect("html-page-context", add_search_script)
    app.add_node(
        coins,
        html=(visit_coins_html, None),
        epub=(skip_node, None),
        latex=(skip_node, None),
        text=(skip_node, None),
        man=(skip_node, None),
        texinfo=(skip_node, None),
    )
    app.connect("builder-inited", add_site_assets)
    app.connect("builder-inited", add_reading_aids)
    app.connect("doctree-resolved", add_cite_buttons)
    app.connect("doctree-resolved", mark_named_links)
    app.add_node(
        cite_button,
        html=(visit_cite_button_html, None),
        **{fmt: (skip_node, None) for fmt in ("epub", "latex", "text", "man", "texinfo")},
    )

    return {
        "version": __version__,
        "env_version": 4,
        "parallel_read_safe": True,
        "parallel_write_safe": True,
    }
