"""Essays written from the exports, as a student writes them: the notes are right and
carry none of the editors' memos.

A LaTeX essay with biblatex-chicago and biber reads the BibLaTeX export; a pandoc
essay reads the CSL-JSON export.  Each cites a book (Trotsky's History, with its
translator), a chapter of the reader at a paragraph, and a quotation of the reader at
its locator, with the commands ``reader export --quotation`` prints.
"""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from reader.cli.main import main
from tests.conftest import copy_project

QUOTE = "q-trotsky1932-it-had-not-occurred-to-anyone"
CHAPTER_KEY = "why-the-russian-revolution-failed:01-february"
#: Words of the editors' memos on these works (refs.bib's note fields) that no
#: bibliography style may print.
MEMO_WORDS = ("transcription", "not verified", "not seen", "MIA", "seen in", "reviewed")


def require(tool: str) -> str:
    path = shutil.which(tool)
    if path is None:
        pytest.fail(f"{tool} is not installed; `make test` installs it")
    return path


@pytest.fixture(scope="module")
def exports(tmp_path_factory):
    """The edition's BibLaTeX and CSL-JSON exports, and how to cite the quotation."""
    folder = tmp_path_factory.mktemp("essay")
    project = copy_project(folder / "edition")
    run = lambda *args: main([*args, "--project", str(project)])  # noqa: E731
    assert run("export", "-f", "biblatex", "-o", str(folder / "works.bib")) == 0
    assert run("export", "--edition", "-f", "biblatex", "-o", str(folder / "reader.bib")) == 0
    assert run("export", "-f", "csl-json", "-o", str(folder / "works.json")) == 0
    assert run("export", "--edition", "-f", "csl-json", "-o", str(folder / "reader.json")) == 0
    return folder, project


def _quotation_commands(project: Path) -> tuple[str, str]:
    done = subprocess.run(
        [sys.executable, "-m", "reader", "export", "--quotation", QUOTE],
        cwd=project,
        capture_output=True,
        text=True,
        check=True,
    )
    latex = re.search(r"LaTeX:\s+(.*)", done.stderr)[1]
    pandoc = re.search(r"pandoc:\s+(.*)", done.stderr)[1]
    return latex, pandoc


def _assert_notes(text: str) -> None:
    flat = " ".join(text.split())
    assert "Leon Trotsky" in flat or "Trotsky, Leon" in flat
    assert "History of the Russian Revolution" in flat
    assert "Max Eastman" in flat  # the translator
    assert "vol. 1, ch. 7" in flat or "1:ch. 7" in flat  # the quotation's locator
    # CSL styles set titles in title case: "February 1917 and the Soviets"
    assert "february 1917 and the soviets" in flat.lower() and "para. 7" in flat
    for word in MEMO_WORDS:
        assert word not in flat, f"a memo ({word!r}) reached the essay: {flat[:3000]}"


def test_a_latex_essay_with_biblatex_chicago(exports):
    xelatex, biber = require("xelatex"), require("biber")
    folder, project = exports
    latex, _ = _quotation_commands(project)
    (folder / "essay.tex").write_text(
        "\\documentclass{article}\n\\usepackage{fontspec}\n"
        "\\usepackage[notes,backend=biber]{biblatex-chicago}\n"
        "\\addbibresource{works.bib}\n\\addbibresource{reader.bib}\n"
        "\\begin{document}\n"
        f"Trotsky saw it begin unplanned.{latex}\n"
        f"The reader sums the days up.\\autocite[para.~7]{{{CHAPTER_KEY}}}\n"
        "\\printbibliography\n\\end{document}\n",
        encoding="utf-8",
    )
    for command in ([xelatex, "-interaction=nonstopmode", "essay"], [biber, "essay"]):
        done = subprocess.run(command, cwd=folder, capture_output=True, text=True, timeout=300)
        assert done.returncode == 0, done.stdout[-3000:]
    done = subprocess.run(
        [xelatex, "-interaction=nonstopmode", "essay"], cwd=folder, capture_output=True, text=True
    )
    assert done.returncode == 0, done.stdout[-3000:]
    text = subprocess.run(
        ["pdftotext", "-enc", "UTF-8", "essay.pdf", "-"],
        cwd=folder,
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    _assert_notes(text)


def test_a_pandoc_essay_with_csl_json(exports):
    pandoc = require("pandoc")
    folder, project = exports
    _, cite = _quotation_commands(project)
    essay = (
        f"Trotsky saw it begin unplanned.{cite.replace('[', '[', 1)}\n\n"
        f"The reader sums the days up [@{CHAPTER_KEY}, para. 7].\n\n# Works cited\n"
    )
    done = subprocess.run(
        [
            pandoc,
            "--citeproc",
            "--bibliography",
            str(folder / "works.json"),
            "--bibliography",
            str(folder / "reader.json"),
            "-t",
            "plain",
        ],
        input=essay,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert done.returncode == 0, done.stderr
    assert "[WARNING]" not in done.stderr, done.stderr
    _assert_notes(done.stdout)
