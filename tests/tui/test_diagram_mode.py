"""The diagram view in the editor (v): toggling, the shared cursor, arrows along the tree,
and the outline's editing keys, checked on the screen and the model."""

from __future__ import annotations

from pathlib import Path

from editor_helpers import SIZE, burst, cursor_title, editor, put_cursor, titles

from featuretree.tui import FeatureTreeApp
from featuretree.tui.widgets.diagram_view import DiagramView
from featuretree.tui.widgets.tree_view import TreeView


def diagram_text(app: FeatureTreeApp) -> str:
    """The diagram view's visible rows as drawn."""
    view = app.screen.query_one(DiagramView)
    return "\n".join(view.render_line(y).text for y in range(view.size.height))


def diagram_cursor(app: FeatureTreeApp) -> str:
    """The title of the diagram's cursor box."""
    return app.screen.query_one(DiagramView).cursor_node.title


async def test_v_shows_the_diagram_on_the_same_node_and_v_returns(doc_path: Path):
    app = FeatureTreeApp(doc_path)
    async with app.run_test(size=SIZE) as pilot:
        put_cursor(app, "feed")
        await pilot.press("v")
        view = app.screen.query_one(DiagramView)
        assert view.display and not app.screen.query_one(TreeView).display
        assert app.focused is view
        text = diagram_text(app)
        for title in ("App", "首页", "搜索", "推荐", "消息", "我的"):
            assert title in text
        assert "╭" in text and "╯" in text
        assert diagram_cursor(app) == "推荐"
        await pilot.press("left")  # in 首页's leaf stack: back to the parent
        assert diagram_cursor(app) == "首页"
        await pilot.press("v")
        assert app.screen.query_one(TreeView).display
        assert cursor_title(app) == "首页"


async def test_arrows_follow_the_tree_and_escape_returns_to_the_outline(doc_path: Path):
    app = FeatureTreeApp(doc_path)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("v")
        assert diagram_cursor(app) == "App"
        await pilot.press("down")  # the child nearest the middle
        assert diagram_cursor(app) == "消息"
        await pilot.press("left")
        assert diagram_cursor(app) == "首页"
        await pilot.press("down")  # into the leaf stack
        assert diagram_cursor(app) == "搜索"
        await pilot.press("down")
        assert diagram_cursor(app) == "推荐"
        await pilot.press("up", "up", "right", "right")
        assert diagram_cursor(app) == "我的"
        await pilot.press("up")
        assert diagram_cursor(app) == "App"
        await pilot.press("down", "right")
        assert cursor_title(app) == "我的"  # the outline's cursor moved along
        await pilot.press("escape")
        assert app.screen.query_one(TreeView).display
        assert cursor_title(app) == "我的"


async def test_tab_in_the_diagram_adds_a_child_with_a_chinese_title(doc_path: Path):
    app = FeatureTreeApp(doc_path)
    async with app.run_test(size=SIZE) as pilot:
        put_cursor(app, "msg")
        await pilot.press("v", "tab", *"私信 通知", "enter")
        screen = editor(app)
        assert titles(screen, "msg") == ["私信 通知"]
        assert diagram_cursor(app) == "私信 通知"
        assert "私信 通知" in diagram_text(app)
        await pilot.press("ctrl+z")
        assert titles(screen, "msg") == []
        assert "私信" not in diagram_text(app)


async def test_a_burst_after_enter_lands_in_the_new_sibling_title(doc_path: Path):
    app = FeatureTreeApp(doc_path)
    async with app.run_test(size=SIZE) as pilot:
        put_cursor(app, "home")
        await pilot.press("v")
        await burst(pilot, ("enter", None), ("a", "a"), ("space", " "), ("b", "b"), ("enter", None))
        assert titles(editor(app)) == ["首页", "a b", "消息", "我的"]
        assert "a b" in diagram_text(app)


async def test_rename_delete_move_and_fold_in_the_diagram(doc_path: Path):
    app = FeatureTreeApp(doc_path)
    async with app.run_test(size=SIZE) as pilot:
        put_cursor(app, "msg")
        await pilot.press("v", "e", *"站内信", "enter")
        screen = editor(app)
        assert titles(screen) == ["首页", "站内信", "我的"]
        assert "站内信" in diagram_text(app)
        await pilot.press("alt+up")
        assert titles(screen) == ["站内信", "首页", "我的"]
        assert diagram_cursor(app) == "站内信"
        await pilot.press("right", "space")  # fold 首页: +2
        assert "+2" in diagram_text(app)
        assert "搜索" not in diagram_text(app)
        await pilot.press("space")
        assert "搜索" in diagram_text(app)
        await pilot.press("delete")
        assert titles(screen) == ["站内信", "我的"]
        assert "首页" not in diagram_text(app)
        await pilot.press("ctrl+z")
        assert "首页" in diagram_text(app)


