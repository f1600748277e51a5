"""The pages of each text in the PDF, read from the LaTeX build's ``.aux`` file.

The LaTeX translator labels where each text begins (Sphinx's ``<docname>::doc``)
and ends (``<docname>:reader-end``, :mod:`reader.builders.latex_translator`);
LaTeX writes the page of every label to the ``.aux`` file.  A chapter cited as a
whole gives its page range, as a chapter of a printed book does.

Pages are only given when the PDF is up to date: an ``.aux`` file older than a
text, conf.py or refs.bib would give the pages of an earlier book.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from pathlib import Path

END_LABEL = "reader-end"
_NEWLABEL = re.compile(r"^\\newlabel\{([^{}]*)\}\{\{[^{}]*\}\{([^{}]*)\}", re.M)


def read_aux(text: str) -> dict[str, str]:
    """label -> page, from the ``\\newlabel`` lines of an ``.aux`` file."""
    return {label: page for label, page in _NEWLABEL.findall(text)}


def page_ranges(labels: dict[str, str]) -> dict[str, str]:
    """docname -> "first–last" (or the one page) for every text with both labels."""
    ranges = {}
    for label, first in labels.items():
        if not label.endswith("::doc"):
            continue
        docname = label[: -len("::doc")]
        last = labels.get(f"{docname}:{END_LABEL}")
        if last is None or not first:
            continue
        ranges[docname] = first if last == first else f"{first}–{last}"
    return ranges


def pdf_pages(aux: Path, sources: Iterable[Path]) -> dict[str, str]:
    """The page ranges of the texts in the PDF whose ``.aux`` file is *aux*, if it is
    newer than every one of *sources*; else none."""
    try:
        built = aux.stat().st_mtime
        text = aux.read_text(encoding="utf-8", errors="replace")
    except OSError:
        return {}
    if any(source.stat().st_mtime > built for source in sources if source.exists()):
        return {}
    return page_ranges(read_aux(text))
