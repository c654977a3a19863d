"""The HTML page in a real browser: Playwright driving the system's Chromium.

Opt-in: skips unless ``playwright`` is installed and a Chromium is found (``chromium``,
``chromium-browser`` or ``google-chrome`` on PATH, or ``FEATURETREE_CHROMIUM=/path``).
Never ``playwright install`` (it downloads a browser): the test uses the system's.
"""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

from featuretree import formats
from featuretree.formats.html_format import write_html

pytestmark = pytest.mark.browser  # opt-in: pytest -m browser (tests/conftest.py)

SAMPLES = Path(__file__).resolve().parents[2] / "samples"


def _chromium() -> str | None:
    explicit = os.environ.get("FEATURETREE_CHROMIUM")
    if explicit:
        return explicit
    for name in ("chromium", "chromium-browser", "google-chrome"):
        found = shutil.which(name)
        if found:
            return found
    return None


@pytest.fixture
def page(tmp_path: Path):
    sync_api = pytest.importorskip("playwright.sync_api")
    executable = _chromium()
    if executable is None:
        pytest.skip("no Chromium found (set FEATURETREE_CHROMIUM=/path/to/chromium)")
    with sync_api.sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=executable, args=["--no-sandbox"])
        try:
            tab = browser.new_page(viewport={"width": 1280, "height": 800})
            errors: list[str] = []
            tab.on("pageerror", lambda exc: errors.append(str(exc)))
            tab.errors = errors
            yield tab
        finally:
            browser.close()


def _visible(page) -> int:
    return page.evaluate(
        "Array.from(document.querySelectorAll('g.node'))"
        ".filter(g => g.style.display !== 'none').length"
    )


def test_click_shows_details_fold_hides_a_subtree_and_wheel_zooms(page, tmp_path: Path):
    doc = formats.load(SAMPLES / "zhihu.json")
    path = tmp_path / "zhihu.html"
    path.write_bytes(write_html(doc))
    page.goto(path.as_uri())
    assert page.errors == []
    assert "知乎 App" in page.inner_text("#details")  # the root is shown first
    # A click on a box shows its notes, change log and suggestions.
    target = next(n for n in doc.iter_nodes() if n.title == "知乎直答")
    page.dispatch_event(f'g.node[data-id="{target.id}"]', "click")
    details = page.inner_text("#details")
    assert "知乎直答" in details and target.changelog[0].summary in details
    assert target.suggestions[0].text in details
    # Folding 首页 hides everything under it, and unfolding brings it back.
    home = doc.root.kids[0]
    below = sum(1 for _ in formats.load(SAMPLES / "zhihu.json").root.kids[0].descendants)
    before = _visible(page)
    page.dispatch_event(f'g.toggle[data-for="{home.id}"]', "click")
    assert _visible(page) == before - below
    page.dispatch_event(f'g.toggle[data-for="{home.id}"]', "click")
    assert _visible(page) == before
    # The wheel zooms (the viewBox narrows), the fit button shows everything.
    start = page.get_attribute("#view svg", "viewBox")
    page.mouse.move(500, 300)
    page.mouse.wheel(0, -400)
    page.wait_for_timeout(100)
    zoomed = page.get_attribute("#view svg", "viewBox")
    assert float(zoomed.split()[2]) < float(start.split()[2])
    page.click("#zoom-fit")
    fitted = page.get_attribute("#view svg", "viewBox").split()
    width = page.get_attribute("#view svg", "width")
    height = page.get_attribute("#view svg", "height")
    assert [float(v) for v in fitted] == pytest.approx([0, 0, float(width), float(height)])
    assert page.errors == []
