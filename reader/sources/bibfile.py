"""Load refs.bib, and find every fault in it at the line where the fault is.

bibtexparser (v2) reads the file for the exports, but it is a poor witness of faults:
it reports a broken entry at the line where the entry starts (or where it gave up),
it silently ends an entry at an extra ``}`` and turns the fields after it into a
comment, and it leaves undefined ``@string`` macros in place as if they were text.
So :func:`check_bibfile` first walks the raw text itself with a small brace- and
quote-aware scanner (:class:`_Scanner`), which knows where every ``{`` opened, and
only then asks bibtexparser for what the scanner does not explain.

The scanner follows BibTeX (and pybtex, which sphinxcontrib-bibtex uses at build
time): every ``{`` and ``}`` counts, a backslash does not escape them, and an entry
starts at ``@type{`` or ``@type(`` anywhere outside another entry, even on a line
that starts with ``%`` (BibTeX has no ``%`` comments: such lines are only ignored
because BibTeX ignores all text between entries).
"""

from __future__ import annotations

import bisect
import dataclasses
import logging
import re
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

import bibtexparser
from bibtexparser.library import Library
from bibtexparser.middlewares import ResolveStringReferencesMiddleware
from bibtexparser.middlewares.enclosing import RemoveEnclosingMiddleware
from bibtexparser.middlewares.middleware import LibraryMiddleware
from bibtexparser.model import (
    DuplicateBlockKeyBlock,
    DuplicateFieldKeyBlock,
    Entry,
    ParsingFailedBlock,
)

from reader.diagnostics import Problem
from reader.sources.tex import NAME_FIELDS, comma_faults, tex_faults
from reader.sources.urls import unsafe_urls

__all__ = [
    "REQUIRED_FIELDS",
    "BibFileError",
    "check_bibfile",
    "entry_lines",
    "load_library",
]

#: Fields each entry type needs; a tuple lists alternatives, any one of which will do.
#: A book's publisher is not required: historians' sources (pamphlets, party
#: publications, samizdat) often have none.  Articles and web pages need no date:
#: an unverified year is left out and the note style prints "n.d." (CMOS 18).
#: @inbook follows biblatex (title of the part, booktitle of the book); the classic
#: BibTeX form, where title names the book and chapter the part, is accepted too,
#: hence booktitle *or* chapter.
REQUIRED_FIELDS: dict[str, list[tuple[str, ...]]] = {
    "book": [("author", "editor"), ("title",), ("year", "date")],
    "article": [("author",), ("title",), ("journal", "journaltitle")],
    "incollection": [("author",), ("title",), ("booktitle",)],
    "inbook": [("author",), ("title",), ("booktitle", "chapter")],
    "online": [("title",), ("url",)],
    "misc": [("title",)],
}
#: What an entry of any other type needs.
DEFAULT_REQUIRED_FIELDS: list[tuple[str, ...]] = [("title",)]

#: Macros every BibTeX style defines.
MONTH_MACROS = frozenset(
    ["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"]
)

# The start of a block, as bibtexparser and pybtex see it: `@type` then `{` or `(`.
_BLOCK_START = re.compile(r"@(\w+)[ \t]*([{(])")
# A block starting at the beginning of a line: inside an unclosed entry, this is where
# bibtexparser gives up on it, and where the scanner decides the entry ran on too far.
_BLOCK_AT_LINE_START = re.compile(r"[ \t]*@\w+[ \t]*[{(]")
# The characters that matter inside a block body; the text between them is skipped.
_MARK = re.compile(r'[{}"),=#\n]')
# A line that begins a field (`year = ...`) or is the lone `}` closing an entry.  Seen
# while a value is still open, it tells which value swallowed the rest of the entry.
_FIELD_OR_CLOSER_LINE = re.compile(r"[ \t]*(?:[A-Za-z][\w.:+-]*[ \t]*=|[})][ \t]*$)", re.MULTILINE)
# pybtex's names (field names, macro names) and numbers: the only bare values it takes.
_NAME_CHARS = r"A-Za-z@!$&*+\-./:;<>?\[\\\]^_`|~"
_NAME = re.compile(rf"[{_NAME_CHARS}][{_NAME_CHARS}0-9]*")
_NUMBER = re.compile(r"[0-9]+")
# A field name at the start of a line (after a comma, maybe): what an extra '}' cut off.
_FIELD_NAME_AT_LINE_START = re.compile(r"^[ \t,]*([A-Za-z][\w.:+-]*)[ \t]*=", re.MULTILINE)
# Text between entries that is no comment: what an extra '}' cut off from an entry, a
# stray '}', or an "@type{key," line broken so that it starts no entry.
_STRUCTURAL_JUNK = re.compile(r"^[,}@]|[={}]")

