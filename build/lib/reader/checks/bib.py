"""The bibliography files: faults at their lines, unsafe URLs, entries cited nowhere.

Codes: every ``bib_*`` code of :func:`reader.sources.bibfile.check_bibfile`
(``bib_syntax``, ``bib_unclosed_brace``, ``bib_extra_brace``, ``bib_duplicate_key``,
``bib_unknown_macro``, ``bib_missing_field``, ``bib_missing_file``), and
``bib_unsafe_url`` and ``bib_uncited``.

Unsafe URLs are found by :mod:`reader.sources.urls`, through ``check_bibfile``.
"""

from __future__ import annotations

from collections.abc import Iterator

from reader.checks.project import Project
from reader.diagnostics import Problem

CODES = (
    "bib_syntax",
    "bib_unclosed_brace",
    "bib_extra_brace",
    "bib_duplicate_key",
    "bib_unknown_macro",
    "bib_missing_field",
    "bib_missing_file",
    "bib_unsafe_url",
    "bib_uncited",
)


def check(project: Project) -> Iterator[Problem]:
    """The faults of each bibliography file, unsafe URLs, and entries cited nowhere."""
    yield from project.bib.problems  # unsafe URLs included: the build fails on them too
    yield from _uncited(project)


def _uncited(project: Project) -> Iterator[Problem]:
    cited: set[str] = set()
    for text in project.texts():
        cited.update(key.lower() for key in text.cited_keys())
        for definition in project.markup[text.docname].definitions:
            if definition.sources is not None:
                cited.update(target.key.lower() for target in definition.sources.targets)
    for lower, entry in project.bib.entries.items():
        if lower not in cited:
            yield Problem(
                "bib_uncited",
                entry.file,
                entry.line,
                f"the entry `{entry.key}` is cited nowhere (no :cite: and no :sources:)",
            )
