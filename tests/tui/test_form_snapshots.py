"""The suggestion form with text of several lines, the question Escape asks, and the
"Your name" form, pinned as SVG snapshots in Chinese at 80×24 and 120×40.

Update after an intended change with ``pytest tests/tui/test_form_snapshots.py --snapshot-update``.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from types import SimpleNamespace

import pytest
from editor_helpers import put_cursor, small_document

from featuretree import formats
from featuretree.config import config_path
from featuretree.tui import FeatureTreeApp

SIZES = [(80, 24), (120, 40)]


class _Day(dt.date):
    @classmethod
    def today(cls) -> dt.date:
        return dt.date(2026, 12, 1)


@pytest.fixture
def chinese_app(tmp_path: Path, monkeypatch):
    """An editor on the small document, in Chinese; the forms' "today" is fixed."""
    monkeypatch.setattr("featuretree.tui.screens.forms.dt", SimpleNamespace(date=_Day))
    config_path().parent.mkdir(parents=True, exist_ok=True)
    config_path().write_text('language = "zh"\nauthor = "林晓"\n', encoding="utf-8")
    path = tmp_path / "app.json"
    formats.save(small_document(), path)
    return lambda: FeatureTreeApp(path)


async def _suggestion_typed(pilot) -> None:
    put_cursor(pilot.app, "msg")
    await pilot.press("s", *"书架按作者分组", "ctrl+j", *"支持自定义排序", "tab", *"用户反馈多")
    await pilot.pause()


@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
def test_suggestion_form_with_two_lines_and_the_rationale_focused(snap_compare, chinese_app, size):
    assert snap_compare(chinese_app(), terminal_size=size, run_before=_suggestion_typed)


@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
def test_escape_after_typing_asks(snap_compare, chinese_app, size):
    async def escape(pilot) -> None:
        await _suggestion_typed(pilot)
        await pilot.press("escape")
        await pilot.pause()

    assert snap_compare(chinese_app(), terminal_size=size, run_before=escape)


@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
def test_your_name_form(snap_compare, chinese_app, size, monkeypatch):
    # a short, fixed config path: the form shows it
    async def open_it(pilot) -> None:
        monkeypatch.setattr(
            "featuretree.tui.screens.forms.config_path",
            lambda: Path("~/.config/featuretree/config.toml"),
        )
        await pilot.app.editor.run_action("your_name")
        await pilot.pause()

    assert snap_compare(chinese_app(), terminal_size=size, run_before=open_it)
