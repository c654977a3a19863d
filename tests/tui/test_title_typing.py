"""Typing a title in the tree's row editor as a person does: spaces, selection, word keys, Tab."""

from __future__ import annotations

from pathlib import Path

from editor_helpers import SIZE, cursor_title, editor, put_cursor, screen_rows, titles
from textual import events

from featuretree.tui import FeatureTreeApp


async def test_a_space_typed_in_a_new_title_is_kept(doc_path: Path):
    app = FeatureTreeApp(doc_path)
    async with app.run_test(size=SIZE) as pilot:
        put_cursor(app, "msg")
        await pilot.press("tab", "I", "P", "space", "属", "地", "enter")
        assert titles(editor(app), "msg") == ["IP 属地"]
        assert any(row.endswith("IP 属地") for row in screen_rows(app))


async def test_a_space_typed_at_the_end_of_a_renamed_title_is_kept(doc_path: Path):
    app = FeatureTreeApp(doc_path)
    async with app.run_test(size=SIZE) as pilot:
        put_cursor(app, "search")
        await pilot.press("f2", "end", "space", "x", "enter")
        assert editor(app).doc.node("search").title == "搜索 x"


async def test_spaces_around_a_title_are_trimmed_on_confirm_only(doc_path: Path):
    app = FeatureTreeApp(doc_path)
    async with app.run_test(size=SIZE) as pilot:
        put_cursor(app, "msg")
        await pilot.press("tab", "space", "a", "space", "space", "b", "space", "enter")
        assert titles(editor(app), "msg") == ["a  b"]


async def test_f2_selects_the_title_so_typing_replaces_it(doc_path: Path):
    app = FeatureTreeApp(doc_path)
    async with app.run_test(size=SIZE) as pilot:
        put_cursor(app, "search")
        await pilot.press("f2", *"找人", "enter")
        assert editor(app).doc.node("search").title == "找人"


async def test_arrows_and_end_after_f2_keep_the_title(doc_path: Path):
    app = FeatureTreeApp(doc_path)
    async with app.run_test(size=SIZE) as pilot:
        screen = editor(app)
        put_cursor(app, "search")
        await pilot.press("f2", "right", "x", "enter")
        assert screen.doc.node("search").title == "搜索x"
        await pilot.press("f2", "left", "y", "enter")
        assert screen.doc.node("search").title == "y搜索x"
        await pilot.press("f2", "home", "z", "end", "w", "enter")
        assert screen.doc.node("search").title == "zy搜索xw"


async def test_backspace_after_f2_deletes_the_whole_title(doc_path: Path):
    app = FeatureTreeApp(doc_path)
    async with app.run_test(size=SIZE) as pilot:
        put_cursor(app, "search")
        await pilot.press("f2", "backspace", *"新", "enter")
        assert editor(app).doc.node("search").title == "新"


async def test_the_selection_is_drawn_and_goes_when_collapsed(doc_path: Path):
    app = FeatureTreeApp(doc_path)
    async with app.run_test(size=SIZE) as pilot:
        put_cursor(app, "search")
        tree = editor(app).tree
        await pilot.press("f2")
        row = tree.render_line(tree.cursor - round(tree.scroll_y))
        chosen = tree.get_component_rich_style("tree-view--selection").bgcolor
        assert chosen is not None and chosen != tree.rich_style.bgcolor
        selected = [seg.text for seg in row if seg.style and seg.style.bgcolor == chosen]
        assert "".join(selected) == "搜索"
        # The row behind the typed text is the theme's $boost over the tree, not white
        # (a partial style drops the alpha): light text stays readable.
        backgrounds = {
            seg.style.bgcolor.get_truecolor()
            for seg in row
            if seg.style and seg.style.bgcolor and not seg.style.reverse
        }
        assert (255, 255, 255) not in backgrounds
        await pilot.press("end")
        row = tree.render_line(tree.cursor - round(tree.scroll_y))
        assert "".join(seg.text for seg in row).rstrip().endswith("搜索")
        assert tree.editing is not None and tree.editing.selection is None


async def test_word_keys_jump_and_delete_words(doc_path: Path):
    app = FeatureTreeApp(doc_path)
    async with app.run_test(size=SIZE) as pilot:
        screen = editor(app)
        put_cursor(app, "search")
        await pilot.press("f2", *"AI问书 v2", "ctrl+left", "ctrl+left", "X", "enter")
        assert screen.doc.node("search").title == "AIX问书 v2"  # 问书 is one word
        await pilot.press("f2", "home", "alt+f", "Y", "ctrl+right", "Z", "enter")
        assert screen.doc.node("search").title == "AIXY问书Z v2"
        await pilot.press("f2", "end", "ctrl+w", "enter")
        assert screen.doc.node("search").title == "AIXY问书Z"
        await pilot.press("f2", "end", "alt+b", "ctrl+k", "enter")
        assert screen.doc.node("search").title == "AIXY问书"
        await pilot.press("f2", "end", "ctrl+a", "ctrl+e", "left", "ctrl+u", "enter")
        assert screen.doc.node("search").title == "书"


