"""The citation export: the text scanner, the four formats, the scopes, the CLI, the build
step, and real clients (pandoc --citeproc, biber, bibtex) reading what is exported."""

from __future__ import annotations

import json
import re
import shutil
import subprocess
from pathlib import Path

import bibtexparser
import jsonschema
import pytest
from pybtex.database import parse_file

from reader.exports import bibtex as bibtex_module
from reader.exports.bibtex import write_atomically
from reader.exports.cite import latex_citation, pandoc_citation
from reader.exports.formats import render
from reader.exports.records import records_for
from reader.exports.scopes import Selection
from reader.exports.values import fields_of, plain, plain_url
from reader.sources.bibfile import check_bibfile, load_library
from reader.sources.citations import CitationTarget
from reader.sources.quotations import quotation_id
from tests.conftest import ROOT, run_reader

EXPORT = Path(__file__).parent / "roots" / "export"
VARIED = EXPORT / "varied.bib"
SCHEMA = json.loads((EXPORT / "csl-data.json").read_text(encoding="utf-8"))
FIXTURE_KEYS = [
    "trotsky1932",
    "lux1918",
    "lenin1917dual",
    "lenincw24",
    "wp",
    "mueller1990",
    "unused1999",
]


@pytest.fixture
def project(tmp_path: Path) -> Path:
    """A copy of the export fixture project."""
    return Path(shutil.copytree(EXPORT, tmp_path / "project"))


def export(project: Path, *args: str) -> subprocess.CompletedProcess[str]:
    return run_reader("export", *args, cwd=project)


def bib_keys(text: str) -> list[str]:
    return re.findall(r"^@\w+\{([^,]+),", text, flags=re.MULTILINE)


def line_of(path: Path, needle: str) -> int:
    lines = enumerate(path.read_text(encoding="utf-8").splitlines(), 1)
    return next(number for number, content in lines if needle in content)


def require(tool: str) -> str:
    """The path of *tool*; fail (not skip) if it is missing: `make test` installs it."""
    path = shutil.which(tool)
    if path is None:
        pytest.fail(
            f"{tool} is not installed; `make test` installs it "
            "(scripts/system-packages.sh test), or: apt-get install pandoc biber"
        )
    return path


# --------------------------------------------------------------------- the scanner


@pytest.fixture(scope="module")
def reading(tmp_path_factory):
    """The export fixture project, read once as ``reader check`` and the build read it."""
    from reader.runner.project import read_project

    return read_project(Path(shutil.copytree(EXPORT, tmp_path_factory.mktemp("x") / "p")))


def test_the_book_has_titles_order_and_chapters(reading):
    book = reading.book
    assert book.chapters == ("first", "second")
    assert list(book.texts)[:5] == ["index", "about", "first", "second", "bibliography"]
    texts = book.texts
    assert (texts["index"].order, texts["about"].order, texts["bibliography"].order) == (0, 1, 4)
    assert texts["first"].title == "February and the soviets"  # over- and underlined
    assert texts["second"].title == "A Second Text"
    assert (texts["first"].chapter, texts["second"].chapter, texts["about"].chapter) == (1, 2, None)
    assert book.chapter(2).docname == "second"


def test_every_citation_is_known_at_its_line(reading):
    path = EXPORT / "source_texts" / "first.rst"
    text = reading.book.texts["first"]
    found = [(c.lineno, c.key, c.pre, c.locator, c.verified) for c in text.citations]
    assert found == [
        (line_of(path, "metal works"), "trotsky1932", "", "vol. 1, ch. 7", True),
        # the role runs over a line break: its line is where it starts
        (line_of(path, "court jeweller"), "trotsky1932", "", "vol. 1, ch. 2", False),
        (line_of(path, "Compare"), "lux1918", "see", "p. 3", True),
        (line_of(path, "Compare"), "wp", "", "", True),
        (line_of(path, ".. quote::"), "trotsky1932", "", "vol. 1, ch. 7", True),
        (line_of(path, "Everything that happens") - 3, "lux1918", "", "para. 2", False),
        (line_of(path, "In German"), "mueller1990", "", "pp. 40-44", True),
    ]
    assert text.cited_keys() == ["trotsky1932", "lux1918", "wp", "mueller1990"]


