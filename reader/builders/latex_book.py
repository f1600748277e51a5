"""The PDF as a book: trade page size, title recto and imprint verso, running heads.

Sphinx's LaTeX builder is made for software manuals ("CHAPTER ONE", the release
in every header, letter paper).  :func:`configure` derives, from the edition's
settings, the ``latex_elements`` and document class of a 6x9 in book set with
XeLaTeX in FreeSerif (Latin, Cyrillic and typographic punctuation); the design
that does not depend on the edition is ``texinputs/readerbook.sty``.  Values set
in conf.py win over the derived ones.

The PDF's metadata (the catalog's ``/Lang``, the document information and the XMP
packet: title, editors, description, keywords, publisher, licence) comes from the
same settings, through the LaTeX kernel's PDF management: :func:`document_metadata`
opens the file, before ``\\documentclass``; hyperref's keys fill in the rest.
The PDF is not tagged: with XeLaTeX, TeX Live 2022's tagging (``testphase=phase-II``)
nests paragraphs in paragraphs and leaves marked content open on Sphinx's output
(some 300 of each), adds pages, and takes minutes a pass where the book takes
seconds; ``phase-I`` tags the links alone, which would tell a screen reader that
the book has no text.
"""

from __future__ import annotations

import re
from typing import Any

from pybtex.backends.latex import Backend as LatexBackend
from pybtex.richtext import BaseText

from reader.exports.edition import EditionInfo
from reader.exports.how_to_cite import book_example
from reader.sources.languages import language_fault
from reader.styles import plugins
from reader.styles.escape import latex_escape, latex_url


class SafeLatexBackend(LatexBackend):
    """pybtex's LaTeX backend, escaping every string (pybtex's leaves ``$``, braces
    and backslashes as they are: LaTeX would obey them)."""

    def format_str(self, str_: str) -> str:
        return latex_escape(str_)

    def format_href(self, url: str, text: str, external: bool = False) -> str:
        return rf"\href{{{latex_url(url)}}}{{{text}}}"


def latex_text(text: BaseText) -> str:
    """Rich text (a formatted note) as LaTeX."""
    return text.render(SafeLatexBackend())


def _imprint(info: EditionInfo, style: Any) -> str:
    """The verso of the title page: edition, publisher, licence, how to cite."""
    title = latex_escape(info.book_title)
    published = ", ".join(latex_escape(part) for part in (info.place, info.publisher) if part)
    example = book_example(info, style)
    lines = [
        r"\begingroup\footnotesize\raggedright\setlength{\parskip}{0.6\baselineskip}",
        r"\thispagestyle{empty}\null\vfill",
        rf"\noindent\textit{{{title}}}\par",
        rf"\noindent {latex_escape(info.edition)}, {latex_escape(info.date)}\par"
        if info.edition
        else "",
        rf"\noindent Published by {published}\par" if published else "",
        rf"\noindent {latex_escape(info.licence)}\par" if info.licence else "",
        r"\noindent How to cite this book:\par",
        rf"\noindent\hangindent1.5em {latex_text(example.note)}\par",
        r"\noindent Set in FreeSerif with XeLaTeX.\par",
        r"\endgroup\clearpage",
    ]
    return "\n".join(line for line in lines if line)


# The PDF management's \text_purify (TeX Live 2022) drops ``\&`` and writes
# ``\textbackslash`` and its kin into the metadata as words: these characters go in
# as characters instead.  Its XMP writer reads a backslash as an escape ("\b" became
# a backspace, which no XML may hold): a backslash goes in doubled, so that the XMP
# has it once (the document information dictionary, twice).
_PDF_STRING = {
    "&": r"\string&",
    "~": r"\string~",
    "^": r"\string^",
    "\\": r"\@backslashchar\@backslashchar{}",
}


def pdf_language(language: str) -> str:
    """Sphinx's ``language`` ("en", "pt_BR") as the PDF's language tag; "" if it is none."""
    tag = language.replace("_", "-")
    # a language tag as BCP 47 has it (the rule of :lang:): nothing else reaches the catalog
    return "" if language_fault(tag) else tag


def document_metadata(language: str) -> str:
    """``\\DocumentMetadata``, the first line of the .tex: the kernel's PDF management
    writes the catalog's ``/Lang`` and an XMP packet of hyperref's metadata (PDF 1.7,
    as PDF/A-2 and PDF/UA-1 build on).  No tagging (see above)."""
    tag = pdf_language(language)
    keys = [f"lang={tag}"] if tag else []
    return r"\DocumentMetadata{" + ", ".join([*keys, "pdfversion=1.7", "xmp=true"]) + "}"


def pdf_string(text: str) -> str:
    """Plain text as the value of a metadata key of ``\\hypersetup`` (within
    ``\\makeatletter``): escaped as :func:`latex_escape` escapes it, except for the
    characters the PDF management would lose, and on one line."""
    parts = re.split(r"([&~^\\])", " ".join(text.split()))
    return "".join(_PDF_STRING.get(part) or latex_escape(part) for part in parts)


