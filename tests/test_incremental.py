"""Rebuilds that touch only what changed, and give what a clean build gives.

After an edit, Sphinx reads only the changed text (and, for refs.bib, the texts
citing the changed entry) and writes only the pages that show what changed; the
pages an incremental build leaves are byte for byte those of a clean build of the
same sources.  A parallel build (``-j 2``) gives the same pages as a serial one.
"""

from __future__ import annotations

import os
import re
import shutil
import time
from io import StringIO
from pathlib import Path

import pytest

from reader.runner.sphinx import run_sphinx
from tests.conftest import BOOK, add_texts

PROGRESS = re.compile(r"^(reading sources|writing output)\.\.\. \[\s*\d+%\] (\S+)\s*$")
# Where Sphinx thinks the terminal takes colour (CI=true, FORCE_COLOR), it prints
# its progress on one line, erasing it with ANSI codes and returning with \r.
ANSI = re.compile(r"\x1b\[[0-9;]*[A-Za-z]")


def build(project: Path, parallel: int = 0) -> dict[str, set[str]]:
    """Build the site of *project*; return the documents Sphinx read and wrote."""
    status = StringIO()
    out = project / "_build"
    run_sphinx(
        "html",
        project,
        out / "html",
        out / "doctrees" / "html",
        status=status,
        warning=StringIO(),
        parallel=parallel,
        raise_on_warnings=False,
    )
    done: dict[str, set[str]] = {"reading sources": set(), "writing output": set()}
    for line in re.split(r"[\r\n]", ANSI.sub("", status.getvalue())):
        if match := PROGRESS.match(line):
            done[match[1]].add(match[2])
    return {"read": done["reading sources"], "written": done["writing output"]}


def pages(project: Path) -> dict[str, bytes]:
    """Every file of the site but Sphinx's record of its configuration."""
    site = project / "_build" / "html"
    return {
        str(path.relative_to(site)): path.read_bytes()
        for path in sorted(site.rglob("*"))
        if path.is_file() and path.name not in {".buildinfo", ".reader-pages"}
    }


def edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, (old, path)
    path.write_text(text.replace(old, new, 1), encoding="utf-8")
    # Sphinx compares a file's mtime with the time it read the file; on a file
    # system with coarse timestamps a save in the same tick as the build would look
    # unchanged, so date the save a little later, as an annotator's next save would be.
    later = max(time.time_ns(), path.stat().st_mtime_ns) + 2_000_000_000
    os.utime(path, ns=(later, later))


@pytest.fixture
def built(tmp_path: Path) -> Path:
    project = shutil.copytree(BOOK, tmp_path / "book")
    first = build(project)
    assert {"index", "text", "second", "people"} <= first["read"] <= first["written"]
    assert build(project) == {"read": set(), "written": set()}  # a no-op is a no-op
    return project


def assert_same_as_clean(project: Path, tmp_path: Path) -> None:
    clean = shutil.copytree(project, tmp_path / "clean", ignore=shutil.ignore_patterns("_build"))
    build(clean)
    incremental, fresh = pages(project), pages(clean)
    assert sorted(incremental) == sorted(fresh)
    changed = [name for name in fresh if incremental[name] != fresh[name]]
    assert changed == [], changed


def test_editing_a_paragraph_reads_and_writes_that_text_and_its_contents_page(built, tmp_path):
    edit(built / "source_texts" / "second.rst", "in another text", "in a further text")
    assert build(built) == {"read": {"second"}, "written": {"second", "index"}}
    assert_same_as_clean(built, tmp_path)


def test_editing_an_annotation_writes_its_register_and_the_pages_that_mention_it(built, tmp_path):
    edit(
        built / "source_texts" / "people.rst",
        "Revolutionary and historian of the revolution.",
        "Revolutionary, war commissar and historian of the revolution.",
    )
    # the register, and the pages whose popups show Trotsky
    assert build(built) == {"read": {"people"}, "written": {"people", "index", "text", "second"}}
    assert_same_as_clean(built, tmp_path)


def test_editing_a_mention_writes_the_register_that_lists_it(built, tmp_path):
    edit(built / "source_texts" / "second.rst", ":person:`Trotsky <trotsky>`", "Trotsky")
    done = build(built)
    assert done["read"] == {"second"}
    assert {"second", "people"} <= done["written"] <= {"second", "people", "index"}
    assert_same_as_clean(built, tmp_path)


def test_editing_refs_bib_rereads_only_the_texts_citing_the_entry(built, tmp_path):
    edit(
        built / "refs.bib", "title = {The Russian Tragedy}", "title = {The Russian Tragedy Revised}"
    )
    done = build(built)
    assert done["read"] == {"text", "people"}  # the texts that cite lux1918
    # and the bibliography, which lists every entry
    assert done["written"] == {"text", "people", "bibliography", "index"}
    assert_same_as_clean(built, tmp_path)


def test_a_parallel_build_gives_the_pages_of_a_serial_build(tmp_path):
    # Sphinx reads in parallel only with more than five documents to read
    serial = add_texts(shutil.copytree(BOOK, tmp_path / "serial"), 12, paragraphs=6)
    parallel = shutil.copytree(serial, tmp_path / "parallel")
    build(serial)
    build(parallel, parallel=2)
    one, two = pages(serial), pages(parallel)
    assert sorted(one) == sorted(two)
    assert [name for name in one if one[name] != two[name]] == []
    assert "Extra 11" in (parallel / "_build" / "html" / "people.html").read_text()
