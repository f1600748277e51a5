"""Fuzzing refs.bib's values through every edition and export (hypothesis).

Each example is one entry (a book, an article or a web page) whose title, names,
publisher and URL, and the locator it is cited with, are made of words and of TeX:
escaped specials, ties, thin spaces, accents, braces, italics, dashes, and the
constructs the reader rejects (a bare ``%``, an unknown command, ``\\,`` in a name).
Either the checker rejects the entry at the lines of exactly the fields that hold a
rejected construct, or every output of it (full note, short note and bibliography
entry as text, HTML, LaTeX and docutils nodes; BibTeX, BibLaTeX, CSL-JSON, RIS):

* is made without an exception;
* holds the words of every value, in order (modulo escaping and markup);
* has balanced braces (BibTeX, BibLaTeX, LaTeX), also where TeX and pandoc take a
  bare ``%`` for a comment, and the BibTeX export reads back to the same values
  (bibtexparser and pybtex); CSL-JSON is valid JSON.

``make test`` runs 200 examples (profile ``bib-fuzz``).  For a longer run, 5,000
examples::

    HYPOTHESIS_PROFILE=long .venv/bin/pytest tests/test_fuzz_bib.py

The profiles apply to this module's tests only.
"""

from __future__ import annotations

import html
import json
import os
import re
from dataclasses import dataclass, field
from pathlib import Path

import bibtexparser
import pytest
from hypothesis import HealthCheck, event, given, settings
from hypothesis import strategies as st
from pybtex.database import parse_string

from reader.sources.bibfile import check_bibfile
from reader.sources.tex import read_tex
from tests.test_bib_tex import Outputs, outputs

settings.register_profile(
    "bib-fuzz",
    max_examples=200,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
)
settings.register_profile("long", settings.get_profile("bib-fuzz"), max_examples=5000)
FUZZ = settings(settings.get_profile(os.environ.get("HYPOTHESIS_PROFILE", "bib-fuzz")))

NBSP, THIN = "\xa0", "\u202f"


# ------------------------------------------------------------------ what is written


@dataclass(frozen=True)
class Piece:
    """A piece of a value: as written in refs.bib, as TeX prints it, and whether the
    reader must reject it."""

    tex: str
    shown: str
    rejected: bool = False


@dataclass
class Value:
    """A field's value, built from pieces."""

    pieces: list[Piece] = field(default_factory=list)

    @property
    def tex(self) -> str:
        return " ".join(piece.tex for piece in self.pieces)

    @property
    def shown(self) -> str:
        return " ".join(piece.shown for piece in self.pieces)

    @property
    def rejected(self) -> bool:
        return any(piece.rejected for piece in self.pieces)


_ARTICLES = {"The", "A", "An"}  # a short title drops a leading one (CMOS)
WORD = st.from_regex(r"[A-Z][a-z]{1,7}|[a-z]{2,7}|[0-9]{1,4}|[ÉЖ][a-zéжи]{1,5}", fullmatch=True)
CAPITAL = st.from_regex(r"[A-Z][a-z]{1,7}|[ÉЖ][a-zéжи]{1,5}", fullmatch=True)
TITLE_WORD = WORD.filter(lambda word: word not in _ARTICLES)
NAME_WORD = CAPITAL.filter(lambda word: word not in ("And", "Others"))

#: Letters and symbols spelled as TeX commands, and what TeX prints.
LETTERS = [
    (r"{\"u}", "ü"), (r"\'e", "é"), (r"\v{C}", "Č"), (r"{\ss}", "ß"), (r"{\o}", "ø"),
    (r"{\^\i}", "î"), (r"\"{\i}", "ï"), (r"{\c{c}}", "ç"), (r"\textbackslash{}", "\\"),
    (r"\textbraceleft{}", "{"), (r"\textasciitilde{}", "~"), (r"\S{}", "§"),
]  # fmt: skip
#: Two words joined by TeX (escaped specials, spaces, hints), and what TeX prints.
JOINS = [
    (r"\%", "%"), (r"\&", "&"), (r"\$", "$"), (r"\#", "#"), (r"\_", "_"),
    ("~", NBSP), (r"\-", ""), (r"\/", ""), ("--", "–"), ("---", "—"),
]  # fmt: skip
#: Joins the reader rejects: characters TeX does not print as themselves.
BAD_JOINS = ["%", "&", "$", "#", "_", "^", r"\\", r"\;"]
#: Commands around a word: italics, a look that is lost; and commands the reader does
#: not know (one defined in the @preamble, a spacing command, a line break).
WRAPPERS = [(r"\emph{", "}"), ("{\\em ", "}"), (r"\textbf{", "}"), (r"\textit{", "}")]
UNKNOWN = [(r"\foo{", "}"), (r"\noop{", "}"), (r"\mbox ", r"\newline")]
#: Now and then (hypothesis draws the ends of an integer range more often than that).
ONE_IN_20 = st.sampled_from([False] * 19 + [True])
PUNCTUATION = [",", ".", ";", "(", ")", "/", "'", '"', "--", "---"]


