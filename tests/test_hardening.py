"""Hostile and faulty inputs: no wrong output, no lost file, no crash without a place.

One group of tests per class of fault; each test is named after the behaviour it
asserts.  (refs.bib's TeX and the fuzz test: tests/test_bib_tex.py and
tests/test_fuzz_bib.py; ``export -o`` and ``serve``: tests/test_export_output.py
and tests/test_serve_signals.py.)
"""

from __future__ import annotations

import json
import shutil
import signal
import subprocess
import time
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from reader.cli.main import main
from reader.exports.cite import latex_citation, pandoc_citation
from reader.sources.calendar import DateError, parse_date
from reader.sources.citations import CitationTarget
from tests.conftest import BOOK, READER, add_texts, build_in_process, run_reader


@pytest.fixture
def book(tmp_path: Path) -> Path:
    return shutil.copytree(BOOK, tmp_path / "book")


def build(project: Path, *formats: str, capsys: pytest.CaptureFixture[str]) -> tuple[int, str]:
    """``reader build`` in this process: its status and what it printed."""
    done = build_in_process(project, formats, capsys)
    return done.returncode, done.stdout + done.stderr


def append(path: Path, text: str) -> None:
    path.write_text(path.read_text(encoding="utf-8") + text, encoding="utf-8")


def page(project: Path, name: str) -> BeautifulSoup:
    html = (project / "_build" / "html" / f"{name}.html").read_text(encoding="utf-8")
    return BeautifulSoup(html, "html.parser")


def cite_items(soup: BeautifulSoup) -> dict[str, dict[str, str]]:
    return json.loads(soup.find("script", id="reader-citations").string)


# -- 1. keys that would collide as anchors ---------------------------------------

COLLIDING = """
@book{marx:1867,
  author = {Marx, Karl},
  title = {Capital, Colon Edition},
  year = {1867},
}

@book{marx-1867,
  author = {Marx, Karl},
  title = {Capital, Hyphen Edition},
  year = {1867},
}

@book{marx_1867,
  author = {Marx, Karl},
  title = {Capital, Underscore Edition},
  year = {1867},
}
"""


def test_keys_differing_only_in_punctuation_get_distinct_anchors_and_cite_entries(book, capsys):
    append(book / "refs.bib", COLLIDING)
    append(
        book / "source_texts" / "text.rst",
        "\nThree editions: a.\\ :cite:`marx:1867{p. 1}` B.\\ :cite:`marx-1867{p. 2}` "
        "C.\\ :cite:`marx_1867{p. 3}`\n",
    )
    code, out = build(book, capsys=capsys)
    assert code == 0, out
    soup = page(book, "text")
    entries = soup.select("p.reader-bib-entry")
    ids = [p["id"] for p in entries if "Capital" in p.get_text()]
    assert len(ids) == 3 and len(set(ids)) == 3
    items = cite_items(soup)
    for entry in entries:
        title = entry.find("em")
        if title is not None and "Capital" in title.get_text():
            # the Cite panel of each entry holds that entry, not a namesake
            assert title.get_text() in items[entry["id"]]["bibtex"], entry["id"]


def test_quotations_of_colliding_keys_get_distinct_ids(book, capsys):
    append(book / "refs.bib", COLLIDING)
    quote = "\n.. quote::\n   :cite: {key}{{p. 4}}\n\n   All that is solid melts into air.\n"
    text = book / "source_texts" / "second.rst"
    append(text, quote.format(key="marx:1867") + quote.format(key="marx-1867"))
    code, out = build(book, capsys=capsys)
    assert code == 0, out
    quotes = [q["id"] for q in page(book, "second").select("blockquote.reader-quotation")]
    marx = [q for q in quotes if "marx" in q]
    assert len(marx) == 2 and len(set(marx)) == 2


# -- 3. interrupted and concurrent builds -----------------------------------------


def bigger(book: Path, texts: int = 40) -> Path:
    """The fixture book with many more texts, so that a build takes a few seconds."""
    return add_texts(book, texts)


