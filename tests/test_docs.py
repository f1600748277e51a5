"""The README says what the code does: its settings table, its map of the package, and
shell examples that work as written."""

from __future__ import annotations

import os
import re
import signal
import socket
import subprocess
import sys
from pathlib import Path

import pytest

from reader.extension.config import SETTINGS, markdown_table
from tests.conftest import copy_project

ROOT = Path(__file__).resolve().parent.parent
README = (ROOT / "README.md").read_text(encoding="utf-8")


def test_readme_settings_table_is_the_extensions():
    found = re.search(r"<!-- settings:[^>]*-->\n(.*?)<!-- /settings -->", README, re.S)
    assert found, "README.md has no settings table"
    assert found.group(1) == markdown_table()
    assert len(SETTINGS) >= 10


def test_readme_maps_every_part_of_the_package():
    parts = sorted(p.name for p in (ROOT / "reader").iterdir() if p.is_dir() and p.name[0] != "_")
    for part in parts:
        assert f"`reader/{part}/`" in README, part


# ------------------------------------------------- the shell examples, as pasted

#: Examples the test does not run, and why.
NOT_RUN = {
    "make": "the set-up command itself: CI runs `make test`, the edition fixture `reader build`",
    "make test": "the test command itself",
    "pip install pre-commit": "needs the network",
    "pre-commit install": "needs a git clone and pre-commit from the network",
    "pre-commit run --all-files": "needs pre-commit from the network",
}
#: Examples that run until stopped: they must still be running after this many seconds.
LONG_RUNNING = {"reader serve": 8.0}


def shell_examples() -> list[tuple[str, str]]:
    """(where, command) of every line of the ```sh blocks of README.md and docs/."""
    found = []
    for path in [ROOT / "README.md", *sorted((ROOT / "docs").glob("*.md"))]:
        text = path.read_text(encoding="utf-8")
        for block in re.finditer(r"^```sh\n(.*?)^```", text, re.S | re.M):
            first = text[: block.start()].count("\n") + 2
            for offset, line in enumerate(block[1].splitlines()):
                command = re.sub(r"\s+#.*$", "", line).strip()
                if command:
                    found.append((f"{path.relative_to(ROOT)}:{first + offset}", command))
    return found


def test_every_shell_example_works_as_written(tmp_path):
    """Each command of the README's and the guide's shell blocks, pasted into a shell in
    a fresh copy of the project after the README's set-up, exits 0."""
    venv = Path(sys.prefix)
    if not (venv / "bin" / "activate").is_file():
        pytest.skip("the tests do not run in a virtual environment (make test makes one)")
    project = copy_project(tmp_path / "book")
    (project / ".venv").symlink_to(venv)  # what `make` made
    examples = shell_examples()
    assert any(command.startswith("reader export") for _, command in examples)
    failed = []
    for where, command in examples:
        if command in NOT_RUN or command == ". .venv/bin/activate":
            continue
        script = f". .venv/bin/activate\n{command}\n"
        if command in LONG_RUNNING:
            failed += _still_running(where, command, script, project, LONG_RUNNING[command])
            continue
        done = subprocess.run(
            ["bash", "-c", script], cwd=project, capture_output=True, text=True, timeout=600
        )
        if done.returncode != 0:
            failed.append(f"{where}: `{command}` exited {done.returncode}: {done.stderr[-600:]}")
    assert failed == []


def _still_running(where: str, command: str, script: str, project: Path, wait: float):
    with socket.socket() as probe:  # the examples' default port
        if probe.connect_ex(("127.0.0.1", 8000)) == 0:
            return []  # something else serves there; test_serve covers the server
    process = subprocess.Popen(
        ["bash", "-c", script.replace("\n", "\nexec ", 1)],
        cwd=project,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        start_new_session=True,
    )
    try:
        process.wait(timeout=wait)
    except subprocess.TimeoutExpired:
        # SIGTERM, not SIGINT: pytest-xdist's workers ignore SIGINT, and so would the
        # command they start; `reader serve` stops its server on SIGTERM
        os.killpg(process.pid, signal.SIGTERM)
        try:
            process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            os.killpg(process.pid, signal.SIGKILL)
            process.wait()
            return [f"{where}: `{command}` did not stop on SIGTERM"]
        return []
    output = process.stdout.read().decode(errors="replace") if process.stdout else ""
    return [f"{where}: `{command}` stopped at once ({process.returncode}): {output[-600:]}"]
