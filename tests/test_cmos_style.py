"""Unit tests of the CMOS 18 notes-bibliography pybtex style (reader.styles.cmos).

Every expected string is written out from the CMOS rules (notes: names in natural order,
elements separated by commas, facts of publication in parentheses; bibliography: first
name inverted, elements separated by periods), not copied from the style's output.
"""

from __future__ import annotations

import re

import pytest
from pybtex.database import Entry, parse_string
from pybtex.plugin import find_plugin
from pybtex.style.template import FieldIsMissing

from reader.styles.cmos import ChicagoNotesStyle, ChicagoSortingStyle, MissingFieldError

TROTSKY = r"""
@book{trotsky1932,
  author     = {Trotsky, Leon},
  title      = {The History of the Russian Revolution},
  translator = {Eastman, Max},
  volumes    = {3},
  address    = {London},
  publisher  = {Victor Gollancz},
  year       = {1932--33},
  origtitle  = {История русской революции},
  origdate   = {1930},
  note       = {Not printed anywhere.},
}
"""

LENIN = r"""
@incollection{lenin1917,
  author    = {Lenin, V. I.},
  title     = {Can the Bolsheviks Retain State Power?},
  booktitle = {Collected Works},
  volume    = {26},
  pages     = {87-136},
  address   = {Moscow},
  publisher = {Progress Publishers},
  year      = {1964},
}
"""

# A work in collected works: origdate is when the piece was written or first published.
LENIN_DUAL = r"""
@incollection{lenin1964cw24dual,
  author    = {Lenin, V. I.},
  title     = {The Dual Power},
  booktitle = {Collected Works},
  volume    = {24},
  editor    = {Isaacs, Bernard},
  publisher = {Progress Publishers},
  address   = {Moscow},
  year      = {1964},
  pages     = {38--41},
  origdate  = {1917},
}
"""

LENIN_TRANSLATED = r"""
@incollection{lenin1964cw26,
  author     = {Lenin, V. I.},
  title      = {Can the Bolsheviks Retain State Power?},
  booktitle  = {Collected Works},
  volume     = {26},
  editor     = {Hanna, George},
  translator = {Sdobnikov, Yuri and Hanna, George},
  publisher  = {Progress Publishers},
  address    = {Moscow},
  year       = {1964},
  pages      = {87--136},
  origdate   = {1917},
}
"""

# A speech dated to the day, in a volume whose year and publisher are not given.
LENIN_SPEECH = r"""
@incollection{lenin1918seventh,
  author    = {Lenin, V. I.},
  title     = {Political Report of the Central Committee, March 7},
  booktitle = {Collected Works},
  volume    = {27},
  origdate  = {1918-03-07},
  url       = {https://www.marxists.org/archive/lenin/works/1918/7thcong/01.htm},
}
"""

HAIMSON = r"""
@article{haimson1964,
  author     = {Haimson, Leopold},
  title      = {The Problem of Social Stability in Urban Russia, 1905--1917},
  shorttitle = {Social Stability in Urban Russia},
  journal    = {Slavic Review},
  volume     = {23},
  number     = {4},
  date       = {1964-12},
  pages      = {619--642},
}
"""

SERGE = r"""
@online{serge1937,
  author       = {Serge, Victor},
  title        = {From Lenin to Stalin},
  organization = {Marxists Internet Archive},
  url          = {https://www.marxists.org/archive/serge/1937/lenin-stalin/},
  urldate      = {2026-11-25},
}
"""

CYRILLIC = r"""
@book{trotsky1930,
  author    = {Троцкий, Лев},
  title     = {Моя жизнь: Опыт автобиографии},
  volume    = {1},
  address   = {Берлин},
  publisher = {Гранит},
  year      = {1930},
}
"""

LATEX_ESCAPED = r"""
@book{mueller2001,
  author    = {M{\"u}ller, J{\"o}rg and Fabergé, Tatiana},
  title     = {Carl Faberg\'{e} and the {\'E}migr{\'e}s},
  edition   = {2},
  address   = {K{\"o}ln},
  publisher = {Insel},
  year      = {2001},
}
"""

SPECIAL_CHARACTERS = r"""
@book{doe2000,
  author    = {Doe, Jane},
  title     = {Profit \& Loss: 100\% of Issue \#5 in snake\_case},
  publisher = {Penguin},
  year      = {2000},
}
"""


def entry(bibtex: str) -> Entry:
    """The single entry of a small BibTeX string."""
    (parsed,) = parse_string(bibtex, "bibtex").entries.values()
    return parsed


