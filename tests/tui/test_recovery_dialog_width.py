"""The recovery dialog's text wraps to the dialog's width, also once "Show difference"
or a wider terminal has widened it (it kept the narrow lines of the first frame)."""

from __future__ import annotations

import datetime as dt
import os
from types import SimpleNamespace

from rich.text import Text
from screen_text import screen_lines
from textual.app import App

from featuretree.i18n import set_language
from featuretree.tui.screens.questions import RecoveryDialog


def _difference() -> tuple[str, list[Text]]:
    long = "这是一个很长的功能标题，把对话框撑得比提示文字更宽一些再宽一些"
    return "新增 3", [Text(f"+ 首页 › 推荐 › {long} {i}") for i in range(3)]


class _Host(App):
    def on_mount(self) -> None:
        info = SimpleNamespace(
            written=dt.datetime(2026, 12, 3, 10, 0, 0),
            document_changed_since_base=lambda: False,
            pid=os.getpid(),
            writer_running=lambda: False,
        )
        self.push_screen(RecoveryDialog(info, "知乎 App 功能结构图.json", _difference))


async def test_the_message_wraps_again_when_the_dialog_is_widened() -> None:
    set_language("zh")
    app = _Host()
    async with app.run_test(size=(80, 30)) as pilot:
        await pilot.pause()
        await pilot.press("d")  # show the difference: its lines are wider than the text
        await pilot.pause()
        await pilot.resize_terminal(140, 30)
        await pilot.pause(0.2)
        lines = screen_lines(app)
        first = next(line for line in lines if "保留了" in line)
        # One line now: the dialog is wide enough; it was cut after 未保存修改.
        assert "10:00:00）。" in first, "\n".join(lines)
        assert any("撑得比提示文字更宽一些再宽一些 2" in line for line in lines)
