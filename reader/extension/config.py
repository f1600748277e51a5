"""The extension's configuration values: one table, registered in ``setup()`` and
documented in the README (a test keeps the two the same).

Sphinx's own values describe the edition too: ``project`` (the title), ``author``,
``language``, ``html_baseurl`` (the published address: every citation's URL),
``root_doc`` and ``bibtex_bibfiles`` (sphinxcontrib-bibtex's).
"""

from __future__ import annotations

from typing import Any, NamedTuple


class Setting(NamedTuple):
    """One configuration value: name, default, what a change rebuilds, types, meaning."""

    name: str
    default: Any
    rebuild: str  # "env": texts are read again; "html": pages written again; "": nothing
    types: tuple[type, ...]
    doc: str


SETTINGS: tuple[Setting, ...] = (
    Setting("reader_subtitle", "", "env", (str,), "the edition's subtitle"),
    Setting(
        "reader_editors",
        [],
        "env",
        (list, tuple),
        'the editors\' names ("Given Family"), as the citations of the edition give them; '
        "empty: the edition is cited by its title",
    ),
    Setting("reader_edition", "", "env", (str,), 'the edition, e.g. "Second edition"'),
    Setting("reader_date", "", "env", (str,), "the date of publication (a year, or ISO date)"),
    Setting("reader_publisher", "", "env", (str,), "the publisher of the edition"),
    Setting("reader_publisher_place", "", "env", (str,), "the publisher's place"),
    Setting(
        "reader_licence", "", "env", (str,), "the licence of the texts, printed in the imprint"
    ),
    Setting(
        "reader_description",
        "",
        "html",
        (str,),
        "a sentence or two on the edition: the description in the EPUB's and the PDF's metadata",
    ),
    Setting("reader_keywords", [], "html", (list, tuple), "subject keywords of the PDF and EPUB"),
    Setting("reader_note_style", "cmos", "env", (str,), "the pybtex style of the notes"),
    Setting(
        "reader_edition_basename",
        "reader",
        "html",
        (str,),
        "the file name of the PDF and EPUB and the prefix of the edition's citation keys",
    ),
    Setting(
        "reader_bibliography",
        "all",
        "env",
        (str,),
        "what ``.. works-cited:: edition`` lists: ``all`` of refs.bib, or what is ``cited``",
    ),
    Setting(
        "reader_works_cited_per_text",
        True,
        "env",
        (bool,),
        "end every text that cites something with its works cited",
    ),
    Setting(
        "reader_original_language",
        "",
        "env",
        (str,),
        "the language tag of the annotations' ``:original:`` forms unless their ``:lang:`` "
        "says otherwise (e.g. ``'ru'``); empty: each gives its own",
    ),
    Setting(
        "reader_allow_raw",
        False,
        "env",
        (bool,),
        "allow ``raw`` and ``include`` in the texts (off: they are reported as errors)",
    ),
)


def register(app: Any) -> None:
    """Register every setting with Sphinx."""
    for setting in SETTINGS:
        app.add_config_value(
            setting.name, setting.default, setting.rebuild, types=frozenset(setting.types)
        )


def markdown_table() -> str:
    """The settings as the README's table."""
    rows = ["| setting | default | meaning |", "| --- | --- | --- |"]
    rows += [f"| `{s.name}` | `{s.default!r}` | {s.doc} |" for s in SETTINGS]
    return "\n".join(rows) + "\n"


def derive(app: Any, config: Any) -> None:
    """Sphinx settings that follow from what the edition is (config-inited): the
    literal blocks of a reader are commands and examples, never highlighted code."""
    if config.highlight_language == "default":
        config.highlight_language = "none"
