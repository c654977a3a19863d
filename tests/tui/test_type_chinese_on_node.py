"""Chinese typed on a node while no title is open renames it (as typing on a topic does in
XMind): the characters were dropped before, without a sign."""

from __future__ import annotations

from pathlib import Path

from editor_helpers import SIZE, editor, put_cursor, screen_rows, small_document

from featuretree import formats
from featuretree.model.annotations import Priority, Suggestion
from featuretree.tui import FeatureTreeApp, typed_ahead


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


async def test_a_letter_no_command_takes_starts_typing_the_title(doc_path: Path):
    app = FeatureTreeApp(doc_path)
    async with app.run_test(size=SIZE) as pilot:
        screen = editor(app)
        put_cursor(app, "search")
        await pilot.press(*"SKU", "space", *"管理", "enter")
        assert screen.doc.node("search").title == "SKU 管理"


def _with_suggestion(tmp_path: Path) -> Path:
    doc = small_document()
    node = doc.node("search")
    node.suggestions = (Suggestion(id="s1", text="支持扫码入库", priority=Priority.P1),)
    path = tmp_path / "wms.json"
    formats.save(doc, path)
    return path


async def test_a_word_whose_letters_are_commands_is_typed_whole_and_changes_nothing_else(
    tmp_path: Path,
):
    # p cycles a suggestion's priority: "PDA扫码" made the title 扫码 and P1 → P0.
    app = FeatureTreeApp(_with_suggestion(tmp_path))
    async with app.run_test(size=SIZE) as pilot:
        screen = editor(app)
        put_cursor(app, "search")
        await pilot.press(*"PDA", *"扫码", "enter")
        node = screen.doc.node("search")
        assert node.title == "PDA扫码"
        assert node.suggestions[0].priority is Priority.P1
        assert not any("P0" in notice.message for notice in app.notices)
        await pilot.press("ctrl+z")  # one step: the rename
        assert node.title == "搜索" and node.suggestions[0].priority is Priority.P1
        assert not screen.history.can_undo


async def test_app_and_kpi_typed_on_a_node_rename_it(tmp_path: Path):
    app = FeatureTreeApp(_with_suggestion(tmp_path))
    async with app.run_test(size=SIZE) as pilot:
        screen = editor(app)
        put_cursor(app, "search")
        await pilot.press(*"App", *"开通", "enter")
        assert screen.doc.node("search").title == "App开通"
        put_cursor(app, "feed")
        await pilot.press(*"kpi", *"指标", "enter")  # k moved up to 搜索, p cycled there
        assert screen.doc.node("feed").title == "kpi指标"
        assert screen.doc.node("search").title == "App开通"
        assert screen.doc.node("search").suggestions[0].priority is Priority.P1


async def test_a_command_letter_then_a_pause_stays_a_command(tmp_path: Path, monkeypatch):
    monkeypatch.setattr(typed_ahead, "WORD_GAP", 0.0)  # as if the user paused after p
    app = FeatureTreeApp(_with_suggestion(tmp_path))
    async with app.run_test(size=SIZE) as pilot:
        screen = editor(app)
        put_cursor(app, "search")
        await pilot.press("p")
        await pilot.press(*"热榜", "enter")
        node = screen.doc.node("search")
        assert node.suggestions[0].priority is not Priority.P1
        assert node.title == "热榜"


async def test_a_list_typed_item_after_item_makes_siblings(doc_path: Path):
    # Enter keeps a new node's title; what is typed next is the next item, not a new
    # title for the item just typed (four of five items were lost this way).
    app = FeatureTreeApp(doc_path)
    async with app.run_test(size=SIZE) as pilot:
        screen = editor(app)
        put_cursor(app, "msg")
        await pilot.press("tab", *"入库管理", "enter", *"出库管理", "enter")
        await pilot.press(*"库内管理", "enter", *"SKU", "space", *"策略", "enter")
        assert [kid.title for kid in screen.doc.node("msg").kids] == [
            "入库管理",
            "出库管理",
            "库内管理",
            "SKU 策略",
        ]
        await pilot.press("up", *"入库", "enter")  # after another key: renames, as before
        assert [kid.title for kid in screen.doc.node("msg").kids][2:] == ["入库", "SKU 策略"]


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


async def test_e_then_chinese_renames_without_the_e(doc_path: Path):
    # e opens the title: its letter is a command, never the start of a word typed.
    app = FeatureTreeApp(doc_path)
    async with app.run_test(size=SIZE) as pilot:
        screen = editor(app)
        put_cursor(app, "search")
        await pilot.press("e", *"改名", "enter")
        assert screen.doc.node("search").title == "改名"
        await pilot.press("v")
        await pilot.pause()
        await pilot.press("e", *"再改", "enter")
        assert screen.doc.node("search").title == "再改"
