"""Citations and quotations: keys, markup, locators, note markers.

Codes: ``cite_syntax``, ``key_not_found``, ``locator_malformed``,
``locator_unverified``, ``adjacent_notes``, ``quote_no_source``,
``quote_duplicate_id``.  Citations are read where the build reads them: the
``:cite:`` roles and quote ``:cite:`` options of the texts, and the ``:sources:``
options of annotations.
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Iterator

from reader.checks.locators import empty_braces, locator_faults
from reader.checks.project import Project
from reader.diagnostics import Problem
from reader.sources.ids import id_fault
from reader.sources.texts import Citation

CODES = (
    "cite_syntax",
    "key_not_found",
    "locator_malformed",
    "locator_unverified",
    "adjacent_notes",
    "quote_no_source",
    "quote_duplicate_id",
    "quote_id_invalid",
)

# A note marker: a :cite: role or a footnote reference ([#]_, [#name]_, [*]_, [1]_).
_MARKER = re.compile(r"(?<![\w`]):cite:`[^`]*`|\[(?:#[\w-]*|\*|\d+)\]_")
# What may stand between two markers that the build finds side by side.
_NOTHING = re.compile(r"(?:[ \t\n]|\\ )*")
_BLANK_LINE = re.compile(r"\n[ \t]*\n")


def check(project: Project) -> Iterator[Problem]:
    """Every problem of the citations and quotations of the project."""
    for text in project.texts():
        file = project.file(text.docname)
        for citation in text.citations:
            yield from citation_problems(project, file, citation)
        for definition in project.markup[text.docname].definitions:
            if definition.sources is not None:
                yield from citation_problems(project, file, definition.sources)
        for quotation in text.quotations:
            if quotation.citation is None:
                yield Problem(
                    "quote_no_source", file, quotation.line, "the quotation names no source"
                )
        yield from _adjacent_markers(file, project.markup[text.docname].visible)
    yield from _duplicate_quotations(project)


def citation_problems(project: Project, file: str, citation: Citation) -> Iterator[Problem]:
    """The problems of one citation markup: syntax, keys, locators."""
    line = citation.line
    if citation.error:
        yield Problem("cite_syntax", file, line, f"`{citation.markup}`: {citation.error}")
        return
    if empty_braces(citation.markup):
        yield Problem(
            "locator_malformed",
            file,
            line,
            f"`{citation.markup}` has empty braces: give the locator or remove the braces",
        )
    for target in citation.targets:
        if project.bib.find(target.key) is None:
            yield Problem("key_not_found", file, line, _not_found(project, target.key))
            continue
        for fault in locator_faults(target.locator) if target.locator else []:
            yield Problem(
                "locator_malformed",
                file,
                line,
                f"the locator `{target.locator}` of `{target.key}`: {fault}",
            )
        if not target.verified and target.locator:
            yield Problem(
                "locator_unverified",
                file,
                line,
                f"the locator `?{target.locator}` of `{target.key}` is not verified",
            )


def _not_found(project: Project, key: str) -> str:
    """The message for a key that refs.bib lacks, with close matches as the build gives."""
    keys = [entry.key for entry in project.bib.entries.values()]
    close = difflib.get_close_matches(key, keys, n=3, cutoff=0.6)
    also = f" (close matches: {', '.join(close)})" if close else ""
    return f"citation key {key!r} is not in refs.bib{also}"


def _adjacent_markers(file: str, visible: tuple[str, ...]) -> Iterator[Problem]:
    """Two note markers with nothing but spaces (or ``\\ ``) between them."""
    joined = "\n".join(visible)
    previous: re.Match[str] | None = None
    for marker in _MARKER.finditer(joined):
        if previous is not None:
            between = joined[previous.end() : marker.start()]
            if _NOTHING.fullmatch(between) and not _BLANK_LINE.search(between):
                line = joined.count("\n", 0, marker.start()) + 1
                yield Problem(
                    "adjacent_notes",
                    file,
                    line,
                    f"two note markers stand side by side: `{previous[0]}` and `{marker[0]}`",
                )
        previous = marker


def _duplicate_quotations(project: Project) -> Iterator[Problem]:
    """Quotations whose ids (given or made from source and words) are taken."""
    first: dict[str, tuple[str, int]] = {}
    for text in project.texts():
        file = project.file(text.docname)
        for quotation in text.quotations:
            if quotation.citation is None:
                continue  # the build gives it no id
            if fault := id_fault(quotation.id):
                yield Problem("quote_id_invalid", file, quotation.line, fault)
            seen = first.setdefault(quotation.id, (file, quotation.line))
            if seen != (file, quotation.line):
                yield Problem(
                    "quote_duplicate_id",
                    file,
                    quotation.line,
                    f"duplicate quotation id {quotation.id!r}, also at {seen[0]}:{seen[1]}",
                )
