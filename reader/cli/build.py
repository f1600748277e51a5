"""``reader build``: every edition by default, warnings as errors."""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

from reader.cli.options import add_project_option, add_traceback_option
from reader.runner.editions import EDITIONS, FORMATS, build_editions, shown
from reader.runner.sphinx import BuildFailed


def jobs(value: str) -> int:
    """``-j``: a number of processes, or ``auto`` for one per core."""
    if value == "auto":
        return os.cpu_count() or 1
    try:
        number = int(value)
    except ValueError:
        raise argparse.ArgumentTypeError(
            f"{value!r} is not a number of processes or 'auto'"
        ) from None
    if number < 1:
        raise argparse.ArgumentTypeError("the number of processes must be 1 or more")
    return number


def add_parser(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--format",
        "-f",
        action="extend",
        nargs="+",
        choices=FORMATS,
        dest="formats",
        metavar="FORMAT",
        help=f"build only these formats ({', '.join(FORMATS)}; `-f html pdf` or "
        "`-f html -f pdf`); default: all of them",
    )
    parser.add_argument(
        "--jobs",
        "-j",
        type=jobs,
        default=0,
        metavar="N",
        help="read and write with N processes ('auto': one per core); default: one",
    )
    add_project_option(parser)
    loudness = parser.add_mutually_exclusive_group()
    loudness.add_argument("--quiet", "-q", action="store_true", help="print only problems")
    loudness.add_argument(
        "--verbose", "-v", action="store_true", help="print Sphinx's and XeLaTeX's progress too"
    )
    add_traceback_option(parser)


def run(args: argparse.Namespace) -> int:
    project = args.project.resolve()
    if not (project / "conf.py").is_file():
        print(f"reader build: no conf.py in {project}; use --project", file=sys.stderr)
        return 1
    try:
        out = build_editions(
            project,
            args.formats or FORMATS,
            status=sys.stdout if args.verbose else None,
            warning=sys.stderr,
            progress=None if args.quiet else sys.stdout,
            parallel=args.jobs if args.jobs > 1 else 0,
        )
    except BuildFailed as error:
        print(f"reader build: failed: {error}", file=sys.stderr)
        return 1
    if not args.quiet:
        print("reader build: done.")
        for label, path in _what_to_open(out):
            print(f"  {label:<7} {shown(path)}")
    return 0


def _what_to_open(out: Path) -> list[tuple[str, Path]]:
    """The files a reader opens, those this build or an earlier one made."""
    editions = out / EDITIONS
    found = [
        ("PDF", next(iter(sorted(editions.glob("*.pdf"))), None)),
        ("EPUB", next(iter(sorted(editions.glob("*.epub"))), None)),
        ("site", out / "html" / "index.html"),
        ("BibTeX", editions / "refs.bib"),
    ]
    return [(label, path) for label, path in found if path is not None and path.is_file()]
