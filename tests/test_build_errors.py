"""Bad input stops the build with the file and line of the fault, never a traceback."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from tests.conftest import run_reader

BOOK = Path(__file__).parent / "roots" / "book"


@pytest.fixture
def book(tmp_path: Path) -> Path:
    shutil.copytree(BOOK, tmp_path / "book")
    return tmp_path / "book"


def build_html(project: Path):
    return run_reader("build", "--format", "html", "--quiet", cwd=project)


def test_fixture_book_builds(book):
    done = build_html(book)
    assert done.returncode == 0, done.stderr


def test_missing_citation_key_names_file_and_line(book):
    text = book / "source_texts" / "text.rst"
    text.write_text(text.read_text().replace("lux1918{?p. 3}", "lux1919{?p. 3}"))
    done = build_html(book)
    assert done.returncode != 0
    assert "Traceback" not in done.stderr
    lines = enumerate(text.read_text().splitlines(), 1)
    line = next(number for number, content in lines if "lux1919" in content)
    assert f"text.rst:{line}" in done.stderr
    assert "citation key 'lux1919' is not in refs.bib (close matches: lux1918)" in done.stderr
    assert "[reader.key_not_found]" in done.stderr


def test_broken_bibfile_names_file_and_line(book):
    bib = book / "refs.bib"
    lines = bib.read_text().splitlines()
    lines[2] = "  title = {The History of the Russian Revolution,"  # unclosed brace, line 3
    bib.write_text("\n".join(lines) + "\n")
    done = build_html(book)
    assert done.returncode != 0
    assert "Traceback" not in done.stderr
    assert "refs.bib:3" in done.stderr
    assert "[reader.bib_unclosed_brace]" in done.stderr
