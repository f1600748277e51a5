"""LaTeX for the second series of notes: editors' notes, lettered, at the foot of the page.

Sphinx prints every footnote as ``\\begin{footnote}[N]``, which needs a number;
an editors' note is printed with its letter through ``\\readerednote`` (from
``texinputs/readernotes.sty``), without touching the numbered series.
"""

from __future__ import annotations

from pathlib import Path

from docutils import nodes
from sphinx.application import Sphinx
from sphinx.util.fileutil import copy_asset_file
from sphinx.writers.latex import LaTeXTranslator

PACKAGE = Path(__file__).parent / "texinputs" / "readernotes.sty"


def copy_package(app: Sphinx) -> None:
    """Put readernotes.sty beside the .tex file, where LaTeX looks for it."""
    if app.builder.name == "latex":
        copy_asset_file(PACKAGE, app.builder.outdir)


class ReaderLaTeXTranslator(LaTeXTranslator):
    """Sphinx's LaTeX translator, with lettered editors' notes."""

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
