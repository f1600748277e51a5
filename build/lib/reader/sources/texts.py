"""The texts of the edition, read without Sphinx: titles, book order, citations, quotations.

:func:`scan_book` reads every ``source_texts/**/*.rst`` with a few regular expressions
and a line-by-line pass (no docutils, no Sphinx: it serves ``reader check`` and
``reader export``, which must answer at once).  For each text it finds

* the title: the first section title;
* its place in the book: the toctrees are followed from the root document, depth
  first, as Sphinx orders the book; the texts of the toctree captioned "Texts" are
  the chapters, numbered from 1;
* every citation: the ``:cite:`...``` roles (which may run over a line break) and the
  ``:cite:`` options of ``quote`` directives, with their 1-based lines and targets;
* every quotation (``.. quote::``), with the id the directive gives it.

What Sphinx would not read as markup is not read here either: comments, literal
blocks (after ``::``), code and raw directives, and inline literals are blanked out
before the search, their lines kept so that line numbers stay right.
"""

from __future__ import annotations

import fnmatch
import posixpath
import re
from dataclasses import dataclass, field, replace
from pathlib import Path

from reader.sources.citations import CitationSyntaxError, CitationTarget, parse_citations
from reader.sources.quotations import quotation_id

__all__ = [
    "CHAPTERS_CAPTION",
    "Book",
    "Citation",
    "Quotation",
    "SourceText",
    "scan_book",
    "scan_text",
]

#: The caption of the toctree whose entries are the chapters.
CHAPTERS_CAPTION = "Texts"

# A section adornment line: one punctuation character, repeated.
_ADORNMENT = re.compile(r"([!-/:-@\[-`{-~])\1+")
# `.. name::` (a directive), with its indentation and argument.
_DIRECTIVE = re.compile(
    r"^(?P<indent>[ \t]*)\.\.[ \t]+(?P<name>[\w:.+-]+)[ \t]*::(?:[ \t]+|$)(?P<arg>.*)$"
)
# `..` that starts an explicit markup block: a comment unless it is a directive,
# footnote, citation, hyperlink target or substitution definition.
_EXPLICIT = re.compile(r"^(?P<indent>[ \t]*)\.\.(?:[ \t]+(?P<rest>.*))?$")
_NOT_A_COMMENT = re.compile(r"^(?:\[|_|\||[\w:.+-]+[ \t]*::)")
# An option line of a directive: `:name: value`.
_OPTION = re.compile(r"^[ \t]+:(?P<name>[^:\s][^:]*):(?:[ \t]+(?P<value>.*))?$")
# Directives whose content is not reStructuredText.
_LITERAL_DIRECTIVES = frozenset(
    {"code", "code-block", "sourcecode", "raw", "math", "productionlist", "highlight"}
)
_INLINE_LITERAL = re.compile(r"``(?:(?!``).)+?``", re.DOTALL)
_CITE_ROLE = re.compile(r"(?<![\w`]):cite:`(?P<body>[^`]*)`")
# Inline markup removed from a quotation's text (what `astext()` drops).
_QUOTE_ROLE = re.compile(r":cite:`[^`]*`")
_FOOTNOTE_REF = re.compile(r"\s?\[(?:#[\w-]*|\d+|\*)\]_")
_ROLE_NAME = re.compile(r":[\w.+-]+:(?=`)")
_LINK = re.compile(r"`([^`<]*?)\s*<[^`>]*>`__?")
# A role with an explicit title, ``:person:`Lenin <lenin>` ``: the title is what shows.
_TITLED_ROLE = re.compile(r":[\w:.+-]+:`([^`<]*?)\s*<[^`>]*>`")
_EMPHASIS = re.compile(r"(\*\*|\*|``|`)(\S(?:.*?\S)?)\1_?")
_ESCAPE = re.compile(r"\\(.)")


