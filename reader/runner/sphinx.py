"""Run one Sphinx builder in this process; any error in the sources fails the build.

Every problem the build logs has a reader code (:mod:`reader.extension.report`) and
the code's severity decides: an error fails the build, a warning (an annotation
mentioned nowhere, an entry cited nowhere) is reported and does not.  Sphinx's own
warnings are errors.

Two guards keep a build from trusting what it should not:

* a lock per environment folder (``<doctrees>/.lock``): a second build of the same
  project waits for the first, saying so, instead of writing into the same files;
* a marker (``<doctrees>/.unfinished``) written before Sphinx starts and removed when
  it ends: a build killed half-way (SIGTERM from ``timeout`` or CI, SIGKILL, a power
  cut) leaves it behind, and the next build then starts from a clean environment
  instead of one saved with stale registers and a half-written search index.

A build that ends with warnings keeps its environment: every problem is kept with
its text and reported again on the next build (:mod:`reader.extension.report`).
"""

from __future__ import annotations

import fcntl
import os
import shutil
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager, redirect_stdout
from dataclasses import dataclass, field
from io import StringIO
from pathlib import Path
from typing import IO, Any

from sphinx.application import Sphinx
from sphinx.errors import SphinxError
from sphinx.util.console import nocolor
from sphinx.util.docutils import docutils_namespace, patch_docutils

from reader.diagnostics import Problem

#: The folder of the texts in a project laid out as this repository is.
SOURCE_DIR = "source_texts"
LOCK = ".lock"
UNFINISHED = ".unfinished"


class BuildFailed(Exception):
    """A build step failed; the message says which and why."""


def source_dir(project: Path) -> Path:
    """Where a project's texts are: ``source_texts/`` beside conf.py, else conf.py's folder
    (a standard Sphinx project, ``docs/conf.py`` with ``docs/index.rst``)."""
    nested = project / SOURCE_DIR
    return nested if nested.is_dir() else project


@dataclass
class Outcome:
    """What a Sphinx run left: the application (its environment) and every problem."""

    app: Sphinx | None
    problems: list[Problem] = field(default_factory=list)
    failed: bool = False
    stopped: str = ""  # why Sphinx stopped before the end, if it did


@contextmanager
def locked(doctrees: Path, status: IO[str] | None) -> Iterator[None]:
    """Hold the lock of an environment folder, waiting for another build to finish."""
    doctrees.mkdir(parents=True, exist_ok=True)
    with open(doctrees / LOCK, "a+") as handle:
        try:
            fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            print(
                f"reader: another build of this project is running ({doctrees}); waiting for it",
                file=status or sys.stderr,
                flush=True,
            )
            fcntl.flock(handle, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)


def _start(doctrees: Path) -> None:
    """Forget an environment that a killed build left; mark this one as unfinished."""
    marker = doctrees / UNFINISHED
    if marker.exists():
        for child in doctrees.iterdir():
            if child.name != LOCK:
                shutil.rmtree(child) if child.is_dir() else child.unlink()
    marker.write_text(f"pid {os.getpid()} at {time.strftime('%Y-%m-%d %H:%M:%S')}\n")


def run_sphinx(
    builder: str,
    project: Path,
    outdir: Path,
    doctrees: Path,
    *,
    status: IO[str] | None = sys.stdout,
    warning: IO[str] | None = sys.stderr,
    parallel: int = 0,
    confoverrides: dict[str, Any] | None = None,
    raise_on_warnings: bool = True,
) -> Outcome:
    """Build *project* (conf.py at its root) with *builder*.

    The build goes on to report every problem; with *raise_on_warnings* it raises
    :class:`BuildFailed` at the end if there was an error, else the outcome says so.
    """
    if warning is None or not warning.isatty():
        nocolor()  # plain messages in logs and CI; colour only on a terminal
    overrides = {"nitpicky": True, **(confoverrides or {})}
    # an extension that print()s (sphinxext-opengraph does, on import) writes to the
    # status stream: never into an export that `reader export` writes to stdout
    printed = status if status is not None else StringIO()
    with (
        locked(doctrees, status),
        redirect_stdout(printed),
        patch_docutils(project),
        docutils_namespace(),
    ):
        _start(doctrees)
        app: Sphinx | None = None
        try:
            app = Sphinx(
                srcdir=source_dir(project),
                confdir=project,
                outdir=outdir,
                doctreedir=doctrees,
                buildername=builder,
                confoverrides=overrides,
                status=status,
                warning=warning if warning is not None else StringIO(),
                parallel=parallel,
            )
            if builder == "latex":
                # Sphinx would tell the user to run make there; reader runs XeLaTeX itself
                app.builder.epilog = "The LaTeX files are in %(outdir)s."
            app.build()
        except SphinxError as error:
            outcome = _outcome(app)
            (doctrees / UNFINISHED).unlink(missing_ok=True)
            if raise_on_warnings:
                raise BuildFailed(f"{builder}: {error.category}: {error}") from None
            outcome.failed = True
            outcome.stopped = f"{error.category}: {error}"
            return outcome
        except BaseException:
            # a crash may have left the environment half-written: never trust it
            shutil.rmtree(doctrees, ignore_errors=True)
            raise
        finally:
            if app is not None:
                from reader.extension.report import detach

                detach(app, None)
        (doctrees / UNFINISHED).unlink(missing_ok=True)
    outcome = _outcome(app)
    errors = [p for p in outcome.problems if p.severity == "error"]
    outcome.failed = bool(app.statuscode or errors)
    if outcome.failed and raise_on_warnings:
        raise BuildFailed(
            f"{builder}: {len(errors)} error(s) in the sources (see above; "
            "`reader check` lists them with hints)"
        )
    return outcome


def _outcome(app: Sphinx | None) -> Outcome:
    from reader.extension.report import collector_problems

    return Outcome(app=app, problems=collector_problems(app))
