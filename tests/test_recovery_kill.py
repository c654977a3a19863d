"""The real thing: edit in a terminal, ``kill -9`` the editor, start it again, get the edits back.

The editor runs in its own process inside a private tmux server (its own socket, so
no user session is touched); keys are real key presses sent through the terminal. The
test skips when tmux is not installed. Every wait polls with a timeout.
"""

from __future__ import annotations

import os
import shlex
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from featuretree import formats
from featuretree.model.document import Document
from featuretree.model.node import FeatureNode
from featuretree.model.tree import attach

pytestmark = pytest.mark.skipif(shutil.which("tmux") is None, reason="tmux is not installed")

TIMEOUT = 8.0


class Terminal:
    """One tmux session on a private server running a command."""

    def __init__(self, socket: str, env: dict[str, str]) -> None:
        self.socket = socket
        self.env = env

    def tmux(self, *args: str, check: bool = True) -> subprocess.CompletedProcess[str]:
        return subprocess.run(
            ["tmux", "-L", self.socket, *args],
            capture_output=True,
            text=True,
            check=check,
            env={**os.environ, "LC_ALL": "C.UTF-8"},
            timeout=10,
        )

    def start(self, *command: str) -> int:
        """Start ``command`` in a 100×30 terminal; returns its process id."""
        settings = " ".join(f"{k}={shlex.quote(v)}" for k, v in self.env.items())
        line = f"exec env {settings} {shlex.join(command)}"
        self.tmux("new-session", "-d", "-s", "ft", "-x", "100", "-y", "30", line)
        return int(self.tmux("list-panes", "-t", "ft", "-F", "#{pane_pid}").stdout.split()[0])

    def screen(self) -> str:
        result = self.tmux("capture-pane", "-p", "-t", "ft", check=False)
        return result.stdout if result.returncode == 0 else ""

    def keys(self, *keys: str, literal: bool = False) -> None:
        self.tmux("send-keys", "-t", "ft", *(["-l"] if literal else []), *keys)

    def running(self) -> bool:
        return self.tmux("has-session", "-t", "ft", check=False).returncode == 0

    def stop(self) -> None:
        self.tmux("kill-server", check=False)


def wait_until(condition, what: str, timeout: float = TIMEOUT) -> float:
    """Poll ``condition`` until true; returns the seconds it took."""
    start = time.monotonic()
    while not condition():
        if time.monotonic() - start > timeout:
            raise AssertionError(f"timed out after {timeout:.0f} s waiting for {what}")
        time.sleep(0.05)
    return time.monotonic() - start


def document() -> Document:
    doc = Document.new("KillRoot")
    for title in ("Home", "Messages"):
        attach(FeatureNode(title, id=doc.new_id()), doc.root)
    doc.register(doc.root)
    return doc


def recovery_holds(folder: Path, text: str) -> bool:
    return any(text.encode() in file.read_bytes() for file in folder.glob("*.recovery"))


def test_kill_9_then_restart_recovers_the_edits(tmp_path: Path) -> None:
    path = tmp_path / "plan.json"
    formats.save(document(), path)
    state = tmp_path / "state"
    env = {
        "FEATURETREE_STATE_DIR": str(state),
        "FEATURETREE_AUTOSAVE_DELAY": "0.3",
        "FEATURETREE_CONFIG": str(tmp_path / "config.toml"),  # not the developer's
        "FEATURETREE_DATA_DIR": str(tmp_path / "data"),
        "LC_ALL": "C.UTF-8",
        "TERM": "xterm-256color",
        "PYTHONPATH": os.pathsep.join(p for p in sys.path if p),
    }
    term = Terminal(f"featuretree-test-{os.getpid()}", env)
    editor = (sys.executable, "-m", "featuretree", str(path))
    try:
        pid = term.start(*editor)
        wait_until(lambda: "Messages" in term.screen(), "the editor to show the tree")

        # Real keys: Tab adds a child of the root and edits its title; Enter confirms,
        # and Enter again adds a sibling.
        term.keys("Tab")
        term.keys("KillAlpha", literal=True)
        term.keys("Enter")
        wait_until(lambda: "KillAlpha" in term.screen(), "the first edit on screen")
        term.keys("Enter")
        term.keys("KillBeta", literal=True)
        term.keys("Enter")
        wait_until(lambda: "KillBeta" in term.screen(), "the second edit on screen")
        waited = wait_until(lambda: recovery_holds(state / "recovery", "KillBeta"), "the autosave")
        print(f"autosave on disk {waited:.2f} s after the last key (delay 0.3 s)")

        os.kill(pid, signal.SIGKILL)
        wait_until(lambda: not term.running(), "the killed editor's terminal to close")
        assert "KillAlpha" not in path.read_text(encoding="utf-8")  # never saved

        term.start(*editor)
        wait_until(lambda: "Restore" in term.screen(), "the recovery prompt")
        term.keys("Enter")
        wait_until(
            lambda: "KillBeta" in term.screen() and "Restore" not in term.screen(),
            "the restored edits on screen",
        )
        screen = term.screen()
        assert "KillAlpha" in screen and "Messages" in screen

        term.keys("C-s")
        wait_until(lambda: "KillBeta" in path.read_text(encoding="utf-8"), "the save")
        saved = formats.load(path)
        assert [kid.title for kid in saved.root.kids] == [
            "Home",
            "Messages",
            "KillAlpha",
            "KillBeta",
        ]
        wait_until(
            lambda: not list((state / "recovery").glob("*.recovery")),
            "the save to remove the recovery file",
        )
        term.keys("C-q")
        wait_until(lambda: not term.running(), "a clean quit")
    finally:
        term.stop()


def test_kill_9_while_typing_notes_then_restart_recovers_them(tmp_path: Path) -> None:
    path = tmp_path / "plan.json"
    formats.save(document(), path)
    state = tmp_path / "state"
    env = {
        "FEATURETREE_STATE_DIR": str(state),
        "FEATURETREE_AUTOSAVE_DELAY": "0.3",
        "FEATURETREE_CONFIG": str(tmp_path / "config.toml"),  # not the developer's
        "FEATURETREE_DATA_DIR": str(tmp_path / "data"),
        "LC_ALL": "C.UTF-8",
        "TERM": "xterm-256color",
        "PYTHONPATH": os.pathsep.join(p for p in sys.path if p),
    }
    term = Terminal(f"featuretree-test-notes-{os.getpid()}", env)
    editor = (sys.executable, "-m", "featuretree", str(path))
    try:
        pid = term.start(*editor)
        wait_until(lambda: "Messages" in term.screen(), "the editor to show the tree")
        term.keys("Down", "Down")  # on Messages
        term.keys("n")
        wait_until(lambda: "Notes" in term.screen(), "the notes editor")
        term.keys("NotesTypedBeforeTheKill", literal=True)  # never kept with Ctrl+S
        wait_until(lambda: "NotesTypedBeforeTheKill" in term.screen(), "the notes on screen")
        wait_until(
            lambda: recovery_holds(state / "recovery", "NotesTypedBeforeTheKill"), "the autosave"
        )

        os.kill(pid, signal.SIGKILL)
        wait_until(lambda: not term.running(), "the killed editor's terminal to close")

        term.start(*editor)
        wait_until(lambda: "Restore" in term.screen(), "the recovery prompt")
        term.keys("Enter")
        # The cursor is back on Messages, whose notes the detail panel shows.
        wait_until(
            lambda: "NotesTypedBeforeTheKill" in term.screen() and "Restore" not in term.screen(),
            "the restored notes on screen",
        )
    finally:
        term.stop()