#: Block types that are not entries.
_SPECIAL_BLOCKS = frozenset({"comment", "preamble", "string"})


# --------------------------------------------------------------------------- API


class BibFileError(Exception):
    """refs.bib has errors; ``problems`` lists every problem found, in line order."""

    def __init__(self, problems: list[Problem]):
        self.problems = list(problems)
        super().__init__("\n".join(str(problem) for problem in self.problems))


def check_bibfile(path: Path) -> list[Problem]:
    """Every problem in the file, in line order; [] when clean."""
    return _check(Path(path))[0]


def load_library(path: Path) -> Library:
    """The parsed file, with @string macros expanded; raise BibFileError on any error.

    Values are kept as written otherwise (LaTeX is not decoded, names are not split),
    minus the outer braces or quotes, which bibtexparser's writer puts back: the
    library is what the exports write, and must hold every field of every entry.
    """
    problems, library, _scanner = _check(Path(path))
    if library is None or any(problem.severity == "error" for problem in problems):
        raise BibFileError(problems)
    return library


def entry_lines(path: Path) -> dict[str, int]:
    """Citation key -> 1-based line of its ``@type{key,`` (of the first, if duplicated)."""
    return check_bibfile_library(Path(path))[2]


def check_bibfile_library(path: Path) -> tuple[list[Problem], Library | None, dict[str, int]]:
    """One reading of the file: its problems, its library (None if it cannot be read)
    and the line of each entry (citation key -> line of its ``@type{key,``)."""
    problems, library, scanner = _check(Path(path))
    lines: dict[str, int] = {}
    for block in scanner.entries() if scanner is not None else []:
        lines.setdefault(block.key, block.line)
    return problems, library, lines


# ------------------------------------------------------------------ the checks


def _check(path: Path) -> tuple[list[Problem], Library | None, _Scanner | None]:
    """The problems of the file and, if it could be read, its library and scanner."""
    file = str(path)
    try:
        text = _read(path)
    except FileNotFoundError:
        return [Problem("bib_missing_file", file, 0, f"{file} does not exist")], None, None
    except OSError as error:  # a directory, no permission, ...
        message = f"{file} cannot be read ({error.strerror or error})"
        return [Problem("bib_missing_file", file, 0, message)], None, None
    except UnicodeDecodeError as error:
        return [_encoding_problem(path, error)], None, None

    scanner = _Scanner(text, file)
    scanner.scan()
    library = _parse(text)
    in_values = list(_value_problems(scanner))
    problems = [
        *scanner.problems,
        *_failed_block_problems(library, scanner, in_values),
        *_missing_field_problems(library, scanner),
        *unsafe_urls(file, text, library),
        *in_values,
        *_todo_problems(file, text),
    ]
    problems.sort(key=lambda problem: problem.line)  # stable: same-line order is kept
    return problems, library, scanner


def _value_problems(scanner: _Scanner) -> Iterator[Problem]:
    """TeX that the editions cannot print as written (``bib_tex``) and names that pybtex
    cannot split (``bib_syntax``), at the line of each fault.  Blocks with a structural
    fault are left out: their values are not what the author meant them to be."""
    for block in scanner.blocks:
        if scanner.is_faulty_block(block.line):
            continue
        where = f"@string `{block.key}`" if block.kind == "string" else f"entry `{block.key}`"
        for name, start, end in block.values:
            place = f"field `{name}` of {where}" if block.kind != "string" else where
            for offset, value in _delimited_parts(scanner.text, start, end):
                for fault in tex_faults(value, name):
                    line = scanner.line(offset + fault.offset)
                    yield Problem("bib_tex", scanner.file, line, f"{place}: {fault.message}")
                if name in NAME_FIELDS:
                    for fault in comma_faults(value):
                        line = scanner.line(offset + fault.offset)
                        yield Problem("bib_syntax", scanner.file, line, f"{place}: {fault.message}")


