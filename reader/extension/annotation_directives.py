"""Directives that define annotations, and the placeholders registers fill in.

::

    .. person:: trotsky
       :name: Leon Trotsky
       :original: Лев Давидович Троцкий
       :born: 1879
       :died: 1940
       :sources: deutscher1954{ch. 1}

       Revolutionary, chairman of the Petrograd Soviet in 1905 and 1917 ...

``gloss`` (terms), ``place``, ``org`` and ``event`` take the same options and
their own: a place ``:modern:`` name, an organisation ``:founded:`` and
``:dissolved:``, an event ``:date:`` (required, with its calendar, e.g.
``23 February 1917 OS``) and ``:end:``.
"""

from __future__ import annotations

from typing import Any, ClassVar, cast

from docutils import nodes
from docutils.parsers.rst import directives
from sphinx import addnodes
from sphinx.util.docutils import SphinxDirective

from reader.extension.annotation_domain import Annotation, AnnotationDomain, anchor_of
from reader.extension.directives import option_line
from reader.extension.domain import CitationRecord, ReaderDomain
from reader.extension.language import foreign
from reader.extension.notes import end_note, note_part, read_citation
from reader.extension.report import warn
from reader.sources.calendar import DateError, parse_date
from reader.sources.ids import id_fault
from reader.sources.kinds import KINDS, OPTIONS
from reader.sources.languages import language_fault
from reader.sources.names import index_form, sort_key
from reader.styles.punctuation import typographic


class annotation_mentions(nodes.General, nodes.Element):
    """Placeholder for the list of an annotation's mentions (filled after reading)."""


class AnyOption(dict[str, Any]):
    """An option spec that takes every option, so that the directive can say which of
    them its kind does not take, at the option's line (docutils would only say that
    the directive failed)."""

    def __missing__(self, name: str) -> Any:
        return directives.unchanged


