"""``reader new``: start a text or an annotation from a template that passes the checks.

::

    reader new text NAME [--title T] [--project DIR]
    reader new annotation KIND ID [--project DIR]

``new text`` writes ``source_texts/NAME.rst`` (a title and a placeholder paragraph)
and adds NAME to the "Texts" toctree of the root document, after its last entry.

``new annotation`` adds a directive of KIND (person, gloss, place, org, event) with
every option of that kind to its register page (people.rst, glossary.rst,
places.rst, organisations.rst, events.rst), in alphabetical place: people by id
(their surname), the other kinds by name.  The placeholders are valid values, so
the page builds, but obvious: ``:name:`` is the id title-cased, free-text options
say ``TODO``, ``:sources:`` and an event's ``:end:`` are empty, an event's
``:date:`` is ``1 January 1917 OS``, and the summary starts with ``TODO:``.
``reader check`` warns about every TODO (``todo_marker``) until it is replaced.
"""

from __future__ import annotations

import argparse
import re
import sys
import textwrap
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from reader.cli.options import add_project_option, add_traceback_option
from reader.sources.ids import id_fault, text_name_fault
from reader.sources.kinds import KINDS, OPTIONS, REGISTERS

if TYPE_CHECKING:
    from reader.extension.book import Book

#: The placeholder of an event's :date: (a valid date; the summary says to replace it).
PLACEHOLDER_DATE = "1 January 1917 OS"
#: The placeholder of free-text options (printed as is, and flagged by reader check).
TODO = "TODO"
#: What a title may not hold: it would be markup, or end the title line.
_TITLE_FAULTS = re.compile(r"[`\\\r\n\t]")


def add_parser(parser: argparse.ArgumentParser) -> None:
    """The two forms of ``reader new``."""
    sub = parser.add_subparsers(dest="what", required=True, metavar="WHAT")
    text = sub.add_parser("text", help="a new text, added to the numbered (chapters) toctree")
    text.add_argument("name", metavar="NAME", help="document name, e.g. 08-the-purges")
    text.add_argument("--title", "-t", help="the title (default: from NAME)")
    kinds = ", ".join(f"{kind} ({REGISTERS[kind]}.rst)" for kind in KINDS)
    annotation = sub.add_parser(
        "annotation",
        help="a new annotation on its register page",
        description=f"Add an annotation to its register page. KIND is one of: {kinds}.",
    )
    annotation.add_argument(
        "kind", metavar="KIND", choices=tuple(KINDS), help=f"one of {', '.join(KINDS)}"
    )
    annotation.add_argument("id", metavar="ID", help="the id mentions use, e.g. bukharin")
    for each in (text, annotation):
        add_project_option(each)
        add_traceback_option(each, hidden=True)


class NewError(Exception):
    """What was asked cannot be made; the message says why."""


def run(args: argparse.Namespace) -> int:
    """Make the text or annotation; 1 if it cannot be made."""
    project = args.project.resolve()
    try:
        if not (project / "conf.py").is_file():
            raise NewError(f"no conf.py in {project}; use --project DIR")
        if args.what == "text":
            made = new_text(project, args.name, args.title)
        else:
            made = new_annotation(project, args.kind, args.id)
    except NewError as error:
        print(f"reader new: {error}", file=sys.stderr)
        return 1
    for line in made:
        print(f"reader new: {line}")
    return 0


def _read_book(project: Path) -> Book:
    from reader.runner.project import read_project

    reading = read_project(project)
    if reading.book is None:
        raise NewError("the project cannot be read; run `reader check`")
    return reading.book


# ----------------------------------------------------------------- files as written


