"""The PDF: Sphinx's LaTeX output compiled by latexmk with XeLaTeX.

After the last pass, the LaTeX log is read: an undefined reference (a link or a
page number that would print as "??") fails the build; lines that stick out into
the margin are reported.
"""

from __future__ import annotations

import re
import shutil
import subprocess
from dataclasses import dataclass
from pathlib import Path

from reader.runner.sphinx import BuildFailed

TEX_PACKAGES = "latexmk texlive-xetex texlive-fonts-recommended fonts-freefont-otf"


def require_tex() -> None:
    """Fail with the install command when the TeX tools are missing."""
    missing = [tool for tool in ("latexmk", "xelatex") if shutil.which(tool) is None]
    if missing:
        raise BuildFailed(
            f"the PDF needs {' and '.join(missing)}; install TeX with:\n"
            f"  sudo apt-get install -y {TEX_PACKAGES}\n"
            "(or run `make`, which installs it when run as root)"
        )


_UNDEFINED = re.compile(r"LaTeX Warning: (?:Hyper )?[Rr]eference `([^']*)' on page (\S+) undefined")
_MAX_PRINT_LINE = 79
_OVERFULL = re.compile(r"^Overfull \\hbox \(([\d.]+)pt too wide\) .*? at lines? (\d+)", re.M)


@dataclass(frozen=True)
class LogReport:
    """What the final LaTeX pass says about the book."""

    undefined: list[tuple[str, str]]  # (label, page)
    overfull: list[tuple[float, int]]  # (points too wide, line of the .tex)


def _unwrapped(log: str) -> str:
    """The log with TeX's wrapping undone: it breaks every line at 79 characters."""
    lines: list[str] = []
    wrapped = False
    for line in log.splitlines():
        if wrapped and lines:
            lines[-1] += line
        else:
            lines.append(line)
        wrapped = len(line) == _MAX_PRINT_LINE
    return "\n".join(lines)


def read_log(log: str) -> LogReport:
    """The undefined references and overfull lines of a LaTeX log."""
    undefined = sorted(set(_UNDEFINED.findall(_unwrapped(log))))
    overfull = [(float(points), int(line)) for points, line in _OVERFULL.findall(log)]
    return LogReport(undefined, overfull)


def compile_pdf(latex_dir: Path, basename: str) -> tuple[Path, LogReport]:
    """Run latexmk on ``basename.tex`` in *latex_dir*; return the PDF's path and what
    the log says.  Fails when a reference is still undefined after the last pass."""
    require_tex()
    command = [
        "latexmk",
        "-pdfxe",
        "-interaction=nonstopmode",
        "-halt-on-error",
        "-file-line-error",
        f"{basename}.tex",
    ]
    done = subprocess.run(
        command,
        cwd=latex_dir,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
        errors="replace",
        check=False,
    )
    pdf = latex_dir / f"{basename}.pdf"
    if done.returncode != 0 or not pdf.exists():
        errors = [
            line for line in done.stdout.splitlines() if line.startswith("!") or ".tex:" in line
        ]
        detail = "\n  ".join(errors[-15:]) or done.stdout[-2000:]
        raise BuildFailed(
            f"pdf: XeLaTeX failed on {latex_dir / (basename + '.tex')}:\n  {detail}\n"
            f"(full log: {latex_dir / (basename + '.log')})"
        )
    log = latex_dir / f"{basename}.log"
    report = read_log(log.read_text(encoding="utf-8", errors="replace"))
    if report.undefined:
        listed = "\n  ".join(f"{label} (page {page})" for label, page in report.undefined[:15])
        raise BuildFailed(
            f"pdf: {len(report.undefined)} reference(s) undefined after the last LaTeX pass "
            f"(they would print as ??):\n  {listed}\n(full log: {log})"
        )
    return pdf, report
