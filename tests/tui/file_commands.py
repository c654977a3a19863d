"""Helpers for the file commands of the editor (Save as, Open, Reload, the config file):
run them as a person does, from the command palette, and type a path."""

from __future__ import annotations

from pathlib import Path

from textual.widgets import Input

from featuretree.tui.screens.dialogs import SavePathScreen


async def from_palette(pilot, words: str) -> None:
    """Ctrl+P, type ``words``, Enter: the palette's first match runs."""
    await pilot.press("ctrl+p", *words)
    await pilot.pause(0.3)  # the palette searches in the background
    await pilot.press("enter")
    await pilot.pause()
    await pilot.pause(0.5)  # the command runs after the palette is gone, then draws


async def type_path(pilot, path: Path | str) -> None:
    """In the path dialog now open: replace what it offers by ``path``, then Enter."""
    screen = pilot.app.screen
    assert isinstance(screen, SavePathScreen), screen
    field = screen.query_one(Input)
    field.value = ""
    await pilot.press(*str(path), "enter")
    await pilot.pause()