@dataclass
class SourceFile:
    """A text's lines, with the byte-order mark and line ending it was written with."""

    path: Path
    lines: list[str]
    bom: bool
    newline: str

    @classmethod
    def read(cls, path: Path) -> SourceFile:
        data = path.read_bytes()
        bom = data.startswith(b"\xef\xbb\xbf")
        text = data.decode("utf-8-sig")
        newline = "\r\n" if "\r\n" in text else "\n"
        return cls(path, text.split(newline), bom, newline)

    def write(self, lines: list[str]) -> None:
        while lines and not lines[-1].strip():
            lines.pop()
        text = self.newline.join(lines) + self.newline
        self.path.write_bytes((b"\xef\xbb\xbf" if self.bom else b"") + text.encode("utf-8"))


# --------------------------------------------------------------------------- texts


def title_from_name(name: str) -> str:
    """``08-the-purges`` -> ``The purges``."""
    words = re.sub(r"^\d+[-_]*", "", name.rsplit("/", 1)[-1]).replace("_", " ").replace("-", " ")
    words = words.strip() or name
    return words[:1].upper() + words[1:]


def text_source(title: str) -> str:
    """A text with *title* and a placeholder paragraph."""
    rule = "=" * len(title)
    return (
        f"{rule}\n{title}\n{rule}\n\n"
        "TODO: write the text. Cite with :cite: (see docs/annotators-guide.md), mention\n"
        "annotations with their roles, and run ``reader check``.\n"
    )


def new_text(project: Path, name: str, title: str | None) -> list[str]:
    """Write the text NAME and add it to the chapters' toctree; what was done."""
    name = name.removesuffix(".rst")
    if fault := text_name_fault(name):
        raise NewError(fault)
    title = " ".join((title or title_from_name(name)).split(" ")).strip()
    if not title:
        raise NewError("the title is empty")
    if bad := _TITLE_FAULTS.search(title):
        raise NewError(f"the title cannot hold {bad[0]!r}: it would be markup in the text")
    book = _read_book(project)
    path = book.source_dir / f"{name}.rst"
    if path.exists():
        raise NewError(f"{path.relative_to(project)} already exists")
    numbered = [t for t in book.toctrees if t.numbered and t.docname == book.root_doc]
    if not numbered:
        raise NewError(
            f"the root document ({book.root_doc}) has no numbered toctree (`:numbered:`) "
            "for the chapters"
        )
    toctree = numbered[-1]
    chapter = max((t.chapter or 0 for t in book.texts.values()), default=0) + 1
    warnings = _chapter_number_clash(book, name, chapter)
    root = SourceFile.read(book.texts[book.root_doc].path)
    at, indent, first = _toctree_end(root.lines, toctree.lineno)
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text_source(title), encoding="utf-8")
    entry = ["", f"{indent}{name}"] if first else [f"{indent}{name}"]
    root.write(root.lines[:at] + entry + root.lines[at:])
    for warning in warnings:
        print(f"reader new: warning: {warning}", file=sys.stderr)
    return [
        f"wrote {path.relative_to(project)} ({title!r})",
        f"added {name} to the chapters' toctree of {root.path.relative_to(project)} "
        f"(chapter {chapter})",
    ]


def _chapter_number_clash(book: Book, name: str, chapter: int) -> list[str]:
    """A warning when NAME's number prefix (``08-…``) is one another text already has,
    or differs from *chapter*, the number the new text will get."""
    number = re.match(r"(\d+)[-_]", name.rsplit("/", 1)[-1])
    if number is None:
        return []
    taken = [
        text.docname
        for text in book.texts.values()
        if (other := re.match(r"(\d+)[-_]", text.docname.rsplit("/", 1)[-1]))
        and int(other[1]) == int(number[1])
    ]
    if taken:
        return [
            f"the number {number[1]} of {name} is already used by {', '.join(sorted(taken))}; "
            "rename one of them so that file names follow the chapters"
        ]
    if int(number[1]) != chapter:
        return [f"{name} is numbered {number[1]} but will be chapter {chapter}"]
    return []


