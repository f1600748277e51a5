"""refs.bib, read once per build: its faults at their lines, and where each entry is.

pybtex reports a broken file without its name or the line of the fault, and
silently drops what an extra closing brace cuts off.  The plain-Python checker in
:mod:`reader.sources.bibfile` finds each fault at its line; here its problems
become coded warnings, and the build stops before pybtex sees a file it cannot
read.  The same pass keeps bibtexparser's lossless reading of the file (the BibTeX
exports write it) and the line of every entry (for problems about entries).

A large refs.bib takes a noticeable part of a rebuild to check, so the outcome is
kept beside the environment, by the file's content: an unchanged file is not
checked again (its problems are reported again all the same).
"""

from __future__ import annotations

import hashlib
import pickle
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

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


CACHE = "reader-bibcheck.pickle"


def _checked(path: Path, cache: dict[str, Any], used: set[str]) -> Any:
    """:func:`check_bibfile_library` of *path*, from *cache* when the content is the same."""
    try:
        digest = hashlib.sha1(path.read_bytes()).hexdigest()
    except OSError:
        return check_bibfile_library(path)  # reported as a missing file
    key = f"{path}\0{digest}"
    if key not in cache:
        cache[key] = check_bibfile_library(path)
    used.add(key)
    return cache[key]


def _load_cache(app: Sphinx) -> dict[str, Any]:
    try:
        with open(Path(app.doctreedir) / CACHE, "rb") as handle:
            cache = pickle.load(handle)
        return cache if isinstance(cache, dict) else {}
    except Exception:  # no cache, or one from another version: check again
        return {}


def _save_cache(app: Sphinx, cache: dict[str, Any], used: set[str]) -> None:
    kept = {key: value for key, value in cache.items() if key in used}
    try:
        Path(app.doctreedir).mkdir(parents=True, exist_ok=True)
        with open(Path(app.doctreedir) / CACHE, "wb") as handle:
            pickle.dump(kept, handle, pickle.HIGHEST_PROTOCOL)
    except OSError:
        pass  # a cache that cannot be written only costs time


def check_bibfiles(app: Sphinx) -> None:
    """Warn about every problem in the bibliography files; stop the build when pybtex
    could not read them as written."""
    index = BibIndex()
    fatal = 0
    cache = _load_cache(app)
    before, used = set(cache), set[str]()
    for path in bibfiles(app):
        problems, library, lines = _checked(path, cache, used)
        for problem in problems:
            warn(problem.code, problem.message, f"{path}:{problem.line}")
            fatal += problem.code in FATAL
        if library is not None:
            index.library.add(list(library.entries))
        for key, line in lines.items():
            index.places.setdefault(key.lower(), (str(path), line))
    app._reader_bib = index  # type: ignore[attr-defined]
    if used != before:  # a file changed: keep what this build read, and only that
        _save_cache(app, cache, used)
    if fatal:
        raise BibFileInvalid(
            f"{fatal} error(s) in the bibliography that stop the build; see the messages above"
        )