@pytest.fixture(scope="module")
def style() -> ChicagoNotesStyle:
    return ChicagoNotesStyle()


def bibliography(style: ChicagoNotesStyle, bibtex: str, backend: str = "text") -> str:
    return style.format_entry("1", entry(bibtex)).text.render_as(backend)


# --- plugin


def test_entry_point_finds_the_style() -> None:
    assert find_plugin("pybtex.style.formatting", "cmos") is ChicagoNotesStyle


def test_default_sorting_is_the_cmos_sorting() -> None:
    assert isinstance(ChicagoNotesStyle().sorting_style, ChicagoSortingStyle)


# --- a translated multivolume book


def test_translated_multivolume_book_full_note(style: ChicagoNotesStyle) -> None:
    # CMOS notes omit the original title; "trans." and "3 vols." precede the parentheses.
    assert style.full_note(entry(TROTSKY), "1:45").render_as("text") == (
        "Leon Trotsky, The History of the Russian Revolution, trans. Max Eastman, "
        "3 vols. (London: Victor Gollancz, 1932–33), 1:45."
    )


def test_translated_multivolume_book_full_note_with_volume_and_chapter(
    style: ChicagoNotesStyle,
) -> None:
    assert style.full_note(entry(TROTSKY), "vol. 1, ch. 7").render_as("html") == (
        "Leon Trotsky, <em>The History of the Russian Revolution</em>, trans. Max Eastman, "
        "3 vols. (London: Victor Gollancz, 1932–33), vol. 1, ch. 7."
    )


def test_translated_multivolume_book_short_note(style: ChicagoNotesStyle) -> None:
    note = style.short_note(entry(TROTSKY), "vol. 1, ch. 7")
    assert note.render_as("text") == "Trotsky, History of the Russian Revolution, vol. 1, ch. 7."
    assert note.render_as("html") == (
        "Trotsky, <em>History of the Russian Revolution</em>, vol. 1, ch. 7."
    )


def test_translated_multivolume_book_bibliography(style: ChicagoNotesStyle) -> None:
    assert bibliography(style, TROTSKY) == (
        "Trotsky, Leon. The History of the Russian Revolution. Translated by Max Eastman. "
        "3 vols. London: Victor Gollancz, 1932–33. "
        "Originally published as История русской революции (1930)."
    )
    assert bibliography(style, TROTSKY, "html") == (
        "Trotsky, Leon. <em>The History of the Russian Revolution</em>. Translated by Max "
        "Eastman. 3 vols. London: Victor Gollancz, 1932–33. "
        "Originally published as <em>История русской революции</em> (1930)."
    )


def test_note_field_is_not_printed(style: ChicagoNotesStyle) -> None:
    trotsky = entry(TROTSKY)
    for text in (style.full_note(trotsky), style.short_note(trotsky)):
        assert "Not printed" not in text.render_as("text")
    assert "Not printed" not in bibliography(style, TROTSKY)


def test_reprint_gives_original_date_and_repr(style: ChicagoNotesStyle) -> None:
    austen = entry(
        r"""@book{austen, author = {Austen, Jane}, title = {Pride and Prejudice},
        origdate = {1813}, address = {New York}, publisher = {Penguin Classics},
        year = {2014}}"""
    )
    assert style.full_note(austen, "p. 5").render_as("text") == (
        "Jane Austen, Pride and Prejudice (1813; repr., New York: Penguin Classics, 2014), 5."
    )
    assert style.format_entry("", austen).text.render_as("text") == (
        "Austen, Jane. Pride and Prejudice. 1813. Reprint, New York: Penguin Classics, 2014."
    )


# --- a chapter in collected works


def test_chapter_full_note_without_locator_gives_page_range(style: ChicagoNotesStyle) -> None:
    # The title ends in "?": CMOS drops the comma that would follow it.
    assert style.full_note(entry(LENIN)).render_as("text") == (
        "V. I. Lenin, “Can the Bolsheviks Retain State Power?” in Collected Works, vol. 26 "
        "(Moscow: Progress Publishers, 1964), 87–136."
    )


def test_chapter_full_note_locator_replaces_page_range(style: ChicagoNotesStyle) -> None:
    assert style.full_note(entry(LENIN), "p. 102").render_as("html") == (
        "V. I. Lenin, “Can the Bolsheviks Retain State Power?” in <em>Collected Works</em>, "
        "vol. 26 (Moscow: Progress Publishers, 1964), 102."
    )


def test_chapter_short_note(style: ChicagoNotesStyle) -> None:
    assert style.short_note(entry(LENIN), "pp. 102-4").render_as("text") == (
        "Lenin, “Can the Bolsheviks Retain State Power?” 102–4."
    )


