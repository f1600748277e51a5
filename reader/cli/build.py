"""``reader build``: every edition by default, warnings as errors."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from reader.builders.editions import FORMATS, build_editions
from reader.builders.sphinx_run import BuildFailed


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
        "--project",
        type=Path,
        default=Path.cwd(),
        help="folder with conf.py, refs.bib and source_texts/ (default: here)",
    )
    parser.add_argument("--quiet", "-q", action="store_true", help="print only problems")
    parser.add_argument("--traceback", action="store_true", help="show tracebacks of crashes")


def run(args: argparse.Namespace) -> int:
    project = args.project.resolve()
    if not (project / "conf.py").is_file():
        print(f"reader build: no conf.py in {project}; use --project", file=sys.stderr)
        return 1
    try:
        out = build_editions(
            project, args.formats or FORMATS, status=None if args.quiet else sys.stdout
        )
    except BuildFailed as error:
        print(f"reader build: failed: {error}", file=sys.stderr)
        return 1
    print(f"reader build: done; editions in {out / 'editions'}, site in {out / 'html'}")
    return 0
