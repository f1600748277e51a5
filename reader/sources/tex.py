"""TeX in refs.bib values: what every construct means, and which ones are faults.

A refs.bib value is TeX: the editions print it, the exports carry it to LaTeX,
biber and pandoc.  One reader (:func:`read_tex`) says what every construct means,
for the note style and for CSL-JSON and RIS alike, so that an edition and an
export cannot disagree; the constructs it cannot print as TeX would are faults,
which the checker reports at their line (:func:`tex_faults`).  It never raises:
a fault is read as the characters written, so nothing is cut.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

#: Fields read as they are written, not as TeX: addresses, files and citation keys.
VERBATIM_FIELDS = frozenset(
    {"url", "urlraw", "doi", "eprint", "file", "pdf", "crossref", "xref", "ids", "related",
     "entryset", "verba", "verbb", "verbc"}
)  # fmt: skip
#: Fields that hold lists of names, which BibTeX splits at commas and "and".
NAME_FIELDS = frozenset(
    {"author", "editor", "translator", "bookauthor", "editora", "editorb", "editorc",
     "annotator", "commentator", "introduction", "foreword", "afterword", "holder"}
)  # fmt: skip


@dataclass(frozen=True)
class TexGroup:
    """A braced group: BibTeX keeps its case (``{USSR}``); TeX prints its content."""

    parts: tuple[TexPart, ...]


@dataclass(frozen=True)
class TexItalic:
    """Text set in italics (``\\emph{...}``, ``{\\em ...}``)."""

    parts: tuple[TexPart, ...]


TexPart = str | TexGroup | TexItalic


@dataclass(frozen=True)
class TexFault:
    """A construct the editions cannot print as TeX would: where it is, and why."""

    offset: int  # index in the value
    message: str


#: Accents and the combining mark each puts on the letter that follows.
_ACCENTS = {
    "'": "\u0301", "`": "\u0300", "^": "\u0302", '"': "\u0308", "~": "\u0303",
    "=": "\u0304", ".": "\u0307", "u": "\u0306", "v": "\u030c", "H": "\u030b",
    "c": "\u0327", "k": "\u0328", "r": "\u030a", "d": "\u0323", "b": "\u0331",
    "t": "\u0361",
}  # fmt: skip
#: An accent with nothing under it (``\'{}``); ``\~{}`` and ``\^{}`` mean the characters.
_BARE_ACCENTS = {
    "'": "´", "`": "`", "^": "^", '"': "¨", "~": "~", "=": "¯", ".": "˙", "u": "˘",
    "v": "ˇ", "H": "˝", "c": "¸", "k": "˛", "r": "˚",
}  # fmt: skip
#: Commands that stand for characters (or for nothing: hints to TeX's typesetting).
_SYMBOLS = {
    "i": "ı", "j": "ȷ", "ss": "ß", "SS": "SS", "o": "ø", "O": "Ø", "ae": "æ", "AE": "Æ",
    "oe": "œ", "OE": "Œ", "aa": "å", "AA": "Å", "l": "ł", "L": "Ł", "dh": "ð", "DH": "Ð",
    "th": "þ", "TH": "Þ", "ng": "ŋ", "NG": "Ŋ", "dj": "đ", "DJ": "Đ",
    "textbackslash": "\\", "textbraceleft": "{", "textbraceright": "}",
    "textasciitilde": "~", "textasciicircum": "^", "textunderscore": "_",
    "textdollar": "$", "textless": "<", "textgreater": ">", "textbar": "|",
    "textendash": "–", "textemdash": "—", "ldots": "…", "dots": "…", "textellipsis": "…",
    "textquoteleft": "‘", "textquoteright": "’", "textquotedblleft": "“",
    "textquotedblright": "”", "guillemotleft": "«", "guillemotright": "»",
    "guillemetleft": "«", "guillemetright": "»", "guilsinglleft": "‹",
    "guilsinglright": "›", "quotedblbase": "„", "quotesinglbase": "‚",
    "S": "§", "textsection": "§", "P": "¶", "textparagraph": "¶", "dag": "†",
    "textdagger": "†", "ddag": "‡", "textdaggerdbl": "‡", "pounds": "£",
    "textsterling": "£", "euro": "€", "texteuro": "€", "copyright": "©",
    "textcopyright": "©", "textregistered": "®", "texttrademark": "™", "textdegree": "°",
    "textperiodcentered": "·", "textbullet": "•", "textexclamdown": "¡",
    "textquestiondown": "¿", "textnumero": "№", "TeX": "TeX", "LaTeX": "LaTeX",
    "quad": "\u2003", "qquad": "\u2003\u2003", "enspace": "\u2002",
    "thinspace": "\u202f", "nobreakspace": "\xa0", "relax": "",
}  # fmt: skip
#: Control symbols: ``\%`` and the other escaped specials, ``\,`` (a thin space that
#: does not break, as in TeX), a control space, and hints that print nothing
#: (``\-`` a hyphenation point, ``\/`` an italic correction, ``\@`` a spacing hint).
_ESCAPES = {
    "%": "%", "&": "&", "$": "$", "#": "#", "_": "_", "{": "{", "}": "}",
    ",": "\u202f", " ": " ", "\t": " ", "\n": " ", "-": "", "/": "", "@": "",
}  # fmt: skip
#: Commands whose argument is set in italics, kept as text, or quoted.
_ITALIC_COMMANDS = frozenset({"emph", "textit", "textsl", "mkbibemph", "mkbibitalic"})
_TEXT_COMMANDS = frozenset(
    {"textbf", "textsc", "textup", "textrm", "textsf", "texttt", "textnormal", "textmd",
     "mkbibbold", "mbox", "textsuperscript", "NoCaseChange"}
)  # fmt: skip
_QUOTE_COMMANDS = frozenset({"enquote", "mkbibquote"})
#: Declarations that set the rest of their group in italics, or in a look that is lost.
_ITALIC_SWITCHES = frozenset({"em", "it", "itshape", "sl", "slshape"})
_OTHER_SWITCHES = frozenset(
    {"bf", "bfseries", "sc", "scshape", "rm", "rmfamily", "sf", "sffamily", "tt",
     "ttfamily", "upshape", "mdseries", "normalfont"}
)  # fmt: skip
#: Characters TeX does not print as themselves: why, and what to write instead.
_SPECIALS = {
    "%": "TeX, and pandoc reading the export, take the rest of the line for a comment "
    "and cut the value there; write \\% for a percent sign",
    "&": "TeX stops on it (an alignment tab); write \\& for an ampersand",
    "$": "TeX would set what follows as mathematics; write \\$ for a dollar sign",
    "#": "TeX stops on it (a macro parameter); write \\# for a number sign",
    "_": "TeX stops on it outside mathematics; write \\_ for an underscore",
    "^": "TeX stops on it outside mathematics; write \\textasciicircum{} for a caret",
}
_PLAIN_RUN = re.compile(r"[^\\{}~\-`'!?%&$#_^]+")
_TEX_SPACES = re.compile(r"[ \t\n]+")
_MAY_FAULT = re.compile(r"[\\%&$#_^]")
_CONTROL_WORD = re.compile(r"[A-Za-z]+")
_URL_UNESCAPE = re.compile(r"\\([_%#&~$])")


def plain_url(value: str) -> str:
    r"""A URL as written, with TeX's escapes (``\_``, ``\%``, ``\$``) undone; never
    decoded.  The one rule for the notes, the exports and ``\url{}`` alike."""
    return _URL_UNESCAPE.sub(r"\1", value.strip())


def read_tex(value: str) -> tuple[tuple[TexPart, ...], list[TexFault]]:
    """The text of a refs.bib value as TeX prints it, and the faults found on the way.

    Accents and symbol commands become Unicode characters, ``~`` a no-break space,
    ``\\,`` a narrow no-break space, ``--``/``---`` dashes and ````` ``...'' ````` curly
    quotation marks; braces become groups, italic commands italics.  A fault (a bare
    ``%``, an unknown command) is kept as the characters written.
    """
    if not _PLAIN_RUN.fullmatch(value):
        reader = _TexReader(value)
        return tuple(_merged(reader.sequence(top=True))), reader.faults
    return tuple(_merged([value])), []  # most values: no markup at all


def tex_text(value: str) -> str:
    """The plain text of a refs.bib value (groups and italics flattened)."""
    return flat_text(read_tex(value)[0])


def flat_text(parts: tuple[TexPart, ...] | list[TexPart]) -> str:
    """The characters of *parts*, without their structure."""
    return "".join(part if isinstance(part, str) else flat_text(part.parts) for part in parts)


def tex_faults(value: str, field: str) -> list[TexFault]:
    """Every fault of the value of *field* (a lower-case name); none in an address or key."""
    if field in VERBATIM_FIELDS or not _MAY_FAULT.search(value):
        return []
    faults = read_tex(value)[1]
    if field in NAME_FIELDS:
        faults += _name_faults(value)
    return sorted(faults, key=lambda fault: fault.offset)


def _merged(parts: list[TexPart]) -> list[TexPart]:
    """*parts* with neighbouring strings joined (spaces collapsed, as TeX does) and empty
    strings and groups dropped."""
    merged: list[TexPart] = []
    run: list[str] = []
    for part in parts:
        if isinstance(part, str):
            run.append(part)
        elif part != TexGroup(()):  # `\TeX{}`: braces that only end a command
            _flush(run, merged)
            merged.append(part)
    _flush(run, merged)
    return merged


def _flush(run: list[str], merged: list[TexPart]) -> None:
    """Move the strings of *run* into *merged* as one, spaces collapsed."""
    text = _TEX_SPACES.sub(" ", "".join(run))
    if text:
        merged.append(text)
    run.clear()


class _TexReader:
    """A recursive reader of one value: text, groups, commands (see :func:`read_tex`)."""

    def __init__(self, text: str) -> None:
        self.text = text
        self.pos = 0
        self.faults: list[TexFault] = []

    def fault(self, offset: int, message: str) -> None:
        self.faults.append(TexFault(offset, message))

    def sequence(self, top: bool = False) -> list[TexPart]:
        """Parts up to the ``}`` that closes the current group (or the end)."""
        parts: list[TexPart] = []
        while self.pos < len(self.text):
            char = self.text[self.pos]
            if char == "}":
                self.pos += 1
                if not top:
                    return parts
                continue  # a brace that closes nothing: the scanner reports it
            if char == "{":
                self.pos += 1
                inner = _merged(self.sequence())
                one = len(inner) == 1 and not isinstance(inner[0], str)
                parts.append(inner[0] if one else TexGroup(tuple(inner)))  # {\em x}, {{x}}
            elif char == "\\" and (switch := self._switch()):
                rest = tuple(_merged(self.sequence(top)))
                parts.append(TexItalic(rest) if switch in _ITALIC_SWITCHES else TexGroup(rest))
                return parts
            elif char == "\\":
                parts.extend(self.command())
            else:
                parts.append(self.characters())
        return parts

    # -- characters

    def characters(self) -> str:
        """A run of plain characters, or one character with a meaning of its own."""
        run = _PLAIN_RUN.match(self.text, self.pos)
        if run:
            self.pos = run.end()
            return run[0]
        char, start = self.text[self.pos], self.pos
        self.pos += 1
        if char == "~":
            return "\xa0"
        if char in _SPECIALS:
            self.fault(start, f"a bare '{char}': {_SPECIALS[char]}")
            return char
        return self._ligature(char)

    def _ligature(self, char: str) -> str:
        """TeX's ligatures: ``--`` en dash, ``---`` em dash, ````` `` ````` and ``''`` curly
        double quotation marks, ``!``` and ``?``` inverted marks."""
        following = self.text[self.pos : self.pos + 2]
        if char == "-" and following == "--":
            self.pos += 2
            return "—"
        pairs = {"-": ("-", "–"), "`": ("`", "“"), "'": ("'", "”"), "!": ("`", "¡"),
                 "?": ("`", "¿")}  # fmt: skip
        second, ligature = pairs[char]
        if following[:1] == second:
            self.pos += 1
            return ligature
        return char

    # -- commands

    def _switch(self) -> str:
        """The declaration (``\\em``, ``\\bfseries``) that starts here, read; else ""."""
        match = _CONTROL_WORD.match(self.text, self.pos + 1)
        if not match or match[0] not in _ITALIC_SWITCHES | _OTHER_SWITCHES:
            return ""
        self.pos = match.end()
        self._skip_spaces()
        return match[0]

    def command(self) -> list[TexPart]:
        """What the command at the backslash here stands for."""
        start = self.pos
        self.pos += 1
        if self.pos >= len(self.text):
            self.fault(
                start,
                "a backslash ends the value (bibtexparser, which writes the exports, would "
                "read `\\}` as a brace and run on); write \\textbackslash{} for a backslash",
            )
            return ["\\"]
        word = _CONTROL_WORD.match(self.text, self.pos)
        if word is None:
            return self._control_symbol(start)
        self.pos = word.end()
        self._skip_spaces()  # TeX ignores the spaces after a control word
        return self._control_word(word[0], start)

    def _control_symbol(self, start: int) -> list[TexPart]:
        char = self.text[self.pos]
        self.pos += 1
        if char in _ACCENTS:
            return [self._accent(char)]
        if char in _ESCAPES:
            return [_ESCAPES[char]]
        if char == "\\":
            self.fault(start, "a line break `\\\\`: a reference is one paragraph; write a space")
            return [" "]
        self.fault(start, f"`\\{char}` is no command the editions know: {_WRITE_INSTEAD}")
        return ["\\" + char]

    def _control_word(self, name: str, start: int) -> list[TexPart]:
        if name in _ACCENTS:
            return [self._accent(name)]
        if name in _SYMBOLS:
            return [_SYMBOLS[name]]
        if name in _ITALIC_COMMANDS:
            return [TexItalic(tuple(_merged(self._argument(name, start))))]
        if name in _TEXT_COMMANDS:
            return self._argument(name, start)
        if name in _QUOTE_COMMANDS:
            return ["“", *self._argument(name, start), "”"]
        if name in ("url", "nolinkurl"):
            return [self._address(name, start)]
        if name == "href":
            self._address(name, start)
            return self._argument(name, start)
        self.fault(start, f"`\\{name}` is no command the editions know: {_WRITE_INSTEAD}")
        return ["\\" + name]

    def _skip_spaces(self) -> None:
        while self.pos < len(self.text) and self.text[self.pos] in " \t\n":
            self.pos += 1

    def _argument(self, name: str, start: int) -> list[TexPart]:
        """The argument of a command: a braced group, a command or one character."""
        self._skip_spaces()
        if self.pos >= len(self.text) or self.text[self.pos] == "}":
            self.fault(start, f"`\\{name}` has no argument; write \\{name}{{...}}")
            return []
        if self.text[self.pos] == "{":
            self.pos += 1
            return self.sequence()
        if self.text[self.pos] == "\\":
            return self.command()
        return [self._one_character()]

    def _one_character(self) -> str:
        """One character (TeX takes one token as an argument), or one ligature."""
        if _PLAIN_RUN.match(self.text, self.pos):
            self.pos += 1
            return self.text[self.pos - 1]
        return self.characters()

    def _accent(self, accent: str) -> str:
        """The letter that follows, with the accent's mark (``\\"u``, ``\\v{C}``, ``\\'\\i``)."""
        self._skip_spaces()
        if self.pos >= len(self.text) or self.text[self.pos] == "}":
            return _BARE_ACCENTS.get(accent, "")
        char = self.text[self.pos]
        if char == "{":
            self.pos += 1
            letters = flat_text(self.sequence())
        elif char == "\\":
            letters = flat_text(self.command())
        else:
            letters = self.characters()  # a run: the accent goes on its first letter
        if not letters:
            return _BARE_ACCENTS.get(accent, "")
        base = {"ı": "i", "ȷ": "j"}.get(letters[0], letters[0])  # the accent replaces the dot
        return unicodedata.normalize("NFC", base + _ACCENTS[accent]) + letters[1:]

    def _address(self, name: str, start: int) -> str:
        """The address in ``\\url{...}`` or ``\\href{...}``, as written (escapes undone)."""
        self._skip_spaces()
        if self.pos >= len(self.text) or self.text[self.pos] != "{":
            self.fault(start, f"`\\{name}` has no address; write \\{name}{{https://...}}")
            return ""
        begin, depth, end = self.pos + 1, 0, len(self.text)  # unclosed: to the end
        for index in range(self.pos, len(self.text)):
            depth += {"{": 1, "}": -1}.get(self.text[index], 0)
            if depth == 0:
                end = index
                break
        self.pos = end + 1
        address = self.text[begin:end]
        for found in re.finditer(r"(?<!\\)[%#]", address):
            self.fault(
                begin + found.start(),
                f"a bare '{found[0]}' in `\\{name}{{...}}` breaks it in a field; write "
                f"\\{found[0]}, or give the address in the url field, which is read as written",
            )
        return plain_url(address)


_WRITE_INSTEAD = (
    "they would print it as text; write the character itself, or see 'TeX in refs.bib' "
    "in the annotator's guide for the commands they know"
)


def comma_faults(value: str) -> list[TexFault]:
    """Names in a name list with more than two commas outside braces, which pybtex
    refuses ("Too many commas") and BibTeX misreads; a ``\\,`` is reported as TeX."""
    faults = []
    for name in _split_outside_braces(" ".join(value.split()), re.compile(r" and ", re.I)):
        commas = _split_outside_braces(name, re.compile(","))
        if len(commas) > 3 and not _name_faults(name):
            faults.append(
                TexFault(
                    0,
                    f"the name `{name}` has {len(commas) - 1} commas; a name is "
                    "`Last, First` or `von Last, Jr, First`: join names with `and`",
                )
            )
    return faults


def _split_outside_braces(text: str, separator: re.Pattern[str]) -> list[str]:
    """*text* split at *separator* where it is outside braces (as BibTeX splits names)."""
    parts, depth, start, index = [], 0, 0, 0
    while index < len(text):
        char = text[index]
        depth += {"{": 1, "}": -1}.get(char, 0)
        match = separator.match(text, index) if depth == 0 else None
        if match and match.end() > index:
            parts.append(text[start:index])
            start = index = match.end()
            continue
        index += 1
    parts.append(text[start:])
    return parts


def _name_faults(value: str) -> list[TexFault]:
    """``\\,`` outside braces in a name list: BibTeX and pybtex take its comma as the
    comma of ``Last, First`` and split the name there."""
    faults, depth = [], 0
    for index, char in enumerate(value):
        depth += {"{": 1, "}": -1}.get(char, 0)
        if depth == 0 and value.startswith("\\,", index):
            faults.append(
                TexFault(
                    index,
                    "`\\,` in a name is a comma to BibTeX, which would split the name "
                    "there (J.\\,R. Tolkien becomes R. Tolkien J.\\); write J.{\\,}R. "
                    "or J.~R.",
                )
            )
    return faults
