"""The README says what the code does: its settings table and its map of the package."""

from __future__ import annotations

import re
from pathlib import Path

from reader.extension.config import SETTINGS, markdown_table

ROOT = Path(__file__).resolve().parent.parent
README = (ROOT / "README.md").read_text(encoding="utf-8")


def test_readme_settings_table_is_the_extensions():
    found = re.search(r"<!-- settings:[^>]*-->\n(.*?)<!-- /settings -->", README, re.S)
    assert found, "README.md has no settings table"
    assert found.group(1) == markdown_table()
    assert len(SETTINGS) >= 10


def test_readme_maps_every_part_of_the_package():
    parts = sorted(p.name for p in (ROOT / "reader").iterdir() if p.is_dir() and p.name[0] != "_")
    for part in parts:
        assert f"`reader/{part}/`" in README, part
