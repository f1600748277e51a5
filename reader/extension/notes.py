"""Citation notes: the footnote a citation makes, in the note style of the edition.

The first citation of a work in a text gets a full note, later ones a short note
(CMOS notes-bibliography; no "ibid.").  The notes are made while reading, in
reading order, and kept in the current document's data until
:class:`reader.extension.transforms.PlaceNotes` puts them into the document.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable
from typing import TYPE_CHECKING, Any, cast

from docutils import nodes
from pybtex.richtext import Text
from pybtex.style.template import FieldIsMissing

from reader.extension.domain import CitationRecord, ReaderDomain
from reader.extension.report import warn
from reader.sources.citations import (
    MARK_HERE,
    UNVERIFIED_MARK,
    CitationSyntaxError,
    CitationTarget,
    marked_locator,
    parse_citations,
)
from reader.sources.locators import empty_braces, locator_faults
from reader.styles import plugins
from reader.styles.punctuation import capitalised, with_final_period, without_final_period

if TYPE_CHECKING:
    from pybtex.database import Entry
    from sphinx.environment import BuildEnvironment


_PENDING = "reader_pending_notes"
_SEEN = "reader_seen_keys"


def note_style(env: BuildEnvironment) -> Any:
    """The pybtex style of the notes, looked up once per process (plugin look-ups are slow)."""
    return plugins.style(env.config.reader_note_style)


BACKEND = plugins.backend("docutils")


def bib_entries(env: BuildEnvironment) -> dict[str, Entry]:
    """The entries of refs.bib as parsed by sphinxcontrib-bibtex."""
    return env.get_domain("cite").bibdata.data.entries  # type: ignore[attr-defined]


def read_citation(env: BuildEnvironment, markup: str, location: Any) -> list[CitationTarget]:
    """The sources a citation markup names, each checked; [] when it cannot be read.

    Reports unreadable markup (``cite_syntax``), keys refs.bib lacks (``key_not_found``,
    with close matches), locators that do not follow the note style
    (``locator_malformed``) and unverified locators (``locator_unverified``, info).
    Only the sources found in refs.bib come back.
    """
    markup = " ".join(markup.split())  # a role may run over a line break
    try:
        targets = parse_citations(markup)
    except CitationSyntaxError as error:
        warn("cite_syntax", f"`{' '.join(markup.split())}`: {error}", location)
        return []
    if empty_braces(markup):
        warn(
            "locator_malformed",
            f"`{' '.join(markup.split())}` has empty braces: give the locator or remove the braces",
            location,
        )
    found = known_targets(env, targets, location)
    for target in found:
        for fault in locator_faults(target.locator) if target.locator else []:
            warn(
                "locator_malformed",
                f"the locator `{target.locator}` of `{target.key}`: {fault}",
                location,
            )
        if target.locator and not target.verified:
            warn(
                "locator_unverified",
                f"the locator `?{target.locator}` of `{target.key}` is not verified",
                location,
            )
    return found


def known_targets(
    env: BuildEnvironment, targets: list[CitationTarget], location: Any
) -> list[CitationTarget]:
    """The targets whose key is in refs.bib; the others are reported with close matches.

    Keys match without regard to case, as in BibTeX; each target comes back with the
    key as refs.bib spells it, so that one work is one work for notes and lists.
    """
    import difflib

    entries = bib_entries(env)
    found = []
    for target in targets:
        if target.key in entries:  # pybtex's entries ignore case
            found.append(dataclasses.replace(target, key=entries[target.key].key))
            continue
        close = difflib.get_close_matches(target.key, list(entries), n=3, cutoff=0.6)
        also = f" (close matches: {', '.join(close)})" if close else ""
        warn("key_not_found", f"citation key {target.key!r} is not in refs.bib{also}", location)
    return found


def note_part(
    env: BuildEnvironment, target: CitationTarget, first: bool, location: Any
) -> list[nodes.Node]:
    style = note_style(env)
    entry = bib_entries(env)[target.key]
    locator = marked_locator(target)
    form = "full_note" if first else "short_note"
    rendered: list[nodes.Node] = [nodes.Text(target.pre + " ")] if target.pre else []
    made = lambda: plugins.formatted(style, entry, form, locator)  # noqa: E731
    for node in render_safely(made, target.key, location):
        rendered.extend(place_mark(node))
    # the style ends each part with a period; the caller joins the parts with
    # semicolons and closes the note with end_note (reader.styles.punctuation)
    if rendered and isinstance(rendered[-1], nodes.Text):
        text = without_final_period(str(rendered[-1]))
        if text:
            rendered[-1] = nodes.Text(text)
        else:
            rendered.pop()
    return rendered


def end_note(paragraph: nodes.Element) -> None:
    """Close a note with one period, as :func:`with_final_period` has it."""
    last = paragraph.children[-1] if paragraph.children else None
    if isinstance(last, nodes.Text):
        # by position: replace() would find the first child *equal* to the last one
        paragraph[-1] = nodes.Text(with_final_period(str(last)))
    elif not paragraph.astext().endswith(("?", "!", "?”", "!”", ".", ".”")):
        paragraph += nodes.Text(".")


def render_safely(
    make: Callable[[], Text], key: str, location: Any, *, report: bool = True
) -> list[nodes.Node]:
    """Render rich text from the style; a missing field is reported (where the work is
    cited, when *report*: refs.bib's own check reports it at the entry), the key printed."""
    try:
        return make().render(BACKEND)
    except FieldIsMissing as error:
        if report:
            warn("bib_missing_field", f"cannot format {key!r}: {error}", location)
        return [nodes.Text(key)]


def place_mark(node: nodes.Node) -> list[nodes.Node]:
    """Replace the placeholder in *node* by the unverified mark."""
    if isinstance(node, nodes.Text):
        if MARK_HERE not in node:
            return [node]
        before, _, after = str(node).partition(MARK_HERE)
        mark = nodes.inline(UNVERIFIED_MARK, UNVERIFIED_MARK, classes=["reader-unverified"])
        return [nodes.Text(before + " "), mark, *([nodes.Text(after)] if after else [])]
    if isinstance(node, nodes.Element):
        children = [new for child in node.children for new in place_mark(child)]
        node.clear()
        node.extend(children)
    return [node]


def _capitalise_first(parts: list[nodes.Node]) -> None:
    if parts and isinstance(parts[0], nodes.Text):
        parts[0] = nodes.Text(capitalised(str(parts[0])))


def make_note(
    env: BuildEnvironment,
    document: nodes.document,
    targets: list[CitationTarget],
    lineno: int,
) -> nodes.footnote_reference:
    """Make one footnote citing *targets*; return its reference, to stand in the text."""
    current = env.current_document
    seen = cast("set[str]", current.setdefault(_SEEN, set()))
    pending = cast("list[nodes.footnote]", current.setdefault(_PENDING, []))
    domain = cast(ReaderDomain, env.get_domain("reader"))

    serial = current.new_serial_number("reader-note")
    name = f"reader-note-{serial}"
    paragraph = nodes.paragraph()
    for index, target in enumerate(targets):
        if index:
            paragraph += nodes.Text("; ")
        part = note_part(env, target, target.key not in seen, (env.docname, lineno))
        if index == 0:
            _capitalise_first(part)
        paragraph.extend(part)
        seen.add(target.key)
        domain.note_citation(
            CitationRecord(
                env.docname, lineno, target.key, target.locator, target.verified, target.pre, name
            )
        )
    end_note(paragraph)

    footnote = nodes.footnote(auto=1, classes=["reader-citation-note"])
    footnote["names"].append(name)
    footnote += paragraph
    footnote.source, footnote.line = document.current_source, lineno
    document.note_autofootnote(footnote)
    document.note_explicit_target(footnote, footnote)
    pending.append(footnote)

    ref = nodes.footnote_reference("", "", auto=1, refname=name)
    ref.source, ref.line = document.current_source, lineno
    document.note_autofootnote_ref(ref)
    document.note_footnote_ref(ref)
    return ref


def take_pending_notes(env: BuildEnvironment) -> list[nodes.footnote]:
    """Remove and return the notes made while reading the current document."""
    return cast("list[nodes.footnote]", env.current_document.pop(_PENDING, []))
