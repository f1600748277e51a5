"""How ``reader check`` shows problems: text lines with hints (coloured on a terminal)
or a JSON array, and the table of codes for ``--list-codes``.

Text, one problem per two lines::

    source_texts/02-october.rst:12: error [key_not_found] citation key 'x' is not ...
      hint: Add the entry to refs.bib or correct the key (see the close matches).

JSON: an array of objects ``{code, severity, file, line, message, hint}`` (line is
1-based, 0 when the problem concerns a whole file), in the same order.
"""

from __future__ import annotations

import json
import os
from collections import Counter
from collections.abc import Iterable, Mapping
from typing import IO

from reader.diagnostics import CODES, Code, Problem, Severity


def severity(problem: Problem, strict: bool = False) -> Severity:
    """The severity of *problem*: that of its code, but ``--strict`` makes an
    unverified locator an error."""
    if strict and problem.code == "locator_unverified":
        return "error"
    return CODES[problem.code].severity


#: The fields of a problem in the JSON output, in order.
JSON_FIELDS = ("code", "severity", "file", "line", "message", "hint")

_COLOURS = {"error": "1;31", "warning": "1;33", "info": "1;36", "file": "1", "hint": "2"}


def use_colour(stream: IO[str], choice: str = "auto") -> bool:
    """Colour only on a terminal, and never with NO_COLOR set or on CI (CI=true)."""
    if choice in ("always", "never"):
        return choice == "always"
    if os.environ.get("NO_COLOR"):
        return False
    if os.environ.get("CI", "").lower() in ("true", "1", "yes"):
        return False
    isatty = getattr(stream, "isatty", None)
    return bool(isatty and isatty())


def _paint(text: str, style: str, colour: bool) -> str:
    return f"\x1b[{_COLOURS[style]}m{text}\x1b[0m" if colour else text


def as_dict(problem: Problem, strict: bool = False) -> dict[str, str | int]:
    """One problem as a JSON object."""
    return {
        "code": problem.code,
        "severity": severity(problem, strict),
        "file": problem.file,
        "line": problem.line,
        "message": problem.message,
        "hint": problem.hint,
    }


def render_json(problems: Iterable[Problem], strict: bool = False) -> str:
    """The problems as a JSON array (see the module docstring)."""
    return json.dumps([as_dict(p, strict) for p in problems], ensure_ascii=False, indent=2)


def render_text(problems: Iterable[Problem], strict: bool = False, colour: bool = False) -> str:
    """The problems as ``file:line: severity [code] message`` lines, each with its hint."""
    lines = []
    for problem in problems:
        level = severity(problem, strict)
        where = f"{problem.file}:{problem.line}" if problem.line else problem.file
        lines.append(
            f"{_paint(where + ':', 'file', colour)} {_paint(level, level, colour)} "
            f"[{problem.code}] {problem.message}"
        )
        lines.append(_paint(f"  hint: {problem.hint}", "hint", colour))
    return "\n".join(lines) + ("\n" if lines else "")


def counts(problems: Iterable[Problem], strict: bool = False) -> Mapping[str, int]:
    """How many errors, warnings and infos there are."""
    return Counter(severity(p, strict) for p in problems)


def summary(problems: list[Problem], strict: bool, texts: int, entries: int, seconds: float) -> str:
    """``reader check: 1 error, 2 warnings, 13 info in 19 texts and 148 entries (0.10 s)``."""
    found = counts(problems, strict)
    parts = [
        f"{found[level]} {label}{'s' if found[level] != 1 and level != 'info' else ''}"
        for level, label in (("error", "error"), ("warning", "warning"), ("info", "info"))
        if found[level]
    ]
    what = ", ".join(parts) if parts else "no problems"
    return (
        f"reader check: {what} in {texts} text{'s' if texts != 1 else ''} and "
        f"{entries} bibliography entr{'ies' if entries != 1 else 'y'} ({seconds:.2f} s)"
    )


def codes_table(codes: Mapping[str, Code] = CODES) -> str:
    """Every code as a Markdown table: code, severity, meaning, fix (for the guide)."""
    rows = ["| code | severity | what it means | how to fix it |", "| --- | --- | --- | --- |"]
    for code in sorted(codes.values(), key=lambda c: c.name):
        cells = [f"`{code.name}`", code.severity, code.summary, code.hint]
        rows.append("| " + " | ".join(cell.replace("|", "\\|") for cell in cells) + " |")
    return "\n".join(rows) + "\n"


def codes_json(codes: Mapping[str, Code] = CODES) -> str:
    """Every code as a JSON array of ``{code, severity, summary, hint}``."""
    return json.dumps(
        [
            {"code": c.name, "severity": c.severity, "summary": c.summary, "hint": c.hint}
            for c in sorted(codes.values(), key=lambda c: c.name)
        ],
        ensure_ascii=False,
        indent=2,
    )
