"""Filling registers after every text is read: mentions and the timeline.

A register entry lists every mention of its annotation, grouped by text, each
a link back to the place in the text.  The ``timeline`` directive lists the
events in date order with both calendars.
"""

from __future__ import annotations

from itertools import groupby
from typing import Any, ClassVar, cast

from docutils import nodes
from sphinx import addnodes
from sphinx.transforms.post_transforms import SphinxPostTransform
from sphinx.util.docutils import SphinxDirective

from reader.extension.annotation_directives import annotation_mentions
from reader.extension.annotation_domain import AnnotationDomain
from reader.extension.timeline_svg import timeline_svg


class timeline(nodes.General, nodes.Element):
    """Placeholder for the list of events in date order."""


class mention_pages(nodes.Inline, nodes.Element):
    """The pages of a list of mentions (``labels``: ``docname:anchor`` each), in print:
    each page once, in order, each a link."""


def visit_mention_pages_latex(translator: Any, node: mention_pages) -> None:
    """``\\readerpages`` (``readerbook.sty``) with the labels of the mentions."""
    pages = "".join(r"\readerpage{" + translator.idescape(label) + "}" for label in node["labels"])
    translator.body.append(r"\readerpages{" + pages + "}")
    raise nodes.SkipNode


class TimelineDirective(SphinxDirective):
    """``.. timeline::`` — every event annotation, in date order."""

    option_spec: ClassVar[dict[str, Any]] = {}

    def run(self) -> list[nodes.Node]:
        node = timeline()
        self.set_source_info(node)
        return [node]


def _title(env: Any, docname: str) -> str:
    title = env.titles.get(docname)
    return title.astext() if title is not None else docname


class FillRegisters(SphinxPostTransform):
    """Replace mention placeholders and timelines with their lists."""

    default_priority = 6

    def run(self, **kwargs: Any) -> None:
        domain = cast(AnnotationDomain, self.env.get_domain("ann"))
        for node in list(self.document.findall(annotation_mentions)):
            node.replace_self(self._mentions(domain, node["kind"], node["ident"]))
        for node in list(self.document.findall(timeline)):
            node.replace_self(self._timeline(domain))

    def _link(self, docname: str, anchor: str, text: str) -> nodes.Node:
        """A link to an anchor in a document, resolved by the ann domain."""
        return addnodes.pending_xref(
            "",
            nodes.Text(text),
            refdomain="ann",
            reftype="anchor",
            reftarget=f"{docname}#{anchor}",
            refdoc=self.env.docname,
        )

    def _mentions(self, domain: AnnotationDomain, kind: str, ident: str) -> nodes.Node:
        para = nodes.paragraph(classes=["reader-mentions"])
        mentions = domain.mentions_of(kind, ident)
        if not mentions:
            para += nodes.emphasis("Not mentioned in the texts.", "Not mentioned in the texts.")
            return para
        para += nodes.emphasis("Mentioned in: ", "Mentioned in: ")
        para.extend(self._mention_links(mentions))
        para += nodes.Text(".")
        return para

    def _mention_links(self, mentions: list[Any]) -> list[nodes.Node]:
        """Links to *mentions*, by text: its title, or numbers when it has several; in
        print, the pages they are on."""
        if self.app.builder.format == "latex":
            return [mention_pages(labels=[f"{m.docname}:{m.anchor}" for m in mentions])]
        links: list[nodes.Node] = []
        for n, (docname, group) in enumerate(groupby(mentions, key=lambda m: m.docname)):
            if n:
                links.append(nodes.Text("; "))
            here = list(group)
            title = _title(self.env, docname)
            if len(here) == 1:
                links.append(self._link(docname, here[0].anchor, title))
                continue
            # the title as text, each mention a numbered link, so each is linked once
            links.append(nodes.Text(f"{title} ("))
            for i, mention in enumerate(here, 1):
                if i > 1:
                    links.append(nodes.Text(", "))
                links.append(self._link(docname, mention.anchor, str(i)))
            links.append(nodes.Text(")"))
        return links

    def _timeline(self, domain: AnnotationDomain) -> nodes.Node:
        events = sorted(
            (a for a in domain.of_kind("event") if a.date), key=lambda a: (a.date, a.end, a.name)
        )
        items = nodes.bullet_list(classes=["reader-timeline"])
        for event in events:
            item = nodes.list_item()
            para = nodes.paragraph()
            para += nodes.strong(event.when, event.when)
            para += nodes.Text(" — ")
            para += self._link(event.docname, event.anchor, event.name)
            mentions = domain.mentions_of("event", event.id)
            if mentions:
                # in print, the pages follow as in an index
                para += nodes.Text(", " if self.app.builder.format == "latex" else " — in ")
                para.extend(self._mention_links(mentions))
            item += para
            items += item
        return items


class DrawTimeline(SphinxPostTransform):
    """Put the SVG picture of the timeline before its list, in the HTML site."""

    default_priority = 7  # after FillRegisters has made the list
    builders = ("html", "dirhtml")

    def run(self, **kwargs: Any) -> None:
        domain = cast(AnnotationDomain, self.env.get_domain("ann"))
        for listing in list(self.document.findall(nodes.bullet_list)):
            if "reader-timeline" not in listing["classes"]:
                continue
            svg = timeline_svg(list(domain.of_kind("event")), self.env.docname)
            if svg:
                listing.parent.insert(
                    listing.parent.index(listing), nodes.raw("", svg, format="html")
                )
