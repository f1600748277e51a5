"""The generated corpus, written in two variants from one model of the same texts.

* ``reader``: a reader project (``reader.extension``): citations ``:cite:`key{p. 12}```,
  mentions of annotations (``:person:`words <id>```) and the five register pages
  that define the annotations.
* ``plain``: plain Sphinx + sphinxcontrib-bibtex + furo: the same texts with
  ``:footcite:`key``` (it takes no locator) and a ``.. footbibliography::`` at the end of each
  text; mentions are plain words and there are no register pages.

Both share ``refs.bib`` (every entry with the fields a note needs), the texts'
words, the numbered toctree of the texts and the theme, so the difference in
build time is what the reader does on top of Sphinx.  The layout is the
reader's (``conf.py`` and ``refs.bib`` beside ``source_texts/``); the plain
variant is built with ``sphinx-build -c DIR DIR/source_texts``.

The edits of the incremental scenarios live here too, so that they change the
two variants in the same way.
"""

from __future__ import annotations

import random
import re
import textwrap
from dataclasses import dataclass
from pathlib import Path
from typing import Literal

Variant = Literal["plain", "reader"]
VARIANTS: tuple[Variant, Variant] = ("plain", "reader")
SOURCE = "source_texts"
BASENAME = "generated-reader"

#: kind of annotation -> its register page (reader.sources.kinds; repeated here so
#: that the generator does not depend on the package it measures)
REGISTERS = {
    "person": "people",
    "gloss": "glossary",
    "place": "places",
    "org": "organisations",
    "event": "events",
}
# fmt: off
WORDS = (
    "the", "workers", "soldiers", "soviet", "council", "revolution", "government",
    "party", "committee", "strike", "congress", "delegates", "factory", "army",
    "peasants", "land", "bread", "peace", "power", "capital", "war", "state",
    "bureaucracy", "opposition", "debate", "leaders", "masses", "regiment", "sailors",
    "city", "district", "vote", "and", "of", "in", "to", "was", "their", "with",
)
SURNAMES = (
    "Abramov", "Belova", "Chernov", "Dmitrieva", "Egorov", "Fedorova", "Gusev",
    "Holm", "Ivanova", "Jansen", "Kovacs", "Lindqvist", "Morozov", "Novak", "Orlova",
    "Petrov", "Quist", "Rudneva", "Sokolov", "Tarasova", "Ulyanova", "Volkov",
    "Weber", "Yakovleva", "Zorin",
)
PUBLISHERS = (
    ("Verso", "London"), ("Haymarket Books", "Chicago"), ("Pluto Press", "London"),
    ("Progress Publishers", "Moscow"), ("Oxford University Press", "Oxford"),
    ("Cambridge University Press", "Cambridge"), ("Penguin", "London"),
)
JOURNALS = ("Slavic Review", "Revolutionary Russia", "Kritika", "Europe-Asia Studies")
# fmt: on


@dataclass(frozen=True)
class Shape:
    """How big the corpus is.  The defaults are the issue's: texts of 12 paragraphs
    with one citation each, 3,000 references, a few hundred annotations."""

    texts: int
    paragraphs: int = 12
    words: int = 90  # per paragraph, about a real paragraph's length
    entries: int = 3000
    annotations: int = 300
    mentions: int = 2  # mentions of annotations per paragraph (reader variant)


@dataclass(frozen=True)
class Corpus:
    """A written corpus: where it is, and what the edits change."""

    root: Path
    variant: Variant
    shape: Shape
    edited_text: str  # the docname the "edit one text" scenario changes
    edited_annotation: tuple[str, str]  # (kind, id) the "edit one annotation" one changes
    edited_key: str  # the refs.bib entry whose title the "edit refs.bib" one changes
    citing_text: str = ""  # a text that cites edited_key

    @property
    def source(self) -> Path:
        return self.root / SOURCE


# -- the model: one list of paragraphs, rendered twice -----------------------------


@dataclass(frozen=True)
class Mention:
    kind: str
    ident: str
    words: str


@dataclass(frozen=True)
class Paragraph:
    """Words, some of them mentions, ending with one citation."""

    parts: tuple[str | Mention, ...]
    key: str
    page: int


