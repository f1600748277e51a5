"""Run one Sphinx builder in this process, warnings as errors, as ``sphinx-build -W -n`` does."""

from __future__ import annotations

import shutil
import sys
from pathlib import Path
from typing import IO

from sphinx.application import Sphinx
from sphinx.errors import SphinxError
from sphinx.util.console import nocolor
from sphinx.util.docutils import docutils_namespace, patch_docutils


class BuildFailed(Exception):
    """A build step failed; the message says which and why."""


def run_sphinx(
    builder: str,
    project: Path,
    outdir: Path,
    doctrees: Path,
    *,
    status: IO[str] | None = sys.stdout,
    warning: IO[str] | None = sys.stderr,
) -> None:
    """Build *project* (conf.py at its root, texts in source_texts/) with *builder*.

    Every warning is an error, but the build goes on to report them all; raise
    :class:`BuildFailed` at the end if there was any.  A failed build forgets its
    saved environment, so that the next build reads every text again and reports
    the problems of unchanged texts too, instead of passing on stale output.
    """
    if warning is None or not warning.isatty():
        nocolor()  # plain messages in logs and CI; colour only on a terminal
    with patch_docutils(project), docutils_namespace():
        try:
            app = Sphinx(
                srcdir=project / "source_texts",
                confdir=project,
                outdir=outdir,
                doctreedir=doctrees,
                buildername=builder,
                confoverrides={"nitpicky": True},
                status=status,
                warning=warning,
                warningiserror=True,
            )
            app.build()
        except SphinxError as error:
            shutil.rmtree(doctrees, ignore_errors=True)
            raise BuildFailed(f"{builder}: {error.category}: {error}") from None
        except BaseException:
            shutil.rmtree(doctrees, ignore_errors=True)
            raise
    if app.statuscode:
        shutil.rmtree(doctrees, ignore_errors=True)
        raise BuildFailed(f"{builder}: the build had warnings (each is an error; see above)")
