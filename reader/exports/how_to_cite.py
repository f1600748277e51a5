"""How to cite the edition: the notes and bibliography entries an essay writer copies.

The examples are made by the edition's note style from the same entries as
``reader export --edition`` (:mod:`reader.exports.edition`), so the imprint of the
PDF and EPUB and the how-to-cite page never disagree with the Cite panel or the
exports.  They are pybtex rich text: each edition renders them in its own markup.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from pybtex.richtext import BaseText

from reader.exports.edition import EditionInfo, book_entry, chapter_entry
from reader.exports.records import from_parsed
from reader.sources.citations import marked_locator
from reader.styles.cmos import typographic_text

if TYPE_CHECKING:
    from reader.extension.book import Book

__all__ = ["Example", "book_example", "examples", "quotation_example"]


@dataclass(frozen=True)
class Example:
    """One way of citing the edition: a first note, a later (short) note, an entry."""

    what: str  # "The edition as a whole", ...
    note: BaseText
    short: BaseText
    entry: BaseText


def _example(what: str, entry: Any, style: Any, locator: str = "") -> Example:
    return _formatted(what, from_parsed(entry).to_pybtex(), style, locator)


def _formatted(what: str, pybtex_entry: Any, style: Any, locator: str) -> Example:
    # set as the editions print (curly quotes); the exports keep refs.bib's characters
    return Example(
        what,
        typographic_text(style.full_note(pybtex_entry, locator)),
        typographic_text(style.short_note(pybtex_entry, locator)),
        typographic_text(style.bibliography_entry(pybtex_entry)),
    )


def book_example(info: EditionInfo, style: Any) -> Example:
    """The edition as a whole."""
    return _example("The edition as a whole", book_entry(info), style)


def examples(info: EditionInfo, book: Book, style: Any) -> list[Example]:
    """The edition, its first chapter, and a paragraph of that chapter."""
    found = [book_example(info, style)]
    if book.chapters:
        text = book.chapter(1)
        entry = chapter_entry(info, text)
        found.append(_example(f"A chapter (chapter 1, {text.title})", entry, style))
        paragraph = min(3, len(text.paragraphs)) or 1
        found.append(
            _example(
                f"A paragraph (paragraph {paragraph} of chapter 1)",
                entry,
                style,
                f"para. {paragraph}",
            )
        )
    return found


def quotation_example(book: Book, entries: dict[str, Any], style: Any) -> Example | None:
    """The source of the first quotation of the first chapter that has one, at the
    quotation's place (an unverified locator keeps its mark)."""
    for name in book.chapters:
        for quotation in book.texts[name].quotations:
            target = quotation.targets[0]
            entry = entries.get(target.key) or entries.get(target.key.lower())
            if entry is None:
                continue
            what = f"A source quoted in chapter {book.texts[name].chapter}"
            return _formatted(what, entry, style, marked_locator(target))
    return None