def test_literals_literal_blocks_and_comments_cite_nothing(reading):
    assert reading.book.texts["about"].citations == ()


def test_quotations_have_the_directives_ids(reading):
    first, second = reading.book.texts["first"].quotations
    assert (first.id, first.explicit_id, first.key) == ("first-day", True, "trotsky1932")
    assert second.text == (
        "Everything that happens in Russia is comprehensible and represents an "
        "inevitable chain of causes and effects. A second paragraph, with an escapedword."
    )
    assert second.id == quotation_id("lux1918", second.text)
    assert second.id == "q-lux1918-everything-that-happens-in-russia-is"
    assert not second.verified
    (third,) = reading.book.texts["second"].quotations
    assert third.targets[0].pre == "quoted in"


def selection_of(path: Path) -> Selection:
    """Every entry of a .bib file, as the exports receive it (written and as pybtex reads it)."""
    library = load_library(path)
    entries = {key.lower(): entry for key, entry in parse_file(str(path)).entries.items()}
    return Selection(list(library.entries), records_for(library.entries, entries), str(path))


# --------------------------------------------------------------------- BibTeX


def fields(entry) -> list[tuple[str, str]]:
    return [(field.key, field.value) for field in entry.fields]


def test_bibtex_round_trips_field_for_field(tmp_path):
    source = load_library(VARIED)
    exported = tmp_path / "export.bib"
    exported.write_text(render("bibtex", selection_of(VARIED), ["a header"]), encoding="utf-8")
    assert check_bibfile(exported) == []
    assert not bibtexparser.parse_file(str(exported)).failed_blocks
    again = load_library(exported)
    assert [e.key for e in again.entries] == [e.key for e in source.entries]
    for theirs, ours in zip(again.entries, source.entries, strict=True):
        assert theirs.entry_type == ours.entry_type
        # the editors' memo leaves as annote, which no style prints; classic styles get
        # a year (the date's, or n.d.)
        mine = [("annote" if k == "note" else k, v) for k, v in fields(ours)]
        if "year" not in dict(mine):
            date = dict(mine).get("date", "")
            mine.append(("year", date[:4] if date[:4].isdigit() else "n.d."))
        assert fields(theirs) == mine, ours.key
    text = exported.read_text(encoding="utf-8")
    # what bibtexparser needs: nothing escaped inside braces; macros expanded
    assert "100\\% Direct Democracy?" in text and "issue \\#3" in text and "Verlag \\&" in text
    assert "{London and New York}" in text or '"London" # " and New York"' in text
    assert "@string" not in text and "Троцкий, Лев" in text


def test_bibtex_comment_never_holds_an_at_sign():
    text = render("bibtex", Selection([], [], ""), ["mail editors@example.org"])
    assert "@" not in text and "(at)" in text


# --------------------------------------------------------------------- BibLaTeX


def test_biblatex_renames_types_and_fields(tmp_path):
    path = tmp_path / "biblatex.bib"
    path.write_text(render("biblatex", selection_of(VARIED)), encoding="utf-8")
    entries = {e.key: e for e in load_library(path).entries}
    lux = dict(fields(entries["lux1918"]))
    assert lux["journaltitle"] == "Spartacus" and "journal" not in lux
    assert lux["date"] == "1918-09" and "year" not in lux and "month" not in lux
    assert dict(fields(entries["deutscher1954"]))["location"] == '"London" # " and New York"'
    assert dict(fields(entries["sovnarkom1917"]))["date"] == "1917-10-26"
    assert dict(fields(entries["hrr1932"]))["date"] == "1932/1933"
    assert entries["phd1990"].entry_type == "thesis"
    assert dict(fields(entries["ma2010"]))["type"] == "mathesis"
    assert dict(fields(entries["ma2010"]))["institution"] == "University of Glasgow"
    assert (entries["tr2005"].entry_type, dict(fields(entries["tr2005"]))["type"]) == (
        "report",
        "techreport",
    )
    assert entries["wp"].entry_type == "online"
    assert dict(fields(entries["news1917"]))["date"] == "1917-03-15"


