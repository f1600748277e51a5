"""Problems found in the sources: one record shape, one table of codes.

Every problem the build or ``reader check`` reports carries a stable code.  The
Sphinx extension logs it with ``type="reader"`` and ``subtype=<code>``, so a code
names one problem everywhere (``suppress_warnings = ["reader.<code>"]`` works).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

Severity = Literal["error", "warning", "info"]


@dataclass(frozen=True)
class Code:
    """A kind of problem: its severity and the advice printed with it."""

    name: str
    severity: Severity
    summary: str
    hint: str


CODES: dict[str, Code] = {
    c.name: c
    for c in [
        Code(
            "bib_syntax",
            "error",
            "refs.bib cannot be parsed here",
            "Fix the entry at this line: every entry is @type{key, field = {value}, ...}.",
        ),
        Code(
            "bib_unclosed_brace",
            "error",
            "a brace opened here is never closed",
            "Add the missing '}' (or remove the stray '{').",
        ),
        Code(
            "bib_extra_brace",
            "error",
            "a '}' here closes more than was opened",
            "Remove the extra '}': it ends the entry early and drops the fields after it.",
        ),
        Code(
            "bib_duplicate_key",
            "error",
            "this citation key is already defined",
            "Rename one of the two entries or merge them; keys must be unique.",
        ),
        Code(
            "bib_unknown_macro",
            "error",
            "an @string macro is used but never defined",
            "Define it with @string{name = {...}} above, or brace the value.",
        ),
        Code(
            "bib_missing_field",
            "error",
            "the entry lacks a field its type needs",
            "Add the field to the entry in refs.bib.",
        ),
        Code(
            "bib_tex",
            "error",
            "TeX in refs.bib that would not print as written",
            "Write `\\%`, `\\&`, `\\$`, `\\#`, `\\_` for a percent, ampersand, dollar, number "
            "sign or underscore, `{\\,}` for a thin space in a name, and the character itself "
            "(UTF-8) for a command the reader does not know (see 'TeX in refs.bib' in "
            "docs/annotators-guide.md).",
        ),
        Code(
            "bib_missing_file",
            "error",
            "the bibliography file does not exist",
            "Create refs.bib or fix bibtex_bibfiles in conf.py.",
        ),
        Code(
            "key_not_found",
            "error",
            "the citation key is not in refs.bib",
            "Add the entry to refs.bib or correct the key (see the close matches).",
        ),
        Code(
            "cite_syntax",
            "error",
            "the citation markup cannot be read",
            "Write {pre}key{locator}, several separated by commas.",
        ),
        Code(
            "adjacent_notes",
            "error",
            "two note markers stand side by side",
            "Put both sources in one citation: :cite:`a{p. 1}, b{p. 2}`.",
        ),
        Code(
            "quote_no_source",
            "error",
            "a quotation names no source",
            "Give the quote directive a :cite: option with key and locator.",
        ),
        Code(
            "quote_no_speaker",
            "error",
            "a quotation says nothing of who speaks",
            "Give the quote directive a :by: option naming the speaker or author.",
        ),
        Code(
            "quote_duplicate_id",
            "error",
            "two quotations share one id",
            "Give one of them another :id:.",
        ),
        Code(
            "text_no_title",
            "error",
            "a text has no title",
            "Begin the text with its title, underlined (and overlined) with '='.",
        ),
        Code(
            "quote_id_invalid",
            "error",
            "a quotation's id cannot be a link anchor",
            "Give the quote an :id: of lower-case ASCII letters, digits and hyphens.",
        ),
        Code(
            "annotation_unknown",
            "error",
            "a mention names an annotation that does not exist",
            "Correct the id (see the close matches) or define it on its register page.",
        ),
        Code(
            "annotation_duplicate",
            "error",
            "an annotation id is defined twice",
            "Keep one definition: an annotation lives in one place.",
        ),
        Code(
            "annotation_field",
            "error",
            "an annotation lacks a field it needs",
            "Add the option to the directive (see the annotator's guide).",
        ),
        Code(
            "date_invalid",
            "error",
            "a date cannot be read or does not exist",
            "Write day, month, year and the calendar: '25 October 1917 OS'.",
        ),
        Code(
            "locator_unverified",
            "info",
            "a locator has not been checked against a source",
            "Check the page or chapter in an edition you have seen, then drop the '?'.",
        ),
        Code(
            "bib_unsafe_url",
            "error",
            "a URL in refs.bib is not http, https or doi",
            "Give the web address with https:// (or http://), or a DOI; never "
            "javascript:, data: or file: links, which the HTML would make clickable.",
        ),
        Code(
            "bib_uncited",
            "warning",
            "an entry of refs.bib is cited nowhere",
            "Cite it in a text or an annotation's :sources:, or remove it from refs.bib.",
        ),
        Code(
            "locator_malformed",
            "warning",
            "a locator does not follow the note style",
            "Write 'p. 12', 'pp. 40–44' (en dash), 'vol. 1, ch. 7': see the locator "
            "rules in docs/annotators-guide.md.",
        ),
        Code(
            "annotation_unused",
            "warning",
            "an annotation is mentioned nowhere",
            "Mention it in a text with its role (:person:`Name <id>`) or remove it.",
        ),
        Code(
            "note_ibid",
            "warning",
            "'ibid.' or 'op. cit.' in a text or note",
            "Cite the work with :cite: instead: the notes are generated, and short notes "
            "replace ibid. (CMOS 18 discourages it).",
        ),
        Code(
            "ref_broken",
            "error",
            "an internal reference or toctree entry leads nowhere",
            "Correct the document name, create the text, or add it to a toctree "
            "(index.rst) or mark it :orphan:.",
        ),
        Code(
            "text_encoding",
            "error",
            "a text is not UTF-8",
            "Save the file as UTF-8 (the line named is where the first undecodable byte is).",
        ),
        Code(
            "text_name",
            "error",
            "a text's file name cannot be a page name in every edition",
            "Rename the file (and its toctree entry) with lower-case ASCII letters, digits "
            "and hyphens, e.g. 08-the-purges.rst: it becomes a file name in the site and "
            "the e-book, an anchor and a citation key.",
        ),
        Code(
            "rst_disabled",
            "error",
            "raw markup or a file inclusion, which the texts may not use",
            "Write it in reStructuredText. `raw` would put unchecked HTML or LaTeX into "
            "the editions and `include` can read any file; editors who need them set "
            "reader_allow_raw = True in conf.py.",
        ),
        Code(
            "rst_unknown_role",
            "error",
            "a role that neither docutils, Sphinx nor the reader defines",
            "Correct the role's name (`reader check --list-codes` and the annotator's guide "
            "list the reader's roles: cite, person, gloss, place, org, event, date, lang).",
        ),
        Code(
            "rst_unknown_directive",
            "error",
            "a directive that neither docutils, Sphinx nor the reader defines",
            "Correct the directive's name (the reader's: quote, works-cited, timeline, person, "
            "gloss, place, org, event).",
        ),
        Code(
            "rst_syntax",
            "error",
            "the reStructuredText cannot be read as intended",
            "Fix the markup at this line (a blank line before and after a directive or list, "
            "closing `` and * marks, consistent indentation).",
        ),
        Code(
            "sphinx_warning",
            "error",
            "Sphinx warns about the sources",
            "Read Sphinx's message; every warning fails the build.",
        ),
        Code(
            "lang_invalid",
            "error",
            "a language is not given as a language tag",
            "Give a BCP 47 tag: `:lang:`Words <de>``, or `:lang: ru` for an annotation's "
            ":original: (two or three letters, e.g. ru, de, fr, pl).",
        ),
        Code(
            "lang_missing",
            "warning",
            "an annotation's :original: form has no :lang:",
            "Add `:lang: ru` (its language tag) under :original:, so that screen readers "
            "and e-readers read it in its language.",
        ),
        Code(
            "todo_marker",
            "warning",
            "a TODO marker is left in the sources",
            "Replace the placeholder with the real text or value, then remove 'TODO'.",
        ),
    ]
}


# Sphinx's warning types that name a broken internal reference.
_REFERENCE_TYPES = frozenset({"toc", "ref"})


# docutils' messages for raw markup and file inclusion when they are switched off
_DISABLED = (
    "directive disabled.",
    "File insertion disabled",
    "roles disabled",
    "File and URL access deactivated",
)


def code_for(kind: str | None, subtype: str | None, message: str) -> str:
    """The reader code of a warning that docutils or Sphinx logged with its own type."""
    if kind == "reader" and subtype in CODES:
        return subtype
    if kind == "docutils":
        if message.startswith("Unknown interpreted text role"):
            return "rst_unknown_role"
        if message.startswith("Unknown directive type"):
            return "rst_unknown_directive"
        if any(marker in message for marker in _DISABLED):
            return "rst_disabled"
        return "rst_syntax"
    if kind in _REFERENCE_TYPES:
        return "ref_broken"
    return "sphinx_warning"


@dataclass(frozen=True)
class Problem:
    """One problem at one place in one file (line is 1-based, 0 when unknown)."""

    code: str
    file: str
    line: int
    message: str

    @property
    def severity(self) -> Severity:
        return CODES[self.code].severity

    @property
    def hint(self) -> str:
        return CODES[self.code].hint

    def __str__(self) -> str:
        where = f"{self.file}:{self.line}" if self.line else self.file
        return f"{where}: {self.severity} [{self.code}] {self.message} ({self.hint})"