def _entry(n: int, rng: random.Random) -> tuple[str, str]:
    """One refs.bib entry: a book, an article or a chapter, with every field its note
    prints.  Returns (key, BibTeX)."""
    surname = SURNAMES[n % len(SURNAMES)]
    key = f"{surname.lower()}{1880 + n % 140}n{n}"
    author = f"{surname}, {'ABCDEFGHIJKLMNOPRSTUVWY'[n % 23]}."
    title = f"{rng.choice(WORDS).title()} and {rng.choice(WORDS)}: study {n}"
    year = 1880 + n % 140
    publisher, address = PUBLISHERS[n % len(PUBLISHERS)]
    if n % 3 == 0:
        journal = JOURNALS[n % len(JOURNALS)]
        first = 1 + n % 300
        body = (
            f"  author = {{{author}}},\n  title = {{{title}}},\n  journal = {{{journal}}},\n"
            f"  volume = {{{1 + n % 60}}},\n  number = {{{1 + n % 4}}},\n  year = {{{year}}},\n"
            f"  pages = {{{first}--{first + 20}}},\n"
        )
        return key, f"@article{{{key},\n{body}}}\n"
    if n % 3 == 1:
        body = (
            f"  author = {{{author}}},\n  title = {{{title}}},\n"
            f"  booktitle = {{Collected Works}},\n  volume = {{{1 + n % 45}}},\n"
            f"  editor = {{Isaacs, Bernard}},\n  publisher = {{{publisher}}},\n"
            f"  address = {{{address}}},\n  year = {{{year}}},\n"
            f"  pages = {{{10 + n % 90}--{110 + n % 90}}},\n"
        )
        return key, f"@incollection{{{key},\n{body}}}\n"
    body = (
        f"  author = {{{author}}},\n  title = {{{title}}},\n  publisher = {{{publisher}}},\n"
        f"  address = {{{address}}},\n  year = {{{year}}},\n"
        f"  url = {{https://example.org/works/{n}}},\n"
    )
    return key, f"@book{{{key},\n{body}}}\n"


def _annotations(shape: Shape) -> list[tuple[str, str]]:
    """(kind, id) of every annotation, the kinds in turn."""
    kinds = list(REGISTERS)
    return [
        (kinds[n % len(kinds)], f"{kinds[n % len(kinds)]}-{n:03d}")
        for n in range(shape.annotations)
    ]


def _model(shape: Shape) -> tuple[list[str], list[str], list[list[Paragraph]]]:
    """refs.bib entries, their keys, and the paragraphs of every text."""
    rng = random.Random(1917)
    entries = [_entry(n, rng) for n in range(shape.entries)]
    keys = [key for key, _ in entries]
    annotations = _annotations(shape)
    texts: list[list[Paragraph]] = []
    mention = 0
    for _ in range(shape.texts):
        paragraphs = []
        for _ in range(shape.paragraphs):
            parts: list[str | Mention] = [rng.choice(WORDS) for _ in range(shape.words)]
            parts[0] = str(parts[0]).title()
            # mentions spread evenly over the paragraph; a stride prime to the number
            # of annotations walks through all of them, so none is left unmentioned
            # (an unused annotation is a warning the reader would print)
            for slot in range(shape.mentions):
                kind, ident = annotations[(mention * 37) % len(annotations)]
                mention += 1
                at = 1 + (slot + 1) * shape.words // (shape.mentions + 1)
                parts[at] = Mention(kind, ident, f"{parts[at]} {rng.choice(WORDS)}")
            paragraphs.append(Paragraph(tuple(parts), rng.choice(keys), rng.randrange(1, 400)))
        texts.append(paragraphs)
    return [bib for _, bib in entries], keys, texts


# -- rendering ---------------------------------------------------------------------


def _render_paragraph(paragraph: Paragraph, variant: Variant) -> str:
    words = []
    for part in paragraph.parts:
        if isinstance(part, Mention):
            words.append(
                part.words if variant == "plain" else f":{part.kind}:`{part.words} <{part.ident}>`"
            )
        else:
            words.append(part)
    if variant == "plain":
        # sphinxcontrib-bibtex 2.7's :footcite: takes no locator (its {pre}key{post}
        # form is for :cite:p: only): the plain notes cite the work without the page
        words[-1] += f".\\ :footcite:`{paragraph.key}`"
    else:
        words[-1] += f".\\ :cite:`{paragraph.key}{{p. {paragraph.page}}}`"
    # roles must not be broken across lines inside their backquotes: wrap on spaces
    # outside them only, by protecting the spaces inside
    joined = " ".join(w.replace(" ", "\0") for w in words)
    return textwrap.fill(joined, 79, break_long_words=False).replace("\0", " ")


def _title(n: int) -> str:
    return f"Text {n + 1}: {WORDS[n % len(WORDS)]} and {WORDS[(n * 7 + 3) % len(WORDS)]}"


def _conf(variant: Variant) -> str:
    """conf.py: the settings both variants share, then the variant's own."""
    common = f'''\
project = "Generated Reader"
author = "Benchmark Editors"
version = release = "1"
language = "en"
html_theme = "furo"
bibtex_bibfiles = ["refs.bib"]
epub_basename = "{BASENAME}"
epub_identifier = "urn:uuid:00000000-0000-4000-8000-00000000be9c"
epub_scheme = "uuid"
epub_publisher = epub_contributor = epub_copyright = author
epub_description = "A generated corpus for the benchmarks."
latex_engine = "xelatex"
latex_use_xindy = False
latex_documents = [("index", "{BASENAME}.tex", project, author, "manual")]
'''
    if variant == "plain":
        return common + 'extensions = ["sphinxcontrib.bibtex"]\n'
    return (
        common + 'extensions = ["reader.extension"]\nbibtex_default_style = "cmos"\n'
        f'reader_edition_basename = "{BASENAME}"\n'
    )


