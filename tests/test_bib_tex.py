"""TeX in refs.bib: read as TeX reads it, the same in every edition and export, or
rejected at its line (``bib_tex``) before anything is printed.

Each test builds small .bib files and reads every output of an entry: the full note,
the short note and the bibliography entry (as text, HTML, LaTeX and the docutils
nodes of the editions), and the four exports.
"""

from __future__ import annotations

import json
import re
import shutil
import textwrap
from dataclasses import dataclass
from pathlib import Path

import pytest
from pybtex.database.input.bibtex import Parser

from reader.builders.latex_book import latex_text
from reader.exports.formats import FORMATS, render
from reader.exports.records import records_for
from reader.exports.scopes import Selection
from reader.exports.values import plain
from reader.sources.bibfile import check_bibfile, load_library
from reader.sources.tex import read_tex, tex_text
from reader.styles import plugins
from tests.conftest import run_reader

NBSP, THIN = "\xa0", "\u202f"
BACKENDS = ("text", "html", "latex", "docutils")
NOTE_FORMS = ("full", "short", "bibliography")


# ------------------------------------------------------------------ helpers


def write_bib(tmp_path: Path, text: str) -> Path:
    """A .bib file whose first line is line 1."""
    path = tmp_path / "refs.bib"
    path.write_text(textwrap.dedent(text), encoding="utf-8")
    return path


def problems(path: Path) -> list[tuple[str, int]]:
    return [(problem.code, problem.line) for problem in check_bibfile(path)]


def messages(path: Path) -> str:
    return "\n".join(problem.message for problem in check_bibfile(path))


@dataclass(frozen=True)
class Outputs:
    """Everything printed of one entry: notes by "form/backend", exports by format."""

    notes: dict[str, str]
    exports: dict[str, str]

    def everywhere(self) -> dict[str, str]:
        """The notes and the exports that decode TeX (not BibTeX, which copies it)."""
        return {**self.notes, "csl-json": self.csl_text(), "ris": self.exports["ris"]}

    def csl(self) -> list[dict]:
        return json.loads(self.exports["csl-json"])

    def csl_text(self) -> str:
        return json.dumps(self.csl(), ensure_ascii=False)


def render_note(text, backend: str) -> str:
    """A note as the editions render it: text, HTML (EPUB, site), LaTeX, docutils."""
    if backend == "latex":
        return latex_text(text)
    rendered = text.render(plugins.backend(backend))
    if backend == "docutils":
        return "".join(node.astext() for node in rendered)
    return rendered


def outputs(path: Path, key: str, locator: str = "") -> Outputs:
    """Every output of entry *key* of the file at *path* (which the checker passes).

    pybtex reads the file as sphinxcontrib-bibtex does; the exports get what
    ``reader export`` gives them (bibtexparser's entries and pybtex's records).
    """
    library = load_library(path)
    parsed = Parser("utf-8").parse_file(str(path)).entries
    entries = {name.lower(): entry for name, entry in parsed.items()}
    style = plugins.style("cmos")
    entry = entries[key.lower()]
    made = {
        "full": lambda: style.full_note(entry, locator),
        "short": lambda: style.short_note(entry, locator),
        "bibliography": lambda: style.bibliography_entry(entry),
    }
    notes = {
        f"{form}/{backend}": render_note(made[form](), backend)
        for form in NOTE_FORMS
        for backend in BACKENDS
    }
    selection = Selection(list(library.entries), records_for(library.entries, entries), "test")
    return Outputs(notes, {name: render(name, selection) for name in FORMATS})


def book(tmp_path: Path, **fields: str) -> Path:
    """A .bib file with one @book, ``b``, with these fields (each on a line of its own)."""
    fields = {"author": "Doe, Jane", "title": "A Title", "year": "1917", **fields}
    body = "".join(f"  {name} = {{{value}}},\n" for name, value in fields.items())
    return write_bib(tmp_path, f"@book{{b,\n{body}}}\n")


