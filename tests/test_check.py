"""``reader check`` and the build find the same problems: the same code at the same line.

Each case copies the clean project of tests/roots/check, breaks one thing, and
expects the code at the file and line of the fault twice: in ``reader check``'s JSON
and in what the HTML build prints.  Both come from the one reading of the texts
(reader.extension.report), so a case that finds one and not the other fails.
"""

from __future__ import annotations

import io
import json
import re
import shutil
import subprocess
import sys
from pathlib import Path

import jsonschema
import pytest

from reader.cli.check_output import JSON_FIELDS, use_colour
from reader.cli.main import main
from reader.diagnostics import CODES
from reader.runner.sphinx import run_sphinx
from reader.sources.locators import locator_faults
from tests.conftest import READER, ROOT

CHECK_ROOT = Path(__file__).parent / "roots" / "check"
GUIDE = ROOT / "docs" / "annotators-guide.md"

PROBLEM_SCHEMA = {
    "type": "array",
    "items": {
        "type": "object",
        "required": list(JSON_FIELDS),
        "additionalProperties": False,
        "properties": {
            "code": {"enum": sorted(CODES)},
            "severity": {"enum": ["error", "warning", "info"]},
            "file": {"type": "string", "minLength": 1},
            "line": {"type": "integer", "minimum": 0},
            "message": {"type": "string", "minLength": 1},
            "hint": {"type": "string", "minLength": 1},
        },
    },
}


@pytest.fixture
def project(tmp_path: Path) -> Path:
    """A fresh copy of the clean check project."""
    return Path(shutil.copytree(CHECK_ROOT, tmp_path / "book"))


