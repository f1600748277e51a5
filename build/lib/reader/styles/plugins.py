"""pybtex plugins looked up once per process.

Each pybtex plugin look-up scans every installed package's entry points; done
per citation (``render_as``, a new style per note) it dominates a build.  Every
caller in the package goes through these cached look-ups instead.
"""

from __future__ import annotations

from functools import cache
from typing import Any

from pybtex.plugin import find_plugin
from pybtex.richtext import BaseText


@cache
def backend(name: str) -> Any:
    """A pybtex output backend ("text", "docutils", "latex", "html")."""
    return find_plugin("pybtex.backends", name)()


@cache
def style(name: str = "cmos") -> Any:
    """A pybtex formatting style, instantiated once."""
    return find_plugin("pybtex.style.formatting", name)()


def plain(text: BaseText) -> str:
    """Rich text as plain text (``render_as("text")`` without the look-up)."""
    return text.render(backend("text"))
