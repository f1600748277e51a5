"""Options every verb shares, declared once."""

from __future__ import annotations

import argparse
from pathlib import Path


def add_project_option(parser: argparse.ArgumentParser) -> None:
    """``--project DIR``: the edition's folder (conf.py, refs.bib, source_texts/)."""
    parser.add_argument(
        "--project",
        type=Path,
        default=Path.cwd(),
        help="folder with conf.py, refs.bib and source_texts/ (default: here)",
    )


def add_traceback_option(parser: argparse.ArgumentParser, *, hidden: bool = False) -> None:
    """``--traceback``: let a crash show where it happened."""
    parser.add_argument(
        "--traceback",
        action="store_true",
        help=argparse.SUPPRESS if hidden else "show tracebacks of crashes",
    )
