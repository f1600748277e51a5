"""The EPUB builder: an e-book, not the website zipped.

Sphinx's EPUB 3 builder, with:

* a cover made from the edition's settings (:mod:`reader.builders.epub_cover`),
  its manifest item marked ``cover-image`` and its page first in the spine;
* the root document as the title page (title, subtitle, editors, publisher), an
  imprint after it (edition, date, publisher, licence, how to cite);
* the ebook stylesheet of the ``reader-epub`` theme instead of the website's;
* landmarks in the navigation document (cover, title page, contents, imprint, the
  first chapter, the bibliography, the index) and the index in the table of contents;
* no page of a text that is no longer in the book (Sphinx leaves the old file in
  its output folder, and would put it in the manifest);
* the NCX naming the book's real identifier (EPUBCheck NCX-001: Sphinx writes the
  *name* of the identifier element).
"""

from __future__ import annotations

import html
from pathlib import Path
from typing import TYPE_CHECKING, Any, cast

from sphinx.builders._epub_base import Spine
from sphinx.builders.epub3 import Epub3Builder, NavPoint
from sphinx.util.fileutil import copy_asset_file

from reader.builders.epub_cover import make_cover
from reader.exports.edition import EditionInfo
from reader.exports.how_to_cite import book_example
from reader.extension.book import chapter_numbers
from reader.extension.dependencies import listings
from reader.styles import plugins

if TYPE_CHECKING:
    from collections.abc import Iterator

    from sphinx.application import Sphinx

TEMPLATES = Path(__file__).parent / "epub3"
THEME = Path(__file__).parent / "epub_theme"
COVER = "_static/cover.png"
IMPRINT = "imprint"
#: Pages the builder makes that are not texts.
GENERATED = {"genindex", IMPRINT, "epub-cover", "nav", "search"}
#: Files of the parent themes that the e-book does not use.
UNUSED = [
    "_static/basic.css",
    "_static/epub.css",
    "_static/pygments.css",
    "_static/file.png",
    "_static/minus.png",
    "_static/plus.png",
    "sitemap.xml",
]


#: What the book offers readers who use assistive technology (schema.org properties,
#: read by Ace by DAISY and by e-book shops).  The only image is the cover, which has
#: a text alternative; the timeline's picture is the website's only.
ACCESSIBILITY = (
    ("accessMode", "textual"),
    ("accessMode", "visual"),
    ("accessModeSufficient", "textual"),
    ("accessibilityFeature", "structuralNavigation"),
    ("accessibilityFeature", "tableOfContents"),
    ("accessibilityFeature", "index"),
    ("accessibilityFeature", "readingOrder"),
    ("accessibilityFeature", "alternativeText"),
    ("accessibilityFeature", "displayTransformability"),
    ("accessibilityHazard", "none"),
    (
        "accessibilitySummary",
        "Text with headings, a table of contents, landmarks and an index; notes are "
        "linked to and from their references; words in Russian, German and other "
        "languages are marked with their language; the cover image has a text "
        "alternative. There are no print page markers: paragraphs are numbered as in the "
        "PDF and the website, and serve as locators. Checked with Ace by DAISY (no "
        "violations) and by the publisher's review.",
    ),
)

#: The standard the book claims to meet (EPUB Accessibility 1.1), certified by its
#: publisher: what Ace checks, plus the review of what no checker sees.
CONFORMS_TO = "EPUB Accessibility 1.1 - WCAG 2.1 Level AA"


def edition_info(builder: Any) -> EditionInfo:
    return EditionInfo.from_config(builder.config, builder.confdir)