# --------------------------------------------------------------------- CSL-JSON


def csl(path: Path = VARIED) -> dict[str, dict]:
    items = json.loads(render("csl-json", selection_of(path), with_notes=True))
    jsonschema.validate(items, SCHEMA)
    return {item["id"]: item for item in items}


def test_csl_json_validates_against_the_schema():
    csl()
    csl(EXPORT / "refs.bib")
    csl(ROOT / "refs.bib")  # the edition's own bibliography


def test_csl_json_maps_types_names_and_dates():
    items = csl()
    types = {key: item["type"] for key, item in items.items()}
    assert types["lux1918"] == "article-journal" and types["news1917"] == "article-newspaper"
    assert types["trotsky1932ch7"] == types["lenin1917dual"] == "chapter"
    assert (types["wp"], types["phd1990"], types["tr2005"]) == ("webpage", "thesis", "report")
    assert (types["order1"], types["conf2001"]) == ("pamphlet", "paper-conference")
    assert (types["letter1923"], types["sovnarkom1917"]) == ("manuscript", "document")

    authors = items["mueller1990"]["author"]
    assert authors == [
        {"family": "Müller", "given": "Jörg"},
        {"family": "Fontaine", "given": "Jean", "non-dropping-particle": "de la"},
        {"family": "Smith", "given": "John", "suffix": "Jr."},
    ]
    assert items["mueller1990"]["title"] == "Die Frères, Čech, François, Straße und Øre"
    assert items["sovnarkom1917"]["author"] == [{"literal": "Council of People's Commissars"}]
    assert items["trotsky1930ru"]["author"] == [{"family": "Троцкий", "given": "Лев"}]
    assert items["lux1918"]["issued"] == {"date-parts": [[1918, 9]]}
    assert items["hrr1932"]["issued"] == {"date-parts": [[1932], [1933]]}
    assert items["wp"]["accessed"] == {"date-parts": [[2026, 11, 25]]}
    assert items["wp"]["container-title"] == "Wikipedia"
    assert items["wp"]["URL"] == "https://en.wikipedia.org/wiki/February_Revolution#Background"
    assert items["lenin1917dual"]["original-date"] == {"date-parts": [[1917, 4]]}


def test_csl_json_maps_the_other_fields():
    items = csl()
    deutscher = items["deutscher1954"]
    assert deutscher["publisher-place"] == "London and New York"  # macro # text
    assert (deutscher["edition"], deutscher["ISBN"]) == ("2", "1-85984-441-3")
    assert deutscher["title"] == "The Prophet Armed: Trotsky, 1879–1921"
    lux = items["lux1918"]
    assert (lux["container-title"], lux["volume"], lux["issue"], lux["page"]) == (
        "Spartacus",
        "1",
        "11",
        "1-4",
    )
    assert lux["language"] == "en"
    assert items["trotsky1930ru"]["language"] == "ru"
    dual = items["lenin1917dual"]  # crossref: inherits from the volume
    assert dual["publisher"] == "Progress Publishers" and dual["publisher-place"] == "Moscow"
    assert dual["editor"] == [{"family": "Isaacs", "given": "Bernard"}]
    assert items["cw1964"]["number-of-volumes"] == "45"
    assert items["mueller1990"]["publisher"] == "Verlag & Co"
    assert items["mueller1990"]["note"] == "50% of the print run; issue #3; R&D"
    assert items["phd1990"]["genre"] == "D.Phil. thesis"
    assert items["ma2010"]["genre"] == "Master's thesis"
    fixture = csl(EXPORT / "refs.bib")
    trotsky = fixture["trotsky1932"]
    assert trotsky["translator"] == [{"family": "Eastman", "given": "Max"}]
    assert trotsky["original-title"] == "История русской революции"
    assert trotsky["number-of-volumes"] == "3"
    assert trotsky["original-date"] == {"date-parts": [[1930]]}