@st.composite
def text_piece(draw, word=TITLE_WORD, bad: bool = True) -> Piece:
    """A word, maybe dressed in TeX; now and then a construct the reader rejects."""
    one, two = draw(word), draw(word)
    kinds = ["word", "braced", "italic", "quoted", "letter", "join", "thin", "punctuation"]
    rare = ["bad", "unknown"] if bad and draw(ONE_IN_20) else []
    kind = draw(st.sampled_from(rare or kinds))
    if kind == "word":
        return Piece(one, one)
    if kind == "braced":
        return Piece("{" + one + "}", one)
    if kind == "italic":
        before, after = draw(st.sampled_from(WRAPPERS))
        return Piece(before + one + after, one)
    if kind == "quoted":
        before, after = draw(st.sampled_from([("``", "''"), ("\\enquote{", "}")]))
        return Piece(before + one + after, f"“{one}”")
    if kind == "letter":
        tex, shown = draw(st.sampled_from(LETTERS))
        return Piece(tex + one, shown + one)
    if kind == "join":
        tex, shown = draw(st.sampled_from(JOINS))
        return Piece(one + tex + two, one + shown + two)
    if kind == "thin":
        return Piece(one + r"\," + two, one + THIN + two)
    if kind == "punctuation":
        mark = draw(st.sampled_from(PUNCTUATION))
        shown = {"--": "–", "---": "—"}.get(mark, mark)
        return Piece(mark, shown)
    if kind == "bad":
        mark = draw(st.sampled_from(BAD_JOINS))
        return Piece(one + mark + two, one + two, rejected=True)
    before, after = draw(st.sampled_from(UNKNOWN))
    return Piece(before + one + after, one, rejected=True)


@st.composite
def text_value(draw, word=TITLE_WORD, bad: bool = True) -> Value:
    first = Piece(*(2 * [draw(word)]))  # a word first: a title starts with text
    return Value([first, *draw(st.lists(text_piece(word, bad), max_size=6))])


@dataclass
class Name:
    family: Value
    given: Value

    @property
    def tex(self) -> str:
        return f"{self.family.tex}, {self.given.tex}"

    @property
    def rejected(self) -> bool:
        return self.family.rejected or self.given.rejected


@st.composite
def name_piece(draw) -> Piece:
    """A part of a name: a word, an accented or braced word, initials joined by a
    thin space or a tie; or a construct the reader rejects."""
    one, two = draw(NAME_WORD), draw(NAME_WORD)
    kind = (
        "bad"
        if draw(ONE_IN_20)
        else draw(st.sampled_from(["word", "braced", "letter", "initials"]))
    )
    if kind == "word":
        return Piece(one, one)
    if kind == "braced":
        return Piece("{" + one + "}", one)
    if kind == "letter":
        tex, shown = draw(st.sampled_from(LETTERS[:8]))
        return Piece(one + tex, one + shown)
    if kind == "initials":
        tex, shown = draw(st.sampled_from([(r"{\,}", THIN), ("~", " ")]))
        return Piece(f"{one[0]}.{tex}{two[0]}.", f"{one[0]}.{shown}{two[0]}.")
    tex = draw(st.sampled_from([r"\,", "%", "&", "_", r"\foo"]))
    return Piece(f"{one[0]}.{tex}{two[0]}.", f"{one[0]}.{two[0]}.", rejected=True)


