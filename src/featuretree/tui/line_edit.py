"""A one-line text editor drawn inside a tree row (no widget, no focus change).

Mounting an ``Input`` costs a layout pass and a footer rebuild on every edit; the tree
view instead keeps this small state and draws it in the cursor row.
"""

from __future__ import annotations

from dataclasses import dataclass

from rich.cells import cell_len
from textual import events

from featuretree.model.text import clean_line


@dataclass
class LineEdit:
    """Text being typed and the caret position (in characters)."""

    text: str
    caret: int = -1

    def __post_init__(self) -> None:
        if self.caret < 0:
            self.caret = len(self.text)

    def insert(self, value: str) -> None:
        """Insert ``value`` (cleaned to one line) at the caret."""
        value = clean_line(value)
        self.text = self.text[: self.caret] + value + self.text[self.caret :]
        self.caret += len(value)

    def handle(self, event: events.Key) -> bool:
        """Apply an editing key; False when the key is not an editing key."""
        key = event.key
        if key == "backspace":
            if self.caret:
                self.text = self.text[: self.caret - 1] + self.text[self.caret :]
                self.caret -= 1
        elif key == "delete":
            self.text = self.text[: self.caret] + self.text[self.caret + 1 :]
        elif key == "left":
            self.caret = max(0, self.caret - 1)
        elif key == "right":
            self.caret = min(len(self.text), self.caret + 1)
        elif key in ("home", "ctrl+a"):
            self.caret = 0
        elif key in ("end", "ctrl+e"):
            self.caret = len(self.text)
        elif key == "ctrl+u":
            self.text, self.caret = self.text[self.caret :], 0
        elif key == "ctrl+k":
            self.text = self.text[: self.caret]
        elif event.is_printable and event.character:
            self.insert(event.character)
        else:
            return False
        return True

    def window(self, cells: int) -> tuple[str, str, str]:
        """What fits in ``cells``: text before the caret, the caret's character, after.

        Scrolls so that the caret stays visible; the caret on the end is a space.
        """
        before = self.text[: self.caret]
        at = self.text[self.caret : self.caret + 1] or " "
        after = self.text[self.caret + 1 :]
        room = max(1, cells - cell_len(at))
        while before and cell_len(before) > room:
            before = before[1:]
        room -= cell_len(before)
        while after and cell_len(after) > room:
            after = after[:-1]
        return before, at, after