def test_csl_json_puts_unmapped_fields_in_the_note():
    items = csl()
    assert items["lux1918"]["note"] == "origlanguage: german"
    assert "howpublished: Leaflet of the Petrograd Soviet" in items["order1"]["note"]
    assert "author: Fitzpatrick, Sheila and others" in items["conf2001"]["note"]
    assert items["letter1923"]["note"] == "Dated 8 October 1923"
    assert items["tr2005"]["note"] == "number: TR-7" if "number" not in items["tr2005"] else True


# Fields whose value CSL holds transformed (dates as numbers, names split, codes).
_TRANSFORMED = {"crossref", "entrysubtype", "year", "month", "day", "date", "urldate",
                "origdate", "langid", "language", "pages", "edition", "author", "editor",
                "translator", "bookauthor", "type", "keywords"}  # fmt: skip


@pytest.mark.parametrize("source", [VARIED, EXPORT / "refs.bib", ROOT / "refs.bib"])
def test_csl_json_drops_no_field(source):
    """Every field's text is in the item: in its variable, or in the note."""
    items = csl(source)
    for entry in load_library(source).entries:
        item = items[entry.key]
        strings = json.dumps(item, ensure_ascii=False)
        for name, value in fields_of(entry).items():
            if name not in _TRANSFORMED:
                text = plain_url(value) if name == "url" else plain(value)
                assert json.dumps(text, ensure_ascii=False)[1:-1] in strings, (entry.key, name)
        for role, variable in (
            ("author", "author"),
            ("editor", "editor"),
            ("translator", "translator"),
            ("bookauthor", "container-author"),
        ):
            if role in fields_of(entry) and "others" not in fields_of(entry)[role]:
                assert len(item[variable]) == fields_of(entry)[role].count(" and ") + 1


# --------------------------------------------------------------------- RIS


def ris_records(text: str) -> dict[str, list[tuple[str, str]]]:
    records = {}
    for block in text.strip("\n").split("\n\n"):
        lines = [(line[:2], line[6:]) for line in block.splitlines()]
        assert all(re.fullmatch(r"[A-Z][A-Z0-9]  - .*", line) for line in block.splitlines())
        assert lines[0][0] == "TY" and lines[-1] == ("ER", "")
        records[dict(lines)["ID"]] = lines
    return records


def test_ris_has_the_right_tags():
    library = load_library(VARIED)
    records = ris_records(render("ris", selection_of(VARIED), with_notes=True))
    assert len(records) == len(library.entries)
    lux = records["lux1918"]
    assert lux[:6] == [
        ("TY", "JOUR"),
        ("ID", "lux1918"),
        ("AU", "Luxemburg, Rosa"),
        ("TI", "The Russian Tragedy"),
        ("T2", "Spartacus"),
        ("PY", "1918"),
    ]
    assert {("DA", "1918/09//"), ("VL", "1"), ("IS", "11"), ("SP", "1"), ("EP", "4")} <= set(lux)
    assert ("N1", "origlanguage: german") in lux
    dual = dict(records["lenin1917dual"])
    assert (dual["TY"], dual["A2"], dual["T2"], dual["PB"], dual["CY"]) == (
        "CHAP",
        "Isaacs, Bernard",
        "Collected Works",
        "Progress Publishers",
        "Moscow",
    )
    assert ("AU", "Smith, John, Jr.") in records["mueller1990"]
    assert ("AU", "de la Fontaine, Jean") in records["mueller1990"]
    assert dict(records["wp"])["TY"] == "ELEC" and dict(records["wp"])["UR"].startswith("https:")
    assert dict(records["phd1990"])["TY"] == "THES"
    assert dict(records["tr2005"])["TY"] == "RPRT"
    assert ("M1", "TR-7") in records["tr2005"]
    fixture = ris_records(render("ris", selection_of(EXPORT / "refs.bib")))
    assert ("A4", "Eastman, Max") in fixture["trotsky1932"]
    assert ("NV", "3") in fixture["trotsky1932"]