def pdf_list(items: list[str]) -> str:
    """A value for a metadata key of ``\\hypersetup``: the PDF management splits every
    value at its commas (the title, the description too) into XMP items, so each item
    is braced whole."""
    return ", ".join("{" + pdf_string(item) + "}" for item in items if item.strip())


def pdf_metadata(info: EditionInfo, keywords: list[str]) -> str:
    """hyperref's metadata keys for the edition: the editors are its creators, or,
    for a collective work cited by its title, the publisher."""
    values = {
        "pdftitle": [info.book_title],
        "pdfauthor": list(info.editors) or [info.publisher],
        "pdfsubject": [info.description],
        "pdfkeywords": keywords,
        "pdfpublisher": [info.publisher],
        "pdfcopyright": [info.licence],
    }
    keys = "".join(f"{key}={{{pdf_list(items)}}}, " for key, items in values.items())
    keys += "bookmarksopen=true, bookmarksnumbered=false"
    return rf"\makeatletter\hypersetup{{{keys}}}\makeatother"


def latex_elements(info: EditionInfo, keywords: list[str], style: Any) -> dict[str, str]:
    """``latex_elements`` for a 6x9 in book with a title page, imprint and metadata."""
    t, s = latex_escape(info.title), latex_escape(info.subtitle)
    editors = latex_escape(" and ".join(info.editors))
    metadata = pdf_metadata(info, keywords)
    return {
        "papersize": "",
        "pointsize": "10pt",
        "classoptions": ",openright,twoside",
        "geometry": (
            r"\usepackage[paperwidth=6in,paperheight=9in,inner=0.8in,outer=0.6in,"
            r"top=0.8in,bottom=0.85in,headsep=0.2in,footskip=0.35in]{geometry}"
        ),
        # plain fontspec keeps TeX ligatures, so the attribution's --- is an em dash
        "fontenc": r"\usepackage{fontspec}",
        "fontpkg": (
            r"\setmainfont{FreeSerif}[Ligatures=TeX]"
            "\n"
            r"\setsansfont{FreeSans}[Ligatures=TeX]"
            "\n"
            r"\setmonofont{FreeMono}"
        ),
        "fncychap": "",
        "preamble": "\n".join(
            [
                metadata,
                # Sphinx names the contents after the first toctree's caption
                r"\addto\captionsenglish{\renewcommand{\contentsname}{Contents}}",
                # mentions link to the registers; in print they read as plain text
                r"\renewcommand*{\sphinxcrossref}[1]{#1}",
                r"\renewcommand{\chaptermark}[1]{\markboth{#1}{#1}}",
                r"\renewcommand{\sectionmark}[1]{\markright{#1}}",
                # running heads: book title on the left page, chapter on the right
                r"\makeatletter",
                r"\fancypagestyle{normal}{\fancyhf{}"
                r"\fancyhead[LE]{\small\itshape " + t + "}"
                r"\fancyhead[RO]{\small\itshape\nouppercase{\leftmark}}"
                r"\fancyfoot[C]{\small\thepage}"
                r"\renewcommand{\headrulewidth}{0pt}\renewcommand{\footrulewidth}{0pt}}",
                r"\fancypagestyle{plain}{\fancyhf{}\fancyfoot[C]{\small\thepage}"
                r"\renewcommand{\headrulewidth}{0pt}\renewcommand{\footrulewidth}{0pt}}",
                r"\makeatother",
                r"\setlength{\footnotesep}{0.8\baselineskip}",
                # notes carry long URLs: set them ragged, not stretched
                r"\renewcommand*{\sphinxAtStartFootnote}{\raggedright\mbox{ }\ignorespaces}",
            ]
        ),
        "maketitle": "\n".join(
            [
                r"\frontmatter",
                r"\begin{titlepage}\centering",
                r"\vspace*{1.2in}",
                rf"{{\Huge\itshape {t}\par}}\vspace{{0.25in}}",
                rf"{{\Large {s}\par}}\vspace{{0.6in}}" if s else "",
                rf"{{\large Edited by {editors}\par}}" if editors else "",
                r"\vfill",
                rf"{{\normalsize {latex_escape(info.edition)}\par}}\vspace{{0.08in}}",
                rf"{{\small {latex_escape(info.publisher)}\par}}",
                r"\end{titlepage}",
                _imprint(info, style),
            ]
        ),
        "tableofcontents": r"\pagestyle{normal}\readertableofcontents",
        "printindex": r"\footnotesize\raggedright\printindex",
        "sphinxsetup": "HeaderFamily=\\rmfamily\\bfseries, TitleColor={rgb}{0,0,0}, "
        "InnerLinkColor={rgb}{0,0,0}, "  # a printed page: links in the ink of the text
        "OuterLinkColor={rgb}{0.1,0.1,0.4}",
    }


def configure(app: Any, config: Any) -> None:
    """Derive the book's LaTeX settings from the edition's (config-inited)."""
    info = EditionInfo.from_config(config, app.confdir)
    style = plugins.style(config.reader_note_style)
    derived = latex_elements(info.as_printed(), list(config.reader_keywords), style)
    config.latex_elements = {**derived, **config.latex_elements}
    config.latex_docclass = {"manual": "book", **config.latex_docclass}
