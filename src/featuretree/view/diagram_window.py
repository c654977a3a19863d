"""The window of the 功能结构图 a view shows: where it scrolls to keep the cursor's box in
sight, and the rows a new layout will show there, drawn ahead.

Apart from the widget (``tui/widgets/diagram_view.py``) because none of it needs
Textual: plain geometry over a :class:`~featuretree.view.diagram.Diagram`, run in the
layout's worker thread (:func:`draw_ahead`) as well as in the event loop
(:func:`aim`), and testable without an app.
"""

from __future__ import annotations

from typing import NamedTuple

from featuretree.model.layout import Box
from featuretree.view.diagram import Diagram

__all__ = ["Drawn", "Rows", "Window", "aim", "draw_ahead", "on_row", "scroll_target", "title_rows"]

Rows = dict[int, tuple[int | None, list[tuple[str, str]] | None]]
"""Row of the picture → (the cursor's box, its segments; ``None`` below the picture)."""


class Window(NamedTuple):
    """Where the view is scrolled and how big it is (its scrollable content region)."""

    x: int
    y: int
    width: int
    height: int
    covered: int
    """Rows at the bottom under the bars."""


class Drawn(NamedTuple):
    """Rows of a new layout drawn in the worker, for the window it expected."""

    x: int
    y: int
    width: int
    height: int
    cursor: int | None
    rows: Rows


def aim(box: Box, left: int, top: int, width: int, height: int) -> tuple[int, int]:
    """Where to scroll (from ``left``, ``top``) so that ``box`` is in a ``width`` ×
    ``height`` view of the picture: along an axis where it is out of view (or cut), to
    its middle."""
    x, y, w, h = int(box.x), int(box.y), int(box.w), int(box.h)
    target_x, target_y = left, top
    if x < left or x + min(w, width) > left + width:
        target_x = max(0, x + w // 2 - width // 2) if w < width else x
    if y < top or y + min(h, height) > top + height:
        target_y = max(0, y + h // 2 - height // 2) if h < height else y
    return target_x, target_y


def scroll_target(diagram: Diagram, k: int, window: Window) -> tuple[int, int]:
    """Where the view at ``window`` showing ``diagram`` scrolls to with the cursor on box
    ``k`` (within the scroll limits of that picture): see ``DiagramView.scroll_to_cursor``."""
    width, height = window.width, window.height - window.covered
    if width <= 0 or height <= 0:
        return window.x, window.y
    x, y = aim(diagram.layout.boxes[k], window.x, window.y, width, height)
    if (x, y) == (window.x, window.y):
        return x, y
    # As Textual's Widget.max_scroll_x/y: the picture's size (and the rows under the
    # bars) less the view's.
    x = min(x, max(0, diagram.width - window.width))
    y = min(y, max(0, diagram.height + window.covered - window.height))
    return x, y


def draw_ahead(diagram: Diagram, cursor_id: str, window: Window) -> Drawn:
    """The rows the frame showing the new ``diagram`` needs, where the view will be
    scrolled to (the cursor's box in view: a delete puts the cursor on a sibling far to
    the side), with the cursor; and the picture indexed a screen beyond on each side.

    Made in the layout's thread: the event loop then only compares these rows with the
    ones on screen (~35 rows, a few ms of its time).
    """
    k = diagram.index_of(cursor_id)
    x, y = window.x, window.y
    if k is not None:
        x, y = scroll_target(diagram, k, window)
    rows: Rows = {
        row: (k, diagram.line(row, x, x + window.width, cursor=k))
        if row < diagram.height
        else (k, None)
        for row in range(y, y + window.height)
    }
    # Index the picture a screen beyond the window on each side as well (the first
    # drawing of a band of the picture indexes all of it, ~1-2 ms): the next arrow key
    # often goes there, a sibling far to the side.
    width, height = window.width, window.height
    diagram.line(y, max(0, x - width), x + 2 * width)
    for row in range(max(0, y - height), min(diagram.height, y + 2 * height)):
        diagram.line(row, x, x + 1)
    diagram.children(0)  # the arrows' index of children, made here too
    return Drawn(x, y, window.width, window.height, k, rows)


def title_rows(box: Box) -> tuple[int, int]:
    """The first row of ``box``'s title (where the title editor is drawn) and how many
    rows the title takes (at least the editor's one)."""
    return int(box.y) + 1, max(1, len(box.lines))


def on_row(diagram: Diagram, k: int | None, row: int) -> bool:
    """Whether box ``k`` covers row ``row``."""
    if k is None:
        return False
    box = diagram.layout.boxes[k]
    return box.y <= row < box.y + box.h
