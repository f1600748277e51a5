"""Warnings with a reader code, so that Sphinx and ``reader check`` agree.

Every warning is logged as ``type="reader", subtype=<code>``: the code is the one
in :data:`reader.diagnostics.CODES`, and its hint is appended so that the message
says what to do.
"""

from __future__ import annotations

from typing import Any

from sphinx.util import logging

from reader.diagnostics import CODES, Problem

logger = logging.getLogger("reader")


def warn(code: str, message: str, location: Any = None) -> None:
    """Log one problem under its code; *location* is a node, (docname, line) or 'file:line'."""
    spec = CODES[code]
    log = logger.info if spec.severity == "info" else logger.warning
    log(f"{message}. {spec.hint}", location=location, type="reader", subtype=code)


def warn_problem(problem: Problem) -> None:
    """Log a :class:`Problem` found by a plain-Python checker."""
    where = f"{problem.file}:{problem.line}" if problem.line else f"{problem.file}:"
    warn(problem.code, problem.message, location=where)
