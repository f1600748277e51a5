"""Tests for reader.sources.bibfile: every fault of refs.bib at the line where it is."""

from __future__ import annotations

import textwrap
from pathlib import Path

import bibtexparser
import pytest

from reader.sources.bibfile import (
    REQUIRED_FIELDS,
    BibFileError,
    check_bibfile,
    entry_lines,
    load_library,
)


def write_bib(tmp_path: Path, text: str, name: str = "refs.bib") -> Path:
    """Write a fixture; its first line is line 1 (write fixtures as \"\"\"\\ ...)."""
    path = tmp_path / name
    path.write_text(textwrap.dedent(text), encoding="utf-8")
    return path


def found(path: Path) -> list[tuple[str, int]]:
    """(code, line) of every problem, in the order reported."""
    return [(problem.code, problem.line) for problem in check_bibfile(path)]


def naive_failures(path: Path) -> list[int]:
    """Where plain bibtexparser locates its failures (1-based), for contrast."""
    library = bibtexparser.parse_file(str(path))
    return [block.start_line + 1 for block in library.failed_blocks]


CLEAN = """\
% refs.bib for the reader: a comment line before everything
@preamble{ "\\newcommand{\\noop}[1]{}" }
@string{hup = {Harvard University Press}}
@STRING{ lon = "London" }
@comment{ an old note with {braces} and @ signs }

@book{trotsky1932,
  author    = {Trotsky, Leon},
  title     = {The History of the {Russian} Revolution},
  publisher = hup,
  address   = lon # " and New York",
  year      = 1932,
  month     = jan,
}

% Deutscher's trilogy
@article{deutscher1954,
  author       = "Deutscher, Isaac",
  title        = "The Prophet {Armed}: {T}rotsky, 1879--1921",
  journaltitle = {Zeitschrift f{\\"u}r Geschichte},
  date         = {1954-03},
  month        = Mar # {~1},
}
@incollection{serge1951,
  author    = {Serge, Victor},
  title     = {Memoirs of a {Revolutionary}},
  booktitle = {{Écrits} politiques, {\\'E}dition {\\`a} part},
  editor    = {Bloch, {\\relax Ch}ristine},
}
@InBook{lenin1917,
  author  = {Ленин, Владимир Ильич},
  title   = {Государство и революция},
  chapter = 3,
}
@online{marxists,
  organization = {Marxists Internet Archive},
  title        = {Leon Trotsky Internet Archive},
  url          = {https://www.marxists.org/archive/trotsky/index.htm?a=1&b={2}},
  urldate      = {2024-05-01},
}
@misc{pamphlet, title = {Ni Dieu ni ma{\\^\\i}tre}, note = hup # ", " # lon}
@letter{trotsky1940letter, title = {Letter to {Natalia}}}
"""


# ------------------------------------------------------------------ a clean file


def test_clean_file_has_no_problems(tmp_path):
    assert check_bibfile(write_bib(tmp_path, CLEAN)) == []


def test_clean_file_loads_every_entry_with_every_field(tmp_path):
    library = load_library(write_bib(tmp_path, CLEAN))
    fields = {entry.key: [field.key for field in entry.fields] for entry in library.entries}
    assert fields == {
        "trotsky1932": ["author", "title", "publisher", "address", "year", "month"],
        "deutscher1954": ["author", "title", "journaltitle", "date", "month"],
        "serge1951": ["author", "title", "booktitle", "editor"],
        "lenin1917": ["author", "title", "chapter"],
        "marxists": ["organization", "title", "url", "urldate"],
        "pamphlet": ["title", "note"],
        "trotsky1940letter": ["title"],
    }
    assert library.failed_blocks == []


