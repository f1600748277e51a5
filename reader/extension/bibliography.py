"""Works cited per text and the full bibliography, as plain paragraphs in every edition.

sphinxcontrib-bibtex's bibliography becomes LaTeX citations, which the LaTeX
writer gathers into a single list at the end of the book.  The
``works-cited`` directive here leaves a placeholder that is filled after all
texts are read, with entries in the bibliography form of the note style, so the
lists stand where they are written in HTML, EPUB and PDF alike.

::

    .. works-cited::            what this text cites
    .. works-cited:: edition    the edition's bibliography: every entry of refs.bib,
                                or every cited one (conf.py: reader_bibliography)
    .. works-cited:: all        every entry of refs.bib
    .. works-cited:: cited      every entry cited anywhere in the edition

With ``reader_works_cited_per_text`` (the default) every text that cites
anything ends with its works cited, without writing the directive.
"""

from __future__ import annotations

from typing import Any, ClassVar, cast

from docutils import nodes
from sphinx.transforms import SphinxTransform
from sphinx.transforms.post_transforms import SphinxPostTransform
from sphinx.util.docutils import SphinxDirective

from reader.exports.coins import coins_kev
from reader.exports.csl import csl_item
from reader.exports.records import from_pybtex
from reader.extension.cite_panel import coins
from reader.extension.domain import ReaderDomain
from reader.extension.notes import bib_entries, note_style, render_safely
from reader.sources.ids import key_anchor
from reader.styles import plugins
from reader.styles.cmos import typographic_text

SCOPES = ("text", "edition", "cited", "all")


class works_cited(nodes.General, nodes.Element):
    """Placeholder for a list of works, filled by :class:`FillWorksCited`."""


class WorksCitedDirective(SphinxDirective):
    optional_arguments = 1
    option_spec: ClassVar[dict[str, Any]] = {}

    def run(self) -> list[nodes.Node]:
        scope = self.arguments[0] if self.arguments else "text"
        if scope not in SCOPES:
            raise self.error(f"unknown scope {scope!r}: use one of {', '.join(SCOPES)}")
        node = works_cited(scope=scope, docname=self.env.docname)
        self.set_source_info(node)
        return [node]


class AppendWorksCited(SphinxTransform):
    """End each text that cites something with its works cited."""

    default_priority = 630  # after the notes are gathered (OrderNotes, 625)

    def apply(self) -> None:
        if not self.config.reader_works_cited_per_text:
            return
        if any(n["scope"] == "text" for n in self.document.findall(works_cited)):
            return
        domain = cast(ReaderDomain, self.env.get_domain("reader"))
        if not domain.cited_keys([self.env.docname]):
            return
        section = nodes.container(classes=["reader-works-cited-section"])
        # a heading (h2) for screen readers and e-readers' navigation, in no contents
        heading = nodes.rubric("Works cited", "Works cited", classes=["reader-works-cited-heading"])
        heading["heading-level"] = 2
        section += heading
        section += works_cited(scope="text", docname=self.env.docname)
        self.document += section


class FillWorksCited(SphinxPostTransform):
    """Replace each placeholder by the formatted entries of its scope."""

    default_priority = 5  # before references are resolved

    def run(self, **kwargs: Any) -> None:
        domain = cast(ReaderDomain, self.env.get_domain("reader"))
        entries = bib_entries(self.env)
        style = note_style(self.env)
        for node in list(self.document.findall(works_cited)):
            scope = node["scope"]
            if scope == "edition":
                scope = self.config.reader_bibliography
            if scope == "all":
                keys = list(entries)
            elif scope == "cited":
                keys = domain.cited_keys()
            else:
                keys = domain.cited_keys([node["docname"]])
            listing = nodes.container(classes=["reader-works-cited"])
            for entry in style.sort([entries[k] for k in keys if k in entries]):
                paragraph = nodes.paragraph(classes=["reader-bib-entry"])
                paragraph["ids"].append(key_anchor(entry.key))
                paragraph["reader-key"] = entry.key
                paragraph.extend(
                    render_safely(
                        # made after reading, so Sphinx's smart quotes never see it:
                        # curly quotes here, as in the notes
                        lambda e=entry: typographic_text(
                            plugins.formatted(style, e, "bibliography")
                        ),
                        entry.key,
                        node,
                        report=False,  # written after reading: refs.bib's check said it
                    )
                )
                if scope != "text":  # see _coins
                    paragraph += _coins(entry)
                listing += paragraph
            if not keys:
                listing += nodes.paragraph(text="No works are cited here.")
            node.replace_self(listing)


def _coins(entry: Any) -> coins:
    """The COinS span of a work in a list of the whole edition's works.

    A chapter's own list of works carries none: Zotero prefers COinS to a page's
    ``citation_*`` tags, and on a chapter's page the work to save is the chapter.
    """
    return coins(kev=coins_kev(csl_item(from_pybtex(entry))))
