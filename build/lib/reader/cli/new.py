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
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from reader.cli.options import add_project_option, add_traceback_option

if TYPE_CHECKING:
    from reader.sources.texts import AnnotationDefinition

#: An id or a document name: letters, digits, '-' and '_' (folders with '/').
_NAME = re.compile(r"^[A-Za-z0-9][\w-]*(?:/[A-Za-z0-9][\w-]*)*$")
_ID = re.compile(r"^[A-Za-z0-9][\w.-]*$")
#: The placeholder of an event's :date: (a valid date; the summary says to replace it).
PLACEHOLDER_DATE = "1 January 1917 OS"
#: The placeholder of free-text options (printed as is, and flagged by reader check).
TODO = "TODO"


def add_parser(parser: argparse.ArgumentParser) -> None:
    """The two forms of ``reader new``."""
    sub = parser.add_subparsers(dest="what", required=True, metavar="WHAT")
    text = sub.add_parser("text", help="a new text, added to the Texts toctree")
    text.add_argument("name", metavar="NAME", help="document name, e.g. 08-the-purges")
    text.add_argument("--title", "-t", help="the title (default: from NAME)")
    annotation = sub.add_parser("annotation", help="a new annotation on its register page")
    annotation.add_argument(
        "kind", metavar="KIND", choices=("person", "gloss", "place", "org", "event")
    )
    annotation.add_argument("id", metavar="ID", help="the id mentions use, e.g. bukharin")
    for each in (text, annotation):
        add_project_option(each)
        add_traceback_option(each, hidden=True)


class NewError(Exception):
    """What was asked cannot be made; the message says why."""


def run(args: argparse.Namespace) -> int:
    """Make the text or annotation; 1 if it cannot be made."""
    from reader.checks.project import ProjectError

    try:
        if args.what == "text":
            made = new_text(args.project.resolve(), args.name, args.title)
        else:
            made = new_annotation(args.project.resolve(), args.kind, args.id)
    except (NewError, ProjectError) as error:
        print(f"reader new: {error}", file=sys.stderr)
        return 1
    for line in made:
        print(f"reader new: {line}")
    return 0


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
    """Write source_texts/NAME.rst and add NAME to the Texts toctree; what was done."""
    from reader.checks.project import SOURCE_DIR, read_conf
    from reader.sources.texts import CHAPTERS_CAPTION, scan_markup, toctree_entries

    name = name.removesuffix(".rst")
    if not _NAME.match(name):
        raise NewError(f"{name!r} is no document name: use letters, digits and '-'")
    config = read_conf(project)
    source_dir = project / SOURCE_DIR
    path = source_dir / f"{name}.rst"
    if path.exists():
        raise NewError(f"{path.relative_to(project)} already exists")
    root_doc = str(config.get("root_doc") or "index")
    root = source_dir / f"{root_doc}.rst"
    if not root.is_file():
        raise NewError(f"there is no {root.relative_to(project)} to add the text to")
    markup = scan_markup(root, root_doc)
    entries = [e for e in toctree_entries(markup) if e.caption.casefold() == "texts"]
    lines = list(markup.lines)
    if entries:
        last = entries[-1].line - 1
        indent = lines[last][: len(lines[last]) - len(lines[last].lstrip())]
        at = last + 1
        insert = [f"{indent}{name}"]
    else:
        at = _after_toctree_options(lines, CHAPTERS_CAPTION)
        insert = ["", f"   {name}"]
    title = (title or title_from_name(name)).strip()
    if not title:
        raise NewError("the title is empty")
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text_source(title), encoding="utf-8")
    _write_lines(root, lines[:at] + insert + lines[at:])
    return [
        f"wrote {path.relative_to(project)} ({title!r})",
        f"added {name} to the {CHAPTERS_CAPTION} toctree of {root.relative_to(project)}",
    ]


def _after_toctree_options(lines: list[str], caption: str) -> int:
    """The index after the options of the toctree captioned *caption* (no entries yet)."""
    for index, line in enumerate(lines):
        if re.match(rf"^\s+:caption:\s*{re.escape(caption)}\s*$", line, re.IGNORECASE):
            end = index + 1
            while end < len(lines) and re.match(r"^\s+:[\w-]+:", lines[end]):
                end += 1
            return end
    raise NewError(f'the root document has no toctree with ":caption: {caption}"')


def _write_lines(path: Path, lines: list[str]) -> None:
    while lines and not lines[-1].strip():
        lines.pop()
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")


# --------------------------------------------------------------------- annotations


def placeholder_name(ident: str) -> str:
    """The :name: of a new annotation: its id title-cased (``nicholas-ii``: Nicholas Ii)."""
    return ident.replace("-", " ").replace("_", " ").title()


def annotation_source(kind: str, ident: str) -> list[str]:
    """The directive for a new annotation, every option with its placeholder, in the
    order of the register pages: name, original, the kind's own options, sources."""
    from reader.checks.registers import OPTIONS

    values = {"name": placeholder_name(ident), "sources": "", "date": PLACEHOLDER_DATE, "end": ""}
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
    from reader.checks.project import SOURCE_DIR, load_project
    from reader.checks.registers import REGISTERS

    if not _ID.match(ident):
        raise NewError(f"{ident!r} is no id: use lower-case letters, digits and '-'")
    loaded = load_project(project)
    for markup in loaded.markup.values():
        for definition in markup.definitions:
            if (definition.kind, definition.id) == (kind, ident):
                where = f"{loaded.file(markup.docname)}:{definition.line}"
                raise NewError(f"the {kind} {ident!r} is already defined at {where}")
    register = REGISTERS[kind]
    path = project / SOURCE_DIR / f"{register}.rst"
    if register not in loaded.markup:
        raise NewError(f"there is no register page {path.relative_to(project)}; create it first")
    markup = loaded.markup[register]
    block = annotation_source(kind, ident)
    lines = list(markup.lines)
    at = _insertion_point(lines, markup.definitions, kind, ident)
    before, after = lines[:at], lines[at:]
    while before and not before[-1].strip():
        before.pop()
    while after and not after[0].strip():
        after.pop(0)
    _write_lines(path, [*before, "", *block, *([""] + after if after else [])])
    line = len(before) + 2
    return [
        f"added the {kind} {ident!r} to {path.relative_to(project)}:{line}",
        f"mention it as :{kind}:`Words <{ident}>`, replace the TODOs, then run `reader check`",
    ]


def _sort_key(kind: str, ident: str, name: str) -> str:
    """People are in order of id (their surname), the others of name (without 'The')."""
    key = ident if kind == "person" else re.sub(r"^the\s+", "", name.strip(), flags=re.I)
    return key.casefold()


def _insertion_point(
    lines: list[str], definitions: Sequence[AnnotationDefinition], kind: str, ident: str
) -> int:
    """Before the first definition of *kind* that sorts after the new one, else after the
    last definition of *kind* (or at the end of the page)."""
    new_key = _sort_key(kind, ident, placeholder_name(ident))
    same = [d for d in definitions if d.kind == kind]
    for definition in same:
        existing = definition.option("name")
        key = _sort_key(kind, definition.id, existing.value if existing else definition.id)
        if key > new_key:
            return definition.line - 1
    if not same:
        return len(lines)
    last = same[-1].line - 1
    end = last + 1
    while end < len(lines) and (not lines[end].strip() or lines[end][:1] in " \t"):
        end += 1
    return end
