"""Ctrl+E exports: a file in a terminal, a browser download when served (issue 16).

Both export forms go through ``tui/screens/delivery.py``'s ``deliver_export``; these
tests run the editor headless and make it believe it is served (``App.is_web``), so they
need no browser (the real-browser check is ``test_browser_chromium.py``).
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from textual.app import App

from featuretree import formats
from featuretree.i18n import set_language
from featuretree.samples_catalog import sample_path
from featuretree.tui import FeatureTreeApp
from featuretree.tui.screens.board import SuggestionsBoard


@pytest.fixture(autouse=True)
def _english(monkeypatch: pytest.MonkeyPatch):
    for name in ("LC_ALL", "LC_MESSAGES", "LANG"):
        monkeypatch.delenv(name, raising=False)
    yield
    set_language("en")


@pytest.fixture
def zhihu(tmp_path: Path) -> Path:
    path = tmp_path / "知乎.json"
    shutil.copyfile(sample_path("zhihu"), path)
    return path


@pytest.fixture
def served(monkeypatch: pytest.MonkeyPatch) -> list[tuple[bytes, str | None]]:
    """Make the app believe it runs under textual-serve; collect what it delivers."""
    delivered: list[tuple[bytes, str | None]] = []

    def deliver_binary(self, path_or_file, *, save_filename=None, **kwargs):
        delivered.append((path_or_file.read(), save_filename))
        return "key"

    monkeypatch.setattr(App, "is_web", property(lambda self: True))
    monkeypatch.setattr(App, "deliver_binary", deliver_binary)
    return delivered


def _notes(app: App, monkeypatch: pytest.MonkeyPatch) -> list[str]:
    seen: list[str] = []
    original = app.notify

    def notify(message, *args, **kwargs):
        seen.append(str(message))
        return original(message, *args, **kwargs)

    monkeypatch.setattr(app, "notify", notify)
    return seen


async def test_in_a_terminal_the_export_is_a_file(zhihu: Path, monkeypatch) -> None:
    app = FeatureTreeApp(str(zhihu))
    notes = _notes(app, monkeypatch)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        await pilot.press("ctrl+e")
        await pilot.pause()
        await pilot.press("enter")
        await pilot.pause()
        doc = app.editor.doc
    written = zhihu.with_name("知乎.md")
    assert written.read_bytes() == formats.dumps(doc, "md")
    assert f"Exported to {written} as Markdown" in notes


async def test_served_the_export_is_a_download_and_nothing_is_written(
    zhihu: Path, served, monkeypatch
) -> None:
    existing = zhihu.with_name("知乎.md")
    existing.write_text("mine", encoding="utf-8")  # a download never asks to replace it
    app = FeatureTreeApp(str(zhihu))
    notes = _notes(app, monkeypatch)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        await pilot.press("ctrl+e")
        await pilot.pause()
        await pilot.press("enter")
        await pilot.pause()
        doc = app.editor.doc
        assert app.screen is app.editor  # the form closed at the first Enter
    assert served == [(formats.dumps(doc, "md"), "知乎.md")]
    assert existing.read_text(encoding="utf-8") == "mine"
    assert sorted(p.name for p in zhihu.parent.iterdir()) == ["知乎.json", "知乎.md"]
    assert "Exported to 知乎.md as Markdown" in notes


async def test_served_the_suggestions_table_is_a_download_too(
    zhihu: Path, served, monkeypatch
) -> None:
    app = FeatureTreeApp(str(zhihu))
    async with app.run_test(size=(120, 30)) as pilot:
        await pilot.pause()
        await pilot.press("b")  # the suggestions board
        await pilot.pause()
        assert isinstance(app.screen, SuggestionsBoard)
        await pilot.press("ctrl+e")
        await pilot.pause()
        await pilot.press("right", "enter")  # CSV
        await pilot.pause()
        assert isinstance(app.screen, SuggestionsBoard)
    ((data, name),) = served
    assert name == "知乎-优化建议.csv"  # named in the document's language, as in a terminal
    assert "知乎直答".encode() in data
    assert [p.name for p in zhihu.parent.iterdir()] == ["知乎.json"]
