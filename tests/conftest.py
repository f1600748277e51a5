"""Shared fixtures: the edition built once per session by the real ``reader`` command."""

from __future__ import annotations

import fcntl
import os
import shutil
import subprocess
import sys
import zipfile
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
READER = [sys.executable, "-m", "reader"]


def copy_project(dest: Path) -> Path:
    """A copy of the edition's sources (conf.py, refs.bib, source_texts/) in *dest*."""
    dest.mkdir(parents=True, exist_ok=True)
    shutil.copy2(ROOT / "conf.py", dest / "conf.py")
    shutil.copy2(ROOT / "refs.bib", dest / "refs.bib")
    shutil.copytree(ROOT / "source_texts", dest / "source_texts")
    return dest


def build_in_process(
    project: Path, formats: tuple[str, ...], capsys: pytest.CaptureFixture[str]
) -> subprocess.CompletedProcess[str]:
    """``reader build --quiet`` (html unless *formats* say) in this process."""
    from reader.cli.main import main

    capsys.readouterr()
    args = ["build", "--quiet", "--project", str(project)]
    for fmt in formats or ("html",):
        args += ["--format", fmt]
    code = main(args)
    out = capsys.readouterr()
    return subprocess.CompletedProcess(args, code, out.out, out.err)


def run_reader(*args: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    """Run the ``reader`` command as a user would, capturing its output."""
    return subprocess.run(
        [*READER, *args], cwd=cwd, capture_output=True, text=True, check=False, timeout=900
    )


@dataclass(frozen=True)
class Built:
    project: Path
    html: Path
    epub: Path
    pdf: Path
    bib: Path
    log: str

    def epub_text(self) -> str:
        """All XHTML of the EPUB, concatenated."""
        with zipfile.ZipFile(self.epub) as z:
            return "\n".join(
                z.read(n).decode("utf-8") for n in z.namelist() if n.endswith(".xhtml")
            )

    def pdf_text(self) -> str:
        done = subprocess.run(
            # -raw: the text in the order it is set (marginal numbers before their lines)
            ["pdftotext", "-raw", "-enc", "UTF-8", str(self.pdf), "-"],
            capture_output=True,
            text=True,
            check=True,
        )
        return done.stdout


BOOK = Path(__file__).parent / "roots" / "book"


def add_texts(project: Path, count: int, paragraphs: int = 12) -> Path:
    """Add *count* texts to a copy of the fixture book, each with *paragraphs*
    paragraphs that mention Trotsky and cite his history (a book big enough for a
    build to take a while, or for Sphinx to read in parallel: more than five texts)."""
    index = project / "source_texts" / "index.rst"
    for n in range(count):
        body = "\n\n".join(
            f"Paragraph {p} mentions :person:`Trotsky <trotsky>` and cites a "
            f"history.\\ :cite:`trotsky1932{{vol. 1, ch. {p + 1}}}`"
            for p in range(paragraphs)
        )
        (project / "source_texts" / f"extra-{n}.rst").write_text(
            f"Extra {n}\n========\n\n{body}\n", encoding="utf-8"
        )
    entries = "".join(f"   extra-{n}\n" for n in range(count))
    index.write_text(
        index.read_text(encoding="utf-8").replace("   text\n", "   text\n" + entries),
        encoding="utf-8",
    )
    return project


@contextmanager
def built_once(tmp_path_factory: pytest.TempPathFactory, name: str) -> Iterator[Path]:
    """A folder for *name* that every xdist worker of this run shares: the first to take
    its lock builds into it, the others wait and use what it built (two builds of the
    same edition on two cores took a fifth of the suite's time)."""
    base = tmp_path_factory.getbasetemp()
    if os.environ.get("PYTEST_XDIST_WORKER"):
        base = base.parent  # the run's folder, above each worker's own
    with open(base / f"{name}.lock", "a+") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        yield base / name


def _build(project: Path, *args: str) -> str:
    """``reader build`` in *project* once per run; its output (kept for later workers)."""
    log = project / "_build" / "reader-build.log"
    if not log.is_file():
        done = run_reader("build", *args, cwd=project)
        output = done.stdout + done.stderr
        assert done.returncode == 0, output[-6000:]
        log.write_text(output, encoding="utf-8")
    return log.read_text(encoding="utf-8")


@pytest.fixture(scope="session")
def fixture_book(tmp_path_factory: pytest.TempPathFactory) -> Built:
    """The small fixture book of tests/roots/book, built in every format."""
    with built_once(tmp_path_factory, "fixture") as folder:
        project = folder / "book"
        if not project.is_dir():
            shutil.copytree(BOOK, project)
        log = _build(project, "--quiet")
    editions = project / "_build" / "editions"
    return Built(
        project=project,
        html=project / "_build" / "html",
        epub=editions / "fixture-book.epub",
        pdf=editions / "fixture-book.pdf",
        bib=editions / "refs.bib",
        log=log,
    )


@pytest.fixture(scope="session")
def edition(tmp_path_factory: pytest.TempPathFactory) -> Built:
    """The whole edition, built once from a copy of the sources with `reader build`."""
    with built_once(tmp_path_factory, "edition") as project:
        if not project.is_dir():
            copy_project(project)
        log = _build(project)
    editions = project / "_build" / "editions"
    pdfs, epubs = list(editions.glob("*.pdf")), list(editions.glob("*.epub"))
    assert len(pdfs) == 1 and len(epubs) == 1, sorted(p.name for p in editions.iterdir())
    return Built(
        project=project,
        html=project / "_build" / "html",
        epub=epubs[0],
        pdf=pdfs[0],
        bib=editions / "refs.bib",
        log=log,
    )


@pytest.fixture(scope="session")
def edition_reading(tmp_path_factory: pytest.TempPathFactory):
    """The edition's sources as one reading of them (what `reader check` sees)."""
    from reader.runner.project import read_project

    return read_project(copy_project(tmp_path_factory.mktemp("reading") / "edition"))


# sphinx.testing's fixtures (``app``, ``@pytest.mark.sphinx``) on the roots named
# ``test-<name>`` in tests/roots, as sphinxcontrib-bibtex's tests have them
pytest_plugins = ("sphinx.testing.fixtures",)


@pytest.fixture(scope="session")
def rootdir() -> Path:
    return Path(__file__).parent / "roots"
