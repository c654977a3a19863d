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
  the query typed before the Enter, then picks its best match;
- keys typed right behind that Enter (``your name⏎张三``) were typed into the query or
  lost with the closing palette. They wait until the command has run, then reach the
  app as if typed then: a form the command opens types them
  (:class:`~featuretree.tui.typed_ahead.TypedAhead`).

Its commands are searched word by word (:class:`Commands`, :func:`match_words`): Textual's
fuzzy match takes a query as one run of letters in order, so ``导出 svg`` or ``svg 导出``
(the verb and the format, in either order) found nothing.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import NamedTuple

from rich.align import Align
from rich.text import Text
from textual import events, on
from textual.app import App, ComposeResult
from textual.command import (
    Command,
    CommandInput,
    CommandList,
    CommandPalette,
    DiscoveryHit,
    Hit,
    Hits,
    SearchIcon,
)
from textual.containers import Horizontal, Vertical
from textual.content import Content
from textual.fuzzy import FuzzySearch
from textual.system_commands import SystemCommandsProvider
from textual.widgets import Input, LoadingIndicator
from textual.widgets.option_list import Option
from textual.worker import Worker

from featuretree.i18n import t
from featuretree.tui.widgets.text_field import TextField


class PaletteInput(CommandInput, TextField):
    """The palette's query: its keys act in the order they were typed, and every space
    is typed (see :mod:`featuretree.tui.widgets.text_field`).

    ``CommandInput`` first: Textual's CSS and the palette's ``AUTO_FOCUS`` know a widget
    by its first base's line only."""

    async def on_key(self, event: events.Key) -> None:
        """Keys behind an Enter wait for what it picks (see :class:`Palette`)."""
        palette = self.screen
        if isinstance(palette, Palette) and palette.holding:
            event.stop()
            event.prevent_default()
            palette.held.append(event)
            return
        await super().on_key(event)
        if event.key == "enter" and isinstance(palette, Palette):
            palette.holding = True


class PaletteList(CommandList):
    """The palette's list of commands, saying "no matches" in the UI's language.

    Textual's palette adds a fixed English "No matches found" line (a disabled option,
    the only one in the list that is not a command) and offers no setting for its
    words: the line is put in the UI's language as it is added.
    """

    def add_option(self, option=None):
        """Add ``option``; the palette's "no matches" line in the UI's language."""
        if isinstance(option, Option) and not isinstance(option, Command) and option.disabled:
            words = Text(t("palette.no_matches"), style="not bold")
            option = Option(Align.center(words), disabled=True, id=option.id)
        return super().add_option(option)


class Palette(CommandPalette):
    """Textual's command palette with :class:`PaletteInput` for its query, and an Enter
    typed before the search for the query has finished run on that search's result."""

    def __init__(self, *args, placeholder: str = "", **kwargs) -> None:
        super().__init__(*args, placeholder=placeholder, **kwargs)
        self.placeholder = placeholder
        """The query field's prompt."""
        self.enter_waiting = False
        """An Enter came while a search was still running: it picks once that is done."""
        self.holding = False
        """An Enter was typed: the keys behind it wait in :attr:`held` for what it does."""
        self.held: list[events.Key] = []

    def compose(self) -> ComposeResult:
        """Textual's palette (``CommandPalette.compose``), its input a :class:`PaletteInput`
        (the palette finds it by its class, a ``CommandInput``)."""
        with Vertical(id="--container"):
            with Horizontal(id="--input"):
                yield SearchIcon()
                yield PaletteInput(placeholder=self.placeholder, select_on_focus=False)
            with Vertical(id="--results"):
                yield PaletteList()
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
        elif not self.enter_picks():
            self.call_later(self.release_keys)  # after the palette's own handler

    def enter_picks(self) -> bool:
        """Whether the palette's Enter picks a command now (else it shows the list or
        finds nothing): a highlighted one, or the only one, not "No matches found"."""
        found = self.query_one(CommandList)
        if not found.option_count or (found.highlighted is None and found.option_count > 1):
            return False
        return not found.get_option_at_index(found.highlighted or 0).disabled

    def release_keys(self) -> None:
        """The Enter picked nothing: type the keys behind it into the query."""
        if self.app.screen is not self:
            return
        self.holding = False
        field = self.query_one(PaletteInput)
        for event in self.held:
            field.post_message(events.Key(event.key, event.character))
        self.held = []

    def dismiss(self, result=None):
        """Close the palette; the keys typed behind the Enter reach the app once the
        chosen command has run (the palette asks for it to run just after this)."""
        held, self.held, self.holding = self.held, [], False
        if held:
            app = self.app
            # Twice later: once puts it behind the command the palette queues next.
            app.call_later(app.call_later, repost_keys, app, held)
        return super().dismiss(result)

    async def on_worker_state_changed(self, event: Worker.StateChanged) -> None:
        """Once the search is done, run the Enter that waited for it."""
        if self.enter_waiting and not self.searching():
            self.enter_waiting = False
            await self.query_one(PaletteInput).action_submit()


