"""SIGTERM and a closed terminal (SIGHUP) in a real pty: the edits, and the notes being
typed, are in the recovery file, the terminal is given back, and starting again offers
the edits (issue 17, item 8)."""

from __future__ import annotations

import os
import signal
import time
from pathlib import Path

import pytest

from featuretree import formats
from featuretree.storage.recovery import RecoveryStore
from terminal.screen import open_app
from terminal.test_bursts import one_node_document

LEAVE_ALT_SCREEN = b"\x1b[?1049l"


def _kept(tmp_path: Path, path: Path):
    store = RecoveryStore(tmp_path / "state" / "recovery")
    info = store.find(path)
    assert info is not None, "no recovery file"
    return store.load(info)


def test_sigterm_keeps_the_notes_being_typed_and_gives_the_terminal_back(tmp_path: Path) -> None:
    path = one_node_document(tmp_path)
    with open_app([str(path)], tmp_path) as app:
        app.wait_for("书架")
        app.press("down", "n")
        app.type_burst("三十秒的备注")
        app.wait_for("三十秒的备注")
        typed_until = len(app.output)
        os.kill(app.pid, signal.SIGTERM)
        status = app.wait_exit(10)
        assert status == 128 + signal.SIGTERM
        assert LEAVE_ALT_SCREEN in app.output[typed_until:]  # no `reset` needed
    assert _kept(tmp_path, path).node("shelf").notes == "三十秒的备注"
    assert (
        formats.load(path).node("shelf").notes == ""
    )  # the file is not saved behind the user's back

    with open_app([str(path)], tmp_path) as again:  # starting again offers the edits
        again.wait_for("Restore")


def test_closing_the_terminal_keeps_the_last_edit(tmp_path: Path) -> None:
    path = one_node_document(tmp_path)
    with open_app([str(path)], tmp_path) as app:
        app.wait_for("书架")
        app.press("down", "e", "ctrl+u")
        app.type_burst("书架二\r")  # renamed a moment before the window closes
        app.wait_for("书架二")
        os.close(app.master)  # the window closes: the kernel sends SIGHUP
        app.master = -1
        deadline = time.monotonic() + 10
        while app.proc.poll() is None and time.monotonic() < deadline:
            time.sleep(0.05)
        assert app.proc.poll() is not None, "the editor kept running without its terminal"
    assert _kept(tmp_path, path).node("shelf").title == "书架二"


def _stop(app, signum: int) -> None:
    """Stop the app as ``kill`` (SIGTERM) or a closed terminal window (SIGHUP) does."""
    if signum == signal.SIGTERM:
        os.kill(app.pid, signal.SIGTERM)
        assert app.wait_exit(10) == 128 + signal.SIGTERM
        return
    os.close(app.master)  # the window closes: the kernel sends SIGHUP
    app.master = -1
    deadline = time.monotonic() + 10
    while app.proc.poll() is None and time.monotonic() < deadline:
        time.sleep(0.05)
    assert app.proc.poll() is not None, "the editor kept running without its terminal"


@pytest.mark.parametrize("signum", [signal.SIGTERM, signal.SIGHUP], ids=["term", "hup"])
@pytest.mark.parametrize("case", ["new", "rename"])
def test_a_title_typed_in_the_diagram_is_kept_when_the_app_is_stopped(
    tmp_path: Path, signum: int, case: str
) -> None:
    path = one_node_document(tmp_path)
    with open_app([str(path)], tmp_path) as app:
        app.wait_for("书架")
        app.press("v")
        app.wait_for("╭")
        if case == "new":
            app.press("tab")  # a child of the root, typed over its new box
            app.send("图中 输入".encode())  # an IME commits the phrase in one write; no Enter
            app.wait_for("图中 输入")
        else:
            app.press("f2", "end")
            app.send(" 重命名中".encode())
            app.wait_for("重命名中")
        _stop(app, signum)
    kept = _kept(tmp_path, path)
    if case == "new":
        assert [kid.title for kid in kept.root.kids] == ["书架", "图中 输入"]
    else:
        assert kept.root.title == "读书 App 重命名中"
    assert formats.load(path).root.title == "读书 App"  # the file itself is not saved

    with open_app([str(path)], tmp_path) as again:  # starting again offers the edits
        again.wait_for("Restore")
