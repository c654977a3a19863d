"""Ctrl+E on the suggestions board writes what the typed name says: ``.csv`` is CSV and
``.md`` Markdown whatever the chooser showed, no extension gets the chosen one's, and a
picture's extension is refused in the form (the table is no picture)."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from featuretree.model import Document, FeatureNode, Suggestion
from featuretree.model.annotations import Priority, SuggestionStatus
from featuretree.operations import History
from featuretree.tui.screens.board import SuggestionsBoard
from featuretree.tui.screens.board_export import SuggestionsExportScreen


def _history() -> History:
    suggestion = Suggestion(
        id="a",
        text="书架分组",
        priority=Priority("P1"),
        status=SuggestionStatus("proposed"),
        created=dt.date(2026, 1, 3),
        author="林晓",
    )
    return History(Document(FeatureNode("微信读书", id="root", suggestions=(suggestion,))))


async def _export_as(pilot, app, typed: str) -> None:
    await pilot.press("ctrl+e")
    await pilot.pause()
    assert isinstance(app.screen, SuggestionsExportScreen)
    await pilot.press("tab", "ctrl+u", *typed)
    await pilot.pause()


async def test_the_typed_extension_picks_the_tables_format(host, tmp_path: Path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    board = SuggestionsBoard(_history())
    app = host(board)
    async with app.run_test(size=(120, 30)) as pilot:
        await _export_as(pilot, app, "建议 表.csv")
        assert "◀ CSV (Excel)" in str(app.screen.query_one("#format").render())
        await pilot.press("enter")
        await pilot.pause()
        assert app.screen is board
        await _export_as(pilot, app, "建议 表 v2")  # Markdown chosen, no extension
        await pilot.press("enter")
        await pilot.pause()
        assert app.screen is board
        await _export_as(pilot, app, "建议 图.svg")
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, SuggestionsExportScreen)  # open, the name kept
        assert app.screen.query_one("#path").value == "建议 图.svg"
        error = " ".join(str(app.screen.query_one("#error").render()).split())
        assert "exported as Markdown (.md) or CSV (.csv), not .svg" in error
    assert (tmp_path / "建议 表.csv").read_bytes().decode("utf-8-sig").startswith("功能,")
    assert (tmp_path / "建议 表 v2.md").read_text(encoding="utf-8").startswith("**")
    assert not (tmp_path / "建议 图.svg").exists()


async def test_stepping_the_chooser_changes_a_typed_extension(host, tmp_path: Path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    board = SuggestionsBoard(_history())
    app = host(board)
    async with app.run_test(size=(120, 30)) as pilot:
        await _export_as(pilot, app, "建议 表.md")
        await pilot.press("shift+tab", "right")  # Markdown table → CSV
        await pilot.pause()
        assert app.screen.query_one("#path").value == "建议 表.csv"
        await pilot.press("enter")
        await pilot.pause()
        assert app.screen is board
    assert (tmp_path / "建议 表.csv").read_bytes().decode("utf-8-sig").startswith("功能,")
