"""Locators that do not follow the note style (``locator_malformed``).

Only clear cases are reported; each rule names the fix.  The rules (the annotator's
guide lists them with examples):

1. **Empty braces**: ``key{}`` or ``key{?}`` — give the locator or drop the braces.
2. **No space after the abbreviation**: ``p.12`` — write ``p. 12``.
3. **No period after the abbreviation**: ``p 12``, ``ch 7`` — write ``p. 12``.
4. **Spelled out**: ``page 12``, ``chapter 7`` — notes abbreviate: ``p. 12``, ``ch. 7``.
5. **Unknown abbreviation before a number**: ``pg. 12``, ``Vol. 2`` — use one of
   :data:`ABBREVIATIONS` (lower case), e.g. ``p. 12``, ``vol. 2``.
6. **A hyphen, double hyphen or em dash in a range of numbers**: ``pp. 40-44`` — CMOS
   joins ranges with an en dash: ``pp. 40–44``.
7. **Spaces around the en dash of a range**: ``pp. 40 – 44`` — ``pp. 40–44``.
8. **``p.`` before several pages**: ``p. 40–44``, ``p. 40, 42`` — ``pp.``.
9. **``pp.`` before one page**: ``pp. 40`` — ``p. 40``.

Text in quotation marks (a chapter title: ``ch. “The Shortage of Men”``) is not
examined, and a word without a number after it (``introduction``) is never an error.
"""

from __future__ import annotations

import re

__all__ = ["ABBREVIATIONS", "empty_braces", "locator_faults"]

#: The abbreviations a locator may use (CMOS 18, notes), singular and plural.
# fmt: off
ABBREVIATIONS = frozenset((
    "p.", "pp.", "vol.", "vols.", "ch.", "chs.", "sec.", "secs.", "para.", "paras.",
    "pt.", "pts.", "bk.", "bks.", "app.", "apps.", "n.", "nn.", "fig.", "figs.",
    "no.", "nos.", "col.", "cols.", "fol.", "fols.", "l.", "ll.", "art.", "arts.",
    "s.v.", "s.vv.", "ser.", "ed.", "eds.", "esp.", "cf.", "f.", "ff.", "sig.", "sigs.",
    "bl.", "fr.", "ep.", "bd.",
))
# fmt: on
#: Words that a locator abbreviates, and their abbreviations.
SPELLED_OUT = {
    "page": "p.",
    "pages": "pp.",
    "volume": "vol.",
    "volumes": "vols.",
    "chapter": "ch.",
    "chapters": "chs.",
    "section": "sec.",
    "sections": "secs.",
    "paragraph": "para.",
    "paragraphs": "paras.",
    "appendix": "app.",
    "note": "n.",
    "notes": "nn.",
    "figure": "fig.",
    "column": "col.",
    "folio": "fol.",
}
#: Abbreviations that are not ours, and the one to use instead.
INSTEAD = {
    "pg.": "p.",
    "pgs.": "pp.",
    "pag.": "p.",
    "chap.": "ch.",
    "chapt.": "ch.",
    "sect.": "sec.",
    "par.": "para.",
    "v.": "vol.",
    "vl.": "vol.",
    "nr.": "no.",
}
# Abbreviations written without their period (only at the start of a part).
_NO_PERIOD = re.compile(
    r"^(?P<abbr>pp|p|vols|vol|chs|ch|secs|sec|paras|para|app|figs|fig|cols|col|fols|fol|bk|pt)"
    r"[ \t]+(?=\d)"
)
_QUOTED = re.compile(r"“[^”]*”|\"[^\"]*\"|‘[^’]*’|«[^»]*»")
# An abbreviation (letters and periods: p., s.v.) and what follows it.
_ABBREVIATION = re.compile(r"(?<![\w.])(?P<abbr>(?:[A-Za-z]+\.)+)(?P<space>[ \t\u00a0]*)(?=\S)")
_WORD_THEN_NUMBER = re.compile(r"(?<![\w.])(?P<word>[A-Za-z]+)[ \t\u00a0]+(?=\d)")
_NUMBER = r"(?:\d+[a-z]?|[ivxlcdm]+)"
_BAD_DASH = re.compile(r"(?<![\w])(?P<a>\d+)[ \t]*(?P<dash>-{1,3}|—|‒|−)[ \t]*(?P<b>\d+)(?!\w)")
_BAD_ROMAN_DASH = re.compile(r"^(?P<a>[ivxlcdm]+)[ \t]*(?P<dash>-{1,3}|—)[ \t]*(?P<b>[ivxlcdm]+)$")
_SPACED_EN_DASH = re.compile(
    rf"(?<![\w])(?P<a>{_NUMBER})[ \t\u00a0]+–[ \t\u00a0]*(?P<b>{_NUMBER})|"
    rf"(?<![\w])(?P<c>{_NUMBER})–[ \t\u00a0]+(?P<d>{_NUMBER})"
)
_PAGES = re.compile(r"^(?P<abbr>pp?\.)[ \t\u00a0]+(?P<pages>.+)$")
_ONE_PAGE = re.compile(rf"^{_NUMBER}$")
_EMPTY_BRACES = re.compile(r"\{[ \t]*\??[ \t]*\}")


