"""The benchmark suite of the reader: ``python -m benchmarks`` (not part of the tests).

Modules: :mod:`~benchmarks.corpus` writes the generated corpus in its two variants
(plain Sphinx and the reader) and makes the edits; :mod:`~benchmarks.scenarios`
times the commands; :mod:`~benchmarks.suite` runs a whole benchmark;
:mod:`~benchmarks.report` makes the tables, RESULTS.md and the plot;
:mod:`~benchmarks.machine` describes the machine; :mod:`~benchmarks.profile`
profiles one reader build; :mod:`~benchmarks.reader_latex` is the reader's LaTeX
step on its own.
"""
