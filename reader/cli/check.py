"""``reader check``: every problem of the sources at once, exactly as the build finds them.

::

    reader check [FILE ...] [--project DIR] [--format text|json] [--select CODE,...]
                 [--ignore CODE,...] [--strict] [--color auto|always|never]
                 [--exit-zero]
    reader check --list-codes [--format text|json]

The texts are read by Sphinx itself, with the ``reader-check`` builder, which writes
nothing (:mod:`reader.runner.project`): the problems, codes, files and lines are the
build's.  Only texts changed since the last check are read again.  Given FILEs
(texts), only their problems are reported, with those of refs.bib, conf.py and the
register pages whose annotations they mention.  Problems are
printed sorted by file and line, each with a hint (``suppress_warnings =
["reader.<code>"]`` in conf.py silences a code here too).  Exit status: 0 when there
is no error (warnings and info do not fail), 1 when there is one (``--strict``:
unverified locators are errors), 2 for a bad option.
"""

from __future__ import annotations

import argparse
import sys
import time
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import TYPE_CHECKING

from reader.cli.options import add_project_option, add_traceback_option

if TYPE_CHECKING:
    from reader.runner.project import Reading


def add_parser(parser: argparse.ArgumentParser) -> None:
    """The options of ``reader check``."""
    parser.add_argument(
        "files",
        nargs="*",
        type=Path,
        metavar="FILE",
        help="check only these texts (with refs.bib and the registers they use); "
        "default: every text",
    )
    add_project_option(parser)
    parser.add_argument(
        "--format",
        "-f",
        choices=("text", "json"),
        default="text",
        help="text (default): one problem and its hint per two lines; json: an array of "
        "{code, severity, file, line, message, hint}",
    )
    parser.add_argument(
        "--select",
        metavar="CODE,...",
        action="append",
        default=[],
        help="report only these codes (comma-separated, repeatable)",
    )
    parser.add_argument(
        "--ignore",
        metavar="CODE,...",
        action="append",
        default=[],
        help="do not report these codes (comma-separated, repeatable)",
    )
    parser.add_argument(
        "--strict", action="store_true", help="unverified locators (`{?p. 3}`) are errors"
    )
    parser.add_argument(
        "--color",
        "--colour",
        choices=("auto", "always", "never"),
        default="auto",
        help="colour the text output (auto: on a terminal, unless NO_COLOR or CI is set)",
    )
    parser.add_argument(
        "--exit-zero",
        action="store_true",
        help="exit 0 even when there are errors (to report only, as `reader serve` does)",
    )
    parser.add_argument(
        "--list-codes", action="store_true", help="print every problem code and exit"
    )
    add_traceback_option(parser)


def parse_codes(values: list[str]) -> frozenset[str]:
    """Codes from ``--select``/``--ignore`` values: comma-separated, ``reader.`` allowed."""
    from reader.diagnostics import CODES

    codes = {
        code.strip().removeprefix("reader.")
        for value in values
        for code in value.split(",")
        if code.strip()
    }
    unknown = sorted(codes - set(CODES))
    if unknown:
        raise ValueError(
            f"unknown code{'s' if len(unknown) > 1 else ''} {', '.join(unknown)}; "
            "`reader check --list-codes` lists them"
        )
    return frozenset(codes)


@dataclass(frozen=True)
class Options:
    """Which problems to report: ``select`` (when not empty) keeps only those codes,
    ``ignore`` drops codes; ``strict`` makes unverified locators errors."""

    select: frozenset[str] = field(default_factory=frozenset)
    ignore: frozenset[str] = field(default_factory=frozenset)
    strict: bool = False

    def wants(self, code: str) -> bool:
        if self.select and code not in self.select:
            return False
        return code not in self.ignore


def run(args: argparse.Namespace) -> int:
    """Check the project; 0 without errors, 1 with, 2 for a bad option."""
    from reader.cli import check_output as output
    from reader.runner.project import read_project

    if args.list_codes:
        sys.stdout.write(
            output.codes_json() + "\n" if args.format == "json" else output.codes_table()
        )
        return 0
    try:
        options = Options(parse_codes(args.select), parse_codes(args.ignore), args.strict)
    except ValueError as error:
        print(f"reader check: {error}", file=sys.stderr)
        return 2
    project = args.project.resolve()
    if not (project / "conf.py").is_file():
        print(f"reader check: no conf.py in {project}; use --project DIR", file=sys.stderr)
        return 0 if args.exit_zero else 1
    started = time.perf_counter()
    reading = read_project(project)
    try:
        shown = _shown_texts(reading, args.files)
    except ValueError as error:
        print(f"reader check: {error}", file=sys.stderr)
        return 2
    # problems in the texts not shown are left out; those of refs.bib and conf.py stay
    hidden = (
        {reading.relative(str(t.path)) for t in reading.book.texts.values()} - shown
        if shown is not None and reading.book is not None
        else set()
    )
    problems = sorted(
        {
            replace(problem, file=reading.relative(problem.file))
            for problem in reading.problems
            if options.wants(problem.code) and reading.relative(problem.file) not in hidden
        },
        key=lambda p: (p.file, p.line, p.code, p.message),
    )
    elapsed = time.perf_counter() - started
    if args.format == "json":
        sys.stdout.write(output.render_json(problems, args.strict) + "\n")
    else:
        colour = output.use_colour(sys.stdout, args.color)
        sys.stdout.write(output.render_text(problems, args.strict, colour))
        texts = len(shown) if shown is not None else len(reading.book.texts) if reading.book else 0
        print(output.summary(problems, args.strict, texts, len(reading.entries), elapsed))
    if reading.stopped:
        # nothing was checked (conf.py cannot be read, say): never a green check
        print(f"reader check: the texts were not checked: {reading.stopped}", file=sys.stderr)
        return 1
    failed = output.counts(problems, args.strict)["error"] and not args.exit_zero
    return 1 if failed else 0


def _shown_texts(reading: Reading, files: list[Path]) -> set[str] | None:
    """The texts whose problems are shown for FILEs: the named texts and the register
    pages of the annotations they mention (None: every text)."""
    if not files or reading.book is None:
        return None
    book = reading.book
    by_path = {text.path.resolve(): text for text in book.texts.values()}
    shown: set[str] = set()
    for file in files:
        # as the shell completes it (from here), or as the project's path (with --project)
        text = by_path.get(file.resolve()) or by_path.get((reading.root / file).resolve())
        if text is None:
            raise ValueError(f"{file} is not a text of this project (see source_texts/)")
        shown.add(reading.relative(str(text.path)))
        for mention in text.mentions:
            if (annotation := book.annotations.get(mention)) is not None:
                shown.add(reading.relative(str(book.texts[annotation.docname].path)))
    return shown