def _delimited_parts(text: str, start: int, end: int) -> Iterator[tuple[int, str]]:
    """(where it starts, content) of each braced or quoted part of the value written at
    ``start..end``; bare parts (numbers, macro names) hold no TeX."""
    offset = start
    for part in concatenation_parts(text[start:end]):
        stripped = part.strip()
        first = offset + part.index(stripped[0]) if stripped else offset
        if len(stripped) >= 2 and (stripped[0], stripped[-1]) in (("{", "}"), ('"', '"')):
            yield first + 1, stripped[1:-1]
        offset += len(part) + 1  # and the '#' after it


_TODO = re.compile(r"\b(?:TODO|FIXME)\b")


def todo_lines(text: str) -> list[tuple[int, str]]:
    """Each line with a TODO (or FIXME) marker: (1-based line, the marker and its line)."""
    found = []
    for number, line in enumerate(text.split("\n"), start=1):
        match = _TODO.search(line)
        if match:
            shown = line.strip()
            shown = shown if len(shown) <= 60 else shown[:57] + "..."
            found.append((number, f"a {match[0]} marker: `{shown}`"))
    return found


def _todo_problems(file: str, text: str) -> list[Problem]:
    return [Problem("todo_marker", file, line, message) for line, message in todo_lines(text)]


def _read(path: Path) -> str:
    """The text of the file, without a byte-order mark, with ``\\n`` line ends."""
    text = path.read_bytes().decode("utf-8-sig")
    return text.replace("\r\n", "\n").replace("\r", "\n")


def _encoding_problem(path: Path, error: UnicodeDecodeError) -> Problem:
    """A bib_syntax problem at the line of the first byte that is not UTF-8."""
    line = path.read_bytes()[: error.start].count(b"\n") + 1
    return Problem(
        "bib_syntax",
        str(path),
        line,
        f"the file is not UTF-8: byte {error.object[error.start]:#04x} on this line "
        "cannot be decoded; save refs.bib as UTF-8",
    )


def _failed_block_problems(
    library: Library, scanner: _Scanner, in_values: list[Problem]
) -> Iterator[Problem]:
    """bibtexparser's failed blocks that the problems found already explain (the
    scanner's, or a value's: ``{ends with \\}`` is no escaped brace to BibTeX)."""
    for block in library.failed_blocks:
        first = block.start_line + 1  # bibtexparser counts lines from 0
        last = first + (block.raw or "").count("\n")
        if isinstance(block, (DuplicateBlockKeyBlock, DuplicateFieldKeyBlock)):
            continue  # the scanner reports all duplicates, ignoring case as BibTeX does
        explained = any(first <= problem.line <= last for problem in in_values)
        if not explained and not scanner.has_problem_between(first, last):
            yield Problem("bib_syntax", scanner.file, first, _failure_message(block))


def _failure_message(block: ParsingFailedBlock) -> str:
    """bibtexparser's reason for a failed block, with the block's first line."""
    reason = getattr(block.error, "abort_reason", None) or str(block.error)
    head = (block.raw or "").strip().split("\n", 1)[0]
    return f"bibtexparser cannot read the block `{head}`: {reason.strip()}"


def _missing_field_problems(library: Library, scanner: _Scanner) -> Iterator[Problem]:
    """Entries that lack a field their type needs (faulty entries are left out:
    what is missing there is a consequence of the fault already reported)."""
    for entry in library.entries:
        line = entry.start_line + 1
        if scanner.is_faulty_block(line):
            continue
        missing = _missing_fields(entry)
        if missing:
            wanted = "; ".join(_alternatives(alts) for alts in missing)
            yield Problem(
                "bib_missing_field",
                scanner.file,
                line,
                f"entry `{entry.key}` (@{entry.entry_type}) has no {wanted}",
            )


def _alternatives(names: tuple[str, ...]) -> str:
    """``year (or date or urldate)``: how a message names a required field."""
    first, *others = names
    return f"{first} (or {' or '.join(others)})" if others else first


def _missing_fields(entry: Entry) -> list[tuple[str, ...]]:
    """The alternatives of REQUIRED_FIELDS that the entry meets with none of its fields.

    Field names are compared case-insensitively, as BibTeX does; an empty value counts
    as missing.
    """
    present = {field.key.lower() for field in entry.fields if str(field.value).strip()}
    required = REQUIRED_FIELDS.get(entry.entry_type.lower(), DEFAULT_REQUIRED_FIELDS)
    return [alts for alts in required if not present.intersection(alts)]


