"""Words in another language: the ``:lang:`` role and the marking every edition carries.

``:lang:`*Die russische Tragödie* <de>``` sets the words (inline markup allowed) in
a span with the class docutils takes ``lang`` from (``language-de``): the site and
the EPUB say ``lang="de"`` (the EPUB ``xml:lang`` too), so that screen readers and
e-readers read them in German.  An annotation's ``:original:`` form takes its tag
from the directive's ``:lang:`` option, or conf.py's ``reader_original_language``,
through :func:`foreign`.
"""

from __future__ import annotations

import re

from docutils import nodes
from docutils.parsers.rst.states import Struct
from sphinx.util.docutils import SphinxRole

from reader.extension.lines import role_line
from reader.extension.report import warn
from reader.sources.languages import LANGUAGE_CLASS, language_fault

_EXPLICIT = re.compile(r"^(?P<words>.+?)\s*<(?P<tag>[^<>]*)>$", re.S)


def foreign(words: str, tag: str) -> nodes.inline:
    """*words* marked as being in the language *tag*."""
    return nodes.inline(words, words, classes=[LANGUAGE_CLASS + tag])


def language_of(node: nodes.Element) -> str:
    """The language tag a node is marked with ("" when none)."""
    return next(
        (
            c.removeprefix(LANGUAGE_CLASS)
            for c in node.get("classes", [])
            if c.startswith(LANGUAGE_CLASS)
        ),
        "",
    )


class LangRole(SphinxRole):
    """``:lang:`words <tag>```: the words, marked with their language."""

    def run(self) -> tuple[list[nodes.Node], list[nodes.system_message]]:
        location = (self.env.docname, role_line(self))
        found = _EXPLICIT.match(self.text)
        fault = (
            language_fault(found["tag"].strip())
            if found
            else f"`{self.text}` does not name its language: write :lang:`words <de>`"
        )
        if fault:
            warn("lang_invalid", fault, location)
            return [nodes.inline(self.rawtext, self.rawtext, classes=["reader-error"])], []
        span = foreign("", found["tag"].strip())
        # the words may carry inline markup of their own: :lang:`*Die Tragödie* <de>`
        memo = Struct(
            document=self.inliner.document,
            reporter=self.inliner.reporter,
            language=self.inliner.language,
            inliner=self.inliner,
        )
        words, messages = self.inliner.parse(found["words"], self.lineno, memo, span)
        span += words
        return [span], messages