@st.composite
def name(draw) -> Name:
    family = Value([Piece(*(2 * [draw(NAME_WORD)]))])  # a capital first: no von part
    given = Value(draw(st.lists(name_piece(), min_size=1, max_size=2)))
    return Name(family, given)


URL_CHARS = ["a", "b", "7", "-", ".", "_", r"\_", "~", "%20", r"\%41", "#", "&", "=", "?", "/"]


@st.composite
def url(draw) -> tuple[str, str]:
    """An address as written in the url field, and as it is printed (escapes undone)."""
    path = draw(st.lists(st.sampled_from(URL_CHARS), min_size=1, max_size=8))
    tex = "https://example.org/x" + "".join(path)
    return tex, re.sub(r"\\([_%#&~$])", r"\1", tex)


@st.composite
def locator(draw) -> str:
    """A locator as written in a text's citation ("ch. 3"), any characters at all."""
    label = draw(st.sampled_from(["ch.", "vol. 2, ch.", "para.", "sec.", "no."]))
    words = draw(st.lists(st.sampled_from(["12", "iv", "3a", "x%y", "a&b", "b_c", "{1}", "\\q"])))
    return " ".join([label, "7", *words])


@dataclass
class Example:
    kind: str
    title: Value
    names: list[Name]
    publisher: Value
    address: tuple[str, str]
    locator: str

    def fields(self) -> list[tuple[str, str]]:
        """The entry's fields, in the order written (one line each, from line 2)."""
        found = [
            ("title", self.title.tex),
            ("author", " and ".join(name.tex for name in self.names)),
            ("publisher", self.publisher.tex),
            ("url", self.address[0]),
            ("year", "1917"),
        ]
        return found + ([("journal", "Review")] if self.kind == "article" else [])

    def bib(self) -> str:
        body = "".join(f"  {name} = {{{value}}},\n" for name, value in self.fields())
        return f"@{self.kind}{{k,\n{body}}}\n"

    def rejected_lines(self) -> set[int]:
        """The lines (of the fields) that hold a construct the reader rejects."""
        rejected = {
            "title": self.title.rejected,
            "author": any(name.rejected for name in self.names),
            "publisher": self.publisher.rejected,
        }
        return {line for line, (name, _) in enumerate(self.fields(), 2) if rejected.get(name)}


examples = st.builds(
    Example,
    kind=st.sampled_from(["book", "article", "online"]),
    title=text_value(),
    names=st.lists(name(), min_size=1, max_size=2),
    publisher=text_value(word=WORD),
    address=url(),
    locator=locator(),
)


# ------------------------------------------------------------------ what is printed


def words(text: str) -> str:
    """The words of *text*, lower case, one space apart: what must not be lost."""
    return " ".join(re.findall(r"[^\W_]+", text.casefold()))


_LATEX_ESCAPES = {
    r"\textbackslash{}": "\\", r"\textasciitilde{}": "~", r"\textasciicircum{}": "^",
    r"\{": "\ue001", r"\}": "\ue002", r"\&": "&", r"\%": "%", r"\$": "$", r"\#": "#",
    r"\_": "_",
}  # fmt: skip


def unlatex(text: str) -> str:
    """The text of a note in LaTeX: escapes undone, links and italics unwrapped."""
    text = re.sub(r"\\href\{(?:[^{}\\]|\\.)*\}", "", text)  # the address; the text stays
    for escaped, char in _LATEX_ESCAPES.items():
        text = text.replace(escaped, char)
    text = re.sub(r"\\emph|[{}]", "", text)
    return text.replace("\ue001", "{").replace("\ue002", "}")


def readable(name: str, text: str) -> str:
    """An output as its reader sees it: HTML and LaTeX markup removed."""
    if name.endswith("html"):
        return html.unescape(re.sub(r"<[^>]+>", "", text))
    if name.endswith("latex"):
        return unlatex(text)
    return text


def csl_strings(out: Outputs) -> str:
    """Every string of the CSL-JSON item, in order."""

    def strings(value) -> list[str]:
        if isinstance(value, dict):
            return [s for item in value.values() for s in strings(item)]
        if isinstance(value, list):
            return [s for item in value for s in strings(item)]
        return [str(value)]

    return " ".join(strings(out.csl()))


