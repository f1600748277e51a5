"""``reader stats`` counts the check project right; ``reader new`` makes what checks and builds."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from reader.cli.main import main
from reader.cli.new import PLACEHOLDER_DATE, annotation_source, title_from_name
from reader.sources.kinds import KINDS, OPTIONS, REGISTERS
from tests.conftest import run_reader

CHECK_ROOT = Path(__file__).parent / "roots" / "check"


@pytest.fixture
def project(tmp_path: Path) -> Path:
    return Path(shutil.copytree(CHECK_ROOT, tmp_path / "book"))


def reader_json(*args: str, capsys: pytest.CaptureFixture[str]) -> object:
    assert main(list(args)) in (0, 1)
    return json.loads(capsys.readouterr().out)


# ---------------------------------------------------------------------- stats


def test_stats_of_the_check_project(project, capsys):
    figures = reader_json("stats", "--project", str(project), "--format", "json", capsys=capsys)
    texts = {row["docname"]: row for row in figures["texts"]}
    assert list(texts) == [
        "index", "first", "second", "people", "glossary", "places", "organisations", "events",
        "bibliography",
    ]  # fmt: skip
    # words as printed: "The First" 2 + first paragraph 17 (the date in both calendars,
    # "23 February [8 March] 1917") + second 17 (":doc:`second`" prints "The Second")
    # + quote 4
    assert texts["first"] == {
        "docname": "first",
        "title": "The First",
        "chapter": 1,
        "words": 40,
        "notes": 4,  # two :cite: roles, the quotation, one [#] note
        "editors_notes": 1,
        "citations": 4,
        "quotations": {"verified": 1, "unverified": 0},
        "mentions": 5,
    }
    assert texts["people"]["words"] == 12  # title, summaries; no names, options or sources
    assert figures["totals"]["words"] == sum(row["words"] for row in texts.values())
    assert figures["annotations"] == {"person": 2, "gloss": 1, "place": 1, "org": 1, "event": 1}
    assert figures["mentions"] == {"person": 2, "gloss": 1, "place": 2, "org": 1, "event": 1}
    assert figures["coverage"] == {
        "annotations_mentioned": {"count": 6, "of": 6, "share": 1.0},
        "mentions_defined": {"count": 7, "of": 7, "share": 1.0},
    }


def test_stats_coverage_and_unverified_quotations(project, capsys):
    second = project / "source_texts" / "second.rst"
    second.write_text(
        second.read_text(encoding="utf-8").replace("<luxemburg>", "<nobody>"), encoding="utf-8"
    )
    first = project / "source_texts" / "first.rst"
    first.write_text(
        first.read_text(encoding="utf-8").replace("lux1918{p. 5}", "lux1918{?p. 5}"),
        encoding="utf-8",
    )
    figures = reader_json("stats", "--project", str(project), "-f", "json", capsys=capsys)
    assert figures["coverage"]["annotations_mentioned"] == {"count": 5, "of": 6, "share": 0.8333}
    assert figures["coverage"]["mentions_defined"] == {"count": 6, "of": 7, "share": 0.8571}
    assert figures["totals"]["quotations"] == {"verified": 0, "unverified": 1}


def test_stats_text_table(project, capsys):
    assert main(["stats", "--project", str(project)]) == 0
    out = capsys.readouterr().out
    lines = out.splitlines()
    assert lines[0].split() == [
        "text", "words", "notes", "ed.", "notes", "citations", "quotations", "v/u", "mentions"
    ]  # fmt: skip
    assert lines[2].split() == ["first", "40", "4", "1", "4", "1/0", "5"]
    assert "annotations: 6 (person 2, gloss 1, place 1, org 1, event 1)" in lines
    assert lines[-1] == (
        "coverage: 6 of 6 annotations are mentioned (100.0%); 7 of 7 mentions name a "
        "defined annotation (100.0%)"
    )


# ------------------------------------------------------------------------ new


def test_the_templates_have_every_option_a_kind_takes():
    for kind in KINDS:
        written = [line.split(":")[1] for line in annotation_source(kind, "x") if line[3:4] == ":"]
        assert written[-1] == "sources" and set(written) == set(OPTIONS[kind])


def test_annotation_template_has_every_option():
    lines = annotation_source("event", "kronstadt-rising")
    assert lines[:9] == [
        ".. event:: kronstadt-rising",
        "   :name: Kronstadt Rising",
        "   :original: TODO",
        "   :lang:",  # empty: conf.py's reader_original_language
        "   :index:",
        f"   :date: {PLACEHOLDER_DATE}",
        "   :end:",
        "   :sources:",
        "",
    ]
    assert lines[9].startswith("   TODO: ")
    assert title_from_name("08-the-purges") == "The purges"


def test_new_text_and_annotations_check_and_build(project, capsys):
    assert main(["new", "text", "03-the-purges", "--project", str(project)]) == 0
    assert (
        main(["new", "text", "appendix", "--title", "An Appendix", "--project", str(project)]) == 0
    )
    for kind in KINDS:
        assert main(["new", "annotation", kind, f"new-{kind}", "--project", str(project)]) == 0
    assert main(["new", "annotation", "person", "aaron", "--project", str(project)]) == 0
    capsys.readouterr()

    source = project / "source_texts"
    assert (
        (source / "03-the-purges.rst")
        .read_text(encoding="utf-8")
        .startswith("==========\nThe purges\n==========\n\nTODO: ")
    )
    index = (source / "index.rst").read_text(encoding="utf-8")
    assert "   first\n   second\n   03-the-purges\n   appendix\n\n" in index
    people = (source / "people.rst").read_text(encoding="utf-8")
    assert people.index(".. person:: aaron") < people.index(".. person:: luxemburg")
    assert people.index(".. person:: luxemburg") < people.index(".. person:: new-person")
    assert people.index(".. person:: new-person") < people.index(".. person:: trotsky")
    for kind, page in REGISTERS.items():
        assert f".. {kind}:: new-{kind}\n" in (source / f"{page}.rst").read_text(encoding="utf-8")

    found = reader_json("check", "--project", str(project), "-f", "json", capsys=capsys)
    assert [p for p in found if p["severity"] == "error"] == []
    assert {p["code"] for p in found} == {"todo_marker", "annotation_unused"}

    done = run_reader("build", "--format", "html", "--quiet", cwd=project)
    assert done.returncode == 0, (done.stdout + done.stderr)[-4000:]
    page = (project / "_build" / "html" / "events.html").read_text(encoding="utf-8")
    assert "New Event" in page and "TODO" in page


def test_new_text_into_an_empty_texts_toctree(project, capsys):
    index = project / "source_texts" / "index.rst"
    index.write_text(
        index.read_text(encoding="utf-8").replace("   first\n   second\n", ""), encoding="utf-8"
    )
    assert main(["new", "text", "intro", "--project", str(project)]) == 0
    assert ":caption: Texts\n   :numbered: 1\n\n   intro\n" in index.read_text(encoding="utf-8")


def test_new_refuses_what_exists_or_is_no_name(project, capsys):
    assert main(["new", "text", "first", "--project", str(project)]) == 1
    assert main(["new", "text", "bad name!", "--project", str(project)]) == 1
    assert main(["new", "annotation", "person", "trotsky", "--project", str(project)]) == 1
    assert main(["new", "annotation", "place", "no space", "--project", str(project)]) == 1
    assert main(["new", "annotation", "person", "Nicholas_II", "--project", str(project)]) == 1
    assert main(["new", "text", "étude", "--project", str(project)]) == 1
    errors = capsys.readouterr().err
    assert "the id 'Nicholas_II' must be lower-case ASCII" in errors  # the rule check applies
    assert "the text name 'étude' must be lower-case ASCII" in errors
    assert "source_texts/first.rst already exists" in errors
    assert "the person 'trotsky' is already defined at source_texts/people.rst:" in errors
    with pytest.raises(SystemExit):
        main(["new", "annotation", "animal", "cat", "--project", str(project)])


def test_new_keeps_line_endings_and_byte_order_mark(project, capsys):
    people = project / "source_texts" / "people.rst"
    people.write_bytes(b"\xef\xbb\xbf" + people.read_bytes().replace(b"\n", b"\r\n"))
    assert main(["new", "annotation", "person", "zinoviev", "--project", str(project)]) == 0
    data = people.read_bytes()
    assert data.startswith(b"\xef\xbb\xbf")
    assert b".. person:: zinoviev\r\n" in data and b"\n" not in data.replace(b"\r\n", b"")


@pytest.mark.parametrize("title", ["Two\nlines", "A `role`", "Back\\slash"])
def test_new_text_refuses_a_title_that_would_be_markup(project, capsys, title):
    assert main(["new", "text", "odd", "--title", title, "--project", str(project)]) == 1
    assert "the title cannot hold" in capsys.readouterr().err
    assert not (project / "source_texts" / "odd.rst").exists()


def test_new_annotation_help_lists_the_kinds(capsys):
    with pytest.raises(SystemExit):
        main(["new", "annotation", "--help"])
    shown = capsys.readouterr().out
    for kind, page in REGISTERS.items():
        assert f"{kind} ({page}.rst)" in " ".join(shown.split())


def test_new_text_warns_when_its_number_is_taken_or_not_its_chapter(project, capsys):
    assert main(["new", "text", "02-again", "--project", str(project)]) == 0
    said = capsys.readouterr()
    assert "02-again is numbered 02 but will be chapter 3" in said.err
    assert "(chapter 3)" in said.out
    assert main(["new", "text", "04-more", "--project", str(project)]) == 0
    assert capsys.readouterr().err == ""
    assert main(["new", "text", "04-other", "--project", str(project)]) == 0
    assert "the number 04 of 04-other is already used by 04-more" in capsys.readouterr().err