# ------------------------------------------------------------- bibtexparser


def _parse(text: str) -> Library:
    """Parse with bibtexparser: macros resolved, outer braces/quotes removed, nothing else."""
    stack = [
        ResolveStringReferencesMiddleware(),
        _ResolveConcatenatedMacros(),
        RemoveEnclosingMiddleware(),  # the writer puts the braces back
    ]
    with _quiet_bibtexparser():
        return bibtexparser.parse_string(text, parse_stack=stack)


@contextmanager
def _quiet_bibtexparser() -> Iterator[None]:
    """Silence bibtexparser's own log of failed blocks: we report them ourselves, with
    the file name, and without a handler its warnings would go to stderr unasked."""
    logger = logging.getLogger("bibtexparser")
    level = logger.level
    logger.setLevel(logging.CRITICAL)
    try:
        yield
    finally:
        logger.setLevel(level)


class _ResolveConcatenatedMacros(LibraryMiddleware):
    """Expand @string macros inside ``#`` concatenations.

    ResolveStringReferencesMiddleware only replaces a value that is a macro name and
    nothing else; ``address = lon # " and New York"`` would keep ``lon``, and the
    export, which carries no @string, would not parse on its own.  Each macro part is
    replaced by the macro's (itself expanded) value; the rest is kept as written.
    """

    def __init__(self) -> None:
        super().__init__(allow_inplace_modification=True)

    def transform(self, library: Library) -> Library:
        macros: dict[str, str] = {}
        for string in library.strings:  # in file order: a macro may use earlier ones
            macros[string.key.lower()] = _expand_macros(string.value, macros)
        for entry in library.entries:
            for field in entry.fields:
                if isinstance(field.value, str):
                    field.value = _expand_macros(field.value, macros)
        return library


def _expand_macros(value: str, macros: dict[str, str]) -> str:
    """*value* with each concatenated part that names a macro replaced by its value."""
    if "#" not in value:  # the common case; it also expands @string{b = a}
        return macros.get(value.strip().lower(), value)
    parts = concatenation_parts(value)
    expanded = [macros.get(part.strip().lower(), part.strip()) for part in parts]
    if expanded == [part.strip() for part in parts]:
        return value
    return " # ".join(expanded)


def concatenation_parts(value: str) -> list[str]:
    """Split a raw value at the ``#`` outside braces and quotes (as BibTeX reads it:
    a backslash escapes nothing)."""
    if "#" not in value:
        return [value]
    parts, depth, quoted, start = [], 0, False, 0
    for index, char in enumerate(value):
        if char == "{":
            depth += 1
        elif char == "}":
            depth -= 1
        elif char == '"' and depth == 0:
            quoted = not quoted
        elif char == "#" and depth == 0 and not quoted:
            parts.append(value[start:index])
            start = index + 1
    parts.append(value[start:])
    return parts


# ----------------------------------------------------------------- the scanner


@dataclass
class _Block:
    """One ``@type{...}`` block of the raw text."""

    kind: str  # lower-case type: "book", "string", "comment", ...
    line: int  # 1-based line of the "@"
    opener: int  # index of the "{" or "(" that opens the body
    key: str = ""  # citation key (entries) or macro name (@string)
    end: int = 0  # index just past the closer, or where an unclosed block was cut off
    closer: int = -1  # index of the closing "}" or ")"; -1 when never closed
    end_line: int = 0  # 1-based line of `end`
    # (field name, start, end) of each value as written, delimiters and `#` included
    values: list[tuple[str, int, int]] = dataclasses.field(default_factory=list)


@dataclass(frozen=True)
class _MacroUse:
    """A bare macro name in a value, not defined (yet) where it is used."""

    name: str
    line: int
    place: str  # "field `title` of entry `key`", "@string `name`", ...


