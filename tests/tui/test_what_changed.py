"""What changed since the file was opened or saved (Ctrl+R), and a revision made from it
(issue 14, in the editor)."""

from __future__ import annotations

from pathlib import Path

from editor_helpers import SIZE, editor, put_cursor
from screen_text import screen_text

from featuretree.tui import FeatureTreeApp
from featuretree.tui.screens.changes import ChangesScreen
from featuretree.tui.widgets.table import RowTable


async def _changes(pilot) -> ChangesScreen:
    """Ctrl+R, then wait until the changes are listed."""
    await pilot.press("ctrl+r")
    screen = pilot.app.screen
    assert isinstance(screen, ChangesScreen)
    for _ in range(200):
        await pilot.pause(0.02)
        if screen.result is not None:
            break
    await pilot.pause()
    return screen


def _rows(screen: ChangesScreen) -> list[tuple[str, str, str]]:
    table = screen.query_one(RowTable)
    return [
        tuple(table.cell_text(key, column) for column in ("kind", "path", "detail"))
        for key in table.keys
    ]


async def test_the_changes_since_opening_are_listed_and_enter_goes_to_the_node(
    doc_path: Path,
) -> None:
    app = FeatureTreeApp(doc_path)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        put_cursor(app, "feed")
        await pilot.press("e", "ctrl+u", *"为你推荐", "enter")  # rename 推荐
        put_cursor(app, "msg")
        await pilot.press("delete")  # delete 消息
        screen = await _changes(pilot)
        assert _rows(screen) == [
            ("removed", "消息", ""),
            ("renamed", "首页 › 为你推荐", "“推荐” → “为你推荐”"),
        ]
        text = screen_text(app)
        assert "Changes since app.json was opened" in text
        assert "0 nodes added, 1 removed, 1 changed." in text
        await pilot.press("down", "enter")  # the renamed node
        await pilot.pause()
        assert app.screen is editor(app)
        assert editor(app).tree.cursor_node.id == "feed"
        await pilot.press("ctrl+r")
        await pilot.pause(0.3)
        await pilot.press("enter")  # the removed node: where it was (its parent, the root)
        await pilot.pause()
        assert editor(app).tree.cursor_node.id == "root"
