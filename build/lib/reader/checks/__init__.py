"""``reader check``: every problem of the sources at once, without running Sphinx.

Each module checks one category and yields :class:`reader.diagnostics.Problem`
records under the codes of :data:`reader.diagnostics.CODES`, the same codes the
build logs as ``reader.<code>``:

========================  ===========================================================
:mod:`.bib`               refs.bib: syntax, keys, fields, macros, unsafe URLs, uncited
:mod:`.citations`         :cite: markup, keys, locators, note markers, quotations
:mod:`.registers`         annotation ids, fields, mentions
:mod:`.dates`             :date: roles and event dates
:mod:`.prose`             "ibid." and TODO markers
:mod:`.refs`              toctrees, :doc: and :ref: targets, texts in no toctree
========================  ===========================================================

:func:`run_checks` runs them all on a :class:`~reader.checks.project.Project` and
returns the problems sorted by file and line.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field

from reader.checks import bib, citations, dates, prose, refs, registers
from reader.checks.project import Project, ProjectError, load_project
from reader.diagnostics import CODES, Problem, Severity

__all__ = [
    "CHECKS",
    "Options",
    "Project",
    "ProjectError",
    "checked_codes",
    "load_project",
    "run_checks",
    "severity",
]

#: The check modules, in the order they run.
CHECKS = (bib, citations, registers, dates, prose, refs)


def checked_codes() -> set[str]:
    """Every code some check module can report."""
    return {code for module in CHECKS for code in module.CODES}


@dataclass(frozen=True)
class Options:
    """Which problems to report, and how strictly.

    ``select`` (when not empty) keeps only those codes; ``ignore`` drops codes; the
    codes that conf.py's ``suppress_warnings`` names (``reader.<code>``) are dropped
    too.  ``strict`` makes unverified locators errors.
    """

    select: frozenset[str] = field(default_factory=frozenset)
    ignore: frozenset[str] = field(default_factory=frozenset)
    strict: bool = False

    def wants(self, code: str, suppressed: frozenset[str] = frozenset()) -> bool:
        """Whether to report *code*, given the codes conf.py suppresses."""
        if self.select and code not in self.select:
            return False
        return code not in self.ignore and code not in suppressed


def severity(problem: Problem, strict: bool = False) -> Severity:
    """The severity of *problem*: that of its code, but ``--strict`` makes an
    unverified locator an error."""
    if strict and problem.code == "locator_unverified":
        return "error"
    return CODES[problem.code].severity


def run_checks(
    project: Project,
    options: Options | None = None,
    checks: Iterable[Callable[[Project], Iterator[Problem]]] | None = None,
) -> list[Problem]:
    """Every problem of *project* that *options* wants, sorted by file and line."""
    options = options or Options()
    suppressed = project.suppressed
    found = {
        problem
        for check in checks or [module.check for module in CHECKS]
        for problem in check(project)
        if options.wants(problem.code, suppressed)
    }
    return sorted(found, key=lambda p: (p.file, p.line, p.code, p.message))
