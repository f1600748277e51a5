"""Shared fixtures: the edition built once per session by the real ``reader`` command."""

from __future__ import annotations

import shutil
import subprocess
import sys
import zipfile
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


@pytest.fixture(scope="session")
def fixture_book(tmp_path_factory: pytest.TempPathFactory) -> Built:
    """The small fixture book of tests/roots/book, built in every format."""
    project = tmp_path_factory.mktemp("fixture") / "book"
    shutil.copytree(BOOK, project)
    done = run_reader("build", "--quiet", cwd=project)
    assert done.returncode == 0, (done.stdout + done.stderr)[-6000:]
    editions = project / "_build" / "editions"
    return Built(
        project=project,
        html=project / "_build" / "html",
        epub=editions / "fixture-book.epub",
        pdf=editions / "fixture-book.pdf",
        bib=editions / "refs.bib",
        log=done.stdout + done.stderr,
    )


@pytest.fixture(scope="session")
def edition(tmp_path_factory: pytest.TempPathFactory) -> Built:
    """The whole edition, built once from a copy of the sources with `reader build`."""
    project = copy_project(tmp_path_factory.mktemp("edition"))
    done = run_reader("build", cwd=project)
    log = done.stdout + done.stderr
    assert done.returncode == 0, log[-6000:]
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
