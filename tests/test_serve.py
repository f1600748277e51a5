"""``reader serve``: the preview is served on localhost and follows an edit of a text."""

from __future__ import annotations

import os
import shutil
import signal
import socket
import subprocess
import time
import urllib.error
import urllib.request
from pathlib import Path

import pytest

from reader.cli.serve import autobuild_command, free_port
from tests.conftest import READER

CHECK_ROOT = Path(__file__).parent / "roots" / "check"
TIMEOUT = 30.0


def fetch(url: str) -> str | None:
    """The page at *url*, or None while the server is not answering it."""
    try:
        with urllib.request.urlopen(url, timeout=5) as response:
            return response.read().decode("utf-8")
    except (urllib.error.URLError, ConnectionError, TimeoutError):
        return None


def wait_for(url: str, text: str, deadline: float) -> str:
    """Poll *url* until its page contains *text*; fail at *deadline*."""
    page = None
    while time.monotonic() < deadline:
        page = fetch(url)
        if page is not None and text in page:
            return page
        time.sleep(0.3)
    pytest.fail(f"{text!r} not served at {url} in time; last page: {(page or '')[:300]!r}")


@pytest.fixture
def project(tmp_path: Path) -> Path:
    return Path(shutil.copytree(CHECK_ROOT, tmp_path / "book"))


def test_autobuild_command_ignores_build_and_watches_the_bibliography(project):
    command = autobuild_command(project, "127.0.0.1", 8123)
    assert command[1:4] == ["-m", "sphinx_autobuild", str(project / "source_texts")]
    assert command[command.index("-c") + 1] == str(project)
    assert command[command.index("--ignore") + 1] == str(project / "_build")
    assert str(project / "refs.bib") in command
    assert command[command.index("--port") + 1] == "8123"
    assert "-W" not in command  # warnings are shown, they do not stop the server


def test_serve_rebuilds_on_save(project):
    port = free_port("127.0.0.1")
    log = project.parent / "serve.log"
    with log.open("w", encoding="utf-8") as out:
        server = subprocess.Popen(
            [*READER, "serve", "--port", str(port), "--host", "127.0.0.1"],
            cwd=project,
            stdout=out,
            stderr=subprocess.STDOUT,
            start_new_session=True,  # its own process group, stopped as a whole below
            env={**os.environ, "CI": "true"},
        )
    url = f"http://127.0.0.1:{port}/second.html"
    try:
        wait_for(url, "wrote of the revolution", time.monotonic() + TIMEOUT)
        text = project / "source_texts" / "second.rst"
        text.write_text(
            text.read_text(encoding="utf-8").replace("wrote of", "wrote freshly of"),
            encoding="utf-8",
        )
        wait_for(url, "wrote freshly of", time.monotonic() + TIMEOUT)
    finally:
        os.killpg(server.pid, signal.SIGTERM)
        try:
            server.wait(timeout=10)
        except subprocess.TimeoutExpired:
            os.killpg(server.pid, signal.SIGKILL)
            server.wait(timeout=10)
    output = log.read_text(encoding="utf-8")
    assert f"reader serve: previewing book at http://127.0.0.1:{port}/" in output
    assert "reader check: no problems" in output  # the check runs before each build
    assert not (project / "_build" / "html").exists()  # the preview has its own folder
    assert (project / "_build" / "preview" / "html" / "second.html").is_file()


def test_serve_needs_a_project(tmp_path):
    done = subprocess.run(
        [*READER, "serve", "--port", "0"],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        check=False,
        timeout=60,
    )
    assert done.returncode == 1
    assert "no conf.py" in done.stderr


def test_serve_says_at_once_that_the_port_is_taken(project):
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        done = subprocess.run(
            [*READER, "serve", "--port", str(port), "--project", str(project)],
            capture_output=True,
            text=True,
            check=False,
            timeout=60,
        )
    assert done.returncode == 1
    assert f"cannot serve on 127.0.0.1:{port}" in done.stderr
    assert not (project / "_build").exists()  # refused before any build
