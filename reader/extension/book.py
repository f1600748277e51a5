"""The book as the environment knows it: texts in reading order, chapters, what each cites.

:func:`book_of` turns the domains' data into plain records, the one model of the
texts that the Cite panel, the exports, ``reader stats`` and ``reader new`` share.
The reading order is the toctrees' (depth first from the root document); the
chapters are the texts of a ``:numbered:`` toctree, numbered as Sphinx numbers them.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import cast

from sphinx.environment import BuildEnvironment

from reader.extension.annotation_domain import Annotation, AnnotationDomain
from reader.extension.domain import (
    CitationRecord,
    QuotationRecord,
    ReaderDomain,
    ToctreeRecord,
)


@dataclass(frozen=True)
class Text:
    """One text of the book."""

    docname: str
    path: Path
    title: str
    words: int
    order: int | None  # place in the reading order (the root is 0); None: in no toctree
    chapter: int | None  # its number, for the texts of a numbered toctree
    citations: tuple[CitationRecord, ...]
    quotations: tuple[QuotationRecord, ...]
    notes: int = 0
    editors_notes: int = 0
    mentions: tuple[tuple[str, str], ...] = ()  # (kind, id) of each mention, in order
    paragraphs: tuple[str, ...] = ()

    def cited_keys(self) -> list[str]:
        """Every key the text cites, once each, in order of first citation."""
        keys: dict[str, None] = {}
        for citation in sorted(self.citations, key=lambda c: c.lineno):
            keys.setdefault(citation.key, None)
        return list(keys)


@dataclass(frozen=True)
class Book:
    """All texts, in the order of the book (then those in no toctree, by name)."""

    source_dir: Path
    root_doc: str
    texts: dict[str, Text]
    chapters: tuple[str, ...] = field(default=())
    annotations: dict[tuple[str, str], Annotation] = field(default_factory=dict)
    toctrees: tuple[ToctreeRecord, ...] = ()

    def chapter(self, number: int) -> Text:
        """The *number*-th chapter (from 1); IndexError if there is none."""
        if not 1 <= number <= len(self.chapters):
            raise IndexError(number)
        return self.texts[self.chapters[number - 1]]

    def quotations(self) -> dict[str, QuotationRecord]:
        """Every quotation of the book by id (the first, if an id is used twice)."""
        found: dict[str, QuotationRecord] = {}
        for text in self.texts.values():
            for quotation in text.quotations:
                found.setdefault(quotation.id, quotation)
        return found


def reading_order(env: BuildEnvironment) -> list[str]:
    """The texts in the order of the book: the toctrees, depth first from the root."""
    seen: dict[str, None] = {}

    def walk(docname: str) -> None:
        if docname in seen or docname not in env.all_docs:
            return
        seen[docname] = None
        for child in env.toctree_includes.get(docname, []):
            walk(child)

    walk(env.config.root_doc)
    return list(seen)


def chapter_numbers(env: BuildEnvironment) -> dict[str, int]:
    """The chapters: the texts that a numbered toctree numbers, with their numbers."""
    numbers = {}
    for docname, anchors in env.toc_secnumbers.items():
        number = anchors.get("")
        if number and len(number) == 1 and docname in env.all_docs:
            numbers[docname] = number[0]
    return numbers


def book_of(env: BuildEnvironment) -> Book:
    """The book, from what the environment holds after reading."""
    domain = cast(ReaderDomain, env.get_domain("reader"))
    annotations = cast(AnnotationDomain, env.get_domain("ann"))
    mentions: dict[str, list[tuple[str, str]]] = {}
    for mention in sorted(annotations.mentions, key=lambda m: m.lineno):
        mentions.setdefault(mention.docname, []).append((mention.kind, mention.id))
    order = {name: index for index, name in enumerate(reading_order(env))}
    numbers = chapter_numbers(env)
    citations: dict[str, list[CitationRecord]] = {}
    for citation in domain.citations:
        citations.setdefault(citation.docname, []).append(citation)
    quotations: dict[str, list[QuotationRecord]] = {}
    for quotation in domain.quotation_records:
        quotations.setdefault(quotation.docname, []).append(quotation)
    ranked = sorted(env.all_docs, key=lambda n: (n not in order, order.get(n, 0), n))
    texts = {}
    for name in ranked:
        record = domain.texts.get(name)
        texts[name] = Text(
            docname=name,
            path=Path(env.doc2path(name)),
            title=record.title if record else "",
            words=record.words if record else 0,
            order=order.get(name),
            chapter=numbers.get(name),
            citations=tuple(sorted(citations.get(name, []), key=lambda c: c.lineno)),
            quotations=tuple(sorted(quotations.get(name, []), key=lambda q: q.lineno)),
            notes=record.notes if record else 0,
            editors_notes=record.editors_notes if record else 0,
            mentions=tuple(mentions.get(name, [])),
            paragraphs=record.paragraphs if record else (),
        )
    chapters = tuple(sorted(numbers, key=numbers.__getitem__))
    toctrees = tuple(sorted(domain.toctrees, key=lambda t: (t.docname, t.lineno)))
    return Book(
        Path(env.srcdir), env.config.root_doc, texts, chapters, annotations.annotations, toctrees
    )