# --------------------------------------------------------------------- citation commands


def test_latex_and_pandoc_citations():
    target = CitationTarget("k", "", "pp. 40-44")
    assert latex_citation([target]) == "\\autocite[pp.~40--44]{k}"
    assert pandoc_citation([target]) == "[@k, pp. 40-44]"
    unverified = CitationTarget("k", "see", "vol. 1, ch. 2", verified=False)
    assert latex_citation([unverified]) == "\\autocite[see][{vol.~1, ch.~2 [unverified]}]{k}"
    assert pandoc_citation([unverified]) == "[see @k, vol. 1, ch. 2 \\[unverified\\]]"
    both = [CitationTarget("a", "", "p. 1"), CitationTarget("b")]
    assert latex_citation(both) == "\\autocites[p.~1]{a}{b}"
    assert pandoc_citation(both) == "[@a, p. 1; @b]"


# --------------------------------------------------------------------- scopes (CLI)


def test_export_everything_by_default(project):
    done = export(project)
    assert done.returncode == 0, done.stderr
    assert bib_keys(done.stdout) == FIXTURE_KEYS
    assert done.stdout.startswith("% BibTeX export of Export Fixture: every entry of refs.bib.")


def test_export_one_text(project):
    done = export(project, "--text", "first", "--format", "csl-json")
    assert done.returncode == 0, done.stderr
    items = json.loads(done.stdout)
    jsonschema.validate(items, SCHEMA)
    assert [item["id"] for item in items] == ["trotsky1932", "lux1918", "wp", "mueller1990"]
    same = export(project, "--text", "source_texts/first.rst", "--format", "csl-json")
    assert same.stdout == done.stdout


def test_export_one_chapter_with_crossref_parents_last(project):
    done = export(project, "--chapter", "2")
    assert done.returncode == 0, done.stderr
    assert bib_keys(done.stdout) == ["lenin1917dual", "trotsky1932", "lenincw24"]


def test_export_one_key(project):
    done = export(project, "--key", "lenin1917dual", "--format", "ris")
    assert done.returncode == 0, done.stderr
    assert re.findall(r"^ID  - (.*)$", done.stdout, flags=re.MULTILINE) == [
        "lenin1917dual",
        "lenincw24",
    ]


def test_export_one_quotation_with_its_citation_commands(project):
    done = export(project, "--quotation", "first-day")
    assert done.returncode == 0, done.stderr
    assert bib_keys(done.stdout) == ["trotsky1932"]
    assert "\\autocite[vol.~1, ch.~7]{trotsky1932}" in done.stderr
    assert "[@trotsky1932, vol. 1, ch. 7]" in done.stderr
    assert (
        "note:   Leon Trotsky, “The History of the Russian Revolution,”" not in done.stderr
    )  # a book: italic title, not quoted
    assert (
        "note:   Leon Trotsky, The History of the Russian Revolution, trans. Max Eastman, "
        "3 vols. (1932), vol. 1, ch. 7, https://www.marxists.org/archive/trotsky/1930/hrr/."
    ) in done.stderr
    assert "unverified" not in done.stderr