class _Scanner:
    """Walk the raw text block by block, collecting problems at the lines of the faults."""

    def __init__(self, text: str, file: str):
        self.text = text
        self.file = file
        self.blocks: list[_Block] = []
        self.problems: list[Problem] = []
        self.macro_lines: dict[str, int] = {}  # lower-case macro name -> line of its @string
        self.undefined_uses: list[_MacroUse] = []
        self._line_starts = [0] + [m.end() for m in re.finditer("\n", text)]
        self._problem_lines: list[int] = []  # filled in by scan()
        self._blocks_by_line: dict[int, _Block] = {}

    # -- helpers used by the body walker

    def line(self, index: int) -> int:
        """1-based line of a character index."""
        return bisect.bisect_right(self._line_starts, index)

    def report(self, code: str, index: int, message: str) -> None:
        """Record a problem at the line of *index*."""
        self.problems.append(Problem(code, self.file, self.line(index), message))

    def is_macro_defined(self, name: str) -> bool:
        """Whether a macro is defined at this point of the file."""
        return name.lower() in MONTH_MACROS or name.lower() in self.macro_lines

    # -- queries once the scan is done

    def entries(self) -> Iterator[_Block]:
        """The blocks that are entries (not @string, @preamble or @comment)."""
        return (b for b in self.blocks if b.kind not in _SPECIAL_BLOCKS and b.key)

    def has_problem_between(self, first: int, last: int) -> bool:
        """Whether the scanner reported a problem on a line in ``first..last``."""
        index = bisect.bisect_left(self._problem_lines, first)
        return index < len(self._problem_lines) and self._problem_lines[index] <= last

    def is_faulty_block(self, line: int) -> bool:
        """Whether the block whose "@" is on *line* holds a problem the scanner found."""
        block = self._blocks_by_line.get(line)
        return block is not None and self.has_problem_between(block.line, block.end_line)

    # -- the scan

    def scan(self) -> None:
        """Find every block, walk it, check the text between blocks, then the keys."""
        position, previous = 0, None
        while True:
            match = _BLOCK_START.search(self.text, position)
            if previous is None or previous.closer >= 0:
                # Text after a closed block is a comment or what an extra '}' cut off;
                # after an unclosed one, it is the text that block ran on into.
                self._check_between(previous, position, match.start() if match else None)
            if match is None:
                break
            block = _Block(
                kind=match[1].lower(), line=self.line(match.start()), opener=match.start(2)
            )
            self.blocks.append(block)
            if block.kind == "comment":
                self._skip_comment(block)
            else:
                _Body(self, block).walk()
            block.end_line = self.line(max(block.end - 1, block.opener))
            position, previous = block.end, block
        self._report_duplicates()  # before the macros: a key comes first on its line
        self._report_undefined_macros()
        self._problem_lines = sorted(problem.line for problem in self.problems)
        self._blocks_by_line = {block.line: block for block in reversed(self.blocks)}

    def _check_between(self, previous: _Block | None, start: int, end: int | None) -> None:
        """Text between blocks is a comment, unless it is what an extra '}' cut off."""
        offset = start
        for line in self.text[start:end].split("\n"):
            stripped = line.strip()
            if stripped and not stripped.startswith("%") and _STRUCTURAL_JUNK.search(stripped):
                self._report_junk(previous, offset + line.index(stripped[0]), end)
                return  # one report per gap: the rest follows from the same fault
            offset += len(line) + 1

    def _report_junk(self, previous: _Block | None, junk_at: int, end: int | None) -> None:
        """Report the structural text at ``junk_at..end``, between blocks, at the brace
        that caused it."""
        junk = self.text[junk_at:end]
        first_line = junk.split("\n", 1)[0].strip()
        shown = first_line if len(first_line) <= 40 else first_line[:37] + "..."
        lost = _FIELD_NAME_AT_LINE_START.findall(junk)
        if junk.startswith("@"):
            self.report(
                "bib_syntax",
                junk_at,
                f"`{shown}` does not start an entry, so the text after it is ignored; "
                "write @type{key, ...",
            )
        elif junk.startswith("}") and previous and self._closes_on_a_field_line(previous):
            # `note = {X}}` then `}`: the closer on its own line is the entry's real one.
            self.report(
                "bib_extra_brace",
                previous.closer,
                f"a '}}' on this line ends entry `{previous.key}` early, so its closing '}}' "
                f"on line {self.line(junk_at)} closes nothing; remove the extra '}}'",
            )
        elif junk.startswith("}"):
            after = f" (entry `{previous.key}` already ended)" if previous else ""
            self.report(
                "bib_extra_brace", junk_at, f"this '}}' stands outside any entry{after}; remove it"
            )
        elif (
            previous is not None
            and self.text[previous.closer] == "}"
            and (junk.startswith(",") or lost or self.line(junk_at) == self.line(previous.closer))
        ):
            name = f"`{previous.key}`" if previous.key else f"@{previous.kind}"
            self.report(
                "bib_extra_brace",
                previous.closer,
                f"a '}}' on this line ends entry {name} too early, so "
                + (
                    f"its fields {', '.join(lost)} are lost"
                    if lost
                    else f"the text after it (`{shown}`, line {self.line(junk_at)}) is ignored"
                )
                + "; remove the extra '}'",
            )
        else:
            self.report(
                "bib_syntax",
                junk_at,
                f"text outside any entry: `{shown}`; is an @type{{key, line missing?",
            )

    def _closes_on_a_field_line(self, block: _Block) -> bool:
        """Whether a multi-line block was closed by a '}' that follows a field value
        on the same line (as an extra brace does), not by a '}' on a line of its own."""
        line_start = self._line_starts[self.line(block.closer) - 1]
        return (
            self.line(block.closer) != block.line
            and self.text[line_start : block.closer].strip() != ""
        )

    def _skip_comment(self, block: _Block) -> None:
        """Find the end of an @comment: braces must balance, quotes do not matter."""
        closer = "}" if self.text[block.opener] == "{" else ")"
        depth = 0
        for match in _MARK.finditer(self.text, block.opener + 1):
            char, index = match[0], match.start()
            if char == "\n" and _BLOCK_AT_LINE_START.match(self.text, match.end()):
                break
            if char == "{":
                depth += 1
            elif char == closer and depth == 0:
                block.closer, block.end = index, index + 1
                return
            elif char == "}" and depth > 0:
                depth -= 1
        else:
            index = len(self.text)
        block.end = index if index == len(self.text) else index + 1
        self.report(
            "bib_unclosed_brace",
            block.opener,
            f"the @comment opened here is never closed; add '{closer}' at its end",
        )

    def _report_undefined_macros(self) -> None:
        """Macros used where no earlier @string (nor a month name) defines them."""
        for use in self.undefined_uses:
            later = self.macro_lines.get(use.name.lower())
            fix = (
                f"move its @string (line {later}) above this line"
                if later
                else f"define it with @string{{{use.name} = {{...}}}}, or brace the value"
            )
            self.problems.append(
                Problem(
                    "bib_unknown_macro",
                    self.file,
                    use.line,
                    f"{use.place} uses the macro `{use.name}`, "
                    f"which no earlier @string defines; {fix}",
                )
            )

    def _report_duplicates(self) -> None:
        """Citation keys and macro names defined twice (BibTeX ignores their case)."""
        seen: dict[tuple[bool, str], _Block] = {}
        for block in self.blocks:
            if not block.key or block.kind in ("comment", "preamble"):
                continue
            is_string = block.kind == "string"
            first = seen.setdefault((is_string, block.key.lower()), block)
            if first is block:
                continue
            what = "@string macro" if is_string else "citation key"
            self.problems.append(
                Problem(
                    "bib_duplicate_key",
                    self.file,
                    block.line,
                    f"the {what} `{block.key}` is already defined at line {first.line}"
                    + (f" (as `{first.key}`)" if first.key != block.key else ""),
                )
            )


