"""Opening a document with kept edits: restore (Enter), show the difference, discard."""

from __future__ import annotations

import os
import subprocess
import sys
import time
from pathlib import Path

import pytest
from editor_helpers import SIZE, editor, small_document, titles
from persistence_helpers import change_on_disk, kept_edit

from featuretree import formats
from featuretree.formats.json_format import write_json
from featuretree.operations import annotate
from featuretree.storage.recovery import RecoveryStore
from featuretree.tui import FeatureTreeApp
from featuretree.tui.screens.questions import ChoiceDialog, RecoveryDialog


@pytest.fixture
def store() -> RecoveryStore:
    """The recovery store the editor uses (in the test's state folder)."""
    return RecoveryStore()


async def test_enter_on_the_prompt_restores_the_kept_edits(doc_path: Path, store: RecoveryStore):
    kept_edit(doc_path, store)
    app = FeatureTreeApp(doc_path)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert isinstance(app.screen, RecoveryDialog)
        message = str(app.screen.query_one("#dialog-message").render())
        assert "app.json" in message and "changed since" not in message
        assert "still have it open" not in message  # written by this very process
        await pilot.press("enter")
        screen = editor(app)
        assert titles(screen) == ["首页", "消息中心", "我的"]
        assert len(screen.doc.node("me").kids) == 1
        # The file still holds the old version: the restored document is unsaved, and
        # stays so even when every edit since is undone.
        assert screen.history.dirty and "●" in screen.sub_title
        assert store.find(doc_path) is not None
        await pilot.press("ctrl+s")
        assert not screen.history.dirty
        assert store.find(doc_path) is None
        assert [k.title for k in formats.load(doc_path).root.kids] == ["首页", "消息中心", "我的"]


async def test_show_difference_counts_the_nodes_then_discard_keeps_the_file(
    doc_path: Path, store: RecoveryStore
):
    kept_edit(doc_path, store)
    app = FeatureTreeApp(doc_path)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        dialog = app.screen
        assert isinstance(dialog, RecoveryDialog)
        await pilot.press("d")
        assert app.screen is dialog  # still asking
        shown = str(dialog.query_one("#dialog-detail").render())
        assert "1 added" in shown and "0 removed" in shown and "1 changed" in shown
        await pilot.press("x")
        screen = editor(app)
        assert titles(screen) == ["首页", "消息", "我的"]
        assert not screen.history.dirty
        assert not list(store.folder.glob("*.recovery"))


async def test_the_prompt_speaks_chinese_under_zh_cn(
    doc_path: Path, store: RecoveryStore, monkeypatch: pytest.MonkeyPatch
):
    monkeypatch.setenv("LANG", "zh_CN.UTF-8")
    kept_edit(doc_path, store)
    app = FeatureTreeApp(doc_path)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        dialog = app.screen
        assert isinstance(dialog, RecoveryDialog)
        assert "未保存修改" in str(dialog.query_one("#dialog-message").render())
        await pilot.press("d")
        assert "新增 1" in str(dialog.query_one("#dialog-detail").render())
        await pilot.press("enter")
        assert titles(editor(app)) == ["首页", "消息中心", "我的"]


async def test_kept_edits_older_than_a_changed_file_are_offered_and_saving_asks(
    doc_path: Path, store: RecoveryStore
):
    kept_edit(doc_path, store)
    change_on_disk(doc_path)  # e.g. a git pull after the crash
    later = time.time_ns() + 10**9  # (file times can be coarser than the header's clock)
    os.utime(doc_path, ns=(later, later))
    app = FeatureTreeApp(doc_path)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        dialog = app.screen
        assert isinstance(dialog, RecoveryDialog)
        assert "changed since" in str(dialog.query_one("#dialog-message").render())
        await pilot.press("enter")
        assert titles(editor(app)) == ["首页", "消息中心", "我的"]
        # The kept edits were made on the old file: saving over the new one asks first.
        await pilot.press("ctrl+s")
        assert isinstance(app.screen, ChoiceDialog) and not isinstance(app.screen, RecoveryDialog)
        await pilot.press("escape")
        assert formats.load(doc_path).root.kids[-1].title == "Changed by git"


async def test_the_prompt_says_when_another_featuretree_may_still_be_editing(
    doc_path: Path, store: RecoveryStore, monkeypatch: pytest.MonkeyPatch
):
    other = subprocess.Popen([sys.executable, "-c", "import time; time.sleep(30)"])
    try:
        with monkeypatch.context() as patch:
            patch.setattr(os, "getpid", lambda: other.pid)  # written by the other process
            kept_edit(doc_path, store)
        app = FeatureTreeApp(doc_path)
        async with app.run_test(size=SIZE) as pilot:
            await pilot.pause()
            message = str(app.screen.query_one("#dialog-message").render())
            assert f"process {other.pid}" in message
    finally:
        other.kill()
        other.wait()


async def test_a_damaged_recovery_file_is_moved_aside_and_the_file_opens(
    doc_path: Path, store: RecoveryStore, notes
):
    kept_edit(doc_path, store)
    info = store.find(doc_path)
    data = info.file.read_bytes()
    info.file.write_bytes(data[: data.index(b"\n") + 40])  # the document cut short
    app = FeatureTreeApp(doc_path)
    seen = notes(app)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert titles(editor(app)) == ["首页", "消息", "我的"]
        assert any(".damaged" in note for note in seen)
        assert info.file.with_name(info.file.name + ".damaged").exists()
        assert not info.file.exists()


async def test_unsaved_untitled_document_is_offered_at_start(store: RecoveryStore):
    doc = small_document()
    annotate.rename(doc, "root", "草稿").apply(doc)
    key = store.untitled_key()
    store.write(write_json(doc), None, key=key)
    app = FeatureTreeApp()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert isinstance(app.screen, RecoveryDialog)
        await pilot.press("enter")
        screen = editor(app)
        assert screen.doc.root.title == "草稿" and screen.path is None
        assert screen.history.dirty
        assert screen.persistence.key == key  # autosave goes on in the same file


# -- autosave -----------------------------------------------------------------------------


def test_a_copy_left_by_a_killed_editor_not_yet_reaped_is_not_called_still_open(tmp_path):
    # kill -9 of an editor leaves a zombie until its parent (terminal, the web server of a
    # tab) reaps it: the prompt must not tell the user that editor may still have it open.
    from featuretree.storage.recovery import RecoveryInfo

    child = subprocess.Popen([sys.executable, "-c", "pass"])
    try:
        deadline = time.monotonic() + 10
        while time.monotonic() < deadline:  # exited, not reaped: /proc says Z
            try:
                if Path(f"/proc/{child.pid}/stat").read_text().rsplit(")", 1)[1].split()[0] == "Z":
                    break
            except OSError:
                pytest.skip("no /proc on this system")
            time.sleep(0.05)
        info = RecoveryInfo(tmp_path / "x.recovery", "k", None, time.time_ns(), None, child.pid)
        dialog = RecoveryDialog(info, "app.json", lambda: ("", []))
        assert "still have it open" not in dialog.message.plain
    finally:
        child.wait()