def test_export_quotation_with_an_unverified_locator(project):
    done = export(project, "--quotation", "q-lux1918-everything-that-happens-in-russia-is")
    assert done.returncode == 0, done.stderr
    assert bib_keys(done.stdout) == ["lux1918"]
    assert "LaTeX:  \\autocite[{para.~2 [unverified]}]{lux1918}" in done.stderr
    assert "pandoc: [@lux1918, para. 2 \\[unverified\\]]" in done.stderr
    assert (
        "note:   Rosa Luxemburg, “The Russian Tragedy,” Spartacus, no. 11 "
        "(September 1918): para. 2 [unverified]."
    ) in done.stderr


def test_export_quotation_with_pre_text_in_csl_json(project):
    from reader.runner.project import read_project

    quote = read_project(project).book.texts["second"].quotations[0]
    done = export(project, "--quotation", quote.id, "-f", "csl-json")
    assert done.returncode == 0, done.stderr
    assert [item["id"] for item in json.loads(done.stdout)] == ["lenin1917dual", "lenincw24"]
    assert "\\autocite[quoted in][]{lenin1917dual}" in done.stderr
    assert "[quoted in @lenin1917dual]" in done.stderr
    # the crossref parent gives the editor and the facts of publication
    assert (
        "note:   Quoted in V. I. Lenin, “The Dual Power” (1917), in Collected Works, "
        "ed. Bernard Isaacs, vol. 24 (Moscow: Progress Publishers, 1964), 38–41."
    ) in done.stderr


def test_export_the_edition(project):
    done = export(project, "--edition")
    assert done.returncode == 0, done.stderr
    assert bib_keys(done.stdout) == [
        "export-fixture",
        "export-fixture:first",
        "export-fixture:second",
    ]
    assert "url = {https://example.org/reader/first.html}" in done.stdout
    assert "editor = {{the Fixture editors}}" in done.stdout
    assert "publisher = {Fixture Press \\& Co}" in done.stdout
    items = json.loads(export(project, "--edition", "-f", "csl-json").stdout)
    jsonschema.validate(items, SCHEMA)
    book, first, second = items
    assert book["type"] == "book" and book["URL"] == "https://example.org/reader/index.html"
    assert book["title"] == "Export Fixture: A small reader for the export tests"
    assert book["editor"] == [{"literal": "the Fixture editors"}]
    assert (book["edition"], book["issued"]) == ("2", {"date-parts": [[2026]]})
    assert first["type"] == "chapter" and first["title"] == "February and the soviets"
    assert first["container-title"] == book["title"]
    assert (first["chapter-number"], second["chapter-number"]) == ("1", "2")
    assert second["URL"] == "https://example.org/reader/second.html"


def test_export_the_edition_without_a_base_url(project):
    conf = project / "conf.py"
    conf.write_text(conf.read_text().replace("https://example.org/reader/", ""))
    done = export(project, "--edition")
    assert done.returncode == 0, done.stderr
    assert "url" not in done.stdout


# --------------------------------------------------------------------- errors


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--text", "frist"], "there is no text 'frist' in"),
        (["--key", "trotsky1923"], "there is no entry 'trotsky1923' in refs.bib"),
        (["--quotation", "first-dya"], "there is no quotation with the id 'first-dya'"),
    ],
)
def test_unknown_scope_lists_close_matches(project, args, message):
    done = export(project, *args)
    assert done.returncode == 1
    assert message in done.stderr
    assert "close matches: " in done.stderr
    assert {"frist": "first", "trotsky1923": "trotsky1932", "first-dya": "first-day"}[
        args[1]
    ] in done.stderr.split("close matches: ")[1]
    assert done.stdout == "" and "Traceback" not in done.stderr


def test_unknown_chapter_lists_the_chapters(project):
    done = export(project, "--chapter", "3")
    assert done.returncode == 1
    assert "there is no chapter 3: the book has 2 chapter(s) (1 = first, 2 = second)" in (
        done.stderr
    )


def test_a_text_citing_an_unknown_key_is_an_error(project):
    text = project / "source_texts" / "second.rst"
    text.write_text(text.read_text().replace("trotsky1932{vol. 2", "trotski1932{vol. 2"))
    done = export(project, "--text", "second")
    assert done.returncode == 1
    assert (
        f"second.rst:{line_of(text, 'trotski1932')}: citation key 'trotski1932' is not in "
        "refs.bib (close matches: trotsky1932)"
    ) in done.stderr


