"""The key bar at the bottom of every screen: what it lists, in which language, clicks, narrow
terminals, and the title editor."""

from __future__ import annotations

from pathlib import Path

from editor_helpers import SIZE, editor, put_cursor, titles
from rich.cells import cell_len
from textual.command import CommandPalette

from featuretree.tui import FeatureTreeApp
from featuretree.tui._textual.render import screen_strips
from featuretree.tui.screens.board import SuggestionsBoard
from featuretree.tui.screens.start import StartScreen
from featuretree.tui.widgets.key_bar import KeyBar


def bar_text(app: FeatureTreeApp) -> str:
    """The bar's line as drawn."""
    return "".join(segment.text for segment in app.screen.query_one(KeyBar).render_line(0))


def cell_of(text: str, piece: str) -> int:
    """The cell where ``piece`` starts in ``text`` (CJK is two cells)."""
    return cell_len(text[: text.index(piece)])


async def test_the_editor_lists_its_shown_keys_once_each_with_the_palette_at_the_right(
    doc_path: Path,
):
    app = FeatureTreeApp(doc_path)
    async with app.run_test(size=(200, 30)) as pilot:
        await pilot.pause()
        text = bar_text(app)
        for piece in (
            " Space Fold / unfold ",
            " Tab Add child ",
            " Enter Add sibling ",
            " Ctrl+Z Undo ",
            " Ctrl+S Save ",
            " / Search ",
            " f Filter ",
            " Ctrl+Q Quit ",
            " ? Help ",
        ):
            assert piece in text
        assert text.count("Add sibling") == 1  # bound to enter and ctrl+j: shown once
        assert "Cursor up" not in text  # show=False bindings stay out
        assert text.rstrip().endswith("▏Ctrl+P Commands")
        assert cell_len(text) == 200


async def test_descriptions_follow_the_ui_language(doc_path: Path, monkeypatch):
    monkeypatch.setenv("LANG", "zh_CN.UTF-8")
    app = FeatureTreeApp(doc_path)
    async with app.run_test(size=(160, 30)) as pilot:
        await pilot.pause()
        text = bar_text(app)
        # the keys named as the help screen names them (were Textual's space, tab, f2, ^z)
        for piece in (" Space 折叠 / 展开 ", " Tab 添加子节点 ", " Del 删除", " F2 重命名 "):
            assert piece in text
        assert " Ctrl+Z " in text and "▏Ctrl+P 命令" in text
        assert "space" not in text and " tab " not in text and "^" not in text
        assert "Add child" not in text
        assert cell_len(text) == 160  # CJK descriptions are measured in cells


async def test_a_keymap_changes_the_key_shown(doc_path: Path, tmp_path: Path, monkeypatch):
    config = tmp_path / "config.toml"
    config.write_text('[keymap]\n"tree.add_child" = "insert"\n', encoding="utf-8")
    monkeypatch.setenv("FEATURETREE_CONFIG", str(config))
    app = FeatureTreeApp(doc_path)
    async with app.run_test(size=(200, 30)) as pilot:
        await pilot.pause()
        text = bar_text(app)
        assert " Insert Add child " in text and " Tab Add child " not in text


async def test_clicking_a_key_runs_it(doc_path: Path):
    app = FeatureTreeApp(doc_path)
    async with app.run_test(size=(200, 30)) as pilot:
        put_cursor(app, "msg")
        await pilot.pause()
        text = bar_text(app)
        await pilot.click(KeyBar, offset=(cell_of(text, "Add child") + 2, 0))
        await pilot.press(*"私信", "enter")
        assert titles(editor(app), "msg") == ["私信"]
        await pilot.click(KeyBar, offset=(cell_of(text, " Ctrl+Z ") + 1, 0))
        assert titles(editor(app), "msg") == []
        await pilot.click(KeyBar, offset=(len(text) - 3, 0))  # "Commands"
        assert CommandPalette.is_open(app)