async def test_annotation_keys_in_the_diagram_change_the_box(doc_path: Path):
    app = FeatureTreeApp(doc_path)
    async with app.run_test(size=SIZE) as pilot:
        put_cursor(app, "me")
        await pilot.press("v", "m")
        screen = editor(app)
        assert screen.doc.node("me").status.value == "new"
        view = app.screen.query_one(DiagramView)
        box = view.diagram.layout.boxes[view.cursor_index]
        assert box.status == "new"


async def test_a_big_diagram_follows_an_edit_laid_out_in_the_background(tmp_path: Path):
    """From 2,000 boxes the layout after an edit is made in a worker thread: the keys
    typed meanwhile still go into the title, and the picture shows the new box after."""
    from featuretree import formats
    from featuretree.model.document import Document
    from featuretree.model.node import FeatureNode
    from featuretree.model.tree import attach

    doc = Document.new("大产品")
    for i in range(50):
        module = FeatureNode(f"模块{i}", id=f"m{i}")
        attach(module, doc.root)
        for j in range(50):
            attach(FeatureNode(f"功能{i}-{j}", id=f"f{i}-{j}"), module)
    doc = Document(doc.root)
    path = tmp_path / "big.json"
    formats.save(doc, path)
    app = FeatureTreeApp(path)
    async with app.run_test(size=SIZE) as pilot:
        put_cursor(app, "m7")
        await pilot.press("v", "tab", *"新 功能", "enter")
        view = app.screen.query_one(DiagramView)
        for _ in range(200):
            if view.laid_out:
                break
            await pilot.pause(0.05)
        assert view.laid_out
        assert [kid.title for kid in editor(app).doc.node("m7").kids][-1] == "新 功能"
        assert diagram_cursor(app) == "新 功能"
        assert "新 功能" in diagram_text(app)
        # Edited in the outline while the diagram is hidden: laid out again when shown.
        await pilot.press("v", "enter", *"另一个", "enter", "v")
        for _ in range(200):
            if view.laid_out:
                break
            await pilot.pause(0.05)
        assert view.laid_out
        assert diagram_cursor(app) == "另一个"
        assert "另一个" in diagram_text(app)


async def test_the_palette_switches_direction_and_stacking_and_the_config_keeps_them(
    doc_path: Path, tmp_path: Path, monkeypatch
):
    from featuretree.config import load_config

    config = tmp_path / "config.toml"
    monkeypatch.setenv("FEATURETREE_CONFIG", str(config))
    app = FeatureTreeApp(doc_path)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("v")
        before = diagram_text(app)
        # Top-down: the root's box on the first rows, its children in a row below.
        assert before.splitlines()[0].strip().startswith("╭")
        await pilot.press("ctrl+p", *"top-down / left-right")
        await pilot.pause(0.3)
        await pilot.press("enter")
        await pilot.pause(0.3)
        view = app.screen.query_one(DiagramView)
        assert view.options.direction == "right"
        # Left to right: the root on the left, its children in a column beside it.
        rows = diagram_text(app).splitlines()
        assert any(row.startswith("│ App ├") for row in rows), rows
        await pilot.press("ctrl+p", *"stack leaves")
        await pilot.pause(0.3)
        await pilot.press("enter")
        await pilot.pause(0.3)
        assert view.options.stack_columns == 0
    saved, warnings = load_config(config)
    assert warnings == []
    assert (saved.diagram_direction, saved.diagram_stack) == ("right", False)


async def test_the_config_chooses_ascii_lines(doc_path: Path, tmp_path: Path, monkeypatch):
    config = tmp_path / "config.toml"
    config.write_text("diagram_ascii = true\ndiagram_stack = false\n", encoding="utf-8")
    monkeypatch.setenv("FEATURETREE_CONFIG", str(config))
    app = FeatureTreeApp(doc_path)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("v")
        text = diagram_text(app)
        assert "| App |" in text and "+" in text
        assert not set("╭╮╰╯│─┬┴├┤┼") & set(text)
        # Not stacked: 首页's two leaves side by side on one row.
        assert any("搜索" in row and "推荐" in row for row in text.splitlines())


