"""``reader serve`` stopped by a signal stops its server too: no process left, port free.

The signal goes to the ``reader`` process only (not its group), as ``kill PID`` or a
service manager sends it: passing it on is reader's job.  Every wait is bounded, and
whatever a failing test leaves running is killed by pid in ``finally``.
"""

from __future__ import annotations

import contextlib
import os
import select
import shutil
import signal
import socket
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import pytest

from reader.cli.serve import GRACE, free_port

CHECK_ROOT = Path(__file__).parent / "roots" / "check"
HOST = "127.0.0.1"
STARTED_WITHIN = 90.0  # the initial build runs before the server listens
STOPPED_WITHIN = GRACE + 5.0  # a server that ignores the signal is killed after GRACE

# `reader` with the stop signals at their defaults, whatever the test runner ignores
# (a background job's SIGINT, nohup's SIGHUP): serve keeps a signal ignored at start
READER_WITH_DEFAULT_SIGNALS = [
    sys.executable,
    "-c",
    "import os, signal, sys\n"
    "for s in (signal.SIGINT, signal.SIGHUP, signal.SIGTERM):\n"
    "    signal.signal(s, signal.SIG_DFL)\n"
    "os.execv(sys.executable, [sys.executable, '-m', 'reader', *sys.argv[1:]])",
]

pytestmark = pytest.mark.skipif(not hasattr(os, "killpg"), reason="POSIX signals")


def processes() -> list[tuple[int, int, int]]:
    """(pid, parent pid, process group) of every process alive, zombies left out."""
    listing = subprocess.run(
        ["ps", "-A", "-o", "pid=,ppid=,pgid=,stat="],
        capture_output=True,
        text=True,
        check=True,
        timeout=30,
    ).stdout
    found = []
    for line in listing.splitlines():
        pid, ppid, pgid, state = line.split()[:4]
        if not state.startswith("Z"):
            found.append((int(pid), int(ppid), int(pgid)))
    return found


def children_of(pid: int) -> list[int]:
    return [p for p, parent, _ in processes() if parent == pid]


def group_of(pgid: int) -> list[int]:
    return [p for p, _, group in processes() if group == pgid]


def answers(port: int) -> bool:
    """Whether something accepts connections on *port*."""
    try:
        with socket.create_connection((HOST, port), timeout=1):
            return True
    except OSError:
        return False


def can_bind(port: int) -> bool:
    """Whether a new server could listen on *port* (SO_REUSEADDR, as servers bind)."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
        probe.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        try:
            probe.bind((HOST, port))
        except OSError:
            return False
        return True


def wait_until(condition, within: float, what: str) -> None:
    deadline = time.monotonic() + within
    while not condition():
        if time.monotonic() > deadline:
            pytest.fail(f"{what}: not within {within:.0f} s")
        time.sleep(0.1)


def start_serve(project: Path, port: int) -> subprocess.Popen[bytes]:
    with (project.parent / "serve.log").open("wb") as log:  # the child keeps its own copy
        return subprocess.Popen(
            [*READER_WITH_DEFAULT_SIGNALS, "serve", "--port", str(port), "--host", HOST],
            cwd=project,
            stdout=log,
            stderr=subprocess.STDOUT,
            start_new_session=True,  # never in pytest's group: the test signals it alone
            env={**os.environ, "CI": "true"},
        )


def kill_leftovers(reader: subprocess.Popen, server: int | None) -> None:
    """Kill, by pid, what a failing test left: reader and both process groups.

    reader's group too: without the fix, the server stays in reader's group.
    """
    if reader.poll() is None:
        reader.kill()
        reader.wait(timeout=30)
    pids = {pid for pgid in (reader.pid, server) if pgid for pid in group_of(pgid)}
    for pid in pids:
        with contextlib.suppress(ProcessLookupError):
            os.kill(pid, signal.SIGKILL)


def assert_stopped(reader, server: int, port: int, signum: int) -> None:
    """reader exits 128 + *signum*, with no process of the server's group left."""
    try:
        status = reader.wait(timeout=STOPPED_WITHIN)
    except subprocess.TimeoutExpired:
        pytest.fail(f"reader serve still running {STOPPED_WITHIN:.0f} s after the signal")
    assert status == 128 + signum
    wait_until(lambda: not group_of(server), 2.0, f"the server's group {server} is gone")
    assert not answers(port)
    assert can_bind(port)


@pytest.fixture
def project(tmp_path: Path) -> Path:
    return Path(shutil.copytree(CHECK_ROOT, tmp_path / "book"))