def line_of(path: Path, needle: str) -> int:
    lines = path.read_text(encoding="utf-8").splitlines()
    return next(number for number, line in enumerate(lines, 1) if needle in line)


# ------------------------------------------------------------------ %


@pytest.mark.parametrize(
    ("text", "needle"),
    [
        ("@book{b, author = {Doe, J.}, year = {1917},\n  title = {Up 100% in a year}}", "100%"),
        ("@book{b, title = {T}, year = {1917},\n  author = {{Ham%let Co}}}", "Ham%let"),
        ("@string{pct = {50% off}}\n@book{b, title = pct, author = {D, J}, year = 1}", "50%"),
        ("@misc{b, title = {T},\n  note = {first line\n  % a comment?\n  last}}", "% a comment"),
        ("@misc{b, title = {T},\n  howpublished = {\\url{https://x.org/a%20b}}}", "%20"),
    ],
)
def test_a_bare_percent_is_rejected_at_its_line(tmp_path, text, needle):
    path = write_bib(tmp_path, text)
    assert problems(path) == [("bib_tex", line_of(path, needle))]
    assert "\\%" in messages(path)


def test_a_percent_in_an_address_is_part_of_the_address(tmp_path):
    path = write_bib(
        tmp_path,
        """\
        @online{w, title = {Page},
          url = {https://example.org/a%20b_c~d#frag},
          doi = {10.1000/a%2Fb},
        }
        """,
    )
    assert problems(path) == []
    out = outputs(path, "w")
    item = out.csl()[0]
    assert (item["URL"], item["DOI"]) == ("https://example.org/a%20b_c~d#frag", "10.1000/a%2Fb")
    assert "https://doi.org/10.1000/a%2Fb" in out.notes["full/text"]


def test_escapes_in_an_address_are_undone_alike_in_notes_and_exports(tmp_path):
    path = write_bib(
        tmp_path,
        r"""
        @online{w, title = {Price list},
          url = {https://example.org/a\_b/\$5/\%20},
        }
        """,
    )
    out = outputs(path, "w")
    address = "https://example.org/a_b/$5/%20"
    assert out.csl()[0]["URL"] == address
    assert address in out.notes["full/text"]


def test_an_escaped_percent_is_printed_whole_everywhere(tmp_path):
    path = book(tmp_path, title=r"Up 100\% in a Year", publisher=r"Fifty\% Press")
    out = outputs(path, "b")
    for name, text in out.everywhere().items():
        wanted = r"100\%" if name.endswith("latex") else "100%"
        assert f"Up {wanted} in a Year" in text, name
        if not name.startswith("short"):
            assert "Fifty\\% Press" in text if name.endswith("latex") else "Fifty% Press" in text
    assert r"Up 100\% in a Year" in out.exports["bibtex"]  # copied as written
    assert r"Up 100\% in a Year" in out.exports["biblatex"]


# ------------------------------------------------------------------ \, and ~


@pytest.mark.parametrize(
    "names",
    [r"Tolkien, J.\,R.", r"J.\,R. Tolkien", r"Doe, J.\,R.\,S.", r"Smith, A. and Tolkien, J.\,R."],
)
def test_a_thin_space_outside_braces_in_a_name_is_rejected(tmp_path, names):
    """BibTeX (and pybtex) would take its comma for the comma of ``Last, First``."""
    path = book(tmp_path, author=names)
    found = problems(path)
    assert found and set(found) == {("bib_tex", line_of(path, "author"))}
    assert "{\\,}" in messages(path)


