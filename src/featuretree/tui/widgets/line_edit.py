"""A one-line text editor drawn inside a tree row (no widget, no focus change).

Mounting an ``Input`` costs a layout pass and a footer rebuild on every edit; the tree
view instead keeps this small state and draws it in the cursor row.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Protocol, cast

from rich.cells import cell_len
from textual import events
from textual.binding import Binding

from featuretree.i18n import t
from featuretree.model.text import is_typed_text, single_line
from featuretree.tui._textual.keys import app_keymap
from featuretree.tui.bindings import key_label, working_bindings

if TYPE_CHECKING:
    from textual.widget import Widget

    from featuretree.model.node import FeatureNode

WORD_LEFT = ("ctrl+left", "alt+left", "alt+b")
"""Keys that move the caret to the start of the word before it (Alt+B: readline, and
what macOS terminals send for Option+←)."""
WORD_RIGHT = ("ctrl+right", "alt+right", "alt+f")
"""Keys that move the caret past the end of the next word."""
WORD_RUBOUT = ("ctrl+w", "ctrl+backspace")
"""Keys that delete the word before the caret (terminals send Alt+Backspace as Ctrl+W)."""


def _kind(ch: str) -> int:
    """A character's class for word motion: space, CJK, other word character, punctuation.

    Chinese has no spaces between words, so a run of CJK characters counts as one word
    and a change between CJK and Latin ("AI问书2") is a word boundary.
    """
    if ch.isspace():
        return 0
    if ch.isalnum() or ch == "_":
        return 2 if unicodedata.east_asian_width(ch) in ("W", "F") else 1
    return 3


class TitleEditor(Protocol):
    """A view that types a node's title in place: the outline's row, the diagram's box.

    The editor screen remembers the one it started, so "what is being typed right now"
    has one answer whichever view holds the title (a stop signal keeps it, see
    ``tui/signals.py``), not one special case per view.
    """

    editing: LineEdit | None
    """The title being typed (``None``: none is)."""

    def start_editing(self, node: FeatureNode, done: Callable[[str, bool], None]) -> None:
        """Type ``node``'s title; ``done(text, confirmed)`` is called at the end."""
        ...

    def finish_editing(self, confirm: bool) -> None:
        """Leave the title editor, keeping what is typed (``confirm``, as Enter) or not."""
        ...

    def show_typing(self) -> None:
        """Draw the title being typed again (text went into it from elsewhere: a paste)."""
        ...


TEXT_ONLY_IDS = frozenset({"tree.copy", "tree.cut", "tree.paste"})
"""Node actions whose keys mean text in a text field (Ctrl+C/X/V): while a title is typed
they do not copy, cut or paste whole nodes (the terminal's paste types text)."""


class KeyRunner(Protocol):
    """A title editor's view that runs a key's bindings (``typed_ahead.BindingsFirst``)."""

    async def run_bindings_first(self, event: events.Key) -> None:
        """Run ``event``'s binding now, as if no title were typed."""
        ...


async def command_key_while_typing(
    view: Widget, editor: TitleEditor, event: events.Key, layers: tuple[list[Binding], ...]
) -> None:
    """A key that types nothing (Tab, Shift+Tab, Ctrl+O, ↓…) pressed while a title is typed.

    It does what it does on the node when no title is typed, once the title is kept (as
    Enter keeps it): Shift+Tab keeps the title and outdents the node. A key that does
    nothing there says so, and so does a node action before any title is typed (the new
    node would go away first, and the action would fall on another node): no key is
    dropped without a sign. ``layers``: the view's bindings as Textual looks a key up
    (``bindings.OUTLINE_LAYERS``, ``DIAGRAM_LAYERS``).
    """
    assert editor.editing is not None
    app = view.app
    label = key_label(Binding(event.key, ""))
    acts = any(
        event.key in binding.key.split(",") and binding.id not in TEXT_ONLY_IDS
        for binding in working_bindings(layers, app_keymap(app))
    )
    if not acts:
        app.notify(t("typing.key_does_nothing", key=label), timeout=3, markup=False)
    elif not editor.editing.text.strip():
        app.notify(t("typing.title_first", key=label), timeout=3, markup=False)
    else:
        editor.finish_editing(confirm=True)
        await cast("KeyRunner", view).run_bindings_first(event)


