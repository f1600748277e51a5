"""Internal references: toctree entries, ``:doc:`` and ``:ref:`` targets, texts in no toctree.

Codes: ``ref_broken``, ``text_no_title``.  Sphinx reports these under its own
warning types (``toc.*``, ``ref.doc``, ``ref.ref``); here they are found before a
build.  A text without a title has no name in the contents, the registers'
backlinks or its citation.
"""

from __future__ import annotations

import fnmatch
from collections.abc import Iterator

from reader.checks.project import Project
from reader.diagnostics import Problem
from reader.sources.texts import toctree_entries

CODES = ("ref_broken", "text_no_title")


def check(project: Project) -> Iterator[Problem]:
    """Every reference that leads nowhere, and every text no toctree includes."""
    texts = {text.docname for text in project.texts()}
    included: set[str] = set()
    labels = {label for markup in project.markup.values() for label in markup.labels}
    check_refs = "sphinx.ext.autosectionlabel" not in project.extensions
    for text in project.texts():
        docname = text.docname
        file = project.file(docname)
        markup = project.markup[docname]
        if not text.title:
            yield Problem("text_no_title", file, 1, f"the text `{docname}` has no title")
        for entry in toctree_entries(markup):
            if entry.glob:
                matched = fnmatch.filter(texts, entry.target)
                included.update(matched)
                if not matched:
                    yield Problem(
                        "ref_broken",
                        file,
                        entry.line,
                        f"the toctree pattern `{entry.target}` matches no text",
                    )
                continue
            included.add(entry.target)
            if entry.target not in texts:
                yield Problem("ref_broken", file, entry.line, _missing(project, entry.target))
        for use in markup.uses("doc"):
            if use.target not in texts:
                yield Problem(
                    "ref_broken", file, use.line, f":doc: {_missing(project, use.target)}"
                )
        for use in markup.uses("ref") if check_refs else []:
            if use.target not in labels:
                yield Problem(
                    "ref_broken",
                    file,
                    use.line,
                    f":ref: to the label `{use.target}`, which no `.. _{use.target}:` defines",
                )
    for docname in sorted(texts - included - {project.root_doc}):
        if not project.markup[docname].orphan:
            yield Problem(
                "ref_broken",
                project.file(docname),
                1,
                f"the text `{docname}` is in no toctree, so no reader can reach it: add it "
                f"to a toctree (in {project.root_doc}.rst) or mark it :orphan:",
            )


def _missing(project: Project, target: str) -> str:
    """The message for a reference to a text that is not there."""
    if target in project.book.texts:
        return f"`{target}` is excluded by exclude_patterns in conf.py"
    return f"`{target}` is no text: there is no source_texts/{target}.rst"
