"""What each text is, read from its doctree: title, words, and the faults of its prose.

The title and the words are those docutils read (smart quotes applied, roles
rendered), so the page, the contents, the citations and ``reader stats`` say the
same.  Words are the prose of the text: titles, paragraphs, quotations and
annotation summaries, without notes, lists of works, options or markup.
"""

from __future__ import annotations

import re
from typing import cast

from docutils import nodes
from sphinx import addnodes
from sphinx.application import Sphinx
from sphinx.environment import BuildEnvironment
from sphinx.errors import SphinxError

from reader.extension.dependencies import note_listings
from reader.extension.domain import ReaderDomain, TextRecord, ToctreeRecord
from reader.extension.paragraphs import openings, paragraph_number
from reader.extension.report import warn
from reader.sources.bibfile import todo_lines
from reader.sources.ids import text_name_fault

_WORD = re.compile(r"[^\W_]+(?:['’\-][^\W_]+)*")
_IBID = re.compile(r"\b(?:ibid(?:em)?|op\.\s*cit|loc\.\s*cit)\b\.?", re.IGNORECASE)
# Containers whose words are not the text's prose.
_NOT_PROSE_CLASSES = frozenset(
    {
        "reader-notes",
        "reader-works-cited-section",
        "reader-works-cited",
        "reader-annotation-head",
        "reader-annotation-sources",
        "reader-mentions",
    }
)
_NOT_PROSE_NODES = (
    paragraph_number,
    nodes.footnote,
    nodes.footnote_reference,
    nodes.comment,
    nodes.literal_block,
    nodes.raw,
    nodes.system_message,
    nodes.field_list,
    nodes.substitution_definition,
    addnodes.toctree,
    addnodes.index,
    addnodes.only,
)


def _prose(node: nodes.Node) -> bool:
    """Whether the words of *node* are the text's prose (not in notes, lists, markup)."""
    parent: nodes.Node | None = node
    while parent is not None:
        if isinstance(parent, _NOT_PROSE_NODES):
            return False
        if isinstance(parent, nodes.Element) and _NOT_PROSE_CLASSES & set(parent["classes"]):
            return False
        parent = parent.parent
    return True


def prose_text(doctree: nodes.Node) -> str:
    """The prose of a doctree, as one string."""
    return " ".join(
        str(text) for text in doctree.findall(nodes.Text) if _prose(text.parent or text)
    )


def count_words(text: str) -> int:
    return len(_WORD.findall(text))


def title_of(doctree: nodes.document) -> str:
    """The first section title, in the words printed, without markup ("" if none)."""
    section = next(iter(doctree.findall(nodes.section)), None)
    if section is None or not section.children or not isinstance(section[0], nodes.title):
        return ""
    return " ".join(section[0].astext().split())


def read_text(app: Sphinx, doctree: nodes.document) -> None:
    """``doctree-read``: record the text's title and words; report what is wrong in it."""
    env = app.env
    docname = env.docname
    title = title_of(doctree)
    if not title:
        warn("text_no_title", f"the text `{docname}` has no title", (docname, 1))
    domain = cast(ReaderDomain, env.get_domain("reader"))
    footnotes = list(doctree.findall(nodes.footnote))
    editors = sum(1 for footnote in footnotes if footnote.get("auto") == "*")
    domain.texts[docname] = TextRecord(
        docname,
        title,
        count_words(prose_text(doctree)),
        notes=len(footnotes) - editors,
        editors_notes=editors,
        paragraphs=openings(doctree),
    )
    _ibids(doctree, docname)
    _empty_roles(doctree, docname)
    note_listings(docname, _listing_kinds(doctree, app.config.reader_bibliography), env)
    for toctree in doctree.findall(addnodes.toctree):
        domain.toctrees.append(
            ToctreeRecord(
                docname,
                toctree.line or 0,
                bool(toctree.get("numbered")),
                toctree.get("caption") or "",
                tuple(ref for _title, ref in toctree.get("entries", [])),
            )
        )


# ``:role:``` with nothing between the backquotes: docutils does not see a role there
# and prints the markup as text (the escaped ``\:cite:`` is meant to be text).
_EMPTY_ROLE = re.compile(r"(?<![\\\w`]):(?P<role>[A-Za-z][\w.+-]*):``(?!`)")


