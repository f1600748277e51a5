"""Annotations (defined on the register pages) and their mentions: ids, fields, use.

Codes: ``annotation_unknown``, ``annotation_unused``, ``annotation_duplicate``,
``annotation_field``.  An annotation is named by its kind and id, as in the build:
``:place:`x``` does not find ``.. person:: x``.
"""

from __future__ import annotations

import difflib
from collections.abc import Iterator

from reader.checks.project import Project
from reader.diagnostics import Problem
from reader.sources.ids import id_fault
from reader.sources.texts import ANNOTATION_KINDS, AnnotationDefinition

CODES = ("annotation_unknown", "annotation_unused", "annotation_duplicate", "annotation_field")

#: The options every kind takes, then those of each kind (the directives' option_spec).
COMMON_OPTIONS = ("name", "original", "sources")
OPTIONS: dict[str, tuple[str, ...]] = {
    "person": (*COMMON_OPTIONS, "born", "died"),
    "gloss": COMMON_OPTIONS,
    "place": (*COMMON_OPTIONS, "modern"),
    "org": (*COMMON_OPTIONS, "founded", "dissolved"),
    "event": (*COMMON_OPTIONS, "date", "end"),
}
#: The register page (docname) where each kind is defined.
REGISTERS = {
    "person": "people",
    "gloss": "glossary",
    "place": "places",
    "org": "organisations",
    "event": "events",
}
#: How messages name each kind (the build's labels).
LABELS = {
    "person": "person",
    "gloss": "term",
    "place": "place",
    "org": "organisation",
    "event": "event",
}


def check(project: Project) -> Iterator[Problem]:
    """Every problem of the annotation definitions and mentions of the project."""
    defined: dict[tuple[str, str], tuple[str, AnnotationDefinition]] = {}
    for text in project.texts():
        file = project.file(text.docname)
        for definition in project.markup[text.docname].definitions:
            yield from _field_problems(file, definition)
            key = (definition.kind, definition.id)
            first = defined.setdefault(key, (file, definition))
            if first[1] is not definition:
                yield Problem(
                    "annotation_duplicate",
                    file,
                    definition.line,
                    f"the {LABELS[definition.kind]} {definition.id!r} is already defined at "
                    f"{first[0]}:{first[1].line}",
                )
    mentioned: set[tuple[str, str]] = set()
    for text in project.texts():
        file = project.file(text.docname)
        for mention in project.markup[text.docname].mentions:
            key = (mention.role, mention.target)
            mentioned.add(key)
            if key not in defined:
                yield Problem(
                    "annotation_unknown",
                    file,
                    mention.line,
                    _unknown(mention.role, mention.target, set(defined)),
                )
    for (kind, ident), (file, definition) in defined.items():
        if (kind, ident) not in mentioned and ident:
            yield Problem(
                "annotation_unused",
                file,
                definition.line,
                f"the {LABELS[kind]} {ident!r} is mentioned nowhere (no :{kind}:`... <{ident}>`)",
            )


def _unknown(kind: str, ident: str, defined: set[tuple[str, str]]) -> str:
    """The message for a mention of an annotation that is not defined."""
    if not ident:
        return f"a :{kind}: mention names no id; write :{kind}:`Words <id>`"
    ids = sorted(i for (k, i) in defined if k == kind)
    close = difflib.get_close_matches(ident, ids, n=3, cutoff=0.6)
    also = f" (close matches: {', '.join(close)})" if close else ""
    elsewhere = [k for k in ANNOTATION_KINDS if (k, ident) in defined]
    if elsewhere:
        also += f"; there is a {LABELS[elsewhere[0]]} {ident!r}: use :{elsewhere[0]}:"
    return f"no {kind} annotation has the id {ident!r}{also}"


def _field_problems(file: str, definition: AnnotationDefinition) -> Iterator[Problem]:
    """A missing id or :name:, an event without :date:, options the kind does not take."""
    kind, label = definition.kind, LABELS[definition.kind]
    where = f"the {label} {definition.id!r}"
    if not definition.id:
        yield Problem(
            "annotation_field",
            file,
            definition.line,
            f"the {kind} directive has no id: write `.. {kind}:: some-id`",
        )
        where = f"this {label}"
    elif fault := id_fault(definition.id):
        yield Problem("annotation_field", file, definition.line, fault)
    name = definition.option("name")
    if name is None or not name.value:
        yield Problem("annotation_field", file, definition.line, f"{where} has no :name:")
    if kind == "event":
        date = definition.option("date")
        if date is None or not date.value:
            yield Problem(
                "annotation_field",
                file,
                definition.line,
                f"{where}: an event needs a :date: with its calendar",
            )
    for option in definition.options:
        if option.name not in OPTIONS[kind]:
            yield Problem(
                "annotation_field",
                file,
                option.line,
                f"{where} has the option :{option.name}:, which a {kind} does not take "
                f"(it takes {', '.join(':' + o + ':' for o in OPTIONS[kind])})",
            )