@dataclass(frozen=True)
class Citation:
    """One citation markup in a text.

    ``line`` is where the markup starts: the ``:cite:`` role, or the ``:cite:`` option
    of a quote directive.  ``targets`` is empty when the markup cannot be read, and
    ``error`` says why.
    """

    docname: str
    line: int
    markup: str  # the text inside the role or option, whitespace runs made one space
    targets: tuple[CitationTarget, ...]
    error: str = ""
    in_quotation: bool = False


@dataclass(frozen=True)
class Quotation:
    """A ``.. quote::`` directive: its id, text and source (``citation``, None if none)."""

    docname: str
    line: int  # the line of `.. quote::`
    id: str
    text: str
    citation: Citation | None
    explicit_id: bool

    @property
    def source(self) -> CitationTarget | None:
        """The first target of the quotation's citation: the work quoted."""
        if self.citation is None or not self.citation.targets:
            return None
        return self.citation.targets[0]


@dataclass(frozen=True)
class Toctree:
    """One ``.. toctree::`` of a text: its caption and entries (docnames, in order)."""

    caption: str
    entries: tuple[str, ...]


@dataclass(frozen=True)
class SourceText:
    """One text of source_texts: title, place in the book, citations and quotations."""

    docname: str
    path: Path
    title: str
    citations: tuple[Citation, ...]
    quotations: tuple[Quotation, ...]
    toctrees: tuple[Toctree, ...] = ()
    order: int | None = None  # place in the book's reading order (the root is 0)
    chapter: int | None = None  # number in the "Texts" toctree

    def cited_keys(self) -> list[str]:
        """Every key the text cites, once each, in order of first citation."""
        keys: dict[str, None] = {}
        for citation in sorted(self.citations, key=lambda c: c.line):
            for target in citation.targets:
                keys.setdefault(target.key, None)
        return list(keys)


@dataclass(frozen=True)
class Book:
    """All texts, in the order of the book (then those in no toctree, by name)."""

    source_dir: Path
    root_doc: str
    texts: dict[str, SourceText]
    chapters: tuple[str, ...] = field(default=())

    def chapter(self, number: int) -> SourceText:
        """The *number*-th chapter (from 1); IndexError if there is none."""
        if not 1 <= number <= len(self.chapters):
            raise IndexError(number)
        return self.texts[self.chapters[number - 1]]

    def quotations(self) -> dict[str, Quotation]:
        """Every quotation of the book by id (the first, if an id is used twice)."""
        found: dict[str, Quotation] = {}
        for text in self.texts.values():
            for quotation in text.quotations:
                found.setdefault(quotation.id, quotation)
        return found


# ------------------------------------------------------------------------- the book


def scan_book(
    source_dir: Path, root_doc: str = "index", chapters_caption: str = CHAPTERS_CAPTION
) -> Book:
    """Scan every text under *source_dir* and put them in the order of the book."""
    source_dir = Path(source_dir)
    scanned: dict[str, SourceText] = {}
    for path in sorted(source_dir.rglob("*.rst")):
        relative = path.relative_to(source_dir)
        if any(part.startswith(".") for part in relative.parts):
            continue  # hidden files and folders (editor backups, .ipynb_checkpoints)
        docname = relative.with_suffix("").as_posix()
        scanned[docname] = scan_text(path, docname)

    order: dict[str, int] = {}
    chapters: list[str] = []

    def visit(docname: str) -> None:
        order[docname] = len(order)
        for toctree in scanned[docname].toctrees:
            for entry in _expand(toctree.entries, scanned):
                if entry in scanned and entry not in order:
                    if toctree.caption.strip().casefold() == chapters_caption.casefold():
                        chapters.append(entry)
                    visit(entry)

    if root_doc in scanned:
        visit(root_doc)
    numbers = {docname: number for number, docname in enumerate(chapters, start=1)}
    ranked = sorted(scanned, key=lambda name: (name not in order, order.get(name, 0), name))
    texts = {
        name: replace(scanned[name], order=order.get(name), chapter=numbers.get(name))
        for name in ranked
    }
    return Book(source_dir, root_doc, texts, tuple(chapters))