def test_values_stay_raw_but_macros_are_expanded(tmp_path):
    entries = load_library(write_bib(tmp_path, CLEAN)).entries_dict
    trotsky, deutscher = entries["trotsky1932"], entries["deutscher1954"]
    assert trotsky["publisher"] == "Harvard University Press"  # @string, whole value
    assert trotsky["address"] == '"London" # " and New York"'  # @string in a concatenation
    assert trotsky["month"] == "jan"  # month macros are left to the style
    assert trotsky["title"] == "The History of the {Russian} Revolution"  # inner braces kept
    assert trotsky["author"] == "Trotsky, Leon"  # names are not split
    assert deutscher["author"] == "Deutscher, Isaac"  # quoted value
    assert deutscher["journaltitle"] == 'Zeitschrift f{\\"u}r Geschichte'  # LaTeX not decoded
    assert entries["lenin1917"]["title"] == "Государство и революция"
    assert entries["pamphlet"]["note"] == '{Harvard University Press} # ", " # "London"'


def test_export_of_the_library_parses_on_its_own(tmp_path):
    """Written without its @string blocks, the library still parses to the same fields."""
    library = load_library(write_bib(tmp_path, CLEAN))
    text = bibtexparser.write_string(bibtexparser.Library(list(library.entries)))
    assert "@string" not in text.lower()
    exported = write_bib(tmp_path, text, name="export.bib")
    assert check_bibfile(exported) == []
    again = load_library(exported)
    assert [(e.key, e.items()) for e in again.entries] == [
        (e.key, e.items()) for e in library.entries
    ]


def test_entry_lines(tmp_path):
    path = write_bib(tmp_path, CLEAN)
    assert entry_lines(path) == {
        "trotsky1932": 7,
        "deutscher1954": 17,
        "serge1951": 24,
        "lenin1917": 30,
        "marxists": 35,
        "pamphlet": 41,
        "trotsky1940letter": 42,
    }


def test_entry_lines_of_a_broken_file_and_of_no_file(tmp_path):
    path = write_bib(
        tmp_path,
        """\
        @book{a,
          title = {Unclosed,
        }
          @misc{ b , title = {B}}
        @misc{a, title = {A again}}
        """,
    )
    assert entry_lines(path) == {"a": 1, "b": 4}
    assert entry_lines(tmp_path / "missing.bib") == {}


def test_windows_line_ends_do_not_shift_lines(tmp_path):
    path = tmp_path / "refs.bib"
    path.write_bytes(b"% c\r\n@misc{a,\r\n  title = {A},\r\n  note = undefined,\r\n}\r\n")
    assert found(path) == [("bib_unknown_macro", 4)]
    assert entry_lines(path) == {"a": 2}


# ---------------------------------------------------------------- unclosed braces


def test_unclosed_brace_is_reported_where_it_opened(tmp_path):
    path = write_bib(
        tmp_path,
        """\
        % Deutscher
        @book{deutscher1954,
          author    = {Deutscher, Isaac},
          title     = {The Prophet Armed,
          publisher = {Oxford University Press},
          year      = 1954,
        }

        @book{trotsky1932,
          author = {Trotsky, Leon},
          title  = {The History of the Russian Revolution},
          year   = 1932,
        }
        """,
    )
    problems = check_bibfile(path)
    assert [(p.code, p.line) for p in problems] == [("bib_unclosed_brace", 4)]
    assert "`title`" in problems[0].message and "`deutscher1954`" in problems[0].message
    assert naive_failures(path) == [2]  # bibtexparser blames the entry's first line


def test_unclosed_inner_brace_before_the_entrys_closing_line(tmp_path):
    path = write_bib(
        tmp_path,
        """\
        @book{a,
          author = {Trotsky, Leon},
          title  = {The {Permanent Revolution,
          year   = 1931,
        }
        @book{b, author = {B}, title = {B}, year = 1}
        """,
    )
    assert found(path) == [("bib_unclosed_brace", 3)]


def test_unclosed_brace_in_the_last_entry_of_the_file(tmp_path):
    path = write_bib(
        tmp_path,
        """\
        @misc{a, title = {A}}
        @misc{b,
          title = {B},
          note  = {unfinished
        }
        """,
    )
    assert found(path) == [("bib_unclosed_brace", 4)]