def empty_braces(markup: str) -> bool:
    """Whether citation markup has empty braces: ``key{}``, ``key{?}`` or ``{}key``."""
    return bool(_EMPTY_BRACES.search(markup))


def locator_faults(locator: str) -> list[str]:
    """What is wrong with *locator* (without its ``?``), each with its fix; [] if fine."""
    text = _QUOTED.sub("“”", locator.strip())
    faults: list[str] = []
    parts = [part.strip() for part in re.split(r"[,;]", text)]
    for part in parts:
        faults.extend(_part_faults(part))
    faults.extend(_page_faults(parts))
    return list(dict.fromkeys(faults))


def _part_faults(part: str) -> list[str]:
    """Faults of one comma-separated part: abbreviations and dashes."""
    faults = []
    missing = _NO_PERIOD.match(part)
    if missing:
        abbr = missing["abbr"]
        faults.append(f"`{abbr}` needs its period: write `{abbr}. {part[missing.end() :]}`")
    for match in _WORD_THEN_NUMBER.finditer(part):
        word = match["word"]
        if word.lower() in SPELLED_OUT:
            number = part[match.end() :].split()[0]
            short = SPELLED_OUT[word.lower()]
            faults.append(f"notes abbreviate `{word}`: write `{short} {number}`")
    for match in _ABBREVIATION.finditer(part):
        abbr, space = match["abbr"], match["space"]
        after = part[match.end() :]
        if abbr in ABBREVIATIONS:
            if not space and after[:1].isalnum():
                faults.append(f"put a space after `{abbr}`: write `{abbr} {after.split()[0]}`")
            continue
        if not after[:1].isdigit():
            continue  # not before a number: maybe a word that ends a sentence
        better = INSTEAD.get(abbr.lower()) or (
            abbr.lower() if abbr.lower() in ABBREVIATIONS else ""
        )
        use = f"write `{better}`" if better else "use p., pp., vol., ch., sec., para., n., app."
        faults.append(f"`{abbr}` is not an abbreviation of the note style: {use}")
    for match in _BAD_DASH.finditer(part):
        faults.append(_dash_fault(match))
    pages = _PAGES.match(part)
    roman = _BAD_ROMAN_DASH.match(pages["pages"]) if pages else None
    if roman:
        faults.append(_dash_fault(roman))
    for match in _SPACED_EN_DASH.finditer(part):
        a, b = match["a"] or match["c"], match["b"] or match["d"]
        faults.append(f"a range has no spaces around its en dash: write `{a}–{b}`")
    return faults


def _dash_fault(match: re.Match[str]) -> str:
    dash = {"—": "an em dash", "‒": "a figure dash", "−": "a minus sign"}.get(
        match["dash"], "a hyphen" if match["dash"] == "-" else f"`{match['dash']}`"
    )
    return f"a range takes an en dash, not {dash}: write `{match['a']}–{match['b']}`"


def _page_faults(parts: list[str]) -> list[str]:
    """``p.`` before several pages, ``pp.`` before one."""
    faults = []
    for index, part in enumerate(parts):
        pages = _PAGES.match(part)
        if not pages:
            continue
        following = []  # the parts after it that are page numbers too: p. 40, 42
        for later in parts[index + 1 :]:
            if not re.match(r"^\d", later):
                break
            following.append(later)
        several = bool(following) or bool(
            re.search(r"\d[a-z]?\s*[–\-—]+\s*\d|[ivxlcdm]\s*[–\-—]", part)
        )
        if pages["abbr"] == "p." and several:
            listed = ", ".join([pages["pages"], *following])
            faults.append(f"several pages take `pp.`: write `pp. {listed}`")
        if pages["abbr"] == "pp." and not several and _ONE_PAGE.match(pages["pages"]):
            faults.append(f"one page takes `p.`: write `p. {pages['pages']}`")
    return faults
