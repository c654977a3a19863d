"""The editor's keys, pressed for real on small trees, checked on the model and the screen."""

from __future__ import annotations

import json
from pathlib import Path

from editor_helpers import SIZE, cursor_title, editor, put_cursor, screen_rows, titles

from featuretree.tui import FeatureTreeApp
from featuretree.tui.screens.dialogs import ConfirmQuitScreen, HelpScreen


async def test_tab_adds_a_child_and_one_undo_removes_it(doc_path: Path):
    app = FeatureTreeApp(doc_path)
    async with app.run_test(size=SIZE) as pilot:
        put_cursor(app, "msg")
        await pilot.press("tab", *"私信", "enter")
        screen = editor(app)
        assert titles(screen, "msg") == ["私信"]
        assert cursor_title(app) == "私信"
        assert any(row.endswith("私信") for row in screen_rows(app))
        assert screen.history.dirty
        await pilot.press("ctrl+z")
        assert titles(screen, "msg") == []
        assert not screen.history.dirty


async def test_enter_adds_a_sibling_right_after(doc_path: Path):
    app = FeatureTreeApp(doc_path)
    async with app.run_test(size=SIZE) as pilot:
        put_cursor(app, "home")
        await pilot.press("enter", *"发现", "enter")
        assert titles(editor(app)) == ["首页", "发现", "消息", "我的"]


async def test_typing_right_after_enter_goes_into_the_new_title(doc_path: Path):
    app = FeatureTreeApp(doc_path)
    async with app.run_test(size=SIZE) as pilot:
        put_cursor(app, "me")
        await pilot.press("enter", "a", "enter", "enter", "b", "enter", "tab", "c", "enter")
        screen = editor(app)
        assert titles(screen)[-3:] == ["我的", "a", "b"]
        assert [k.title for k in screen.doc.root.kids[-1].kids] == ["c"]


async def test_escape_on_a_new_node_removes_it_and_leaves_no_history(doc_path: Path):
    app = FeatureTreeApp(doc_path)
    async with app.run_test(size=SIZE) as pilot:
        put_cursor(app, "home")
        await pilot.press("tab", "x", "escape")
        screen = editor(app)
        assert titles(screen, "home") == ["搜索", "推荐"]
        assert cursor_title(app) == "首页"
        assert not screen.history.dirty
        await pilot.press("ctrl+y")  # redo must not bring the cancelled empty node back
        assert titles(screen, "home") == ["搜索", "推荐"]


async def test_rename_shows_markup_like_titles_literally(doc_path: Path):
    app = FeatureTreeApp(doc_path)
    async with app.run_test(size=SIZE) as pilot:
        put_cursor(app, "search")
        await pilot.press("f2", "ctrl+u", *"[bold]x[/]", "enter")
        screen = editor(app)
        assert screen.doc.node("search").title == "[bold]x[/]"
        assert any("[bold]x[/]" in row for row in screen_rows(app))
        await pilot.press("e", "backspace", "escape")  # cancelled: unchanged
        assert screen.doc.node("search").title == "[bold]x[/]"


async def test_delete_then_undo_restores_node_and_cursor(doc_path: Path):
    app = FeatureTreeApp(doc_path)
    async with app.run_test(size=SIZE) as pilot:
        put_cursor(app, "home")
        await pilot.press("delete")
        screen = editor(app)
        assert titles(screen) == ["消息", "我的"]
        assert cursor_title(app) == "消息"
        assert "搜索" not in "".join(screen_rows(app))
        await pilot.press("ctrl+z")
        assert titles(screen) == ["首页", "消息", "我的"]
        assert cursor_title(app) == "首页"
        assert "搜索" in "".join(screen_rows(app))
        await pilot.press("ctrl+y")
        assert titles(screen) == ["消息", "我的"]


async def test_deleting_a_branch_says_how_much_went_and_how_to_undo_it(doc_path: Path, notes):
    app = FeatureTreeApp(doc_path)
    async with app.run_test(size=SIZE) as pilot:
        seen = notes(app)
        put_cursor(app, "msg")
        await pilot.press("delete")  # a leaf: what went is on screen, no notice
        assert seen == []
        put_cursor(app, "home")
        await pilot.press("delete")  # 首页 with 搜索 and 推荐 below it
        assert seen == ["Deleted “首页” and 2 nodes below it · Ctrl+Z undoes"]
        put_cursor(app, "me")
        await pilot.press("ctrl+x")
        assert seen[-1] == "Cut “我的” (1 node)"


async def test_move_up_and_down_among_siblings(doc_path: Path):
    app = FeatureTreeApp(doc_path)
    async with app.run_test(size=SIZE) as pilot:
        put_cursor(app, "msg")
        await pilot.press("alt+up")
        screen = editor(app)
        assert titles(screen) == ["消息", "首页", "我的"]
        assert cursor_title(app) == "消息"
        await pilot.press("alt+down", "alt+down")
        assert titles(screen) == ["首页", "我的", "消息"]


async def test_indent_and_outdent(doc_path: Path):
    app = FeatureTreeApp(doc_path)
    async with app.run_test(size=SIZE) as pilot:
        put_cursor(app, "msg")
        await pilot.press("alt+right")
        screen = editor(app)
        assert titles(screen, "home") == ["搜索", "推荐", "消息"]
        await pilot.press("shift+tab")
        assert titles(screen) == ["首页", "消息", "我的"]


