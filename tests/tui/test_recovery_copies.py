"""Opening a document that several editors kept unsaved edits of: each copy is offered."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from editor_helpers import SIZE, editor, small_document, titles

from featuretree.formats.json_format import write_json
from featuretree.operations import annotate
from featuretree.storage.fingerprint import Fingerprint
from featuretree.storage.recovery import RecoveryStore
from featuretree.tui import FeatureTreeApp
from featuretree.tui.screens.questions import RecoveryDialog


def _kept(doc_path: Path, store: RecoveryStore, title: str, *, pid: int | None = None):
    """A copy kept by an editor (of process ``pid``) with node "msg" renamed ``title``."""
    doc = small_document()
    annotate.rename(doc, "msg", title).apply(doc)
    with pytest.MonkeyPatch.context() as patch:
        if pid is not None:
            patch.setattr(os, "getpid", lambda: pid)
        key = store.editor_key(doc_path)
        return store.write(write_json(doc), doc_path, base=Fingerprint.of(doc_path), key=key)


def _message(app) -> str:
    return " ".join(str(app.screen.query_one("#dialog-message").render()).split())


async def test_each_copy_is_asked_about_in_turn_and_discarding_all_opens_the_file(
    doc_path: Path,
):
    store = RecoveryStore()
    _kept(doc_path, store, "甲改的")
    _kept(doc_path, store, "乙改的")
    app = FeatureTreeApp(doc_path)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert isinstance(app.screen, RecoveryDialog)
        assert "copy 1 of 2" in _message(app) and "6 nodes" in _message(app)
        await pilot.press("d")  # the newest first
        assert "乙改的" in str(app.screen.query_one("#recovery-diff-text").render())
        await pilot.press("x")
        await pilot.pause()
        assert isinstance(app.screen, RecoveryDialog) and "copy 2 of 2" in _message(app)
        assert len(store.find_all(doc_path)) == 1  # only the one discarded is gone
        await pilot.press("x")
        await pilot.pause()
        assert titles(editor(app)) == ["首页", "消息", "我的"]
    assert store.find_all(doc_path, include_stale=True) == []


async def test_a_restored_copy_goes_on_being_written_by_the_editor_that_restored_it(
    doc_path: Path,
):
    store = RecoveryStore()
    older = _kept(doc_path, store, "甲改的")
    newer = _kept(doc_path, store, "乙改的")
    app = FeatureTreeApp(doc_path)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.press("enter")
        await pilot.pause()
        screen = editor(app)
        assert titles(screen) == ["首页", "乙改的", "我的"]
        assert screen.persistence.key == newer.key  # its editor is gone: this one goes on
        await pilot.press("ctrl+s")
        await pilot.pause()
    assert [info.key for info in store.find_all(doc_path, include_stale=True)] == [older.key]


async def test_a_copy_whose_editor_still_runs_stays_that_editors(doc_path: Path):
    store = RecoveryStore()
    other = subprocess.Popen([sys.executable, "-c", "import time; time.sleep(30)"])
    try:
        theirs = _kept(doc_path, store, "另一个标签页改的", pid=other.pid)
        app = FeatureTreeApp(doc_path)
        async with app.run_test(size=SIZE) as pilot:
            await pilot.pause()
            assert f"process {other.pid}" in _message(app)
            await pilot.press("enter")
            await pilot.pause()
            screen = editor(app)
            assert screen.persistence.key != theirs.key
            await pilot.press("ctrl+s")
            await pilot.pause()
        assert theirs.file.exists()  # the other editor's copy is not this one's to remove
    finally:
        other.kill()
        other.wait()
