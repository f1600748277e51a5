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

from reader.extension.report import warn

#: kind -> (label in the singular, register title)
KINDS: dict[str, tuple[str, str]] = {
    "person": ("person", "People"),
    "gloss": ("term", "Glossary"),
    "place": ("place", "Places"),
    "org": ("organisation", "Organisations"),
    "event": ("event", "Events"),
}


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


class Mention(NamedTuple):
    kind: str
    id: str
    docname: str
    anchor: str
    lineno: int


def anchor_of(kind: str, ident: str) -> str:
    return nodes.make_id(f"ann-{kind}-{ident}")


class AnnotationDomain(Domain):
    """Annotations and their mentions (``ann`` domain)."""

    name = "ann"
    label = "Annotations"
    object_types = {kind: ObjType(label, kind) for kind, (label, _) in KINDS.items()}
    data_version = 1
    initial_data: dict[str, Any] = {"annotations": {}, "mentions": []}

    @property
    def annotations(self) -> dict[tuple[str, str], Annotation]:
        return self.data.setdefault("annotations", {})

    @property
    def mentions(self) -> list[Mention]:
        return self.data.setdefault("mentions", [])

    def clear_doc(self, docname: str) -> None:
        for key, ann in list(self.annotations.items()):
            if ann.docname == docname:
                del self.annotations[key]
        self.data["mentions"] = [m for m in self.mentions if m.docname != docname]

    def merge_domaindata(self, docnames: Set[str], otherdata: dict[str, Any]) -> None:
        for ann in otherdata["annotations"].values():
            if ann.docname in docnames:
                self.note_annotation(ann)
        self.mentions.extend(m for m in otherdata["mentions"] if m.docname in docnames)

    def note_annotation(self, ann: Annotation) -> bool:
        """Register *ann*; warn and return False when its id is already defined."""
        other = self.annotations.get((ann.kind, ann.id))
        if other is not None and other != ann:
            warn(
                "annotation_duplicate",
                f"the {KINDS[ann.kind][0]} {ann.id!r} is already defined at "
                f"{self.env.doc2path(other.docname)}:{other.lineno}",
                (ann.docname, ann.lineno),
            )
            return False
        self.annotations[(ann.kind, ann.id)] = ann
        return True

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
        for ann in self.annotations.values():
            yield f"{ann.kind}.{ann.id}", ann.name, ann.kind, ann.docname, ann.anchor, 1

    def of_kind(self, kind: str) -> Iterable[Annotation]:
        return (a for a in self.annotations.values() if a.kind == kind)