def _expand(entries: tuple[str, ...], scanned: dict[str, SourceText]) -> list[str]:
    """Toctree entries with glob patterns expanded (they are marked with a leading '*')."""
    expanded: list[str] = []
    for entry in entries:
        if entry.startswith("*"):
            expanded.extend(sorted(fnmatch.filter(scanned, entry[1:])))
        else:
            expanded.append(entry)
    return expanded


# ------------------------------------------------------------------------- one text


def scan_text(path: Path, docname: str) -> SourceText:
    """Read one text: its title, toctrees, citations and quotations."""
    # Undecodable bytes are replaced, not fatal: Sphinx reports the encoding error itself.
    raw = Path(path).read_bytes().decode("utf-8-sig", errors="replace")
    lines = raw.replace("\r\n", "\n").replace("\r", "\n").split("\n")
    visible = _mask(lines)
    quotations, quote_citations = _quotations(lines, visible, docname)
    citations = sorted([*_roles(visible, docname), *quote_citations], key=lambda c: c.line)
    return SourceText(
        docname=docname,
        path=Path(path),
        title=_title(visible),
        citations=tuple(citations),
        quotations=tuple(quotations),
        toctrees=tuple(_toctrees(lines, visible, docname)),
    )


def _indent(line: str) -> int:
    return len(line) - len(line.lstrip(" \t"))


def _block_end(lines: list[str], start: int, indent: int) -> int:
    """Index of the first line after *start* that is not blank and indented <= *indent*."""
    end = start + 1
    while end < len(lines) and (not lines[end].strip() or _indent(lines[end]) > indent):
        end += 1
    return end


def _mask(lines: list[str]) -> list[str]:
    """The lines with what is not markup blanked: comments, literal blocks, code."""
    visible = list(lines)
    index = 0
    while index < len(lines):
        line = lines[index]
        directive = _DIRECTIVE.match(line)
        explicit = _EXPLICIT.match(line)
        skip_from = None  # first line of a block to blank
        if directive and directive["name"] in _LITERAL_DIRECTIVES:
            skip_from = index + 1
        elif explicit and not _NOT_A_COMMENT.match(explicit["rest"] or ""):
            visible[index] = ""  # a comment: its first line and its indented body
            skip_from = index + 1
        elif line.rstrip().endswith("::") and not explicit:
            skip_from = index + 1  # a literal block follows a paragraph ending in '::'
        if skip_from is not None:
            end = _block_end(lines, index, _indent(line))
            for blank in range(skip_from, end):
                visible[blank] = ""
            index = max(end, index + 1)
        else:
            index += 1
    # Inline literals may run over a line break: blank them in the joined text.
    joined = "\n".join(visible)
    joined = _INLINE_LITERAL.sub(lambda m: re.sub(r"[^\n]", " ", m[0]), joined)
    return joined.split("\n")


def _title(visible: list[str]) -> str:
    """The first section title: text under (and maybe over) an adornment line."""
    for index in range(len(visible) - 1):
        text, under = visible[index].strip(), visible[index + 1].rstrip()
        if (
            text
            and not _ADORNMENT.fullmatch(text)
            and _ADORNMENT.fullmatch(under)
            and len(under) >= len(text)
            and _indent(visible[index]) == 0
        ):
            return _plain_inline(text)  # a title is cited and exported: its words only
    return ""


def _normalise(text: str) -> str:
    return " ".join(text.split())


def _citation(docname: str, line: int, markup: str, in_quotation: bool) -> Citation:
    markup = _normalise(markup)
    try:
        targets = tuple(parse_citations(markup))
    except CitationSyntaxError as error:
        return Citation(docname, line, markup, (), str(error), in_quotation)
    return Citation(docname, line, markup, targets, "", in_quotation)


