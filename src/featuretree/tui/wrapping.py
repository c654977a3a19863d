"""Text that wraps the way CJK text is read: at any character between two CJK characters,
at spaces between Latin words, and inside a word only when it is longer than a line.

Rich wraps at spaces only, so a Chinese sentence with one space in it breaks at that
space and leaves the rest of the line empty, and a widget that is narrower than its text
clips it. :class:`WrappedText` is a ``Static``-like widget whose height follows its
wrapped text, for dialogs and other short messages.
"""

from __future__ import annotations

import re

from rich.cells import cell_len
from rich.text import Text
from textual.geometry import Size
from textual.widget import Widget

_WIDE = (r"\u1100-\u115f\u2e80-\ua4cf\uac00-\ud7a3\uf900-\ufaff\ufe30-\ufe4f\uff00-\uff60"
         r"\uffe0-\uffe6\U00020000-\U0003fffd")
_OPENING = "（「『【《〈“‘〔［｛"
_CLOSING = "，。、；：？！）」』】》〉”’〕］｝…"
# One unit a line may break after: a wide (CJK) character with the opening punctuation
# before it and the closing punctuation after it (a line never starts with "，" or ends
# with "（"), or a run of narrow non-space characters; each with the spaces after it.
_PIECE = re.compile(rf"(?:[{_OPENING}]*[^\s{_WIDE}]+[{_CLOSING}]*|[{_OPENING}]*[{_WIDE}][{_CLOSING}]*|(?=\s))\s*")


def _breaks(line: str, width: int) -> list[int]:
    """Offsets in ``line`` where a new line starts so that each fits in ``width`` cells."""
    breaks: list[int] = []
    used = 0
    for match in _PIECE.finditer(line):
        piece = match.group(0)
        if not piece:
            continue
        start = match.start()
        size = cell_len(piece.rstrip())
        if used and used + size > width:
            breaks.append(start)
            used = 0
        if size > width:  # longer than a line: cut it wherever the line is full
            for offset, char in enumerate(piece.rstrip()):
                char_size = cell_len(char)
                if used and used + char_size > width:
                    breaks.append(start + offset)
                    used = 0
                used += char_size
            used += cell_len(piece) - size
        else:
            used += cell_len(piece)
    return breaks


def wrap_text(text: Text, width: int) -> list[Text]:
    """``text`` cut into lines of at most ``width`` cells (styles kept, spaces at breaks dropped)."""
    width = max(width, 2)
    lines: list[Text] = []
    for paragraph in text.split("\n", allow_blank=True):
        pieces = paragraph.divide(_breaks(paragraph.plain, width)) if paragraph.plain else [paragraph]
        for piece in pieces:
            piece.rstrip()
            lines.append(piece)
    return lines


def natural_width(text: Text) -> int:
    """The widest line of ``text`` in cells, unwrapped."""
    return max((cell_len(line) for line in text.plain.split("\n")), default=0)


class WrappedText(Widget):
    """A block of text (never markup) that wraps to its width, CJK at any character.

    Its natural width is its longest line, at most ``max_natural`` cells, so a container
    with ``width: auto`` grows with short messages and wraps long ones.
    """

    DEFAULT_CSS = """
    WrappedText { height: auto; width: 1fr; }
    """

    def __init__(self, text: Text | str = "", *, max_natural: int = 72, id: str | None = None,
                 classes: str | None = None) -> None:
        super().__init__(id=id, classes=classes)
        self.text = text if isinstance(text, Text) else Text(text)
        self.max_natural = max_natural

    def update(self, text: Text | str) -> None:
        """Show ``text`` instead (its height may change)."""
        self.text = text if isinstance(text, Text) else Text(text)
        self.refresh(layout=True)

    def get_content_width(self, container: Size, viewport: Size) -> int:
        return min(natural_width(self.text), self.max_natural)

    def get_content_height(self, container: Size, viewport: Size, width: int) -> int:
        return len(wrap_text(self.text, width)) if self.text.plain else 0

    def render(self) -> Text:
        lines = wrap_text(self.text, self.content_size.width)
        return Text("\n", no_wrap=True, end="").join(lines)
