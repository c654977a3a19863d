"""Text is data in a real terminal: the bytes the editor writes carry no escape from the document.

``featuretree FILE`` runs on a pseudo-terminal with a file whose title, notes and
suggestion hold raw ANSI/OSC escapes and Rich markup. Everything it writes is read back:
the markup is there as text, and none of the file's escape sequences is (the reader
strips them on import; tests/tui/test_injection_tui.py checks each surface).
"""

from __future__ import annotations

import fcntl
import os
import pty
import select
import signal
import struct
import subprocess
import sys
import termios
import time
from pathlib import Path

import pytest

from featuretree import formats
from featuretree.model.annotations import Suggestion
from featuretree.model.document import Document
from featuretree.model.node import FeatureNode
from featuretree.model.tree import attach

pytestmark = pytest.mark.skipif(sys.platform == "win32", reason="needs a pseudo-terminal")

ESC = "\x1b[31mred\x1b[0m \x1b]8;;https://evil\x1b\\osc\x1b]8;;\x1b\\ \x1b]0;pwned\x07 \x1b[2J"


def hostile_file(folder: Path) -> Path:
    """A saved document whose title, notes and suggestion hold raw escapes and markup
    (``model_construct`` skips the models' own cleaning, as a careless writer might)."""
    root = FeatureNode("Root", id="root")
    node = FeatureNode("[bold]T[/] " + ESC, id="evil", notes="[bold]N[/] " + ESC)
    node.suggestions = (Suggestion.model_construct(id="s1", text="[bold]S[/] " + ESC),)
    attach(node, root)
    path = folder / "hostile.json"
    formats.save(Document(root), path)
    assert "\\u001b" in path.read_text("utf-8")
    return path


HOSTILE = (b"\x1b[31mred", b"\x1b]8;;https://evil", b"\x1b]0;pwned", b"pwned\x07", b"\x1b[2J")


def read_until(fd: int, done, timeout: float) -> bytes:
    """Read from ``fd`` until ``done(data)`` or EOF or ``timeout`` seconds."""
    data = b""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline and not done(data):
        ready, _, _ = select.select([fd], [], [], 0.1)
        if ready:
            try:
                chunk = os.read(fd, 65536)
            except OSError:  # EIO: the other side closed
                break
            if not chunk:
                break
            data += chunk
    return data


def test_the_editor_writes_no_escape_from_the_document(tmp_path: Path) -> None:
    master, slave = pty.openpty()
    fcntl.ioctl(slave, termios.TIOCSWINSZ, struct.pack("HHHH", 30, 120, 0, 0))
    env = {
        **os.environ,
        "TERM": "xterm-256color",
        "LC_ALL": "C.UTF-8",
        "COLUMNS": "120",
        "LINES": "30",
        "PYTHONPATH": os.pathsep.join(p for p in sys.path if p),
    }
    script = Path(sys.executable).with_name("featuretree")
    process = subprocess.Popen(
        [str(script), str(hostile_file(tmp_path))],
        stdin=slave,
        stdout=slave,
        stderr=slave,
        env=env,
        start_new_session=True,
        close_fds=True,
    )
    os.close(slave)
    try:
        out = read_until(master, lambda d: b"[bold]T[/]" in d, 15)  # the tree row
        assert b"[bold]T[/]" in out, out[-2000:]
        os.write(master, b"\x1b[B")  # Down: the detail panel shows the node's notes
        out += read_until(master, lambda d: b"[bold]N[/]" in d, 5)
        assert b"[bold]N[/]" in out, out[-2000:]
        os.write(master, b"\x11")  # Ctrl+Q: a clean quit
        out += read_until(master, lambda d: process.poll() is not None, 5)
    finally:
        if process.poll() is None:
            os.kill(process.pid, signal.SIGKILL)
        process.wait(timeout=5)
        os.close(master)
    for sequence in HOSTILE:
        assert sequence not in out, f"{sequence!r} from the document reached the terminal"
    assert b"red" in out and b"osc" in out  # the words are still shown