def balanced(text: str, *, escapes: bool) -> bool:
    """Whether the braces of *text* balance; with *escapes*, ``\\{`` and ``\\}`` are
    characters (LaTeX), without, every brace counts (BibTeX)."""
    depth, index = 0, 0
    while index < len(text):
        char = text[index]
        if escapes and char == "\\":
            index += 2
            continue
        depth += {"{": 1, "}": -1}.get(char, 0)
        if depth < 0:
            return False
        index += 1
    return depth == 0


def as_tex_reads_it(bib: str) -> str:
    """A .bib text as TeX (and pandoc) read its values: a bare '%' starts a comment,
    except in an address, which biblatex and pandoc read as written."""
    lines = bib.split("\n")
    return "\n".join(
        line if re.match(r"\s*(url|doi)\s*=", line) else re.sub(r"(?<!\\)%.*", "", line)
        for line in lines
    )


# ------------------------------------------------------------------ the test


@pytest.fixture(scope="module")
def folder(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("fuzz")


@FUZZ
@given(example=examples)
def test_every_value_is_printed_whole_everywhere_or_rejected_at_its_line(folder, example):
    path = folder / "refs.bib"
    path.write_text(example.bib(), encoding="utf-8")
    errors = [p for p in check_bibfile(path) if p.severity == "error"]
    event("rejected" if errors else "printed")
    if example.rejected_lines() or errors:
        assert {p.code for p in errors} <= {"bib_tex", "bib_syntax"}, errors
        assert {p.line for p in errors} == example.rejected_lines(), (example.bib(), errors)
        for _name, value in example.fields():
            read_tex(value)  # what is rejected is still read without an exception
        return
    out = outputs(path, "k", example.locator)
    _assert_nothing_lost(example, out)
    _assert_well_formed(example, out)


def _expected(example: Example) -> dict[str, list[str]]:
    """For each output, the texts whose words it must hold, in order."""
    title, publisher, address = example.title.shown, example.publisher.shown, example.address[1]
    full = [f"{n.given.shown} {n.family.shown}" for n in example.names]
    inverted = [f"{n.family.shown} {n.given.shown}" for n in example.names[:1]]
    families = [n.family.shown for n in example.names]
    printed = [publisher] if example.kind != "article" else []  # an article names its journal
    located = [example.locator.split(" ", 1)[1]]  # "ch. 7 ..." is printed from "7"
    return {
        "full": [*full, title, *printed, address, *located],
        "short": [*families, title, *located],
        "bibliography": [*inverted, *full[1:], title, *printed, address],
        "exports": [*inverted, title, publisher, address],
    }


def _assert_nothing_lost(example: Example, out: Outputs) -> None:
    expected = _expected(example)
    for name, text in out.notes.items():
        seen = words(readable(name, text))
        for wanted in expected[name.split("/")[0]]:
            assert words(wanted) in seen, (name, wanted, text, example.bib())
        if name.split("/")[0] != "short":
            assert example.address[1] in readable(name, text), (name, text)
    for name, seen in (("csl-json", csl_strings(out)), ("ris", out.exports["ris"])):
        for wanted in expected["exports"]:
            assert words(wanted) in words(seen), (name, wanted, seen, example.bib())
        assert example.address[1] in seen, (name, seen)


def _assert_well_formed(example: Example, out: Outputs) -> None:
    for name, text in out.notes.items():
        if name.endswith("latex"):
            assert balanced(text, escapes=True), (name, text)
    for name in ("bibtex", "biblatex"):
        text = out.exports[name]
        assert balanced(text, escapes=False), (name, text)
        assert balanced(as_tex_reads_it(text), escapes=False), (name, text)  # nothing cut
        library = bibtexparser.parse_string(text)
        assert not library.failed_blocks and len(library.entries) == 1, (name, text)
        values = {f.key: f.value for f in library.entries[0].fields}
        for key, value in example.fields():
            assert value in values.values() or f"{key}: {value}" in values.get("annotation", "")
        parse_string(text, "bibtex")  # pybtex reads it too
    json.loads(out.exports["csl-json"])
