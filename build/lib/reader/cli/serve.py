"""``reader serve``: a live preview of the HTML site that rebuilds on save.

::

    reader serve [--port 8000] [--host 127.0.0.1] [--project DIR] [--no-check]

Runs sphinx-autobuild through its command line (``python -m sphinx_autobuild``, its
supported interface) on ``source_texts/`` with the project's conf.py, watching the
texts, refs.bib and conf.py; the pages reload in the browser after each rebuild.
The preview is written to ``_build/preview/`` (never to ``_build/html``, which
``reader build`` owns), and ``_build`` is never watched.

Warnings do not stop the server: Sphinx prints each in the terminal (nitpicky, as
in the build, so what ``reader build`` would reject shows here), and before each
build ``reader check`` prints the problems it finds with their codes and hints
(``--no-check`` leaves it out).  Ctrl+C stops the server.
"""

from __future__ import annotations

import argparse
import shlex
import socket
import subprocess
import sys
from pathlib import Path

from reader.cli.options import add_project_option, add_traceback_option


def add_parser(parser: argparse.ArgumentParser) -> None:
    """The options of ``reader serve``."""
    parser.add_argument(
        "--port", type=int, default=8000, help="port to serve on (default: 8000; 0: a free one)"
    )
    parser.add_argument(
        "--host", default="127.0.0.1", help="address to serve on (default: 127.0.0.1)"
    )
    add_project_option(parser)
    parser.add_argument(
        "--no-check", action="store_true", help="do not run `reader check` before each build"
    )
    add_traceback_option(parser)


def free_port(host: str) -> int:
    """A port that is free on *host* now."""
    family = socket.AF_INET6 if ":" in host else socket.AF_INET
    with socket.socket(family, socket.SOCK_STREAM) as probe:
        probe.bind((host, 0))
        return int(probe.getsockname()[1])


def autobuild_command(project: Path, host: str, port: int, check: bool = True) -> list[str]:
    """The sphinx-autobuild command line that previews *project*."""
    preview = project / "_build" / "preview"
    command = [
        sys.executable,
        "-m",
        "sphinx_autobuild",
        str(project / "source_texts"),
        str(preview / "html"),
        "-c",
        str(project),
        "-d",
        str(preview / "doctrees"),
        "-n",  # nitpicky, as `reader build` is
        "--host",
        host,
        "--port",
        str(port),
        "--ignore",
        str(project / "_build"),
        "--re-ignore",
        r"(^|/)(\.#|#)[^/]*$|~$|\.sw[a-p]$",  # editors' lock, backup and swap files
    ]
    for watched in (project / "refs.bib", project / "conf.py"):
        if watched.is_file():
            command += ["--watch", str(watched)]
    if check:
        reader = shlex.join([sys.executable, "-m", "reader", "check", "--exit-zero"])
        command += ["--pre-build", f"{reader} --project {shlex.quote(str(project))}"]
    return command


def run(args: argparse.Namespace) -> int:
    """Serve until interrupted; 1 if the project or sphinx-autobuild is missing."""
    project = args.project.resolve()
    if not (project / "conf.py").is_file():
        print(f"reader serve: no conf.py in {project}; use --project", file=sys.stderr)
        return 1
    try:
        import sphinx_autobuild  # noqa: F401  (only to say clearly that it is missing)
    except ImportError:
        print(
            "reader serve: sphinx-autobuild is not installed; run "
            "`.venv/bin/pip install -e .` (it is a dependency of reader)",
            file=sys.stderr,
        )
        return 1
    port = args.port or free_port(args.host)
    host = f"[{args.host}]" if ":" in args.host else args.host
    print(
        f"reader serve: previewing {project.name} at http://{host}:{port}/ "
        "(rebuilds on save; Ctrl+C stops)",
        flush=True,
    )
    command = autobuild_command(project, args.host, port, check=not args.no_check)
    try:
        return subprocess.run(command, cwd=project, check=False).returncode
    except KeyboardInterrupt:
        return 0
