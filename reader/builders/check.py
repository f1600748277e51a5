"""The ``reader-check`` builder: Sphinx reads the texts and writes nothing.

``reader check`` runs it: the texts are read (only those changed since the last
check: its environment is kept in ``_build/doctrees/check``), every problem is
reported by the same code as in a build, and no page is written.
"""

from __future__ import annotations

from collections.abc import Set

from docutils import nodes
from sphinx.builders import Builder


class CheckBuilder(Builder):
    """Read, check, write nothing."""

    name = "reader-check"
    epilog = "The sources were checked; nothing was written."
    allow_parallel = True
    writes_nothing = True  # so that the extension need not stop before writing

    def init(self) -> None:
        pass

    def get_outdated_docs(self) -> list[str]:
        return []

    def get_target_uri(self, docname: str, typ: str | None = None) -> str:
        return ""

    def prepare_writing(self, docnames: Set[str]) -> None:
        pass

    def write_documents(self, docnames: Set[str]) -> None:
        pass

    def write_doc(self, docname: str, doctree: nodes.document) -> None:
        pass

    def finish(self) -> None:
        pass
