"""Problems that only the whole book shows, found on every build once the texts are read.

A text read alone cannot know that an annotation it mentions is defined nowhere,
that its quotation's id is taken elsewhere, or that no toctree includes it.  These
checks run on ``env-updated`` (every build, ``reader check`` included, whether or not a
text was read again) from the domains' data alone, so they cost nothing per text.
Sphinx's own reports of the same faults come later (or, on a build that reads
nothing, never): the resolver's are silenced in :func:`silence_resolved`.
"""

from __future__ import annotations

import difflib
from typing import Any, cast

from sphinx import addnodes
from sphinx.application import Sphinx
from sphinx.environment import BuildEnvironment
from sphinx.util import docname_join

from reader.extension.annotation_domain import AnnotationDomain
from reader.extension.bibcheck import bib_index
from reader.extension.book import reading_order
from reader.extension.domain import ReaderDomain, ReferenceRecord
from reader.extension.lines import node_line
from reader.extension.report import warn
from reader.sources.ids import id_fault
from reader.sources.kinds import KINDS


def check_book(app: Sphinx, env: BuildEnvironment) -> None:
    """``env-updated``: report what only the whole book shows.

    Where an annotation or a quotation id is defined twice, the first in the order of
    the book counts and the later one is reported.
    """
    order = reading_order(env)
    cast(AnnotationDomain, env.get_domain("ann")).index(order)
    cast(ReaderDomain, env.get_domain("reader")).index(order)
    _annotations(env)
    _quotations(env)
    _uncited(app, env)
    _references(env)
    _not_included(env)


def _annotations(env: BuildEnvironment) -> None:
    domain = cast(AnnotationDomain, env.get_domain("ann"))
    first = domain.annotations
    for ann in sorted(domain.definitions, key=lambda a: (a.docname, a.lineno)):
        kept = first[(ann.kind, ann.id)]
        if kept is not ann:
            warn(
                "annotation_duplicate",
                f"the {KINDS[ann.kind][0]} {ann.id!r} is already defined at "
                f"{env.doc2path(kept.docname)}:{kept.lineno}",
                (ann.docname, ann.lineno),
            )
    mentioned = set()
    for mention in sorted(domain.mentions, key=lambda m: (m.docname, m.lineno)):
        mentioned.add((mention.kind, mention.id))
        if (mention.kind, mention.id) in first:
            continue
        close = domain.close_matches(mention.kind, mention.id)
        also = f" (close matches: {', '.join(close)})" if close else ""
        elsewhere = domain.close_matches_any(mention.id)
        if elsewhere:
            also += f"; there is a {KINDS[elsewhere[0]][0]} {mention.id!r}: use :{elsewhere[0]}:"
        warn(
            "annotation_unknown",
            f"no {mention.kind} annotation has the id {mention.id!r}{also}",
            (mention.docname, mention.lineno),
        )
    for (kind, ident), ann in sorted(first.items(), key=lambda i: (i[1].docname, i[1].lineno)):
        if (kind, ident) not in mentioned:
            warn(
                "annotation_unused",
                f"the {KINDS[kind][0]} {ident!r} is mentioned nowhere (no :{kind}:`... <{ident}>`)",
                (ann.docname, ann.lineno),
            )


def _quotations(env: BuildEnvironment) -> None:
    domain = cast(ReaderDomain, env.get_domain("reader"))
    first = domain.quotations
    for quote in sorted(domain.quotation_records, key=lambda q: (q.docname, q.lineno)):
        if fault := id_fault(quote.id):
            warn("quote_id_invalid", fault, (quote.docname, quote.lineno))
        kept = first[quote.id]
        if kept is not quote:
            warn(
                "quote_duplicate_id",
                f"duplicate quotation id {quote.id!r}, also at "
                f"{env.doc2path(kept.docname)}:{kept.lineno}",
                (quote.docname, quote.lineno),
            )


def _uncited(app: Sphinx, env: BuildEnvironment) -> None:
    domain = cast(ReaderDomain, env.get_domain("reader"))
    cited = {key.lower() for key in domain.cited_keys()}
    index = bib_index(app)
    for lower, key in index.keys.items():
        place = index.place(key)
        if lower in cited or place is None:
            continue
        warn(
            "bib_uncited",
            f"the entry `{key}` is cited nowhere (no :cite: and no :sources:)",
            f"{place[0]}:{place[1]}",
        )


def _references(env: BuildEnvironment) -> None:
    domain = cast(ReaderDomain, env.get_domain("reader"))
    std = env.domains.standard_domain
    labels = set(std.labels) | set(std.anonlabels)
    for ref in sorted(domain.references, key=lambda r: (r.docname, r.lineno)):
        if ref.role == "doc" and ref.target not in env.all_docs:
            warn("ref_broken", f":doc: {_missing_text(env, ref.target)}", (ref.docname, ref.lineno))
        elif ref.role == "ref" and ref.target not in labels:
            warn(
                "ref_broken",
                f":ref: to the label `{ref.target}`, which no `.. _{ref.target}:` defines",
                (ref.docname, ref.lineno),
            )


def _missing_text(env: BuildEnvironment, target: str) -> str:
    if any((env.srcdir / f"{target}{suffix}").is_file() for suffix in env.config.source_suffix):
        return f"`{target}` is excluded by exclude_patterns in conf.py"
    close = difflib.get_close_matches(target, list(env.all_docs), n=3, cutoff=0.6)
    also = f" (close matches: {', '.join(close)})" if close else ""
    return f"`{target}` is no text{also}"


def _not_included(env: BuildEnvironment) -> None:
    included = set().union(*env.toctree_includes.values(), *env.included.values())
    root = env.config.root_doc
    for docname in sorted(env.all_docs):
        if docname == root or docname in included or "orphan" in env.metadata[docname]:
            continue
        warn(
            "ref_broken",
            f"the text `{docname}` is in no toctree, so no reader can reach it: add it "
            f"to a toctree (in {root}) or mark it :orphan:",
            (docname, 1),
        )


def note_references(app: Sphinx, doctree: Any) -> None:
    """``doctree-read``: remember each ``:doc:`` and ``:ref:`` for :func:`_references`."""
    env = app.env
    domain = cast(ReaderDomain, env.get_domain("reader"))
    for node in doctree.findall(addnodes.pending_xref):
        if node.get("refdomain") != "std" or node.get("reftype") not in ("doc", "ref"):
            continue
        target = node["reftarget"]
        if node["reftype"] == "doc":
            target = docname_join(node.get("refdoc", env.docname), target)
        domain.references.append(
            ReferenceRecord(env.docname, node_line(node), node["reftype"], target)
        )


def silence_resolved(app: Sphinx, domain: Any, node: addnodes.pending_xref) -> bool | None:
    """``warn-missing-reference``: the faults :func:`check_book` reports are not reported
    twice (the resolver would report them without a reader code)."""
    if domain is None:
        return None
    if domain.name == "ann" or (domain.name == "std" and node.get("reftype") in ("doc", "ref")):
        return True
    return None