def test_entry_without_its_closing_brace(tmp_path):
    path = write_bib(
        tmp_path,
        """\
        @misc{a, title = {A}}

        @misc{b,
          title = {B},
          year  = {1932}

        @misc{c, title = {C}}
        """,
    )
    problems = check_bibfile(path)
    assert [(p.code, p.line) for p in problems] == [("bib_unclosed_brace", 3)]
    assert "`b` is never closed" in problems[0].message


def test_unclosed_quote_is_reported_where_it_opened(tmp_path):
    path = write_bib(
        tmp_path,
        """\
        @misc{a,
          note  = {fine},
          title = "Where Is Britain Going?,
          year  = "1925",
        }

        @misc{b, title = {B}}
        """,
    )
    problems = check_bibfile(path)
    assert [(p.code, p.line) for p in problems] == [("bib_syntax", 3)]
    assert "'\"'" in problems[0].message and "`title`" in problems[0].message


# ------------------------------------------------------------------ extra braces


def test_extra_brace_is_reported_at_its_line(tmp_path):
    path = write_bib(
        tmp_path,
        """\
        @book{trotsky1932,
          author    = {Trotsky, Leon},
          title     = {The History of the Russian Revolution}},
          publisher = {Gollancz},
          year      = 1932,
        }
        @misc{b, title = {B}}
        """,
    )
    problems = check_bibfile(path)
    assert [(p.code, p.line) for p in problems] == [("bib_extra_brace", 3)]
    assert "publisher, year" in problems[0].message
    assert naive_failures(path) == []  # bibtexparser drops the two fields silently


def test_extra_brace_in_the_last_field(tmp_path):
    path = write_bib(
        tmp_path,
        """\
        @misc{a,
          title = {A},
          note  = {{Gollancz}}}
        }
        """,
    )
    assert found(path) == [("bib_extra_brace", 3)]


def test_stray_closing_brace_between_entries(tmp_path):
    path = write_bib(
        tmp_path,
        """\
        @misc{a, title = {A}}
        % a comment with a { brace is fine
        Free text between entries is a comment too.

          }
        @misc{b, title = {B}}
        """,
    )
    assert found(path) == [("bib_extra_brace", 5)]


def test_extra_brace_inside_a_quoted_value(tmp_path):
    path = write_bib(
        tmp_path,
        """\
        @misc{a,
          title = {A},
          note  = "see p. 5}",
        }
        """,
    )
    assert found(path) == [("bib_extra_brace", 3)]


# ------------------------------------------------------------------ duplicate keys


def test_duplicate_key_at_the_second_definition(tmp_path):
    path = write_bib(
        tmp_path,
        """\
        @misc{trotsky1932,
          title = {One},
        }

        % the same source again
        @misc{trotsky1932,
          title = {Two},
        }
        """,
    )
    problems = check_bibfile(path)
    assert [(p.code, p.line) for p in problems] == [("bib_duplicate_key", 6)]
    assert "`trotsky1932`" in problems[0].message and "line 1" in problems[0].message


def test_duplicate_key_ignores_case_as_bibtex_does(tmp_path):
    path = write_bib(
        tmp_path,
        """\
        @misc{Trotsky1932, title = {One}}
        @misc{trotsky1932, title = {Two}}
        """,
    )
    assert found(path) == [("bib_duplicate_key", 2)]


def test_duplicate_string_macro(tmp_path):
    path = write_bib(
        tmp_path,
        """\
        @string{hup = {Harvard University Press}}
        @misc{a, title = {A}, publisher = hup}
        @string{HUP = {Harvard}}
        """,
    )
    problems = check_bibfile(path)
    assert [(p.code, p.line) for p in problems] == [("bib_duplicate_key", 3)]
    assert "@string macro `HUP`" in problems[0].message


def test_duplicate_field_at_its_second_occurrence(tmp_path):
    path = write_bib(
        tmp_path,
        """\
        @misc{a,
          title = {One},
          year  = 1932,
          Title = {Two},
        }
        """,
    )
    problems = check_bibfile(path)
    assert [(p.code, p.line) for p in problems] == [("bib_syntax", 4)]
    assert "`Title` twice" in problems[0].message and "line 2" in problems[0].message


