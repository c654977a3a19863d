"""The command palette (Ctrl+P): Textual's, with a query typed as it was typed.

Textual's palette types into a plain ``Input``, where two things went wrong in a fast
burst (one write from an IME, a paste-like script, a busy moment):

- its editing keys (Backspace, Ctrl+U, Ctrl+W, ←...) are bindings run once the key has
  bubbled up to the screen, after the characters sent behind it were typed:
  ``abc⌫⌫xy`` showed ``abc``, ``Ctrl+U export`` an empty query; and a full-width space
  (U+3000) was dropped (``导出　svg`` became ``导出svg``). :class:`PaletteInput` is a
  :class:`~featuretree.tui.widgets.text_field.KeysInOrder` field, like the app's own;
- Enter picks the highlighted command of the list shown, and the search for the query
  runs in the background: an Enter right behind the query picked a match for part of it
  (``theme⏎`` opened "Add change-log entry"). :class:`Palette` waits for the search of
  the query typed before the Enter, then picks its best match.
"""

from __future__ import annotations

from textual import on
from textual.app import ComposeResult
from textual.command import CommandInput, CommandList, CommandPalette, SearchIcon
from textual.containers import Horizontal, Vertical
from textual.widgets import Input, LoadingIndicator
from textual.worker import Worker

from featuretree.tui.widgets.text_field import TextField


class PaletteInput(CommandInput, TextField):
    """The palette's query: its keys act in the order they were typed, and every space
    is typed (see :mod:`featuretree.tui.widgets.text_field`).

    ``CommandInput`` first: Textual's CSS and the palette's ``AUTO_FOCUS`` know a widget
    by its first base's line only."""


class Palette(CommandPalette):
    """Textual's command palette with :class:`PaletteInput` for its query, and an Enter
    typed before the search for the query has finished run on that search's result."""

    def __init__(self, *args, placeholder: str = "", **kwargs) -> None:
        super().__init__(*args, placeholder=placeholder, **kwargs)
        self.placeholder = placeholder
        """The query field's prompt."""
        self.enter_waiting = False
        """An Enter came while a search was still running: it picks once that is done."""

    def compose(self) -> ComposeResult:
        """Textual's palette (``CommandPalette.compose``), its input a :class:`PaletteInput`
        (the palette finds it by its class, a ``CommandInput``)."""
        with Vertical(id="--container"):
            with Horizontal(id="--input"):
                yield SearchIcon()
                yield PaletteInput(placeholder=self.placeholder, select_on_focus=False)
            with Vertical(id="--results"):
                yield CommandList()
                yield LoadingIndicator()

    def searching(self) -> bool:
        """Whether the palette's search for the query is still running (its only worker)."""
        return any(worker.node is self and not worker.is_finished for worker in self.workers)

    @on(Input.Submitted)
    def wait_for_the_search(self, event: Input.Submitted) -> None:
        """Hold an Enter typed before the query's search finished (its list would be the
        one of an earlier, shorter query); else let the palette pick as it does."""
        if self.searching():
            event.stop()
            event.prevent_default()  # not the palette's own handler, now
            self.enter_waiting = True

    async def on_worker_state_changed(self, event: Worker.StateChanged) -> None:
        """Once the search is done, run the Enter that waited for it."""
        if self.enter_waiting and not self.searching():
            self.enter_waiting = False
            await self.query_one(PaletteInput).action_submit()