def test_chapter_bibliography(style: ChicagoNotesStyle) -> None:
    assert bibliography(style, LENIN) == (
        "Lenin, V. I. “Can the Bolsheviks Retain State Power?” In Collected Works, vol. 26, "
        "87–136. Moscow: Progress Publishers, 1964."
    )


@pytest.mark.parametrize("pages", ["87-136", "87--136", "87 -- 136"])
def test_page_ranges_get_an_en_dash(style: ChicagoNotesStyle, pages: str) -> None:
    bibtex = LENIN.replace("{87-136}", "{" + pages + "}")
    assert "In Collected Works, vol. 26, 87–136. Moscow" in bibliography(style, bibtex)


# --- a work in collected works, dated by origdate


def test_collected_work_full_note_dates_the_piece(style: ChicagoNotesStyle) -> None:
    # CMOS: the original date follows the title of the piece; the facts of publication
    # are those of the collected works, with no "repr.".
    assert style.full_note(entry(LENIN_DUAL)).render_as("text") == (
        "V. I. Lenin, “The Dual Power” (1917), in Collected Works, ed. Bernard Isaacs, "
        "vol. 24 (Moscow: Progress Publishers, 1964), 38–41."
    )
    assert style.full_note(entry(LENIN_DUAL), "p. 39").render_as("html") == (
        "V. I. Lenin, “The Dual Power” (1917), in <em>Collected Works</em>, ed. Bernard "
        "Isaacs, vol. 24 (Moscow: Progress Publishers, 1964), 39."
    )


def test_collected_work_short_note_has_no_date(style: ChicagoNotesStyle) -> None:
    assert style.short_note(entry(LENIN_DUAL), "p. 39").render_as("text") == (
        "Lenin, “Dual Power,” 39."
    )


def test_collected_work_bibliography_dates_the_piece(style: ChicagoNotesStyle) -> None:
    assert bibliography(style, LENIN_DUAL) == (
        "Lenin, V. I. “The Dual Power” (1917). In Collected Works, edited by Bernard Isaacs, "
        "vol. 24, 38–41. Moscow: Progress Publishers, 1964."
    )
    assert bibliography(style, LENIN_DUAL, "html") == (
        "Lenin, V. I. “The Dual Power” (1917). In <em>Collected Works</em>, edited by "
        "Bernard Isaacs, vol. 24, 38–41. Moscow: Progress Publishers, 1964."
    )


def test_collected_work_with_editor_and_translators(style: ChicagoNotesStyle) -> None:
    # The comma after the date stays: the title's "?" no longer ends the element.
    translated = entry(LENIN_TRANSLATED)
    assert style.full_note(translated, "p. 102").render_as("text") == (
        "V. I. Lenin, “Can the Bolsheviks Retain State Power?” (1917), in Collected Works, "
        "ed. George Hanna, trans. Yuri Sdobnikov and George Hanna, vol. 26 "
        "(Moscow: Progress Publishers, 1964), 102."
    )
    assert style.short_note(translated, "p. 102").render_as("text") == (
        "Lenin, “Can the Bolsheviks Retain State Power?” 102."
    )
    assert bibliography(style, LENIN_TRANSLATED) == (
        "Lenin, V. I. “Can the Bolsheviks Retain State Power?” (1917). In Collected Works, "
        "edited by George Hanna, translated by Yuri Sdobnikov and George Hanna, vol. 26, "
        "87–136. Moscow: Progress Publishers, 1964."
    )


def test_collected_work_dated_to_the_day_without_facts_of_publication(
    style: ChicagoNotesStyle,
) -> None:
    # A full ISO origdate is spelled out; with neither place, publisher nor year for the
    # volume, no facts of publication are printed (no "n.d.", no empty parentheses).
    url = "https://www.marxists.org/archive/lenin/works/1918/7thcong/01.htm"
    speech = entry(LENIN_SPEECH)
    assert style.full_note(speech).render_as("text") == (
        "V. I. Lenin, “Political Report of the Central Committee, March 7” (7 March 1918), "
        f"in Collected Works, vol. 27, {url}."
    )
    assert style.short_note(speech).render_as("text") == (
        "Lenin, “Political Report of the Central Committee, March 7.”"
    )
    assert bibliography(style, LENIN_SPEECH) == (
        "Lenin, V. I. “Political Report of the Central Committee, March 7” (7 March 1918). "
        f"In Collected Works, vol. 27. {url}."
    )


