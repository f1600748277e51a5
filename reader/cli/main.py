"""Entry point of the ``reader`` command: dispatch to the verb modules."""

from __future__ import annotations

import argparse
import importlib
import sys
from collections.abc import Sequence

VERBS = {
    "build": "Build the editions: HTML, EPUB, PDF and the BibTeX export.",
    "export": "Export the works cited (BibTeX, BibLaTeX, CSL-JSON, RIS): all or one scope.",
    "check": "Check the sources (texts, annotations, refs.bib) without building: every problem.",
    "serve": "Preview the HTML site on localhost, rebuilt on every save.",
    "stats": "Count words, notes, citations, quotations and annotations, text by text.",
    "new": "Start a new text or annotation from a template that passes the checks.",
}


def make_parser(verb: str | None = None) -> argparse.ArgumentParser:
    """The command's parser; with *verb*, only that verb's module is imported (the
    others' imports would cost every ``reader check`` a noticeable part of its time)."""
    parser = argparse.ArgumentParser(
        prog="reader", description="Build and maintain an annotated reader."
    )
    parser.add_argument("--version", action="version", version=f"reader {_version()}")
    sub = parser.add_subparsers(dest="verb", required=True, metavar="COMMAND")
    for name, help_text in VERBS.items():
        verb_parser = sub.add_parser(name, help=help_text, description=help_text)
        if verb is None or name == verb:
            module = importlib.import_module(f"reader.cli.{name.replace('-', '_')}")
            module.add_parser(verb_parser)
    return parser


def _version() -> str:
    """The installed package's version (pyproject.toml's, through its metadata)."""
    from importlib.metadata import PackageNotFoundError, version

    try:
        return version("sphinx-reader")
    except PackageNotFoundError:  # run from a checkout that was never installed
        return "(not installed)"


def _verb(argv: Sequence[str]) -> str | None:
    """The verb *argv* names (its first word that is not an option), if any."""
    first = next((word for word in argv if not word.startswith("-")), None)
    return first if first in VERBS else None


def main(argv: Sequence[str] | None = None) -> int:
    """Run ``reader`` with *argv*; return the exit code (0 ok, 1 problems, 2 crash)."""
    words = sys.argv[1:] if argv is None else list(argv)
    args = make_parser(_verb(words)).parse_args(words)
    module = importlib.import_module(f"reader.cli.{args.verb.replace('-', '_')}")
    try:
        return int(module.run(args))
    except KeyboardInterrupt:
        print("reader: interrupted", file=sys.stderr)
        return 130
    except OSError as error:  # the machine, not the program: a full disk, a read-only folder
        if getattr(args, "traceback", False):
            raise
        where = f" ({error.filename})" if error.filename else ""
        print(f"reader {args.verb}: {error.strerror or error}{where}", file=sys.stderr)
        return 1
    except Exception as error:  # a crash is reported once, without a traceback
        if getattr(args, "traceback", False):
            raise
        print(
            f"reader: internal error: {type(error).__name__}: {error}\n"
            "(run again with --traceback to see where)",
            file=sys.stderr,
        )
        return 2


if __name__ == "__main__":
    sys.exit(main())