# ------------------------------------------------------------------ macros


def test_unknown_macro_at_the_line_of_its_use(tmp_path):
    path = write_bib(
        tmp_path,
        """\
        @string{hup = {Harvard University Press}}
        @book{trotsky1932,
          author    = {Trotsky, Leon},
          title     = {The History of the Russian Revolution},
          publisher = oup,
          address   = lon # " and New York",
          year      = 1932,
          month     = Feb # {~} # dec,
          note      = hup,
        }
        """,
    )
    problems = check_bibfile(path)
    assert [(p.code, p.line) for p in problems] == [
        ("bib_unknown_macro", 5),
        ("bib_unknown_macro", 6),
    ]
    assert "`oup`" in problems[0].message and "`publisher`" in problems[0].message
    assert "`lon`" in problems[1].message and "`address`" in problems[1].message


def test_macro_defined_only_below_its_use(tmp_path):
    path = write_bib(
        tmp_path,
        """\
        @misc{a,
          title = {A},
          publisher = hup,
        }
        @string{hup = {Harvard University Press}}
        """,
    )
    problems = check_bibfile(path)
    assert [(p.code, p.line) for p in problems] == [("bib_unknown_macro", 3)]
    assert "line 5" in problems[0].message


def test_unbraced_text_is_not_taken_for_a_macro(tmp_path):
    path = write_bib(
        tmp_path,
        """\
        @misc{a,
          title = {A},
          note  = The Prophet Armed,
        }
        """,
    )
    problems = check_bibfile(path)
    assert [(p.code, p.line) for p in problems] == [("bib_syntax", 3)]
    assert "`The Prophet Armed`" in problems[0].message


# --------------------------------------------------------- other syntax faults


def test_bibtexparser_failure_at_its_block_start_line(tmp_path):
    path = write_bib(
        tmp_path,
        """\
        @misc{a, title = {A}}

        @misc{b,
          title = {B},
          year
        }
        """,
    )
    problems = check_bibfile(path)
    assert [(p.code, p.line) for p in problems] == [("bib_syntax", 3)]
    assert "`year`" in problems[0].message  # bibtexparser's own words


def test_missing_comma_between_fields(tmp_path):
    """bibtexparser takes ``{B}\\n  year = 1932`` for the title and says nothing."""
    path = write_bib(
        tmp_path,
        """\
        @misc{b,
          title = {B}
          year  = 1932,
        }
        """,
    )
    problems = check_bibfile(path)
    assert [(p.code, p.line) for p in problems] == [("bib_syntax", 3)]
    assert "`year`" in problems[0].message
    assert naive_failures(path) == []


def test_percent_does_not_comment_out_a_field(tmp_path):
    path = write_bib(
        tmp_path,
        """\
        @misc{b,
          title = {B},
          % note = {old},
        }
        """,
    )
    problems = check_bibfile(path)
    assert [(p.code, p.line) for p in problems] == [("bib_syntax", 3)]
    assert "'%'" in problems[0].message


def test_percent_does_not_comment_out_an_entry(tmp_path):
    """BibTeX has no % comments: pybtex would read this entry, so it is checked."""
    path = write_bib(
        tmp_path,
        """\
        @misc{a, title = {A}}
        % @misc{old,
        %   title = {Old},
        % }
        """,
    )
    assert found(path) == [("bib_syntax", 3)]
    assert "old" in entry_lines(path)


def test_file_that_is_not_utf8(tmp_path):
    path = tmp_path / "refs.bib"
    path.write_bytes(b"@misc{a,\n  title = {Zeitschrift f\xfcr Geschichte},\n}\n")
    assert found(path) == [("bib_syntax", 2)]


# ------------------------------------------------------------------ required fields


