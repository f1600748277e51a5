"""The citation markup of the texts, read without Sphinx.

A citation is ``{pre}key{locator}``; pre-text and locator are optional, and several
citations separated by commas make one note: ``{see}trotsky1932{vol. 1, ch. 7},
deutscher1954{p. 12}``.  A locator that starts with ``?`` has not been verified
against a source the editors have seen: ``trotsky1932{?vol. 1, ch. 2}``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

_TARGET = re.compile(
    r"""\s*
    (?:\{(?P<pre>[^{}]*)\})?      # optional pre-text
    (?P<key>[^\s{},]+)            # the citation key
    (?:\{(?P<loc>[^{}]*)\})?      # optional locator
    \s*(?:,|$)""",
    re.VERBOSE,
)


#: What every edition prints after a locator not verified against a source.
UNVERIFIED_MARK = "[unverified]"
#: A private-use character appended to an unverified locator: the style places the
#: locator inside the note (before a URL, say), and the mark must follow it there.
MARK_HERE = "\ue000"


class CitationSyntaxError(ValueError):
    """The text of a citation cannot be read as ``{pre}key{locator}, ...``."""


@dataclass(frozen=True)
class CitationTarget:
    """One source in a note: the entry key, the pre-text and the locator."""

    key: str
    pre: str = ""
    locator: str = ""
    verified: bool = True


def parse_citations(text: str) -> list[CitationTarget]:
    """Read ``{pre}key{locator}, ...`` into targets; raise CitationSyntaxError."""
    targets: list[CitationTarget] = []
    pos = 0
    text = text.strip()
    if not text:
        raise CitationSyntaxError("empty citation: give at least one key")
    while pos < len(text):
        match = _TARGET.match(text, pos)
        if not match or match.end() == pos:
            raise CitationSyntaxError(
                f"cannot read {text[pos:]!r}: "
                "write {pre}key{locator}, several separated by commas"
            )
        locator = (match["loc"] or "").strip()
        verified = not locator.startswith("?")
        targets.append(
            CitationTarget(
                key=match["key"],
                pre=(match["pre"] or "").strip(),
                locator=locator.lstrip("?").strip(),
                verified=verified,
            )
        )
        pos = match.end()
    return targets


def marked_locator(target: CitationTarget) -> str:
    """The locator to hand the style, with MARK_HERE after it when it is unverified."""
    return target.locator + (MARK_HERE if target.locator and not target.verified else "")