def _toctree_end(lines: list[str], lineno: int) -> tuple[int, str, bool]:
    """Where a new entry goes in the toctree at *lineno* (after its last line), the
    indentation of its entries, and whether it is the first (a blank line goes before)."""
    start = lineno - 1
    directive_indent = len(lines[start]) - len(lines[start].lstrip())
    end, last, indent = start + 1, start, " " * (directive_indent + 3)
    while end < len(lines):
        line = lines[end]
        if line.strip() and len(line) - len(line.lstrip()) <= directive_indent:
            break
        if line.strip():
            last = end
            if not line.strip().startswith(":"):
                indent = line[: len(line) - len(line.lstrip())]
        end += 1
    if last == start or lines[last].strip().startswith(":"):
        return last + 1, indent, True  # no entries yet: after the options
    return last + 1, indent, False


# --------------------------------------------------------------------- annotations


def placeholder_name(ident: str) -> str:
    """The :name: of a new annotation: its id title-cased (``nicholas-ii``: Nicholas Ii)."""
    return ident.replace("-", " ").title()


def annotation_source(kind: str, ident: str) -> list[str]:
    """The directive for a new annotation, every option with its placeholder, in the
    order of the register pages: name, original, the kind's own options, sources."""
    values = {
        "name": placeholder_name(ident),
        "index": "",
        "lang": "",  # conf.py's reader_original_language, unless the original says
        "sources": "",
        "date": PLACEHOLDER_DATE,
        "end": "",
    }
    order = sorted(OPTIONS[kind], key=lambda option: option == "sources")
    lines = [f".. {kind}:: {ident}"]
    lines += [f"   :{option}: {values.get(option, TODO)}".rstrip() for option in order]
    summary = "TODO: a short summary in our own words; give the works it rests on in :sources:"
    if kind == "event":
        summary += f", and replace the placeholder date ({PLACEHOLDER_DATE})"
    lines.append("")
    lines += textwrap.wrap(summary + ".", width=84, initial_indent="   ", subsequent_indent="   ")
    return lines


def new_annotation(project: Path, kind: str, ident: str) -> list[str]:
    """Add the directive to the register page of *kind*; what was done."""
    if fault := id_fault(ident):
        raise NewError(fault)
    book = _read_book(project)
    existing = book.annotations.get((kind, ident))
    if existing is not None:
        where = f"{book.texts[existing.docname].path.relative_to(project)}:{existing.lineno}"
        raise NewError(f"the {kind} {ident!r} is already defined at {where}")
    register = REGISTERS[kind]
    if register not in book.texts:
        path = book.source_dir / f"{register}.rst"
        raise NewError(f"there is no register page {path.relative_to(project)}; create it first")
    page = SourceFile.read(book.texts[register].path)
    same = sorted(
        (a for a in book.annotations.values() if a.kind == kind and a.docname == register),
        key=lambda a: a.lineno,
    )
    at = _insertion_point(page.lines, same, kind, ident)
    before, after = page.lines[:at], page.lines[at:]
    while before and not before[-1].strip():
        before.pop()
    while after and not after[0].strip():
        after.pop(0)
    block = annotation_source(kind, ident)
    page.write([*before, "", *block, *([""] + after if after else [])])
    line = len(before) + 2
    return [
        f"added the {kind} {ident!r} to {page.path.relative_to(project)}:{line}",
        f"mention it as :{kind}:`Words <{ident}>`, replace the TODOs, then run `reader check`",
    ]


def _sort_key(kind: str, ident: str, name: str) -> str:
    """People are in order of id (their surname), the others of name (without 'The')."""
    key = ident if kind == "person" else re.sub(r"^the\s+", "", name.strip(), flags=re.I)
    return key.casefold()


def _insertion_point(lines: list[str], same: list, kind: str, ident: str) -> int:
    """Before the first definition of *kind* that sorts after the new one, else after the
    last definition of *kind* (or at the end of the page)."""
    new_key = _sort_key(kind, ident, placeholder_name(ident))
    for definition in same:
        if _sort_key(kind, definition.id, definition.name) > new_key:
            return definition.lineno - 1
    if not same:
        return len(lines)
    end = same[-1].lineno
    while end < len(lines) and (not lines[end].strip() or lines[end][:1] in " \t"):
        end += 1
    return end
