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
from collections.abc import Callable
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


class BibIndex:
    """The bibliography files as bibtexparser reads them, and each entry's place.

    The lossless reading (``library``) is only wanted when pages or exports are
    written; a rebuild that writes nothing never loads it from the cache."""

    def __init__(self) -> None:
        self.places: dict[str, tuple[str, int]] = {}  # lower key -> file, line
        self.keys: dict[str, str] = {}  # lower key -> the key as written, in file order
        self._parts: list[Callable[[], Library | None]] = []
        self._library: Library | None = None

    def add_library(self, load: Callable[[], Library | None]) -> None:
        self._parts.append(load)

    @property
    def library(self) -> Library:
        if self._library is None:
            self._library = Library()
            for load in self._parts:
                part = load()
                if part is not None:
                    self._library.add(list(part.entries))
        return self._library

    def place(self, key: str) -> tuple[str, int] | None:
        return self.places.get(key.lower())


def bibfiles(app: Sphinx) -> list[Path]:
    """The configured bibliography files, resolved against the configuration folder."""
    return [(Path(app.confdir) / name).resolve() for name in app.config.bibtex_bibfiles or []]


def bib_index(app: Sphinx) -> BibIndex:
    """The index made when the build began (empty if none was made)."""
    return getattr(app, "_reader_bib", None) or BibIndex()


CACHE = "reader-bibcheck.pickle"
LIBRARY = "reader-biblibrary-{digest}.pickle"


class _Cache:
    """The checks of earlier builds by file content: problems and places in one small
    file, each file's reading in a file of its own (loaded when it is wanted)."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder
        try:
            with open(folder / CACHE, "rb") as handle:
                found = pickle.load(handle)
            self.checks: dict[str, Any] = found if isinstance(found, dict) else {}
        except Exception:  # no cache, or one from another version: check again
            self.checks = {}
        self.used: set[str] = set()
        self.changed = False

    def check(self, path: Path) -> tuple[Any, Any, Callable[[], Library | None]]:
        """(problems, places, a loader of the reading) of *path*."""
        try:
            digest = hashlib.sha1(path.read_bytes()).hexdigest()
        except OSError:  # reported as a missing file
            problems, library, lines = check_bibfile_library(path)
            return problems, lines, lambda: library
        key = f"{path}\0{digest}"
        self.used.add(key)
        store = self.folder / LIBRARY.format(digest=digest)
        if key in self.checks and store.exists():
            problems, lines = self.checks[key]
            return problems, lines, lambda: self._load(store, path)
        problems, library, lines = check_bibfile_library(path)
        self.checks[key] = (problems, lines)
        self.changed = True
        self._store(store, library)
        return problems, lines, lambda: library

    def _load(self, store: Path, path: Path) -> Library | None:
        try:
            with open(store, "rb") as handle:
                return pickle.load(handle)
        except Exception:
            return check_bibfile_library(path)[1]

    def _store(self, store: Path, library: Library | None) -> None:
        try:
            self.folder.mkdir(parents=True, exist_ok=True)
            with open(store, "wb") as handle:
                pickle.dump(library, handle, pickle.HIGHEST_PROTOCOL)
        except OSError:
            pass  # a cache that cannot be written only costs time

    def save(self) -> None:
        """Keep what this build read, and only that."""
        if not self.changed and set(self.checks) == self.used:
            return
        kept = {key: value for key, value in self.checks.items() if key in self.used}
        digests = {key.split("\0")[1] for key in kept}
        for old in self.folder.glob(LIBRARY.format(digest="*")):
            if old.stem.rsplit("-", 1)[-1] not in digests:
                old.unlink(missing_ok=True)
        try:
            with open(self.folder / CACHE, "wb") as handle:
                pickle.dump(kept, handle, pickle.HIGHEST_PROTOCOL)
        except OSError:
            pass


def check_bibfiles(app: Sphinx) -> None:
    """Warn about every problem in the bibliography files; stop the build when pybtex
    could not read them as written."""
    index = BibIndex()
    fatal = 0
    cache = _Cache(Path(app.doctreedir))
    for path in bibfiles(app):
        problems, lines, library = cache.check(path)
        for problem in problems:
            warn(problem.code, problem.message, f"{path}:{problem.line}")
            fatal += problem.code in FATAL
        index.add_library(library)
        for key, line in lines.items():
            index.places.setdefault(key.lower(), (str(path), line))
            index.keys.setdefault(key.lower(), key)
    app._reader_bib = index  # type: ignore[attr-defined]
    cache.save()
    if fatal:
        raise BibFileInvalid(
            f"{fatal} error(s) in the bibliography that stop the build; see the messages above"
        )
