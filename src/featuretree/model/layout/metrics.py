"""The units of a layout and the size of each box: :class:`Metrics`, titles measured
and wrapped, and the sizes remembered between layouts.

Apart from the layout because measuring is its own concern (terminal cells, or font units
for SVG) with state of its own: each title's size is remembered per :class:`Metrics`, so a
layout after an edit measures only the changed titles (:func:`forget_sizes` forgets them).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from featuretree.model.cells import cell_len, char_cells, wrap_lines


@dataclass(frozen=True)
class Metrics:
    """The units of the picture: how text is measured, box padding and the gaps.

    Widths are in the target's unit (terminal cells, or pixels for SVG); a box is its
    text plus ``pad_x`` on each side and ``pad_y`` above and below.
    """

    text_width: Callable[[str], float] = cell_len
    """Width of one line of text."""
    char_width: Callable[[str], float] = char_cells
    """Width of one character (for wrapping)."""
    line_height: float = 1
    pad_x: float = 2
    """Left and right of the text, each side: the border and a space in a terminal."""
    pad_y: float = 1
    gap_x: float = 3
    """Horizontal space between boxes side by side (siblings, or levels going right)."""
    gap_y: float = 1
    """Vertical space between a parent and its children (or siblings going right)."""
    max_text_width: float = 20
    """Titles wider than this wrap onto more lines."""
    stack_indent: float = 3
    """From a stack column's left edge to its boxes (the spine lies in between)."""
    stack_gap: float = 0
    """Between two boxes of a stack."""
    column_gap: float = 2
    """Between two columns of a stack."""
    integral: bool = True
    """Whole-number coordinates (terminal cells)."""


TERMINAL = Metrics()
"""Terminal cells: a CJK character is two, a box has a border and a space each side."""


Sizes = tuple[tuple[str, ...], float, float, float, float]
"""A title's size: its lines, the widest line, the box's width, its height without a
badge line and its height with one."""

_SIZE_CACHES: dict[Metrics, tuple[dict[str, Sizes], dict[str, float]]] = {}
"""Per metrics: measured titles, and measured badges (their widths)."""
_CACHED_METRICS = 8
"""Metrics remembered at most (the terminal's, the SVG's two directions, tests')."""


def forget_sizes() -> None:
    """Forget every measured title, so the next layout measures all of them again.

    Layouts remember each title's size per :class:`Metrics` (text is measured by pure
    functions of the text); this is for benchmarks of a first layout, and for metrics
    whose functions changed what they answer.
    """
    _SIZE_CACHES.clear()


def size_caches(metrics: Metrics, count: int) -> tuple[dict[str, Sizes], dict[str, float]]:
    """The remembered sizes for ``metrics``, kept to about twice the ``count`` titles laid out."""
    try:
        caches = _SIZE_CACHES.get(metrics)
    except TypeError:  # metrics whose functions cannot be hashed: measure every time
        return {}, {}
    if caches is None:
        if len(_SIZE_CACHES) >= _CACHED_METRICS:
            del _SIZE_CACHES[next(iter(_SIZE_CACHES))]
        caches = _SIZE_CACHES[metrics] = ({}, {})
    titles, marks = caches
    # Titles renamed away stay behind: bound the memory by what this document needs.
    if len(titles) > 2 * count + 4096:
        titles.clear()
    if len(marks) > 4096:
        marks.clear()
    return caches


def _measure(title: str, metrics: Metrics) -> Sizes:
    """``title``'s lines (wrapped to the metrics' width) and its box's sizes."""
    text_width = metrics.text_width
    max_text = metrics.max_text_width
    widest = text_width(title)
    if widest <= max_text and "\n" not in title:
        lines: tuple[str, ...] = (title,)
    else:
        lines = tuple(wrap_lines(title, max_text, metrics.char_width))
        widest = max(map(text_width, lines))
    line_height, pad_y2 = metrics.line_height, 2 * metrics.pad_y
    return (
        lines,
        widest,
        widest + 2 * metrics.pad_x,
        len(lines) * line_height + pad_y2,
        (len(lines) + 1) * line_height + pad_y2,
    )


def measure_all(titles: list[str], metrics: Metrics, cache: dict[str, Sizes]) -> None:
    """Measure ``titles`` into ``cache``: all their widths at once, then the boxes."""
    max_text = metrics.max_text_width
    pad_x2 = 2 * metrics.pad_x
    line_height, pad_y2 = metrics.line_height, 2 * metrics.pad_y
    one_line, two_lines = 1 * line_height + pad_y2, 2 * line_height + pad_y2
    for title, widest in zip(titles, map(metrics.text_width, titles)):
        if widest <= max_text and "\n" not in title:
            cache[title] = ((title,), widest, widest + pad_x2, one_line, two_lines)
        else:
            cache[title] = _measure(title, metrics)


TAG_MARK = "#"
"""Before each tag on a box's badge line (``#P0 #v2.1``), as the outline writes them."""
_CUT = "…"


def tagged_mark(tags: tuple[str, ...] | list[str], mark: str, metrics: Metrics) -> str:
    """A box's badge line with its node's ``tags`` before the counts ``mark``:
    ``#P0 #v2.1 ✎2 ◆1 +3``.

    The tags give way to the counts: they are cut (``…``) where the whole line would be
    wider than a title may be (:attr:`Metrics.max_text_width`), so a tagged box is never
    wider than the widest title's; the counts and ``+N`` stay whole. At least ``#…`` is
    left, so a box says it has tags.
    """
    text = " ".join(TAG_MARK + " ".join(tag.split()) for tag in tags)
    if not text:
        return mark
    text_width, char_width = metrics.text_width, metrics.char_width
    room = metrics.max_text_width - (text_width(" " + mark) if mark else 0)
    if text_width(text) > room:
        room -= char_width(_CUT)
        used = 0.0
        end = 0
        for end, char in enumerate(text):  # noqa: B007 (``end`` is where the cut falls)
            used += char_width(char)
            if used > room:
                break
        kept = text[:end].rstrip()
        text = (kept if len(kept) > 1 else TAG_MARK) + _CUT
    return f"{text} {mark}" if mark else text
