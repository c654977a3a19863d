"""Pasting lines (a terminal's bracketed paste) into the tree and into a title being typed."""

from __future__ import annotations

from pathlib import Path

from editor_helpers import SIZE, cursor_title, editor, put_cursor, screen_rows, titles
from textual import events

from featuretree import formats
from featuretree.tui import FeatureTreeApp

PRD_LIST = "- 私信\n  - 已读回执\n  - 撤回\n- 通知 设置\n"


async def paste(pilot, text: str) -> None:
    """What the terminal sends for Cmd+V / Ctrl+Shift+V (a bracketed paste)."""
    pilot.app.post_message(events.Paste(text))
    await pilot.pause()
    await pilot.pause()


def kid_titles(screen, node_id: str) -> list[list[str]]:
    """``node_id``'s children with their children: ``[[title, kid, kid...], ...]``."""
    return [[kid.title, *(k.title for k in kid.kids)] for kid in screen.doc.node(node_id).kids]


async def test_lines_pasted_on_the_tree_become_children_of_the_cursor_node(doc_path: Path):
    app = FeatureTreeApp(doc_path)
    async with app.run_test(size=SIZE) as pilot:
        screen = editor(app)
        before = formats.json_format.write_json(screen.doc)
        put_cursor(app, "msg")
        await paste(pilot, PRD_LIST)
        assert kid_titles(screen, "msg") == [["私信", "已读回执", "撤回"], ["通知 设置"]]
        rows = screen_rows(app)
        assert any(row.endswith("已读回执") for row in rows)
        assert any(row.endswith("通知 设置") for row in rows)
        assert cursor_title(app) == "通知 设置"
        await pilot.press("ctrl+z")  # one step takes the whole paste back
        assert formats.json_format.write_json(screen.doc) == before
        assert cursor_title(app) == "消息"
        assert not any("私信" in row for row in screen_rows(app))


async def test_one_line_pasted_on_the_tree_is_one_new_child(doc_path: Path):
    app = FeatureTreeApp(doc_path)
    async with app.run_test(size=SIZE) as pilot:
        put_cursor(app, "me")
        await paste(pilot, "IP 属地展示\n")
        assert titles(editor(app), "me") == ["IP 属地展示"]
        assert cursor_title(app) == "IP 属地展示"


async def test_a_tab_indented_paste_keeps_its_levels(doc_path: Path):
    app = FeatureTreeApp(doc_path)
    async with app.run_test(size=SIZE) as pilot:
        screen = editor(app)
        put_cursor(app, "me")
        await paste(pilot, "设置\n\t账号\n\t\t手机号\n\t隐私\n帮助")
        me = screen.doc.node("me")
        assert [k.title for k in me.kids] == ["设置", "帮助"]
        assert [k.title for k in me.kids[0].kids] == ["账号", "隐私"]
        assert [k.title for k in me.kids[0].kids[0].kids] == ["手机号"]


async def test_a_blank_paste_changes_nothing(doc_path: Path):
    app = FeatureTreeApp(doc_path)
    async with app.run_test(size=SIZE) as pilot:
        screen = editor(app)
        await paste(pilot, "\n  \n\t\n")
        assert not screen.history.dirty


async def test_lines_pasted_into_a_new_title_fill_it_and_follow_it(doc_path: Path):
    app = FeatureTreeApp(doc_path)
    async with app.run_test(size=SIZE) as pilot:
        screen = editor(app)
        put_cursor(app, "home")
        await pilot.press("enter")
        await paste(pilot, PRD_LIST)
        assert screen.tree.editing is None
        assert titles(screen) == ["首页", "私信", "通知 设置", "消息", "我的"]
        assert [k.title for k in screen.doc.root.kids[1].kids] == ["已读回执", "撤回"]
        assert cursor_title(app) == "通知 设置"
        await pilot.press("ctrl+z")  # the new node and all the pasted ones: one step
        assert titles(screen) == ["首页", "消息", "我的"]
        assert not screen.history.dirty