def test_a_bib_file_with_errors_is_reported_with_lines(project):
    bib = project / "refs.bib"
    bib.write_text(bib.read_text().replace("title   = {The Russian Tragedy},", "title = {x,"))
    out = project / "out.bib"
    out.write_text("old\n")
    done = export(project, "-o", str(out))
    assert done.returncode == 1
    assert "refs.bib:" in done.stderr and "[bib_unclosed_brace]" in done.stderr
    assert out.read_text() == "old\n"  # untouched
    assert [p.name for p in project.iterdir() if p.name.startswith(".out.bib")] == []


def test_output_file_is_written_whole_or_not_at_all(tmp_path, monkeypatch):
    dest = tmp_path / "refs.json"
    dest.write_text("old\n")

    def fail(*_args):
        raise OSError("disk full")

    monkeypatch.setattr(bibtex_module.os, "replace", fail)
    with pytest.raises(OSError):
        write_atomically(dest, "new text")
    assert dest.read_text() == "old\n"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["refs.json"]


def test_output_file(project):
    out = project / "sub" / "refs.ris"
    done = export(project, "--format", "ris", "-o", str(out))
    assert done.returncode == 0, done.stderr
    assert done.stdout == ""
    assert "wrote 7 entries" in done.stderr
    assert len(ris_records(out.read_text(encoding="utf-8"))) == 7


# --------------------------------------------------------------------- the build step


def test_build_writes_every_bibliography_file(project):
    stale = project / "_build" / "editions" / "texts" / "gone.bib"
    stale.parent.mkdir(parents=True)
    stale.write_text("stale")
    done = run_reader("build", "--format", "bib", "--quiet", cwd=project)
    assert done.returncode == 0, done.stderr
    editions = project / "_build" / "editions"
    assert bib_keys((editions / "refs.bib").read_text(encoding="utf-8")) == FIXTURE_KEYS
    items = json.loads((editions / "refs.json").read_text(encoding="utf-8"))
    jsonschema.validate(items, SCHEMA)
    assert [item["id"] for item in items] == FIXTURE_KEYS
    assert len(ris_records((editions / "refs.ris").read_text(encoding="utf-8"))) == 7
    texts = editions / "texts"
    assert sorted(p.name for p in texts.iterdir()) == [
        "first.bib",
        "first.json",
        "second.bib",
        "second.json",
    ]
    first = bib_keys((texts / "first.bib").read_text(encoding="utf-8"))
    assert first == ["trotsky1932", "lux1918", "wp", "mueller1990"]
    second = json.loads((texts / "second.json").read_text(encoding="utf-8"))
    assert [item["id"] for item in second] == ["lenin1917dual", "trotsky1932", "lenincw24"]


# --------------------------------------------------------------------- real clients


ESSAY_EXPECTS = [
    "Trotsky",
    "The History of the Russian Revolution",
    "vol. 1, ch. 7",
    "Luxemburg",
    "“The Russian Tragedy.”",
    "Müller",
    "40–44",
]


@pytest.mark.parametrize("fmt", ["bibtex", "biblatex", "csl-json"])
def test_pandoc_citeproc_renders_an_essay_from_the_export(project, fmt):
    pandoc = require("pandoc")
    suffix = ".json" if fmt == "csl-json" else ".bib"
    bibliography = project / f"export{suffix}"
    done = export(project, "--format", fmt, "-o", str(bibliography))
    assert done.returncode == 0, done.stderr
    rendered = subprocess.run(
        [pandoc, "--citeproc", "--bibliography", str(bibliography), "-t", "plain"],
        input=(EXPORT / "essay.md").read_text(encoding="utf-8"),
        capture_output=True,
        text=True,
        check=False,
        timeout=120,
    )
    assert rendered.returncode == 0, rendered.stderr
    text = " ".join(rendered.stdout.split())
    for expected in ESSAY_EXPECTS:
        assert expected in text, (expected, text)
    assert "[WARNING]" not in rendered.stderr, rendered.stderr


