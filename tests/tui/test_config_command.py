"""Open the config file (palette; issue 17, "Also expected"): made with the defaults when
missing, opened in $VISUAL / $EDITOR while the app is suspended, its theme and keys
applied when the editor returns (the language after a restart, said so); with no editor
set, a notification says where the file is."""

from __future__ import annotations

import contextlib
import shlex
import sys
from pathlib import Path

import pytest
from editor_helpers import SIZE, editor
from file_commands import from_palette

from featuretree.config import DEFAULT_CONFIG
from featuretree.tui import FeatureTreeApp

EDITING = """\
import sys
from pathlib import Path
path = Path(sys.argv[1])
path.write_text(
    path.read_text(encoding="utf-8").replace('# theme = "textual-dark"', 'theme = "nord"')
    .replace('language = "auto"', 'language = "zh"')
    + '"editor.undo" = "f9"\\n',
    encoding="utf-8",
)
"""


@pytest.fixture
def config(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A config file not there yet, in a folder whose name looks like markup."""
    path = tmp_path / "[b]配置" / "config.toml"
    monkeypatch.setenv("FEATURETREE_CONFIG", str(path))
    monkeypatch.delenv("VISUAL", raising=False)
    monkeypatch.delenv("EDITOR", raising=False)
    return path


async def test_without_an_editor_it_is_created_and_its_place_said_literally(
    config: Path, doc_path: Path, notes
):
    app = FeatureTreeApp(doc_path)
    async with app.run_test(size=SIZE) as pilot:
        seen = notes(app)
        await from_palette(pilot, "Open the config file")
        assert config.read_text(encoding="utf-8") == DEFAULT_CONFIG
        said = next(text for text in seen if "VISUAL" in text)
        assert str(config) in said
        assert app.screen is editor(app)


async def test_an_existing_config_is_not_rewritten(config: Path, doc_path: Path):
    config.parent.mkdir(parents=True)
    config.write_text('author = "林晓"\n', encoding="utf-8")
    app = FeatureTreeApp(doc_path)
    async with app.run_test(size=SIZE) as pilot:
        await from_palette(pilot, "Open the config file")
    assert config.read_text(encoding="utf-8") == 'author = "林晓"\n'


async def test_edited_in_editor_then_theme_and_keys_apply_and_language_waits(
    config: Path, doc_path: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, notes
):
    script = tmp_path / "edit.py"
    script.write_text(EDITING, encoding="utf-8")
    monkeypatch.setenv("VISUAL", f"{shlex.quote(sys.executable)} {shlex.quote(str(script))}")
    # Pilot's headless driver cannot hand the terminal over: the editor runs as it is.
    monkeypatch.setattr(FeatureTreeApp, "suspend", lambda self: contextlib.nullcontext())
    app = FeatureTreeApp(doc_path)
    async with app.run_test(size=SIZE) as pilot:
        seen = notes(app)
        assert app.theme != "nord"
        await from_palette(pilot, "Open the config file")
        assert 'theme = "nord"' in config.read_text(encoding="utf-8")
        assert app.theme == "nord"
        assert any("starts again" in text for text in seen)  # the language: after a restart
        await pilot.press("down", "e", "ctrl+u", *"主页", "enter")
        await pilot.press("f9")  # undo, moved by the new keymap
        await pilot.pause()
        assert editor(app).doc.node("home").title == "首页"
