"""Ctrl+S while a title is typed (outline or diagram): the title is kept, as Enter keeps
it, and the document saved. It did nothing and said nothing: the title editor took the
key, so a user who saved and closed the terminal lost the title."""

from __future__ import annotations

from pathlib import Path

from editor_helpers import SIZE, editor, titles

from featuretree import formats
from featuretree.tui import FeatureTreeApp


async def test_ctrl_s_while_a_new_title_is_typed_keeps_it_and_saves(doc_path: Path):
    app = FeatureTreeApp(doc_path)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("tab", *"新功能 A", "ctrl+s")
        await pilot.pause(0.3)
        screen = editor(app)
        assert titles(screen)[-1] == "新功能 A"
        assert not screen.history.dirty
    assert [kid.title for kid in formats.load(doc_path).root.kids][-1] == "新功能 A"


async def test_ctrl_s_while_renaming_in_the_diagram_keeps_it_and_saves(doc_path: Path):
    app = FeatureTreeApp(doc_path)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("down", "v", "e", *"主页 二", "ctrl+s")
        await pilot.pause(0.3)
        assert not editor(app).history.dirty
    assert formats.load(doc_path).node("home").title == "主页 二"
