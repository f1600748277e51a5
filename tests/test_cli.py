"""The ``reader`` command's surface: its version, and options as the help states them."""

from __future__ import annotations

from importlib.metadata import version

import pytest

from reader.cli.main import main, make_parser


def test_version_is_the_packages(capsys):
    with pytest.raises(SystemExit) as stopped:
        main(["--version"])
    assert stopped.value.code == 0
    assert capsys.readouterr().out.strip() == f"reader {version('sphinx-reader')}"


@pytest.mark.parametrize(
    "words",
    [["-f", "html", "pdf"], ["-f", "html", "-f", "pdf"], ["--format", "html", "pdf"]],
)
def test_several_formats_as_a_list_or_repeated(words):
    args = make_parser("build").parse_args(["build", *words])
    assert args.formats == ["html", "pdf"]


def test_an_unknown_format_is_refused(capsys):
    with pytest.raises(SystemExit) as stopped:
        make_parser("build").parse_args(["build", "-f", "html", "docx"])
    assert stopped.value.code == 2
    assert "invalid choice: 'docx'" in capsys.readouterr().err
