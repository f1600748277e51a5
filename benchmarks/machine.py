"""What the figures were measured on: the machine, the software and the reader's commit."""

from __future__ import annotations

import os
import platform
import subprocess
from importlib import metadata
from pathlib import Path


def _first_line(argv: list[str]) -> str:
    try:
        done = subprocess.run(argv, capture_output=True, text=True, check=False, timeout=30)
    except (OSError, subprocess.TimeoutExpired):
        return "not found"
    return (
        (done.stdout or done.stderr).strip().splitlines()[0] if done.stdout or done.stderr else "?"
    )


def _cpu() -> str:
    fields: dict[str, str] = {}
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            name, _, value = line.partition(":")
            fields.setdefault(name.strip(), value.strip())
    except OSError:
        return platform.processor() or platform.machine()
    model = fields.get("model name", platform.machine())
    family = fields.get("cpu family")
    mhz = fields.get("cpu MHz")
    extra = ", ".join(
        part
        for part in (
            f"family {family}" if family else "",
            f"{float(mhz) / 1000:.1f} GHz" if mhz else "",
            "virtual machine" if "hypervisor" in fields.get("flags", "") else "",
        )
        if part
    )
    return f"{model} ({extra})" if extra else model


def _memory() -> str:
    try:
        for line in Path("/proc/meminfo").read_text().splitlines():
            if line.startswith("MemTotal:"):
                return f"{int(line.split()[1]) / 1024**2:.0f} GB"
    except OSError:
        pass
    return "?"


def _version(package: str) -> str:
    try:
        return metadata.version(package)
    except metadata.PackageNotFoundError:
        return "not installed"


def _reader() -> str:
    """Which reader is measured: its folder and commit (the benchmark measures whatever
    ``python -m reader`` imports, e.g. another branch's worktree on PYTHONPATH)."""
    import reader

    folder = Path(reader.__file__).resolve().parent.parent

    def git(*args: str) -> str:
        done = subprocess.run(
            ["git", "-C", str(folder), *args], capture_output=True, text=True, check=False
        )
        return done.stdout.strip()

    commit = git("rev-parse", "--short", "HEAD") or "no git"
    branch = git("rev-parse", "--abbrev-ref", "HEAD")
    # the commit that last changed the package itself: what the figures belong to
    changed = git("log", "-1", "--format=%h %s", "--", "reader")[:90]
    dirty = ", with uncommitted changes" if git("status", "--porcelain", "--", "reader") else ""
    return f"{folder} at {commit} ({branch}); reader/ last changed in {changed}{dirty}"


def describe() -> dict[str, str]:
    """The machine and software, as RESULTS.md lists them."""
    load = ", ".join(f"{x:.2f}" for x in os.getloadavg())
    return {
        "CPU": _cpu(),
        "cores": str(os.cpu_count()),
        "RAM": _memory(),
        "OS": platform.platform(),
        "Python": platform.python_version(),
        "Sphinx": _version("sphinx"),
        "docutils": _version("docutils"),
        "sphinxcontrib-bibtex": _version("sphinxcontrib-bibtex"),
        "pybtex": _version("pybtex"),
        "furo": _version("furo"),
        "XeTeX": _first_line(["xelatex", "--version"]),
        "latexmk": _first_line(["latexmk", "--version"]).strip(),
        "reader": _reader(),
        "load average at start (1, 5, 15 min)": load,
    }
