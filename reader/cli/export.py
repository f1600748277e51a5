"""``reader export``: the works cited, in a citation manager's format.

::

    reader export [--format bibtex|biblatex|csl-json|ris]
                  [--text T | --chapter N | --key K | --quotation ID | --edition]
                  [-o FILE] [--project DIR]

Without a scope, every entry of refs.bib.  The export goes to stdout (also with
``-o -``), or with ``-o`` to FILE as ``>`` would send it: a regular file (or the file
a symlink points to) is replaced whole or not at all and keeps its mode; a FIFO or a
device is written into.  A failure to write names the file and exits 1.

For ``--quotation`` the ways to cite the passage (LaTeX, pandoc, the edition's note)
are printed on stderr: the export itself stays a valid file of its format (a BibTeX
comment cannot hold pandoc's ``@``, and JSON and RIS have no comments at all).
"""

from __future__ import annotations

import argparse
import os
import sys
from dataclasses import replace
from pathlib import Path
from typing import TYPE_CHECKING

from reader.cli.options import add_project_option, add_traceback_option

if TYPE_CHECKING:
    from reader.exports.scopes import Selection, Sources

FORMAT_NAMES = ("bibtex", "biblatex", "csl-json", "ris")


def add_parser(parser: argparse.ArgumentParser) -> None:
    """The options of ``reader export``."""
    parser.add_argument(
        "--format",
        "-f",
        choices=FORMAT_NAMES,
        default="bibtex",
        help="the format of the export (default: bibtex)",
    )
    scope = parser.add_mutually_exclusive_group()
    scope.add_argument("--text", metavar="T", help="what one text cites (e.g. 01-february)")
    scope.add_argument(
        "--chapter", metavar="N", type=int, help="what the Nth text of the Texts toctree cites"
    )
    scope.add_argument("--key", metavar="K", help="one entry of refs.bib")
    scope.add_argument(
        "--quotation",
        metavar="ID",
        help="the source of one quotation; the ways to cite it are printed on stderr",
    )
    scope.add_argument(
        "--edition", action="store_true", help="the edition itself: the book and its chapters"
    )
    parser.add_argument(
        "-o",
        "--output",
        type=Path,
        metavar="FILE",
        help="write to FILE as `>` would (default, or '-': stdout)",
    )
    parser.add_argument(
        "--with-notes",
        action="store_true",
        help="CSL-JSON and RIS: include the editors' notes on the sources (refs.bib's note); "
        "the BibTeX formats carry them as annote/annotation, which styles do not print",
    )
    add_project_option(parser)
    add_traceback_option(parser)


def run(args: argparse.Namespace) -> int:
    """Export the chosen scope; 0 on success, 1 for bad input (refs.bib, scope) or output."""
    # Imported here: `reader --help` and the other verbs need none of it.
    from reader.exports.formats import FORMATS, render
    from reader.exports.scopes import ScopeError
    from reader.exports.writing import describe, write_output
    from reader.runner.project import read_project

    project = args.project.resolve()
    if not (project / "conf.py").is_file():
        print(f"reader export: no conf.py in {project}; use --project", file=sys.stderr)
        return 1
    reading = read_project(project)
    bib_errors = [
        p for p in reading.problems if p.code.startswith("bib_") and p.severity == "error"
    ]
    if bib_errors or reading.book is None:
        print("reader export: the bibliography has errors:", file=sys.stderr)
        for problem in bib_errors or reading.problems:
            print(f"  {replace(problem, file=reading.relative(problem.file))}", file=sys.stderr)
        return 1
    sources = reading.sources()
    try:
        selection = _select(sources, args)
    except ScopeError as error:
        print(f"reader export: {error}", file=sys.stderr)
        return 1

    export = FORMATS[args.format]
    header = [
        f"{export.label} export of {sources.info.title}: {selection.description}.",
        "Generated from refs.bib by `reader export`.",
    ]
    text = render(args.format, selection, header, with_notes=args.with_notes)
    if args.output is not None and str(args.output) != "-":
        try:
            write_output(args.output, text)
        except OSError as error:
            print(f"reader export: cannot write {describe(error, args.output)}", file=sys.stderr)
            return 1
        count = len(selection.entries)
        print(
            f"reader export: wrote {count} entr{'y' if count == 1 else 'ies'} "
            f"({selection.description}) to {args.output}",
            file=sys.stderr,
        )
    elif not _write_stdout(text):
        return 1
    if selection.commands is not None and selection.quotation is not None:
        quotation = selection.quotation
        print(f"Cite the quotation {quotation.id}:", file=sys.stderr)
        for line in selection.commands.lines():
            print(f"  {line}", file=sys.stderr)
    return 0


def _write_stdout(text: str) -> bool:
    """Write *text* to stdout; on failure (a full disk, a closed pipe) say so, False."""
    from reader.exports.writing import describe

    try:
        sys.stdout.write(text)
        sys.stdout.flush()
    except OSError as error:
        # a reader that stopped reading (`reader export | head`) wanted no more: quiet,
        # as other commands in a pipeline are; any other failure is said
        if not isinstance(error, BrokenPipeError):
            print(f"reader export: cannot write {describe(error, 'stdout')}", file=sys.stderr)
        # what is left in the buffer would fail again when Python flushes it at exit
        # (and turn the exit status into 120): send it nowhere
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        os.close(devnull)
        return False
    return True


def _select(sources: Sources, args: argparse.Namespace) -> Selection:
    """The selection the options ask for."""
    if args.text is not None:
        return sources.text(args.text)
    if args.chapter is not None:
        return sources.chapter(args.chapter)
    if args.key is not None:
        return sources.key(args.key)
    if args.quotation is not None:
        return sources.quotation(args.quotation)
    if args.edition:
        return sources.edition()
    return sources.everything()
