"""``reader build``: every edition by default, warnings as errors."""

from __future__ import annotations

import argparse
import os
import sys

from reader.cli.options import add_project_option, add_traceback_option
from reader.runner.editions import FORMATS, build_editions
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
        action="append",
        choices=FORMATS,
        dest="formats",
        help="build only this format (repeatable); default: all of them",
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
    parser.add_argument("--quiet", "-q", action="store_true", help="print only problems")
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
            status=None if args.quiet else sys.stdout,
            warning=sys.stderr,
            parallel=args.jobs if args.jobs > 1 else 0,
        )
    except BuildFailed as error:
        print(f"reader build: failed: {error}", file=sys.stderr)
        return 1
    print(f"reader build: done; editions in {out / 'editions'}, site in {out / 'html'}")
    return 0