async def test_search_in_the_diagram_moves_its_cursor_and_gives_the_focus_back(doc_path: Path):
    app = FeatureTreeApp(doc_path)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("v", "slash", *"推荐")
        await pilot.pause()
        await pilot.press("enter")
        await pilot.pause()
        view = app.screen.query_one(DiagramView)
        assert diagram_cursor(app) == "推荐"
        assert view.display and app.focused is view
        await pilot.press("left")  # the keys are the diagram's again
        assert diagram_cursor(app) == "首页"


async def test_a_change_log_entry_added_in_the_diagram_shows_its_count(doc_path: Path):
    app = FeatureTreeApp(doc_path)
    async with app.run_test(size=SIZE) as pilot:
        put_cursor(app, "msg")
        await pilot.press("v", "c")
        await pilot.pause()
        await pilot.press(*"改版", "enter")
        await pilot.pause()
        view = app.screen.query_one(DiagramView)
        assert app.focused is view
        assert len(editor(app).doc.node("msg").changelog) == 1
        assert "✎1" in diagram_text(app)


async def test_pasted_lines_become_children_in_the_diagram(doc_path: Path):
    from textual import events

    app = FeatureTreeApp(doc_path)
    async with app.run_test(size=SIZE) as pilot:
        put_cursor(app, "msg")
        await pilot.press("v")
        app.screen.query_one(DiagramView).post_message(events.Paste("私信\n  表情 包\n通知"))
        await pilot.pause()
        screen = editor(app)
        assert titles(screen, "msg") == ["私信", "通知"]
        assert [kid.title for kid in screen.doc.node("msg").kids[0].kids] == ["表情 包"]
        assert "表情 包" in diagram_text(app)


async def test_edits_made_in_the_outline_show_when_the_diagram_opens_again(doc_path: Path):
    app = FeatureTreeApp(doc_path)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("v", "v")  # laid out once, then hidden
        put_cursor(app, "me")
        await pilot.press("tab", *"设置", "enter", "v")
        assert "设置" in diagram_text(app)
        assert diagram_cursor(app) == "设置"


async def test_the_outline_scrolls_over_nodes_added_while_the_diagram_showed(doc_path: Path):
    """The hidden outline takes its new row count without a layout of the screen: back
    in the outline, it scrolls all the way to the last node added in the diagram."""
    from editor_helpers import screen_rows
    from textual import events

    app = FeatureTreeApp(doc_path)
    async with app.run_test(size=SIZE) as pilot:
        put_cursor(app, "msg")
        await pilot.press("v")
        pasted = "\n".join(f"通知 {n}" for n in range(60))
        app.screen.query_one(DiagramView).post_message(events.Paste(pasted))
        await pilot.pause()
        await pilot.press("v", "end")
        await pilot.pause()
        tree = app.screen.query_one(TreeView)
        assert tree.virtual_size.height >= len(tree.outline)
        assert cursor_title(app) == "我的"
        rows = screen_rows(app)
        assert any("我的" in row for row in rows)
        assert any("通知 59" in row for row in rows)


async def test_a_long_title_typed_in_the_diagram_keeps_the_caret_in_sight(doc_path: Path):
    # The box's editor grew with the text and was cut at the view's right edge: past
    # it the caret and the last characters typed were not shown. It scrolls instead,
    # as the outline's row does.
    app = FeatureTreeApp(doc_path)
    async with app.run_test(size=(80, 24)) as pilot:
        put_cursor(app, "me")
        await pilot.press(
            "v", "tab", *"这是一个非常非常长的功能标题用于测试在功能结构图里输入时", *"末尾"
        )
        await pilot.pause()
        view = app.screen.query_one(DiagramView)
        rows = [view.render_line(y).text for y in range(view.size.height)]
        assert any("输入时末尾" in row for row in rows), "\n".join(rows)
        await pilot.press("home")  # and back at the start, the start is shown
        await pilot.pause()
        rows = [view.render_line(y).text for y in range(view.size.height)]
        assert any("这是一个" in row for row in rows), "\n".join(rows)
        await pilot.press("enter")
        assert editor(app).doc.node("me").kids[-1].title.endswith("输入时末尾")