class _Body:
    """Walk the body of one entry, @string or @preamble from its opening delimiter.

    At the top level of the body (outside every brace and quote) it follows the
    structure ``key, name = value # value, ...`` to check keys, field names and bare
    values (numbers and macro names); inside values it only counts braces and tracks
    quotes, remembering where each still-open ``{`` was opened.
    """

    def __init__(self, scanner: _Scanner, block: _Block):
        self.s = scanner
        self.text = scanner.text
        self.block = block
        self.closer = "}" if self.text[block.opener] == "{" else ")"
        self.depth = 0  # braces open inside the body
        self.open_braces: list[int] = []  # where each of them opened
        self.quote: int | None = None  # where the open '"' of a quoted value is
        self.stray_in_quotes: list[int] = []  # '}' closing nothing inside a quoted value
        # The first value found still open at a line that looks like a new field or an
        # entry's closing '}': if the block turns out unclosed, that value is the culprit.
        self.suspect: tuple[int, str] | None = None
        self.state = {"string": "name", "preamble": "value"}.get(block.kind, "key")
        self.field = "preamble" if block.kind == "preamble" else ""
        self.field_names: dict[str, int] = {}  # lower-case field name -> where it first was
        self.item_start = block.opener + 1  # start of the current key or field name
        self.value_start = -1  # start of the value being read (after its '=')
        self.token: tuple[int, int] | None = None  # span of the bare value being read

    @property
    def where(self) -> str:
        """How messages name this block."""
        if self.block.kind == "string":
            return f"@string `{self.field}`"
        if self.block.kind == "preamble":
            return "the @preamble"
        return f"entry `{self.block.key}`" if self.block.key else f"the @{self.block.kind} entry"

    def walk(self) -> None:
        """Dispatch on each mark until the block closes or is cut off."""
        position = self.block.opener + 1
        for match in _MARK.finditer(self.text, position):
            char, index = match[0], match.start()
            if self.depth == 0 and self.quote is None and self.state == "value":
                self._read_bare(position, index)
            position = match.end()
            if char == "\n":
                if self._newline(position):
                    return
            elif self.quote is not None and self.depth == 0:
                self._in_quotes(char, index)
            elif char == "{":
                self._flush_token()
                self.depth += 1
                self.open_braces.append(index)
            elif char == "}":
                if self._close_brace(index):
                    return
            elif self.depth > 0:
                continue  # inside braces only braces matter
            elif char == '"':
                self._flush_token()
                self.quote = index
            elif char == ")" and self.closer == ")":
                self._end(index)
                return
            elif char == ",":
                self._comma(index)
            elif char == "=":
                self._equals(index)
            elif char == "#":
                self._flush_token()
        self._cut_off(len(self.text))

    # -- marks

    def _newline(self, next_line: int) -> bool:
        """At a line start: stop at a new block, note a value that swallows fields."""
        if _BLOCK_AT_LINE_START.match(self.text, next_line):
            self._cut_off(next_line)
            return True
        still_open = (
            self.quote
            if self.quote is not None
            else (self.open_braces[0] if self.open_braces else None)
        )
        if (
            still_open is not None
            and self.suspect is None
            and _FIELD_OR_CLOSER_LINE.match(self.text, next_line)
        ):
            self.suspect = (still_open, self.field)
        return False

    def _in_quotes(self, char: str, index: int) -> None:
        """A mark inside a quoted value, outside its braces."""
        if char == '"':
            self.quote = None
        elif char == "{":
            self.depth += 1
            self.open_braces.append(index)
        elif char == "}":
            # Reported only if the entry closes: if it does not, an unclosed quote is
            # the likelier fault, and this '}' is the entry's own.
            self.stray_in_quotes.append(index)

    def _close_brace(self, index: int) -> bool:
        """A '}' outside quotes; True if it closes the block."""
        if self.depth > 0:
            self.depth -= 1
            self.open_braces.pop()
            return False
        if self.closer == "}":
            self._end(index)
            return True
        self.s.report(
            "bib_extra_brace",
            index,
            f"this '}}' in {self.where} closes a brace that was never opened",
        )
        return False

    def _comma(self, index: int) -> None:
        """End of the key or of a field."""
        self._flush_token()
        self._end_value(index)
        if self.state == "key":
            self._set_key(index)
        self.state = "name"
        self.item_start = index + 1
        self.suspect = None  # the value before this comma did close

    def _equals(self, index: int) -> None:
        """End of a field name."""
        if self.state == "value" and self.token is not None:
            self._missing_comma()
        if self.state != "name":
            return  # malformed; bibtexparser's report covers it
        raw = self.text[self.item_start : index]
        name = raw.strip()
        at = self.item_start + len(raw) - len(raw.lstrip())  # where the name starts
        if not _NAME.fullmatch(name):
            hint = "; '%' does not comment out a line inside an entry" if name[:1] == "%" else ""
            self.s.report(
                "bib_syntax", at, f"`{name}` in {self.where} is not a valid field name{hint}"
            )
        first = self.field_names.setdefault(name.lower(), at)
        if first != at:  # pybtex, like BibTeX, ignores the case of field names
            self.s.report(
                "bib_syntax",
                at,
                f"{self.where} has the field `{name}` twice (first at line "
                f"{self.s.line(first)}); keep one of them",
            )
        self.field = name
        self.state = "value"
        self.value_start = index + 1

    def _missing_comma(self) -> None:
        """A '=' while reading a value: the bare word before it is the next field's
        name, and the ',' that should end the value before it is missing."""
        start, end = self.token
        self.token = None
        name = self.text[start:end]
        self.s.report(
            "bib_syntax",
            start,
            f"a ',' is missing before the field `{name}` in {self.where} "
            f"(after the value of `{self.field}`)",
        )
        self.item_start = start
        self.state = "name"

    def _end_value(self, index: int) -> None:
        """Keep the span of the value that ends at *index* (a ',' or the closer)."""
        if self.state == "value" and self.value_start >= 0 and self.block.kind != "preamble":
            self.block.values.append((self.field.lower(), self.value_start, index))
        self.value_start = -1

    # -- bare values

    def _read_bare(self, start: int, end: int) -> None:
        """Extend the bare value being read with the non-blank text in ``start..end``."""
        segment = self.text[start:end]
        stripped = segment.strip()
        if not stripped:
            return
        first = start + segment.index(stripped[0])
        last = first + len(stripped)
        self.token = (self.token[0] if self.token else first, last)

    def _flush_token(self) -> None:
        """Check the bare value just read: a number, or a macro defined above."""
        if self.token is None:
            return
        start, end = self.token
        self.token = None
        token = self.text[start:end]
        if _NUMBER.fullmatch(token):
            return
        if not _NAME.fullmatch(token):
            self.s.report(
                "bib_syntax",
                start,
                f"field `{self.field}` of {self.where} has the unbraced value `{token}`; "
                f"write {self.field} = {{{token}}}",
            )
        elif not self.s.is_macro_defined(token):
            place = (
                self.where
                if self.block.kind in _SPECIAL_BLOCKS
                else (f"field `{self.field}` of {self.where}")
            )
            self.s.undefined_uses.append(_MacroUse(token, self.s.line(start), place))

    # -- the end of the block

    def _set_key(self, index: int) -> None:
        """Take the text before the first ',' (or the closer) as the citation key."""
        key = self.text[self.item_start : index].strip()
        self.block.key = key
        if not key or any(char.isspace() for char in key):
            self.s.report(
                "bib_syntax",
                self.block.opener,
                f"the @{self.block.kind} entry has no valid citation key "
                f"(found `{key}`); write @{self.block.kind}{{key, ...",
            )

    def _end(self, index: int) -> None:
        """The block closes at *index*."""
        self._flush_token()
        self._end_value(index)
        if self.state == "key":
            self._set_key(index)  # an entry without fields: @book{key}
        self.block.closer, self.block.end = index, index + 1
        for stray in self.stray_in_quotes:
            self.s.report(
                "bib_extra_brace",
                stray,
                f"this '}}' inside the quoted value of field `{self.field}` "
                f"of {self.where} closes a brace that was never opened",
            )
        if self.block.kind == "string" and self.field:
            self.block.key = self.field
            self.s.macro_lines.setdefault(self.field.lower(), self.block.line)

    def _cut_off(self, index: int) -> None:
        """The block is never closed: it runs into the next block (or the end of the
        file) at *index*.  Report the delimiter that was left open."""
        self.block.end = index
        until = (
            f"line {self.s.line(index)}, where the next entry starts"
            if index < len(self.text)
            else "the end of the file"
        )
        if self.suspect is not None:
            opener, field = self.suspect
        elif self.quote is not None:
            opener, field = self.quote, self.field
        elif self.open_braces:
            opener, field = self.open_braces[0], self.field
        else:
            self.s.report(
                "bib_unclosed_brace",
                self.block.opener,
                f"{self.where} is never closed: its '{self.text[self.block.opener]}' here "
                f"has no matching '{self.closer}' before {until}",
            )
            return
        if self.text[opener] == '"':
            self.s.report(
                "bib_syntax",
                opener,
                f"the '\"' opened here in field `{field}` of {self.where} "
                f"is never closed (the value runs on to {until}); add the '\"'",
            )
        else:
            self.s.report(
                "bib_unclosed_brace",
                opener,
                f"the '{{' opened here in field `{field}` of {self.where} "
                f"is never closed (the value runs on to {until}); add the '}}'",
            )
