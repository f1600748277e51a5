"""The project as one reading sees it: texts, references and problems, for the commands.

``reader check``, ``reader export``, ``reader stats`` and ``reader new`` all start
here.  :func:`read_project` runs Sphinx's read phase with the ``reader-check``
builder (which writes nothing), keeping its environment in
``_build/doctrees/check`` so that only the texts changed since the last run are read
again.  What comes back is what the build itself knows: the same problems at the
same places, the same titles, citations and quotations.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import IO, TYPE_CHECKING, Any

from reader.diagnostics import Problem
from reader.runner.sphinx import run_sphinx

if TYPE_CHECKING:
    from bibtexparser.library import Library
    from pybtex.database import Entry as PybtexEntry

    from reader.exports.edition import EditionInfo
    from reader.exports.scopes import Sources
    from reader.extension.book import Book

CHECK_BUILDER = "reader-check"


@dataclass
class Reading:
    """One reading of a project."""

    root: Path
    book: Book | None  # None when Sphinx stopped before reading the texts
    problems: list[Problem]
    stopped: str  # why the reading stopped before the texts, if it did
    info: EditionInfo | None
    library: Library | None  # refs.bib as written (bibtexparser), for the BibTeX exports
    entries: dict[str, PybtexEntry]  # refs.bib as pybtex reads it, by lower-case key
    config: Any = None

    def sources(self) -> Sources:
        """The sources of the exports, as this reading knows them."""
        from reader.exports.scopes import Sources
        from reader.styles import plugins

        if self.book is None or self.info is None or self.library is None:
            raise ValueError("the project could not be read")
        return Sources(
            self.info,
            self.library,
            self.book,
            self.entries,
            self.problems,
            style=plugins.style(self.config.reader_note_style),
        )

    def relative(self, file: str) -> str:
        """*file* relative to the project when inside it."""
        from reader.extension.report import relative

        return relative(file, self.root)


def read_project(root: Path, *, status: IO[str] | None = None, parallel: int = 0) -> Reading:
    """Read every text of the project at *root* as the build reads it."""
    from reader.exports.edition import EditionInfo
    from reader.extension.bibcheck import bib_index
    from reader.extension.book import book_of

    root = Path(root).resolve()
    build = root / "_build"
    outcome = run_sphinx(
        CHECK_BUILDER,
        root,
        build / "check",
        build / "doctrees" / "check",
        status=status,
        warning=None,
        parallel=parallel,
        raise_on_warnings=False,
    )
    app = outcome.app
    problems = [Problem(p.code, p.file, p.line, p.message) for p in _dedupe(outcome.problems)]
    if app is None or getattr(app, "env", None) is None:
        return Reading(root, None, problems, outcome.stopped, None, None, {})
    env = app.env
    cite = env.get_domain("cite")
    bibdata = getattr(cite, "bibdata", None)
    entries = {key.lower(): entry for key, entry in bibdata.data.entries.items()} if bibdata else {}
    return Reading(
        root=root,
        book=book_of(env),
        problems=problems,
        stopped=outcome.stopped,
        info=EditionInfo.from_config(app.config, root),
        library=bib_index(app).library,
        entries=entries,
        config=app.config,
    )


def _dedupe(problems: list[Problem]) -> list[Problem]:
    """Each problem once (a parallel read may log a record twice), in a stable order."""
    return sorted(set(problems), key=lambda p: (p.file, p.line, p.code, p.message))