async def escape_then_key(
    view: Widget, editor: TitleEditor, event: events.Key, layers: tuple[list[Binding], ...]
) -> bool:
    """Esc and the key typed right after it, taken as one Alt+key: leave the title as Esc
    does, then run the key on the node as if typed then; False for any other key.

    A terminal sends Alt+J as ESC then ``j``; Textual reads an ESC followed within 100 ms
    (``ESCDELAY``) by a letter as that Alt key. A PM who typed a title, pressed Esc and
    at once ``c`` (a change-log entry) got "c" typed into the title and the Esc lost; as
    in Vim, an Alt+letter that means nothing in a title is Esc and the letter. Alt+B and
    Alt+F move by words (readline, macOS Option+←/→), and an Alt key the keymap gives a
    command keeps it. Textual drops the ESC before punctuation and a space (ESC then ``?``
    arrives as ``?``): that cannot be told from a key typed alone, and is left alone.
    """
    if not event.key.startswith("alt+") or not is_typed_text(event.character):
        return False
    if event.key.replace("shift+", "") in WORD_LEFT + WORD_RIGHT:
        return False
    if any(
        event.key in (key.strip() for key in binding.key.split(","))
        for binding in working_bindings(layers, app_keymap(view.app))
    ):
        return False
    editor.finish_editing(confirm=False)
    key = event.key.removeprefix("alt+")
    if key.startswith("shift+"):  # Alt+Shift+J: the key of "J" typed alone
        key = event.character or key
    await cast("KeyRunner", view).run_bindings_first(events.Key(key, event.character))
    return True