async def test_tab_while_typing_a_new_title_confirms_it_and_adds_a_child(doc_path: Path):
    app = FeatureTreeApp(doc_path)
    async with app.run_test(size=SIZE) as pilot:
        screen = editor(app)
        put_cursor(app, "msg")
        await pilot.press("tab", *"私信", "tab", *"已读", "space", *"回执", "enter")
        assert titles(screen, "msg") == ["私信"]
        assert [kid.title for kid in screen.doc.node("msg").kids[0].kids] == ["已读 回执"]
        assert cursor_title(app) == "已读 回执"
        await pilot.press("ctrl+z")
        assert [kid.title for kid in screen.doc.node("msg").kids[0].kids] == []
        await pilot.press("ctrl+z")
        assert titles(screen, "msg") == []


async def test_tab_on_an_empty_new_title_does_nothing(doc_path: Path):
    app = FeatureTreeApp(doc_path)
    async with app.run_test(size=SIZE) as pilot:
        screen = editor(app)
        put_cursor(app, "msg")
        await pilot.press("tab", "tab", *"私信", "enter")
        assert titles(screen, "msg") == ["私信"]
        assert screen.doc.node("msg").kids[0].kids == []


async def test_enter_confirms_only_and_the_next_enter_adds_a_sibling(doc_path: Path):
    app = FeatureTreeApp(doc_path)
    async with app.run_test(size=SIZE) as pilot:
        screen = editor(app)
        put_cursor(app, "me")
        await pilot.press("f2", "end", *" 页", "enter")
        assert titles(screen) == ["首页", "消息", "我的 页"]
        await pilot.press("enter", *"设置", "enter")
        assert titles(screen) == ["首页", "消息", "我的 页", "设置"]


async def test_help_lists_the_title_keys_and_paste_in_both_languages(doc_path: Path, monkeypatch):
    from annotation_helpers import statics_text

    from featuretree.tui.screens.dialogs import HelpScreen

    for lang, words in (
        (
            "C",
            [
                "Typing a title",
                "Ctrl+W",
                "Delete the word before the caret",
                "Ctrl+← → / Alt+B F",
                "Confirm and add a child",
                "Paste (terminal)",
            ],
        ),
        (
            "zh_CN.UTF-8",
            ["输入标题时", "Ctrl+W", "删除光标前的一个词", "确认并添加子节点", "粘贴（终端）"],
        ),
    ):
        monkeypatch.setenv("LANG", lang)
        app = FeatureTreeApp(doc_path)
        async with app.run_test(size=(100, 60)) as pilot:
            await pilot.press("question_mark")
            assert isinstance(app.screen, HelpScreen)
            text = statics_text(app)
            for word in words:
                assert word in text, (lang, word)


async def test_a_burst_with_spaces_right_after_tab_is_typed_whole(doc_path: Path):
    from editor_helpers import burst

    app = FeatureTreeApp(doc_path)
    async with app.run_test(size=SIZE) as pilot:
        put_cursor(app, "msg")
        # As an IME commit or a fast typist delivers it: all at once.
        await burst(
            pilot,
            ("tab", None),
            ("I", "I"),
            ("P", "P"),
            ("space", " "),
            ("属", "属"),
            ("地", "地"),
            ("tab", None),
            ("space", " "),
            ("x", "x"),
            ("space", " "),
            ("y", "y"),
            ("enter", None),
        )
        screen = editor(app)
        assert titles(screen, "msg") == ["IP 属地"]
        assert [kid.title for kid in screen.doc.node("msg").kids[0].kids] == ["x y"]


async def test_help_explains_the_marks_in_the_tree(doc_path: Path):
    from annotation_helpers import statics_text

    from featuretree.tui.screens.dialogs import HelpScreen

    app = FeatureTreeApp(doc_path)
    async with app.run_test(size=(100, 60)) as pilot:
        await pilot.press("question_mark")
        assert isinstance(app.screen, HelpScreen)
        text = statics_text(app)
        for words in (
            "Marks in the tree",
            "✚ ✱ ✖",
            "new · changed · deprecated",
            "✎2",
            "two change-log entries",
            "◆3",
            "three open suggestions",
            "a folded node counts everything inside it",
            "Ctrl+P",
        ):
            assert words in text, words


