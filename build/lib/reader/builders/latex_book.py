"""The PDF as a book: trade page size, title page, quiet chapter openings, running heads.

Sphinx's LaTeX builder is made for software manuals ("CHAPTER ONE", the release
in every header, letter paper).  :func:`latex_elements` returns the
``latex_elements`` that turn its output into a 6x9 in book set with XeLaTeX in
FreeSerif (Latin, Cyrillic and typographic punctuation).
"""

from __future__ import annotations

import re

_LATEX_SPECIALS = {
    "\\": r"\textbackslash{}",
    "{": r"\{",
    "}": r"\}",
    "$": r"\$",
    "&": r"\&",
    "#": r"\#",
    "^": r"\textasciicircum{}",
    "_": r"\_",
    "~": r"\textasciitilde{}",
    "%": r"\%",
}


def latex_escape(text: str) -> str:
    """Escape text for LaTeX so that no source string can inject commands."""
    return re.sub(r"[\\{}$&#^_~%]", lambda m: _LATEX_SPECIALS[m.group()], text)


def latex_elements(
    *,
    title: str,
    subtitle: str,
    editors: str,
    edition: str,
    date: str,
    publisher: str,
    subject: str,
    keywords: list[str],
) -> dict[str, str]:
    """``latex_elements`` for a 6x9 in book with a title page and PDF metadata."""
    t, s, e = latex_escape(title), latex_escape(subtitle), latex_escape(editors)
    ed, d, p = latex_escape(edition), latex_escape(date), latex_escape(publisher)
    metadata = (
        rf"\hypersetup{{pdftitle={{{t}: {s}}}, pdfauthor={{{e}}}, "
        rf"pdfsubject={{{latex_escape(subject)}}}, "
        rf"pdfkeywords={{{latex_escape(', '.join(keywords))}}}, "
        r"bookmarksopen=true, bookmarksnumbered=false}"
    )
    return {
        "papersize": "",
        "pointsize": "10pt",
        "classoptions": ",openany,twoside",
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
                # chapter openings: the title alone, no "Chapter One"
                r"\titleformat{\chapter}[display]{\normalfont\filcenter}{}{0pt}"
                r"{\LARGE\itshape}[\vspace{0.5ex}\rule{0.2\textwidth}{0.4pt}]",
                r"\titlespacing*{\chapter}{0pt}{1.5in}{0.6in}",
                # no numbers: in LaTeX the front and back matter are chapters too
                r"\setcounter{secnumdepth}{-1}",
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
                # notes and lists of works carry long URLs: set them ragged, not stretched
                r"\renewcommand*{\sphinxAtStartFootnote}{\raggedright\mbox{ }\ignorespaces}",
                r"\newenvironment{sphinxclassreader-works-cited}"
                r"{\par\raggedright\setlength{\parindent}{-1.5em}\setlength{\leftskip}{1.5em}}"
                r"{\par}",
            ]
        ),
        "maketitle": "\n".join(
            [
                r"\begin{titlepage}\centering",
                r"\vspace*{1.2in}",
                rf"{{\Huge\itshape {t}\par}}\vspace{{0.25in}}",
                rf"{{\Large {s}\par}}\vspace{{0.6in}}",
                rf"{{\large Edited by {e}\par}}",
                r"\vfill",
                rf"{{\normalsize {ed}\par}}\vspace{{0.08in}}",
                rf"{{\normalsize {d}\par}}\vspace{{0.08in}}",
                rf"{{\small {p}\par}}",
                r"\end{titlepage}",
            ]
        ),
        "tableofcontents": r"\pagestyle{normal}\sphinxtableofcontents",
        "printindex": r"\footnotesize\raggedright\printindex",
        "sphinxsetup": "HeaderFamily=\\rmfamily\\bfseries, TitleColor={rgb}{0,0,0}, "
        "InnerLinkColor={rgb}{0.1,0.1,0.4}, "
        "OuterLinkColor={rgb}{0.1,0.1,0.4}",
    }