def _empty_roles(doctree: nodes.document, docname: str) -> None:
    for paragraph in doctree.findall(nodes.TextElement):
        raw = paragraph.rawsource or ""
        if not isinstance(paragraph, nodes.paragraph) or "``" not in raw:
            continue
        for match in _EMPTY_ROLE.finditer(raw):
            line = (paragraph.line or 0) + raw.count("\n", 0, match.start())
            role = match["role"]
            if role == "cite":
                warn("cite_syntax", "empty citation: give at least one key", (docname, line))
            else:
                warn(
                    "rst_syntax",
                    f"the role :{role}: has nothing in its backquotes",
                    (docname, line),
                )


def _listing_kinds(doctree: nodes.document, edition_scope: str) -> list[str]:
    """What of the whole book the page lists: works cited anywhere, all works, events."""
    from reader.extension.annotation_transforms import timeline
    from reader.extension.bibliography import works_cited

    kinds = ["timeline" for _ in doctree.findall(timeline)]
    for node in doctree.findall(works_cited):
        scope = edition_scope if node["scope"] == "edition" else node["scope"]
        if scope in ("cited", "all"):
            kinds.append(scope)
    return kinds


def _ibids(doctree: nodes.document, docname: str) -> None:
    """ "ibid." in the prose or the hand-written notes (the notes are generated)."""
    for paragraph in doctree.findall(nodes.paragraph):
        if (
            isinstance(paragraph.parent, nodes.footnote)
            and "reader-citation-note" in (paragraph.parent["classes"])
        ):
            continue  # a generated note
        if not all(
            not isinstance(p, (nodes.literal_block, nodes.comment, nodes.raw))
            for p in _ancestors(paragraph)
        ):
            continue
        words = " ".join(
            str(t) for t in paragraph.findall(nodes.Text) if not isinstance(t.parent, nodes.literal)
        )
        for match in _IBID.finditer(words):
            line = _line_of(paragraph, match[0])
            warn(
                "note_ibid",
                f"`{match[0]}`: the notes are generated from :cite:, with short notes "
                "for works cited before",
                (docname, line),
            )


def _ancestors(node: nodes.Node) -> list[nodes.Node]:
    found = []
    while node.parent is not None:
        node = node.parent
        found.append(node)
    return found


def _line_of(paragraph: nodes.paragraph, words: str) -> int:
    """The line of *words* in the paragraph's source (its first line if not found)."""
    line = paragraph.line or 0
    raw = paragraph.rawsource or ""
    at = raw.find(words)
    return line + raw.count("\n", 0, at) if at >= 0 else line


def find_todos(app: Sphinx, docname: str, source: list[str]) -> None:
    """``source-read``: a TODO left anywhere in a text (comments included)."""
    for line, message in todo_lines(source[0]):
        warn("todo_marker", message, (docname, line))


def check_encodings(app: Sphinx, env: BuildEnvironment, docnames: list[str]) -> None:
    """``env-before-read-docs``: a text that is not UTF-8 is reported at the line of its
    first undecodable byte, and a text whose name cannot be a page name everywhere
    (:func:`reader.sources.ids.text_name_fault`) at its first line; neither is read
    (docutils would stop the build with no file named; a space or a non-ASCII
    letter in a name breaks links and the e-book)."""
    unreadable = []
    for docname in list(docnames):
        path = env.doc2path(docname)
        if fault := text_name_fault(docname):
            warn("text_name", fault, f"{path}:1", replay=True)
            docnames.remove(docname)
            unreadable.append(docname)
            continue
        data = path.read_bytes()
        try:
            data.decode(env.settings.get("input_encoding", "utf-8-sig"))
        except UnicodeDecodeError as error:
            line = data.count(b"\n", 0, error.start) + 1
            warn(
                "text_encoding",
                f"the text `{docname}` is not UTF-8 (byte 0x{data[error.start]:02x} at "
                f"offset {error.start})",
                f"{path}:{line}",
                replay=True,  # found again on every build until it is fixed
            )
            docnames.remove(docname)
            unreadable.append(docname)
    app._reader_unreadable = unreadable  # type: ignore[attr-defined]


class TextsUnreadable(SphinxError):
    category = "texts not readable"


def stop_if_unreadable(app: Sphinx, env: BuildEnvironment) -> None:
    """``env-updated``: a builder that writes cannot go on without every text."""
    unreadable = getattr(app, "_reader_unreadable", [])
    if unreadable and not getattr(app.builder, "writes_nothing", False):
        raise TextsUnreadable(
            f"{len(unreadable)} text(s) could not be read ({', '.join(unreadable)}); "
            "see the messages above"
        )
