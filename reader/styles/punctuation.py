"""How a note is punctuated, once for the notes of the editions and for copied citations.

A note is made of one part per source, each formatted by the note style (which ends
it with a period); the parts are joined with semicolons, the first letter is a
capital, and one period ends the whole note, inside a closing quotation mark as
CMOS has it, unless the note ends with a question or exclamation mark.
"""

from __future__ import annotations

from collections.abc import Sequence

from docutils.utils.smartquotes import educate_tokens

_STRONG_ENDS = ("?", "!", "?”", "!”")


def without_final_period(text: str) -> str:
    """*text* without the period that ends it (``title.”`` -> ``title”``)."""
    if text.endswith(".”"):
        return text[:-2] + "”"
    return text.removesuffix(".")


def with_final_period(text: str) -> str:
    """*text* ended by one period (inside a closing quotation mark), unless it ends
    with a question or exclamation mark already."""
    if text.endswith(_STRONG_ENDS) or text.endswith((".", ".”")):
        return text
    if text.endswith("”"):
        return text[:-1] + ".”"
    return text + "."


def capitalised(text: str) -> str:
    """*text* with a capital first letter (a note begins a sentence)."""
    return text[:1].upper() + text[1:]


def end_note_text(parts: Sequence[str]) -> str:
    """One note from the formatted parts of its sources, as plain text."""
    joined = "; ".join(without_final_period(part) for part in parts)
    return with_final_period(capitalised(joined))


def typographic(text: str, language: str = "en") -> str:
    """*text* with curly quotes, dashes for ``--`` and an ellipsis for ``...``, as
    Sphinx sets the texts (its default ``smartquotes_action``)."""
    return "".join(educate_tokens([("plain", text)], "qDe", language))