def replace_in(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, f"{old!r} not in {path}"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def line_of(path: Path, needle: str) -> int:
    lines = path.read_text(encoding="utf-8").splitlines()
    return next(number for number, line in enumerate(lines, 1) if needle in line)


def check_json(project: Path, *args: str, capsys: pytest.CaptureFixture[str]) -> list[dict]:
    """Run ``reader check --format json`` in this process; the parsed problems."""
    main(["check", "--project", str(project), "--format", "json", *args])
    return json.loads(capsys.readouterr().out)


# What the build prints: ``file:line: WARNING: message [reader.code]`` for errors and
# warnings, ``file:line: info: message [reader.code]`` for information.
BUILD_LINE = re.compile(
    r"^(?P<file>[^\n]*?):(?P<line>\d*): (?:WARNING|ERROR|CRITICAL|info): .*?"
    r"\[reader\.(?P<code>\w+)\]$",
    re.MULTILINE,
)


def build_problems(project: Path) -> set[tuple[str, str, int]]:
    """(code, file, line) of every problem the HTML build prints, in this process."""
    status, warning = io.StringIO(), io.StringIO()
    run_sphinx(
        "html",
        project,
        project / "_build" / "html",
        project / "_build" / "doctrees" / "html",
        status=status,
        warning=warning,
        raise_on_warnings=False,
    )
    found = set()
    info = [line for line in status.getvalue().splitlines() if ": info: " in line]
    for match in BUILD_LINE.finditer(warning.getvalue() + "\n" + "\n".join(info)):
        path = Path(match["file"])
        shown = path.relative_to(project).as_posix() if path.is_absolute() else match["file"]
        found.add((match["code"], shown, int(match["line"] or 0)))
    return found


def run_check(*args: str, cwd: Path, env: dict[str, str] | None = None):
    return subprocess.run(
        [*READER, "check", *args],
        cwd=cwd,
        capture_output=True,
        text=True,
        check=False,
        timeout=120,
        env=env,
    )


# ------------------------------------------------------------------- the cases

T = "source_texts/"
FIRST, SECOND, PEOPLE, EVENTS, INDEX = (
    T + "first.rst",
    T + "second.rst",
    T + "people.rst",
    T + "events.rst",
    T + "index.rst",
)
NEW_ENTRY = (
    "\n@book{unused1999,\n  author = {Nobody, A.},\n  title = {Never Cited},\n  year = {1999},\n}\n"
)

# id -> (code, file changed, old text, new text, file reported, text on the reported line)
CASES: dict[str, tuple[str, str, str, str, str, str]] = {
    "bib_syntax": (
        "bib_syntax", "refs.bib", "year = {1932}", "year = 1932a", "refs.bib", "1932a",
    ),
    "bib_unclosed_brace": (
        "bib_unclosed_brace", "refs.bib", "Revolution},", "Revolution,", "refs.bib",
        "title = {The History",
    ),
    "bib_extra_brace": (
        "bib_extra_brace", "refs.bib", "number = {11},", "number = {11}},", "refs.bib",
        "number = {11}}",
    ),
    "bib_duplicate_key": (
        "bib_duplicate_key", "refs.bib", "@online{wpfebruary,",
        "@misc{wpFebruary,\n  title = {Again},\n}\n\n@online{wpfebruary,", "refs.bib",
        "@online{wpfebruary,",
    ),
    "bib_unknown_macro": (
        "bib_unknown_macro", "refs.bib", "journal = spartacus", "journal = spartakus",
        "refs.bib", "spartakus",
    ),
    "bib_missing_field": (
        "bib_missing_field", "refs.bib", "  title = {The Russian Tragedy},\n", "", "refs.bib",
        "@article{lux1918,",
    ),
    "bib_unsafe_url": (
        "bib_unsafe_url", "refs.bib", "https://en.wikipedia.org/wiki/February_Revolution",
        "javascript:alert(1)", "refs.bib", "javascript:",
    ),
    "bib_unsafe_url_data": (
        "bib_unsafe_url", "refs.bib", "urldate = {2026-11-25},",
        "urldate = {2026-11-25},\n  note = {See \\url{data:text/html,x}},", "refs.bib",
        "data:text",
    ),
    "bib_uncited": (
        "bib_uncited", "refs.bib", "@online{wpfebruary,", NEW_ENTRY + "\n@online{wpfebruary,",
        "refs.bib", "@book{unused1999,",
    ),
    "key_not_found": (
        "key_not_found", SECOND, ":cite:`wpfebruary`", ":cite:`wpfebuary`", SECOND, "wpfebuary",
    ),
    "key_not_found_sources": (
        "key_not_found", EVENTS, ":sources: wpfebruary", ":sources: wpfeb", EVENTS, ":sources:",
    ),
    "cite_syntax": (
        "cite_syntax", FIRST, "lux1918{p. 3}", "lux1918{p. 3}{p. 4}", FIRST, "lux1918{p. 3}",
    ),
    "adjacent_notes": (
        "adjacent_notes", SECOND, ":cite:`wpfebruary`", ":cite:`wpfebruary`\\ :cite:`lux1918`",
        SECOND, "lux1918",
    ),
    "adjacent_notes_footnote": (
        "adjacent_notes", FIRST, "spread.\\ [#]_", "spread.\\ [#]_ [*]_", FIRST, "[#]_ [*]_",
    ),
    "quote_no_source": (
        "quote_no_source", FIRST, "   :cite: lux1918{p. 5}\n", "", FIRST, ".. quote::",
    ),
    "quote_duplicate_id": (
        "quote_duplicate_id", SECOND, "`wpfebruary`",
        "`wpfebruary`\n\n.. quote::\n   :cite: lux1918{p. 6}\n   :id: lux-tragedy\n\n   Words.",
        SECOND, ".. quote::",
    ),
    "quote_id_invalid": (
        "quote_id_invalid", FIRST, ":id: lux-tragedy", ":id: трагедия", FIRST, ".. quote::",
    ),
    "annotation_unknown": (
        "annotation_unknown", SECOND, "<luxemburg>", "<luxembourg>", SECOND, "luxembourg",
    ),
    "annotation_unused": (
        "annotation_unused", PEOPLE, ".. person:: trotsky",
        ".. person:: lenin\n   :name: Lenin\n\n   Bolshevik.\n\n.. person:: trotsky", PEOPLE,
        ".. person:: lenin",
    ),
    "annotation_duplicate": (
        "annotation_duplicate", T + "glossary.rst", ".. gloss:: soviet",
        ".. person:: luxemburg\n   :name: Again\n\n   Twice.\n\n.. gloss:: soviet",
        T + "glossary.rst", ".. person:: luxemburg",
    ),
    "annotation_field": (
        "annotation_field", PEOPLE, "   :name: Rosa Luxemburg\n", "", PEOPLE,
        ".. person:: luxemburg",
    ),
    "annotation_field_event_date": (
        "annotation_field", EVENTS, "   :date: 23 February 1917 OS\n", "", EVENTS,
        ".. event:: february-revolution",
    ),
    "annotation_field_option": (
        "annotation_field", PEOPLE, ":born: 1871", ":borm: 1871", PEOPLE, ":borm:",
    ),
    "date_invalid": (
        "date_invalid", FIRST, ":date:`23 February 1917 OS`", ":date:`30 February 1917 OS`",
        FIRST, "30 February",
    ),
    "date_invalid_calendar": (
        "date_invalid", FIRST, ":date:`23 February 1917 OS`", ":date:`23 February 1917`",
        FIRST, ":date:",
    ),
    "date_invalid_event": (
        "date_invalid", EVENTS, ":end: 3 March 1917 OS", ":end: 32 March 1917 OS", EVENTS,
        ":end:",
    ),
    "date_invalid_order": (
        "date_invalid", EVENTS, ":end: 3 March 1917 OS", ":end: 3 March 1916 OS", EVENTS,
        ":end:",
    ),
    "locator_unverified": (
        "locator_unverified", FIRST, "lux1918{p. 3}", "lux1918{?p. 3}", FIRST, "lux1918{?p. 3}",
    ),
    "locator_malformed_space": (
        "locator_malformed", FIRST, "lux1918{p. 3}", "lux1918{p.3}", FIRST, "lux1918{p.3}",
    ),
    "locator_malformed_hyphen": (
        "locator_malformed", FIRST, "{pp. 40–44}", "{pp. 40-44}", FIRST, "{pp. 40-44}",
    ),
    "locator_malformed_single_p": (
        "locator_malformed", FIRST, "{pp. 40–44}", "{p. 40–44}", FIRST, "{p. 40–44}",
    ),
    "locator_malformed_empty": (
        "locator_malformed", SECOND, "`wpfebruary`", "`wpfebruary{}`", SECOND, "wpfebruary{}",
    ),
    "locator_malformed_abbreviation": (
        "locator_malformed", T + "people.rst", "{vol. 1, ch. 1}", "{vol. 1, pg. 12}", PEOPLE,
        ":sources:",
    ),
    "note_ibid": (
        "note_ibid", FIRST, "A hand-written note.", "Ibid., 12.", FIRST, "Ibid.",
    ),
    "note_op_cit": (
        "note_ibid", SECOND, "wrote of", "wrote (op. cit.) of", SECOND, "op. cit.",
    ),
    "ref_broken_toctree": (
        "ref_broken", INDEX, "   second\n", "   second\n   third\n", INDEX, "third",
    ),
    "ref_broken_doc": ("ref_broken", FIRST, ":doc:`second`", ":doc:`secnod`", FIRST, "secnod"),
    "ref_broken_orphan": ("ref_broken", INDEX, "   second\n", "", SECOND, "=========="),
    "text_no_title": (
        "text_no_title", SECOND, "==========\nThe Second\n==========\n\n", "", SECOND,
        ":person:`Luxemburg",
    ),
    "lang_invalid": (
        "lang_invalid", PEOPLE, ":original: Лев Давидович Троцкий",
        ":original: Лев Давидович Троцкий\n   :lang: Russian", PEOPLE, ":lang: Russian",
    ),
    "lang_invalid_role": (
        "lang_invalid", SECOND, "wrote of", "wrote :lang:`of <Deutsch>`", SECOND, "Deutsch",
    ),
    "lang_missing": (
        "lang_missing", "conf.py", 'reader_original_language = "ru"', "", PEOPLE,
        ":original: Лев",
    ),
    "todo_marker": ("todo_marker", SECOND, "wrote of", "wrote (TODO: check) of", SECOND, "TODO"),
    "todo_marker_bib": (
        "todo_marker", "refs.bib", "number = {11},", "number = {11},\n  note = {TODO},",
        "refs.bib", "TODO",
    ),
    "footcite": (
        "cite_syntax", SECOND, ":cite:`wpfebruary`", ":footcite:`wpfebruary`", SECOND,
        ":footcite:",
    ),
    "cite_empty": (
        "cite_syntax", SECOND, ":cite:`wpfebruary`", ":cite:``", SECOND, ":cite:``",
    ),
    "key_not_found_second_line": (
        "key_not_found", SECOND, "wrote of the revolution in",
        "wrote\nof the revolution\\ :cite:`nosuchkey` in", SECOND, "nosuchkey",
    ),
    "rst_unknown_role": (
        "rst_unknown_role", SECOND, ":place:`Petrograd <petrograd>`",
        ":plaice:`Petrograd <petrograd>`", SECOND, ":plaice:",
    ),
    "rst_unknown_directive": (
        "rst_unknown_directive", FIRST, ".. quote::", ".. qoute::", FIRST, ".. qoute::",
    ),
    "rst_syntax_literal": (
        "rst_syntax", SECOND, "wrote of", "wrote ``of", SECOND, "``of",
    ),
    "rst_syntax_blank_line": (
        "rst_syntax", FIRST, "See also :doc:`second`.\n\n.. quote::",
        "See also :doc:`second`.\n.. quote::", FIRST, ":cite: lux1918{p. 5}",
    ),
    "quote_no_speaker": (
        "quote_no_speaker", "refs.bib", "  author = {Luxemburg, Rosa},\n", "", FIRST,
        ".. quote::",
    ),
    "rst_disabled_raw": (
        "rst_disabled", FIRST, "See also :doc:`second`.\n\n.. quote::",
        "See also :doc:`second`.\n\n.. raw:: html\n\n   <b>x</b>\n\n.. quote::", FIRST,
        ".. raw::",
    ),
    "rst_disabled_include": (
        "rst_disabled", FIRST, "See also :doc:`second`.\n\n.. quote::",
        "See also :doc:`second`.\n\n.. include:: /etc/hostname\n\n.. quote::", FIRST,
        ".. include::",
    ),
    "date_invalid_after_switch": (
        "date_invalid", FIRST, ":date:`23 February 1917 OS`", ":date:`23 February 1919 OS`",
        FIRST, "1919",
    ),
    "bib_tex_percent": (
        "bib_tex", "refs.bib", "{The Russian Tragedy}", "{The Russian 100% Tragedy}", "refs.bib",
        "100%",
    ),
    "bib_tex_name": (
        "bib_tex", "refs.bib", "{Trotsky, Leon}", "{Trotsky, L.\\,D.}", "refs.bib", "L.\\,D.",
    ),
}  # fmt: skip


def test_the_clean_project_has_no_problems(project, capsys):
    assert check_json(project, capsys=capsys) == []


@pytest.mark.parametrize("case", sorted(CASES))
def test_check_and_build_find_each_code_at_its_line(project, capsys, case):
    code, changed, old, new, reported, needle = CASES[case]
    replace_in(project / changed, old, new)
    expected = (code, reported, line_of(project / reported, needle))
    checked = {(p["code"], p["file"], p["line"]) for p in check_json(project, capsys=capsys)}
    built = build_problems(project)
    assert expected in checked, sorted(checked)
    assert expected in built, sorted(built)
    # every problem of the build is the check's, and the other way round
    assert checked == built


def test_a_text_that_is_not_utf8(project, capsys):
    path = project / SECOND
    expected = ("text_encoding", SECOND, line_of(path, "wrote"))
    path.write_bytes(path.read_bytes().replace(b"wrote of", b"wrote \xe9 of"))
    assert expected in {
        (p["code"], p["file"], p["line"]) for p in check_json(project, capsys=capsys)
    }
    assert expected in build_problems(project)


@pytest.mark.parametrize("name", ["second copy", "zweite-ü"])
def test_a_text_name_that_is_no_page_name(project, capsys, name):
    shutil.copy(project / SECOND, project / "source_texts" / f"{name}.rst")
    replace_in(project / "source_texts" / "index.rst", "   second\n", f"   second\n   {name}\n")
    expected = ("text_name", f"source_texts/{name}.rst", 1)
    assert expected in {
        (p["code"], p["file"], p["line"]) for p in check_json(project, capsys=capsys)
    }
    assert expected in build_problems(project)


def test_an_escaped_role_is_text_for_both(project, capsys):
    replace_in(project / SECOND, "wrote of", "wrote \\:cite:`not-a-citation` of")
    assert check_json(project, capsys=capsys) == []
    assert build_problems(project) == set()
    page = (project / "_build/html/second.html").read_text("utf-8")
    assert "wrote :cite:<cite>not-a-citation</cite> of" in page  # text, not a note


def test_an_unchanged_faulty_text_fails_every_check_and_build(project, capsys):
    replace_in(project / SECOND, "<luxemburg>", "<luxembourg>")
    replace_in(project / FIRST, "lux1918{p. 3}", "nosuchkey{p. 3}")
    first = {(p["code"], p["file"], p["line"]) for p in check_json(project, capsys=capsys)}
    again = {(p["code"], p["file"], p["line"]) for p in check_json(project, capsys=capsys)}
    assert first == again
    assert {"annotation_unknown", "key_not_found"} <= {c for c, _, _ in first}
    assert build_problems(project) == first
    assert build_problems(project) == first  # read nothing again: reported from the environment


def test_every_code_has_a_case():
    tested = {case[0] for case in CASES.values()}
    untested = {"bib_missing_file", "text_encoding", "text_name", "sphinx_warning"}
    assert tested | untested == set(CODES)


def test_a_missing_bibliography_file(project, capsys):
    (project / "refs.bib").unlink()
    found = check_json(project, capsys=capsys)
    assert {"code": "bib_missing_file", "file": "refs.bib", "line": 0} in [
        {k: p[k] for k in ("code", "file", "line")} for p in found
    ]


def test_messages_give_close_matches(project, capsys):
    replace_in(project / SECOND, "<luxemburg>", "<luxembourg>")
    replace_in(project / SECOND, ":cite:`wpfebruary`", ":cite:`wpfebuary`")
    messages = {p["code"]: p["message"] for p in check_json(project, capsys=capsys)}
    assert messages["annotation_unknown"] == (
        "no person annotation has the id 'luxembourg' (close matches: luxemburg)"
    )
    assert messages["key_not_found"] == (
        "citation key 'wpfebuary' is not in refs.bib (close matches: wpfebruary)"
    )


def test_a_mention_of_the_wrong_kind_says_so(project, capsys):
    replace_in(project / SECOND, ":place:`Petrograd <petrograd>`", ":org:`Petrograd <petrograd>`")
    (problem,) = check_json(project, capsys=capsys)
    assert "there is a place 'petrograd': use :place:" in problem["message"]


def test_locator_rules():
    assert locator_faults("vol. 1, ch. 7") == []
    assert locator_faults("ch. “Left-Wing 1-2”") == []
    assert locator_faults("introduction") == []
    assert locator_faults("pp. 390, 392") == []
    assert locator_faults("s.v. Stalin") == []
    assert locator_faults("p.12") == ["put a space after `p.`: write `p. 12`"]
    assert locator_faults("pp. 40-44") == ["a range takes an en dash, not a hyphen: write `40–44`"]
    assert locator_faults("p. 40, 42") == ["several pages take `pp.`: write `pp. 40, 42`"]
    assert locator_faults("pp. 40") == ["one page takes `p.`: write `p. 40`"]
    assert locator_faults("page 12") == ["notes abbreviate `page`: write `p. 12`"]
    assert locator_faults("pg. 12") == [
        "`pg.` is not an abbreviation of the note style: write `p.`"
    ]
    assert locator_faults("p 12") == ["`p` needs its period: write `p. 12`"]
    assert locator_faults("pp. 40 – 44") == [
        "a range has no spaces around its en dash: write `40–44`"
    ]


# --------------------------------------------------------- options and output


def test_problems_are_sorted_by_file_and_line(project, capsys):
    replace_in(project / SECOND, "wrote of", "wrote (TODO) of")
    replace_in(project / FIRST, "It\nspread.", "It\nspread (TODO).")
    replace_in(project / "refs.bib", "number = {11},", "number = {11},\n  note = {TODO},")
    found = check_json(project, capsys=capsys)
    places = [(p["file"], p["line"]) for p in found]
    assert places == sorted(places)
    assert [p["file"] for p in found] == ["refs.bib", FIRST, SECOND]


def test_json_output_follows_its_schema(project, capsys):
    replace_in(project / SECOND, "<luxemburg>", "<luxembourg>")
    replace_in(project / FIRST, "lux1918{p. 3}", "lux1918{?p. 3}")
    replace_in(project / "refs.bib", "@online{wpfebruary,", NEW_ENTRY + "\n@online{wpfebruary,")
    found = check_json(project, capsys=capsys)
    jsonschema.validate(found, PROBLEM_SCHEMA)
    assert [list(p) for p in found] == [list(JSON_FIELDS)] * len(found)
    assert {p["severity"] for p in found} == {"error", "warning", "info"}
    assert all(p["hint"] == CODES[p["code"]].hint for p in found)


def test_text_output_has_location_code_and_hint(project):
    replace_in(project / SECOND, "<luxemburg>", "<luxembourg>")
    done = run_check(cwd=project)
    assert done.returncode == 1
    line = line_of(project / SECOND, "luxembourg")
    lines = done.stdout.splitlines()
    at = lines.index(
        f"{SECOND}:{line}: error [annotation_unknown] no person annotation has the id "
        "'luxembourg' (close matches: luxemburg)"
    )
    assert lines[at + 1] == f"  hint: {CODES['annotation_unknown'].hint}"
    assert lines[-1].startswith(
        "reader check: 1 error, 1 warning in 9 texts and 3 bibliography entries ("
    )
    assert "\x1b[" not in done.stdout  # a pipe: no colour


def test_exit_codes(project):
    assert run_check(cwd=project).returncode == 0
    replace_in(project / SECOND, "wrote of", "wrote (TODO) of")  # a warning
    replace_in(project / FIRST, "lux1918{p. 3}", "lux1918{?p. 3}")  # an info
    assert run_check(cwd=project).returncode == 0
    strict = run_check("--strict", cwd=project)
    assert strict.returncode == 1
    assert "error [locator_unverified]" in strict.stdout
    replace_in(project / SECOND, "<luxemburg>", "<luxembourg>")  # an error
    assert run_check(cwd=project).returncode == 1
    assert run_check("--ignore", "annotation_unknown", cwd=project).returncode == 0
    assert run_check("--exit-zero", cwd=project).returncode == 0
    bad = run_check("--select", "no_such_code", cwd=project)
    assert bad.returncode == 2
    assert "unknown code no_such_code" in bad.stderr
    assert run_check(cwd=project.parent).returncode == 1  # no conf.py there


def test_select_and_ignore_name_codes_as_the_build_does(project, capsys):
    replace_in(project / SECOND, "wrote of", "wrote (TODO) of")
    replace_in(project / FIRST, "lux1918{p. 3}", "lux1918{?p. 3}")
    codes = {p["code"] for p in check_json(project, capsys=capsys)}
    assert codes == {"todo_marker", "locator_unverified"}
    selected = check_json(project, "--select", "reader.todo_marker", capsys=capsys)
    assert {p["code"] for p in selected} == {"todo_marker"}
    ignored = check_json(project, "--ignore", "todo_marker,locator_unverified", capsys=capsys)
    assert ignored == []


def test_suppress_warnings_in_conf_py_silences_a_code(project, capsys):
    replace_in(project / SECOND, "wrote of", "wrote (TODO) of")
    with (project / "conf.py").open("a", encoding="utf-8") as conf:
        conf.write('suppress_warnings = ["reader.todo_marker"]\n')
    assert check_json(project, capsys=capsys) == []


def test_colour_only_on_a_terminal(monkeypatch):
    class Terminal:
        def isatty(self) -> bool:
            return True

    monkeypatch.delenv("NO_COLOR", raising=False)
    monkeypatch.delenv("CI", raising=False)
    assert use_colour(Terminal())
    assert not use_colour(Terminal(), "never")
    monkeypatch.setenv("NO_COLOR", "1")
    assert not use_colour(Terminal())
    monkeypatch.delenv("NO_COLOR")
    monkeypatch.setenv("CI", "true")
    assert not use_colour(Terminal())
    assert use_colour(Terminal(), "always")


def test_colour_always(project):
    replace_in(project / SECOND, "<luxemburg>", "<luxembourg>")
    done = run_check("--color", "always", cwd=project)
    assert "\x1b[1;31merror\x1b[0m" in done.stdout


# ------------------------------------------------------------ the codes, the guide


def test_list_codes_lists_every_code(capsys):
    main(["check", "--list-codes"])
    table = capsys.readouterr().out
    for code in CODES.values():
        assert f"| `{code.name}` | {code.severity} |" in table
    main(["check", "--list-codes", "--format", "json"])
    assert [c["code"] for c in json.loads(capsys.readouterr().out)] == sorted(CODES)


def test_the_guide_lists_every_code_as_list_codes_prints_it(capsys):
    main(["check", "--list-codes"])
    table = capsys.readouterr().out
    guide = GUIDE.read_text(encoding="utf-8")
    missing = [code for code in CODES if f"`{code}`" not in guide]
    assert not missing, f"docs/annotators-guide.md does not list {missing}"
    assert table in guide, "paste the output of `reader check --list-codes` into the guide"


# ------------------------------------------------------------------ the edition


def test_the_edition_has_no_errors():
    done = run_check("--format", "json", cwd=ROOT)
    found = json.loads(done.stdout)
    errors = [p for p in found if p["severity"] == "error"]
    assert done.returncode == 0 and not errors, errors
    for problem in found:  # shown with -rA; they are warnings and info
        print(f"{problem['file']}:{problem['line']}: {problem['severity']} [{problem['code']}]")


def test_main_module_runs_check(project):
    done = subprocess.run(
        [sys.executable, "-m", "reader", "check", "--project", str(project)],
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode == 0
    assert "no problems" in done.stdout


def test_pre_commit_runs_reader_check_and_ruff():
    import shlex

    import yaml

    config = yaml.safe_load((ROOT / ".pre-commit-config.yaml").read_text(encoding="utf-8"))
    hooks = {hook["id"]: hook for repo in config["repos"] for hook in repo["hooks"]}
    assert {"reader-check", "ruff", "ruff-format"} <= set(hooks)
    assert all(hook["language"] == "system" for hook in hooks.values())
    check = hooks["reader-check"]
    assert check["pass_filenames"] is False
    entry = shlex.split(check["entry"])
    assert entry[1:] == ["check"]
    done = subprocess.run(
        [str(ROOT / entry[0]), *entry[1:]], cwd=ROOT, capture_output=True, text=True, check=False
    )
    assert done.returncode == 0, done.stdout + done.stderr


# ------------------------------------------------------------- checking some texts


def test_check_of_one_text_shows_its_problems_and_those_of_what_it_uses(project, capsys):
    replace_in(project / FIRST, "trotsky1932{vol. 1, ch. 7}", "trotsky1923{vol. 1, ch. 7}")
    replace_in(project / SECOND, ":cite:`wpfebruary`", ":cite:`wpfebruaryy`")
    replace_in(project / PEOPLE, ":name: Leon Trotsky", ":name: Leon Trotsky\n   :bogus: x")
    with (project / "refs.bib").open("a", encoding="utf-8") as bib:
        bib.write(NEW_ENTRY)  # cited nowhere
    everything = {(p["code"], p["file"]) for p in check_json(project, capsys=capsys)}
    assert ("key_not_found", SECOND) in everything  # the other text's fault exists

    found = {(p["code"], p["file"]) for p in check_json(project, FIRST, capsys=capsys)}
    assert ("key_not_found", FIRST) in found
    assert not any(file == SECOND for _, file in found)
    assert any(file == PEOPLE for _, file in found)  # the register of Trotsky, mentioned
    assert any(file == "refs.bib" for _, file in found)

    assert main(["check", "--project", str(project), "nowhere.rst"]) == 2
    assert "nowhere.rst is not a text of this project" in capsys.readouterr().err