async def test_lines_pasted_into_a_title_being_renamed_go_in_at_the_caret(doc_path: Path):
    app = FeatureTreeApp(doc_path)
    async with app.run_test(size=SIZE) as pilot:
        screen = editor(app)
        put_cursor(app, "search")
        await pilot.press("f2", "end", "space")
        await paste(pilot, "历史\n  清空\n热搜")
        assert titles(screen, "home") == ["搜索 历史", "热搜", "推荐"]
        assert [k.title for k in screen.doc.node("search").kids] == ["清空"]
        await pilot.press("ctrl+z")
        assert titles(screen, "home") == ["搜索", "推荐"]
        assert screen.doc.node("search").kids == []


async def test_one_line_pasted_into_a_title_is_typed_there_with_its_spaces(doc_path: Path):
    app = FeatureTreeApp(doc_path)
    async with app.run_test(size=SIZE) as pilot:
        screen = editor(app)
        put_cursor(app, "msg")
        await pilot.press("tab", *"IP")
        await paste(pilot, " 属地 \n")
        assert screen.tree.editing is not None  # still typing
        await pilot.press(*"展示", "enter")
        assert titles(screen, "msg") == ["IP 属地 展示"]


async def test_lines_pasted_into_the_root_title_become_its_children(doc_path: Path):
    app = FeatureTreeApp(doc_path)
    async with app.run_test(size=SIZE) as pilot:
        screen = editor(app)
        put_cursor(app, "root")
        await pilot.press("f2")
        await paste(pilot, "知乎\n发现")
        assert screen.doc.root.title == "知乎"
        assert titles(screen) == ["首页", "消息", "我的", "发现"]
        await pilot.press("ctrl+z")
        assert screen.doc.root.title == "App"
        assert titles(screen) == ["首页", "消息", "我的"]


async def test_lines_pasted_into_a_title_typed_in_the_diagram_go_in_at_the_caret(
    doc_path: Path,
):
    # As in the outline: the first line joins the title being typed, the indented lines
    # become its children, the rest its next siblings. The diagram kept the typed title
    # as a node of its own and hung every pasted line under it.
    from featuretree.tui.widgets.diagram_view import DiagramView

    app = FeatureTreeApp(doc_path)
    async with app.run_test(size=SIZE) as pilot:
        screen = editor(app)
        put_cursor(app, "search")
        await pilot.press("v", "f2", "end", "space")
        app.screen.query_one(DiagramView).post_message(events.Paste("历史\n  清空\n热搜"))
        await pilot.pause()
        await pilot.pause()
        assert titles(screen, "home") == ["搜索 历史", "热搜", "推荐"]
        assert [k.title for k in screen.doc.node("search").kids] == ["清空"]
        await pilot.press("ctrl+z")
        assert titles(screen, "home") == ["搜索", "推荐"]


async def test_a_new_node_typed_in_the_diagram_takes_the_first_pasted_line(doc_path: Path):
    from featuretree.tui.widgets.diagram_view import DiagramView

    app = FeatureTreeApp(doc_path)
    async with app.run_test(size=SIZE) as pilot:
        screen = editor(app)
        put_cursor(app, "msg")
        await pilot.press("v", "tab", *"图中")
        app.screen.query_one(DiagramView).post_message(events.Paste("私信\n\t表情 包\n通知"))
        await pilot.pause()
        await pilot.pause()
        assert kid_titles(screen, "msg") == [["图中私信", "表情 包"], ["通知"]]
        await pilot.press("ctrl+z")  # the new node and the pasted ones: one step
        assert titles(screen, "msg") == []


async def test_ctrl_v_with_no_node_copied_says_how_text_is_pasted(doc_path: Path, notes):
    """In a browser (featuretree serve) Ctrl+V is the editor's key, not the browser's
    paste: a PM pasting a list from a PRD was told only to copy a node first. The
    message names the paste that turns text into nodes."""
    app = FeatureTreeApp(doc_path)
    async with app.run_test(size=SIZE) as pilot:
        seen = notes(app)
        await pilot.press("ctrl+v")
        await pilot.pause()
    assert any("copy (Ctrl+C)" in text and "Ctrl+Shift+V" in text for text in seen), seen
