"""A form field for text of several lines (a suggestion, its rationale).

Textual's ``TextArea`` with soft wrap, a few lines high and growing with the text. In a
form, Enter still saves the whole form (the quick path: type, Enter), so a new line is
Ctrl+J (which every terminal sends) or Shift+Enter (where the terminal tells it apart);
a paste of several lines keeps them. Imported when a form with such a field is opened:
``TextArea`` costs start-up time otherwise (see ``tests/cli/test_startup.py``).
"""

from __future__ import annotations

from textual import events
from textual.widgets import TextArea

from featuretree.tui.widgets.text_field import KeysInOrder


def _type_in(area: TextArea, text: str) -> None:
    """Type ``text`` in ``area`` at the cursor, over the selection, as a key is typed."""
    if not area.read_only:
        start, end = area.selection
        area.replace(text, start, end, maintain_selection_offset=False)


class MultiLineInput(KeysInOrder, TextArea):
    """Several lines of text in a form; ``value`` like an ``Input``'s. Its editing keys
    (Ctrl+U, ←, Backspace...) act in the order typed (:class:`KeysInOrder`)."""

    DEFAULT_CSS = """
    MultiLineInput {
        width: 1fr;
        height: auto;
        min-height: 2;
        /* grows with the text, up to what keeps the whole suggestion form (two such
           fields) on a 24-line terminal; longer text scrolls inside the field */
        max-height: 12vh;
        border: none;
        padding: 0 1;
        background: $boost;
    }
    MultiLineInput:focus {
        border: none;
        background: $accent 25%;
    }
    """

    NEWLINE_KEYS = ("ctrl+j", "shift+enter")
    TYPED_KEYS = ("enter",)  # (the form takes it first: a priority binding)

    def __init__(self, text: str = "", *, placeholder: str = "", id: str | None = None) -> None:
        # tab_behavior="focus": Tab walks to the next field and Escape reaches the form.
        super().__init__(
            text,
            soft_wrap=True,
            tab_behavior="focus",
            placeholder=placeholder,
            highlight_cursor_line=False,
            id=id,
        )

    def on_mount(self) -> None:
        # Like an Input: typing adds to what is there (editing a suggestion), Ctrl+U clears it.
        self.move_cursor(self.document.end)

    @property
    def value(self) -> str:
        """The text typed, as ``Input.value`` gives it."""
        return self.text

    def on_key(self, event: events.Key) -> None:
        # Here, with the characters, not as a binding: a binding runs once the key has
        # bubbled up to the app, after the characters typed behind it in the same burst
        # ("第一行⏎第二行" from a script or an IME would end "第一行第二行⏎").
        if event.key in self.NEWLINE_KEYS:
            event.stop()
            event.prevent_default()
            self.action_newline()

    def type_text(self, text: str) -> None:
        """Type ``text`` at the cursor, over the selection."""
        _type_in(self, text)

    def action_newline(self) -> None:
        """Start a new line at the cursor (Enter saves the form instead)."""
        start, end = self.selection  # typed over a selection, as Enter would
        self.replace("\n", start, end, maintain_selection_offset=False)


class NotesArea(KeysInOrder, TextArea):
    """The notes editor's text: Enter is a new line; the other editing keys (Ctrl+U,
    Backspace, ←...) act in the order typed (:class:`KeysInOrder`)."""

    # Tab too: with tab_behavior="indent" the text area types the indentation itself,
    # in order with the characters around it (not the app's Tab = next widget).
    TYPED_KEYS = ("enter", "tab")

    def type_text(self, text: str) -> None:
        """Type ``text`` at the cursor, over the selection."""
        _type_in(self, text)
