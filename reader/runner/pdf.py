"""The PDF: Sphinx's LaTeX output compiled by latexmk with XeLaTeX."""

from __future__ import annotations

import shutil
import subprocess
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


def compile_pdf(latex_dir: Path, basename: str) -> Path:
    """Run latexmk on ``basename.tex`` in *latex_dir*; return the PDF's path."""
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
    return pdf