async def test_impossible_moves_say_why_and_change_nothing(doc_path: Path, notes):
    app = FeatureTreeApp(doc_path)
    async with app.run_test(size=SIZE) as pilot:
        seen = notes(app)
        screen = editor(app)
        put_cursor(app, "home")
        await pilot.press("alt+right")  # the first child: no previous sibling
        await pilot.press("alt+left")  # a child of the root
        await pilot.press("alt+up")  # already first
        await pilot.press("home", "delete")  # the root
        assert titles(screen) == ["首页", "消息", "我的"]
        assert not screen.history.dirty
        assert len(seen) == 4
        assert "previous sibling" in seen[0] and "root" in seen[3]


async def test_copy_paste_gives_fresh_ids_and_cut_moves(doc_path: Path):
    app = FeatureTreeApp(doc_path)
    async with app.run_test(size=SIZE) as pilot:
        screen = editor(app)
        put_cursor(app, "home")
        await pilot.press("ctrl+c")
        put_cursor(app, "me")
        await pilot.press("ctrl+v")
        pasted = screen.doc.node("me").kids[0]
        assert pasted.title == "首页" and [k.title for k in pasted.kids] == ["搜索", "推荐"]
        assert pasted.id != "home" and pasted.kids[0].id != "search"
        assert len({n.id for n in screen.doc.iter_nodes()}) == len(screen.doc)
        put_cursor(app, "msg")
        await pilot.press("ctrl+x")
        assert titles(screen) == ["首页", "我的"]
        put_cursor(app, "home")
        await pilot.press("ctrl+v")
        assert titles(screen, "home") == ["搜索", "推荐", "消息"]
        # The same node, moved: its id is kept (a diff, a merge and Ctrl+R see a move).
        assert screen.doc.node("msg").parent is screen.doc.node("home")
        put_cursor(app, "home")
        await pilot.press("ctrl+v")  # again: a copy, with an id of its own
        assert titles(screen, "home") == ["搜索", "推荐", "消息", "消息"]
        assert len({n.id for n in screen.doc.iter_nodes()}) == len(screen.doc)


async def test_fold_unfold_focus_path_and_levels(doc_path: Path):
    app = FeatureTreeApp(doc_path)
    async with app.run_test(size=SIZE) as pilot:
        put_cursor(app, "home")
        await pilot.press("space")
        assert "搜索" not in "".join(screen_rows(app))
        assert any("▸ 首页" in row for row in screen_rows(app))
        await pilot.press("right")
        assert "搜索" in "".join(screen_rows(app))
        await pilot.press("right")  # unfolded already: go to the first child
        assert cursor_title(app) == "搜索"
        await pilot.press("left")  # a leaf: go to the parent
        assert cursor_title(app) == "首页"
        await pilot.press("1")
        assert [row for row in screen_rows(app) if row] == [
            "▾ App",
            "├─▸ 首页",
            "├─• 消息",
            "└─• 我的",
        ]
        await pilot.press("2")
        assert "搜索" in "".join(screen_rows(app))
        put_cursor(app, "search")
        await pilot.press("z")
        rows = [row for row in screen_rows(app) if row]
        assert len(rows) == 6 and cursor_title(app) == "搜索"


async def test_save_writes_the_file_and_clears_the_dot(doc_path: Path):
    app = FeatureTreeApp(doc_path)
    async with app.run_test(size=SIZE) as pilot:
        screen = editor(app)
        put_cursor(app, "me")
        await pilot.press("tab", *"设置", "enter")
        assert screen.sub_title.endswith("●")
        await pilot.press("ctrl+s")
        assert not screen.sub_title.endswith("●")
        saved = json.loads(doc_path.read_text(encoding="utf-8"))
        me = next(n for n in saved["root"]["children"] if n["title"] == "我的")
        assert [n["title"] for n in me["children"]] == ["设置"]


async def test_new_file_is_titled_after_it_and_created_on_save(tmp_path: Path):
    path = tmp_path / "外卖 App.json"
    app = FeatureTreeApp(path)
    async with app.run_test(size=SIZE) as pilot:
        screen = editor(app)
        assert screen.doc.root.title == "外卖 App"
        assert not path.exists()
        await pilot.press("ctrl+s")
        assert path.exists()


async def test_quit_with_unsaved_changes_asks_first(doc_path: Path):
    app = FeatureTreeApp(doc_path)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("tab", "x", "enter", "ctrl+q")
        assert isinstance(app.screen, ConfirmQuitScreen)
        await pilot.press("escape")
        assert not isinstance(app.screen, ConfirmQuitScreen)
        assert app.is_running
        await pilot.press("ctrl+q", "d")
    assert app.return_code == 0


async def test_quit_without_changes_does_not_ask(doc_path: Path):
    app = FeatureTreeApp(doc_path)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("ctrl+q")
        assert not app.is_running


async def test_help_lists_every_binding(doc_path: Path):
    from featuretree.tui.bindings import ALL_BINDINGS

    app = FeatureTreeApp(doc_path)
    async with app.run_test(size=(100, 60)) as pilot:
        await pilot.press("question_mark")
        assert isinstance(app.screen, HelpScreen)
        shown = {binding.id for binding in app.screen.bindings}
        assert shown == {binding.id for binding in ALL_BINDINGS}
        await pilot.press("escape")
        assert not isinstance(app.screen, HelpScreen)


async def test_a_broken_file_is_reported_not_raised(tmp_path: Path, notes):
    path = tmp_path / "broken.json"
    path.write_text("{not json", encoding="utf-8")
    app = FeatureTreeApp(path)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert app.editor is None  # the start screen instead
