"""Every problem of a build, coded, placed and kept: one record for the build and ``reader check``.

:func:`warn` logs a problem under its code (``type="reader", subtype=<code>``), so
``suppress_warnings = ["reader.<code>"]`` works as for any Sphinx warning.

:class:`Collector` is a logging handler that sees every record of the build before
Sphinx's own handlers do.  It gives docutils' and Sphinx's warnings a reader code too
(:func:`reader.diagnostics.code_for`), and records each problem as a
:class:`reader.diagnostics.Problem`.  Problems found while a text is read are also
kept with the text in the environment (the ``reader`` domain): a text that is not read
again in a later build has its problems reported again from there, so an unchanged
faulty text fails every build and every ``reader check``, not only the first.
"""

from __future__ import annotations

import logging
import os
import re
from pathlib import Path
from typing import TYPE_CHECKING, Any, NamedTuple, cast

from docutils import nodes
from docutils.utils import get_source_line
from sphinx.util import logging as sphinx_logging
from sphinx.util.build_phase import BuildPhase

from reader.diagnostics import CODES, Problem, code_for
from reader.extension.lines import refine_line

if TYPE_CHECKING:
    from sphinx.application import Sphinx
    from sphinx.environment import BuildEnvironment

logger = sphinx_logging.getLogger("reader")


class Stored(NamedTuple):
    """A problem kept with the text where it was found (the file may be another)."""

    docname: str
    code: str
    file: str  # absolute path
    line: int
    message: str


def warn(code: str, message: str, location: Any = None, *, replay: bool = False) -> None:
    """Log one problem under its code; *location* is a node, (docname, line) or 'file:line'.

    The hint of the code is appended for the build's log; ``reader check`` prints it
    on a line of its own.
    """
    spec = CODES[code]
    if spec.severity == "info":  # Sphinx prints a warning's type, not an info's
        log, shown = logger.info, f"info: {message} ({spec.hint}) [reader.{code}]"
    else:
        log, shown = logger.warning, f"{message} ({spec.hint})"
    log(
        shown,
        location=location,
        type="reader",
        subtype=code,
        extra={"reader_message": message, "reader_replay": replay},
    )


class Collector(logging.Handler):
    """Codes, records and keeps every problem logged while one Sphinx application runs."""

    def __init__(self, app: Sphinx) -> None:
        super().__init__(logging.INFO)
        self.app = app
        self.problems: list[Problem] = []
        self._docnames: dict[str, str | None] = {}  # file -> its document, once per file

    # -- where a record points

    def _place(self, record: logging.LogRecord) -> tuple[str, int]:
        """The absolute file and 1-based line of a record (line 0 when unknown)."""
        location = getattr(record, "location", None)
        env = getattr(self.app, "env", None)
        if isinstance(location, tuple):
            docname, line = location
            if not docname or env is None:
                return "", 0
            return str(env.doc2path(docname)), int(line or 0)
        if isinstance(location, nodes.Node):
            source, line = get_source_line(location)
            return (os.path.abspath(source) if source else ""), int(line or 0)
        if isinstance(location, str) and location:
            file, sep, line = location.rpartition(":")
            if sep and (line.isdigit() or not line):
                return os.path.abspath(file), int(line or 0)
            if env is not None and ":" not in location:
                return str(env.doc2path(location)), 0
            return location, 0
        return "", 0

    def emit(self, record: logging.LogRecord) -> None:
        if getattr(record, "reader_seen", False):
            return  # the same record again, flushed from Sphinx's pending warnings
        record.reader_seen = True
        kind, subtype = getattr(record, "type", None), getattr(record, "subtype", None)
        if record.levelno < logging.WARNING and kind != "reader":
            return  # Sphinx's progress messages
        suppressed = self.app.config.suppress_warnings
        if sphinx_logging.is_suppressed_warning(kind or "", subtype or "", suppressed):
            return  # left as it is, for Sphinx's own handlers to drop
        message = getattr(record, "reader_message", None)
        if kind != "reader":
            # docutils echoes the faulty block after its message: the first line says it
            message = record.getMessage().split("\n", 1)[0].strip()
            code = code_for(kind, subtype, message)
            # give the record its code before Sphinx's handlers print or suppress it
            record.type, record.subtype = "reader", code
            record.msg, record.args = f"{message} ({CODES[code].hint})", ()
        else:
            code = str(subtype)
        if sphinx_logging.is_suppressed_warning("reader", code, suppressed):
            return
        file, line = self._place(record)
        markup = _markup_of(code, str(message))
        if markup and self.app.phase == BuildPhase.READING:
            # docutils and Sphinx name the line where the paragraph or directive
            # begins; the fault may be further on
            source = self.app.env.current_document.get("reader_source")
            refined = refine_line(source, line, markup)
            if refined != line:
                line, record.location = refined, f"{file}:{refined}"
        self.problems.append(Problem(code, file, line, str(message)))
        if self.app.phase == BuildPhase.READING and not getattr(record, "reader_replay", False):
            self._keep(code, file, line, str(message))

    def _keep(self, code: str, file: str, line: int, message: str) -> None:
        """Keep a problem found while reading with the text it belongs to."""
        env = self.app.env
        docname = None
        if file:
            # path2doc resolves paths: a refs.bib with thousands of uncited entries
            # asked it thousands of times for the same file
            if file not in self._docnames:
                self._docnames[file] = env.path2doc(file)
            docname = self._docnames[file]
        docname = docname or env.current_document.docname or None
        if docname:
            problems(env).append(Stored(docname, code, file, line, message))


