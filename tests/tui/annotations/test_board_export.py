"""Ctrl+E on the suggestions board: what it shows, as a Markdown table or CSV (issue 11)."""

from __future__ import annotations

import csv
import datetime as dt
import io
from pathlib import Path

import pytest

from featuretree.model import Document, FeatureNode, Suggestion
from featuretree.model.annotations import Priority, SuggestionStatus
from featuretree.model.tree import attach
from featuretree.operations import History
from featuretree.tui.screens.board import SuggestionsBoard
from featuretree.tui.screens.board_export import SuggestionsExportScreen


def _s(sid, text, p, status="proposed", day=1, rationale=None):
    return Suggestion(
        id=sid,
        text=text,
        rationale=rationale,
        priority=Priority(p),
        status=SuggestionStatus(status),
        created=dt.date(2026, 1, day),
        author="林晓",
    )


@pytest.fixture
def history() -> History:
    root = FeatureNode("微信读书", id="root")
    shelf = FeatureNode("书架", id="shelf", suggestions=(_s("a", "书架分组", "P2", day=3),))
    listen = FeatureNode(
        "听书",
        id="listen",
        suggestions=(
            _s("b", "倍速", "P0", "done", day=1),
            _s("c", "定时 | 关闭", "P0", "accepted", day=5, rationale="睡前听书 | 反馈多"),
        ),
    )
    attach(shelf, root)
    attach(listen, shelf)
    return History(Document(root))


async def test_board_exports_the_rows_it_shows_as_markdown_and_csv(
    host, history, tmp_path: Path, monkeypatch
) -> None:
    monkeypatch.chdir(tmp_path)
    board = SuggestionsBoard(history)
    app = host(board)
    async with app.run_test(size=(120, 30)) as pilot:
        await pilot.press("o")  # open only: b (done) is not shown
        await pilot.press("P")  # by priority: c, then a
        await pilot.press("ctrl+e")
        assert isinstance(app.screen, SuggestionsExportScreen)
        assert app.screen.query_one("#path").value == str(tmp_path / "微信读书-优化建议.md")
        await pilot.press("enter")
        await pilot.pause()
        assert app.screen is board
        await pilot.press("ctrl+e")
        await pilot.press("right")  # CSV
        assert app.screen.query_one("#path").value == str(tmp_path / "微信读书-优化建议.csv")
        await pilot.press("enter")
        await pilot.pause()
    assert (tmp_path / "微信读书-优化建议.md").read_text(encoding="utf-8").splitlines() == [
        "**优化建议汇总**",
        "",
        # Each suggestion's 理由 too (the table export lacked it).
        "| 功能 | 优先级 | 状态 | 建议 | 理由 | 提出人 | 日期 |",
        "| --- | --- | --- | --- | --- | --- | --- |",
        "| 书架 › 听书 | P0 | 已采纳 | 定时 \\| 关闭 | 睡前听书 \\| 反馈多 | 林晓 | 2026-01-05 |",
        "| 书架 | P2 | 待评估 | 书架分组 |  | 林晓 | 2026-01-03 |",
    ]
    data = (tmp_path / "微信读书-优化建议.csv").read_bytes().decode("utf-8-sig")
    assert list(csv.reader(io.StringIO(data))) == [
        ["功能", "优先级", "状态", "建议", "理由", "提出人", "日期"],
        ["书架 › 听书", "P0", "已采纳", "定时 | 关闭", "睡前听书 | 反馈多", "林晓", "2026-01-05"],
        ["书架", "P2", "待评估", "书架分组", "", "林晓", "2026-01-03"],
    ]


async def test_board_export_over_a_file_keeps_a_backup_and_takes_back_the_warning(
    host, history, tmp_path: Path, monkeypatch
) -> None:
    monkeypatch.chdir(tmp_path)
    old = tmp_path / "微信读书-优化建议.md"
    old.write_text("上次的表\n", encoding="utf-8")
    board = SuggestionsBoard(history)
    app = host(board)
    async with app.run_test(size=(120, 30)) as pilot:
        await pilot.press("ctrl+e")
        await pilot.press("enter")
        await pilot.pause()
        error = app.screen.query_one("#error")
        assert "exists" in str(error.render())
        await pilot.press("tab", "end", "backspace", "backspace", *"csv")
        await pilot.pause()
        assert "exists" not in str(error.render())  # another name: nothing to warn about
        await pilot.press("backspace", "backspace", "backspace", *"md")
        await pilot.press("enter")  # warned again, not replaced
        await pilot.pause()
        assert "exists" in str(error.render())
        assert old.read_text(encoding="utf-8") == "上次的表\n"
        await pilot.press("enter")
        await pilot.pause()
        assert app.screen is board
    assert old.read_text(encoding="utf-8").startswith("**优化建议汇总**")
    assert (tmp_path / "微信读书-优化建议.md~").read_text(encoding="utf-8") == "上次的表\n"
