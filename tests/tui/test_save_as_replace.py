"""Saving onto another existing file asks first; the document's own file never does."""

from __future__ import annotations

from pathlib import Path

import pytest
from editor_helpers import SIZE, editor, small_document

from featuretree import formats
from featuretree.samples_catalog import all_samples
from featuretree.tui import FeatureTreeApp
from featuretree.tui.screens.dialogs import SavePathScreen
from featuretree.tui.screens.questions import ChoiceDialog


async def _save_sample_as(app: FeatureTreeApp, pilot, target: Path) -> None:
    await pilot.press("ctrl+s")
    assert isinstance(app.screen, SavePathScreen)
    app.screen.query_one("#save-path").value = str(target)
    await pilot.press("enter")


def _sample() -> str:
    return all_samples()[0].name


@pytest.fixture
def theirs(tmp_path: Path) -> Path:
    """Another document's file, already saved."""
    target = tmp_path / "theirs.json"
    formats.save(small_document(), target)
    return target


async def test_saving_a_new_document_onto_an_existing_file_asks_and_cancel_keeps_it(theirs: Path):
    target = theirs
    before = target.read_bytes()
    app = FeatureTreeApp(sample=_sample())
    async with app.run_test(size=SIZE) as pilot:
        await _save_sample_as(app, pilot, target)
        assert isinstance(app.screen, ChoiceDialog)
        await pilot.press("escape")
        assert target.read_bytes() == before
        screen = editor(app)
        assert screen.path is None
        assert not target.with_name("theirs.json~").exists()


async def test_enter_on_the_question_does_not_replace(theirs: Path):
    target = theirs
    before = target.read_bytes()
    app = FeatureTreeApp(sample=_sample())
    async with app.run_test(size=SIZE) as pilot:
        await _save_sample_as(app, pilot, target)
        await pilot.press("enter")  # the focused default is Cancel
        assert target.read_bytes() == before


async def test_replace_writes_the_document_and_keeps_a_backup(theirs: Path):
    target = theirs
    before = target.read_bytes()
    app = FeatureTreeApp(sample=_sample())
    async with app.run_test(size=SIZE) as pilot:
        await _save_sample_as(app, pilot, target)
        await pilot.press("r")
        screen = editor(app)
        assert screen.path == target
        assert not screen.history.dirty
        assert len(formats.load(target)) == len(screen.doc)
        assert target.with_name("theirs.json~").read_bytes() == before


async def test_saving_to_a_path_that_does_not_exist_does_not_ask(tmp_path: Path):
    app = FeatureTreeApp(sample=_sample())
    async with app.run_test(size=SIZE) as pilot:
        await _save_sample_as(app, pilot, tmp_path / "new.json")
        assert not isinstance(app.screen, ChoiceDialog)
        assert (tmp_path / "new.json").exists()


async def test_saving_the_document_to_its_own_file_does_not_ask(doc_path: Path):
    app = FeatureTreeApp(doc_path)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("tab", *"Zeta", "enter", "ctrl+s")
        assert not isinstance(app.screen, ChoiceDialog)
        assert "Zeta" in [n.title for n in formats.load(doc_path).iter_nodes()]
