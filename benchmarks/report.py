"""The results: medians of the raw samples, the tables (printed and in RESULTS.md) and
the plot of clean build time against corpus size."""

from __future__ import annotations

import math
import statistics
from collections import defaultdict
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from benchmarks.scenarios import DUMMY

Key = tuple[Any, str, str]  # (size, variant, scenario)


class Summary:
    """The samples grouped by (size, variant, scenario)."""

    def __init__(self, samples: Iterable[dict[str, Any]]) -> None:
        self.groups: dict[Key, list[dict[str, Any]]] = defaultdict(list)
        for sample in samples:
            self.groups[(sample["size"], sample["variant"], sample["scenario"])].append(sample)

    def sizes(self, scenario: str = "html-clean") -> list[int]:
        return sorted({s for s, _, sc in self.groups if isinstance(s, int) and sc == scenario})

    def failed(self, key: Key) -> bool:
        return any(not s["ok"] for s in self.groups.get(key, []))

    def seconds(self, key: Key) -> float | None:
        """The median wall-clock time of the successful runs."""
        times = [s["seconds"] for s in self.groups.get(key, []) if s["ok"]]
        return statistics.median(times) if times else None

    def cpu(self, key: Key) -> float | None:
        """The median CPU time (user + system): less swayed than wall time by other
        processes on a shared machine."""
        values = [s["cpu_seconds"] for s in self.groups.get(key, []) if s["ok"]]
        return statistics.median(values) if values else None

    def memory(self, key: Key) -> float | None:
        """The median peak memory (MB)."""
        values = [s["max_rss_mb"] for s in self.groups.get(key, []) if s["ok"]]
        return statistics.median(values) if values else None

    def pages(self, key: Key) -> int | None:
        values = [s["pages"] for s in self.groups.get(key, []) if s.get("pages")]
        return values[-1] if values else None

    def stale(self, key: Key) -> bool:
        return any(s.get("stale") for s in self.groups.get(key, []))

    def runs(self, key: Key) -> int:
        return len(self.groups.get(key, []))


def secs(value: float | None) -> str:
    if value is None:
        return "–"
    return f"{value:.1f} s" if value < 100 else f"{value:.0f} s"


def ratio(a: float | None, b: float | None) -> str:
    return f" ({a / b:.2f}×)" if a is not None and b else ""


def _cell(summary: Summary, size: int, scenario: str, other: str = "plain") -> str:
    """``reader / other (ratio)`` for one scenario; failed, n/a or skipped said so."""
    reader, plain = (size, "reader", scenario), (size, other, scenario)
    if summary.failed(reader) or summary.failed(plain):
        which = " and ".join(
            name for name, key in (("reader", reader), (other, plain)) if summary.failed(key)
        )
        return f"failed ({which})"
    r, p = summary.seconds(reader), summary.seconds(plain)
    stale = " STALE OUTPUT" if summary.stale(reader) or summary.stale(plain) else ""
    if r is None and p is None:
        return "not measured"
    if p is None:
        return f"{secs(r)} / n/a{stale}"
    return f"{secs(r)} / {secs(p)}{ratio(r, p)}{stale}"


def _table(head: list[str], rows: list[list[str]]) -> str:
    lines = ["| " + " | ".join(head) + " |", "|" + "---|" * len(head)]
    lines += ["| " + " | ".join(row) + " |" for row in rows]
    return "\n".join(lines)


def html_table(summary: Summary) -> str:
    head = ["texts", "clean build (reader / plain)", "no-op rebuild", "edit one text, rebuild"]
    head += ["edit one annotation, rebuild", "edit refs.bib, rebuild"]
    scenarios = ["html-clean", "html-noop", "html-edit-text"]
    scenarios += ["html-edit-annotation", "html-edit-bib"]
    rows = [
        [str(size)] + [_cell(summary, size, sc) for sc in scenarios]
        for size in summary.sizes("html-noop")
    ]
    return _table(head, rows)


