"""The real app in a real pseudo-terminal, its screen kept by a terminal emulator.

Pilot's ``press`` hands Textual one key at a time and waits; a person, an IME and a paste
do not. These tests start the ``featuretree`` console script in a pty of a given size
(the same :class:`PtyTerminal` as ``benchmarks/pty_keys.py``), write the bytes a
terminal sends for keys, pastes and bursts, and read the screen back from ``pyte`` (a VT
emulator that knows CJK characters are two cells wide), to compare with the model.
"""

from __future__ import annotations

import sys
import time
from pathlib import Path

import pyte

import featuretree

sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "benchmarks"))

from pty_app import app_command, app_env
from pty_terminal import XTERM_KEYS, PtyTerminal

PASTE_START, PASTE_END = b"\x1b[200~", b"\x1b[201~"
KEYS = {
    **XTERM_KEYS,
    "ctrl+s": b"\x13",
    "ctrl+e": b"\x05",
    "ctrl+a": b"\x01",
    "ctrl+k": b"\x0b",
    "ctrl+u": b"\x15",
    "escape": b"\x1b",
    "backspace": b"\x7f",
    "f6": b"\x1b[17~",
}
"""What xterm sends for each key name :meth:`Screen.press` knows."""


class Screen(PtyTerminal):
    """:class:`PtyTerminal` whose output is also drawn on a ``pyte`` screen."""

    def __init__(self, argv: list[str], env: dict[str, str], *, columns: int, lines: int) -> None:
        super().__init__(argv, env, columns=columns, lines=lines)
        self.screen = pyte.Screen(columns, lines)
        self.stream = pyte.ByteStream(self.screen)
        self.output = bytearray()
        """Every byte the app wrote (mode switches too, which pyte does not keep)."""

    def _split_frames(self, data: bytes, now: float) -> None:
        super()._split_frames(data, now)
        self.output += data
        self.stream.feed(data)

    # -- what the user sees ---------------------------------------------------------------

    def lines(self) -> list[str]:
        """The screen's rows as text (a wide character is one character, not two)."""
        return [row.rstrip() for row in self.screen.display]

    def columns(self, y: int, start: int, end: int | None = None) -> str:
        """Row ``y`` from column ``start`` to ``end`` (a wide character counts two columns)."""
        row = self.screen.buffer[y]
        end = self.screen.columns if end is None else end
        return "".join(row[x].data for x in range(start, end))

    def column_of(self, y: int, char: str) -> int:
        """The first column of row ``y`` that holds ``char`` (-1: none)."""
        row = self.screen.buffer[y]
        return next((x for x in range(self.screen.columns) if row[x].data == char), -1)

    def text(self) -> str:
        """The whole screen, rows joined by newlines."""
        return "\n".join(self.lines())

    def wait_for(self, needle: str, timeout: float = 20.0) -> None:
        """Read until ``needle`` is on the screen; fail with the screen if it never is."""
        deadline = time.monotonic() + timeout
        while needle not in self.text():
            if time.monotonic() > deadline:
                raise AssertionError(f"{needle!r} never appeared; the screen:\n{self.text()}")
            self.pump(0.05)

    def settle(self, quiet: float = 0.3) -> None:
        """Read until the app has been idle for ``quiet`` seconds."""
        self.wait_idle(quiet, timeout=30)

    # -- what the user does ---------------------------------------------------------------

    def press(self, *keys: str) -> None:
        """Send keys one by one (xterm names: ``"down"``, ``"enter"``; else the text itself),
        waiting for the app to settle after each, like a person typing."""
        for key in keys:
            self.send(KEYS[key] if key in KEYS else key.encode())
            self.settle()

    def type_burst(self, data: str | bytes) -> None:
        """Send everything in one write, as an IME commit or a script does, then settle."""
        self.send(data.encode() if isinstance(data, str) else data)
        self.settle()

    def paste(self, text: str) -> None:
        """A bracketed paste of ``text``, as a terminal sends it."""
        self.type_burst(PASTE_START + text.replace("\n", "\r").encode() + PASTE_END)


def open_app(
    args: list[str], tmp: Path, *, size: tuple[int, int] = (80, 24), language: str | None = None
) -> Screen:
    """Start ``featuretree ARGS`` in a pty of ``size``; returns once the first frame is up."""
    data, state = tmp / "data", tmp / "state"
    # The code under test (the tests' own featuretree, e.g. a worktree's with
    # PYTHONPATH=src), not whichever one the console script's editable install points at.
    env = app_env(str(data), str(state), "256", source=str(Path(featuretree.__file__).parents[1]))
    if language is not None:
        config = tmp / "config.toml"
        config.write_text(f'language = "{language}"\n', encoding="utf-8")
        env["FEATURETREE_CONFIG"] = str(config)
    terminal = Screen([*app_command(), *args], env, columns=size[0], lines=size[1])
    terminal.spawn()
    terminal.settle(0.5)
    return terminal
