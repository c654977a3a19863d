"""Leaf stacks (XMind's 树形图, a comb): a parent whose visible children are all leaves
shows them as a column (or several) hanging from a spine under it.

:func:`find_stacks` finds them and sizes each parent with its stack as one composite box
for the tidy layout (:mod:`.tidy`); :func:`place_stacks` expands the composites after it.
"""

from __future__ import annotations

import math
from itertools import accumulate, compress, repeat
from operator import add

from featuretree.model.layout.metrics import Metrics

_StackSizes = tuple[int, list[tuple[int, int]], list[float], float, float]
"""A leaf stack: its parent, its columns (first and end leaf), their widths, and the
stack's width and height."""


def find_stacks(
    fan: list[int],
    depths: list[int],
    levels: frozenset[int] | None,
    columns: int,
    widths: list[float],
    heights: list[float],
    metrics: Metrics,
    stacked: list[bool],
) -> list[_StackSizes]:
    """The leaf stacks, in document order, with their sizes; marks their leaves ``stacked``."""
    indent, gap, column_gap = metrics.stack_indent, metrics.stack_gap, metrics.column_gap
    found: list[_StackSizes] = []
    for p in compress(range(len(fan)), fan):
        first = p + 1
        k = fan[p]
        end = first + k
        # All leaves iff none of the next k nodes has children (were one of the children
        # not a leaf, it would be among them, after the leaves before it).
        if (levels is not None and depths[p] not in levels) or any(fan[first:end]):
            continue
        stacked[first:end] = [True] * k
        per_column = -(-k // columns)
        if per_column == k:  # one column
            spans = [(first, end)]
            column_widths = [indent + max(widths[first:end])]
            column_heights = [sum(heights[first:end]) + gap * (k - 1)]
        else:
            spans = [(a, min(a + per_column, end)) for a in range(first, end, per_column)]
            column_widths = [indent + max(widths[a:b]) for a, b in spans]
            column_heights = [sum(heights[a:b]) + gap * (b - a - 1) for a, b in spans]
        width = sum(column_widths) + column_gap * (len(spans) - 1)
        found.append((p, spans, column_widths, width, max(column_heights)))
    return found


def place_stacks(
    stacks: list[_StackSizes],
    unit_of: list[int],
    along: list[float],
    across: list[float],
    widths: list[float],
    heights: list[float],
    metrics: Metrics,
) -> tuple[list[float], list[float], list[float | None]]:
    """Every box's corner: the units' from the tidy walk (``along``/``across``, top-down),
    each stack's parent centred in its composite and its leaves down the columns.

    Returns xs, ys, and per box the spine of the stack column it hangs from (``None``
    for a box outside a stack).
    """
    integral = metrics.integral
    gap_y, indent, gap = metrics.gap_y, metrics.stack_indent, metrics.stack_gap
    column_gap = metrics.column_gap
    spine_offset = 1 if integral else indent / 2
    floor = math.floor
    xs: list[float] = []
    ys: list[float] = []
    spines: list[float | None] = [None] * len(widths)
    start = 0
    for p, spans, column_widths, stack_width, _height in stacks:
        # The units up to this stack's parent (p, the last of them), then its leaves.
        end = unit_of[p] + 1
        xs += along[start:end]
        ys += across[start:end]
        start = end
        left = xs[p]
        width = widths[p]
        stack_left = left + (max(width, stack_width) - stack_width) / 2
        offset = (max(width, stack_width) - width) / 2
        if integral:
            stack_left = floor(stack_left)
            offset = floor(offset)
        xs[p] = left + offset
        top = ys[p] + heights[p] + gap_y
        column_left = stack_left
        for (a, b), column_width in zip(spans, column_widths):
            spines[a:b] = repeat(column_left + spine_offset, b - a)
            xs += repeat(column_left + indent, b - a)
            # y, then y += height + gap for each leaf down the column
            ys += accumulate(map(add, heights[a : b - 1], repeat(gap)), initial=top)
            column_left += column_width + column_gap
    xs += along[start:]
    ys += across[start:]
    return xs, ys, spines
