"""refs.bib, read once per build: its faults at their lines, and where each entry is.

pybtex reports a broken file without its name or the line of the fault, and
silently drops what an extra closing brace cuts off.  The plain-Python checker in
:mod:`reader.sources.bibfile` finds each fault at its line; here its problems
become coded warnings, and the build stops before pybtex sees a file it cannot
read.  The same pass keeps bibtexparser's lossless reading of the file (the BibTeX
exports write it) and the line of every entry (for problems about entries).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from bibtexparser.library import Library
from sphinx.application import Sphinx
from sphinx.errors import SphinxError

from reader.extension.report import warn
from reader.sources.bibfile import check_bibfile_library

#: Faults after which pybtex cannot be trusted to read the file as written, or its
#: LaTeX decoding (which cuts a value at a bare '%' and fails on a lone backslash) to
#: render it: the build stops before sphinxcontrib-bibtex reads the file.
FATAL = frozenset(
    {
        "bib_syntax",
        "bib_tex",
        "bib_unclosed_brace",
        "bib_extra_brace",
        "bib_duplicate_key",
        "bib_unknown_macro",
        "bib_missing_file",
    }
)


class BibFileInvalid(SphinxError):
    category = "refs.bib error"


@dataclass
class BibIndex:
    """The bibliography files as bibtexparser reads them, and each entry's place."""

    library: Library = field(default_factory=Library)
    places: dict[str, tuple[str, int]] = field(default_factory=dict)  # lower key -> file, line

    def place(self, key: str) -> tuple[str, int] | None:
        return self.places.get(key.lower())


def bibfiles(app: Sphinx) -> list[Path]:
    """The configured bibliography files, resolved against the configuration folder."""
    return [(Path(app.confdir) / name).resolve() for name in app.config.bibtex_bibfiles or []]


def bib_index(app: Sphinx) -> BibIndex:
    """The index made when the build began (empty if none was made)."""
    return getattr(app, "_reader_bib", None) or BibIndex()


def check_bibfiles(app: Sphinx) -> None:
    """Warn about every problem in the bibliography files; stop the build when pybtex
    could not read them as written."""
    index = BibIndex()
    fatal = 0
    for path in bibfiles(app):
        problems, library, lines = check_bibfile_library(path)
        for problem in problems:
            warn(problem.code, problem.message, f"{path}:{problem.line}")
            fatal += problem.code in FATAL
        if library is not None:
            index.library.add(list(library.entries))
        for key, line in lines.items():
            index.places.setdefault(key.lower(), (str(path), line))
    app._reader_bib = index  # type: ignore[attr-defined]
    if fatal:
        raise BibFileInvalid(
            f"{fatal} error(s) in the bibliography that stop the build; see the messages above"
        )