def parallel_table(summary: Summary) -> str:
    """The reader's clean HTML build, serial and ``-j 2``, and whether the pages agree."""
    head = ["texts", "reader build (serial)", "reader build -j 2", "-j 2 / serial"]
    head += ["files unlike the serial build's"]
    rows = []
    for size in summary.sizes("html-clean-j2"):
        key = (size, "reader", "html-clean-j2")
        serial, parallel = summary.seconds((size, "reader", "html-clean")), summary.seconds(key)
        differing = [s.get("differing") for s in summary.groups[key]]
        if summary.failed(key):
            rows.append([str(size), secs(serial), "failed", "", ""])
            continue
        ratio_ = f"{parallel / serial:.2f}×" if parallel and serial else "–"
        rows.append(
            [str(size), secs(serial), secs(parallel), ratio_, ", ".join(map(str, differing))]
        )
    return _table(head, rows)


def book_table(summary: Summary) -> str:
    head = ["texts", "EPUB clean build (reader / plain)", "LaTeX generation", "PDF compile"]
    head += ["PDF pages (reader / plain)"]
    rows = []
    for size in summary.sizes("epub-clean"):
        r, p = (
            summary.pages((size, "reader", "pdf-compile")),
            summary.pages((size, "plain", "pdf-compile")),
        )
        pages = f"{r or '–'} / {p or '–'}" if r or p else "–"
        rows.append(
            [str(size)]
            + [_cell(summary, size, sc) for sc in ("epub-clean", "latex", "pdf-compile")]
            + [pages]
        )
    return _table(head, rows)


def check_table(summary: Summary) -> str:
    head = ["texts", "check, unchanged tree", "check after editing one text"]
    head += ["check from scratch / sphinx-build -b dummy from scratch (target ≤ 1.2×)"]
    rows = []
    for size in summary.sizes("check-scratch"):
        rows.append(
            [
                str(size),
                secs(summary.seconds((size, "reader", "check-noop"))),
                secs(summary.seconds((size, "reader", "check-edit-text"))),
                _cell(summary, size, "check-scratch", other=DUMMY),
            ]
        )
    return _table(head, rows)


def cpu_table(summary: Summary) -> str:
    """The HTML scenarios in CPU seconds, reader / plain."""
    scenarios = ["html-clean", "html-noop", "html-edit-text", "html-edit-annotation"]
    scenarios += ["html-edit-bib"]

    def cell(size: int, scenario: str) -> str:
        r = summary.cpu((size, "reader", scenario))
        p = summary.cpu((size, "plain", scenario))
        return f"{secs(r)} / {secs(p) if p else 'n/a'}{ratio(r, p)}"

    head = ["texts", "clean build", "no-op rebuild", "edit one text", "edit one annotation"]
    head += ["edit refs.bib"]
    rows = [[str(s)] + [cell(s, sc) for sc in scenarios] for s in summary.sizes("html-noop")]
    return _table(head, rows)


MEMORY_SCENARIOS = {
    "html-clean": "HTML clean",
    "html-noop": "HTML no-op",
    "html-edit-text": "HTML edit text",
    "epub-clean": "EPUB clean",
    "latex": "LaTeX",
    "pdf-compile": "PDF compile",
    "check-scratch": "check from scratch (reader / dummy)",
}


def memory_table(summary: Summary) -> str:
    def cell(size: int, scenario: str) -> str:
        other = DUMMY if scenario == "check-scratch" else "plain"
        r = summary.memory((size, "reader", scenario))
        p = summary.memory((size, other, scenario))
        if r is None and p is None:
            return "–"
        return f"{r:.0f} / {p:.0f}" if r and p else f"{r or p:.0f} / –"

    head = ["texts"] + [f"{label} (MB)" for label in MEMORY_SCENARIOS.values()]
    rows = [[str(s)] + [cell(s, sc) for sc in MEMORY_SCENARIOS] for s in summary.sizes("html-noop")]
    return _table(head, rows)


