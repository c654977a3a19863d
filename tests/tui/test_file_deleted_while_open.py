"""The file is deleted (or moved away) while it is open with unsaved edits: Ctrl+S writes it
back, as the notice says, and nothing "reloads" an empty document in its place."""

from __future__ import annotations

from pathlib import Path

from editor_helpers import SIZE, editor, put_cursor
from file_commands import from_palette

from featuretree import formats
from featuretree.tui import FeatureTreeApp
from featuretree.tui.screens.questions import ChoiceDialog


async def test_ctrl_s_writes_a_deleted_file_back(doc_path: Path) -> None:
    app = FeatureTreeApp(doc_path)
    async with app.run_test(size=SIZE) as pilot:
        put_cursor(app, "msg")
        await pilot.press("e", "ctrl+u", *"消息 中心", "enter")
        doc_path.unlink()  # a git checkout, a sync, the file moved away
        await pilot.press("ctrl+s")
        await pilot.pause(0.3)
        assert not isinstance(app.screen, ChoiceDialog)  # asked "changed on disk: reload?"
        assert formats.load(doc_path).node("msg").title == "消息 中心"
        assert not editor(app).history.dirty


async def test_reload_of_a_deleted_file_keeps_the_document(doc_path: Path, notes) -> None:
    app = FeatureTreeApp(doc_path)
    async with app.run_test(size=SIZE) as pilot:
        seen = notes(app)
        put_cursor(app, "msg")
        await pilot.press("e", "ctrl+u", *"消息 中心", "enter")
        doc_path.unlink()
        await from_palette(pilot, "Reload from disk")
        await pilot.pause(0.2)
        if isinstance(app.screen, ChoiceDialog):  # "reload loses your edits?": yes
            await pilot.press("r")
            await pilot.pause(0.3)
        doc = editor(app).doc
        assert doc.node("msg").title == "消息 中心" and len(doc) == 6  # not an empty new one
        assert editor(app).history.dirty
        assert any("app.json is no longer on disk" in text for text in seen)