@pytest.mark.parametrize(
    "signum", [signal.SIGTERM, signal.SIGINT, signal.SIGHUP], ids=lambda s: s.name
)
def test_a_stop_signal_stops_the_server_and_frees_the_port(project, signum):
    port = free_port(HOST)
    reader = start_serve(project, port)
    server = None
    try:
        wait_until(lambda: answers(port), STARTED_WITHIN, f"serve answers on port {port}")
        (server,) = children_of(reader.pid)
        assert reader.pid not in group_of(server)  # its own group: builds go with it
        os.kill(reader.pid, signum)
        assert_stopped(reader, server, port, signum)
    finally:
        kill_leftovers(reader, server)


def test_sigterm_during_a_build_stops_the_build_too(project):
    # conf.py, read by the pre-build `reader check` and by sphinx-build, both children
    # of the server, marks that it is read and then takes long: a build in progress
    marker = project / "conf-is-being-read"
    with (project / "conf.py").open("a", encoding="utf-8") as conf:
        conf.write(
            f"\nimport pathlib, time\npathlib.Path({str(marker)!r}).touch()\ntime.sleep(300)\n"
        )
    port = free_port(HOST)
    reader = start_serve(project, port)
    server = None
    try:
        wait_until(marker.exists, STARTED_WITHIN, "a build reads conf.py")
        (server,) = children_of(reader.pid)
        builds = children_of(server)
        assert builds, "the build in progress is a child of the server"
        os.kill(reader.pid, signal.SIGTERM)
        assert_stopped(reader, server, port, signal.SIGTERM)
        assert not any(pid in builds for pid, _, _ in processes())
    finally:
        kill_leftovers(reader, server)


# run_stoppable on its own, in a process of its own (it sets signal handlers)
STOPPABLE = textwrap.dedent(
    """\
    import signal, sys
    import reader.cli.serve as serve
    serve.GRACE = 1.0
    for s in (signal.SIGINT, signal.SIGHUP, signal.SIGTERM):
        signal.signal(s, signal.SIG_DFL)  # whatever the test runner ignores
    if sys.argv[1] == "ignore-hup":
        signal.signal(signal.SIGHUP, signal.SIG_IGN)
    stubborn = "import signal, time; signal.signal(signal.SIGTERM, signal.SIG_IGN); "
    stubborn += "print('ready', flush=True); time.sleep(300)"
    sys.exit(serve.run_stoppable([sys.executable, "-c", stubborn], cwd="."))
    """
)


def start_stoppable(tmp_path: Path, mode: str) -> subprocess.Popen[str]:
    return subprocess.Popen(
        [sys.executable, "-c", STOPPABLE, mode],
        cwd=tmp_path,
        stdout=subprocess.PIPE,
        text=True,
        start_new_session=True,
    )


def wait_ready(runner: subprocess.Popen[str]) -> int:
    """Wait for run_stoppable's child to ignore SIGTERM and say so; its pid."""
    assert runner.stdout is not None
    readable, _, _ = select.select([runner.stdout], [], [], 60.0)
    assert readable, "run_stoppable's child did not start in time"
    assert runner.stdout.readline() == "ready\n"
    (child,) = children_of(runner.pid)
    return child


def test_a_server_ignoring_sigterm_is_killed_after_the_grace_time(tmp_path):
    runner = start_stoppable(tmp_path, "default")
    server = None
    try:
        server = wait_ready(runner)
        started = time.monotonic()
        runner.send_signal(signal.SIGTERM)
        assert runner.wait(timeout=STOPPED_WITHIN) == 128 + signal.SIGTERM
        assert time.monotonic() - started >= 1.0  # it was given its grace time
        assert not group_of(server)
    finally:
        kill_leftovers(runner, server)


def test_a_sighup_ignored_at_start_stays_ignored_as_with_nohup(tmp_path):
    runner = start_stoppable(tmp_path, "ignore-hup")
    server = None
    try:
        server = wait_ready(runner)
        runner.send_signal(signal.SIGHUP)
        with pytest.raises(subprocess.TimeoutExpired):
            runner.wait(timeout=2.0)
        assert group_of(server) == [server]  # the child was not told either
        runner.send_signal(signal.SIGINT)  # the stubborn child lets SIGINT end it
        assert runner.wait(timeout=STOPPED_WITHIN) == 128 + signal.SIGINT
        assert not group_of(server)
    finally:
        kill_leftovers(runner, server)
