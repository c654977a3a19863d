"""Esc in the diagram closes the search or filter bar first; only an Esc with no bar open
goes back to the outline (README: "Esc closes")."""

from __future__ import annotations

from pathlib import Path

import pytest
from screen_text import screen_lines

from featuretree.tui import FeatureTreeApp
from featuretree.tui.widgets.diagram_view import DiagramView
from featuretree.tui.widgets.tree_view import TreeView

ZHIHU = Path(__file__).resolve().parents[2] / "samples" / "zhihu.json"

pytestmark = pytest.mark.skipif(not ZHIHU.exists(), reason="samples/zhihu.json is not there")


def _diagram_shown(app: FeatureTreeApp) -> bool:
    return app.screen.query_one(DiagramView).display and not app.screen.query_one(TreeView).display


def _bar_line(app: FeatureTreeApp, prompt: str) -> str | None:
    """The search (``/``) or filter (``f``) bar's line on screen, if one is shown."""
    for line in screen_lines(app):
        if line.startswith(f" {prompt} "):
            return line
    return None


async def test_esc_after_a_search_in_the_diagram_closes_the_bar_and_stays():
    app = FeatureTreeApp(ZHIHU)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("v", "slash", *"直答", "enter")
        await pilot.pause(0.3)
        assert _diagram_shown(app)
        line = _bar_line(app, "/")
        assert line is not None and "直答" in line and "/3" in line
        await pilot.press("escape")
        await pilot.pause()
        assert _diagram_shown(app)  # still the diagram
        assert _bar_line(app, "/") is None  # and the bar is gone
        assert app.screen.focused is app.screen.query_one(DiagramView)
        await pilot.press("escape")  # no bar open now: back to the outline
        await pilot.pause()
        assert not _diagram_shown(app)


async def test_esc_in_the_diagram_with_a_filter_clears_it_and_stays():
    app = FeatureTreeApp(ZHIHU)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("f", *"status:new", "enter", "v")
        await pilot.pause(0.3)
        assert _diagram_shown(app)
        assert _bar_line(app, "f") is not None
        filtered = len(app.screen.query_one(DiagramView).diagram.layout.boxes)
        await pilot.press("escape")
        await pilot.pause()
        assert _diagram_shown(app)
        assert _bar_line(app, "f") is None
        # the whole tree again, in the diagram
        assert len(app.screen.query_one(DiagramView).diagram.layout.boxes) > filtered
        await pilot.press("escape")
        await pilot.pause()
        assert not _diagram_shown(app)


async def test_a_bar_opened_over_the_diagram_keeps_the_cursor_box_above_it():
    # The bars lie over the last rows of the views: a box drawn there would be hidden.
    app = FeatureTreeApp(ZHIHU)
    async with app.run_test(size=(100, 16)) as pilot:
        await pilot.press("v", "end")  # the last box, low in its leaf column
        await pilot.pause(0.3)
        diagram = app.screen.query_one(DiagramView)
        box = diagram.diagram.layout.boxes[diagram.cursor_index]
        height = diagram.scrollable_content_region.height
        # The cursor's title on the last row of the view, as a scroll can leave it.
        diagram.scroll_to(y=int(box.y) + 2 - height, animate=False, immediate=True)
        await pilot.pause()
        before = diagram.scroll_y
        assert any(diagram.cursor_node.title in line for line in screen_lines(app)[-3:])
        await pilot.press("slash")
        await pilot.pause(0.3)
        assert round(diagram.scroll_y) != round(before)  # the picture moved up
        title = diagram.cursor_node.title
        rows = screen_lines(app)
        bar_row = next(i for i, line in enumerate(rows) if line.startswith(" / "))
        assert any(title in line for line in rows[:bar_row])
