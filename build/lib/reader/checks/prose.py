"""The words of the texts: "ibid." and "op. cit.", and TODO markers left behind.

Codes: ``note_ibid`` (in what Sphinx reads: prose and hand-written notes, not
comments or literal blocks) and ``todo_marker`` (anywhere in a text, comments
included, and in the bibliography files).
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from reader.checks.project import Project
from reader.diagnostics import Problem

CODES = ("note_ibid", "todo_marker")

_IBID = re.compile(r"\b(?:ibid(?:em)?|op\.\s*cit|loc\.\s*cit)\b\.?", re.IGNORECASE)
_TODO = re.compile(r"\b(?:TODO|FIXME)\b")


def check(project: Project) -> Iterator[Problem]:
    """Every "ibid." in the texts, every TODO in the texts and bibliography files."""
    for text in project.texts():
        file = project.file(text.docname)
        markup = project.markup[text.docname]
        visible = "\n".join(markup.visible)
        for match in _IBID.finditer(visible):
            yield Problem(
                "note_ibid",
                file,
                visible.count("\n", 0, match.start()) + 1,
                f"`{match[0]}`: the notes are generated from :cite:, with short notes "
                "for works cited before",
            )
        yield from _todos(file, "\n".join(markup.lines))
    for file, content in project.bib.texts.items():
        yield from _todos(file, content)


def _todos(file: str, content: str) -> Iterator[Problem]:
    """A todo_marker problem for each line with a TODO (or FIXME)."""
    last = 0
    for match in _TODO.finditer(content):
        start = content.rfind("\n", 0, match.start()) + 1
        if start < last:
            continue  # one report per line
        end = content.find("\n", match.end())
        last = len(content) if end < 0 else end
        shown = content[start:last].strip()
        shown = shown if len(shown) <= 60 else shown[:57] + "..."
        line = content.count("\n", 0, match.start()) + 1
        yield Problem("todo_marker", file, line, f"a {match[0]} marker: `{shown}`")
