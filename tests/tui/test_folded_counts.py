"""A folded node shows what is inside it: ``▸ 首页 ✎1 ◆2``, kept up to date by edits."""

from __future__ import annotations

from pathlib import Path

from editor_helpers import SIZE, editor, put_cursor, screen_rows, small_document

from featuretree import formats
from featuretree.operations import annotate
from featuretree.tui import FeatureTreeApp


async def test_a_folded_row_counts_its_subtree_and_follows_edits(tmp_path: Path):
    doc = small_document()
    annotate.add_change(doc, "search", summary="接入直答").apply(doc)
    annotate.add_suggestion(doc, "feed", text="减少重复推荐").apply(doc)
    annotate.add_suggestion(doc, "home", text="顶部栏精简").apply(doc)
    path = tmp_path / "app.json"
    formats.save(doc, path)
    app = FeatureTreeApp(path)
    async with app.run_test(size=SIZE) as pilot:
        put_cursor(app, "home")
        await pilot.press("space")  # fold 首页
        await pilot.pause()
        row = next(row for row in screen_rows(app) if "首页" in row)
        assert "▸" in row and "✎1" in row and "◆2" in row
        await pilot.press("space", "down")  # unfold, to 搜索
        await pilot.press("s", *"联想词", "enter")
        await pilot.pause()
        put_cursor(app, "home")
        await pilot.press("space")
        await pilot.pause()
        row = next(row for row in screen_rows(app) if "首页" in row)
        assert "◆3" in row, row
        await pilot.press("ctrl+z")  # undo the suggestion (which shows 联想词's node again)
        put_cursor(app, "home")
        if "▾" in next(row for row in screen_rows(app) if "首页" in row):
            await pilot.press("space")
        await pilot.pause()
        row = next(row for row in screen_rows(app) if "首页" in row)
        assert "◆2" in row, row
        assert editor(app).doc.node("home").kids
