"""The extension in any Sphinx project: ``extensions = ["reader.extension"]`` in a
standard layout (conf.py beside the texts, not source_texts/) gives the notes, the
registers, the Cite panel and the citation metadata."""

from __future__ import annotations

import json
import re

import pytest
from bs4 import BeautifulSoup


@pytest.mark.sphinx("html", testroot="docs-layout")
def test_a_standard_project_gets_notes_registers_and_citations(app):
    app.build()
    warnings = app.warning.getvalue()
    assert "WARNING" not in warnings, warnings
    chapter = BeautifulSoup((app.outdir / "chapter.html").read_text("utf-8"), "html.parser")
    notes = [n.get_text(" ", strip=True) for n in chapter.select("aside.footnote, .footnote")]
    assert any("Isaac Deutscher, The Prophet Armed" in n and "ch. 14" in n for n in notes), notes
    # the chapter is numbered and cited as a chapter of the book, with its address
    assert "1. The Only Chapter" in chapter.h1.get_text(" ", strip=True)
    meta = {m["name"]: m["content"] for m in chapter.select("meta[name^=citation_]")}
    assert meta["citation_title"] == "The Only Chapter"
    assert meta["citation_public_url"] == "https://docs.example.org/layout/chapter.html"
    # named editors are the book's editors, one tag each (Google Scholar's form)
    editors = [m["content"] for m in chapter.select('meta[name="citation_editor"]')]
    assert editors == ["Ada Lovelace", "Charles Babbage"]
    data = json.loads(chapter.select_one("script#reader-citations").string)
    assert "The Only Chapter" in data["reader-text"]["note"]
    assert "Layout Press" in data["reader-text"]["note"]
    assert "armed" in data and "\\autocite[p.~12]{deutscher1954}" in data["armed"]["latex"]
    people = (app.outdir / "people.html").read_text("utf-8")
    assert re.search(r'href="chapter.html#mention-person-trotsky-\d+"', people)
