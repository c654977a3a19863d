"""Two editors on one file (two browser tabs of ``featuretree serve``, two terminals),
each with unsaved edits, both stopped: each one's edits are kept, in a recovery file of
its own, and the next opening offers both (one after the other; nothing goes that the
user did not discard)."""

from __future__ import annotations

import os
import signal
import time
from pathlib import Path

from featuretree.storage.recovery import RecoveryStore
from terminal.screen import Screen, open_app
from terminal.test_bursts import one_node_document


def _store(tmp_path: Path) -> RecoveryStore:
    return RecoveryStore(tmp_path / "state" / "recovery")


def _kept(tmp_path: Path, path: Path) -> list[tuple[str, str]]:
    """(title, notes) of the node 书架 in each recovery file kept for ``path``."""
    store = _store(tmp_path)
    kept = []
    for file in store.folder.glob("*.recovery"):
        info = store.info(file)
        assert info is not None and info.for_path == path
        node = store.load(info).node("shelf")
        kept.append((node.title, node.notes))
    return sorted(kept)


def _rename(app: Screen) -> None:
    app.wait_for("书架")
    app.press("down", "e", "ctrl+u")
    app.type_burst("书架甲\r")
    app.wait_for("书架甲")


def _write_notes(app: Screen) -> None:
    app.wait_for("书架")
    app.press("down", "n")
    app.type_burst("乙的备注")
    app.wait_for("乙的备注")
    app.press("ctrl+s")


def _wait_for_copies(tmp_path: Path, path: Path, count: int) -> None:
    deadline = time.monotonic() + 30
    while len(list(_store(tmp_path).folder.glob("*.recovery"))) < count:
        assert time.monotonic() < deadline, "the autosaves never came"
        time.sleep(0.2)


def _both_offered_on_the_next_opening(tmp_path: Path, path: Path) -> None:
    with open_app([str(path)], tmp_path, size=(100, 30)) as app:
        app.wait_for("copy 1 of 2")
        app.press("x")  # discard the newest: the other one is asked about next
        app.wait_for("copy 2 of 2")
        app.press("enter")
        app.wait_for("书架")
        screen = app.text()
        assert "书架甲" in screen or "乙的备注" in screen


def test_sigterm_keeps_each_editors_edits(tmp_path: Path) -> None:
    path = one_node_document(tmp_path)
    with open_app([str(path)], tmp_path) as first, open_app([str(path)], tmp_path) as second:
        _rename(first)
        _write_notes(second)
        for app in (first, second):
            os.kill(app.pid, signal.SIGTERM)
            assert app.wait_exit(10) == 128 + signal.SIGTERM
    assert _kept(tmp_path, path) == [("书架", "乙的备注"), ("书架甲", "")]
    _both_offered_on_the_next_opening(tmp_path, path)


def test_sigkill_after_the_autosaves_keeps_each_editors_edits(tmp_path: Path) -> None:
    path = one_node_document(tmp_path)
    with open_app([str(path)], tmp_path) as first, open_app([str(path)], tmp_path) as second:
        _rename(first)
        _write_notes(second)
        _wait_for_copies(tmp_path, path, 2)
        for app in (first, second):
            os.kill(app.pid, signal.SIGKILL)
            app.wait_exit(10)
    assert _kept(tmp_path, path) == [("书架", "乙的备注"), ("书架甲", "")]


def test_restoring_one_copy_keeps_the_other_for_the_next_opening(tmp_path: Path) -> None:
    path = one_node_document(tmp_path)
    with open_app([str(path)], tmp_path) as first, open_app([str(path)], tmp_path) as second:
        _rename(first)
        _write_notes(second)
        for app in (first, second):
            os.kill(app.pid, signal.SIGTERM)
            app.wait_exit(10)
    with open_app([str(path)], tmp_path, size=(100, 30)) as app:
        app.wait_for("copy 1 of 2")
        app.press("enter")
        app.wait_for("not restored: 1")
        app.press("ctrl+s")  # the restored copy is saved: it goes, the other stays
        app.wait_for("Saved")
    assert len(_store(tmp_path).find_all(path, include_stale=True)) == 1
    with open_app([str(path)], tmp_path, size=(100, 30)) as app:
        app.wait_for("Restore")  # the other editor's edits, offered still