@dataclass
class LineEdit:
    """Text being typed, the caret position and the selection (in characters).

    ``anchor`` is the other end of the selection (``None``: nothing selected); the
    selection is the text between it and the caret.
    """

    text: str
    caret: int = -1
    anchor: int | None = None
    history: list[tuple[str, int, int | None]] = field(default_factory=list, repr=False)
    """What the text was before each change, for :meth:`undo` (the last change last)."""
    undone: list[tuple[str, int, int | None]] = field(default_factory=list, repr=False)
    """What each :meth:`undo` stepped back from, for :meth:`redo` (the last undo last);
    a new change drops it, as in any text field."""
    typing_run: bool = field(default=False, repr=False)
    """True while the last change was typed characters, nothing between them: the next
    typed character belongs to the same change (one Ctrl+Z takes the word typed)."""

    def __post_init__(self) -> None:
        if self.caret < 0:
            self.caret = len(self.text)

    def _state(self) -> tuple[str, int, int | None]:
        return self.text, self.caret, self.anchor

    def undo(self) -> bool:
        """Step back the last change (a run of typed characters is one change), as any
        text field's Ctrl+Z: back to the text the editor started with, then no further.
        False when there is nothing left to undo."""
        self.typing_run = False
        if not self.history:
            return False
        self.undone.append(self._state())
        self.text, self.caret, self.anchor = self.history.pop()
        return True

    def redo(self) -> bool:
        """Step forward again what :meth:`undo` stepped back, up to the latest text typed.
        False when nothing was undone since the last change."""
        self.typing_run = False
        if not self.undone:
            return False
        self.history.append(self._state())
        self.text, self.caret, self.anchor = self.undone.pop()
        return True

    def _changed(self, before: tuple[str, int, int | None]) -> None:
        """``before`` is the text before a new change: undo goes back to it, and what
        was undone before this change can no longer be redone."""
        self.history.append(before)
        self.undone.clear()

    @classmethod
    def selecting_all(cls, text: str) -> LineEdit:
        """An editor on ``text`` with all of it selected (typing replaces it, → keeps it)."""
        return cls(text, len(text), 0 if text else None)

    @property
    def selection(self) -> tuple[int, int] | None:
        """``(start, end)`` of the selected text, or ``None`` when none is selected."""
        if self.anchor is None or self.anchor == self.caret:
            return None
        return min(self.anchor, self.caret), max(self.anchor, self.caret)

    def _replace(self, start: int, end: int, value: str = "") -> None:
        self.text = self.text[:start] + value + self.text[end:]
        self.caret = start + len(value)
        self.anchor = None

    def insert(self, value: str) -> None:
        """Type ``value`` at the caret (in place of the selection), as one line.

        Every space is kept: trimming the ends is for when the title is confirmed.
        """
        value = single_line(value)
        start, end = self.selection or (self.caret, self.caret)
        before = self._state()
        self._replace(start, end, value)
        if self.text != before[0]:
            self._changed(before)
        self.typing_run = False

    def _move(self, to: int, extend: bool = False) -> None:
        if extend:
            if self.anchor is None:
                self.anchor = self.caret
        else:
            self.anchor = None
        self.caret = max(0, min(len(self.text), to))

    def word_left(self) -> int:
        """Where the word before the caret starts."""
        text, i = self.text, self.caret
        while i and _kind(text[i - 1]) == 0:
            i -= 1
        if i:
            kind = _kind(text[i - 1])
            while i and _kind(text[i - 1]) == kind:
                i -= 1
        return i

    def word_right(self) -> int:
        """Where the word after the caret ends."""
        text, i, n = self.text, self.caret, len(self.text)
        while i < n and _kind(text[i]) == 0:
            i += 1
        if i < n:
            kind = _kind(text[i])
            while i < n and _kind(text[i]) == kind:
                i += 1
        return i

    def handle(self, event: events.Key) -> bool:
        """Apply an editing key; False when the key is not an editing key."""
        before = self._state()
        typed = is_typed_text(event.character)
        if not self._apply(event):
            return False
        if self.text != before[0]:
            if not (typed and self.typing_run):
                self._changed(before)
            self.typing_run = typed
        elif before[1:] != (self.caret, self.anchor):
            self.typing_run = False  # the caret moved: what is typed next is a new change
        return True

    def _apply(self, event: events.Key) -> bool:
        key = event.key
        selection = self.selection
        extend = "shift+" in key  # Shift (Ctrl+Shift+← too) extends the selection
        move = key.replace("shift+", "") if extend else key
        if key in ("backspace", "delete", "ctrl+d") + WORD_RUBOUT and selection:
            self._replace(*selection)
        elif key == "backspace":
            if self.caret:
                self._replace(self.caret - 1, self.caret)
        elif key in ("delete", "ctrl+d"):
            self._replace(self.caret, self.caret + 1)
        elif key in WORD_RUBOUT:
            self._replace(self.word_left(), self.caret)
        elif move == "left":
            # Without shift, a selection collapses to its start (the text stays).
            self._move(selection[0] if selection and not extend else self.caret - 1, extend)
        elif move == "right":
            self._move(selection[1] if selection and not extend else self.caret + 1, extend)
        elif move in ("home", "ctrl+a"):
            self._move(0, extend)
        elif move in ("end", "ctrl+e"):
            self._move(len(self.text), extend)
        elif move in WORD_LEFT:
            self._move(self.word_left(), extend)
        elif move in WORD_RIGHT:
            self._move(self.word_right(), extend)
        elif key == "ctrl+u":  # everything before the caret (and the selection) goes
            self._replace(0, selection[1] if selection else self.caret)
        elif key == "ctrl+k":  # everything after the caret (and the selection) goes
            self._replace(selection[0] if selection else self.caret, len(self.text))
        elif is_typed_text(event.character):  # a full-width space too (not isprintable)
            start, end = selection or (self.caret, self.caret)
            self._replace(start, end, single_line(event.character))  # type: ignore[arg-type]
        else:
            return False
        return True

    def window(self, cells: int) -> tuple[int, int]:
        """The characters shown in ``cells``: ``(first, end)`` indices into the text.

        Scrolls so that the caret stays visible; one cell is kept for the caret when it
        is at the end (drawn as a space).
        """
        text, caret = self.text, self.caret
        at = cell_len(text[caret]) if caret < len(text) else 1
        room = max(0, cells - at)
        first = caret
        while first and cell_len(text[first - 1]) <= room:
            first -= 1
            room -= cell_len(text[first])
        end = min(len(text), caret + 1)
        while end < len(text) and cell_len(text[end]) <= room:
            room -= cell_len(text[end])
            end += 1
        return first, end