def test_collected_work_with_publisher_but_no_year_is_nd(style: ChicagoNotesStyle) -> None:
    # A publisher is given, so a date is expected: "n.d." stands in for it.
    bibtex = LENIN_DUAL.replace("  year      = {1964},\n", "")
    assert style.full_note(entry(bibtex)).render_as("text") == (
        "V. I. Lenin, “The Dual Power” (1917), in Collected Works, ed. Bernard Isaacs, "
        "vol. 24 (Moscow: Progress Publishers, n.d.), 38–41."
    )
    assert bibliography(style, bibtex) == (
        "Lenin, V. I. “The Dual Power” (1917). In Collected Works, edited by Bernard Isaacs, "
        "vol. 24, 38–41. Moscow: Progress Publishers, n.d."
    )


def test_undated_chapter_without_origdate_is_nd(style: ChicagoNotesStyle) -> None:
    # Nothing dates the work at all: "n.d." is kept.
    bibtex = LENIN_SPEECH.replace("  origdate  = {1918-03-07},\n", "")
    assert (
        style.full_note(entry(bibtex))
        .render_as("text")
        .startswith(
            "V. I. Lenin, “Political Report of the Central Committee, March 7,” in Collected "
            "Works, vol. 27 (n.d.), https://"
        )
    )


def test_translated_piece_keeps_originally_published_as(style: ChicagoNotesStyle) -> None:
    # With origtitle, origdate belongs to the original, as for books.
    chapter = entry(
        r"""@incollection{lux, author = {Luxemburg, Rosa}, title = {The Russian Tragedy},
        booktitle = {Selected Writings}, publisher = {Verso}, year = {2000},
        origtitle = {Die russische Tragödie}, origdate = {1918}}"""
    )
    assert style.full_note(chapter).render_as("text") == (
        "Rosa Luxemburg, “The Russian Tragedy,” in Selected Writings (Verso, 2000)."
    )
    assert style.format_entry("", chapter).text.render_as("text") == (
        "Luxemburg, Rosa. “The Russian Tragedy.” In Selected Writings. Verso, 2000. "
        "Originally published as “Die russische Tragödie” (1918)."
    )


def test_book_with_origdate_is_still_a_reprint(style: ChicagoNotesStyle) -> None:
    book = entry(
        r"""@book{lenin1917, author = {Lenin, V. I.}, title = {The State and Revolution},
        origdate = {1917-08}, address = {London}, publisher = {Penguin}, year = {1992}}"""
    )
    assert style.full_note(book, "p. 9").render_as("text") == (
        "V. I. Lenin, The State and Revolution (1917; repr., London: Penguin, 1992), 9."
    )
    assert style.format_entry("", book).text.render_as("text") == (
        "Lenin, V. I. The State and Revolution. 1917. Reprint, London: Penguin, 1992."
    )


# --- a journal article


def test_article_full_note(style: ChicagoNotesStyle) -> None:
    # The comma goes inside the closing quotation mark; the cited page replaces the range.
    assert style.full_note(entry(HAIMSON), "p. 625").render_as("text") == (
        "Leopold Haimson, “The Problem of Social Stability in Urban Russia, 1905–1917,” "
        "Slavic Review 23, no. 4 (December 1964): 625."
    )


def test_article_short_note_uses_shorttitle(style: ChicagoNotesStyle) -> None:
    assert style.short_note(entry(HAIMSON), "pp. 630-31").render_as("text") == (
        "Haimson, “Social Stability in Urban Russia,” 630–31."
    )


def test_article_bibliography(style: ChicagoNotesStyle) -> None:
    assert bibliography(style, HAIMSON) == (
        "Haimson, Leopold. “The Problem of Social Stability in Urban Russia, 1905–1917.” "
        "Slavic Review 23, no. 4 (December 1964): 619–642."
    )
    assert bibliography(style, HAIMSON, "html") == (
        "Haimson, Leopold. “The Problem of Social Stability in Urban Russia, 1905–1917.” "
        "<em>Slavic Review</em> 23, no. 4 (December 1964): 619–642."
    )


def test_article_with_issue_number_only(style: ChicagoNotesStyle) -> None:
    luxemburg = r"""@article{lux1918, author = {Luxemburg, Rosa}, title = {The Russian Tragedy},
        journal = {Spartacus}, number = {11}, year = {1918}}"""
    assert style.full_note(entry(luxemburg), "p. 3").render_as("text") == (
        "Rosa Luxemburg, “The Russian Tragedy,” Spartacus, no. 11 (1918): 3."
    )
    assert bibliography(style, luxemburg) == (
        "Luxemburg, Rosa. “The Russian Tragedy.” Spartacus, no. 11 (1918)."
    )


