"""The kinds of annotation: one table for the domain, the directives, ``reader new`` and stats.

Each kind is a directive (defining an annotation on its register page) and a role
(mentioning it in a text) of the same name.
"""

from __future__ import annotations

from typing import NamedTuple


class Kind(NamedTuple):
    """One kind of annotation."""

    name: str  # the directive and role
    label: str  # how messages and popups name one
    register: str  # the title of its register page
    page: str  # the docname of its register page (``reader new`` writes there)
    options: tuple[str, ...]  # every option it takes, in the order ``reader new`` writes
    required: tuple[str, ...]  # options it cannot do without


_COMMON = ("name", "original", "lang", "index", "sources")

#: The kinds, in the order of the registers.
KIND_TABLE: tuple[Kind, ...] = (
    Kind("person", "person", "People", "people", (*_COMMON, "born", "died"), ("name",)),
    Kind("gloss", "term", "Glossary", "glossary", _COMMON, ("name",)),
    Kind("place", "place", "Places", "places", (*_COMMON, "modern"), ("name",)),
    Kind("org", "organisation", "Organisations", "organisations",
         (*_COMMON, "founded", "dissolved"), ("name",)),
    Kind("event", "event", "Events", "events", (*_COMMON, "date", "end"), ("name", "date")),
)  # fmt: skip

#: kind -> (label in the singular, register title)
KINDS: dict[str, tuple[str, str]] = {k.name: (k.label, k.register) for k in KIND_TABLE}
#: kind -> the options it takes
OPTIONS: dict[str, tuple[str, ...]] = {k.name: k.options for k in KIND_TABLE}
#: kind -> the docname of its register page
REGISTERS: dict[str, str] = {k.name: k.page for k in KIND_TABLE}
