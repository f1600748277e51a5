"""Languages: biblatex's names for them, their BCP 47 tags, and what a tag may be."""

from __future__ import annotations

import re

#: babel/polyglossia language names (biblatex ``langid``) -> BCP 47 codes (CSL ``language``).
LANGUAGE_CODES = {
    "english": "en", "american": "en-US", "british": "en-GB", "german": "de",
    "ngerman": "de", "french": "fr", "russian": "ru", "spanish": "es", "italian": "it",
    "dutch": "nl", "polish": "pl", "portuguese": "pt", "ukrainian": "uk", "czech": "cs",
    "swedish": "sv", "finnish": "fi", "hungarian": "hu", "greek": "el", "latin": "la",
    "chinese": "zh", "japanese": "ja", "danish": "da", "norwegian": "no", "turkish": "tr",
}  # fmt: skip

#: The rich-text tag name (pybtex ``Tag``) that marks a title's language: ``lang:de``.
LANG_TAG = "lang:"

#: The tags of English, the language the notes are written in (no span marks them).
ENGLISH = frozenset({"en", "en-US", "en-GB"})


#: The class docutils writes ``lang`` from: ``language-de`` gives ``lang="de"``.
LANGUAGE_CLASS = "language-"


def bcp47(name: str) -> str:
    """The BCP 47 tag of a biblatex ``langid`` such as ``german`` ("" if unknown)."""
    return LANGUAGE_CODES.get(name.strip().lower(), "")


def babel_name(tag: str) -> str:
    """The biblatex ``langid`` of a language tag's language (``de-AT`` -> ``german``):
    the first name the table gives it; "" if it has none."""
    primary = tag.replace("_", "-").split("-")[0].lower()
    return next((name for name, code in LANGUAGE_CODES.items() if code == primary), "")


# a language tag (BCP 47) in its common forms: ru, de, grc, pt-BR, sr-Latn, es-419
_LANGUAGE = re.compile(r"^[a-z]{2,3}(?:-[A-Z][a-z]{3})?(?:-(?:[A-Z]{2}|\d{3}))?$")


def language_fault(tag: str) -> str:
    """Why *tag* cannot be a language tag ("" when it can)."""
    if _LANGUAGE.match(tag):
        return ""
    return (
        f"{tag!r} is not a language tag: write two or three lower-case letters, as in "
        "'ru' or 'de' (with a region or script if needed: 'pt-BR', 'sr-Latn')"
    )
