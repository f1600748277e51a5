"""Escaping text from the sources for the markup languages the editions and exports
write: no title, name, locator or setting can inject a command or end an argument."""

from __future__ import annotations

import re

_LATEX_SPECIALS = {
    "\\": r"\textbackslash{}",
    "{": r"\{",
    "}": r"\}",
    "$": r"\$",
    "&": r"\&",
    "#": r"\#",
    "^": r"\textasciicircum{}",
    "_": r"\_",
    "~": r"\textasciitilde{}",
    "%": r"\%",
}


def latex_escape(text: str) -> str:
    """Plain text as LaTeX: every character LaTeX would act on escaped."""
    return re.sub(r"[\\{}$&#^_~%]", lambda m: _LATEX_SPECIALS[m.group()], text)


def latex_url(url: str) -> str:
    """A URL as ``\\href`` reads it: braces and backslashes percent-encoded, the
    characters LaTeX would act on escaped."""
    url = url.replace("\\", "%5C").replace("{", "%7B").replace("}", "%7D")
    return re.sub(r"([%#&_$^~])", r"\\\1", url)


# ASCII punctuation that means something in pandoc's Markdown inside a citation
_PANDOC_SPECIAL = re.compile(r"([\\`*_{}\[\]()<>#+!^~$@;|&\"])")


def pandoc_escape(text: str) -> str:
    """Plain text as pandoc Markdown inside ``[...]``: its specials backslash-escaped
    (``;`` would start another citation, ``]`` end this one, ``^`` a superscript)."""
    return _PANDOC_SPECIAL.sub(r"\\\1", text)