def test_article_title_keeps_its_case_and_inner_markup(style: ChicagoNotesStyle) -> None:
    # pybtex's own styles lower-case article titles; CMOS keeps title case.  A book title
    # inside an article title is italic; inner double quotation marks become single, and
    # the comma goes inside both.
    article = entry(
        r"""@article{doe1978, author = {Doe, Jane},
        title = {Reading \emph{Capital} and ``Primitive Accumulation''},
        journal = {History Workshop}, volume = {5}, year = {1978}, pages = {1--20}}"""
    )
    assert style.full_note(article).render_as("html") == (
        "Jane Doe, “Reading <em>Capital</em> and ‘Primitive Accumulation,’” "
        "<em>History Workshop</em> 5 (1978): 1–20."
    )


# --- online, newspaper, thesis


def test_online_full_note(style: ChicagoNotesStyle) -> None:
    assert style.full_note(entry(SERGE)).render_as("text") == (
        "Victor Serge, “From Lenin to Stalin,” Marxists Internet Archive, accessed "
        "25 November 2026, https://www.marxists.org/archive/serge/1937/lenin-stalin/."
    )


def test_online_bibliography_links_the_url(style: ChicagoNotesStyle) -> None:
    url = "https://www.marxists.org/archive/serge/1937/lenin-stalin/"
    assert bibliography(style, SERGE) == (
        "Serge, Victor. “From Lenin to Stalin.” Marxists Internet Archive. "
        f"Accessed 25 November 2026. {url}."
    )
    assert bibliography(style, SERGE, "html").endswith(f'<a href="{url}">{url}</a>.')
    assert bibliography(style, SERGE, "latex").endswith(f"\\url{{{url}}}.")


def test_unsigned_web_page_bibliography_begins_with_the_site(style: ChicagoNotesStyle) -> None:
    # CMOS: the owner of a site may stand in for a missing author in the bibliography;
    # the note begins with the title.
    url = "https://en.wikipedia.org/wiki/February_Revolution"
    page = r"""@online{wpfebruary, title = {February Revolution}, publisher = {Wikipedia},
        url = {https://en.wikipedia.org/wiki/February_Revolution}}"""
    assert style.full_note(entry(page)).render_as("text") == (
        f"“February Revolution,” Wikipedia, {url}."
    )
    assert style.short_note(entry(page)).render_as("text") == "“February Revolution.”"
    assert bibliography(style, page) == f"Wikipedia. “February Revolution.” {url}."
    dated = page.replace("publisher", "urldate = {2026-11-25}, date = {2025-02-20}, publisher")
    assert bibliography(style, dated) == (
        f"Wikipedia. “February Revolution.” 20 February 2025. Accessed 25 November 2026. {url}."
    )


def test_unsigned_web_page_without_site_begins_with_the_title(style: ChicagoNotesStyle) -> None:
    page = r"""@online{page, title = {Order No. 1}, url = {https://example.org/order}}"""
    assert bibliography(style, page) == "“Order No. 1.” https://example.org/order."


def test_online_without_url_is_an_error(style: ChicagoNotesStyle) -> None:
    without_url = SERGE.replace(
        "url          = {https://www.marxists.org/archive/serge/1937/lenin-stalin/},", ""
    )
    with pytest.raises(MissingFieldError) as caught:
        style.full_note(entry(without_url))
    assert caught.value.field_name == "url"


def test_unsigned_newspaper_article(style: ChicagoNotesStyle) -> None:
    # No author: the note begins with the headline; in the bibliography the newspaper
    # stands in the author's place.
    decree = entry(
        r"""@article{decree1917, title = {Decree on Peace}, journal = {Izvestiia},
        entrysubtype = {newspaper}, date = {1917-11-09}}"""
    )
    assert style.full_note(decree).render_as("text") == (
        "“Decree on Peace,” Izvestiia, 9 November 1917."
    )
    assert style.format_entry("", decree).text.render_as("text") == (
        "Izvestiia. “Decree on Peace.” 9 November 1917."
    )


def test_thesis(style: ChicagoNotesStyle) -> None:
    thesis = entry(
        r"""@phdthesis{smith1990, author = {Smith, Anna}, title = {The Petrograd Soviet},
        school = {University of Chicago}, year = {1990}}"""
    )
    assert style.full_note(thesis, "p. 7").render_as("text") == (
        "Anna Smith, “The Petrograd Soviet” (PhD diss., University of Chicago, 1990), 7."
    )
    assert style.short_note(thesis, "p. 8").render_as("text") == "Smith, “Petrograd Soviet,” 8."
    assert style.format_entry("", thesis).text.render_as("text") == (
        "Smith, Anna. “The Petrograd Soviet.” PhD diss., University of Chicago, 1990."
    )