async def test_a_narrow_terminal_cuts_whole_keys_with_an_ellipsis(doc_path: Path):
    app = FeatureTreeApp(doc_path)
    async with app.run_test(size=(50, 20)) as pilot:
        await pilot.pause()
        text = bar_text(app)
        assert cell_len(text) == 50
        assert "…" in text and text.rstrip().endswith(" ? Help ▏Ctrl+P Commands")
        shown = text[: text.index("…")]
        assert shown.startswith(" Space Fold / unfold ")
        assert shown.endswith(" ")  # nothing cut in the middle of a description
        # A click on the ellipsis does nothing.
        before = app.screen
        await pilot.click(KeyBar, offset=(cell_of(text, "…"), 0))
        assert app.screen is before and editor(app).tree.editing is None


async def test_while_a_title_is_typed_the_bar_shows_how_to_end_it(doc_path: Path):
    app = FeatureTreeApp(doc_path)
    async with app.run_test(size=SIZE) as pilot:
        put_cursor(app, "msg")
        await pilot.press("e")
        text = bar_text(app)
        assert (
            "Esc Cancel" in text
            and "Enter Confirm" in text
            and "Tab Confirm and add a child" in text
        )
        assert "Add child" not in text and "Undo" not in text
        await pilot.click(KeyBar, offset=(cell_of(text, "Esc"), 0))  # Escape: cancel
        assert editor(app).tree.editing is None
        assert "Add child" in bar_text(app)
        await pilot.press("tab")  # a new child: editing again
        assert "Enter Confirm" in bar_text(app)
        await pilot.press(*"新", "enter")
        assert "Add child" in bar_text(app)


async def test_the_keys_follow_the_focus(doc_path: Path):
    app = FeatureTreeApp(doc_path)
    async with app.run_test(size=(160, 30)) as pilot:
        await pilot.pause()
        assert "Add child" in bar_text(app)
        await pilot.press("slash")  # the search text has the keys now
        await pilot.pause()
        text = bar_text(app)
        assert "Add child" not in text and " Ctrl+Q Quit " in text
        await pilot.press("escape")
        await pilot.pause()
        assert "Add child" in bar_text(app)


async def test_start_screen_and_board_use_the_same_bar(doc_path: Path):
    app = FeatureTreeApp(None, recent_files=list)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert isinstance(app.screen, StartScreen)
        assert " n New document " in bar_text(app)
    app = FeatureTreeApp(doc_path)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("b")
        await pilot.pause()
        assert isinstance(app.screen, SuggestionsBoard)
        assert " Esc Close " in bar_text(app)


async def test_a_new_theme_recolours_the_bar_and_the_title(doc_path: Path):
    app = FeatureTreeApp(doc_path)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()

        def backgrounds() -> list:
            lines = screen_strips(app)
            return [segment.style.bgcolor for segment in (*lines[0], *lines[-1])]

        before = set(backgrounds())
        app.theme = "nord" if app.theme != "nord" else "gruvbox"
        await pilot.pause()
        after = set(backgrounds())
        assert after and not after & before


async def test_the_key_under_the_mouse_is_highlighted(doc_path: Path):
    app = FeatureTreeApp(doc_path)
    async with app.run_test(size=(200, 30)) as pilot:
        await pilot.pause()
        bar = app.screen.query_one(KeyBar)

        def background_at(x: int):
            cells = 0
            for segment in bar.render_line(0):
                cells += segment.cell_length
                if cells > x:
                    return segment.style.bgcolor, segment.style.color

        text = bar_text(app)
        x = cell_of(text, "Add child")
        plain = background_at(x)
        await pilot.hover(KeyBar, offset=(x, 0))
        hovered = background_at(x)
        assert hovered[0] != plain[0]  # highlighted
        assert background_at(x - 3)[1] == background_at(cell_of(text, "Undo") - 3)[1]
        assert background_at(cell_of(text, "Undo"))[0] == plain[0]  # only that key


async def test_the_help_key_stays_at_the_right_however_many_keys_are_cut(doc_path: Path):
    from featuretree.tui.screens.dialogs import HelpScreen

    app = FeatureTreeApp(doc_path)
    async with app.run_test(size=(80, 20)) as pilot:
        await pilot.pause()
        text = bar_text(app)
        assert "…" in text  # keys were cut: help was last in the list, it is kept anyway
        assert text.count("? Help") == 1 and text.index("? Help") > text.index("…")
        await pilot.click(KeyBar, offset=(cell_of(text, "? Help") + 1, 0))
        assert isinstance(app.screen, HelpScreen)