async def test_a_full_width_space_typed_in_a_title_is_kept(doc_path: Path):
    """U+3000 (a Chinese IME in full-width mode) and U+00A0: not str.isprintable(), text."""
    app = FeatureTreeApp(doc_path)
    async with app.run_test(size=SIZE) as pilot:
        put_cursor(app, "msg")
        await pilot.press("tab", "私")
        # As the terminal's key parser makes them (Pilot.press cannot: no character).
        app.post_message(events.Key("ideographic_space", "\u3000"))
        await pilot.press("信")
        app.post_message(events.Key("no_break_space", "\u00a0"))
        await pilot.press("箱", "enter")
        assert titles(editor(app), "msg") == ["私\u3000信\u00a0箱"]


async def test_ctrl_z_while_typing_a_title_steps_back_the_typing(doc_path: Path):
    # Ctrl+Z in a title being typed did nothing: the typing stayed, nothing was said.
    app = FeatureTreeApp(doc_path)
    async with app.run_test(size=SIZE) as pilot:
        put_cursor(app, "search")
        await pilot.press("f2", *"找人", "ctrl+z")
        assert any(row.endswith("搜索") for row in screen_rows(app))  # back as it was
        await pilot.press("end", *"框", "backspace", *"栏", "ctrl+z")
        assert any(row.endswith("搜索") for row in screen_rows(app))  # "栏" typed: gone
        await pilot.press("ctrl+z", "enter")  # the Backspace undone: "搜索框"
        assert editor(app).doc.node("search").title == "搜索框"
        # Not typing, Ctrl+Z undoes the last change of the document, as before.
        await pilot.press("ctrl+z")
        assert editor(app).doc.node("search").title == "搜索"


async def test_ctrl_z_while_typing_a_title_in_the_diagram(doc_path: Path):
    from featuretree.tui.widgets.diagram_view import DiagramView

    app = FeatureTreeApp(doc_path)
    async with app.run_test(size=SIZE) as pilot:
        put_cursor(app, "search")
        await pilot.press("v", "f2", *"找人", "ctrl+z")
        view = app.screen.query_one(DiagramView)
        shown = "\n".join(view.render_line(y).text for y in range(view.size.height))
        assert "搜索" in shown and "找人" not in shown
        await pilot.press("enter")
        assert editor(app).doc.node("search").title == "搜索"


async def test_help_in_chinese_has_full_width_parentheses_and_the_save_key(
    doc_path: Path, monkeypatch
):
    # The Chinese help read "(搜索栏打开时)" with ASCII parentheses, and did not say that
    # Ctrl+S saves while a title is typed, nor that Ctrl+Z steps the typing back.
    from annotation_helpers import statics_text

    monkeypatch.setenv("LANG", "zh_CN.UTF-8")
    app = FeatureTreeApp(doc_path)
    async with app.run_test(size=(100, 60)) as pilot:
        await pilot.press("question_mark")
        text = statics_text(app)
        assert "（搜索栏打开时）" in text and "(搜索栏打开时)" not in text
        assert "保存，并保留正在输入的标题" in text and "撤销输入" in text


async def test_an_untitled_node_reads_with_full_width_parentheses_in_chinese(
    tmp_path: Path, monkeypatch
):
    from featuretree import formats
    from featuretree.model.document import Document
    from featuretree.model.node import FeatureNode
    from featuretree.model.tree import attach

    doc = Document.new("读书")
    attach(FeatureNode("", id="x"), doc.root)
    path = tmp_path / "读书.json"
    formats.save(Document(doc.root), path)
    monkeypatch.setenv("LANG", "zh_CN.UTF-8")
    app = FeatureTreeApp(path)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        rows = screen_rows(app)
        assert any("（未命名）" in row for row in rows), rows
        assert not any("(未命名)" in row for row in rows), rows


def _typed(app: FeatureTreeApp) -> str:
    """The row of the title being typed, as shown."""
    return next(row for row in screen_rows(app) if "搜索" in row or "找人" in row).split()[-1]