# --- scripts and escapes


def test_cyrillic_entry(style: ChicagoNotesStyle) -> None:
    cyrillic = entry(CYRILLIC)
    assert style.full_note(cyrillic, "p. 45").render_as("text") == (
        "Лев Троцкий, Моя жизнь: Опыт автобиографии, vol. 1 (Берлин: Гранит, 1930), 45."
    )
    assert style.short_note(cyrillic, "p. 45").render_as("text") == "Троцкий, Моя жизнь, 45."
    assert bibliography(style, CYRILLIC) == (
        "Троцкий, Лев. Моя жизнь: Опыт автобиографии. Vol. 1. Берлин: Гранит, 1930."
    )


def test_latex_escaped_entry(style: ChicagoNotesStyle) -> None:
    escaped = entry(LATEX_ESCAPED)
    expected_note = (
        "Jörg Müller and Tatiana Fabergé, Carl Fabergé and the Émigrés, 2nd ed. "
        "(Köln: Insel, 2001), 12."
    )
    assert style.full_note(escaped, "p. 12").render_as("text") == expected_note
    # Braces that only held an accent leave no trace in HTML.
    assert style.full_note(escaped, "p. 12").render_as("html") == (
        "Jörg Müller and Tatiana Fabergé, <em>Carl Fabergé and the Émigrés</em>, 2nd ed. "
        "(Köln: Insel, 2001), 12."
    )
    assert bibliography(style, LATEX_ESCAPED) == (
        "Müller, Jörg, and Tatiana Fabergé. Carl Fabergé and the Émigrés. 2nd ed. "
        "Köln: Insel, 2001."
    )


def test_special_characters_are_escaped_by_the_backends(style: ChicagoNotesStyle) -> None:
    assert bibliography(style, SPECIAL_CHARACTERS, "text") == (
        "Doe, Jane. Profit & Loss: 100% of Issue #5 in snake_case. Penguin, 2000."
    )
    assert bibliography(style, SPECIAL_CHARACTERS, "latex") == (
        r"Doe, Jane. \emph{Profit \& Loss: 100\% of Issue \#5 in snake\_case}. Penguin, 2000."
    )
    assert bibliography(style, SPECIAL_CHARACTERS, "html") == (
        "Doe, Jane. <em>Profit &amp; Loss: 100% of Issue #5 in snake_case</em>. Penguin, 2000."
    )


HOSTILE = r"""
@online{hostile,
  author = {Doe, Jane},
  title  = {Dollars \$ and {braces} \textbackslash{} <b>bold</b>},
  url    = {https://example.org/a"><script>alert(1)</script>},
  year   = {2001},
}
"""


def test_the_editions_backends_escape_everything_including_addresses(
    style: ChicagoNotesStyle,
) -> None:
    from reader.builders.latex_book import latex_text
    from reader.styles import plugins

    note = style.full_note(entry(HOSTILE), "")
    html = note.render(plugins.backend("html"))
    assert "<script>" not in html and "<b>" not in html
    assert 'href="https://example.org/a&quot;&gt;&lt;script&gt;' in html
    latex = latex_text(note)
    # no unescaped $ and no command but the formatting's own
    assert "\\$" in latex and "$" not in latex.replace("\\$", "")
    assert set(re.findall(r"\\([a-z]+)", latex)) <= {"href", "emph", "textbackslash"}


# --- editions and editors


@pytest.mark.parametrize(
    ("edition", "in_note", "in_bibliography"),
    [
        ("2", "2nd ed.", "2nd ed."),
        ("3", "3rd ed.", "3rd ed."),
        ("11", "11th ed.", "11th ed."),
        ("21", "21st ed.", "21st ed."),
        ("second", "2nd ed.", "2nd ed."),
        ("rev. ed.", "rev. ed.", "Rev. ed."),
    ],
)
def test_edition(
    style: ChicagoNotesStyle, edition: str, in_note: str, in_bibliography: str
) -> None:
    book = (
        r"@book{daniels1993, editor = {Daniels, Robert V.}, "
        r"title = {A Documentary History of Communism}, edition = {" + edition + "}, "
        r"address = {Hanover, NH}, publisher = {University Press of New England}, year = {1993}}"
    )
    assert style.full_note(entry(book), "p. 12").render_as("text") == (
        f"Robert V. Daniels, ed., A Documentary History of Communism, {in_note} "
        "(Hanover, NH: University Press of New England, 1993), 12."
    )
    assert bibliography(style, book) == (
        f"Daniels, Robert V., ed. A Documentary History of Communism. {in_bibliography} "
        "Hanover, NH: University Press of New England, 1993."
    )
    # The short note leaves out "ed." and the initial article of the title.
    assert style.short_note(entry(book), "p. 12").render_as("text") == (
        "Daniels, Documentary History of Communism, 12."
    )


