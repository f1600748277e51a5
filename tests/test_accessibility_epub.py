"""The EPUB passes Ace by DAISY, the accessibility checker of the EPUB world."""

from __future__ import annotations

import shutil
import subprocess

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
