"""COinS: an entry as an OpenURL ContextObject in a span, for Zotero and other managers.

Made from the entry's CSL-JSON item (:mod:`reader.exports.csl`), so that the spans say
what the other exports say: ``rft.date`` from the date of publication (whatever field
held it), ``rft.issue``, ``rft.volume``, ``rft.spage``/``rft.epage``, and authors as
``rft.au`` (never an editor: OpenURL has no field for one).
"""

from __future__ import annotations

from typing import Any
from urllib.parse import urlencode

__all__ = ["coins_kev"]

_JOURNAL_TYPES = frozenset({"article-journal", "article-magazine", "article-newspaper"})
_CHAPTER_TYPES = frozenset({"chapter", "paper-conference", "entry-encyclopedia"})


def _name(name: dict[str, str]) -> str:
    if "literal" in name:
        return name["literal"]
    family = " ".join(p for p in (name.get("non-dropping-particle"), name.get("family")) if p)
    return ", ".join(p for p in (family, name.get("given", "")) if p)


def _date(value: dict[str, Any] | None) -> str:
    """``YYYY``, ``YYYY-MM`` or ``YYYY-MM-DD`` from a CSL date ("" if none)."""
    if not value or not value.get("date-parts"):
        return ""
    parts = value["date-parts"][0]
    return "-".join([str(parts[0]), *(f"{p:02d}" for p in parts[1:])])


def coins_kev(item: dict[str, Any]) -> str:
    """The OpenURL key/encoded-value string of a CSL item."""
    kind = item.get("type", "document")
    journal = kind in _JOURNAL_TYPES
    pairs = [
        ("ctx_ver", "Z39.88-2004"),
        ("rft_val_fmt", f"info:ofi/fmt:kev:mtx:{'journal' if journal else 'book'}"),
    ]
    title, container = item.get("title", ""), item.get("container-title", "")
    if journal:
        pairs += [("rft.genre", "article"), ("rft.atitle", title), ("rft.jtitle", container)]
    elif kind in _CHAPTER_TYPES:
        pairs += [("rft.genre", "bookitem"), ("rft.atitle", title), ("rft.btitle", container)]
    else:
        genre = "book" if kind == "book" else "document"
        pairs += [("rft.genre", genre), ("rft.btitle", title)]
    pairs += [("rft.au", _name(name)) for name in item.get("author", [])]
    pairs.append(("rft.date", _date(item.get("issued"))))
    for variable, key in (
        ("volume", "rft.volume"),
        ("issue", "rft.issue"),
        ("publisher", "rft.pub"),
        ("publisher-place", "rft.place"),
        ("edition", "rft.edition"),
        ("ISBN", "rft.isbn"),
        ("ISSN", "rft.issn"),
    ):
        if item.get(variable):
            pairs.append((key, str(item[variable])))
    page = str(item.get("page", ""))
    if page:
        start, _, end = page.partition("-")
        pairs += [("rft.spage", start), ("rft.epage", end)] if end else [("rft.pages", page)]
    if item.get("URL"):
        pairs.append(("rft_id", item["URL"]))
    elif item.get("DOI"):
        pairs.append(("rft_id", f"info:doi/{item['DOI']}"))
    return urlencode([(key, value) for key, value in pairs if value])
