"""LaTeX for a printed book: front, main and back matter, labels, an index of mentions.

Sphinx's LaTeX translator writes a software manual.  This one, with
``texinputs/readerbook.sty``:

* opens the main matter (numbered chapters, arabic folios) at the first chapter and
  the back matter after the last, so that the front matter has roman folios and the
  registers and index are unnumbered;
* labels annotations and mentions, so that every link to them resolves and the
  registers can give the *pages* of each mention (``\\readerpages``);
* indexes each annotation under its index form and sort key ("Kerensky, Alexander",
  sorted as "kerensky, alexander"), the register entry as the main page and every
  mention as a page of its own;
* sets literal blocks (commands, examples) as plain monospaced text, never through
  Pygments;
* prints editors' notes with their letters, outside the numbered series of notes;
* marks where each text ends (``<docname>:reader-end``), for page ranges;
* opens the file with ``\\DocumentMetadata`` (the PDF's language and XMP metadata),
  which LaTeX takes only before ``\\documentclass``, where Sphinx's template has no
  place to fill.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any, cast

from docutils import nodes
from sphinx.application import Sphinx
from sphinx.util.fileutil import copy_asset_file
from sphinx.writers.latex import LaTeXTranslator

from reader.builders.latex_book import document_metadata
from reader.extension.annotation_domain import AnnotationDomain
from reader.extension.book import chapter_numbers

PACKAGE = Path(__file__).parent / "texinputs" / "readerbook.sty"
END_LABEL = "reader-end"
_PLAIN = {"none", "default", "text"}  # literal blocks in no programming language


def copy_package(app: Sphinx) -> None:
    """Put readerbook.sty beside the .tex file, where LaTeX looks for it."""
    if app.builder.name == "latex":
        copy_asset_file(PACKAGE, app.builder.outdir)


def index_escape(translator: LaTeXTranslator, value: str) -> str:
    """*value* as makeindex reads it: LaTeX-escaped, its own specials quoted."""
    value = translator.encode(value)
    value = value.replace(r"\{", r"\sphinxleftcurlybrace{}")
    value = value.replace(r"\}", r"\sphinxrightcurlybrace{}")
    for special in ('"', "@", "!"):
        value = value.replace(special, '"' + special)
    return value.replace("|", r"\textbar{}")


class ReaderLaTeXTranslator(LaTeXTranslator):
    """Sphinx's LaTeX translator, for a book."""

    def __init__(self, document: nodes.document, builder: Any, theme: Any) -> None:
        super().__init__(document, builder, theme)
        self._chapters = chapter_numbers(builder.env)
        self._matter = "front"

    def astext(self) -> str:
        """The .tex file, its PDF metadata declared first."""
        return document_metadata(self.config.language or "") + "\n" + super().astext()

    # -- front, main and back matter ----------------------------------------------

    def visit_start_of_file(self, node: nodes.Element) -> None:
        docname = node["docname"]
        if docname in self._chapters and self._matter == "front":
            self.body.append("\n\\mainmatter\n")
            self._matter = "main"
        elif self._matter == "main" and self._outside_chapters(docname):
            self.body.append("\n\\backmatter\n")
            self._matter = "back"
        super().visit_start_of_file(node)

    def _outside_chapters(self, docname: str) -> bool:
        """Whether *docname*, begun now, is neither a chapter nor inside one."""
        return not any(name in self._chapters for name in [*self.curfilestack, docname])

    def depart_start_of_file(self, node: nodes.Element) -> None:
        self.body.append(self.hypertarget(END_LABEL))
        super().depart_start_of_file(node)

    # -- labels: every annotation and mention can be linked to and paged ---------

    def visit_container(self, node: nodes.Element) -> None:
        super().visit_container(node)
        if node["ids"]:
            self.body.append("\n" + self.hypertarget_to(node, anchor=True))

    def visit_inline(self, node: nodes.Element) -> None:
        ann = node.get("reader_ann")
        if ann and not self.in_title:
            self.body.append(self.hypertarget_to(node, anchor=True))
            self.body.append(self._index_entry(ann[0], ann[1], main=False))
        super().visit_inline(node)

    # -- the index: surname first, sorted as a reader expects ---------------------

    def _index_entry(self, kind: str, ident: str, *, main: bool) -> str:
        domain = cast(AnnotationDomain, self.builder.env.get_domain("ann"))
        ann = domain.annotations.get((kind, ident))
        if ann is None or not ann.index:
            return ""
        key, term = index_escape(self, ann.sortkey), index_escape(self, ann.index)
        return rf"\index{{{key}@\spxentry{{{term}}}{'|spxpagem' if main else ''}}}"

    def visit_index(self, node: nodes.Element) -> None:
        sortkeys = node.get("reader_sortkeys")
        if not sortkeys:
            return super().visit_index(node)
        for _type, term, _target, main, _letter in node["entries"]:
            key = index_escape(self, sortkeys.get(term, term))
            text = index_escape(self, term)
            self.body.append(rf"\index{{{key}@\spxentry{{{text}}}{'|spxpagem' if main else ''}}}")
        raise nodes.SkipNode

    # -- literal blocks: commands and examples, never highlighted code --------------

    def visit_literal_block(self, node: nodes.Element) -> None:
        if node.rawsource != node.astext() or node.get("language", "none") not in _PLAIN:
            return super().visit_literal_block(node)
        # set as Sphinx sets a parsed literal: the text escaped, no Pygments markup
        self.in_parsed_literal += 1
        self.body.append("\n\\begin{sphinxalltt}\n")
        return None

    # -- editors' notes -----------------------------------------------------------

    def visit_footnote(self, node: nodes.Element) -> None:
        if "reader-editors-note" not in node["classes"]:
            return super().visit_footnote(node)
        self.in_footnote += 1
        self.body.append(r"\readerednote{" + node[0].astext() + "}{")
        return None

    def depart_footnote(self, node: nodes.Element) -> None:
        if "reader-editors-note" not in node["classes"]:
            return super().depart_footnote(node)
        self.body.append("}")
        self.in_footnote -= 1
        return None
