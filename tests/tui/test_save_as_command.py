"""Save as… from the command palette (issue 17, "Also expected"): any format featuretree
writes, chosen by the extension typed; the loss list when the format loses something.

A format that keeps everything moves the document there (Ctrl+S saves there after). A
lossy one is written as a copy: the PM who sends a colleague a ``.mmd`` keeps working in
the ``.json``, and Ctrl+S never silently goes on to strip the ``.mmd``.
"""

from __future__ import annotations

import json
from pathlib import Path

from editor_helpers import SIZE, editor, small_document
from file_commands import from_palette, type_path
from screen_text import screen_text
from textual.widgets import Input

from featuretree import formats
from featuretree.tui import FeatureTreeApp
from featuretree.tui.screens.dialogs import SavePathScreen
from featuretree.tui.screens.questions import ChoiceDialog


def _with_notes(tmp_path: Path) -> Path:
    doc = small_document()
    doc.node("home").notes = "首页说明：推荐流与搜索入口"
    path = tmp_path / "app.json"
    formats.save(doc, path)
    return path


def _flat(app: FeatureTreeApp) -> str:
    return " ".join(screen_text(app).split())


async def test_save_as_json_moves_the_document_and_ctrl_s_saves_there(tmp_path: Path, notes):
    source = _with_notes(tmp_path)
    before = source.read_bytes()
    app = FeatureTreeApp(source)
    async with app.run_test(size=SIZE) as pilot:
        seen = notes(app)
        await pilot.press("down", "e", "ctrl+u", *"主页", "enter")
        await from_palette(pilot, "Save as")
        assert isinstance(app.screen, SavePathScreen)
        assert "Save as (the extension chooses the format" in _flat(app)
        # offers the document's own file to start from
        assert app.screen.query_one(Input).value == str(source)
        target = tmp_path / "v2.json"
        await type_path(pilot, target)
        assert "v2.json" in _flat(app)  # the title bar names the new file
        assert f"Saved {target}" in seen
        await pilot.press("e", "ctrl+u", *"首页", "enter", "ctrl+s")
        await pilot.pause()
    assert formats.load(target).node("home").title == "首页"
    assert source.read_bytes() == before  # the old file is left as it was


async def test_save_as_a_lossy_format_lists_the_losses_and_writes_a_copy(tmp_path: Path, notes):
    source = _with_notes(tmp_path)
    app = FeatureTreeApp(source)
    async with app.run_test(size=SIZE) as pilot:
        seen = notes(app)
        await pilot.press("down", "e", "ctrl+u", *"主页", "enter")
        await from_palette(pilot, "Save as")
        copy = tmp_path / "给设计.mmd"
        await type_path(pilot, copy)
        assert isinstance(app.screen, ChoiceDialog)
        shown = _flat(app)
        assert "Mermaid" in shown and "notes of 1 node" in shown
        await pilot.press("w")  # write the format anyway
        await pilot.pause()
        assert copy.exists() and "主页" in copy.read_text(encoding="utf-8")
        toast = next(text for text in seen if text.startswith("Wrote a copy"))
        assert str(copy) in toast and "app.json" in toast and "notes of 1 node" in toast
        screen = editor(app)
        assert screen.path == source  # still the document's file
        assert screen.history.dirty  # the edit is not in app.json yet
        assert "app.json ●" in _flat(app)
        copied = copy.read_bytes()
        await pilot.press("ctrl+s")  # saves app.json, asks nothing, leaves the copy alone
        await pilot.pause()
        assert not isinstance(app.screen, ChoiceDialog)
    data = json.loads(source.read_text(encoding="utf-8"))
    assert "主页" in json.dumps(data, ensure_ascii=False)
    assert copy.read_bytes() == copied


async def test_cancelling_the_loss_question_writes_nothing(tmp_path: Path):
    source = _with_notes(tmp_path)
    app = FeatureTreeApp(source)
    async with app.run_test(size=SIZE) as pilot:
        await from_palette(pilot, "Save as")
        await type_path(pilot, tmp_path / "out.mmd")
        await pilot.press("escape")
        await pilot.pause()
        assert editor(app).path == source
    assert not (tmp_path / "out.mmd").exists()


async def test_save_as_of_a_new_document_in_a_lossy_format_keeps_it_unsaved(tmp_path: Path, notes):
    app = FeatureTreeApp(sample="zhihu")
    async with app.run_test(size=SIZE) as pilot:
        seen = notes(app)
        await from_palette(pilot, "Save as")
        target = tmp_path / "知乎.mmd"
        await type_path(pilot, target)
        await pilot.press("w")
        await pilot.pause()
        assert target.exists()
        assert any("still not saved" in text for text in seen)
        assert editor(app).path is None
        await pilot.press("ctrl+s")  # asks where: the copy is not the document's file
        await pilot.pause()
        assert isinstance(app.screen, SavePathScreen)
