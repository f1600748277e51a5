"""The timeline drawn: an SVG time axis of the events and periods, for the HTML.

Events that last more than a month (the war, the civil war, NEP) are drawn as
bars, the others as points with their names set in lanes so that no two labels
overlap.  Every text comes from the registry and is escaped; the picture sits
beside the list, which the PDF and EPUB print alone.
"""

from __future__ import annotations

import datetime
from collections.abc import Sequence
from xml.sax.saxutils import escape, quoteattr

from reader.extension.annotation_domain import Annotation

WIDTH, MARGIN, LANE, CHAR = 760, 30, 16, 6.2  # px; CHAR: rough width of a label letter


def _day(iso: str) -> datetime.date:
    return datetime.date.fromisoformat(iso)


def _is_period(event: Annotation) -> bool:
    return bool(event.end) and (_day(event.end) - _day(event.date)).days > 31


def timeline_svg(events: Sequence[Annotation], docname: str) -> str:
    """An SVG picture of *events* (dated annotations) for the page *docname*."""
    dated = [e for e in events if e.date]
    if not dated:
        return ""
    first = min(_day(e.date).year for e in dated)
    final = max(_day(e.end or e.date).year for e in dated)
    last = final + 1  # the axis runs to the end of the final year
    start = datetime.date(first, 1, 1)
    span = (datetime.date(final, 12, 31) - start).days + 1

    def x(iso: str) -> float:
        return MARGIN + (WIDTH - 2 * MARGIN) * (_day(iso) - start).days / span

    def link(event: Annotation, body: str) -> str:
        if event.docname != docname:
            return body
        return f"<a href={quoteattr('#' + event.anchor)}>{body}</a>"

    periods = [e for e in dated if _is_period(e)]
    points = sorted((e for e in dated if not _is_period(e)), key=lambda e: e.date)
    parts: list[str] = []
    # periods: one bar per lane, lanes filled greedily
    bar_ends: list[float] = []
    for event in sorted(periods, key=lambda e: e.date):
        x0, x1 = x(event.date), x(event.end)
        label_end = max(x1, x0 + len(event.name) * CHAR)
        lane = next((i for i, end in enumerate(bar_ends) if end < x0 - 4), len(bar_ends))
        bar_ends[lane : lane + 1] = [label_end]
        y = 20 + lane * (LANE + 6)
        title = f"<title>{escape(event.name)}: {escape(event.when)}</title>"
        parts.append(
            link(
                event,
                (
                    f'<g class="period">{title}<rect x="{x0:.1f}" y="{y}" '
                    f'width="{max(x1 - x0, 2):.1f}"'
                    f' height="{LANE - 4}" rx="2"/><text x="{x0 + 3:.1f}" y="{y + LANE - 7}">'
                    f"{escape(event.name)}</text></g>"
                ),
            )
        )
    axis_y = 30 + len(bar_ends) * (LANE + 6)
    parts.append(
        f'<line class="axis" x1="{MARGIN}" y1="{axis_y}" x2="{WIDTH - MARGIN}" y2="{axis_y}"/>'
    )
    step = 1 if last - first <= 15 else 5
    for year in range(first - first % step, min(last, datetime.MAXYEAR) + 1, step):
        if year < first:
            continue
        xx = x(f"{year:04d}-01-01")
        parts.append(
            f'<line class="tick" x1="{xx:.1f}" y1="{axis_y - 4}" x2="{xx:.1f}" '
            f'y2="{axis_y + 4}"/><text class="year" x="{xx:.1f}" y="{axis_y + 16}">'
            f"{year}</text>"
        )
    # points: a dot on the axis and a label in the first lane where it fits; labels that
    # would run off the right edge end at their dot instead of starting there
    lanes: list[list[tuple[float, float]]] = []
    for event in points:
        xx = x(event.date)
        width = len(event.name) * CHAR
        right = xx + width > WIDTH - 4
        left, end = (xx - width, xx) if right else (xx, xx + width)
        lane = next(
            (
                i
                for i, taken in enumerate(lanes)
                if all(end < a - 4 or left > b + 4 for a, b in taken)
            ),
            len(lanes),
        )
        if lane == len(lanes):
            lanes.append([])
        lanes[lane].append((left, end))
        y = axis_y + 36 + lane * LANE
        anchor = ' text-anchor="end"' if right else ""
        title = f"<title>{escape(event.name)}: {escape(event.when)}</title>"
        parts.append(
            link(
                event,
                (
                    f'<g class="event">{title}<circle cx="{xx:.1f}" cy="{axis_y}" r="3.5"/>'
                    f'<line class="stem" x1="{xx:.1f}" y1="{axis_y}" x2="{xx:.1f}" '
                    f'y2="{y - 10}"/><text x="{xx:.1f}" y="{y}"{anchor}>'
                    f"{escape(event.name)}</text></g>"
                ),
            )
        )
    label_ends = lanes
    height = axis_y + 36 + max(len(label_ends), 1) * LANE
    return (
        f'<figure class="reader-timeline-figure"><svg xmlns="http://www.w3.org/2000/svg" '
        f'viewBox="0 0 {WIDTH} {height}" role="img" aria-labelledby="reader-timeline-title">'
        f'<title id="reader-timeline-title">Timeline of the events, {first}–{last - 1}</title>'
        + "".join(parts)
        + "</svg></figure>"
    )
