"""The project as the checks see it: conf.py, the texts and refs.bib, read without Sphinx.

:func:`load_project` executes conf.py (as Sphinx does) for the few settings that
matter here, scans every text of ``source_texts/`` once with the plain-Python
scanners of :mod:`reader.sources.texts`, and checks each bibliography file with
:func:`reader.sources.bibfile.check_bibfile`.  Every check module then works on
this one :class:`Project`; nothing is read twice.
"""

from __future__ import annotations

import fnmatch
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from reader.diagnostics import Problem
from reader.sources.bibfile import check_bibfile, entry_lines
from reader.sources.texts import Book, Markup, SourceText, scan_book, scan_markup

#: The folder of the texts, inside the project (as ``reader build`` has it).
SOURCE_DIR = "source_texts"


class ProjectError(Exception):
    """The folder is no project (no conf.py), or conf.py cannot be executed."""


@dataclass(frozen=True)
class BibEntry:
    """One entry of a bibliography file: its key as written, file and line."""

    key: str
    file: str
    line: int


@dataclass(frozen=True)
class Bibliography:
    """What the checks need of the bibliography files."""

    files: tuple[Path, ...]
    problems: tuple[Problem, ...]  # check_bibfile's, with project-relative file names
    entries: dict[str, BibEntry]  # lower-cased key -> first entry (BibTeX ignores case)
    texts: dict[str, str]  # project-relative file name -> text of the file

    def find(self, key: str) -> BibEntry | None:
        """The entry cited as *key* (keys are matched without regard to case, as pybtex
        matches them), or None."""
        return self.entries.get(key.lower())


@dataclass(frozen=True)
class Project:
    """The sources of one edition, scanned."""

    root: Path
    source_dir: Path
    root_doc: str
    suppressed: frozenset[str]  # codes silenced by conf.py's suppress_warnings
    extensions: tuple[str, ...]
    book: Book
    markup: dict[str, Markup]  # docname -> annotations, roles, footnotes of the text
    excluded: frozenset[str]  # docnames that conf.py's exclude_patterns leave out
    bib: Bibliography

    def texts(self) -> list[SourceText]:
        """The texts Sphinx reads (excluded ones left out), in the order of the book."""
        return [text for name, text in self.book.texts.items() if name not in self.excluded]

    def file(self, docname: str) -> str:
        """The text's file, relative to the project: ``source_texts/01-february.rst``."""
        path = self.book.texts[docname].path
        try:
            return path.relative_to(self.root).as_posix()
        except ValueError:
            return self.relative(path)

    def relative(self, path: Path) -> str:
        """*path* relative to the project root when it is inside it, else as given."""
        path = Path(path)
        try:
            return path.resolve().relative_to(self.root).as_posix()
        except ValueError:
            return str(path)


def load_project(root: Path) -> Project:
    """Read conf.py, scan the texts and check the bibliography files of *root*."""
    root = Path(root).resolve()
    config = read_conf(root)
    source_dir = root / SOURCE_DIR
    root_doc = str(config.get("root_doc") or "index")
    book = scan_book(source_dir, root_doc)
    markup = {name: scan_markup(text.path, name) for name, text in book.texts.items()}
    patterns = [str(p) for p in config.get("exclude_patterns") or []]
    excluded = frozenset(
        name
        for name, text in book.texts.items()
        if any(
            fnmatch.fnmatch(text.path.relative_to(source_dir).as_posix(), pattern)
            or fnmatch.fnmatch(name, pattern)
            for pattern in patterns
        )
    )
    bibfiles = tuple(root / str(name) for name in config.get("bibtex_bibfiles") or [])
    return Project(
        root=root,
        source_dir=source_dir,
        root_doc=root_doc,
        suppressed=_suppressed(config.get("suppress_warnings") or []),
        extensions=tuple(str(e) for e in config.get("extensions") or []),
        book=book,
        markup=markup,
        excluded=excluded,
        bib=_bibliography(root, bibfiles),
    )


def read_conf(root: Path) -> dict[str, Any]:
    """The settings of *root*/conf.py, executed as Sphinx executes it."""
    conf = root / "conf.py"
    if not conf.is_file():
        raise ProjectError(f"no conf.py in {root}; use --project DIR")
    from sphinx.config import eval_config_file  # imported only when a project is read
    from sphinx.errors import ConfigError
    from sphinx.util.tags import Tags

    try:
        return dict(eval_config_file(conf, Tags()))
    except ConfigError as error:
        raise ProjectError(f"{conf}: {error}") from None


def _suppressed(values: list[str]) -> frozenset[str]:
    """The reader codes that ``suppress_warnings`` silences ("reader" silences all)."""
    from reader.diagnostics import CODES

    codes: set[str] = set()
    for value in values:
        if value == "reader":
            codes.update(CODES)
        elif value.startswith("reader."):
            codes.add(value.removeprefix("reader."))
    return frozenset(codes)


def _bibliography(root: Path, files: tuple[Path, ...]) -> Bibliography:
    """Check each bibliography file and index its entries by key."""

    def shown(path: Path) -> str:
        try:
            return path.resolve().relative_to(root).as_posix()
        except ValueError:
            return str(path)

    problems: list[Problem] = []
    entries: dict[str, BibEntry] = {}
    texts: dict[str, str] = {}
    for path in files:
        name = shown(path)
        problems.extend(
            Problem(p.code, name, p.line, p.message.replace(str(path), name))
            for p in check_bibfile(path)
        )
        if not path.is_file():
            continue
        texts[name] = path.read_text(encoding="utf-8-sig", errors="replace")
        for key, line in entry_lines(path).items():
            entries.setdefault(key.lower(), BibEntry(key, name, line))
    return Bibliography(files, tuple(problems), entries, texts)
