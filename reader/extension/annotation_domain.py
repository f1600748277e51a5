"""The registry of annotations: people, terms, places, organisations and events.

Each annotation is defined once (a directive on a register page) and mentioned
anywhere (a role in a text).  The ``ann`` domain keeps both, per docname, so
registers can list every mention and incremental and parallel builds stay
right.
"""

from __future__ import annotations

import difflib
from collections.abc import Iterable, Iterator, Set
from typing import Any, NamedTuple

from docutils import nodes
from sphinx.domains import Domain, ObjType
from sphinx.util.nodes import make_refnode

from reader.sources.kinds import KINDS


class Annotation(NamedTuple):
    kind: str
    id: str
    docname: str
    anchor: str
    name: str
    summary: str
    date: str  # ISO Gregorian start date for events (sorts the timeline), else ""
    end: str  # ISO Gregorian end date, or ""
    when: str  # the dates as printed, both calendars where they differ
    lineno: int
    index: str = ""  # as the index lists it ("Kerensky, Alexander")
    sortkey: str = ""  # what the index sorts it by ("kerensky, alexander")
    original: str = ""  # the name in its own language ("Лев Давидович Троцкий")


class Mention(NamedTuple):
    kind: str
    id: str
    docname: str
    anchor: str
    lineno: int


def anchor_of(kind: str, ident: str) -> str:
    return nodes.make_id(f"ann-{kind}-{ident}")


class AnnotationDomain(Domain):
    """Annotations and their mentions (``ann`` domain).

    Every definition is kept, a duplicate too: the consistency check, which runs on
    every build, reports it; the first definition (texts in name order) is the one
    that counts.
    """

    name = "ann"
    label = "Annotations"
    object_types = {kind: ObjType(label, kind) for kind, (label, _) in KINDS.items()}
    data_version = 4
    initial_data: dict[str, Any] = {"annotations": [], "mentions": []}

    @property
    def definitions(self) -> list[Annotation]:
        """Every definition, duplicates included."""
        return self.data.setdefault("annotations", [])

    @property
    def annotations(self) -> dict[tuple[str, str], Annotation]:
        """The annotations by (kind, id): the first definition of each, in the order of
        the book (fixed by :meth:`index` once every text is read)."""
        index = self.data.get("index")
        return (
            index
            if index is not None
            else self.index(sorted({a.docname for a in self.definitions}))
        )

    def index(self, order: list[str]) -> dict[tuple[str, str], Annotation]:
        """Fix which definition of each annotation counts: the first in *order* (docnames),
        then by line."""
        rank = {name: n for n, name in enumerate(order)}
        found: dict[tuple[str, str], Annotation] = {}
        for ann in sorted(
            self.definitions, key=lambda a: (rank.get(a.docname, len(rank)), a.docname, a.lineno)
        ):
            found.setdefault((ann.kind, ann.id), ann)
        self.data["index"] = found
        return found

    @property
    def mentions(self) -> list[Mention]:
        return self.data.setdefault("mentions", [])

    def clear_doc(self, docname: str) -> None:
        self.data.pop("index", None)
        self.data["annotations"] = [a for a in self.definitions if a.docname != docname]
        self.data["mentions"] = [m for m in self.mentions if m.docname != docname]

    def merge_domaindata(self, docnames: Set[str], otherdata: dict[str, Any]) -> None:
        self.data.pop("index", None)
        self.definitions.extend(a for a in otherdata["annotations"] if a.docname in docnames)
        self.mentions.extend(m for m in otherdata["mentions"] if m.docname in docnames)

    def note_annotation(self, ann: Annotation) -> None:
        self.definitions.append(ann)

    def update_annotation(self, ann: Annotation) -> None:
        """Replace the definition at *ann*'s place (the summary is set after reading)."""
        for index, old in enumerate(self.definitions):
            if (old.kind, old.id, old.docname, old.lineno) == (
                ann.kind,
                ann.id,
                ann.docname,
                ann.lineno,
            ):
                self.definitions[index] = ann

    def note_mention(self, mention: Mention) -> None:
        self.mentions.append(mention)

    def mentions_of(self, kind: str, ident: str) -> list[Mention]:
        """Every mention of one annotation, in the order of the texts' reading."""
        order = {doc: n for n, doc in enumerate(self._reading_order())}
        found = [m for m in self.mentions if (m.kind, m.id) == (kind, ident)]
        return sorted(found, key=lambda m: (order.get(m.docname, len(order)), m.lineno))

    def _reading_order(self) -> list[str]:
        root = self.env.config.root_doc
        seen: list[str] = []

        def walk(doc: str) -> None:
            if doc in seen:
                return
            seen.append(doc)
            for child in self.env.toctree_includes.get(doc, []):
                walk(child)

        walk(root)
        return seen

    def close_matches(self, kind: str, ident: str) -> list[str]:
        ids = [i for (k, i) in self.annotations if k == kind]
        return difflib.get_close_matches(ident, ids, n=3, cutoff=0.6)

    def resolve_xref(
        self,
        env: Any,
        fromdocname: str,
        builder: Any,
        typ: str,
        target: str,
        node: Any,
        contnode: nodes.Element,
    ) -> nodes.reference | None:
        if typ == "anchor":  # a backlink from a register to a mention
            docname, _, anchor = target.partition("#")
            return make_refnode(builder, fromdocname, docname, anchor, contnode)
        ann = self.annotations.get((typ, target))
        if ann is None:
            return None
        return make_refnode(builder, fromdocname, ann.docname, ann.anchor, contnode, ann.name)

    def resolve_any_xref(self, *args: Any, **kwargs: Any) -> list[Any]:
        return []

    def get_objects(self) -> Iterator[tuple[str, str, str, str, str, int]]:
        """Every annotation, named with its original form too: the site's search looks
        objects up by this name, so that "Троцкий" finds Trotsky's entry."""
        for ann in self.annotations.values():
            name = f"{ann.name} ({ann.original})" if ann.original else ann.name
            yield f"{ann.kind}.{ann.id}", name, ann.kind, ann.docname, ann.anchor, 1

    def of_kind(self, kind: str) -> Iterable[Annotation]:
        return (a for a in self.annotations.values() if a.kind == kind)

    def close_matches_any(self, ident: str) -> list[str]:
        """The kinds that define *ident* (a mention with the wrong role)."""
        return [kind for (kind, i) in self.annotations if i == ident]