class AnnotationDirective(SphinxDirective):
    """Define one annotation of the directive's kind."""

    kind: ClassVar[str] = ""
    required_arguments = 1
    has_content = True

    def run(self) -> list[nodes.Node]:
        ident = self.arguments[0].strip()
        location = (self.env.docname, self.lineno)
        if fault := id_fault(ident):
            warn("annotation_field", fault, location)
        taken = OPTIONS[self.kind]
        for option in self.options:
            if option not in taken:
                warn(
                    "annotation_field",
                    f"the {KINDS[self.kind][0]} {ident!r} has the option :{option}:, which a "
                    f"{self.kind} does not take (it takes {', '.join(f':{o}:' for o in taken)})",
                    (self.env.docname, option_line(self, option)),
                )
        name = self.options.get("name", "").strip()
        if not name:
            warn("annotation_field", f"the {KINDS[self.kind][0]} {ident!r} has no :name:", location)
            name = ident
        # the name as every edition prints it (popups, timeline, index): curly quotes
        name = typographic(name, self.config.language or "en")
        anchor = anchor_of(self.kind, ident)
        box = nodes.container(classes=["reader-annotation", f"reader-{self.kind}"])
        box["ids"].append(anchor)
        box["reader-annotation"] = (self.kind, ident)
        self.set_source_info(box)

        term = index_form(self.kind, name, self.options.get("index", ""))
        key = sort_key(term)
        index = addnodes.index(entries=[("single", term, anchor, "main", key[:1].upper() or None)])
        index["reader_sortkeys"] = {term: key}
        self._event_dates(location)
        head = nodes.paragraph(classes=["reader-annotation-head"])
        head += nodes.strong(name, name)
        original = self._original(location)
        if original is not None:
            head += [nodes.Text(" ("), original, nodes.Text(")")]
        for detail in self._details(location):
            head += nodes.Text(detail)
        box += head
        box.extend(self.parse_content_to_nodes())
        sources = self._sources(location)
        if sources is not None:
            box += sources
        box += annotation_mentions(kind=self.kind, ident=ident)

        summary = " ".join(
            p.astext()
            for p in box.findall(nodes.paragraph)
            if "reader-annotation-head" not in p["classes"]
            and "reader-annotation-sources" not in p["classes"]
        )
        domain = cast(AnnotationDomain, self.env.get_domain("ann"))
        domain.note_annotation(
            Annotation(
                self.kind,
                ident,
                self.env.docname,
                anchor,
                name,
                summary,
                self.start,
                self.end,
                self.when,
                self.lineno,
                term,
                key,
                self.options.get("original", "").strip(),
            )
        )
        return [index, box]

    def _details(self, location: Any) -> list[str]:
        """The details after the name and original form: dates, a place's modern name."""
        opts = self.options
        parts = []
        if self.kind == "person" and (opts.get("born") or opts.get("died")):
            parts.append(f", {opts.get('born', '?').strip()}–{opts.get('died', '').strip()}")
        if self.kind == "org" and opts.get("founded"):
            founded, dissolved = opts["founded"].strip(), opts.get("dissolved", "").strip()
            parts.append(f", {founded}" if founded == dissolved else f", {founded}–{dissolved}")
        if self.kind == "place" and opts.get("modern"):
            parts.append(f"; today {opts['modern'].strip()}")
        if self.kind == "event" and self.when:
            parts.append(": " + self.when)
        return parts

    def _original(self, location: Any) -> nodes.Node | None:
        """The original form, marked with the language its ``:lang:`` gives."""
        original = self.options.get("original", "").strip()
        given = self.options.get("lang", "").strip()
        if given and (fault := language_fault(given)):
            warn("lang_invalid", f":lang: {fault}", (location[0], option_line(self, "lang")))
            return nodes.Text(original) if original else None
        if given and not original:
            warn(
                "annotation_field",
                f":lang: {given} gives the language of an :original: form, and there is none",
                (location[0], option_line(self, "lang")),
            )
        if not original:
            return None
        tag = given or self.config.reader_original_language
        if not given and tag and (fault := language_fault(tag)):
            warn("lang_invalid", f"conf.py's reader_original_language: {fault}", location)
            return nodes.Text(original)
        if not tag:
            warn(
                "lang_missing",
                f"the original form {original!r} has no :lang: (its language tag), and "
                "conf.py gives no reader_original_language",
                (location[0], option_line(self, "original")),
            )
            return nodes.Text(original)
        return foreign(original, tag)

    def _event_dates(self, location: Any) -> None:
        """Read an event's :date: and :end: into ISO dates and the printed form."""
        self.start = self.end = self.when = ""
        if self.kind != "event":
            return
        if not self.options.get("date"):
            warn("annotation_field", "an event needs a :date: with its calendar", location)
            return
        dates = []
        for name in ("date", "end"):
            if not self.options.get(name):
                continue
            try:
                dates.append(parse_date(self.options[name]))
            except DateError as error:
                warn("date_invalid", f":{name}: {error}", (location[0], option_line(self, name)))
                return
        if len(dates) > 1 and dates[1].iso() < dates[0].iso():
            warn(
                "date_invalid",
                f"the event ends ({dates[1].dual()}) before it begins ({dates[0].dual()})",
                (location[0], option_line(self, "end")),
            )
        self.start, self.end = dates[0].iso(), dates[1].iso() if len(dates) > 1 else ""
        self.when = " – ".join(d.dual() for d in dates)

    def _sources(self, location: Any) -> nodes.paragraph | None:
        text = self.options.get("sources", "").strip()
        if not text:
            return None
        targets = read_citation(self.env, text, (location[0], option_line(self, "sources")))
        if not targets:
            return None
        reader = cast(ReaderDomain, self.env.get_domain("reader"))
        para = nodes.paragraph(classes=["reader-annotation-sources"])
        para += nodes.emphasis("Sources: ", "Sources: ")
        for n, target in enumerate(targets):
            if n:
                para += nodes.Text("; ")
            para.extend(note_part(self.env, target, False, location))
            reader.note_citation(
                CitationRecord(
                    self.env.docname,
                    self.lineno,
                    target.key,
                    target.locator,
                    target.verified,
                    target.pre,
                )
            )
        end_note(para)
        return para


def make_directive(kind: str) -> type[AnnotationDirective]:
    """The directive class for one kind of annotation."""
    return type(
        f"{kind.title()}Directive",
        (AnnotationDirective,),
        {
            "kind": kind,
            "option_spec": AnyOption(dict.fromkeys(OPTIONS[kind], directives.unchanged)),
        },
    )


def note_summaries(app: Any, doctree: nodes.document) -> None:
    """Record each annotation's summary as printed (after smart quotes and the like)."""
    domain = cast(AnnotationDomain, app.env.get_domain("ann"))
    here = {(a.kind, a.id, a.lineno): a for a in domain.definitions if a.docname == app.env.docname}
    for box in doctree.findall(nodes.container):
        if "reader-annotation" not in box:
            continue
        ann = here.get((*box["reader-annotation"], box.line))
        if ann is None:
            continue
        summary = " ".join(
            p.astext()
            for p in box.findall(nodes.paragraph)
            if not {"reader-annotation-head", "reader-annotation-sources"} & set(p["classes"])
        )
        domain.update_annotation(ann._replace(summary=summary))
