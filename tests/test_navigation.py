"""The site's navigation is the one furo would make, made without its cost."""

from __future__ import annotations

import shutil
from pathlib import Path
from typing import Any

from furo.navigation import get_navigation_tree
from sphinx.application import Sphinx
from sphinx.util.docutils import docutils_namespace, patch_docutils

from reader.extension.navigation import FURO_TREE
from tests.conftest import BOOK


def build_comparing(project: Path, out: Path) -> dict[str, tuple[str, str]]:
    """Build *project*'s site; for each page, furo's navigation and the reader's."""
    found: dict[str, tuple[str, str]] = {}
    furo: dict[str, str] = {}

    def before(app: Sphinx, pagename: str, template: str, context: dict[str, Any], _d: Any):
        if "toctree" in context:  # what furo computes from Sphinx's own toctree
            furo[pagename] = get_navigation_tree(context["toctree"](**FURO_TREE))

    def after(app: Sphinx, pagename: str, template: str, context: dict[str, Any], _d: Any):
        if pagename in furo:
            found[pagename] = (furo[pagename], context["reader_navigation"])

    with patch_docutils(project), docutils_namespace():
        app = Sphinx(
            project / "source_texts",
            project,
            out / "html",
            out / "doctrees",
            "html",
            status=None,
            warning=None,
            freshenv=True,
        )
        app.connect("html-page-context", before, priority=300)
        app.connect("html-page-context", after, priority=900)
        app.build()
    return found


def test_the_navigation_is_furos_for_every_page_with_nested_texts(tmp_path):
    project = shutil.copytree(BOOK, tmp_path / "book")
    source = project / "source_texts"
    # a text with texts of its own, and a numbered toctree, as a book may have them
    (source / "part.rst").write_text(
        "A Part\n======\n\n.. toctree::\n\n   part/one\n   part/two\n", encoding="utf-8"
    )
    (source / "part").mkdir()
    for name in ("one", "two"):
        (source / "part" / f"{name}.rst").write_text(
            f"Section {name}\n==========\n\nWords.\n", encoding="utf-8"
        )
    index = source / "index.rst"
    index.write_text(
        index.read_text(encoding="utf-8").replace(".. toctree::\n", ".. toctree::\n   :numbered:\n")
        + "   part\n",
        encoding="utf-8",
    )
    pages = build_comparing(project, tmp_path / "out")
    assert {"index", "text", "part", "part/one", "people"} <= set(pages)
    for pagename, (theirs, ours) in pages.items():
        assert ours == theirs.strip(), pagename
    # the nested list folds, and opens where the reader is
    assert 'class="toctree-l1 current has-children"' in pages["part/one"][1]
    assert 'checked=""' in pages["part/one"][1]