def _roles(visible: list[str], docname: str) -> list[Citation]:
    """Every ``:cite:`...``` role, at the line where it starts."""
    joined = "\n".join(visible)
    return [
        _citation(docname, joined.count("\n", 0, match.start()) + 1, match["body"], False)
        for match in _CITE_ROLE.finditer(joined)
    ]


def _directive_parts(lines: list[str], start: int) -> tuple[dict[str, tuple[int, str]], list[str]]:
    """Options (name -> (line index, value)) and content lines of the directive at *start*."""
    indent = _indent(lines[start])
    end = _block_end(lines, start, indent)
    options: dict[str, tuple[int, str]] = {}
    index = start + 1
    current: str | None = None
    while index < end and lines[index].strip():
        option = _OPTION.match(lines[index])
        if option:
            current = option["name"].strip()
            options[current] = (index, option["value"] or "")
        elif current is not None:  # a continuation of the option's value
            at, value = options[current]
            options[current] = (at, f"{value} {lines[index].strip()}")
        else:
            break  # content without a blank line before it
        index += 1
    body = lines[index:end]
    while body and not body[-1].strip():
        body.pop()
    return options, body


def _quotations(
    lines: list[str], visible: list[str], docname: str
) -> tuple[list[Quotation], list[Citation]]:
    """Every quote directive, and the citations of their ``:cite:`` options."""
    quotations: list[Quotation] = []
    citations: list[Citation] = []
    for index, line in enumerate(visible):
        directive = _DIRECTIVE.match(line)
        if not directive or directive["name"] != "quote":
            continue
        options, body = _directive_parts(lines, index)
        text = _quotation_text(body)
        citation = None
        if "cite" in options and options["cite"][1].strip():
            at, value = options["cite"]
            citation = _citation(docname, at + 1, value, True)
            citations.append(citation)
        explicit = options.get("id", (0, ""))[1].strip()
        source = citation.targets[0].key if citation and citation.targets else ""
        quote_id = explicit or quotation_id(source, text)
        quotations.append(Quotation(docname, index + 1, quote_id, text, citation, bool(explicit)))
    return quotations, citations


def _quotation_text(body: list[str]) -> str:
    """The quoted words: paragraphs of the content joined, inline markup removed.

    The words (and so the id) are those of the paragraphs' ``astext()`` that the
    directive joins: citation roles and footnote references add no words there.
    """
    paragraphs: list[str] = []
    current: list[str] = []
    for line in [*body, ""]:
        if line.strip():
            current.append(line.strip().removeprefix("|").strip())  # a line block's line
        elif current:
            paragraphs.append(_plain_inline(" ".join(current)))
            current = []
    return " ".join(paragraph for paragraph in paragraphs if paragraph)


def _plain_inline(text: str) -> str:
    """*text* without reST inline markup (roles, emphasis, links, escapes)."""
    text = _QUOTE_ROLE.sub("", text)
    text = _FOOTNOTE_REF.sub("", text)
    text = _LINK.sub(r"\1", text)
    text = _TITLED_ROLE.sub(r"\1", text)
    text = _ROLE_NAME.sub("", text)
    text = _EMPHASIS.sub(r"\2", text)
    text = text.replace("\\ ", "")
    text = _ESCAPE.sub(r"\1", text)
    return _normalise(text)


def toc_target(raw: str, here: str, is_glob: bool) -> tuple[str, bool] | None:
    """The docname a toctree line names (relative to the folder *here*), and whether it
    is a glob pattern; None for blank lines, comments, ``self`` and external links."""
    entry = raw.strip()
    if not entry or entry.startswith(".."):
        return None
    link = re.search(r"<([^<>]+)>$", entry)
    target = link[1].strip() if link else entry
    if target == "self" or "://" in target or target.startswith("mailto:"):
        return None
    target = target.removesuffix(".rst")
    if target.startswith("/"):
        name = target.lstrip("/")
    else:
        name = posixpath.normpath(posixpath.join(here, target))
    return name, is_glob and not link and any(c in target for c in "*?[")


