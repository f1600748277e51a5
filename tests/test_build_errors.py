"""Bad input fails ``reader build`` with the file and line of the fault, never a traceback.

The builds run in this process through the command's ``main()``, as a user's
``reader build`` runs them (tests/test_check.py compares every code with ``reader
check``; here it is the command's exit status and messages that are tested).
"""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest

from tests.conftest import BOOK, build_in_process, run_reader


@pytest.fixture
def book(tmp_path: Path) -> Path:
    shutil.copytree(BOOK, tmp_path / "book")
    return tmp_path / "book"


@pytest.fixture(autouse=True)
def _capture(capsys: pytest.CaptureFixture[str]) -> None:
    global _CAPSYS
    _CAPSYS = capsys


_CAPSYS: pytest.CaptureFixture[str] | None = None


def build_html(project: Path, *formats: str) -> subprocess.CompletedProcess[str]:
    """``reader build --format html --quiet`` in this process: its status and output."""
    assert _CAPSYS is not None
    return build_in_process(project, formats, _CAPSYS)


def line_of(path: Path, needle: str) -> int:
    lines = enumerate(path.read_text(encoding="utf-8").splitlines(), 1)
    return next(number for number, content in lines if needle in content)


def replace_in(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def assert_fails_with(project: Path, location: str, message: str) -> str:
    done = build_html(project)
    assert done.returncode == 1, done.stdout + done.stderr
    assert "Traceback" not in done.stdout + done.stderr
    lines = [line for line in done.stderr.splitlines() if location in line]
    assert any(message in line for line in lines), done.stderr
    return done.stderr


def test_fixture_book_builds(book):
    done = build_html(book)
    assert done.returncode == 0, done.stderr


def test_missing_citation_key(book):
    text = book / "source_texts" / "text.rst"
    replace_in(text, "lux1918{?p. 3}", "lux1919{?p. 3}")
    assert_fails_with(
        book,
        f"text.rst:{line_of(text, 'lux1919')}",
        "citation key 'lux1919' is not in refs.bib (close matches: lux1918) (Add the entry "
        "to refs.bib or correct the key (see the close matches).) [reader.key_not_found]",
    )


def test_locator_on_a_key_that_does_not_exist(book):
    text = book / "source_texts" / "second.rst"
    replace_in(text, "trotsky1932{vol. 2, ch. 1}", "trotsky1933{vol. 2, ch. 1}")
    assert_fails_with(
        book,
        f"second.rst:{line_of(text, 'trotsky1933')}",
        "citation key 'trotsky1933' is not in refs.bib (close matches: trotsky1932",
    )


def test_quotation_with_an_unknown_source(book):
    text = book / "source_texts" / "text.rst"
    replace_in(text, ":cite: lux1918{?p. 5}", ":cite: luxembourg{?p. 5}")
    assert_fails_with(book, "text.rst:", "citation key 'luxembourg' is not in refs.bib")


def test_quotation_without_a_source(book):
    text = book / "source_texts" / "text.rst"
    replace_in(text, "   :cite: lux1918{?p. 5}\n", "")
    assert_fails_with(
        book,
        f"text.rst:{line_of(text, '.. quote::')}",
        "the quotation names no source (Give the quote directive a :cite: option",
    )


def test_unreadable_citation_markup(book):
    text = book / "source_texts" / "second.rst"
    replace_in(text, "trotsky1932{vol. 2, ch. 1}", "trotsky1932{vol. 2}{ch. 1}")
    assert_fails_with(
        book,
        f"second.rst:{line_of(text, 'trotsky1932')}",
        "cannot read 'trotsky1932{vol. 2}{ch. 1}': write {pre}key{locator}, several "
        "separated by commas",
    )


def test_adjacent_note_markers(book):
    text = book / "source_texts" / "second.rst"
    replace_in(text, "ch. 1}`", "ch. 1}`\\ :cite:`lux1918`")
    assert_fails_with(
        book,
        f"second.rst:{line_of(text, 'lux1918')}",
        "two note markers stand side by side (Put both sources in one citation",
    )


def test_unknown_annotation(book):
    text = book / "source_texts" / "second.rst"
    replace_in(text, "<luxemburg>", "<luxembourg>")
    assert_fails_with(
        book,
        f"second.rst:{line_of(text, 'luxembourg')}",
        "no person annotation has the id 'luxembourg' (close matches: luxemburg) "
        "(Correct the id (see the close matches) or define it on its register page.) "
        "[reader.annotation_unknown]",
    )


def test_duplicate_annotation(book):
    people = book / "source_texts" / "people.rst"
    replace_in(people, ".. person:: luxemburg", ".. person:: trotsky")
    assert_fails_with(
        book,
        f"people.rst:{line_of(people, 'Rosa Luxemburg') - 1}",
        "the person 'trotsky' is already defined at",
    )


def test_impossible_date(book):
    text = book / "source_texts" / "text.rst"
    replace_in(text, "23 February 1917 OS", "30 February 1917 OS")
    assert_fails_with(
        book,
        f"text.rst:{line_of(text, '30 February')}",
        "'30 February 1917 OS' does not exist: February 1917 has 28 days in the Julian calendar",
    )


BIB_FAULTS = [
    pytest.param(
        "  title = {The History of the Russian Revolution},",
        "  title = {The History of the Russian Revolution,",
        "title = {The History",
        "[reader.bib_unclosed_brace]",
        "the '{' opened here in field `title` of entry `trotsky1932` is never closed",
        id="unclosed-brace",
    ),
    pytest.param(
        "  title = {The Russian Tragedy},",
        "  title = {The Russian Tragedy}},",
        "The Russian Tragedy}}",
        "[reader.bib_extra_brace]",
        "a '}' on this line ends entry `lux1918` too early, so its fields journal, number, "
        "date are lost",
        id="extra-brace",
    ),
    pytest.param(
        "@online{wp,",
        "@online{lux1918,",
        "@online{lux1918,",
        "[reader.bib_duplicate_key]",
        "the citation key `lux1918` is already defined at line 11",
        id="duplicate-key",
    ),
    pytest.param(
        "  journal = {Spartacus},",
        "  journal = spartacus,",
        "journal = spartacus",
        "[reader.bib_unknown_macro]",
        "field `journal` of entry `lux1918` uses the macro `spartacus`, which no earlier "
        "@string defines",
        id="unknown-macro",
    ),
    pytest.param(
        "  url = {https://en.wikipedia.org/wiki/February_Revolution},",
        "  url = {javascript:alert(document.cookie)},",
        "url = {javascript:",
        "[reader.bib_unsafe_url]",
        "url `javascript:alert(document.cookie)` of `wp`: the scheme `javascript:` is not allowed",
        id="unsafe-url",
    ),
    pytest.param(
        "  journal = {Spartacus},\n",
        "",
        "@article{lux1918",
        "[reader.bib_missing_field]",
        "entry `lux1918` (@article) has no journal (or journaltitle)",
        id="missing-field",
    ),
]


FATAL = {
    f"[reader.{code}]"
    for code in ("bib_unclosed_brace", "bib_extra_brace", "bib_duplicate_key", "bib_unknown_macro")
}


@pytest.mark.parametrize(("old", "new", "fault_line", "code", "message"), BIB_FAULTS)
def test_broken_bibfile(book, old, new, fault_line, code, message):
    bib = book / "refs.bib"
    replace_in(bib, old, new)
    stderr = assert_fails_with(book, f"refs.bib:{line_of(bib, fault_line)}:", message)
    assert code in stderr
    if code in FATAL:  # pybtex could not read the file as written: nothing else is read
        assert "refs.bib error: 1 error(s) in the bibliography that stop the build" in stderr


def test_a_failed_build_is_not_followed_by_a_green_one(book):
    assert build_html(book).returncode == 0
    text = book / "source_texts" / "second.rst"
    replace_in(text, "<luxemburg>", "<luxembourg>")
    assert build_html(book).returncode == 1
    again = build_html(book)  # nothing changed: the problem must still be reported
    assert again.returncode == 1
    assert "[reader.annotation_unknown]" in again.stderr


def test_an_incremental_build_updates_the_registers(book):
    assert build_html(book).returncode == 0
    text = book / "source_texts" / "second.rst"
    text.write_text(text.read_text() + "\nAgain :person:`Rosa <luxemburg>`.\n")
    assert build_html(book).returncode == 0
    people = (book / "_build" / "html" / "people.html").read_text(encoding="utf-8")
    assert 'href="second.html#mention-person-luxemburg-1"' in people


def test_footcite_is_reported_not_silently_broken(book):
    text = book / "source_texts" / "second.rst"
    text.write_text(text.read_text() + "\nVariant.\\ :footcite:`mueller1990`\n")
    assert_fails_with(
        book,
        f"second.rst:{line_of(text, 'footcite')}",
        ":footcite: is not used in this reader (its notes lose their text here); write "
        ":cite:`mueller1990`",
    )


def test_keys_match_without_regard_to_case(book):
    text = book / "source_texts" / "second.rst"
    text.write_text(text.read_text() + "\nAgain.\\ :cite:`Trotsky1932{vol. 3, ch. 2}`\n")
    assert build_html(book).returncode == 0
    html = (book / "_build" / "html" / "second.html").read_text(encoding="utf-8")
    # a short note: the same work as the first note's, whatever the case of its key
    assert "Trotsky, <em>History of the Russian Revolution</em>, vol. 3, ch. 2." in html
    assert html.count('id="bib-trotsky1932"') == 1


def test_an_annotation_id_must_be_an_anchor(book):
    people = book / "source_texts" / "people.rst"
    replace_in(people, ".. person:: luxemburg", ".. person:: люксембург")
    assert_fails_with(
        book,
        f"people.rst:{line_of(people, 'люксембург')}",
        "the id 'люксембург' must be lower-case ASCII letters and digits joined by hyphens",
    )


def test_an_event_that_ends_before_it_begins(book):
    glossary = book / "source_texts" / "glossary.rst"
    replace_in(glossary, ":end: 3 March 1917 OS", ":end: 3 January 1917 OS")
    assert_fails_with(
        book,
        f"glossary.rst:{line_of(glossary, ':end: 3 January')}",
        "the event ends (3 January [16 January] 1917) before it begins",
    )


def test_the_bib_step_alone_fails_on_an_unknown_key(book):
    text = book / "source_texts" / "second.rst"
    replace_in(text, "trotsky1932{vol. 2, ch. 1}", "trotksy1932{vol. 2, ch. 1}")
    done = build_html(book, "bib")
    assert done.returncode == 1
    assert "second.rst:" in done.stderr and "trotksy1932" in done.stderr
    assert "trotsky1932" in done.stderr  # the close match


def test_the_command_never_shows_a_traceback(book):
    """The real command, in its own process: a fault is one coded line, not a traceback."""
    replace_in(book / "source_texts" / "text.rst", "lux1918{?p. 3}", "lux1919{?p. 3}")
    done = run_reader("build", "--format", "html", "--quiet", cwd=book)
    assert done.returncode == 1
    assert "Traceback" not in done.stdout + done.stderr
    assert "[reader.key_not_found]" in done.stderr