@pytest.mark.parametrize("names", [r"Tolkien, J.{\,}R.", r"J.{\,}R. Tolkien"])
def test_a_braced_thin_space_in_a_name_is_a_narrow_no_break_space(tmp_path, names):
    path = book(tmp_path, author=names)
    assert problems(path) == []
    out = outputs(path, "b")
    for backend in BACKENDS:
        assert f"J.{THIN}R. Tolkien" in out.notes[f"full/{backend}"]
        assert f"Tolkien, J.{THIN}R." in out.notes[f"bibliography/{backend}"]
        assert "Tolkien" in out.notes[f"short/{backend}"]
    assert out.csl()[0]["author"] == [{"family": "Tolkien", "given": f"J.{THIN}R."}]
    assert f"AU  - Tolkien, J.{THIN}R." in out.exports["ris"]


@pytest.mark.parametrize(
    ("field", "value", "shown"),
    [
        ("title", r"Five\,Thousand Copies", f"Five{THIN}Thousand Copies"),
        ("publisher", r"Smith\,\&\,Sons", f"Smith{THIN}&{THIN}Sons"),
        ("title", r"Order No.~1", f"Order No.{NBSP}1"),
        ("publisher", r"Victor~Gollancz", f"Victor{NBSP}Gollancz"),
    ],
)
def test_thin_spaces_and_ties_are_no_break_spaces_everywhere(tmp_path, field, value, shown):
    path = book(tmp_path, **{field: value})
    assert problems(path) == []
    out = outputs(path, "b")
    for name, text in out.everywhere().items():
        if name.startswith("short") and field != "title":
            continue  # a short note names no publisher
        expected = shown.replace("&", r"\&") if name.endswith("latex") else shown
        expected = expected.replace("&", "&amp;") if name.endswith("html") else expected
        assert expected in text, (name, text)
    assert value in out.exports["bibtex"]


# ------------------------------------------------------------------ other specials


@pytest.mark.parametrize("char", ["&", "$", "#", "_", "^"])
def test_a_bare_special_character_is_rejected(tmp_path, char):
    path = book(tmp_path, publisher=f"Marx {char} Engels Press")
    assert problems(path) == [("bib_tex", line_of(path, "publisher"))]
    fix = "\\textasciicircum{}" if char == "^" else f"\\{char}"
    assert fix in messages(path)


def test_escaped_specials_are_their_characters_everywhere(tmp_path):
    path = book(tmp_path, title=r"Profit \& Loss of \$5 on Issue \#5 in snake\_case \{sic\}")
    assert problems(path) == []
    out = outputs(path, "b")
    for name, text in out.everywhere().items():
        if name.endswith("latex"):
            assert r"Profit \& Loss of \$5 on Issue \#5 in snake\_case \{sic\}" in text
        elif name.endswith("html"):
            assert "Profit &amp; Loss of $5 on Issue #5 in snake_case {sic}" in text
        else:
            assert "Profit & Loss of $5 on Issue #5 in snake_case {sic}" in text, name


@pytest.mark.parametrize(
    ("value", "said"),
    [
        (r"A \foo{Title}", r"`\foo`"),
        (r"Sorted \noop{1917}first", r"`\noop`"),
        (r"Medium\;space", r"`\;`"),
        (r"Two\\lines", "line break"),
        ("Ends with \\", "backslash ends"),
    ],
)
def test_unknown_commands_line_breaks_and_lone_backslashes_are_rejected(tmp_path, value, said):
    path = book(tmp_path, title=value)
    assert problems(path) == [("bib_tex", line_of(path, "title"))]
    assert said in messages(path)


def test_a_rejected_value_is_never_cut_nor_a_crash_when_read_anyway():
    """The checker stops the build; the readers still keep every character."""
    for value in ["a % b", r"\foo{x} y", "ends \\", r"x_y^z $m$ #1 & c", r"Two\\lines"]:
        parts, faults = read_tex(value)
        assert faults
        assert re.sub(r"\W", "", value.replace("\\", "")) in re.sub(r"\W", "", tex_text(value))


# ------------------------------------------------------------------ what TeX prints