def _toctrees(lines: list[str], visible: list[str], docname: str) -> list[Toctree]:
    """The toctrees of a text, their entries made docnames relative to the source folder."""
    toctrees = []
    here = posixpath.dirname(docname)
    for index, line in enumerate(visible):
        directive = _DIRECTIVE.match(line)
        if not directive or directive["name"] != "toctree":
            continue
        options, body = _directive_parts(lines, index)
        glob = "glob" in options
        entries = []
        for raw in body:
            target = toc_target(raw, here, glob)
            if target is not None:
                entries.append(("*" if target[1] else "") + target[0])
        toctrees.append(Toctree(options.get("caption", (0, ""))[1].strip(), tuple(entries)))
    return toctrees


# ------------------------------------------- annotations, mentions, dates, references
#
# What ``reader check`` and ``reader stats`` need beyond citations and quotations:
# the annotation directives of the register pages (with the line of each option),
# the mention roles, ``:date:`` and ``:doc:`` roles, and the footnotes, each with its
# 1-based line.  Added functions only: scan_book and scan_text are unchanged.

#: The kinds of annotation, each a directive and a role (reader.extension's KINDS).
ANNOTATION_KINDS = ("person", "gloss", "place", "org", "event")

_INLINE_ROLE = re.compile(
    r"(?<![\w`\\]):(?P<role>person|gloss|place|org|event|date|doc|ref)"
    r":`(?P<body>(?:[^`\\]|\\.)*)`(?!`)"
)
_EXPLICIT_TITLE = re.compile(r"^(?P<title>.+?)\s*<(?P<target>[^<>]*)>$", re.DOTALL)
_FOOTNOTE_DEFINITION = re.compile(r"^[ \t]*\.\.[ \t]+\[(?P<label>#[\w-]*|\*|\d+)\](?:[ \t]|$)")
_LABEL_DEFINITION = re.compile(r"^[ \t]*\.\.[ \t]+_(?P<label>[^:`]+|`[^`]+`):[ \t]*$")
_ORPHAN = re.compile(r"^:orphan:[ \t]*$")


@dataclass(frozen=True)
class DirectiveOption:
    """One ``:name: value`` option of a directive, at its 1-based line."""

    name: str
    value: str  # continuation lines joined with one space
    line: int


@dataclass(frozen=True)
class AnnotationDefinition:
    """A ``.. person:: id`` (or gloss, place, org, event) directive on a register page."""

    docname: str
    line: int
    kind: str
    id: str
    options: tuple[DirectiveOption, ...]
    summary: str  # the content, whitespace runs made one space
    summary_line: int  # where the content starts (the directive's line if none)
    sources: Citation | None = None  # the :sources: option read as a citation

    def option(self, name: str) -> DirectiveOption | None:
        """The option *name* (the last, if given twice), or None."""
        found = [option for option in self.options if option.name == name]
        return found[-1] if found else None


@dataclass(frozen=True)
class RoleUse:
    """One inline role: a mention (``:person:`Trotsky <trotsky>```), ``:date:``,
    ``:doc:`` or ``:ref:``.  ``target`` is the id, date, document or label; for
    ``:doc:`` it is made a docname relative to the source folder."""

    docname: str
    line: int
    role: str
    title: str
    target: str


@dataclass(frozen=True)
class Footnote:
    """A footnote definition: ``.. [#]`` (numbered), ``.. [*]`` (editors' note)."""

    docname: str
    line: int
    label: str

    @property
    def editors(self) -> bool:
        return self.label == "*"


@dataclass(frozen=True)
class Markup:
    """The markup of one text that scan_text does not read, with the text's lines."""

    docname: str
    path: Path
    lines: tuple[str, ...]  # as written
    visible: tuple[str, ...]  # comments, literal blocks and inline literals blanked
    definitions: tuple[AnnotationDefinition, ...]
    roles: tuple[RoleUse, ...]
    footnotes: tuple[Footnote, ...]
    labels: tuple[str, ...]  # explicit targets (``.. _label:``), lower-cased
    orphan: bool  # the text says ``:orphan:``: it belongs in no toctree

    def uses(self, *roles: str) -> list[RoleUse]:
        """The uses of the given roles, in the order of the text."""
        return [use for use in self.roles if use.role in roles]

    @property
    def mentions(self) -> list[RoleUse]:
        """The mentions of annotations (the roles named after a kind)."""
        return self.uses(*ANNOTATION_KINDS)


