"""A one-line picker for a few fixed values (priority, status): ◀ P2 ▶.

Unlike ``Select`` it opens no overlay, so Enter still saves the form it sits in:
←/→ (or h/l, Space) step through the values, and a value's first character jumps to it.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

from rich.cells import cell_len
from rich.text import Text
from textual.events import Key
from textual.geometry import Size
from textual.message import Message
from textual.reactive import reactive
from textual.widget import Widget

from featuretree.tui._textual.keys import run_bindings_from
from featuretree.tui.bindings import CHOICE_BINDINGS


class Choice(Widget, can_focus=True):
    """Pick one of ``values``; ``label`` turns a value into what is shown."""

    DEFAULT_CSS = """
    Choice {
        height: 1;
        width: auto;
        padding: 0 1;
        background: $boost;
    }
    Choice:focus {
        background: $accent 30%;
        text-style: bold;
    }
    """

    BINDINGS = CHOICE_BINDINGS

    index: reactive[int] = reactive(0)

    class Changed(Message):
        """The chosen value changed."""

        def __init__(self, choice: Choice, value: str) -> None:
            super().__init__()
            self.choice = choice
            self.value = value

        @property
        def control(self) -> Choice:
            return self.choice

    def __init__(
        self,
        values: Sequence[str],
        value: str | None = None,
        *,
        label: Callable[[str], str] = str,
        id: str | None = None,
    ) -> None:
        super().__init__(id=id)
        self.values = list(values)
        self._label = label
        self.set_reactive(Choice.index, self.values.index(value) if value in self.values else 0)

    @property
    def value(self) -> str:
        """The chosen value."""
        return self.values[self.index]

    @value.setter
    def value(self, value: str) -> None:
        self.index = self.values.index(value)

    def get_content_width(self, container: Size, viewport: Size) -> int:
        """As wide as the widest value's label (in cells, in the current language).

        Sized once for every value, so stepping never cuts a longer label and the form's
        layout never moves under the cursor.
        """
        return max(cell_len(self._label(value)) for value in self.values) + cell_len("◀  ▶")

    def render(self) -> Text:
        label = self._label(self.value)
        # the arrows stay at both ends whatever the label's width
        gap = " " * (self.content_size.width - cell_len(label) - cell_len("◀  ▶"))
        return Text.assemble("◀ ", label, gap, " ▶")

    def action_step(self, delta: int) -> None:
        """Move to the next (``delta=1``) or previous value, wrapping around."""
        self.index = (self.index + delta) % len(self.values)

    def watch_index(self) -> None:
        self.post_message(self.Changed(self, self.value))

    async def on_key(self, event: Key) -> None:
        # typing "0" picks P0, "d" picks done: quicker than stepping
        if event.character and event.character.isprintable() and event.character != " ":
            typed = event.character.lower()
            for i, value in enumerate(self.values):
                if value.lower().lstrip("p").startswith(typed) or value.lower().startswith(typed):
                    self.index = i
                    event.stop()
                    return
        # ←/→/Space step this picker now, not once the key has bubbled up to the app: in
        # a burst ("→ Tab →") the Tab runs as it arrives and moves the focus on, and the
        # first → would then step the next field's value instead of this one's.
        if await run_bindings_from(self, event.key):
            event.stop()
            event.prevent_default()