@pytest.mark.parametrize("source", [VARIED, EXPORT / "refs.bib", ROOT / "refs.bib"])
@pytest.mark.parametrize("fmt", ["bibtex", "biblatex"])
def test_biber_reads_the_export(tmp_path, source, fmt):
    biber = require("biber")
    exported = tmp_path / "export.bib"
    exported.write_text(render(fmt, selection_of(source), ["header (at) line"]), encoding="utf-8")
    done = subprocess.run(
        [biber, "--tool", "--output-file", str(tmp_path / "out.bib"), str(exported)],
        capture_output=True,
        text=True,
        check=False,
        timeout=300,
        cwd=tmp_path,
    )
    log = done.stdout + done.stderr
    assert done.returncode == 0, log
    assert "ERROR" not in log, log
    count = len(load_library(source).entries)
    assert len(bib_keys((tmp_path / "out.bib").read_text(encoding="utf-8"))) == count


def test_bibtex_reads_the_export(tmp_path):
    bibtex = require("bibtex")
    (tmp_path / "export.bib").write_text(
        render("bibtex", selection_of(VARIED), ["a header"]), encoding="utf-8"
    )
    (tmp_path / "essay.aux").write_text(
        "\\relax\n\\citation{*}\n\\bibstyle{plain}\n\\bibdata{export}\n", encoding="utf-8"
    )
    done = subprocess.run(
        [bibtex, "essay"], capture_output=True, text=True, check=False, cwd=tmp_path, timeout=120
    )
    assert done.returncode in (0, 1), done.stdout  # 1: warnings (e.g. @online unknown)
    assert "error message" not in done.stdout, done.stdout
    bbl = (tmp_path / "essay.bbl").read_text(encoding="utf-8")
    assert bbl.count("\\bibitem") == len(load_library(VARIED).entries)


def test_a_title_cannot_carry_latex_or_break_the_bib(tmp_path):
    """A text's title is markup to the texts but plain words to a bibliography."""
    from reader.exports.bibtex import bibtex_entries_string
    from reader.exports.edition import chapter_entry

    project = tmp_path / "book"
    shutil.copytree(Path(__file__).parent / "roots" / "book", project)
    text = project / "source_texts" / "text.rst"
    body = text.read_text(encoding="utf-8").split("\n", 2)[2]
    title = r"*February* \input{/etc/passwd} } :person:`Lenin <lenin>`"
    text.write_text(f"{title}\n{'=' * len(title)}\n{body}", encoding="utf-8")
    index = project / "source_texts" / "index.rst"
    toc = index.read_text().replace(".. toctree::", ".. toctree::\n   :numbered: 1", 1)
    index.write_text(toc)
    from reader.runner.project import read_project

    reading = read_project(project)
    entry = chapter_entry(reading.info, reading.book.texts["text"])
    value = entry.fields_dict["title"].value
    # reST drops the backslash of "\i" (an escape); the braces stay, balanced as commands
    assert (
        value
        == r"February input\textbraceleft{}/etc/passwd\textbraceright{} \textbraceright{} Lenin"
    )
    library = bibtexparser.parse_string(bibtex_entries_string([entry]))
    assert not library.failed_blocks and library.entries[0].fields_dict["title"].value == value


def test_a_note_ending_in_a_quoted_title_takes_one_period():
    from reader.exports.cite import cmos_note

    records = selection_of(Path(__file__).parent / "roots" / "book" / "refs.bib").records
    note = cmos_note([CitationTarget("lux1918", locator="ch. “The Shortage of Men”")], records)
    assert note.endswith("ch. “The Shortage of Men.”")
