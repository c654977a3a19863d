"""Changing a ``ScrollView``'s virtual size without a layout of the whole screen.

``Widget.virtual_size`` is a reactive with ``layout=True``: assigning it re-arranges
every widget on the screen (10-30 ms), although a line-API widget's own size does not
depend on how many lines it scrolls over. What does depend on it is the scrollbar: its
thumb, the scroll limits and, with ``overflow: auto``, whether it is shown at all — and
``show_vertical_scrollbar`` is itself a layout reactive, so a scrollbar appearing or
disappearing still gets its layout.
"""

from __future__ import annotations

from textual.geometry import Size
from textual.widget import Widget


def set_virtual_size(widget: Widget, size: Size) -> None:
    """Give ``widget`` the virtual ``size``; a layout happens only when a scrollbar comes or goes.

    Nothing is repainted but the scrollbar: the caller refreshes the lines that changed.
    """
    if size == widget.virtual_size:
        return
    if widget.is_mounted and not widget.display:
        # Hidden (the outline while the diagram shows): no scrollbar to update, and
        # showing it again lays it out with this size (``ScrollView._size_updated``).
        # A layout now would arrange the whole screen for nothing (~5 ms at each edit).
        widget.set_reactive(Widget.virtual_size, size)
        return
    if not widget.is_mounted or not widget.size:
        widget.virtual_size = size  # the first layout is due anyway
        return
    widget.set_reactive(Widget.virtual_size, size)
    widget._scroll_update(size)  # scrollbars, scroll limits (and their visibility)
