"""The real-browser tests (marker ``browser``) are opt-in: ``pytest -m browser``.

Without ``-m browser`` they are skipped (``tests/conftest.py``), so the normal test command
stays fast; with it they still skip, saying why, where playwright, textual-serve or a Chromium is missing.
Chromium is the system's (``apt-get install chromium fonts-noto-cjk``), found on PATH or
given as ``$FEATURETREE_CHROMIUM``; never ``playwright install``.
"""

from __future__ import annotations

import os
import shutil
from collections.abc import Iterator

import pytest

CHROMIUM_NAMES = ("chromium", "chromium-browser", "google-chrome", "google-chrome-stable")


def find_chromium() -> str | None:
    """The Chromium to drive: ``$FEATURETREE_CHROMIUM``, else the first on PATH."""
    given = os.environ.get("FEATURETREE_CHROMIUM")
    if given:
        return given if os.access(given, os.X_OK) else None
    for name in CHROMIUM_NAMES:
        found = shutil.which(name)
        if found:
            return found
    return None


@pytest.fixture(scope="module")
def browser() -> Iterator[object]:
    """The system Chromium, driven by playwright; skips when any piece is missing."""
    pytest.importorskip(
        "textual_serve", reason="needs the web extra: pip install 'featuretree[web]'"
    )
    sync_api = pytest.importorskip("playwright.sync_api", reason="needs playwright (pip)")
    executable = find_chromium()
    if executable is None:
        pytest.skip("no Chromium found (apt-get install chromium, or set $FEATURETREE_CHROMIUM)")
    with sync_api.sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=executable)
        yield chromium
        chromium.close()