DECODED = [
    (r"M{\"u}ller", "Müller"),
    (r"\"uber", "über"),
    (r"Fran{\c{c}}ois and {\v{C}}ech", "François and Čech"),
    (r"Stra{\ss}e, {\O}re, {\aa}", "Straße, Øre, å"),
    (r"Ni Dieu ni ma{\^\i}tre, na\"{\i}ve, \'{\i}", "Ni Dieu ni maître, naïve, í"),
    (r"{\'E}migr{\'e}s", "Émigrés"),
    (r"1917--1921 --- the years", "1917–1921 — the years"),
    (r"``Quoted'' here", "“Quoted” here"),
    (r"\textbackslash{} \textbraceleft{}x\textbraceright{}", "\\ {x}"),
    (r"\textasciitilde{} and \textasciicircum{}", "~ and ^"),
    (r"\emph{Capital} and {\em Iskra}", "Capital and Iskra"),
    (r"\textbf{Bold} \textsc{Caps}", "Bold Caps"),
    (r"\enquote{So} said", "“So” said"),
    (r"hyph\-en\-ated and {\relax Ch}ristine", "hyphenated and Christine"),
    (r"\TeX{} is \S\,3", f"TeX is §{THIN}3"),
    (r"\url{https://x.org/a_b~c}", "https://x.org/a_b~c"),
]


@pytest.mark.parametrize(("value", "shown"), DECODED)
def test_known_commands_print_as_tex_prints_them(tmp_path, value, shown):
    path = book(tmp_path, publisher=value)
    assert problems(path) == []
    assert plain(value) == shown
    out = outputs(path, "b")
    assert shown in out.notes["full/text"] and shown in out.notes["bibliography/docutils"]
    assert out.csl()[0]["publisher"] == shown
    assert f"PB  - {shown}" in out.exports["ris"]


def test_italics_in_a_title_are_italic_in_the_editions_and_words_in_the_exports(tmp_path):
    path = write_bib(
        tmp_path,
        r"""@article{a, author = {Doe, Jane}, journal = {Review}, year = {1978},
        title = {Reading \emph{Capital} and {\em Iskra} again}}""",
    )
    out = outputs(path, "a")
    assert "<em>Capital</em> and <em>Iskra</em> again" in out.notes["full/html"]
    assert r"\emph{Capital} and \emph{Iskra} again" in out.notes["full/latex"]
    assert out.csl()[0]["title"] == "Reading Capital and Iskra again"


# ------------------------------------------------------------------ names


@pytest.mark.parametrize("names", ["A, B, C, D", r"Doe, Jr, Jane, Mary"])
def test_a_name_with_too_many_commas_is_reported_not_a_crash(tmp_path, names):
    path = book(tmp_path, author=names)
    assert problems(path) == [("bib_syntax", line_of(path, "author"))]
    assert "and" in messages(path)


# ------------------------------------------------------------------ the build


@pytest.mark.parametrize(
    ("old", "new", "needle"),
    [
        ("title = {The Russian Tragedy}", "title = {The 100% Tragedy}", "100%"),
        ("author = {Trotsky, Leon}", r"author = {Trotsky, L.\,D.}", "L.\\,D."),
        ("author = {Trotsky, Leon}", "author = {{Trotsky%Leon}}", "Trotsky%"),
    ],
)
def test_the_build_stops_at_the_fault_naming_file_and_line(tmp_path, old, new, needle):
    """Not an internal error naming no file: the build reports the line and stops."""
    project = Path(shutil.copytree(Path(__file__).parent / "roots" / "check", tmp_path / "p"))
    bib = project / "refs.bib"
    bib.write_text(bib.read_text(encoding="utf-8").replace(old, new, 1), encoding="utf-8")
    done = run_reader("build", "--format", "html", cwd=project)
    log = done.stdout + done.stderr
    assert done.returncode != 0
    assert f"refs.bib:{line_of(bib, needle)}" in log and "[reader.bib_tex]" in log, log
    assert "Traceback" not in log and "Exception occurred" not in log, log
