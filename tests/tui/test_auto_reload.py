"""A file changed on disk while the editor is open (issue 17, "Also expected").

Unmodified: it reloads by itself ("Reloaded X: it changed on disk"). Modified: the user is
told once, and Ctrl+S asks before writing over it. The editor's own saves never count, a
touched file (same bytes) is no change, and the timer does nothing but a stat: the
content is compared only when the stat moved, and never on the UI thread.
"""

from __future__ import annotations

import os
import threading
from pathlib import Path

import pytest
from editor_helpers import SIZE, editor, small_document
from screen_text import screen_text

from featuretree import formats
from featuretree.storage import fingerprint
from featuretree.tui import FeatureTreeApp
from featuretree.tui.screens.editor import watch
from featuretree.tui.screens.questions import ChoiceDialog

INTERVAL = 0.05


@pytest.fixture(autouse=True)
def _quick_watch(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("FEATURETREE_WATCH_INTERVAL", str(INTERVAL))


@pytest.fixture
def compares(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The threads the file's content was compared on, one entry per comparison."""
    threads: list[str] = []

    def counted(print_: fingerprint.Fingerprint) -> bool:
        threads.append(threading.current_thread().name)
        return fingerprint.changed_since(print_)

    monkeypatch.setattr(watch, "changed_since", counted)
    return threads


def _flat(app: FeatureTreeApp) -> str:
    return " ".join(screen_text(app).split())


def _rewrite(path: Path, title: str) -> None:
    """Another program writes the file: 消息 gets another title."""
    doc = small_document()
    doc.node("msg").title = title
    formats.save(doc, path, backup=False)


async def _wait(pilot, intervals: int = 8) -> None:
    for _ in range(intervals):
        await pilot.pause(INTERVAL)


async def test_an_unmodified_document_reloads_when_its_file_changes(doc_path: Path, notes):
    app = FeatureTreeApp(doc_path)
    async with app.run_test(size=SIZE) as pilot:
        seen = notes(app)
        await pilot.press("down", "down")
        _rewrite(doc_path, "通知中心")
        await _wait(pilot)
        assert "通知中心" in _flat(app)
        assert "Reloaded app.json: it changed on disk" in seen
        assert editor(app).tree.cursor_node.title == "搜索"  # the cursor stayed
        assert not editor(app).history.dirty


async def test_a_modified_document_is_kept_and_the_change_said_once(doc_path: Path, notes):
    app = FeatureTreeApp(doc_path)
    async with app.run_test(size=SIZE) as pilot:
        seen = notes(app)
        await pilot.press("down", "e", "ctrl+u", *"主页", "enter")
        _rewrite(doc_path, "通知中心")
        await _wait(pilot)
        _rewrite(doc_path, "通知")
        await _wait(pilot)
        shown = _flat(app)
        assert "主页" in shown and "通知" not in shown
        said = [text for text in seen if "changed on disk" in text]
        assert len(said) == 1 and "Ctrl+S will ask" in said[0]
        assert "can merge both versions" in said[0]  # a featuretree JSON file
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert isinstance(app.screen, ChoiceDialog)  # merge / overwrite / save as / reload / cancel
        # (the message wraps where the temporary folder's length puts it: read it whole)
        assert "has changed on disk" in app.screen.message.plain
        assert "Overwrite it (o)" in _flat(app)


async def test_undone_back_to_the_saved_state_it_reloads_then(doc_path: Path):
    app = FeatureTreeApp(doc_path)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("down", "e", "ctrl+u", *"主页", "enter")
        _rewrite(doc_path, "通知中心")
        await _wait(pilot)
        assert "通知中心" not in _flat(app)
        await pilot.press("ctrl+z")
        await _wait(pilot)
        assert "通知中心" in _flat(app)


async def test_its_own_saves_do_not_reload(doc_path: Path, notes, compares: list[str]):
    app = FeatureTreeApp(doc_path)
    async with app.run_test(size=SIZE) as pilot:
        seen = notes(app)
        first = editor(app)
        for title in ("主页", "首页 2", "首页 3"):
            await pilot.press("down", "e", "ctrl+u", *title, "enter", "ctrl+s")
            await _wait(pilot, 3)
        await _wait(pilot)
        assert editor(app) is first
        assert not any("Reloaded" in text for text in seen)
        assert compares == []  # nothing but a stat while the file is the one it wrote


async def test_a_touched_file_is_compared_once_off_the_ui_thread_and_not_reloaded(
    doc_path: Path, compares: list[str]
):
    app = FeatureTreeApp(doc_path)
    async with app.run_test(size=SIZE) as pilot:
        first = editor(app)
        await _wait(pilot)
        assert compares == []  # the timer only stats an unchanged file
        stat = doc_path.stat()
        os.utime(doc_path, ns=(stat.st_atime_ns, stat.st_mtime_ns + 5_000_000_000))
        await _wait(pilot)
        assert editor(app) is first
        assert len(compares) == 1  # once for that change, not on every tick after it
        assert compares[0] != threading.main_thread().name


async def test_a_form_being_filled_in_is_not_pulled_away(doc_path: Path):
    app = FeatureTreeApp(doc_path)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("down", "c")
        await pilot.pause()
        form = app.screen
        await pilot.press(*"改版")
        _rewrite(doc_path, "通知中心")
        await _wait(pilot)
        assert app.screen is form  # the typing is still there
        await pilot.press("escape", "d")  # close it, discarding what was typed
        await _wait(pilot)
        assert "通知中心" in _flat(app)
