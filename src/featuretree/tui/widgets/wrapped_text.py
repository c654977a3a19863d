"""A block of text for dialogs, forms and bars that wraps the way CJK text is read.

The breaking itself is :func:`featuretree.tui.widgets.wrap.wrap_text` (between any two CJK
characters, at spaces between Latin words, punctuation rules kept); this module adds the
widget around it: its height follows the wrapped text, its natural width is its longest
line, so a dialog can be sized from its content and never clip it.
"""

from __future__ import annotations

from rich.cells import cell_len
from rich.text import Text
from textual.geometry import Size
from textual.widget import Widget

from featuretree.tui.widgets.wrap import wrap_spans, wrap_text


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

    def __init__(
        self,
        text: Text | str = "",
        *,
        max_natural: int = 72,
        id: str | None = None,
        classes: str | None = None,
    ) -> None:
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
        if not self.text.plain:
            return 0
        return sum(len(wrap_spans(line, width)) for line in self.text.plain.split("\n"))

    def render(self) -> Text:
        return wrap_text(self.text, self.content_size.width)
