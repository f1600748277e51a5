"""The EPUB passes Ace by DAISY, the accessibility checker of the EPUB world."""

from __future__ import annotations

import re
import shutil
import subprocess
import zipfile

import pytest

from tests.conftest import ROOT


def test_ace_finds_no_violation_in_the_ebook(edition):
    if shutil.which("npm") is None:
        pytest.fail("Ace needs npm: `make test` installs it (as root), or apt-get install npm")
    # installs Ace into .cache/ace on first use (npm, about 20 s), then runs it with chromium
    done = subprocess.run(
        ["bash", str(ROOT / "scripts" / "check-accessibility.sh"), str(edition.epub)],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=900,
    )
    assert done.returncode == 0, (done.stdout + done.stderr)[-4000:]
    assert "Ace: 0 violation(s)" in done.stdout


def test_the_ebook_says_what_it_offers_and_what_it_conforms_to(edition):
    """Discovery metadata (EPUB Accessibility 1.1): how the book can be read, its
    features and hazards, a summary, the standard it meets and who says so."""
    with zipfile.ZipFile(edition.epub) as book:
        opf = book.read(next(n for n in book.namelist() if n.endswith(".opf"))).decode()
    metadata = {
        (prop, value) for prop, value in re.findall(r'<meta property="([^"]+)">([^<]*)</meta>', opf)
    }
    properties = {prop for prop, _ in metadata}
    for needed in (
        "schema:accessMode",
        "schema:accessModeSufficient",
        "schema:accessibilityFeature",
        "schema:accessibilityHazard",
        "schema:accessibilitySummary",
        "dcterms:conformsTo",
        "a11y:certifiedBy",
    ):
        assert needed in properties, needed
    assert ("dcterms:conformsTo", "EPUB Accessibility 1.1 - WCAG 2.1 Level AA") in metadata
    assert ("schema:accessModeSufficient", "textual") in metadata
    # the book has no page list, so it must not claim print page navigation
    assert not any(value in ("pageNavigation", "printPageNumbers") for _, value in metadata)
