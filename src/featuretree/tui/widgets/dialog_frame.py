"""The frame every question dialog shares: text that wraps, buttons that wrap, a width
that follows the content and never passes the screen's edge.

A dialog is as wide as its widest part wants (its message up to ~72 cells, or its
buttons on one row), at most the screen's width; the message then wraps (CJK at any
character, :mod:`featuretree.tui.widgets.wrapped_text`) and the buttons go onto more rows. Nothing
is clipped at 80 columns or in Chinese.
"""

from __future__ import annotations

from textual.containers import Vertical
from textual.events import Resize
from textual.geometry import Size
from textual.widget import Widget
from textual.widgets import Button

from featuretree.tui.widgets.wrapped_text import WrappedText

GAP = 2
"""Cells between two buttons of a row."""


def button_width(button: Button) -> int:
    """The cells ``button`` takes on one line: its label, padding and border."""
    width = button.get_content_width(Size(0, 0), Size(0, 0)) + button.styles.gutter.width
    minimum = button.styles.min_width
    return max(width, int(minimum.value) if minimum is not None and minimum.is_cells else 0)


class ButtonRows(Widget):
    """Buttons side by side, wrapping onto more rows when the line is too narrow."""

    DEFAULT_CSS = """
    ButtonRows {
        layout: grid;
        grid-size: 9;
        grid-columns: auto;
        grid-rows: auto;
        grid-gutter: 0 2;
        width: auto;
        max-width: 100%;
        height: auto;
        margin-top: 1;
    }
    ButtonRows > Button { width: auto; min-width: 8; }
    """

    def _widths(self) -> list[int]:
        return [button_width(button) for button in self.query_children(Button)]

    def get_content_width(self, container: Size, viewport: Size) -> int:
        widths = self._widths()
        return sum(widths) + GAP * max(len(widths) - 1, 0)

    def columns_for(self, width: int) -> int:
        """How many buttons fit side by side in ``width`` cells (at least one)."""
        widths = self._widths()
        for count in range(len(widths), 1, -1):
            # a grid column is as wide as its widest button
            columns = [max(widths[i::count]) for i in range(count)]
            if sum(columns) + GAP * (count - 1) <= width:
                return count
        return 1

    def on_resize(self, event: Resize) -> None:
        count = self.columns_for(event.size.width)
        if self.styles.grid_size_columns != count:
            self.styles.grid_size_columns = count

    def on_mount(self) -> None:
        self.styles.grid_size_columns = max(len(self._widths()), 1)


class DialogFrame(Vertical):
    """A dialog's box: as wide as its widest child asks (wrapped text, a row of buttons),
    at least ``min-width``, at most the screen; taller content scrolls nothing away, it wraps."""

    DEFAULT_CSS = """
    DialogFrame {
        width: auto;
        min-width: 40;
        max-width: 100%;
        height: auto;
        max-height: 100%;
        padding: 1 2;
        background: $panel;
    }
    /* As wide as the frame, which is as wide as its children ask (get_content_width):
       the text fills a frame a wider child widened, and wraps again as it changes. */
    DialogFrame > WrappedText { width: 100%; }
    """

    def get_content_width(self, container: Size, viewport: Size) -> int:
        """The widest child's natural width: wrapped text, buttons, and what a scrolling
        box holds (the recovery dialog's difference), never a child's width in the frame."""
        widths = []
        for child in self.children:
            if isinstance(child, (WrappedText, ButtonRows)):
                widths.append(child.get_content_width(container, viewport))
            elif child.is_scrollable and child.display:
                widths.extend(
                    inner.get_content_width(container, viewport)
                    + inner.styles.gutter.width
                    + child.styles.gutter.width
                    + child.styles.scrollbar_size_vertical
                    for inner in child.children
                    if inner.display
                )
        return max(widths, default=0)
