"""Chinese typed on a node while no title is open renames it (as typing on a topic does in
XMind): the characters were dropped before, without a sign."""

from __future__ import annotations

from pathlib import Path

from editor_helpers import SIZE, editor, put_cursor, screen_rows

from featuretree.tui import FeatureTreeApp


async def test_chinese_typed_on_a_node_replaces_its_title(doc_path: Path):
    app = FeatureTreeApp(doc_path)
    async with app.run_test(size=SIZE) as pilot:
        put_cursor(app, "search")
        await pilot.press(*"找人", "space", "A", "enter")
        assert editor(app).doc.node("search").title == "找人 A"
        assert any(row.endswith("找人 A") for row in screen_rows(app))


async def test_escape_after_typing_chinese_on_a_node_keeps_its_title(doc_path: Path):
    app = FeatureTreeApp(doc_path)
    async with app.run_test(size=SIZE) as pilot:
        screen = editor(app)
        put_cursor(app, "search")
        await pilot.press("热", "榜", "escape")
        assert screen.doc.node("search").title == "搜索"
        assert not screen.history.can_undo


async def test_one_undo_takes_back_a_title_typed_in_chinese_on_a_node(doc_path: Path):
    app = FeatureTreeApp(doc_path)
    async with app.run_test(size=SIZE) as pilot:
        screen = editor(app)
        put_cursor(app, "search")
        await pilot.press("热", "enter", "ctrl+z")
        assert screen.doc.node("search").title == "搜索"


async def test_ascii_letters_stay_command_keys(doc_path: Path):
    """An unbound ASCII letter does not start typing: letters are the editor's commands."""
    app = FeatureTreeApp(doc_path)
    async with app.run_test(size=SIZE) as pilot:
        screen = editor(app)
        put_cursor(app, "search")
        await pilot.press("q", "w")
        assert not screen.is_typing
        assert screen.doc.node("search").title == "搜索"


async def test_chinese_typed_on_a_box_in_the_diagram_renames_it(doc_path: Path):
    app = FeatureTreeApp(doc_path)
    async with app.run_test(size=SIZE) as pilot:
        screen = editor(app)
        put_cursor(app, "search")
        await pilot.press("v")
        await pilot.pause()
        await pilot.press(*"找人", "enter")
        assert screen.diagram_shown
        assert screen.doc.node("search").title == "找人"