def read_lines(path: Path) -> list[str]:
    """The lines of a text as scan_text reads them (BOM and CR removed)."""
    raw = Path(path).read_bytes().decode("utf-8-sig", errors="replace")
    return raw.replace("\r\n", "\n").replace("\r", "\n").split("\n")


def scan_markup(path: Path, docname: str) -> Markup:
    """Read one text's annotation definitions, roles, footnotes and labels."""
    lines = read_lines(path)
    visible = _mask(lines)
    return Markup(
        docname=docname,
        path=Path(path),
        lines=tuple(lines),
        visible=tuple(visible),
        definitions=tuple(_definitions(lines, visible, docname)),
        roles=tuple(_inline_roles(visible, docname)),
        footnotes=tuple(
            Footnote(docname, index + 1, match["label"])
            for index, line in enumerate(visible)
            if (match := _FOOTNOTE_DEFINITION.match(line))
        ),
        labels=tuple(
            match["label"].strip("`").strip().lower()
            for line in visible
            if (match := _LABEL_DEFINITION.match(line))
        ),
        orphan=any(_ORPHAN.match(line) for line in lines[:20]),
    )


def split_role_title(body: str) -> tuple[str, str]:
    """``Trotsky <trotsky>`` -> (title, target); ``trotsky`` -> (trotsky, trotsky)."""
    body = _normalise(body)
    match = _EXPLICIT_TITLE.match(body)
    if match and match["target"].strip():
        return match["title"].strip(), match["target"].strip()
    return body, body


def _inline_roles(visible: list[str], docname: str) -> list[RoleUse]:
    """Every mention, ``:date:``, ``:doc:`` and ``:ref:`` role, at the line it starts."""
    joined = "\n".join(visible)
    here = posixpath.dirname(docname)
    uses = []
    line, counted = 1, 0  # the line number at offset `counted`, counted on as we go
    for match in _INLINE_ROLE.finditer(joined):
        line += joined.count("\n", counted, match.start())
        counted = match.start()
        title, target = split_role_title(match["body"])
        role = match["role"]
        if role == "doc":
            target = target.removesuffix(".rst")
            target = (
                target.lstrip("/")
                if target.startswith("/")
                else posixpath.normpath(posixpath.join(here, target))
            )
        elif role == "ref":
            target = target.lower()
        uses.append(RoleUse(docname, line, role, title, target))
    return uses


def _directive_block(lines: list[str], start: int) -> tuple[list[DirectiveOption], int, list[str]]:
    """Options (with 1-based lines), index of the first content line, content lines."""
    indent = _indent(lines[start])
    end = _block_end(lines, start, indent)
    options: list[DirectiveOption] = []
    index = start + 1
    while index < end and lines[index].strip():
        option = _OPTION.match(lines[index])
        if option:
            options.append(
                DirectiveOption(option["name"].strip(), option["value"] or "", index + 1)
            )
        elif options:  # a continuation of the option's value
            last = options[-1]
            options[-1] = replace(last, value=f"{last.value} {lines[index].strip()}".strip())
        else:
            break  # content without a blank line before it
        index += 1
    while index < end and not lines[index].strip():
        index += 1
    body = lines[index:end]
    while body and not body[-1].strip():
        body.pop()
    return [replace(o, value=o.value.strip()) for o in options], index, body


