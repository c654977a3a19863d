"""Two editors on one file (two browser tabs under ``featuretree serve``, or two
terminals): the second is told about the first's unsaved edits (the recovery prompt's
"featuretree (process N) may still have it open"), and saving one after the other loses
nothing: the second to save is asked (issue 16). No new code: the autosave and
external-change machinery (storage/, tui/screens/editor/saving.py) already does it; this holds it.

Headless here; ``test_browser_chromium.py`` does the same with two real browser pages.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from featuretree import formats
from featuretree.formats.json_format import write_json
from featuretree.i18n import set_language
from featuretree.model.document import Document
from featuretree.model.node import FeatureNode
from featuretree.model.tree import attach
from featuretree.operations import structure
from featuretree.storage import recovery
from featuretree.storage.recovery import RecoveryStore
from featuretree.tui import FeatureTreeApp
from featuretree.tui.screens.questions import ChoiceDialog, RecoveryDialog

SIZE = (100, 30)


@pytest.fixture(autouse=True)
def _english(monkeypatch: pytest.MonkeyPatch):
    for name in ("LC_ALL", "LC_MESSAGES", "LANG"):
        monkeypatch.delenv(name, raising=False)
    yield
    set_language("en")


@pytest.fixture
def doc_path(tmp_path: Path) -> Path:
    root = FeatureNode("知乎 App", id="root")
    attach(FeatureNode("首页", id="home"), root)
    path = tmp_path / "知乎.json"
    formats.save(Document(root), path)
    return path


def _notes(app, monkeypatch) -> list[str]:
    seen: list[str] = []
    original = app.notify

    def notify(message, *args, **kwargs):
        seen.append(str(message))
        return original(message, *args, **kwargs)

    monkeypatch.setattr(app, "notify", notify)
    return seen


def _keep_unsaved(path: Path, pid: int, monkeypatch: pytest.MonkeyPatch) -> Path:
    """What another editor's autosave leaves: the file plus a node 甲, kept by ``pid``."""
    doc = formats.load(path)
    attach(FeatureNode("甲", id="a"), doc.root)
    with monkeypatch.context() as patch:
        patch.setattr(recovery.os, "getpid", lambda: pid)
        info = RecoveryStore().write(write_json(doc), path)
    assert info is not None
    return info.file


async def test_opening_a_file_another_running_editor_has_unsaved_edits_to_says_so(
    doc_path: Path, monkeypatch
) -> None:
    other = subprocess.Popen([sys.executable, "-c", "import time; time.sleep(60)"])
    try:
        _keep_unsaved(doc_path, other.pid, monkeypatch)
        app = FeatureTreeApp(str(doc_path))
        async with app.run_test(size=SIZE) as pilot:
            await pilot.pause()
            assert isinstance(app.screen, RecoveryDialog)
            message = str(app.screen.query_one("#dialog-message").render())
            assert "Unsaved changes to 知乎.json were kept" in message
            assert f"featuretree (process {other.pid}) may still have it open." in message
    finally:
        other.kill()
        other.wait()


async def test_edits_of_an_editor_that_is_gone_are_offered_without_that_note(
    doc_path: Path, monkeypatch
) -> None:
    gone = subprocess.Popen([sys.executable, "-c", "pass"])
    gone.wait()
    _keep_unsaved(doc_path, gone.pid, monkeypatch)
    app = FeatureTreeApp(str(doc_path))
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert isinstance(app.screen, RecoveryDialog)
        assert "may still have it open" not in str(app.screen.query_one("#dialog-message").render())


async def test_two_editors_saving_one_after_the_other_lose_nothing(
    doc_path: Path, tmp_path: Path
) -> None:
    first, second = FeatureTreeApp(str(doc_path)), FeatureTreeApp(str(doc_path))
    async with first.run_test(size=SIZE) as one, second.run_test(size=SIZE) as two:
        await one.pause()
        await two.pause()
        first.editor.run_command(structure.add_child, "root", "甲")
        second.editor.run_command(structure.add_child, "root", "乙")
        await one.press("ctrl+s")
        await one.pause()
        assert not first.editor.history.dirty
        assert [n.title for n in formats.load(doc_path).root.kids] == ["首页", "甲"]
        await two.press("ctrl+s")
        await two.pause()
        assert isinstance(second.screen, ChoiceDialog)  # the second is asked...
        assert [n.title for n in formats.load(doc_path).root.kids] == ["首页", "甲"]  # ...first
        await two.press("escape")
        await two.pause()
        assert second.editor.history.dirty  # still there to save elsewhere
    assert [n.title for n in formats.load(doc_path).root.kids] == ["首页", "甲"]
    assert os.path.exists(doc_path)
