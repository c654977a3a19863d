"""The app around the editor: start screen, samples, command palette, new documents."""

from __future__ import annotations

from pathlib import Path

from editor_helpers import SIZE, editor, small_document
from textual.widgets import OptionList

from featuretree import formats
from featuretree.samples_catalog import all_samples
from featuretree.tui import FeatureTreeApp
from featuretree.tui.bindings import ALL_BINDINGS, spelled_out
from featuretree.tui.screens.dialogs import SavePathScreen
from featuretree.tui.screens.start import StartScreen


async def test_no_file_shows_the_start_screen_with_recent_files_and_new(tmp_path: Path):
    recent = tmp_path / "old.json"
    recent.write_text("{}", encoding="utf-8")
    app = FeatureTreeApp(recent_files=lambda: [recent])
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert isinstance(app.screen, StartScreen)
        options = app.screen.query_one(OptionList)
        labels = [str(options.get_option_at_index(i).prompt) for i in range(options.option_count)]
        assert any("New document" in label for label in labels)
        assert any(str(recent) in label for label in labels)
        assert sum("Sample" in label for label in labels) == len([s.name for s in all_samples()])
        await pilot.press("n")
        assert editor(app).doc.root.kids == []


async def test_a_sample_opens_and_saving_it_asks_for_a_path(tmp_path: Path):
    if not [s.name for s in all_samples()]:
        return
    app = FeatureTreeApp(sample=next(s.name for s in all_samples()))
    async with app.run_test(size=SIZE) as pilot:
        screen = editor(app)
        assert len(screen.doc) > 10
        await pilot.press("ctrl+s")
        assert isinstance(app.screen, SavePathScreen)
        target = tmp_path / "mine"
        app.screen.query_one("#save-path").value = str(target)
        await pilot.press("enter")
        assert (tmp_path / "mine.json").exists()
        assert screen.path == tmp_path / "mine.json"


async def test_command_palette_offers_every_bound_action(doc_path: Path):
    app = FeatureTreeApp(doc_path)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        titles = {command.title for command in app.get_system_commands(app.screen)}
        wanted = {
            spelled_out(b.id)
            for b in ALL_BINDINGS
            if b.id != "app.quit" and not b.id.startswith("search.")
        }
        wanted |= {"Revision history (版本修订记录)", "Document info"}
        assert wanted <= titles


async def test_palette_command_runs_the_action(doc_path: Path):
    app = FeatureTreeApp(doc_path)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        screen = editor(app)
        command = next(c for c in app.get_system_commands(app.screen) if c.title == "Last node")
        command.callback()
        await pilot.pause()
        assert screen.tree.cursor == len(screen.tree.outline) - 1


async def test_saving_to_an_unwritable_extension_asks_for_a_path(tmp_path: Path):
    app = FeatureTreeApp(tmp_path / "plan.unknownext")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("ctrl+s")
        assert isinstance(app.screen, SavePathScreen)
        assert app.screen.query_one("#save-path").value.endswith("plan.json")
        await pilot.press("enter")
        assert (tmp_path / "plan.json").exists()


async def test_a_document_saved_with_save_as_is_in_the_start_screens_recent_files(tmp_path: Path):
    """Issue 11 #8: Save as… never reached Recent files (only opening a file did)."""
    app = FeatureTreeApp()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("n")
        await pilot.press("ctrl+s")
        assert isinstance(app.screen, SavePathScreen)
        app.screen.query_one("#save-path").value = str(tmp_path / "微信读书")
        await pilot.press("enter")
        await pilot.pause()
        assert editor(app).path == tmp_path / "微信读书.json"
    # The start screen of the next run lists it (the default hook reads the stored list).
    app = FeatureTreeApp()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        options = app.screen.query_one(OptionList)
        labels = [str(options.get_option_at_index(i).prompt) for i in range(options.option_count)]
        assert any(str(tmp_path / "微信读书.json") in label for label in labels)


async def test_palette_screenshot_without_downloads_goes_beside_the_document(
    tmp_path: Path, monkeypatch, notes
):
    """Issue 11 #10: no ~/Downloads → Textual's screenshot failed; its toast was raw markup."""
    home = tmp_path / "home"
    home.mkdir()
    monkeypatch.setenv("HOME", str(home))
    monkeypatch.setenv("XDG_CONFIG_HOME", str(home / ".config"))
    monkeypatch.delenv("XDG_DOWNLOAD_DIR", raising=False)
    elsewhere = tmp_path / "cwd"
    elsewhere.mkdir()
    monkeypatch.chdir(elsewhere)
    folder = tmp_path / "文档"
    folder.mkdir()
    path = folder / "app.json"
    formats.save(small_document(), path)
    app = FeatureTreeApp(path)
    async with app.run_test(size=SIZE) as pilot:
        seen = notes(app)
        await pilot.pause()
        await pilot.press("ctrl+p")
        await pilot.press(*"Screenshot")
        await pilot.pause(0.3)
        await pilot.press("enter")
        await pilot.pause(0.5)
        shots = list(folder.glob("*.svg"))
        assert len(shots) == 1, seen
        assert not (home / "Downloads").exists()  # nothing surprising created
        assert list(elsewhere.iterdir()) == []
        assert seen[-1] == f"Saved the screenshot to {shots[0]}"
        assert "<svg" in shots[0].read_text(encoding="utf-8")