def growth(summary: Summary) -> tuple[str, list[str]]:
    """The clean HTML build at every size, per text, and what doubling the corpus does."""
    sizes = summary.sizes("html-clean")
    rows = []
    for size in sizes:
        r = summary.seconds((size, "reader", "html-clean"))
        p = summary.seconds((size, "plain", "html-clean"))
        per = " / ".join(f"{v / size * 1000:.0f} ms" if v else "–" for v in (r, p))
        rows.append([str(size), f"{secs(r)} / {secs(p)}{ratio(r, p)}", per])
    table = _table(
        ["texts", "clean HTML build (reader / plain)", "per text (reader / plain)"], rows
    )
    lines = []
    for variant in ("reader", "plain"):
        for small, big in zip(sizes, sizes[1:], strict=False):
            a = summary.seconds((small, variant, "html-clean"))
            b = summary.seconds((big, variant, "html-clean"))
            if not a or not b:
                continue
            steps = math.log2(big / small)
            per_doubling = (b / a) ** (1 / steps)
            verdict = "at most doubles" if per_doubling <= 2.0 else "MORE than doubles"
            how = "" if big == 2 * small else f" (×{b / a:.2f} over ×{big / small:g} texts)"
            lines.append(
                f"- {variant}, {small}→{big} texts: ×{per_doubling:.2f} per doubling{how}: "
                f"{verdict}"
            )
    return table, lines


def edition_table(summary: Summary) -> str:
    scenarios = ["html-clean", "html-noop", "check-scratch", "check-noop"]
    row = ["edition"] + [secs(summary.seconds(("edition", "reader", sc))) for sc in scenarios]
    head = ["", "HTML clean build", "HTML no-op rebuild", "check from scratch", "check, unchanged"]
    return _table(head, [row])


def tables(summary: Summary) -> str:
    """Every table, in markdown, as printed and as in RESULTS.md."""
    parts = ["### HTML (reader / plain, median)", html_table(summary)]
    if summary.sizes("html-clean-j2"):
        parts += ["### Parallel build (reader, clean HTML; one figure per run for files)"]
        parts += [parallel_table(summary)]
    if summary.sizes("epub-clean"):
        parts += ["### EPUB and PDF (reader / plain)", book_table(summary)]
    if summary.sizes("check-scratch"):
        parts += ["### `reader check` (and `sphinx-build -b dummy` of the same corpus)"]
        parts += [check_table(summary)]
    parts += ["### HTML in CPU time, user + system (reader / plain, median)", cpu_table(summary)]
    parts += ["### Peak memory, max RSS (reader / plain, MB)", memory_table(summary)]
    table, lines = growth(summary)
    parts += ["### Growth of the clean HTML build", table, "\n".join(lines)]
    if summary.groups.get(("edition", "reader", "html-clean")):
        parts += ["### The edition in this repository (reader only)", edition_table(summary)]
    return "\n\n".join(parts) + "\n"


def plot(summary: Summary, path: Path) -> None:
    """Clean HTML build time against corpus size, and the time per text beside it
    (a flat line there is linear growth)."""
    import matplotlib

    matplotlib.use("Agg")  # no display: write the file only
    import matplotlib.pyplot as plt

    figure, (left, right) = plt.subplots(1, 2, figsize=(10, 4), dpi=110)
    for variant, style in (("reader", "o-"), ("plain", "s--")):
        points = [
            (size, summary.seconds((size, variant, "html-clean")))
            for size in summary.sizes("html-clean")
        ]
        points = [(x, y) for x, y in points if y is not None]
        if not points:
            continue
        xs, ys = zip(*points, strict=True)
        label = "reader build" if variant == "reader" else "plain Sphinx + bibtex"
        left.plot(xs, ys, style, label=label)
        right.plot(xs, [y / x * 1000 for x, y in points], style, label=label)
    left.set(xlabel="texts", ylabel="seconds", title="Clean HTML build")
    right.set(xlabel="texts", ylabel="milliseconds per text", title="Per text (flat = linear)")
    right.set_ylim(bottom=0)
    for axes in (left, right):
        axes.grid(True, alpha=0.3)
        axes.legend()
    figure.tight_layout()
    figure.savefig(path)
    plt.close(figure)