def _definitions(lines: list[str], visible: list[str], docname: str) -> list[AnnotationDefinition]:
    """Every annotation directive of the text."""
    found = []
    for index, line in enumerate(visible):
        directive = _DIRECTIVE.match(line)
        if not directive or directive["name"] not in ANNOTATION_KINDS:
            continue
        options, body_start, body = _directive_block(lines, index)
        sources = next((o for o in reversed(options) if o.name == "sources"), None)
        citation = (
            _citation(docname, sources.line, sources.value, False)
            if sources is not None and sources.value
            else None
        )
        found.append(
            AnnotationDefinition(
                docname=docname,
                line=index + 1,
                kind=directive["name"],
                id=directive["arg"].strip(),
                options=tuple(options),
                summary=_normalise(" ".join(body)),
                summary_line=body_start + 1 if body else index + 1,
                sources=citation,
            )
        )
    return found


# Blocks whose content is no prose of the text: skipped when words are counted.
_PROSE_DIRECTIVES = frozenset({"quote", *ANNOTATION_KINDS, "note", "epigraph", "rubric"})
_CITE_OR_FOOTNOTE = re.compile(r"(?:\\ )?(?::cite:`[^`]*`|\[(?:#[\w-]*|\*|\d+)\]_)")
_ANY_ROLE = re.compile(r":[\w.+-]+:`((?:[^`\\]|\\.)*)`")
_HYPERLINK = re.compile(r"`([^`<]*?)\s*<[^`>]*>`__?")
_WORD = re.compile(r"[^\W_]+(?:['’\-][^\W_]+)*")


def prose_words(markup: Markup) -> int:
    """The words of the text's prose: titles, paragraphs, quotations and annotation
    summaries; without markup, notes (footnote bodies), options and toctrees."""
    visible = list(markup.visible)
    kept: list[str] = []
    index = 0
    while index < len(visible):
        line = visible[index]
        directive = _DIRECTIVE.match(line)
        if directive and directive["name"] in _PROSE_DIRECTIVES:
            _options, body_start, _body = _directive_block(visible, index)
            index = max(body_start, index + 1)  # the content is prose, the options not
            continue
        if directive or _EXPLICIT.match(line):
            # other directives, footnotes, targets, substitutions: no prose of the text
            index = max(_block_end(visible, index, _indent(line)), index + 1)
            continue
        if not (_ADORNMENT.fullmatch(line.strip()) or _OPTION.match(line) or _ORPHAN.match(line)):
            kept.append(line)
        index += 1
    text = "\n".join(kept)
    text = _CITE_OR_FOOTNOTE.sub("", text)
    text = _HYPERLINK.sub(r"\1", text)
    text = _ANY_ROLE.sub(lambda m: split_role_title(m[1])[0], text)
    return len(_WORD.findall(text))


@dataclass(frozen=True)
class TocEntry:
    """One entry of a ``.. toctree::``, at its line; ``target`` is a docname relative to
    the source folder (a glob pattern if ``glob``)."""

    docname: str
    line: int
    target: str
    glob: bool
    caption: str


def toctree_entries(markup: Markup) -> list[TocEntry]:
    """Every entry of every toctree of the text, read as :func:`_toctrees` reads them."""
    found: list[TocEntry] = []
    lines = list(markup.lines)
    here = posixpath.dirname(markup.docname)
    for index, line in enumerate(markup.visible):
        directive = _DIRECTIVE.match(line)
        if not directive or directive["name"] != "toctree":
            continue
        options, body_start, body = _directive_block(lines, index)
        caption = next((o.value for o in options if o.name == "caption"), "")
        is_glob = any(o.name == "glob" for o in options)
        for row, raw in enumerate(body):
            target = toc_target(raw, here, is_glob)
            if target is not None:
                name, glob = target
                found.append(TocEntry(markup.docname, body_start + row + 1, name, glob, caption))
    return found


__all__ += [
    "ANNOTATION_KINDS",
    "AnnotationDefinition",
    "DirectiveOption",
    "Footnote",
    "Markup",
    "RoleUse",
    "prose_words",
    "read_lines",
    "scan_markup",
    "split_role_title",
    "TocEntry",
    "toctree_entries",
]
