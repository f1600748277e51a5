"""Julian and Gregorian dates: parsing, conversion and printing both.

Russia kept the Julian calendar until 31 January 1918 (Julian), which was
followed by 14 February 1918 (Gregorian).  The gap between the calendars grows
by a day in each century year that is not a Gregorian leap year: 10 days from
1582, 11 from March 1700, 12 from March 1800, 13 from March 1900.  Conversion
goes through the Julian day number, so it holds for any date.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Literal

Calendar = Literal["OS", "NS"]

#: Russia's last day in the Julian calendar (Old Style): an OS date after it is a slip.
LAST_JULIAN = (1918, 1, 31)

#: The months: the one table the dates, the note style and the exports share.
MONTHS = (
    "January", "February", "March", "April", "May", "June",
    "July", "August", "September", "October", "November", "December",
)  # fmt: skip


def month_number(word: str) -> int | None:
    """9, "09", "sep", "Sept.", "September" -> 9; anything else -> None."""
    value = word.strip().rstrip(".").lower()
    if value.isdigit():
        number = int(value)
        return number if 1 <= number <= 12 else None
    if len(value) >= 3:
        for number, name in enumerate(MONTHS, start=1):
            if name.lower().startswith(value):
                return number
    return None


#: The first Gregorian day of the Soviet calendar reform (31 January OS was followed by it).
SOVIET_REFORM = (1918, 2, 14)

_DATE = re.compile(
    r"^\s*(?P<day>\d{1,2})\s+(?P<month>[A-Za-z]+)\.?\s+(?P<year>\d{1,4})\s*(?P<cal>OS|NS)?\s*$"
)


class DateError(ValueError):
    """A date that cannot be read or does not exist in its calendar."""


def is_leap(year: int, calendar: Calendar) -> bool:
    if calendar == "OS":
        return year % 4 == 0
    return year % 4 == 0 and (year % 100 != 0 or year % 400 == 0)


def days_in_month(year: int, month: int, calendar: Calendar) -> int:
    if month == 2:
        return 29 if is_leap(year, calendar) else 28
    return 30 if month in (4, 6, 9, 11) else 31


def to_jdn(year: int, month: int, day: int, calendar: Calendar) -> int:
    """The Julian day number of a date (proleptic calendars; year 1 onwards)."""
    a = (14 - month) // 12
    y = year + 4800 - a
    m = month + 12 * a - 3
    jdn = day + (153 * m + 2) // 5 + 365 * y + y // 4 - 32083
    if calendar == "NS":
        jdn = jdn - y // 100 + y // 400 + 38
    return jdn


def from_jdn(jdn: int, calendar: Calendar) -> tuple[int, int, int]:
    """The (year, month, day) of a Julian day number in *calendar*."""
    if calendar == "NS":
        a = jdn + 32044
        b = (4 * a + 3) // 146097
        c = a - 146097 * b // 4
    else:
        b = 0
        c = jdn + 32082
    d = (4 * c + 3) // 1461
    e = c - 1461 * d // 4
    m = (5 * e + 2) // 153
    day = e - (153 * m + 2) // 5 + 1
    month = m + 3 - 12 * (m // 10)
    year = 100 * b + d - 4800 + m // 10
    return year, month, day


@dataclass(frozen=True)
class HistoricDate:
    """A day given in one calendar, with its equivalent in the other."""

    year: int
    month: int
    day: int
    calendar: Calendar

    def other(self) -> HistoricDate:
        """The same day in the other calendar."""
        target: Calendar = "NS" if self.calendar == "OS" else "OS"
        y, m, d = from_jdn(to_jdn(self.year, self.month, self.day, self.calendar), target)
        return HistoricDate(y, m, d, target)

    def gregorian(self) -> HistoricDate:
        return self if self.calendar == "NS" else self.other()

    def iso(self) -> str:
        """ISO 8601 form of the Gregorian day (what machines sort by)."""
        g = self.gregorian()
        return f"{g.year:04d}-{g.month:02d}-{g.day:02d}"

    def day_month(self) -> str:
        return f"{self.day} {MONTHS[self.month - 1]}"

    def plain(self) -> str:
        return f"{self.day_month()} {self.year}"

    def dual(self) -> str:
        """Both calendars, the given one first.

        Julian: "25 October [7 November] 1917".  Gregorian before the Soviet reform:
        "7 November 1917 [25 October OS]"; after it, the date alone.
        """
        other = self.other()
        if (other.year, other.month, other.day) == (self.year, self.month, self.day):
            return self.plain()
        if self.calendar == "NS":
            if (self.year, self.month, self.day) >= SOVIET_REFORM:
                return self.plain()
            shown = other.plain() if other.year != self.year else other.day_month()
            return f"{self.plain()} [{shown} OS]"
        if other.year != self.year:
            return f"{self.plain()} [{other.plain()}]"
        return f"{self.day_month()} [{other.day_month()}] {self.year}"


def parse_date(text: str) -> HistoricDate:
    """Read "25 October 1917 OS" (or NS); raise DateError for bad or impossible dates."""
    match = _DATE.match(text)
    if not match:
        raise DateError(
            f"cannot read the date {text.strip()!r}: write day month year and the calendar, "
            "e.g. '25 October 1917 OS' (Julian) or '7 November 1917 NS' (Gregorian)"
        )
    if not match["cal"]:
        raise DateError(
            f"the date {text.strip()!r} names no calendar: add OS (Julian) or NS (Gregorian)"
        )
    month = month_number(match["month"]) if not match["month"].isdigit() else None
    if month is None:
        raise DateError(f"unknown month {match['month']!r} in {text.strip()!r}")
    year, day = int(match["year"]), int(match["day"])
    calendar: Calendar = "OS" if match["cal"] == "OS" else "NS"
    if year < 1:
        raise DateError(f"the year of {text.strip()!r} must be 1 or later")
    if not 1 <= day <= days_in_month(year, month, calendar):
        raise DateError(
            f"{text.strip()!r} does not exist: {MONTHS[month - 1]} {year} has "
            f"{days_in_month(year, month, calendar)} days in the "
            f"{'Julian' if calendar == 'OS' else 'Gregorian'} calendar"
        )
    date = HistoricDate(year, month, day, calendar)
    if calendar == "OS" and (year, month, day) > LAST_JULIAN:
        raise DateError(
            f"{text.strip()!r} is after Russia left the Julian calendar (31 January 1918 "
            f"was followed by 14 February): write the date in the Gregorian calendar, "
            f"'{date.other().plain()} NS'"
        )
    if not 1 <= date.other().year <= 9999:
        raise DateError(f"{text.strip()!r} falls outside the years 1 to 9999 in the other calendar")
    return date
