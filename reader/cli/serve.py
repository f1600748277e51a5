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

sphinx-autobuild runs in a process group of its own (with the builds and checks it
starts), and SIGTERM, SIGINT and SIGHUP sent to ``reader serve`` are passed on to
that group: stopping ``reader serve`` (Ctrl+C, ``kill``, a closed terminal, a
service manager) stops the server and frees the port, and never leaves it running.
What does not stop within :data:`GRACE` seconds is killed.  The exit status is then
128 + the signal's number, as a shell reports a process a signal ended.
"""

from __future__ import annotations

import argparse
import contextlib
import os
import shlex
import signal
import socket
import subprocess
import sys
import time
from collections.abc import Sequence
from pathlib import Path

from reader.cli.options import add_project_option, add_traceback_option

#: The signals that stop ``reader serve`` and are passed on to the server.
STOP_SIGNALS = (signal.SIGTERM, signal.SIGINT, signal.SIGHUP)

#: Seconds the server has to stop after a signal before its process group is killed
#: (uvicorn waits for open connections, such as the live-reload websocket, to close).
GRACE = 5.0


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


def port_taken(host: str, port: int) -> str:
    """Why *port* on *host* cannot be served on now ("" if it can)."""
    family = socket.AF_INET6 if ":" in host else socket.AF_INET
    with socket.socket(family, socket.SOCK_STREAM) as probe:
        # as the server will bind it: a port in TIME_WAIT after a stopped preview is free
        probe.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        try:
            probe.bind((host, port))
        except OSError as error:
            return error.strerror or str(error)
    return ""


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
    """Serve until stopped; 1 if the project or sphinx-autobuild is missing."""
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
    if args.port and (taken := port_taken(args.host, args.port)):
        # before sphinx-autobuild's first build, which would take a while and then fail
        print(
            f"reader serve: cannot serve on {args.host}:{args.port}: {taken}; "
            "choose another with --port N (0: a free one)",
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
    return run_stoppable(command, cwd=project)


def run_stoppable(command: Sequence[str], cwd: Path) -> int:
    """Run *command* in a process group of its own until it ends or a signal stops it.

    A signal of :data:`STOP_SIGNALS` received meanwhile is sent on to the whole group
    (the server and the build it may be running); after :data:`GRACE` seconds the
    group is killed.  Returns 128 + the first signal's number if one came, else the
    command's status (128 + N if signal N ended it).
    """
    received: list[int] = []
    unsent: list[int] = []  # received before the child existed
    pgid: int | None = None  # the child's process group, once it exists

    def pass_on(signum: int, _frame: object) -> None:
        received.append(signum)
        if pgid is None:
            unsent.append(signum)
        else:
            _signal_group(pgid, signum)

    # a signal ignored at start (`nohup reader serve`) stays ignored, for the child too
    wanted = [s for s in STOP_SIGNALS if signal.getsignal(s) is not signal.SIG_IGN]
    previous = {s: signal.signal(s, pass_on) for s in wanted}
    try:
        # its own session: the terminal's Ctrl+C and hangup reach reader only, which
        # passes them on once, and killpg reaches the builds sphinx-autobuild starts
        child = subprocess.Popen(list(command), cwd=cwd, start_new_session=True)
        pgid = child.pid  # from here on, pass_on signals the group itself
        for signum in unsent:
            _signal_group(pgid, signum)
        status = _wait(child, received)
    finally:
        for signum, handler in previous.items():
            signal.signal(signum, handler)
    if received:
        return 128 + received[0]
    return 128 - status if status < 0 else status


def _wait(child: subprocess.Popen[bytes], received: list[int]) -> int:
    """Wait for *child* to end, killing its group if it outlives a signal by GRACE."""
    deadline = None
    while not _has_ended(child):
        if received and deadline is None:
            deadline = time.monotonic() + GRACE
        if deadline is not None and time.monotonic() > deadline:
            _signal_group(child.pid, signal.SIGKILL)
            deadline = float("inf")  # once
        time.sleep(0.1)
    if hasattr(os, "waitid"):
        # not reaped yet, the child's pid (its group's id) cannot have been reused:
        # what it left running in its group (a build, a check) is killed, not orphaned
        _signal_group(child.pid, signal.SIGKILL)
    return child.wait()


def _has_ended(child: subprocess.Popen[bytes]) -> bool:
    """Whether *child* has ended; not reaped where os.waitid allows to look only."""
    if not hasattr(os, "waitid"):
        return child.poll() is not None
    flags = os.WEXITED | os.WNOHANG | os.WNOWAIT
    return os.waitid(os.P_PID, child.pid, flags) is not None


def _signal_group(pgid: int, signum: int) -> None:
    """Send *signum* to process group *pgid*; one already gone is no error."""
    with contextlib.suppress(ProcessLookupError, PermissionError):
        os.killpg(pgid, signum)
