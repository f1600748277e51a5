"""The line an inline role is on: docutils tells a role only where its paragraph begins.

A problem in a citation or a mention is reported at the line of the role itself,
not of its paragraph.  The text docutils parses is kept when it is read
(``source-read``); a role finds its own words in it, from the paragraph's first line
on (a second role with the same words is looked for after the first).
"""

from __future__ import annotations

import re
from typing import Any

from sphinx.util.docutils import SphinxRole

_SOURCE = "reader_source"
_CURSORS = "reader_role_cursors"


def keep_source(app: Any, docname: str, source: list[str]) -> None:
    """``source-read``: keep the text being parsed (for this document only)."""
    app.env.current_document[_SOURCE] = source[0]
    app.env.current_document[_CURSORS] = {}


def role_line(role: SphinxRole) -> int:
    """The 1-based line where *role*'s markup starts (its paragraph's line if unknown)."""
    current = role.env.current_document
    text = current.get(_SOURCE)
    if text is None or not role.lineno:
        return role.lineno
    start = _offset_of_line(text, role.lineno)
    cursors: dict[tuple[int, str], int] = current.setdefault(_CURSORS, {})
    key = (role.lineno, role.rawtext)
    pattern = r"\s+".join(re.escape(part) for part in role.rawtext.split())
    match = re.compile(pattern).search(text, cursors.get(key, start))
    if match is None:
        return role.lineno  # included text, or markup docutils rewrote
    cursors[key] = match.end()
    return role.lineno + text.count("\n", start, match.start())


def node_line(node: Any) -> int:
    """The line of an inline node, found in its paragraph's source (the n-th node with
    the same markup is the n-th occurrence of that markup); else its own line."""
    paragraph = node.parent
    while paragraph is not None and not paragraph.line:
        paragraph = paragraph.parent
    markup = getattr(node, "rawsource", "") or ""
    if paragraph is None or not markup:
        return int(node.line or (paragraph.line if paragraph is not None else 0) or 0)
    raw = paragraph.rawsource or ""
    same = [n for n in paragraph.findall(type(node)) if getattr(n, "rawsource", "") == markup]
    at = -1
    for _ in range(same.index(node) + 1 if node in same else 1):
        at = raw.find(markup, at + 1)
    if at < 0:
        return int(node.line or paragraph.line)
    return int(paragraph.line) + raw.count("\n", 0, at)


def refine_line(source: str | None, line: int, markup: str) -> int:
    """The first line from *line* on where *markup* occurs in *source* (else *line*)."""
    if not source or not line:
        return line
    start = _offset_of_line(source, line)
    at = source.find(markup, start)
    return line + source.count("\n", start, at) if at >= 0 else line


def _offset_of_line(text: str, line: int) -> int:
    offset = 0
    for _ in range(line - 1):
        offset = text.find("\n", offset) + 1
        if offset == 0:
            return len(text)
    return offset