def test_editor_and_translator_the_same_person(style: ChicagoNotesStyle) -> None:
    book = entry(
        r"""@book{lenin2006, author = {Lenin, V. I.},
        title = {What Is to Be Done? Burning Questions of Our Movement},
        editor = {Lih, Lars T.}, translator = {Lih, Lars T.},
        address = {Leiden}, publisher = {Brill}, year = {2006}}"""
    )
    assert style.full_note(book, "p. 9").render_as("text") == (
        "V. I. Lenin, What Is to Be Done? Burning Questions of Our Movement, "
        "ed. and trans. Lars T. Lih (Leiden: Brill, 2006), 9."
    )
    # The short title stops after the question mark, which then ends the note.
    assert style.short_note(book).render_as("text") == "Lenin, What Is to Be Done?"
    assert style.format_entry("", book).text.render_as("text") == (
        "Lenin, V. I. What Is to Be Done? Burning Questions of Our Movement. "
        "Edited and translated by Lars T. Lih. Leiden: Brill, 2006."
    )


# --- locators


@pytest.mark.parametrize(
    ("locator", "printed"),
    [
        ("p. 12", "12"),
        ("pp. 40–44", "40–44"),
        ("pp. 40-44", "40–44"),
        ("ch. 3", "ch. 3"),
        ("vol. 1, ch. 7", "vol. 1, ch. 7"),
        ("2:117", "2:117"),
    ],
)
def test_locators_in_full_and_short_notes(
    style: ChicagoNotesStyle, locator: str, printed: str
) -> None:
    trotsky = entry(TROTSKY)
    assert (
        style.full_note(trotsky, locator)
        .render_as("text")
        .endswith(f"(London: Victor Gollancz, 1932–33), {printed}.")
    )
    assert style.short_note(trotsky, locator).render_as("text") == (
        f"Trotsky, History of the Russian Revolution, {printed}."
    )


@pytest.mark.parametrize("locator", ["", None])
def test_no_locator(style: ChicagoNotesStyle, locator: str | None) -> None:
    trotsky = entry(TROTSKY)
    assert style.full_note(trotsky, locator).render_as("text").endswith("1932–33).")
    assert style.short_note(trotsky, locator).render_as("text") == (
        "Trotsky, History of the Russian Revolution."
    )


# --- names


def test_three_authors(style: ChicagoNotesStyle) -> None:
    # CMOS 18: three or more authors are "First et al." in notes, all named (up to six)
    # in the bibliography.
    book = entry(
        r"""@book{esposito2015, author = {Esposito, John and Fasching, Darrell and Lewis, Todd},
        title = {World Religions Today}, publisher = {Oxford University Press}, year = {2015}}"""
    )
    assert style.full_note(book, "p. 522").render_as("text") == (
        "John Esposito et al., World Religions Today (Oxford University Press, 2015), 522."
    )
    assert style.short_note(book, "p. 545").render_as("text") == (
        "Esposito et al., World Religions Today, 545."
    )
    assert style.format_entry("", book).text.render_as("text") == (
        "Esposito, John, Darrell Fasching, and Todd Lewis. World Religions Today. "
        "Oxford University Press, 2015."
    )


def test_two_authors(style: ChicagoNotesStyle) -> None:
    book = entry(
        r"""@book{rocha2011, author = {Rocha, Cristina and Barker, Michelle},
        title = {Buddhism in Australia: Traditions in Change}, publisher = {Routledge},
        year = {2011}}"""
    )
    assert style.full_note(book, "p. 103").render_as("text") == (
        "Cristina Rocha and Michelle Barker, Buddhism in Australia: Traditions in Change "
        "(Routledge, 2011), 103."
    )
    assert style.short_note(book, "p. 151").render_as("text") == (
        "Rocha and Barker, Buddhism in Australia, 151."
    )
    assert style.format_entry("", book).text.render_as("text") == (
        "Rocha, Cristina, and Michelle Barker. Buddhism in Australia: Traditions in Change. "
        "Routledge, 2011."
    )