class ReaderEpubBuilder(Epub3Builder):
    """Sphinx's EPUB 3 builder, making a book."""

    template_dir = TEMPLATES  # type: ignore[assignment]

    def init(self) -> None:
        super().init()
        info = edition_info(self).as_printed()
        make_cover(
            Path(self.outdir) / COVER,
            title=info.title,
            subtitle=info.subtitle,
            editors=" and ".join(info.editors),
            publisher=info.publisher,
            edition=info.edition,
        )

    def prepare_writing(self, docnames: Any) -> None:
        super().prepare_writing(docnames)
        # every page says its language (screen readers choose their voice by it)
        lang = html.escape(self.config.epub_language or self.config.language or "en")
        self.globalcontext["html_tag"] = (
            '<html xmlns="http://www.w3.org/1999/xhtml" '
            f'xmlns:epub="http://www.idpf.org/2007/ops" lang="{lang}" xml:lang="{lang}">'
        )

    # -- the title page and the imprint ------------------------------------------

    def handle_page(
        self,
        pagename: str,
        addctx: dict[str, Any],
        templatename: str = "page.html",
        *args: Any,
        **kwargs: Any,
    ) -> None:
        if pagename == self.config.root_doc:
            # the site's front page is, in the book, its title page
            templatename = "reader-titlepage.html"
            addctx = {**addctx, **self.title_context()}
        super().handle_page(pagename, addctx, templatename, *args, **kwargs)

    def title_context(self) -> dict[str, Any]:
        """What the title page and the imprint print (escaped in the templates)."""
        info = edition_info(self)
        style = plugins.style(self.config.reader_note_style)
        note = book_example(info, style).note.render(plugins.backend("html"))
        info = info.as_printed()
        return {
            "book_title": info.book_title,
            "main_title": info.title,
            "subtitle": info.subtitle,
            "editors": " and ".join(info.editors),
            "edition": info.edition,
            "date": info.date,
            "publisher": ", ".join(part for part in (info.place, info.publisher) if part),
            "licence": info.licence,
            "how_to_cite_html": note,  # rendered by pybtex's HTML backend, escaped
        }

    def toc_add_files(self, refnodes: list[dict[str, Any]]) -> None:
        """The imprint follows the title page (the root document)."""
        super().toc_add_files(refnodes)
        root = self.config.root_doc + self.out_suffix
        at = next((n + 1 for n, node in enumerate(refnodes) if node["refuri"] == root), 0)
        refnodes.insert(at, {"level": 1, "refuri": IMPRINT + self.out_suffix, "text": "Imprint"})

    # -- the manifest: only what the book contains -------------------------------

    def handle_finish(self) -> None:
        self.prune_stale_pages()
        super().handle_finish()

    def prune_stale_pages(self) -> None:
        """Delete pages of texts no longer in the book, left from earlier builds."""
        current = set(self.env.all_docs) | GENERATED
        for page in Path(self.outdir).rglob(f"*{self.out_suffix}"):
            name = page.relative_to(self.outdir).with_suffix("").as_posix()
            if name not in current:
                page.unlink()

    def build_content(self) -> None:
        super().build_content()
        # the landmarks link to the navigation document, so it must be in the spine
        # (EPUBCheck RSC-011); Sphinx leaves it out.  Out of the reading order.
        self._opf["spines"].append(Spine("nav", False))
        # On a second build Sphinx finds the cover page the first one wrote among the
        # output files, lists it as an extra page and again as the cover: once only
        # (EPUBCheck RSC-005), where it belongs, first.
        seen: set[str] = set()
        spines = []
        for spine in self._opf["spines"]:
            if spine.idref not in seen:
                seen.add(spine.idref)
                spines.append(spine)
        self._opf["spines"] = spines
        copy_asset_file(
            self.template_dir / "content.opf.jinja", self.outdir, context=self._opf, force=True
        )

    def content_metadata(self) -> dict[str, Any]:
        metadata = super().content_metadata()
        self._opf = metadata  # filled by build_content
        metadata["accessibility"] = ACCESSIBILITY
        metadata["conforms_to"] = CONFORMS_TO
        metadata["certified_by"] = html.escape(self.config.epub_publisher)
        metadata["subjects"] = [html.escape(k) for k in self.config.reader_keywords]
        licence = self.config.reader_licence
        if licence:
            metadata["copyright"] = html.escape(f"{self.config.epub_copyright}. {licence}")
        return metadata

    # -- navigation ---------------------------------------------------------------

    def navigation_doc_metadata(self, navlist: list[NavPoint]) -> dict[str, Any]:
        metadata = super().navigation_doc_metadata(navlist)
        navlist = self._numbered(navlist)
        if self.use_index:
            index = NavPoint(html.escape("Index"), "genindex" + self.out_suffix, [])
            metadata["navlist"] = [*navlist, index]
        metadata["landmarks"] = list(self.landmarks())
        return metadata

    def _numbered(self, navlist: list[NavPoint]) -> list[NavPoint]:
        """The chapters' titles with their numbers, as their pages head them."""
        numbers = {name + self.out_suffix: n for name, n in chapter_numbers(self.env).items()}
        return [
            point._replace(text=f"{numbers[point.refuri]}. {point.text}")
            if point.refuri in numbers
            else point
            for point in navlist
        ]

    def landmarks(self) -> Iterator[tuple[str, str, str]]:
        """(epub:type, href, label) of the book's landmarks, escaped for XHTML."""
        for kind, href, label in self._landmarks():
            yield kind, html.escape(href), html.escape(label)

    def _landmarks(self) -> Iterator[tuple[str, str, str]]:
        suffix = self.out_suffix
        yield "cover", "epub-cover" + suffix, "Cover"
        yield "titlepage", self.config.root_doc + suffix, "Title page"
        yield "toc", "nav.xhtml#toc", "Contents"
        yield "copyright-page", IMPRINT + suffix, "Imprint"
        chapters = chapter_numbers(self.env)
        if chapters:
            first = min(chapters, key=chapters.__getitem__)
            yield "bodymatter", first + suffix, "Start of the texts"
        bibliography = [i.docname for i in listings(self.env) if i.kind in ("all", "cited")]
        if bibliography:
            yield "bibliography", bibliography[0] + suffix, "Bibliography"
        if self.use_index:
            yield "index", "genindex" + suffix, "Index"

    def toc_metadata(self, level: int, navpoints: list[NavPoint]) -> dict[str, Any]:
        metadata = super().toc_metadata(level, navpoints)
        metadata["uid"] = html.escape(self.config.epub_identifier)
        return metadata


def imprint_page(app: Sphinx) -> Iterator[tuple[str, dict[str, Any], str]]:
    """``html-collect-pages``: the imprint, for the e-book only."""
    if isinstance(app.builder, ReaderEpubBuilder):
        builder = cast(ReaderEpubBuilder, app.builder)
        yield IMPRINT, {"title": "Imprint", **builder.title_context()}, "reader-imprint.html"


def configure(app: Sphinx, config: Any) -> None:
    """``config-inited``: the e-book's theme, cover and exclusions, unless conf.py
    says otherwise."""
    if config.epub_description in ("", "unknown") and config.reader_description:
        config.epub_description = config.reader_description
    if config.epub_theme == "epub":
        config.epub_theme = "reader-epub"
    if not config.epub_cover:
        config.epub_cover = (COVER, "epub-cover.html")
    config.epub_exclude_files = [*config.epub_exclude_files, *UNUSED]
    if not any(kind == "toc" for kind, _, _ in config.epub_guide):
        # the guide's contents are the navigation document, not the title page
        config.epub_guide = (*config.epub_guide, ("toc", "nav.xhtml", "Table of Contents"))
