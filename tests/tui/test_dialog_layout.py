"""Dialogs show all their text and every button whole, at 80 and 120 columns, in both languages.

Read from the screen as a person sees it (:mod:`screen_text`), not from the widgets.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from screen_text import screen_lines
from textual.app import App

from featuretree.i18n import set_language, t
from featuretree.tui import FeatureTreeApp
from featuretree.tui.bindings import QUESTION_BINDINGS, key_label
from featuretree.tui.screens.dialogs import ConfirmQuitScreen, SavePathScreen
from featuretree.tui.screens.questions import (
    RecoveryDialog,
    external_change_dialog,
    replace_file_dialog,
)

LONG_NAME = "知乎 App 功能结构图（2026 年 12 月版）.json"


class Host(App[None]):
    def __init__(self, make_screen) -> None:
        super().__init__()
        self.make_screen = make_screen

    def on_mount(self) -> None:
        self.push_screen(self.make_screen())


def squeezed(lines: list[str]) -> str:
    """The screen's text without the frame, spaces or line ends (wrapping joins up)."""
    frame = set("█▀▄▔▁▏▕│─╭╮╰╯ ")
    return "".join(ch for line in lines for ch in line if ch not in frame)


def assert_whole(lines: list[str], *texts: str) -> None:
    for text in texts:
        assert any(text in line for line in lines), f"{text!r} is cut:\n" + "\n".join(lines)


@pytest.mark.parametrize("width", [80, 120])
async def test_unsaved_changes_dialog_shows_every_button(doc_path: Path, width: int) -> None:
    app = FeatureTreeApp(doc_path)
    async with app.run_test(size=(width, 24)) as pilot:
        await pilot.pause()
        await pilot.press("tab", "x", "enter", "ctrl+q")
        await pilot.pause()
        assert isinstance(app.screen, ConfirmQuitScreen)
        assert_whole(
            screen_lines(app),
            "Save and quit (s)",
            "Quit without saving (d)",
            "Cancel (Esc)",
            "There are unsaved changes. Quit anyway?",
        )


async def test_buttons_wrap_to_a_second_row_when_the_screen_is_narrow() -> None:
    app = Host(ConfirmQuitScreen)
    async with app.run_test(size=(50, 24)) as pilot:
        await pilot.pause()
        lines = screen_lines(app)
        assert_whole(lines, "Save and quit (s)", "Quit without saving (d)", "Cancel (Esc)")
        rows = [
            i for i, line in enumerate(lines) if "(s)" in line or "(d)" in line or "(Esc)" in line
        ]
        assert len(set(rows)) >= 2


async def test_quit_dialog_names_the_keys_of_the_active_keymap() -> None:
    app = Host(ConfirmQuitScreen)
    async with app.run_test(size=(80, 24)) as pilot:
        app.set_keymap({"dialog.save": "w", "dialog.discard": "ctrl+d"})
        app.push_screen(ConfirmQuitScreen())
        await pilot.pause()
        assert_whole(screen_lines(app), "Save and quit (w)", "Quit without saving (Ctrl+D)")
        await pilot.press("w")
        await pilot.pause()
        assert isinstance(app.screen, ConfirmQuitScreen)  # the first one, under it


@pytest.mark.parametrize("language", ["en", "zh"])
@pytest.mark.parametrize("width", [80, 120])
async def test_file_dialogs_show_their_message_and_every_button(language: str, width: int) -> None:
    set_language(language)
    for make in (lambda: external_change_dialog(LONG_NAME), lambda: replace_file_dialog(LONG_NAME)):
        app = Host(make)
        async with app.run_test(size=(width, 24)) as pilot:
            await pilot.pause()
            dialog = app.screen
            lines = screen_lines(app)
            for option in dialog.options:
                key = key_label(QUESTION_BINDINGS[option.id])  # r, o, Esc…: as the keymap has it
                assert_whole(lines, f"{option.label} ({key})")
            assert "".join(dialog.message.plain.split()) in squeezed(lines)


@pytest.mark.parametrize("language", ["en", "zh"])
@pytest.mark.parametrize("width", [80, 120])
async def test_save_as_prompt_is_shown_whole(language: str, width: int) -> None:
    set_language(language)
    app = Host(lambda: SavePathScreen("/home/pm/文档/知乎 App 功能结构图.json"))
    async with app.run_test(size=(width, 24)) as pilot:
        await pilot.pause()
        assert "".join(t("save.prompt").split()) in squeezed(screen_lines(app))


@pytest.mark.parametrize("language", ["en", "zh"])
async def test_a_form_shows_a_long_node_title_whole(language: str) -> None:
    from featuretree.tui.screens.forms import TagsForm
    from featuretree.tui.screens.notes import NotesEditor

    set_language(language)
    title = "知乎直答（AI 搜索问答：基于社区内容生成带引用来源的回答，支持追问与深度研究模式）"
    for make in (
        lambda: TagsForm(["AI"], node_title=title),
        lambda: NotesEditor("", node_title=title),
    ):
        app = Host(make)
        async with app.run_test(size=(80, 24)) as pilot:
            await pilot.pause()
            assert "".join(title.split()) in squeezed(screen_lines(app))


async def test_a_long_difference_scrolls_and_the_buttons_stay_on_screen() -> None:
    import datetime as dt

    from rich.text import Text

    from featuretree.storage.recovery import RecoveryInfo

    info = RecoveryInfo(
        file=Path("/nonexistent"),
        key="k",
        for_path=None,
        written_ns=int(dt.datetime(2026, 12, 3, 9, 30).timestamp()) * 10**9,
        base=None,
        pid=0,
    )
    app = Host(lambda: RecoveryDialog(info, LONG_NAME, lambda: ""))
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        app.screen.show_detail(Text("\n".join(f"changed: 首页 › 节点 {i}" for i in range(60))))
        await pilot.pause()
        lines = screen_lines(app)
        assert_whole(
            lines,
            "Restore (r)",
            "Show difference (d)",
            "Discard them (x)",
            "changed: 首页 › 节点 0",
        )