@pytest.mark.parametrize("sig", [signal.SIGKILL, signal.SIGTERM])
def test_a_killed_build_leaves_nothing_the_next_build_trusts(book, tmp_path, sig):
    project = bigger(book)
    started = subprocess.Popen(
        [*READER, "build", "--format", "html", "--quiet"],
        cwd=project,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    # kill it once Sphinx has saved its environment, before the pages are all written
    pickle = project / "_build" / "doctrees" / "html" / "environment.pickle"
    deadline = time.monotonic() + 60
    while not pickle.exists() and time.monotonic() < deadline and started.poll() is None:
        time.sleep(0.05)
    started.send_signal(sig)
    started.wait(timeout=30)
    assert (project / "_build" / "doctrees" / "html" / ".unfinished").exists()

    done = run_reader("build", "--format", "html", "--quiet", cwd=project)
    assert done.returncode == 0, done.stderr[-2000:]
    clean = shutil.copytree(BOOK, tmp_path / "clean")
    bigger(clean)
    assert run_reader("build", "--format", "html", "--quiet", cwd=clean).returncode == 0
    for name in ("people.html", "extra-39.html", "searchindex.js"):
        resumed = (project / "_build" / "html" / name).read_text(encoding="utf-8")
        assert resumed == (clean / "_build" / "html" / name).read_text(encoding="utf-8"), name


def test_a_second_build_at_once_waits_for_the_first(book):
    project = bigger(book, 20)
    first = subprocess.Popen(
        [*READER, "build", "--format", "html"],
        cwd=project,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    lock = project / "_build" / "doctrees" / "html" / ".unfinished"
    deadline = time.monotonic() + 60
    while not lock.exists() and time.monotonic() < deadline:
        time.sleep(0.02)
    second = run_reader("build", "--format", "html", cwd=project)
    out, err = first.communicate(timeout=300)
    assert first.returncode == 0, err[-2000:]
    assert second.returncode == 0, second.stderr[-2000:]
    assert "another build of this project is running" in second.stdout + second.stderr
    people = (project / "_build" / "html" / "people.html").read_text(encoding="utf-8")
    assert "Extra 19" in people


# -- 4. removed texts leave every edition and export ------------------------------


def test_a_removed_text_leaves_the_site_and_the_per_text_exports(book, capsys):
    index = book / "source_texts" / "index.rst"
    original = index.read_text(encoding="utf-8")
    extra = book / "source_texts" / "gone.rst"
    extra.write_text("Soon Gone\n=========\n\nCites.\\ :cite:`lux1918{p. 2}`\n", encoding="utf-8")
    index.write_text(original.replace("   second\n", "   second\n   gone\n"), encoding="utf-8")
    code, out = build(book, "html", "bib", capsys=capsys)
    assert code == 0, out
    site, texts = book / "_build" / "html", book / "_build" / "editions" / "texts"
    assert (site / "gone.html").exists() and (texts / "gone.bib").exists()

    extra.unlink()
    index.write_text(original, encoding="utf-8")
    code, out = build(book, "html", "bib", capsys=capsys)
    assert code == 0, out
    assert not (site / "gone.html").exists()
    assert not list(texts.glob("gone.*"))
    assert "gone.html" not in (site / "index.html").read_text(encoding="utf-8")
    # pages other extensions make are not texts and stay
    assert (site / "genindex.html").exists() and (site / "search.html").exists()


# -- 5. file names ------------------------------------------------------------------


@pytest.mark.parametrize("name", ["bad name", "ünïcode", "Capitals"])
def test_a_text_name_that_cannot_be_a_page_name_is_an_error_in_check_and_build(book, capsys, name):
    (book / "source_texts" / f"{name}.rst").write_text("A Text\n======\n\nWords.\n")
    index = book / "source_texts" / "index.rst"
    index.write_text(index.read_text().replace("   second\n", f"   second\n   {name}\n"))
    code, out = build(book, "html", "epub", capsys=capsys)
    assert code == 1
    assert f"{name}.rst:1: " in out and "[reader.text_name]" in out
    assert "Traceback" not in out and "internal error" not in out
    capsys.readouterr()
    assert main(["check", "--project", str(book)]) == 1
    assert f"{name}.rst:1: error [text_name]" in capsys.readouterr().out


# -- 7. operational failures name what failed --------------------------------------


def test_an_output_folder_that_cannot_be_written_is_named_not_an_internal_error(book, capsys):
    (book / "_build").write_text("a file where the output folder should be")
    code, out = build(book, capsys=capsys)
    assert code == 1
    assert "internal error" not in out and "Traceback" not in out
    assert str(book / "_build") in out


def test_a_conf_py_that_cannot_be_read_fails_check_and_build_with_its_line(book, capsys):
    append(book / "conf.py", "\nproject = (\n")
    code, out = build(book, capsys=capsys)
    assert code == 1 and "conf.py, line" in out and "internal error" not in out
    capsys.readouterr()
    assert main(["check", "--project", str(book)]) == 1
    assert "conf.py, line" in capsys.readouterr().err


def test_a_text_that_is_not_utf8_is_named_with_its_line(book, capsys):
    text = book / "source_texts" / "second.rst"
    text.write_bytes(text.read_bytes() + "\nCaf\u00e9 in Latin-1.\n".encode("latin-1"))
    code, out = build(book, capsys=capsys)
    assert code == 1 and "internal error" not in out
    line = text.read_bytes().count(b"\n")
    assert f"second.rst:{line}: " in out and "[reader.text_encoding]" in out


# -- 8. policy: raw markup, file inclusion, dates, copied citations ----------------


@pytest.mark.parametrize(
    "markup",
    [
        ".. raw:: html\n\n   <script>alert(1)</script>\n",
        ".. role:: raw-html(raw)\n   :format: html\n\nInline :raw-html:`<b>x</b>` here.\n",
        ".. include:: /etc/hostname\n",
        ".. literalinclude:: /etc/passwd\n",
        ".. csv-table:: Data\n   :file: /etc/passwd\n",
    ],
)
def test_raw_markup_and_file_inclusion_are_errors_unless_conf_allows_them(book, capsys, markup):
    text = book / "source_texts" / "second.rst"
    append(text, "\n" + markup)
    code, out = build(book, capsys=capsys)
    assert code == 1 and "[reader.rst_disabled]" in out, out
    assert "second.rst:" in out
    site = book / "_build" / "html"
    assert (
        not (site / "second.html").exists()
        or "<script>alert" not in (site / "second.html").read_text()
    )

    append(book / "conf.py", "\nreader_allow_raw = True\n")
    code, out = build(book, capsys=capsys)
    assert "[reader.rst_disabled]" not in out


@pytest.mark.parametrize(
    ("written", "hint"),
    [
        ("1 February 1918 OS", "'14 February 1918 NS'"),
        ("12 March 1921 OS", "'25 March 1921 NS'"),
        ("1 January 1930 OS", "'14 January 1930 NS'"),
    ],
)
def test_an_old_style_date_after_the_switch_is_rejected_with_the_new_style_date(written, hint):
    with pytest.raises(DateError, match=hint):
        parse_date(written)
    assert parse_date("31 January 1918 OS").dual() == "31 January [13 February] 1918"


def test_an_old_style_date_after_the_switch_fails_the_build_at_its_line(book, capsys):
    text = book / "source_texts" / "second.rst"
    append(text, "\nThe Kronstadt rising began on :date:`1 March 1921 OS`.\n")
    code, out = build(book, capsys=capsys)
    assert code == 1 and "[reader.date_invalid]" in out and "'14 March 1921 NS'" in out


HOSTILE_LOCATORS = [
    CitationTarget("k", locator="p. 3 [map]; n. 2", pre="see ^ \\ {x}"),
    CitationTarget("k", locator="ch. 2", verified=False, pre="cf. [a]"),
    CitationTarget("k", locator="pp. 4–5 % $x$ #1 _y_ ~z", pre="@other; and"),
]


@pytest.mark.parametrize("target", HOSTILE_LOCATORS)
def test_copied_pandoc_citations_survive_brackets_semicolons_and_backslashes(target):
    markdown = f"Text {pandoc_citation([target])}.\n"
    parsed = json.loads(
        subprocess.run(
            ["pandoc", "-f", "markdown", "-t", "json"],
            input=markdown,
            capture_output=True,
            text=True,
            check=True,
        ).stdout
    )
    cites = [b for b in parsed["blocks"][0]["c"] if b["t"] == "Cite"]
    assert len(cites) == 1
    (citation,) = cites[0]["c"][0]
    assert citation["citationId"] == "k"
    words = subprocess.run(
        ["pandoc", "-f", "json", "-t", "plain"],
        input=json.dumps({**parsed, "blocks": [{"t": "Para", "c": citation["citationSuffix"]}]}),
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    assert " ".join(words.split()).lstrip(", ").startswith(target.locator.split()[0])
    assert target.locator.split()[-1] in words


@pytest.mark.parametrize("target", HOSTILE_LOCATORS)
def test_copied_latex_citations_keep_their_arguments_balanced(target):
    command = latex_citation([target])
    parsed = json.loads(
        subprocess.run(
            ["pandoc", "-f", "latex", "-t", "json"],
            input=f"Text {command}.\n",
            capture_output=True,
            text=True,
            check=True,
        ).stdout
    )
    text = json.dumps(parsed)
    assert '"citationId": "k"' in text
    # every brace and bracket opened is closed
    stripped = command.replace("\\{", "").replace("\\}", "")
    assert stripped.count("{") == stripped.count("}")
    depth = 0
    for char in stripped:
        depth += {"{": 1, "}": -1}.get(char, 0)
        assert depth >= 0