def test_seven_authors_in_bibliography(style: ChicagoNotesStyle) -> None:
    names = " and ".join(f"Author{n}, Given{n}" for n in range(1, 8))
    book = entry(f"@book{{many, author = {{{names}}}, title = {{Many}}, year = {{2000}}}}")
    assert style.format_entry("", book).text.render_as("text") == (
        "Author1, Given1, Given2 Author2, Given3 Author3, et al. Many. 2000."
    )


def test_name_particles_and_suffixes(style: ChicagoNotesStyle) -> None:
    book = entry(
        r"""@book{king1963, author = {King, Jr., Martin Luther and {Southern Christian
        Leadership Conference}}, title = {Why We Can't Wait}, publisher = {Harper},
        year = {1964}}"""
    )
    assert style.full_note(book).render_as("html") == (
        "Martin Luther King Jr. and Southern Christian Leadership Conference, "
        "<em>Why We Can't Wait</em> (Harper, 1964)."
    )
    assert style.format_entry("", book).text.render_as("text") == (
        "King, Martin Luther, Jr., and Southern Christian Leadership Conference. "
        "Why We Can't Wait. Harper, 1964."
    )


# --- errors


def test_missing_title_is_an_error(style: ChicagoNotesStyle) -> None:
    untitled = entry("@book{untitled, author = {Trotsky, Leon}, year = {1932}}")
    for render in (
        lambda: style.full_note(untitled),
        lambda: style.short_note(untitled),
        lambda: style.format_entry("", untitled),
    ):
        with pytest.raises(MissingFieldError) as caught:
            render()
        assert caught.value.key == "untitled"
        assert caught.value.field_name == "title"
        assert isinstance(caught.value, FieldIsMissing)  # what sphinxcontrib-bibtex catches
        assert "untitled" in str(caught.value) and "title" in str(caught.value)


def test_book_without_author_or_editor_is_cited_by_its_title(style: ChicagoNotesStyle) -> None:
    anonymous = entry(
        "@book{anon, title = {Anonymous Pamphlet}, publisher = {Reader Project}, year = {1917}}"
    )
    assert style.full_note(anonymous).render_as("text") == (
        "Anonymous Pamphlet (Reader Project, 1917)."
    )
    assert style.format_entry("", anonymous).text.render_as("text") == (
        "Anonymous Pamphlet. Reader Project, 1917."
    )


def test_article_without_author_is_an_error(style: ChicagoNotesStyle) -> None:
    anonymous = entry("@article{a, title = {T}, journal = {J}, year = {1917}}")
    with pytest.raises(MissingFieldError, match="author or editor"):
        style.full_note(anonymous)


def test_article_without_journal_is_an_error(style: ChicagoNotesStyle) -> None:
    article = entry("@article{a, author = {Doe, Jane}, title = {T}, year = {1917}}")
    with pytest.raises(MissingFieldError) as caught:
        style.full_note(article)
    assert caught.value.field_name == "journaltitle"


def test_nothing_prints_none(style: ChicagoNotesStyle) -> None:
    bare = entry("@misc{bare, author = {Doe, Jane}, title = {Leaflet}}")
    for text in (
        style.full_note(bare),
        style.short_note(bare),
        style.format_entry("", bare).text,
    ):
        assert "None" not in text.render_as("text")
    assert style.full_note(bare).render_as("text") == "Jane Doe, Leaflet."


# --- sorting


def test_bibliography_sorting() -> None:
    bib = parse_string(
        r"""
        @book{b, author = {Trotsky, Leon}, title = {My Life}, year = {1930}}
        @book{a, author = {Trotsky, Leon}, title = {The History of the Russian Revolution},
              year = {1932}}
        @book{c, editor = {Daniels, Robert V.}, title = {A Documentary History}, year = {1993}}
        @misc{d, title = {The Leaflet of the Vyborg Committee}, year = {1917}}
        @book{e, author = {{\'E}mile, Zola}, title = {Germinal}, year = {1885}}
        @book{f, author = {Trotsky, Leon and Eastman, Max}, title = {Aardvark}, year = {1900}}
        @online{g, title = {Abdication of Nicholas II}, publisher = {Wikipedia},
                url = {https://en.wikipedia.org/wiki/Abdication_of_Nicholas_II}}
        """,
        "bibtex",
    )
    style = ChicagoNotesStyle()
    ordered = [formatted.key for formatted in style.format_entries(bib.entries.values())]
    # Daniels (editor), Émile (accent ignored), the anonymous leaflet under L (by title,
    # "The" ignored), Trotsky's books by title ignoring "The", then Trotsky with a co-author,
    # then the unsigned web page under its site, Wikipedia.
    assert ordered == ["c", "e", "d", "a", "b", "f", "g"]