def _register(kind: str, page: str, idents: list[str], keys: list[str]) -> str:
    title = page.title()
    blocks = [f"{'=' * len(title)}\n{title}\n{'=' * len(title)}\n"]
    for n, ident in enumerate(idents):
        options = [f"   :name: {ident.replace('-', ' ').title()}"]
        if kind == "event":
            options.append(f"   :date: {1 + n % 28} October 1917 OS")
        options.append(f"   :sources: {keys[(n * 11) % len(keys)]}{{p. {1 + n % 300}}}")
        summary = (
            f"A summary of {ident} in the editors' words: what the {WORDS[n % len(WORDS)]} "
            f"did and why it matters to the story of the {WORDS[(n + 5) % len(WORDS)]}."
        )
        blocks.append(f".. {kind}:: {ident}\n" + "\n".join(options) + f"\n\n   {summary}\n")
    return "\n".join(blocks)


def generate(folder: Path, shape: Shape, variant: Variant) -> Corpus:
    """Write the *variant* of a corpus of *shape* into *folder* (created); return it."""
    bib, keys, texts = _model(shape)
    source = folder / SOURCE
    source.mkdir(parents=True)
    (folder / "conf.py").write_text(_conf(variant), encoding="utf-8")
    (folder / "refs.bib").write_text("\n".join(bib), encoding="utf-8")
    names = [f"t{n:04d}" for n in range(shape.texts)]
    for n, (name, paragraphs) in enumerate(zip(names, texts, strict=True)):
        title = _title(n)
        rule = "=" * len(title)
        body = "\n\n".join(_render_paragraph(p, variant) for p in paragraphs)
        end = "\n\n.. footbibliography::\n" if variant == "plain" else "\n"
        (source / f"{name}.rst").write_text(
            f"{rule}\n{title}\n{rule}\n\n{body}{end}", encoding="utf-8"
        )
    listing = "\n".join(f"   {name}" for name in names)
    index = (
        "================\nGenerated Reader\n================\n\n"
        f".. toctree::\n   :caption: Texts\n   :maxdepth: 1\n   :numbered: 1\n\n{listing}\n"
    )
    annotations = _annotations(shape)
    if variant == "reader":
        for kind, page in REGISTERS.items():
            idents = [ident for k, ident in annotations if k == kind]
            (source / f"{page}.rst").write_text(
                _register(kind, page, idents, keys), encoding="utf-8"
            )
        back = "\n".join(f"   {page}" for page in REGISTERS.values())
        index += f"\n.. toctree::\n   :caption: Registers\n   :maxdepth: 1\n\n{back}\n"
    (source / "index.rst").write_text(index, encoding="utf-8")
    middle = shape.texts // 2
    return Corpus(
        root=folder,
        variant=variant,
        shape=shape,
        edited_text=names[middle],
        # an annotation the edited text does not necessarily mention: an ordinary edit
        edited_annotation=annotations[len(annotations) // 2],
        # an entry cited in the first text, so that the change reaches a note
        edited_key=texts[0][0].key,
        citing_text=names[0],
    )


# -- the edits of the incremental scenarios ----------------------------------------


def edit_text(corpus: Corpus, count: int) -> str:
    """Append a sentence to the sixth paragraph of one text (a new one each *count*);
    return words of it that the output must then show."""
    path = corpus.source / f"{corpus.edited_text}.rst"
    blocks = path.read_text(encoding="utf-8").split("\n\n")
    mark = f"(edit {count + 1})"
    blocks[6] += f" The delegates met again {mark} and voted."
    path.write_text("\n\n".join(blocks), encoding="utf-8")
    return mark


def edit_annotation(corpus: Corpus, count: int) -> str:
    """Change the summary of one annotation on its register page (reader only); return
    the words added."""
    kind, ident = corpus.edited_annotation
    path = corpus.source / f"{REGISTERS[kind]}.rst"
    text = path.read_text(encoding="utf-8")
    start = text.index(f".. {kind}:: {ident}\n")
    summary = text.index("\n\n   ", start) + 2  # the summary's first line
    end = text.index("\n", summary)
    mark = f"Revised, {count + 1}."
    text = text[:end] + f" {mark}" + text[end:]
    path.write_text(text, encoding="utf-8")
    return mark


def edit_bib(corpus: Corpus, count: int) -> str:
    """Change the title of one (cited) entry of refs.bib; return the words added."""
    path = corpus.root / "refs.bib"
    text = path.read_text(encoding="utf-8")
    start = text.index(f"{{{corpus.edited_key},\n")
    pattern = re.compile(r"  title = \{([^}]*)\}")
    match = pattern.search(text, start)
    assert match is not None
    mark = f"revised {count + 1}"
    title = re.sub(r" \(revised \d+\)$", "", match.group(1)) + f" ({mark})"
    text = text[: match.start(1)] + title + text[match.end(1) :]
    path.write_text(text, encoding="utf-8")
    return mark
