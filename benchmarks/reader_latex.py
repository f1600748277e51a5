"""The reader's LaTeX step alone: ``python -m benchmarks.reader_latex PROJECT``.

``reader build --format pdf`` runs Sphinx's LaTeX builder and then latexmk in one
command; the benchmark times the two apart, so this runs the first half exactly as
:func:`reader.runner.editions.build_editions` does (same output and doctree
folders, quiet status, problems to stderr).  latexmk is then run by the benchmark
itself, with the reader's flags, the same for both variants.
"""

from __future__ import annotations

import sys
from pathlib import Path

from reader.runner.sphinx import BuildFailed, run_sphinx


def main(argv: list[str]) -> int:
    project = Path(argv[0]).resolve()
    out = project / "_build"
    try:
        run_sphinx(
            "latex",
            project,
            out / "latex",
            out / "doctrees" / "latex",
            status=None,
            warning=sys.stderr,
        )
    except BuildFailed as error:
        print(f"reader latex: failed: {error}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