def test_missing_fields_at_the_entry_line(tmp_path):
    path = write_bib(
        tmp_path,
        """\
        % publisher is not required of a book
        @book{trotsky1932,
          author = {Trotsky, Leon},
          title  = {The History of the Russian Revolution},
        }
        @article{deutscher1954,
          title   = {The Prophet Armed},
          journal = {},
          year    = 1954,
        }
        @unpublished{notes, author = {Serge, Victor}}
        @inbook{lenin1917, author = {Lenin}, title = {State and Revolution}, chapter = 3}
        """,
    )
    problems = check_bibfile(path)
    assert [(p.code, p.line) for p in problems] == [
        ("bib_missing_field", 2),
        ("bib_missing_field", 6),
        ("bib_missing_field", 11),
    ]
    assert "`trotsky1932`" in problems[0].message and "year (or date)" in problems[0].message
    assert "author" in problems[1].message and "journal (or journaltitle)" in problems[1].message
    assert "`notes`" in problems[2].message and "title" in problems[2].message


def test_missing_field_message_names_the_alternatives(tmp_path):
    path = write_bib(tmp_path, "@book{wp, title = {February Revolution}}\n")
    (problem,) = check_bibfile(path)
    assert problem.message == "entry `wp` (@book) has no author (or editor); year (or date)"


def test_required_fields_table():
    assert REQUIRED_FIELDS["book"] == [("author", "editor"), ("title",), ("year", "date")]
    assert "publisher" not in {name for alts in REQUIRED_FIELDS["book"] for name in alts}
    assert REQUIRED_FIELDS["misc"] == [("title",)]


def test_no_missing_field_noise_from_a_broken_entry(tmp_path):
    """The fields an extra '}' cuts off are not reported as missing on top."""
    path = write_bib(
        tmp_path,
        """\
        @book{a,
          title  = {A}},
          author = {X},
          year   = 1932,
        }
        """,
    )
    assert found(path) == [("bib_extra_brace", 2)]


# ------------------------------------------------------------------ several faults


def test_two_different_faults_are_both_reported_in_line_order(tmp_path):
    path = write_bib(
        tmp_path,
        """\
        @book{trotsky1932,
          author = {Trotsky, Leon},
          title  = {The History of the Russian Revolution}},
          year   = 1932,
        }
        @misc{serge1951,
          title     = {Memoirs of a Revolutionary,
          publisher = {Oxford University Press},
        }
        @misc{trotsky1932, title = {Again}, note = unknown}
        """,
    )
    assert found(path) == [
        ("bib_extra_brace", 3),
        ("bib_unclosed_brace", 7),
        ("bib_duplicate_key", 10),
        ("bib_unknown_macro", 10),
    ]


# ------------------------------------------------------------------ the file itself


def test_missing_file(tmp_path):
    path = tmp_path / "refs.bib"
    problems = check_bibfile(path)
    assert [(p.code, p.file, p.line) for p in problems] == [("bib_missing_file", str(path), 0)]


def test_load_library_raises_with_every_problem(tmp_path):
    path = write_bib(
        tmp_path,
        """\
        @misc{a, title = {A}, note = nomacro}
        @misc{a, title = {B}}
        """,
    )
    with pytest.raises(BibFileError) as caught:
        load_library(path)
    problems = caught.value.problems
    assert [(p.code, p.line) for p in problems] == [
        ("bib_unknown_macro", 1),
        ("bib_duplicate_key", 2),
    ]
    assert str(caught.value).splitlines() == [str(p) for p in problems]
    assert all(p.file == str(path) for p in problems)
    with pytest.raises(BibFileError):
        load_library(tmp_path / "missing.bib")


def test_unsafe_urls_in_every_spelling(tmp_path):
    path = write_bib(
        tmp_path,
        """\
        @string{js = "javascript:alert(1)"}
        @online{evil1, title = {Evil}, url = js}

        @online{evil2, title = {Evil},
          url =
              {javascript:alert(2)},
        }

        @online{evil3, title = {Evil}, url = {https://example.org/}, note = {\\url{file:///etc}}}
        @online{fine, title = {Fine}, url = {https://example.org/x}, doi = {10.1000/xyz123}}
        """,
    )
    problems = [(p.code, p.line) for p in check_bibfile(path)]
    assert problems == [("bib_unsafe_url", 2), ("bib_unsafe_url", 5), ("bib_unsafe_url", 9)]
