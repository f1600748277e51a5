"""``python -m benchmarks``: the reader against plain Sphinx on one generated corpus.

::

    python -m benchmarks                       # sizes 50, 200, 800 (and 400): about an hour
    python -m benchmarks --quick               # sizes 20, 50, one run: a few minutes
    python -m benchmarks --sizes 50,200 --runs 5
    python -m benchmarks --report benchmarks/.results/latest.json  # tables again
    python -m benchmarks --profile clean|edit  # pyinstrument on one reader build

A full run writes benchmarks/RESULTS.md and benchmarks/build-time.png (commit
them); ``--quick`` writes its own into benchmarks/.results/ instead, so trying the
command out never replaces the committed figures.  Raw figures go to
benchmarks/.results/: run-<time>.json and latest.json (quick-<time>.json and
latest-quick.json for ``--quick``), with one log per command in logs/.
"""

from __future__ import annotations

import argparse
import json
import shlex
import sys
from pathlib import Path

from benchmarks import suite


def _sizes(value: str) -> list[int]:
    return [int(part) for part in value.split(",") if part.strip()]


def parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(
        prog="python -m benchmarks", description=__doc__.split("\n\n")[0].strip("`")
    )
    p.add_argument("--sizes", type=_sizes, help="texts per corpus (default 50,200,800)")
    p.add_argument(
        "--growth-sizes",
        type=_sizes,
        help="sizes at which only the clean HTML build runs, for the growth curve "
        "(default 400: with 200 and 800 it shows what doubling does)",
    )
    p.add_argument("--runs", type=int, help="runs per size (default 3)")
    p.add_argument("--large-runs", type=int, help="runs at sizes above --large-from (default 2)")
    p.add_argument("--large-from", type=int, default=200)
    p.add_argument(
        "--pdf-max",
        type=int,
        help="the PDF (LaTeX and latexmk) only up to this many texts (default: every "
        "size; --quick: 20)",
    )
    p.add_argument("--no-edition", action="store_true", help="skip this repository's edition")
    p.add_argument("--quick", action="store_true", help="sizes 20,50, one run, PDF at 20")
    p.add_argument("--keep", type=Path, help="write the corpora here and keep them")
    p.add_argument("--report", type=Path, metavar="JSON", help="only print/write the report")
    p.add_argument("--profile", choices=("clean", "edit"), help="profile one reader build")
    p.add_argument("--profile-size", type=int, default=200, help="texts when profiling")
    return p


def main(argv: list[str] | None = None) -> int:
    args = parser().parse_args(argv)
    if args.profile:
        from benchmarks.profile import profile

        profile(args.profile, args.profile_size)
        return 0
    results_md, plot = suite.HERE / "RESULTS.md", suite.HERE / "build-time.png"
    if args.quick:  # a try-out: never replace the committed figures
        results_md, plot = suite.RESULTS / "RESULTS-quick.md", suite.RESULTS / "build-time.png"
    if args.report:
        suite.write_report(json.loads(args.report.read_text(encoding="utf-8")), results_md, plot)
        return 0
    quick = args.quick
    growth = args.growth_sizes
    plan = suite.Plan(
        sizes=args.sizes or ([20, 50] if quick else [50, 200, 800]),
        growth_sizes=growth if growth is not None else ([] if quick else [400]),
        runs=args.runs or (1 if quick else 3),
        large_runs=args.large_runs or (1 if quick else 2),
        large_from=args.large_from,
        pdf_max=args.pdf_max if args.pdf_max is not None else (20 if quick else 10**9),
        edition=not args.no_edition,
        results_md=results_md,
        plot=plot,
        keep=args.keep,
        tag="quick" if quick else "run",
    )
    suite.RESULTS.mkdir(parents=True, exist_ok=True)
    command = shlex.join(["python", "-m", "benchmarks", *(sys.argv[1:] if argv is None else argv)])
    suite.run(plan, command)
    return 0


if __name__ == "__main__":
    sys.exit(main())
