"""Reload from disk (palette; issue 17, "Also expected"): at once when unmodified,
after a question when there are unsaved changes (reload loses them / cancel)."""

from __future__ import annotations

from pathlib import Path

from editor_helpers import SIZE, editor, small_document
from file_commands import from_palette
from screen_text import screen_text

from featuretree import formats
from featuretree.tui import FeatureTreeApp
from featuretree.tui.screens.questions import ChoiceDialog


def _flat(app: FeatureTreeApp) -> str:
    return " ".join(screen_text(app).split())


def _rewrite(path: Path, title: str) -> None:
    doc = small_document()
    doc.node("msg").title = title
    formats.save(doc, path, backup=False)


async def test_reload_of_an_unmodified_document_shows_the_file_now(doc_path: Path, notes):
    app = FeatureTreeApp(doc_path)
    async with app.run_test(size=SIZE) as pilot:
        seen = notes(app)
        _rewrite(doc_path, "通知中心")
        await from_palette(pilot, "Reload from disk")
        await pilot.pause(0.3)
        assert "通知中心" in _flat(app)
        assert "Reloaded app.json from disk" in seen


async def test_reload_with_unsaved_changes_asks_and_cancel_keeps_them(doc_path: Path):
    app = FeatureTreeApp(doc_path)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("down", "e", "ctrl+u", *"主页", "enter")
        _rewrite(doc_path, "通知中心")
        await from_palette(pilot, "Reload from disk")
        assert isinstance(app.screen, ChoiceDialog)
        assert "unsaved changes will be lost" in _flat(app)
        await pilot.press("enter")  # the default: cancel
        await pilot.pause()
        assert "主页" in _flat(app) and "通知中心" not in _flat(app)
        assert editor(app).history.dirty


async def test_reload_with_unsaved_changes_r_drops_them(doc_path: Path):
    app = FeatureTreeApp(doc_path)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("down", "e", "ctrl+u", *"主页", "enter")
        _rewrite(doc_path, "通知中心")
        await from_palette(pilot, "Reload from disk")
        await pilot.press("r")
        await pilot.pause(0.3)
        shown = _flat(app)
        assert "通知中心" in shown and "主页" not in shown
        assert not editor(app).history.dirty
        assert editor(app).tree.cursor_node.title == "首页"  # the cursor kept its place


async def test_reload_of_a_document_never_saved_says_there_is_no_file(notes):
    app = FeatureTreeApp(sample="zhihu")
    async with app.run_test(size=SIZE) as pilot:
        seen = notes(app)
        await from_palette(pilot, "Reload from disk")
        assert any("never been saved" in text for text in seen)


async def test_a_title_being_typed_is_not_thrown_away_by_a_reload(doc_path: Path):
    app = FeatureTreeApp(doc_path)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("down", "e", "ctrl+u", *"主页")
        _rewrite(doc_path, "通知中心")
        await from_palette(pilot, "Reload from disk")
        await pilot.press("enter")  # the title typed is kept and confirmed
        await pilot.pause()
        assert editor(app).doc.node("home").title == "主页"
        assert "通知中心" not in _flat(app)
