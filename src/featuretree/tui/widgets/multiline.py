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
from textual.widgets.text_area import Selection

from featuretree.tui.bindings import NOTES_AREA_BINDINGS
from featuretree.tui.widgets.text_field import KeysInOrder

# What an indentation is made of, and how many cells each takes (a tab: a whole step).
_INDENT_CELLS = {" ": 1, "\u3000": 2}


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
        # But text longer than the field is read from its start: the view goes back to
        # the first line once laid out (the first key typed brings the cursor in view).
        self.call_after_refresh(self.scroll_home, animate=False, immediate=True)

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
    """The notes editor's text: Enter is a new line, and so is Ctrl+J (what many
    terminals send for Ctrl+Enter); Tab indents and Shift+Tab outdents the line, or every
    line of a selection over several; the other editing keys (Ctrl+U, Backspace, ←...) act
    in the order typed (:class:`KeysInOrder`)."""

    BINDINGS = NOTES_AREA_BINDINGS

    # Tab too: with tab_behavior="indent" the text area types the indentation itself,
    # in order with the characters around it (not the app's Tab = next widget).
    TYPED_KEYS = ("enter", "tab")

    async def on_key(self, event: events.Key) -> None:
        """Tab over a selection of several lines indents them (typed, it would replace
        them by spaces); any other key as :class:`KeysInOrder` takes it."""
        start, end = self.selection
        if event.key == "tab" and not self.read_only and start[0] != end[0]:
            event.stop()
            event.prevent_default()
            self._shift_lines(+1)
            return
        await super().on_key(event)

    def type_text(self, text: str) -> None:
        """Type ``text`` at the cursor, over the selection."""
        _type_in(self, text)

    def action_newline(self) -> None:
        """Start a new line at the cursor, over the selection (as Enter does)."""
        _type_in(self, "\n")

    def action_outdent(self) -> None:
        """Take one step of indentation (spaces, a tab or full-width spaces) off the
        start of the cursor's line, or of every line the selection is on."""
        if not self.read_only:
            self._shift_lines(-1)

    def _shift_lines(self, direction: int) -> None:
        """Indent (+1) or outdent (-1) the selection's lines by one step, as one edit
        (one Ctrl+Z); the selection stays on the same text."""
        start, end = self.selection
        first, last = sorted((start[0], end[0]))
        if direction < 0 and start[0] != end[0] and max(start, end)[1] == 0:
            last -= 1  # a selection ending at the start of a line does not take that line
        last = max(last, first)
        lines = [self.document.get_line(row) for row in range(first, last + 1)]
        step = self.indent_width
        changed: list[int] = []  # characters added (+) or taken off (-) at each line's start
        new_lines: list[str] = []
        for line in lines:
            if direction > 0:
                added = "\t" if self.indent_type == "tabs" else " " * step
                new_lines.append(added + line if line.strip() else line)
                changed.append(len(added) if line.strip() else 0)
            else:
                cells = taken = 0
                while taken < len(line) and cells < step:
                    char = line[taken]
                    width = step if char == "\t" else _INDENT_CELLS.get(char)
                    if width is None:
                        break
                    cells += width
                    taken += 1
                new_lines.append(line[taken:])
                changed.append(-taken)
        if not any(changed):
            return
        self.replace(
            "\n".join(new_lines),
            (first, 0),
            (last, len(lines[-1])),
            maintain_selection_offset=False,
        )

        def moved(location: tuple[int, int]) -> tuple[int, int]:
            row, column = location
            if not first <= row <= last:
                return location
            return row, max(0, column + changed[row - first])

        self.selection = Selection(moved(start), moved(end))
