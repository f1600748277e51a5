"""Where a reader HTML build spends its time: ``python -m benchmarks --profile clean|edit``.

Generates the reader corpus (200 texts by default), then runs one HTML build in this
process under pyinstrument, through :func:`reader.runner.editions.build_editions`,
the function behind ``reader build --format html``:

* ``clean``: the build from scratch;
* ``edit``: a first build in a separate process (not profiled), one text edited as
  the benchmark's "edit one text" scenario does, then the rebuild, profiled.

The reports go to ``benchmarks/.results/profile-<kind>-<texts>.html`` (the call tree,
to open in a browser), ``.txt`` (the call tree, then the functions by their own and
by their total time) and ``.pyisession`` (for ``pyinstrument --load``), so that hot
spots can be named with figures before and after a change.  The profiler slows the
build down (about 1.5-2x): compare profiles with profiles, and timings with
``python -m benchmarks``.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from benchmarks.corpus import Shape, edit_text, generate
from benchmarks.suite import RESULTS


def profile(kind: str, texts: int = 200) -> Path:
    """Profile one reader HTML build of *kind* on a corpus of *texts*; return the
    text report's path."""
    from pyinstrument import Profiler

    from reader.runner.editions import build_editions

    folder = Path(tempfile.mkdtemp(prefix="reader-profile-"))
    RESULTS.mkdir(parents=True, exist_ok=True)
    stem = RESULTS / f"profile-{kind}-{texts}"
    try:
        corpus = generate(folder / "reader", Shape(texts), "reader")
        if kind == "edit":
            print(f"profile: a first build of {texts} texts (not profiled)", flush=True)
            subprocess.run(
                [sys.executable, "-m", "reader", "build", "-f", "html", "-q"]
                + ["--project", str(corpus.root)],
                stdout=subprocess.DEVNULL,
                stderr=subprocess.DEVNULL,
                check=True,
            )
            edit_text(corpus, 0)
        print(f"profile: {kind} HTML build of {texts} texts under pyinstrument", flush=True)
        with open(f"{stem}-warnings.log", "w", encoding="utf-8") as warnings:
            profiler = Profiler(interval=0.002)  # coarser: less overhead on deep stacks
            started = time.perf_counter()
            profiler.start()
            build_editions(corpus.root, ["html"], status=None, warning=warnings)
            profiler.stop()
            elapsed = time.perf_counter() - started
    finally:
        shutil.rmtree(folder, ignore_errors=True)
    tree = profiler.output_text(unicode=True, color=False)
    flat = profiler.output_text(unicode=True, color=False, flat=True)
    # total (inclusive) time names the callers that add up, e.g. the navigation
    # that every page builds, which no single function's own time shows
    total = profiler.output_text(unicode=True, color=False, flat=True, flat_time="total")
    Path(f"{stem}.html").write_text(profiler.output_html(), encoding="utf-8")
    profiler.last_session.save(f"{stem}.pyisession")  # `pyinstrument --load` re-renders it
    report = Path(f"{stem}.txt")
    report.write_text(
        f"{kind} HTML build of {texts} texts: {elapsed:.1f} s (under the profiler)\n\n"
        f"{tree}\n\nFunctions by own time:\n\n{flat}\n\nFunctions by total time:\n\n{total}",
        encoding="utf-8",
    )
    print("\n".join(flat.splitlines()[:40]))
    print(f"\nprofile: {elapsed:.1f} s; reports in {stem}.html and {report}")
    return report
