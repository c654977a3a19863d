"""Ctrl+S never writes the document into a file featuretree cannot open again (SVG, PlantUML).

Such a "save" would leave the PM with a picture and no document; Ctrl+E exports it. The
editor says so and asks where to save the document, suggesting the same name as JSON.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from featuretree import formats
from featuretree.samples_catalog import sample_path
from featuretree.tui import FeatureTreeApp
from featuretree.tui.screens.dialogs import SavePathScreen


@pytest.mark.parametrize("name", ["知乎.svg", "知乎.puml"])
async def test_save_as_a_picture_asks_for_a_json_path_instead(tmp_path: Path, name, monkeypatch):
    source = tmp_path / "zhihu.json"
    source.write_bytes(sample_path("zhihu").read_bytes())
    app = FeatureTreeApp(source, recent_files=list)
    seen: list[str] = []
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        editor = app.editor
        original = editor.notify
        monkeypatch.setattr(
            editor,
            "notify",
            lambda message, *a, **k: (seen.append(str(message)), original(message, *a, **k)),
        )
        target = tmp_path / name
        assert editor.persistence.save(target) is False
        await pilot.pause()
        assert not target.exists()
        assert isinstance(app.screen, SavePathScreen)
        assert app.screen.suggestion == str(tmp_path / "知乎.json")
        assert any(name in message and "Ctrl+E" in message for message in seen)
        # Answering with the suggested JSON saves the document there.
        await pilot.press("enter")
        await pilot.pause()
        assert formats.load(tmp_path / "知乎.json").root.title == "知乎 App"
        assert editor.path == tmp_path / "知乎.json"
