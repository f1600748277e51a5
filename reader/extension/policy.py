"""What the texts may not do: raw markup and file inclusion, unless conf.py allows them.

``.. raw::`` puts unchecked HTML or LaTeX into the editions (a script on the site,
markup an e-reader rejects), and ``.. include::``, ``literalinclude`` and
``csv-table :file:`` can read any file on the machine into a published text.  The
docutils settings ``raw_enabled`` and ``file_insertion_enabled`` switch them off
for every text and register unless ``reader_allow_raw = True``; docutils then
reports each use at its line, which the reader codes ``rst_disabled`` (an error).
"""

from __future__ import annotations

from sphinx.application import Sphinx


def apply(app: Sphinx) -> None:
    """``builder-inited``: raw markup and file inclusion as conf.py allows."""
    allowed = bool(app.config.reader_allow_raw)
    app.env.settings["raw_enabled"] = allowed
    app.env.settings["file_insertion_enabled"] = allowed
