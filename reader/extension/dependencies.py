"""Which texts to read and which pages to write again after a change, and no others.

Sphinx reads again what changed and writes what it read.  Some pages show what other
texts contribute, so they are written again when that changes:

* a register entry lists the mentions of its annotation: its page is written again
  when a text's mentions of it change (or that text's title, which the list shows);
* a page with a mention shows the annotation in a popup: it is written again when
  the annotation's name, dates or summary change;
* the timeline lists every event and its mentions;
* a list of every work cited (``works-cited:: cited``) changes with what the texts
  cite, and any list of works with refs.bib;
* the navigation of every page shows every title and the order of the book: a
  changed title or toctree writes every page;
* a chapter's Cite panel gives its pages in the PDF: a new PDF whose page ranges
  differ writes the chapters again.

A text's notes are made when it is read, from refs.bib: the texts that cite an entry
that changed are read again (and a text that cited a key refs.bib lacked, when keys
are added).

``env-get-outdated`` records what the texts about to be read contributed before;
``env-get-updated`` compares it with what they contribute now.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable
from typing import Any, NamedTuple, cast

from sphinx.application import Sphinx
from sphinx.environment import BuildEnvironment

from reader.exports.edition import EditionInfo
from reader.extension.annotation_domain import AnnotationDomain
from reader.extension.book import chapter_numbers
from reader.extension.domain import ReaderDomain


class Listing(NamedTuple):
    """A page that lists what the whole book holds: ``cited``, ``all`` or ``timeline``."""

    docname: str
    kind: str


class Contribution(NamedTuple):
    """What one text gives other pages."""

    title: str
    mentions: frozenset[tuple[str, str, str]]  # kind, id, anchor
    definitions: frozenset[tuple[Any, ...]]  # the annotations it defines, as shown
    cited: frozenset[str]
    toctrees: tuple[Any, ...]


def listings(env: BuildEnvironment) -> list[Listing]:
    return cast("list[Listing]", cast(ReaderDomain, env.get_domain("reader")).listings)


def _contribution(env: BuildEnvironment, docname: str) -> Contribution:
    reader = cast(ReaderDomain, env.get_domain("reader"))
    ann = cast(AnnotationDomain, env.get_domain("ann"))
    record = reader.texts.get(docname)
    return Contribution(
        title=record.title if record else "",
        mentions=frozenset((m.kind, m.id, m.anchor) for m in ann.mentions if m.docname == docname),
        definitions=frozenset(
            (a.kind, a.id, a.name, a.summary, a.date, a.end, a.when)
            for a in ann.definitions
            if a.docname == docname
        ),
        cited=frozenset(c.key.lower() for c in reader.citations if c.docname == docname),
        toctrees=tuple(
            (t.lineno, t.numbered, t.caption, t.entries)
            for t in reader.toctrees
            if t.docname == docname
        ),
    )


def fingerprint(entry: Any) -> str:
    """What a note shows of an entry, as a short hash: its type, fields and names."""
    parts = [entry.type.lower()]
    parts += [f"{name.lower()}={value}" for name, value in sorted(entry.fields.items())]
    parts += [
        f"{role}={[str(p) for p in people]}" for role, people in sorted(entry.persons.items())
    ]
    return hashlib.sha1("\x1f".join(parts).encode()).hexdigest()[:16]


def _bib_fingerprints(env: BuildEnvironment) -> dict[str, str]:
    cite = env.get_domain("cite")
    bibdata = getattr(cite, "bibdata", None)
    if bibdata is None:
        return {}
    return {key.lower(): fingerprint(entry) for key, entry in bibdata.data.entries.items()}


def _bib_stamp(env: BuildEnvironment) -> tuple[tuple[str, float], ...]:
    """The bibliography files and their times of change, as sphinxcontrib-bibtex saw them."""
    bibdata = getattr(env.get_domain("cite"), "bibdata", None)
    files = getattr(bibdata, "bibfiles", None) or {}
    return tuple(sorted((str(path), float(info.mtime)) for path, info in files.items()))


def before_reading(
    app: Sphinx, env: BuildEnvironment, added: set[str], changed: set[str], removed: set[str]
) -> list[str]:
    """``env-get-outdated``: remember what the texts to be read gave; the texts whose
    notes depend on entries of refs.bib that changed are read again too."""
    reader = cast(ReaderDomain, env.get_domain("reader"))
    previous = reader.data.get("bib_fingerprints", {})
    stamp = _bib_stamp(env)
    if stamp and stamp == reader.data.get("bib_stamp") and previous:
        current = previous  # the files are as they were: no entry can have changed
    else:
        current = _bib_fingerprints(env)
    reader.data["bib_fingerprints"] = current
    reader.data["bib_stamp"] = stamp
    entries_changed = {
        key for key in current.keys() | previous.keys() if current.get(key) != previous.get(key)
    }
    reread: set[str] = set()
    if entries_changed and previous:
        reread = {c.docname for c in reader.citations if c.key.lower() in entries_changed}
        reread |= {p.docname for p in reader.data.get("problems", []) if p.code == "key_not_found"}
        reread &= set(env.all_docs)
    before = {name: _contribution(env, name) for name in changed | removed | reread}
    app._reader_before = before  # type: ignore[attr-defined]
    app._reader_removed = set(removed)  # type: ignore[attr-defined]
    app._reader_bib_changed = bool(entries_changed and previous)  # type: ignore[attr-defined]
    pages = EditionInfo.from_config(app.config, app.confdir).pages
    app._reader_pages_changed = pages != tuple(reader.data.get("pdf_pages", ()))  # type: ignore[attr-defined]
    reader.data["pdf_pages"] = pages
    return sorted(reread - changed)


def pages_to_write(app: Sphinx, env: BuildEnvironment) -> list[str]:
    """``env-get-updated``: the pages that show what the texts read this time changed."""
    before: dict[str, Contribution] = getattr(app, "_reader_before", {})
    read = set(getattr(app, "_reader_reading", set()))
    removed = getattr(app, "_reader_removed", set())
    touched = read | removed
    chapters: set[str] = set()
    if getattr(app, "_reader_pages_changed", False):
        chapters = set(chapter_numbers(env)) - read
    if not touched and not getattr(app, "_reader_bib_changed", False):
        return sorted(chapters)
    empty = Contribution("", frozenset(), frozenset(), frozenset(), ())
    after = {name: _contribution(env, name) if name in read else empty for name in touched}
    old = {name: before.get(name, empty) for name in touched}

    if any(old[n].title != after[n].title or old[n].toctrees != after[n].toctrees for n in touched):
        return sorted(env.all_docs)  # every page's navigation shows titles and order

    ann = cast(AnnotationDomain, env.get_domain("ann"))
    mentioned: set[tuple[str, str]] = set()  # annotations whose list of mentions changed
    redefined: set[tuple[str, str]] = set()  # annotations whose name, dates or summary did
    for name in touched:
        mentioned |= {(k, i) for k, i, _ in old[name].mentions ^ after[name].mentions}
        redefined |= {(d[0], d[1]) for d in old[name].definitions ^ after[name].definitions}
    pages: set[str] = set()
    defined = ann.annotations
    for key in mentioned | redefined:
        if key in defined:
            pages.add(defined[key].docname)  # its register entry
    for key in redefined:
        pages |= {m.docname for m in ann.mentions if (m.kind, m.id) == key}  # popups
    kinds = {kind for kind, _ in mentioned | redefined}
    cited_changed = any(old[n].cited != after[n].cited for n in touched)
    bib_changed = getattr(app, "_reader_bib_changed", False)
    for listing in listings(env):
        if (
            (listing.kind == "timeline" and "event" in kinds)
            or (listing.kind == "cited" and (cited_changed or bib_changed))
            or (listing.kind == "all" and bib_changed)
        ):
            pages.add(listing.docname)
    return sorted(((pages | chapters) - read) & set(env.all_docs))


def note_listings(docname: str, kinds: Iterable[str], env: BuildEnvironment) -> None:
    """Record that *docname* lists what the whole book holds (read time)."""
    domain = cast(ReaderDomain, env.get_domain("reader"))
    for kind in sorted(set(kinds)):
        domain.listings.append(Listing(docname, kind))
