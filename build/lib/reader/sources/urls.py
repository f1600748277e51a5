"""Unsafe URLs in a bibliography file: anything but http(s) addresses and DOIs.

A URL from refs.bib becomes a link in every edition; a ``javascript:`` or
``file:`` one would run or open something on the reader's machine.  URLs are read
from the ``url`` and ``doi`` fields and from ``\\url{…}`` and ``\\href{…}``
anywhere; a DOI may be ``doi:10.…`` or, in the ``doi`` field, a bare ``10.…``.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from bibtexparser.library import Library

from reader.diagnostics import Problem

# A LaTeX command that takes a URL, anywhere in the file.
_URL_COMMAND = re.compile(r"\\(?P<field>url|href)[ \t]*(?P<open>\{)")
_SCHEME = re.compile(r"^(?P<scheme>[A-Za-z][A-Za-z0-9+.-]*):")
_SAFE_SCHEMES = frozenset({"http", "https", "doi"})
_DOI = re.compile(r"^10\.\d{4,}/\S+$")
# Characters that browsers drop from a URL before they read its scheme.
_IGNORED_IN_SCHEME = re.compile(r"[\x00-\x20\x7f]")


def unsafe_urls(file: str, text: str, library: Library) -> Iterator[Problem]:
    """A bib_unsafe_url problem for each URL that is not http(s) or a DOI.

    The ``url`` and ``doi`` fields are read as parsed, macros expanded, so that no
    spelling of the value (a macro, a line break after ``=``) slips past; ``\\url``
    and ``\\href`` commands are found in the raw text.
    """
    for entry in library.entries:
        for field in entry.fields:
            name = field.key.lower()
            if name in ("url", "doi") and isinstance(field.value, str):
                fault = url_fault(field.value, name)
                if fault:
                    line = (field.start_line or entry.start_line) + 1  # bibtexparser counts from 0
                    message = f"{name} `{field.value.strip()}` of `{entry.key}`: {fault}"
                    yield Problem("bib_unsafe_url", file, line, message)
    for match in _URL_COMMAND.finditer(text):
        value = _value(text, match.end("open") - 1)
        if value is None:
            continue  # an unclosed value: check_bibfile reports it
        fault = url_fault(value, match["field"].lower())
        if fault:
            line = text.count("\n", 0, match.start()) + 1
            where = f"\\{match['field']}{{...}}"
            yield Problem("bib_unsafe_url", file, line, f"{where} `{value.strip()}`: {fault}")


def url_fault(value: str, field: str) -> str:
    """Why *value* is no safe URL ("" if it is one); *field* is url, doi, href."""
    url = _IGNORED_IN_SCHEME.sub("", value)
    if field == "doi" and _DOI.match(url):
        return ""
    scheme = _SCHEME.match(url)
    if scheme is None:
        if url.startswith("//"):
            return "a URL without a scheme: write https:// before it"
        return "not an absolute address: write it with https://"
    if scheme["scheme"].lower() not in _SAFE_SCHEMES:
        return f"the scheme `{scheme['scheme']}:` is not allowed (only http, https, doi)"
    if scheme["scheme"].lower() in ("http", "https") and not url[scheme.end() :].startswith("//"):
        return "write the address as https://host/..."
    return ""


def _value(text: str, opener: int) -> str | None:
    """The text of a braced (or quoted) value whose delimiter is at *opener*."""
    if text[opener] == '"':
        end = text.find('"', opener + 1)
        return None if end < 0 else text[opener + 1 : end]
    depth = 0
    for index in range(opener, len(text)):
        char = text[index]
        if char == "{":
            depth += 1
        elif char == "}":
            depth -= 1
            if depth == 0:
                return text[opener + 1 : index]
        elif char == "\n" and text.startswith("@", index + 1):
            return None
    return None