# Messages whose fault is on a later line than the one reported, and what to look for.
_LATER = (
    ("rst_unknown_role", re.compile(r'^Unknown interpreted text role "([^"]+)"'), ":{}:"),
    ("ref_broken", re.compile(r"reference to (?:nonexisting|excluded) document '([^']+)'"), "{}"),
)


def _markup_of(code: str, message: str) -> str:
    """The markup to look for to find the line of the fault ("" if there is none)."""
    for which, pattern, form in _LATER:
        match = pattern.search(message) if which == code else None
        if match:
            return form.format(match[1].rsplit("/", 1)[-1])
    return ""


def problems(env: BuildEnvironment) -> list[Stored]:
    """The problems kept with the texts, in the ``reader`` domain's data."""
    domain = env.get_domain("reader")
    return cast("list[Stored]", domain.data.setdefault("problems", []))


_COLLECTORS: dict[int, Collector] = {}


def collector_of(app: Sphinx) -> Collector:
    """The collector of *app* (made and attached on first use)."""
    collector = _COLLECTORS.get(id(app))
    if collector is None or collector.app is not app:
        root = logging.getLogger(sphinx_logging.NAMESPACE)
        for stale in [h for h in root.handlers if isinstance(h, Collector)]:
            root.removeHandler(stale)  # of an application that ended in an error
        _COLLECTORS.clear()
        collector = _COLLECTORS[id(app)] = Collector(app)
        # first among the handlers: the record is coded before Sphinx's handlers see it
        root.handlers.insert(0, collector)
    return collector


def collector_problems(app: Sphinx | None) -> list[Problem]:
    """The problems collected while *app* ran (or, when Sphinx stopped before the
    application was made, while the last one was being made)."""
    if app is not None and id(app) in _COLLECTORS:
        return list(_COLLECTORS[id(app)].problems)
    return [p for collector in _COLLECTORS.values() for p in collector.problems]


def attach(app: Sphinx, *args: Any) -> None:
    """``config-inited``: start collecting."""
    collector_of(app)


def detach(app: Sphinx, exception: BaseException | None) -> None:
    """``build-finished``: stop collecting (the problems stay readable)."""
    collector = _COLLECTORS.get(id(app))
    if collector is not None:
        root = logging.getLogger(sphinx_logging.NAMESPACE)
        if collector in root.handlers:
            root.removeHandler(collector)


def note_reading(app: Sphinx, env: BuildEnvironment, docnames: list[str]) -> None:
    """``env-before-read-docs``: remember which texts this build reads."""
    app._reader_reading = set(docnames)  # type: ignore[attr-defined]


def replay(app: Sphinx, env: BuildEnvironment) -> None:
    """``env-updated``: report again the problems kept with the texts not read this time."""
    reading = getattr(app, "_reader_reading", set())
    for kept in sorted(problems(env), key=lambda p: (p.file, p.line, p.code)):
        if kept.docname in reading or kept.docname not in env.all_docs:
            continue
        where = f"{kept.file}:{kept.line}" if kept.line else f"{kept.file}:"
        warn(kept.code, kept.message, where, replay=True)


def relative(file: str, root: Path) -> str:
    """*file* relative to *root* when it is inside it, else as given."""
    if not file:
        return ""
    try:
        return Path(file).resolve().relative_to(root.resolve()).as_posix()
    except ValueError:
        return file
