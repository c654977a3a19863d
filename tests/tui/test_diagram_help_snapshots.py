"""Help (?) and the command palette (Ctrl+P) over the diagram (v), pinned as SVG snapshots:
the zhihu sample at 80×24 and 120×40, English and Chinese.

Update after an intended change with
``pytest tests/tui/test_diagram_help_snapshots.py --snapshot-update`` (and read the SVGs).
"""

from __future__ import annotations

from pathlib import Path

import pytest
from textual.widgets import Input

from featuretree.tui import FeatureTreeApp

ZHIHU = Path(__file__).resolve().parents[2] / "samples" / "zhihu.json"

pytestmark = pytest.mark.skipif(not ZHIHU.exists(), reason="samples/zhihu.json is not there")


@pytest.mark.parametrize("language", ["en", "zh"])
@pytest.mark.parametrize("size", [(80, 24), (120, 40)], ids=["80x24", "120x40"])
def test_help_in_the_diagram(snap_compare, monkeypatch, language: str, size: tuple[int, int]):
    if language == "zh":
        monkeypatch.setenv("LANG", "zh_CN.UTF-8")
    assert snap_compare(FeatureTreeApp(ZHIHU), terminal_size=size, press=["v", "question_mark"])


@pytest.mark.parametrize("language", ["en", "zh"])
def test_palette_in_the_diagram(snap_compare, monkeypatch, language: str):
    if language == "zh":
        monkeypatch.setenv("LANG", "zh_CN.UTF-8")

    async def open_palette(pilot):
        await pilot.pause()
        await pilot.press("v")
        await pilot.pause()
        await pilot.press("ctrl+p")
        await pilot.pause(0.3)
        # A blinking caret would be on or off depending on timing.
        pilot.app.screen.query_one(Input).cursor_blink = False
        await pilot.press(*("框" if language == "zh" else "box"))
        await pilot.pause(0.5)

    assert snap_compare(FeatureTreeApp(ZHIHU), terminal_size=(120, 40), run_before=open_palette)
