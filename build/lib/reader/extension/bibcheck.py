"""Check refs.bib before sphinxcontrib-bibtex parses it.

pybtex reports a broken file without its name or the line of the fault, and
silently drops what an extra closing brace cuts off.  The plain-Python checker in
:mod:`reader.sources.bibfile` finds each fault at its line; here its problems
become coded warnings, and the build stops before pybtex sees the file.
"""

from __future__ import annotations

from pathlib import Path

from sphinx.application import Sphinx
from sphinx.errors import SphinxError

from reader.extension.report import warn_problem
from reader.sources.bibfile import check_bibfile


class BibFileInvalid(SphinxError):
    category = "refs.bib error"


def bibfiles(app: Sphinx) -> list[Path]:
    """The configured bibliography files, resolved against the configuration folder."""
    return [(Path(app.confdir) / name).resolve() for name in app.config.bibtex_bibfiles or []]


def check_bibfiles(app: Sphinx) -> None:
    """Warn about every problem in the bibliography files; stop the build on errors."""
    errors = 0
    for path in bibfiles(app):
        shown = path.relative_to(Path.cwd()) if path.is_relative_to(Path.cwd()) else path
        for problem in check_bibfile(path):
            problem = type(problem)(problem.code, str(shown), problem.line, problem.message)
            warn_problem(problem)
            errors += problem.severity == "error"
    if errors:
        raise BibFileInvalid(f"{errors} error(s) in the bibliography; see the messages above")