def repost_keys(app: App, keys: list[events.Key]) -> None:
    """Hand ``keys`` to the app as it takes keys from the terminal (a screen that is
    opening takes them in order, see ``FeatureTreeApp.on_event``)."""
    for event in keys:
        app.post_message(events.Key(event.key, event.character))


HELP_WORD_SCORE = 0.5
"""A word found only in a command's help line (its key, its id, the formats it writes):
below any match in the name, which Textual scores at 1 or more."""

_fuzzy = FuzzySearch()


def match_words(query: str, name: str, help_text: str = "") -> tuple[float, list[int]]:
    """How well ``query`` finds the command ``name`` (0: not at all), and where in the
    name it matched (to highlight).

    The whole query fuzzy-matched against the name (Textual's match: one word is
    matched exactly as before). Besides, every word of the query (split at any space,
    a full-width one too) must match by itself, in any order: fuzzily in the name, or
    as it is (any case) in ``help_text`` when it has two characters or more — the
    help line names the key, the id and what the command writes, so ``导出 svg`` and
    ``svg 导出`` find Export, and ``export`` finds it in the Chinese UI too. The better
    of the two scores counts.
    """
    whole, offsets = _fuzzy.match(query, name) if query.strip() else (0.0, [])
    words = query.split()
    if len(words) < 2 and whole:
        return whole, list(offsets)
    total = 0.0
    found: set[int] = set()
    helped = help_text.lower()
    for word in words:
        score, places = _fuzzy.match(word, name)
        if score:
            total += score
            found.update(places)
        elif len(word) >= 2 and word.lower() in helped:
            total += HELP_WORD_SCORE
        else:
            return (whole, list(offsets)) if whole else (0.0, [])
    if whole >= total:
        return whole, list(offsets)
    return total, sorted(found)


class PaletteCommand(NamedTuple):
    """A command of the palette (what ``App.get_system_commands`` yields, Textual's
    ``SystemCommand``), with more words that find it than its name and help line show."""

    title: str
    help: str
    callback: Callable[[], object]
    discover: bool = True
    words: str = ""
    """Found by these too, not shown: the binding's id and English name (``export`` in
    the Chinese UI), other words for the same thing (变更 for 修改)."""


class Commands(SystemCommandsProvider):
    """The app's commands (``App.get_system_commands``), searched word by word
    (:func:`match_words`) in their names, help lines and :attr:`PaletteCommand.words`."""

    async def discover(self) -> Hits:
        """The commands listed before anything is typed, by name."""
        commands = sorted(self.app.get_system_commands(self.screen), key=lambda c: c[0])
        for name, help_text, callback, discover, *_ in commands:
            if discover:
                yield DiscoveryHit(name, callback, help=help_text)

    async def search(self, query: str) -> Hits:
        """The commands ``query`` finds, each with the parts of its name it matched."""
        style = self.matcher(query).match_style
        for name, help_text, callback, *more in self.app.get_system_commands(self.screen):
            words = more[1] if len(more) > 1 else ""
            score, offsets = match_words(query, name, f"{help_text}  {words}")
            if score > 0:
                shown = Content(name)
                for offset in offsets:
                    if not name[offset].isspace():
                        shown = shown.stylize(style, offset, offset + 1)
                yield Hit(score, shown, callback, text=name, help=help_text)
