"""``reader stats``: how much there is, text by text, and how well it is annotated.

::

    reader stats [--project DIR] [--format text|json]

For each text: words of prose (titles, paragraphs, quotations, annotation summaries;
no markup, notes, options or toctrees), notes (a note per ``:cite:`` role or
quotation, plus hand-written ``[#]_`` notes), editors' notes (``[*]_``), citations
(sources cited in notes), quotations (verified and unverified by their locator) and
mentions of annotations.  Then the annotations by kind, the mentions by kind, and
the coverage: the share of annotations defined that are mentioned somewhere, and
the share of mentions whose annotation is defined.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections import Counter
from dataclasses import asdict, dataclass, field
from typing import TYPE_CHECKING, Any

from reader.cli.options import add_project_option, add_traceback_option

if TYPE_CHECKING:
    from reader.checks.project import Project
    from reader.sources.texts import SourceText


def add_parser(parser: argparse.ArgumentParser) -> None:
    """The options of ``reader stats``."""
    add_project_option(parser)
    parser.add_argument(
        "--format", "-f", choices=("text", "json"), default="text", help="output format"
    )
    add_traceback_option(parser)


@dataclass
class TextStats:
    """The figures of one text (or, for the totals, of all)."""

    docname: str
    title: str
    chapter: int | None = None
    words: int = 0
    notes: int = 0
    editors_notes: int = 0
    citations: int = 0
    quotations: dict[str, int] = field(default_factory=lambda: {"verified": 0, "unverified": 0})
    mentions: int = 0

    def add(self, other: TextStats) -> None:
        """Add *other*'s figures to these."""
        for name in ("words", "notes", "editors_notes", "citations", "mentions"):
            setattr(self, name, getattr(self, name) + getattr(other, name))
        for key, value in other.quotations.items():
            self.quotations[key] += value


def text_stats(project: Project, text: SourceText) -> TextStats:
    """The figures of one text."""
    from reader.sources.texts import prose_words

    markup = project.markup[text.docname]
    stats = TextStats(text.docname, text.title, text.chapter, words=prose_words(markup))
    handwritten = [f for f in markup.footnotes if not f.editors]
    stats.notes = len(text.citations) + len(handwritten)
    stats.editors_notes = len(markup.footnotes) - len(handwritten)
    stats.citations = sum(len(c.targets) for c in text.citations)
    for quotation in text.quotations:
        source = quotation.source
        verified = source is not None and source.verified
        stats.quotations["verified" if verified else "unverified"] += 1
    stats.mentions = len(markup.mentions)
    return stats


def compute(project: Project) -> dict[str, Any]:
    """Every figure of ``reader stats``, as the JSON output has them."""
    from reader.sources.texts import ANNOTATION_KINDS

    texts = [text_stats(project, text) for text in project.texts()]
    totals = TextStats("", "total")
    for stats in texts:
        totals.add(stats)
    defined: set[tuple[str, str]] = set()
    mentioned: Counter[tuple[str, str]] = Counter()
    for text in project.texts():
        markup = project.markup[text.docname]
        defined.update((d.kind, d.id) for d in markup.definitions)
        mentioned.update((m.role, m.target) for m in markup.mentions)
    by_kind = Counter(kind for kind, _ in defined)
    mentions_by_kind: Counter[str] = Counter()
    for (kind, _), count in mentioned.items():
        mentions_by_kind[kind] += count
    used = len(defined & set(mentioned))
    resolved = sum(count for key, count in mentioned.items() if key in defined)
    total_mentions = sum(mentioned.values())
    return {
        "texts": [asdict(stats) for stats in texts],
        "totals": {
            k: v for k, v in asdict(totals).items() if k not in ("docname", "title", "chapter")
        },
        "annotations": {kind: by_kind[kind] for kind in ANNOTATION_KINDS},
        "mentions": {kind: mentions_by_kind[kind] for kind in ANNOTATION_KINDS},
        "coverage": {
            "annotations_mentioned": _share(used, len(defined)),
            "mentions_defined": _share(resolved, total_mentions),
        },
    }


def _share(count: int, whole: int) -> dict[str, float | int]:
    return {"count": count, "of": whole, "share": round(count / whole, 4) if whole else 1.0}


def render_text(figures: dict[str, Any]) -> str:
    """The figures as a table of texts, then the annotation figures."""
    header = ("text", "words", "notes", "ed. notes", "citations", "quotations v/u", "mentions")
    rows = [header]
    for row in [*figures["texts"], {"docname": "total", **figures["totals"]}]:
        quotes = row["quotations"]
        rows.append(
            (
                row["docname"],
                f"{row['words']:,}",
                str(row["notes"]),
                str(row["editors_notes"]),
                str(row["citations"]),
                f"{quotes['verified']}/{quotes['unverified']}",
                str(row["mentions"]),
            )
        )
    widths = [max(len(r[i]) for r in rows) for i in range(len(header))]
    lines = []
    for index, row in enumerate(rows):
        if index == len(rows) - 1:
            lines.append("  ".join("-" * w for w in widths))
        cells = [
            row[0].ljust(widths[0]),
            *(c.rjust(w) for c, w in zip(row[1:], widths[1:], strict=True)),
        ]
        lines.append("  ".join(cells).rstrip())
    annotations, mentions = figures["annotations"], figures["mentions"]
    lines.append("")
    lines.append(
        f"annotations: {sum(annotations.values())} ("
        + ", ".join(f"{kind} {n}" for kind, n in annotations.items())
        + ")"
    )
    lines.append(
        f"mentions: {sum(mentions.values())} ("
        + ", ".join(f"{kind} {n}" for kind, n in mentions.items())
        + ")"
    )
    used, resolved = (figures["coverage"][k] for k in ("annotations_mentioned", "mentions_defined"))
    lines.append(
        f"coverage: {used['count']} of {used['of']} annotations are mentioned "
        f"({used['share']:.1%}); {resolved['count']} of {resolved['of']} mentions name a "
        f"defined annotation ({resolved['share']:.1%})"
    )
    return "\n".join(lines) + "\n"


def run(args: argparse.Namespace) -> int:
    """Print the figures; 1 if the project cannot be read."""
    from reader.checks import ProjectError, load_project

    try:
        project = load_project(args.project)
    except ProjectError as error:
        print(f"reader stats: {error}", file=sys.stderr)
        return 1
    figures = compute(project)
    if args.format == "json":
        sys.stdout.write(json.dumps(figures, ensure_ascii=False, indent=2) + "\n")
    else:
        sys.stdout.write(render_text(figures))
    return 0