def targets(summary: Summary) -> list[str]:
    """The two targets with a yes or no: ``reader check`` from scratch within 1.2x of
    ``sphinx-build -b dummy`` (on 200 texts), and doubling the corpus at most doubling
    the clean HTML build."""
    out = []
    for size in summary.sizes("check-scratch"):
        r = summary.seconds((size, "reader", "check-scratch"))
        d = summary.seconds((size, DUMMY, "check-scratch"))
        if r and d:
            met = "met" if r / d <= 1.2 else "NOT met"
            aim = " (the target's size)" if size == 200 else ""
            out.append(
                f"- `reader check` from scratch / `sphinx-build -b dummy`, {size} texts{aim}: "
                f"{r / d:.2f}× (target ≤ 1.2×: {met})"
            )
    _, lines = growth(summary)
    # an exact doubling when the sizes give one (200→400, 400→800), else the rate
    doubled = [line for line in lines if "per doubling:" in line] or lines
    if doubled:
        out.append("- Does doubling the corpus at most double the clean HTML build?")
        out += ["  " + line for line in doubled]
    return out


def results_md(data: dict[str, Any], summary: Summary, plot_name: str) -> str:
    """RESULTS.md: how to rerun, when and where, the tables, the plot, the notes."""
    machine = data["machine"]
    config = data["config"]
    runs = f"{config['runs']} run(s)"
    if config["large_runs"] != config["runs"]:
        runs += f" ({config['large_runs']} above {config['large_from']} texts)"
    lines = [
        "# Benchmark results",
        "",
        "Rerun (from the project root; a full run takes a long while):",
        "",
        "```sh",
        "make bench          # = .venv/bin/python -m benchmarks",
        "```",
        "",
        f"Measured {data['date']} with `{data['command']}`.",
        "",
        "## Machine",
        "",
    ]
    lines += [f"- {name}: {value}" for name, value in machine.items()]
    lines += [
        "",
        "## What was measured",
        "",
        f"- Corpus: texts of {config['paragraphs']} paragraphs of about {config['words']} "
        f"words, one citation per paragraph, {config['entries']:,} entries in refs.bib; "
        f"the reader's texts also mention {config['annotations']} annotations "
        f"({config['mentions']} mentions per paragraph), defined on five register pages.",
        "- plain: `python -m sphinx -b html|epub|latex -q` with sphinxcontrib-bibtex and furo, "
        "`:footcite:` and a `.. footbibliography::` per text; mentions are plain words.",
        "- reader: `python -m reader build --format html|epub --quiet`; the LaTeX step alone "
        "is `python -m benchmarks.reader_latex` (Sphinx's LaTeX builder as `reader build` "
        "runs it); the PDF compile is the same `latexmk -pdfxe` for both.",
        "- `reader check -f json` against `python -m sphinx -b dummy -q` on the reader corpus.",
        f"- Every figure is the median of {runs}, each command a new process; plain and "
        "reader alternate for every scenario (which goes first alternates from run to "
        "run). Wall-clock time unless said otherwise; peak memory is the max RSS of the "
        "command and its children (`os.wait4`).",
        f"- Sizes: {', '.join(map(str, config['sizes']))} texts (every scenario); "
        f"{', '.join(map(str, config['growth_sizes'])) or 'none'} (clean HTML only, for the "
        "growth curve).",
    ]
    if data.get("skipped"):
        lines += ["", "Skipped:", ""] + [f"- {s}" for s in data["skipped"]]
    lines += ["", "## Targets", ""] + targets(summary)
    lines += ["", "## Results", "", tables(summary), "", f"![clean HTML build]({plot_name})", ""]
    if data.get("notes"):
        lines += ["## Notes", ""] + [f"- {n}" for n in data["notes"]] + [""]
    lines += [
        "Raw figures (every run, with CPU time and the log of each command) are in "
        "`benchmarks/.results/` (not committed); `python -m benchmarks --report "
        "benchmarks/.results/latest.json` makes this file again from them.",
        "",
    ]
    return "\n".join(lines)
