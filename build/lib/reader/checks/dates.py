"""Dates: the ``:date:`` roles of the texts and the ``:date:``/``:end:`` of events.

Code: ``date_invalid`` — a date that :func:`reader.sources.calendar.parse_date`
cannot read (no calendar, unknown month) or that does not exist (30 February), and
an event that ends before it begins.
"""

from __future__ import annotations

from collections.abc import Iterator

from reader.checks.project import Project
from reader.diagnostics import Problem
from reader.sources.calendar import DateError, HistoricDate, parse_date

CODES = ("date_invalid",)


def check(project: Project) -> Iterator[Problem]:
    """Every date of the project that cannot be read or does not exist."""
    for text in project.texts():
        file = project.file(text.docname)
        markup = project.markup[text.docname]
        for use in markup.uses("date"):
            try:
                parse_date(use.target)
            except DateError as error:
                yield Problem("date_invalid", file, use.line, str(error))
        for definition in markup.definitions:
            if definition.kind != "event":
                continue
            dates: dict[str, HistoricDate] = {}
            for name in ("date", "end"):
                option = definition.option(name)
                if option is None or not option.value:
                    continue
                try:
                    dates[name] = parse_date(option.value)
                except DateError as error:
                    yield Problem("date_invalid", file, option.line, f":{name}: {error}")
            if len(dates) == 2 and dates["end"].iso() < dates["date"].iso():
                end = definition.option("end")
                yield Problem(
                    "date_invalid",
                    file,
                    end.line if end else definition.line,
                    f"the event {definition.id!r} ends ({dates['end'].plain()}) before it "
                    f"begins ({dates['date'].plain()})",
                )
