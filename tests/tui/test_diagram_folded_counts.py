"""A folded box in the diagram shows what is inside it (✎ change-log entries, ◆ open
suggestions of the whole subtree) before its ``+N``: the totals the outline's folded row
shows ("folded nodes count everything inside")."""

from __future__ import annotations

from pathlib import Path

import pytest
from editor_helpers import put_cursor, screen_rows

from featuretree.tui import FeatureTreeApp
from featuretree.tui.widgets.diagram_view import DiagramView

ZHIHU = Path(__file__).resolve().parents[2] / "samples" / "zhihu.json"

pytestmark = pytest.mark.skipif(not ZHIHU.exists(), reason="samples/zhihu.json is not there")


def _diagram_text(app: FeatureTreeApp) -> str:
    view = app.screen.query_one(DiagramView)
    return "\n".join(view.render_line(y).text for y in range(view.size.height))


async def test_a_folded_box_shows_the_counts_inside_it_as_the_folded_row_does():
    app = FeatureTreeApp(ZHIHU)
    async with app.run_test(size=(100, 30)) as pilot:
        put_cursor(app, "jbg3y4hg")  # 首页: 20 nodes under it, none annotated itself
        await pilot.press("v", "space")  # folded in the diagram
        await pilot.pause()
        assert "✎8 ◆6 +20" in _diagram_text(app)
        await pilot.press("v")  # the outline's row of the same fold says the same
        await pilot.pause()
        row = next(row for row in screen_rows(app) if "▸ 首页" in row)
        assert row.split()[-2:] == ["✎8", "◆6"]


async def test_folding_to_level_one_badges_every_box_with_what_it_holds():
    app = FeatureTreeApp(ZHIHU)
    async with app.run_test(size=(160, 30)) as pilot:
        await pilot.press("v", "1")
        await pilot.pause()
        text = _diagram_text(app)
        # 内容详情 holds two open suggestions, 我的 one change and five.
        assert "◆2 +15" in text and "✎1 ◆5 +20" in text
