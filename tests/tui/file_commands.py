"""Helpers for the file commands of the editor (Save as, Open, Reload, the config file):
run them as a person does, from the command palette, and type a path."""

from __future__ import annotations

import os
from pathlib import Path

from textual import events
from textual.widgets import Input

from featuretree.tui.screens.dialogs import SavePathScreen


async def from_palette(pilot, words: str) -> None:
    """Ctrl+P, type ``words``, Enter: the palette's first match runs."""
    await pilot.press("ctrl+p", *words)
    await pilot.pause(0.3)  # the palette searches in the background
    await pilot.press("enter")
    await pilot.pause()
    await pilot.pause(0.5)  # the command runs after the palette is gone, then draws


async def enter_path(pilot, path: Path | str) -> None:
    """Put ``path`` into the focused (empty) field as a person does: the folder pasted
    (copied from a file manager or a shell), then the file name typed key by key.

    Why not every character as a key: a test's folder is a long temporary path, and each
    ``pilot.press`` waits for the app to be idle (≥ 40 ms, far more on a loaded machine),
    so typing it whole cost minutes of the suite. The name, where the extension and the
    CJK characters are, is still typed key by key, so a field that reacts to typing (the
    export chooser follows the extension) sees every key of what matters.
    """
    folder, separator, name = str(path).rpartition(os.sep)
    if separator:
        pilot.app.post_message(events.Paste(folder + separator))
        await pilot.pause()
    await pilot.press(*name)


async def type_path(pilot, path: Path | str) -> None:
    """In the path dialog now open: replace what it offers by ``path``, then Enter."""
    screen = pilot.app.screen
    assert isinstance(screen, SavePathScreen), screen
    field = screen.query_one(Input)
    field.value = ""
    await enter_path(pilot, path)
    assert field.value == str(path)  # the whole path reached the field, nothing else
    await pilot.press("enter")
    await pilot.pause()
