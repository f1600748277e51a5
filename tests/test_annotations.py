"""The annotation apparatus of the fixture book: registers, backlinks, dates, timeline."""

from __future__ import annotations

import re
from collections import Counter

from bs4 import BeautifulSoup


def soup(built, page: str) -> BeautifulSoup:
    return BeautifulSoup((built.html / f"{page}.html").read_text(encoding="utf-8"), "html.parser")


def flat(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip()


def test_sources_with_unverified_locators_are_punctuated_once(fixture_book):
    # each source after the first, and the period ending the list, follow the
    # [unverified] mark directly: no "[unverified].;" and no missing final period
    entry = soup(fixture_book, "people").select_one("#ann-person-luxemburg")
    sources = flat(entry.select_one(".reader-annotation-sources").get_text())
    assert sources.count("[unverified]") == 2
    assert "[unverified]; " in sources
    assert sources.endswith("[unverified].")
    assert ".;" not in sources


def test_register_entry_has_its_fields(fixture_book):
    entry = soup(fixture_book, "people").select_one("#ann-person-trotsky")
    assert flat(entry.select_one(".reader-annotation-head").get_text()) == (
        "Leon Trotsky (Лев Давидович Троцкий), 1879–1940"
    )
    assert flat(entry.select_one(".reader-annotation-sources").get_text()) == (
        "Sources: Trotsky, History of the Russian Revolution, vol. 1, ch. 1."
    )


def test_mentions_link_to_the_register(fixture_book):
    page = soup(fixture_book, "text")
    links = {flat(m.get_text()): m.a["href"] for m in page.select(".reader-mention")}
    assert links == {
        "revolution": "glossary.html#ann-event-february-revolution",
        "Trotsky": "people.html#ann-person-trotsky",
        "soviets": "glossary.html#ann-gloss-soviet",
    }


def test_every_mention_is_listed_exactly_once(fixture_book):
    mentions = []
    for page in ("text", "second"):
        for span in soup(fixture_book, page).select(".reader-mention"):
            mentions.append(f"{page}.html#{span['id']}")
    backlinks = []
    for page in ("people", "glossary"):
        for para in soup(fixture_book, page).select(".reader-mentions"):
            backlinks += [a["href"] for a in para.select("a")]
    counted = Counter(backlinks)
    assert all(n == 1 for n in counted.values()), counted
    assert sorted(backlinks) == sorted(mentions)
    assert len(mentions) == 6


def test_mention_list_groups_by_text(fixture_book):
    entry = soup(fixture_book, "people").select_one("#ann-person-trotsky")
    assert flat(entry.select_one(".reader-mentions").get_text()) == (
        "Mentioned in: A Text (1, 2); A Second Text."
    )


def test_unmentioned_annotation_says_so(fixture_book):
    entry = soup(fixture_book, "glossary").select_one("#ann-event-october-revolution")
    assert "Not mentioned in the texts." in entry.get_text()


def test_dates_print_both_calendars(fixture_book):
    text = flat(soup(fixture_book, "text").get_text())
    assert "began on 23 February [8 March] 1917, as Trotsky tells." in text


def test_timeline_is_in_date_order(fixture_book):
    items = [
        flat(li.get_text()) for li in soup(fixture_book, "glossary").select(".reader-timeline li")
    ]
    assert items == [
        "23 February [8 March] 1917 – 3 March [16 March] 1917 — February Revolution — in A Text",
        "25 October [7 November] 1917 — October Revolution",
        "20 August 1940 — Trotsky’s murder",
    ]


def test_registers_are_in_the_epub_and_the_pdf(fixture_book):
    epub = flat(BeautifulSoup(fixture_book.epub_text(), "html.parser").get_text())
    pdf = flat(fixture_book.pdf_text())
    for expected in (
        "Leon Trotsky (Лев Давидович Троцкий), 1879–1940",
        "February Revolution: 23 February [8 March] 1917 – 3 March [16 March] 1917",
        "25 October [7 November] 1917 — October Revolution",
    ):
        assert expected in epub, expected
        assert expected in pdf, expected
    # the EPUB links to the texts; print gives the pages of the mentions
    assert "Mentioned in: A Text (1, 2); A Second Text." in epub
    page = r"(?:[ivxlc]+|\d+)"
    assert re.search(rf"Mentioned in: {page}(?:, {page})*\.", pdf), pdf


def test_timeline_is_drawn_in_the_html(fixture_book):
    figure = soup(fixture_book, "glossary").select_one(".reader-timeline-figure svg")
    # a named group with a list of links, not an image with links inside (nested-interactive)
    assert figure is not None and figure["role"] == "group"
    items = figure.select("[role=list] > [role=listitem]")
    labels = [flat(item.select_one("text").get_text()) for item in items]
    assert labels == ["February Revolution", "October Revolution", "Trotsky’s murder"]
    assert [a["href"] for a in figure.select("a")][:1] == ["#ann-event-february-revolution"]
    assert figure.select_one(".scale")["aria-hidden"] == "true"
    assert [flat(t.get_text()) for t in figure.select("text.year")] == [
        "1920",
        "1925",
        "1930",
        "1935",
        "1940",
    ]


def test_timeline_svg_escapes_and_draws_periods():
    from reader.extension.annotation_domain import Annotation
    from reader.extension.timeline_svg import timeline_svg

    war = Annotation(
        "event",
        "war",
        "events",
        "ann-event-war",
        "War & <script>",
        "",
        "1914-07-28",
        "1918-11-11",
        "28 July 1914 – 11 November 1918",
        1,
    )
    svg = timeline_svg([war], "events")
    assert "<script>" not in svg and "War &amp; &lt;script&gt;" in svg
    assert svg.count("<rect") == 1


def test_the_epub_and_pdf_keep_the_list_not_the_picture(fixture_book):
    assert "reader-timeline-figure" not in fixture_book.epub_text()


def test_timeline_svg_at_the_edge_of_the_calendar():
    from reader.extension.annotation_domain import Annotation
    from reader.extension.timeline_svg import timeline_svg

    late = Annotation(
        "event",
        "late",
        "events",
        "ann-event-late",
        "Late",
        "",
        "9999-12-31",
        "",
        "31 December 9999",
        1,
    )
    assert "Late" in timeline_svg([late], "events")