async def test_ctrl_y_while_typing_a_title_steps_the_typing_forward_again(doc_path: Path):
    # Ctrl+Y in a title being typed did nothing: what Ctrl+Z stepped back was lost.
    app = FeatureTreeApp(doc_path)
    async with app.run_test(size=SIZE) as pilot:
        put_cursor(app, "search")
        await pilot.press("f2", *"找人", "home", "end", "框", "ctrl+z", "ctrl+z")
        assert _typed(app) == "搜索"
        await pilot.press("ctrl+y")
        assert _typed(app) == "找人"
        await pilot.press("ctrl+y")
        assert _typed(app) == "找人框"
        await pilot.press("ctrl+y")  # the latest typed: no further
        assert _typed(app) == "找人框"
        # Typing after an undo drops what was undone: Ctrl+Y brings no "框" back.
        await pilot.press("ctrl+z", "x", "ctrl+y")
        assert _typed(app) == "找人x"
        await pilot.press("enter")
        assert editor(app).doc.node("search").title == "找人x"


async def test_ctrl_y_while_typing_a_title_in_the_diagram(doc_path: Path):
    from featuretree.tui.widgets.diagram_view import DiagramView

    app = FeatureTreeApp(doc_path)
    async with app.run_test(size=SIZE) as pilot:
        put_cursor(app, "search")
        await pilot.press("v", "f2", *"找人", "ctrl+z", "ctrl+y")
        view = app.screen.query_one(DiagramView)
        shown = "\n".join(view.render_line(y).text for y in range(view.size.height))
        assert "找人" in shown and "搜索" not in shown
        await pilot.press("enter")
        assert editor(app).doc.node("search").title == "找人"


async def test_help_lists_ctrl_y_for_the_typing_in_both_languages(doc_path: Path, monkeypatch):
    from annotation_helpers import statics_text

    for lang, words in (
        ("C", "Redo the typing undone, up to the latest"),
        ("zh_CN.UTF-8", "恢复撤销的输入，直到最新输入的内容"),
    ):
        monkeypatch.setenv("LANG", lang)
        app = FeatureTreeApp(doc_path)
        async with app.run_test(size=(100, 60)) as pilot:
            await pilot.press("question_mark")
            lines = [" ".join(line.split()) for line in statics_text(app).splitlines()]
            assert any(line.startswith("Ctrl+Y") and words in line for line in lines), lang


async def test_shift_tab_while_typing_keeps_the_title_and_outdents(doc_path: Path):
    # Shift+Tab while a title was typed did nothing, without a word: the user expected
    # what it does on a node (outdent), as Tab keeps the title and adds a child.
    app = FeatureTreeApp(doc_path)
    async with app.run_test(size=SIZE) as pilot:
        screen = editor(app)
        put_cursor(app, "feed")
        await pilot.press("tab", *"私信", "shift+tab")
        assert titles(screen, "home") == ["搜索", "推荐", "私信"]
        assert cursor_title(app) == "私信"
        assert any(row.endswith("私信") for row in screen_rows(app))
        await pilot.press("ctrl+z")  # the outdent, then the new node: one step each
        assert titles(screen, "feed") == ["私信"]


async def test_ctrl_o_while_typing_keeps_the_title_and_asks_for_a_file(doc_path: Path):
    from featuretree.tui.screens.dialogs import SavePathScreen

    app = FeatureTreeApp(doc_path)
    async with app.run_test(size=SIZE) as pilot:
        put_cursor(app, "search")
        await pilot.press("f2", *"找人", "ctrl+o")
        assert isinstance(app.screen, SavePathScreen)
        assert editor(app).doc.node("search").title == "找人"


async def test_keys_that_cannot_act_while_typing_say_so(doc_path: Path, notes, monkeypatch):
    monkeypatch.setenv("LANG", "zh_CN.UTF-8")
    app = FeatureTreeApp(doc_path)
    async with app.run_test(size=SIZE) as pilot:
        seen = notes(app)
        screen = editor(app)
        put_cursor(app, "msg")
        await pilot.press("tab", "shift+tab")  # no title yet: the new node would go first
        assert seen == ["先输入标题，再按 Shift+Tab（Esc 取消）"]
        await pilot.press("f5", "ctrl+v")  # no binding; a node paste is not a text paste
        assert seen[1:] == [
            "输入标题时 F5 不起作用：Enter 确认标题，Esc 取消",
            "输入标题时 Ctrl+V 不起作用：Enter 确认标题，Esc 取消",
        ]
        await pilot.press(*"私信", "enter")  # still typing the title all along
        assert titles(screen, "msg") == ["私信"]


async def test_shift_tab_while_typing_in_the_diagram_outdents(doc_path: Path):
    app = FeatureTreeApp(doc_path)
    async with app.run_test(size=SIZE) as pilot:
        put_cursor(app, "feed")
        await pilot.press("v", "tab", *"私信", "shift+tab")
        assert titles(editor(app), "home") == ["搜索", "推荐", "私信"]
        assert cursor_title(app) == "私信"
