"""Ctrl+E never writes over the open document's own file (a new user's trial, twice):
featuretree JSON chosen for a document opened from a ``.json`` offered that very file,
Enter, Enter replaced it, and the editor then took its own export for a change made
outside ("… 在磁盘上被修改了") and Ctrl+S asked whether to reload, which would lose work.
The form offers a copy's name instead, and a name typed onto the open file is refused in
the form, pointing at Ctrl+S."""

from __future__ import annotations

from pathlib import Path

import pytest
from editor_helpers import SIZE
from file_commands import enter_path
from screen_text import screen_text

from featuretree.tui import FeatureTreeApp
from featuretree.tui.screens.export import ExportScreen


def _shown(app: FeatureTreeApp) -> str:
    return "".join(screen_text(app).split())


async def _export_as_featuretree_json(pilot) -> ExportScreen:
    """Ctrl+E, then step the format chooser to featuretree JSON (as the tester did)."""
    await pilot.press("ctrl+e")
    await pilot.pause()
    screen = pilot.app.screen
    assert isinstance(screen, ExportScreen)
    for _ in range(len(screen.choices)):
        if screen.query_one("#format").value == "json":
            break
        await pilot.press("left")
        await pilot.pause()
    return screen


async def test_featuretree_json_is_offered_as_a_copy_not_the_open_file(doc_path: Path):
    before = doc_path.read_bytes()
    app = FeatureTreeApp(doc_path)
    async with app.run_test(size=SIZE) as pilot:
        screen = await _export_as_featuretree_json(pilot)
        offered = Path(screen.query_one("#path").value)
        assert offered == doc_path.parent / "app copy.json"
        await pilot.press("enter")
        await pilot.pause()
        assert not isinstance(app.screen, ExportScreen)
    assert (doc_path.parent / "app copy.json").exists()
    assert doc_path.read_bytes() == before


@pytest.mark.parametrize(
    ("language", "said"),
    [
        ("en", "isthedocumentyouareediting"),
        ("zh", "是正在编辑的文档本身"),
    ],
)
async def test_an_export_typed_onto_the_open_file_is_refused_in_the_form(
    doc_path: Path, monkeypatch: pytest.MonkeyPatch, language: str, said: str
):
    monkeypatch.chdir(doc_path.parent)
    before = doc_path.read_bytes()
    if language == "zh":
        monkeypatch.setenv("LANG", "zh_CN.UTF-8")
    app = FeatureTreeApp(doc_path)
    async with app.run_test(size=SIZE) as pilot:
        await _export_as_featuretree_json(pilot)
        await pilot.press("tab", "ctrl+u")
        await enter_path(pilot, doc_path.name)
        await pilot.press("enter")
        await pilot.pause()
        await pilot.press("enter")  # again: not "replace it" either
        await pilot.pause()
        assert isinstance(app.screen, ExportScreen)
        shown = _shown(app)
        assert said in shown
        assert "Ctrl+S" in shown
        assert app.screen.query_one("#path").value == doc_path.name
    assert doc_path.read_bytes() == before
