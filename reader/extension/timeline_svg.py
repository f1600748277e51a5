"""The timeline drawn: an SVG time axis of the events and periods, for the HTML.

The years run along the top, with faint lines down from them.  Below, each event
is a dot (a bar, if it lasts more than a month) with its name after it, or before it
at the right edge, in the first row where the two touch nothing else; there are no
stems to cross a name, and the stylesheet rims the letters against the year lines.
The picture is drawn at its own size, with names in 13 px type, and shown only where
the column is wide enough for that; on a narrower screen the list that follows it
(styled as a vertical timeline) stands alone.  For assistive technology the picture
is a named group holding a list of the events, each a link named with its dates; the
axis is hidden from it.  Every text comes from the registry and is escaped; the PDF
and EPUB print the list alone.
"""

from __future__ import annotations

import datetime
from collections.abc import Sequence
from xml.sax.saxutils import escape, quoteattr

from reader.extension.annotation_domain import Annotation

#: The picture's width in px (no wider than furo's column, so drawn at 1:1), the
#: axis's inset, a row's height and the names' type size.
WIDTH, MARGIN, ROW, FONT = 720, 24, 22, 13
#: A generous average letter width at FONT px, so that estimated names are never
#: shorter than drawn ones; GAP: the least space between two names in a row.
CHAR, GAP = 0.6 * FONT, 10
AXIS_Y, TOP = 26, 48  # the axis line, and the middle of the first row


def _day(iso: str) -> datetime.date:
    return datetime.date.fromisoformat(iso)


def _is_period(event: Annotation) -> bool:
    return bool(event.end) and (_day(event.end) - _day(event.date)).days > 31


def _place(extent: tuple[float, float], rows: list[list[tuple[float, float]]]) -> int:
    """The first row where *extent* (left, right) clears everything there by GAP; taken."""
    left, right = extent
    for number, taken in enumerate(rows):
        if all(right + GAP <= a or left >= b + GAP for a, b in taken):
            taken.append((left, right))
            return number
    rows.append([(left, right)])
    return len(rows) - 1


def timeline_svg(events: Sequence[Annotation], docname: str) -> str:
    """An SVG picture of *events* (dated annotations) for the page *docname*."""
    dated = sorted((e for e in events if e.date), key=lambda e: (e.date, e.end, e.name))
    if not dated:
        return ""
    first = min(_day(e.date).year for e in dated)
    final = max(_day(e.end or e.date).year for e in dated)
    start = datetime.date(first, 1, 1)
    span = (datetime.date(final, 12, 31) - start).days + 1

    def x(iso: str) -> float:
        return MARGIN + (WIDTH - 2 * MARGIN) * (_day(iso) - start).days / span

    rows: list[list[tuple[float, float]]] = []
    items: list[str] = []
    for event in dated:
        x0 = x(event.date)
        x1 = x(event.end) if _is_period(event) else x0
        width = len(event.name) * CHAR
        # the name after the dot or bar, or, where it would run off the right edge,
        # before it
        after = max(x1, x0 + 2) + 6
        right = after + width > WIDTH - 2
        text_x = x0 - 8 if right else after
        extent = (text_x - width, after) if right else (x0 - 5, after + width)
        y = TOP + _place(extent, rows) * ROW
        if x1 > x0:
            mark = (
                f'<rect x="{x0:.1f}" y="{y - 7}" width="{max(x1 - x0, 2):.1f}" height="14" rx="3"/>'
            )
        else:
            mark = f'<circle cx="{x0:.1f}" cy="{y}" r="4"/>'
        anchor = ' text-anchor="end"' if right else ""
        body = (
            f"<title>{escape(event.name)}: {escape(event.when)}</title>{mark}"
            f'<text x="{text_x:.1f}" y="{y + 4.5:.1f}"{anchor}>{escape(event.name)}</text>'
        )
        if event.docname == docname:
            body = f"<a href={quoteattr('#' + event.anchor)}>{body}</a>"
        kind = "period" if x1 > x0 else "event"
        items.append(f'<g role="listitem" class="{kind}">{body}</g>')

    height = TOP + len(rows) * ROW
    step = 1 if final - first < 15 else 5
    axis = [f'<line class="axis" x1="{MARGIN}" y1="{AXIS_Y}" x2="{WIDTH - MARGIN}" y2="{AXIS_Y}"/>']
    for year in range(first - first % step, min(final + 1, datetime.MAXYEAR) + 1, step):
        if year < first:
            continue
        xx = x(f"{year:04d}-01-01")
        axis.append(
            f'<line class="grid" x1="{xx:.1f}" y1="{AXIS_Y}" x2="{xx:.1f}" y2="{height - 6}"/>'
            f'<line class="tick" x1="{xx:.1f}" y1="{AXIS_Y - 4}" x2="{xx:.1f}" y2="{AXIS_Y + 4}"/>'
            f'<text class="year" x="{xx:.1f}" y="{AXIS_Y - 9}">{year}</text>'
        )
    return (
        f'<figure class="reader-timeline-figure"><svg xmlns="http://www.w3.org/2000/svg" '
        f'viewBox="0 0 {WIDTH} {height}" width="{WIDTH}" height="{height}" role="group" '
        f'aria-labelledby="reader-timeline-title">'
        f'<title id="reader-timeline-title">Timeline of the events, {first}–{final}</title>'
        f'<g class="scale" aria-hidden="true">{"".join(axis)}</g>'
        f'<g role="list">{"".join(items)}</g></svg></figure>'
    )
