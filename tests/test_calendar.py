"""Julian/Gregorian conversion against known pairs, and its properties."""

from __future__ import annotations

import datetime
import re

import pytest
from hypothesis import given
from hypothesis import strategies as st

from reader.sources.calendar import DateError, HistoricDate, days_in_month, parse_date

# (Julian, Gregorian) pairs from the history of the calendar reform
KNOWN = [
    ("4 October 1582 OS", "14 October 1582 NS"),  # the eve of the Gregorian reform (+10)
    ("18 February 1700 OS", "28 February 1700 NS"),  # still +10
    ("19 February 1700 OS", "1 March 1700 NS"),  # 29 Feb 1700 exists only in Julian: +11
    ("1 January 1800 OS", "12 January 1800 NS"),  # +11
    ("12 January 1900 OS", "24 January 1900 NS"),  # +12
    ("23 February 1917 OS", "8 March 1917 NS"),  # February Revolution
    ("25 October 1917 OS", "7 November 1917 NS"),  # October Revolution
    ("31 January 1918 OS", "13 February 1918 NS"),  # the last Julian day in Soviet Russia
]
# later pairs: the conversion holds, though the texts may not write such OS dates
LATER = [
    ((2000, 2, 29), (2000, 3, 13)),  # +13
    ((2101, 2, 15), (2101, 3, 1)),  # +14 after 2100
]


@pytest.mark.parametrize(("julian", "gregorian"), KNOWN)
def test_known_pairs(julian, gregorian):
    assert parse_date(julian).other() == parse_date(gregorian)
    assert parse_date(gregorian).other() == parse_date(julian)


@pytest.mark.parametrize(("julian", "gregorian"), LATER)
def test_known_pairs_after_the_switch(julian, gregorian):
    assert HistoricDate(*julian, "OS").other() == HistoricDate(*gregorian, "NS")
    assert HistoricDate(*gregorian, "NS").other() == HistoricDate(*julian, "OS")


def test_the_soviet_switch():
    """31 January 1918 (Julian) was followed by 14 February 1918 (Gregorian)."""
    last = parse_date("31 January 1918 OS").gregorian()
    assert datetime.date(last.year, last.month, last.day) + datetime.timedelta(days=1) == (
        datetime.date(1918, 2, 14)
    )


@pytest.mark.parametrize(
    ("text", "shown"),
    [
        ("25 October 1917 OS", "25 October [7 November] 1917"),
        ("19 December 1917 OS", "19 December 1917 [1 January 1918]"),
        ("7 November 1917 NS", "7 November 1917 [25 October OS]"),
        ("1 January 1918 NS", "1 January 1918 [19 December 1917 OS]"),
        ("20 August 1940 NS", "20 August 1940"),
    ],
)
def test_dual_display(text, shown):
    assert parse_date(text).dual() == shown


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("29 February 1900 NS", "February 1900 has 28 days in the Gregorian calendar"),
        ("31 April 1917 OS", "April 1917 has 30 days in the Julian calendar"),
        ("30 February 1917 OS", "February 1917 has 28 days in the Julian calendar"),
        ("5 Octember 1917 OS", "unknown month 'Octember'"),
        ("25 October 1917", "names no calendar: add OS (Julian) or NS (Gregorian)"),
        ("October 25, 1917 OS", "cannot read the date"),
    ],
)
def test_impossible_or_unreadable_dates(text, message):
    with pytest.raises(DateError, match=re.escape(message)):
        parse_date(text)


def test_29_february_1900_exists_only_in_julian():
    assert parse_date("29 February 1900 OS").other() == parse_date("13 March 1900 NS")


@given(st.dates(min_value=datetime.date(1583, 1, 1), max_value=datetime.date(2399, 12, 31)))
def test_gregorian_round_trip_and_offset(day):
    gregorian = HistoricDate(day.year, day.month, day.day, "NS")
    julian = gregorian.other()
    assert julian.other() == gregorian
    # the offset is 10, 11, 12, 13 ... days, growing by one in each century year
    # that is leap in the Julian calendar only
    jd = datetime.date(julian.year, julian.month, min(julian.day, 28))
    offset = (day - jd).days + (min(julian.day, 28) - julian.day)
    century = (
        julian.year // 100 if (julian.month, julian.day) > (2, 28) else (julian.year - 1) // 100
    )
    assert offset == century - century // 4 - 2


@given(st.integers(1, 3000), st.integers(1, 12), st.data())
def test_every_valid_julian_date_converts_back(year, month, data):
    day = data.draw(st.integers(1, days_in_month(year, month, "OS")))
    date = HistoricDate(year, month, day, "OS")
    assert date.other().other() == date


def test_dates_whose_other_calendar_leaves_the_years_1_to_9999():
    with pytest.raises(DateError, match="outside the years 1 to 9999"):
        parse_date("1 January 1 OS")  # 30 December of year 0 in the Gregorian calendar
