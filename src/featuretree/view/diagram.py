"""The 功能结构图 as terminal cells, one row at a time, for a Line-API widget.

:func:`build_diagram` lays the tree out in terminal cells (:mod:`featuretree.model.layout`)
and returns a :class:`Diagram`: an index of what lies on each row (boxes, connector
segments), from which :meth:`Diagram.line` draws one row — or the visible columns of it
— on demand. Nothing is drawn up front, so a 10,000-node diagram is ready as soon as it
is indexed, and a screen costs only the rows it shows.

Each cell carries a style *name*, not a rich style, so the widget maps names to its
theme: ``box.<status>`` (``box.existing``, ``box.new``, ``box.changed``,
``box.deprecated``) for a box's border and title, ``badge`` for its badge line (tags and
counts, ``#P0 ✎2 ◆1``) and for the placeholder of a node with no title, ``badge.folded``
for ``+N``, ``connector`` for the lines between boxes and ``""`` for empty cells. The
box under the cursor has ``.cursor`` added to each of its names.

Boxes have rounded corners, connectors meet them with ``┬ ┴ ├ ┤`` and join with
``┼``; :data:`ASCII` is the fallback set for terminals that draw box-drawing characters
two cells wide. A CJK character takes two cells and is never cut in half: a window that
starts or ends inside one shows a space there.
"""

from __future__ import annotations

import itertools
from bisect import bisect_left, bisect_right
from collections.abc import Collection
from dataclasses import dataclass
from functools import partial
from operator import attrgetter, sub
from typing import Literal, NamedTuple

from featuretree.model.cells import cell_len, char_cells, wrap_lines
from featuretree.model.enums import SuggestionStatus
from featuretree.model.layout import TERMINAL, Layout, LayoutOptions, Metrics, layout_tree
from featuretree.model.layout.metrics import tagged_mark
from featuretree.model.marks import count_badges
from featuretree.model.node import FeatureNode
from featuretree.view.subtree_counts import SubtreeCounts

__all__ = ["ASCII", "UNICODE", "Diagram", "Glyphs", "build_diagram", "node_badge"]

Segment = tuple[str, str]
"""``(text, style name)``."""

Key = Literal["up", "down", "left", "right"]
"""An arrow key, for :meth:`Diagram.move`."""

_U, _D, _L, _R = 1, 2, 4, 8
_BAND = 64
"""Cells per band of the index (along the picture's longer side)."""
_LONG = 4 * _BAND
"""A connector longer than this (a bar across many bands) is checked in every band."""
_REACH = 8
"""How far a connector may lie outside its two boxes along the bands' axis (a leaf
stack's spine runs a few cells left of its leaves)."""


@dataclass(frozen=True)
class Glyphs:
    """The characters a diagram is drawn with."""

    lines: dict[int, str]
    """Connector character for each set of directions (``_U | _D`` → ``│``...)."""
    top_left: str
    top_right: str
    bottom_left: str
    bottom_right: str
    horizontal: str
    vertical: str
    junction_up: str
    """A box's top border where a connector leaves upwards (``┴``)."""
    junction_down: str
    junction_left: str
    junction_right: str


UNICODE = Glyphs(
    lines={
        _U: "│",
        _D: "│",
        _U | _D: "│",
        _L: "─",
        _R: "─",
        _L | _R: "─",
        _D | _R: "┌",
        _D | _L: "┐",
        _U | _R: "└",
        _U | _L: "┘",
        _U | _D | _R: "├",
        _U | _D | _L: "┤",
        _L | _R | _D: "┬",
        _L | _R | _U: "┴",
        _U | _D | _L | _R: "┼",
    },
    top_left="╭",
    top_right="╮",
    bottom_left="╰",
    bottom_right="╯",
    horizontal="─",
    vertical="│",
    junction_up="┴",
    junction_down="┬",
    junction_left="┤",
    junction_right="├",
)
"""Box-drawing characters with rounded corners."""

ASCII = Glyphs(
    lines={
        bits: ("|" if bits in (_U, _D, _U | _D) else "-" if bits in (_L, _R, _L | _R) else "+")
        for bits in range(1, 16)
    },
    top_left="+",
    top_right="+",
    bottom_left="+",
    bottom_right="+",
    horizontal="-",
    vertical="|",
    junction_up="+",
    junction_down="+",
    junction_left="+",
    junction_right="+",
)
"""Plain ASCII, for terminals that draw box-drawing characters two cells wide."""


def node_badge(node: FeatureNode, inside: SubtreeCounts | None = None) -> str:
    """The counts a box shows: ``"✎2 ◆1"`` (change-log entries, open suggestions) or ``""``.

    ``inside``, for a folded box: the counts of everything in it, node included, as the
    outline's folded row shows them (its ``+N`` follows).
    """
    if inside is not None:
        changes, open_count = inside.of(node)
        return count_badges(changes, open_count) if changes or open_count else ""
    if not node.changelog and not node.suggestions:
        return ""
    return count_badges(len(node.changelog), node.open_suggestions)


_CHANGELOG = attrgetter("changelog")
_SUGGESTIONS = attrgetter("suggestions")
_SUGGESTION_STATUS = attrgetter("status")
_OPEN = frozenset(status for status in SuggestionStatus if status.is_open)
_BADGE_TEXTS: dict[tuple[int, int], str] = {}
"""``count_badges`` of (change-log entries, open suggestions), as made so far: a handful
of pairs recur across a tree."""


def node_badges(nodes: list[FeatureNode]) -> list[str]:
    """:func:`node_badge` of each node (``inside`` none), asking only the nodes that have
    a change log or suggestions: most have neither, and a call for each node would be a
    tenth of a layout. The open suggestions are counted in C (no property, no generator
    per node) and the text of each pair of counts is made once."""
    badges = [""] * len(nodes)
    every = range(len(nodes))
    annotated = {
        *itertools.compress(every, map(_CHANGELOG, nodes)),
        *itertools.compress(every, map(_SUGGESTIONS, nodes)),
    }
    texts = _BADGE_TEXTS
    if len(texts) > 4096:  # counts of a long session's documents: bound the memory
        texts.clear()
    for i in annotated:
        node = nodes[i]
        counts = (
            len(node.changelog),
            sum(map(_OPEN.__contains__, map(_SUGGESTION_STATUS, node.suggestions))),
        )
        text = texts.get(counts)
        if text is None:
            text = texts[counts] = count_badges(*counts)
        badges[i] = text
    return badges


def build_diagram(
    root: FeatureNode,
    options: LayoutOptions = LayoutOptions(),  # noqa: B008 (frozen, shared safely)
    *,
    folded: Collection[FeatureNode] = (),
    metrics: Metrics = TERMINAL,
    ascii: bool = False,
    keep: Collection[FeatureNode] | None = None,
    counts: SubtreeCounts | None = None,
    tags: bool = False,
    untitled: str = "",
) -> Diagram:
    """Lay out the unfolded tree under ``root`` in terminal cells and index its rows.

    ``keep``: a filter's nodes (closed under ancestors), the only ones laid out.
    ``counts``: the outline's counts of what folded nodes hold (shared, so both views
    count alike and once); new ones by default. ``tags``: a box shows its node's tags
    before its counts (``#P0 ✎2``); ``untitled``: what a box with no title shows (the
    outline's ``（未命名）``), dim — as the pictures draw them (see ``layout_tree``).
    """
    inside = counts if counts is not None else SubtreeCounts()
    layout = layout_tree(
        root,
        metrics,
        options,
        folded=folded,
        badges=node_badges,
        keep=keep,
        folded_badge=partial(node_badge, inside=inside),
        tags=tags,
        untitled=untitled,
    )
    diagram = Diagram(layout, glyphs=ASCII if ascii else UNICODE, pad_x=int(metrics.pad_x))
    diagram.metrics = metrics
    diagram.counts = inside
    diagram.tags = tags
    return diagram


class Diagram:
    """A laid-out tree as rows of terminal cells, each drawn when asked for.

    The layout must be in whole cells (:data:`~featuretree.model.layout.TERMINAL` or
    other metrics with ``integral=True``).

    ``width``/``height`` are the picture's size in cells. The index is built in the
    constructor (linear in boxes and edges); :meth:`line` costs the boxes and connectors
    on that row within the columns asked for.
    """

    def __init__(self, layout: Layout, *, glyphs: Glyphs = UNICODE, pad_x: int = 2) -> None:
        self.layout = layout
        self.metrics = TERMINAL
        """The units the layout was made in (:meth:`update_box` measures with them)."""
        self.counts = SubtreeCounts()
        """What folded nodes hold, as counted for the layout (:meth:`update_box`)."""
        self.tags = False
        """Whether the boxes show their nodes' tags (as laid out; :meth:`update_box`)."""
        self._children: tuple[list[int], list[int]] | None = None  # made on the first move
        self.glyphs = glyphs
        self.pad_x = pad_x
        self.width = int(layout.width)
        self.height = int(layout.height)
        # Bands run across the picture's longer side (columns of a wide top-down
        # picture, rows of a tall left-to-right one): the rows on screen need only the
        # bands they cross, each indexed on first use. Opening 10,000 boxes then costs
        # two sorts made in C, not a walk of every box and connector in Python.
        self._along_x = self.width >= self.height
        self._bands: dict[int, _Band] = {}
        self._order: _Order | None = None

    # -- the index: bands of the picture, each made when first drawn ----------------------

    def _band(self, j: int) -> _Band:
        """Band ``j`` (cells ``j * _BAND`` to ``(j + 1) * _BAND - 1`` along the bands' axis)."""
        band = self._bands.get(j)
        if band is None:
            if self._order is None:
                self._order = _Order(self.layout, self._along_x)
            band = self._bands[j] = self._make_band(j * _BAND, (j + 1) * _BAND)
        return band

    def _make_band(self, a: int, b: int) -> _Band:
        """What lies between ``a`` and ``b`` (excluded) along the bands' axis, by row."""
        order = self._order
        assert order is not None
        layout = self.layout
        boxes = layout.boxes
        box_xs, box_ys, box_hs = boxes.x, boxes.y, boxes.h
        along_x = self._along_x
        by_row: dict[int, list[int]] = {}
        starts, sizes = order.starts, order.sizes
        first = bisect_left(order.sorted_starts, a - order.longest + 1)
        for k in order.boxes[first : bisect_left(order.sorted_starts, b)]:
            if starts[k] + sizes[k] <= a:
                continue
            y = box_ys[k]
            top, bottom = int(y), int(y + box_hs[k])
            if not along_x:
                top, bottom = max(top, a), min(bottom, b)
            for y in range(top, bottom):
                row = by_row.get(y)
                if row is None:
                    by_row[y] = [k]
                else:
                    row.append(k)
        for row in by_row.values():
            row.sort(key=box_xs.__getitem__)
        bits: dict[int, dict[int, int]] = {}
        edges = layout.edges
        down = layout.direction == "down"
        for i in order.edges_in(a, b):
            points = edges.points(i + 1)  # edge i goes into box i + 1
            # The first point lies just outside the parent (below it, or right of it):
            # start on its border, where the connector shows as ┬ (or ├).
            ax, ay = points[0]
            if down:
                ay -= 1
            else:
                ax -= 1
            for bx, by in points:
                if ay == by:  # along a row
                    s, e = (ax, bx) if ax < bx else (bx, ax)
                    y = int(ay)
                    if along_x:
                        xs = range(max(s, a), min(e + 1, b))
                    elif a <= y < b:
                        xs = range(s, e + 1)
                    else:
                        xs = range(0)
                    if xs and s < e:
                        row_bits = bits.get(y)
                        if row_bits is None:
                            row_bits = bits[y] = {}
                        for x in xs:
                            row_bits[x] = (
                                row_bits.get(x, 0) | (_L if x > s else 0) | (_R if x < e else 0)
                            )
                else:  # along a column
                    s, e = (ay, by) if ay < by else (by, ay)
                    x = int(ax)
                    if along_x:
                        ys = range(s, e + 1) if a <= x < b else range(0)
                    else:
                        ys = range(max(s, a), min(e + 1, b))
                    if s < e:
                        for y in ys:
                            row_bits = bits.get(y)
                            if row_bits is None:
                                row_bits = bits[y] = {}
                            row_bits[x] = (
                                row_bits.get(x, 0) | (_U if y > s else 0) | (_D if y < e else 0)
                            )
                ax, ay = bx, by
        return _Band(by_row, bits)

    def _row(self, y: int, x0: int, x1: int) -> tuple[list[int], dict[int, int]]:
        """The boxes on row ``y`` reaching into columns ``x0``..``x1 - 1`` (left to right),
        and the directions of the connector lines through the cells of the row (the
        window's at least)."""
        xs, ws = self.layout.boxes.x, self.layout.boxes.w
        if self._along_x:
            first, last = x0 // _BAND, (x1 - 1) // _BAND
            if first == last:
                band = self._band(first)
                found = band.boxes.get(y, ())
                bits = band.bits.get(y) or {}
            else:
                seen: dict[int, None] = {}
                bits = {}
                for j in range(first, last + 1):
                    band = self._band(j)
                    seen.update(dict.fromkeys(band.boxes.get(y, ())))
                    bits.update(band.bits.get(y, ()))
                found = sorted(seen, key=xs.__getitem__)
        else:
            band = self._band(y // _BAND)
            found = band.boxes.get(y, ())
            bits = band.bits.get(y) or {}
        return [k for k in found if xs[k] < x1 and xs[k] + ws[k] > x0], bits

    # -- finding boxes -------------------------------------------------------------------

    def box_at(self, x: int, y: int) -> int | None:
        """Index (in ``layout.boxes``) of the box covering cell ``(x, y)``, if any."""
        found, _ = self._row(y, x, x + 1)
        return found[0] if found else None

    def index_of(self, node_id: str) -> int | None:
        """Index of the box of node ``node_id`` (``None`` when folded away or absent)."""
        return self.layout.index.get(node_id)

    def children(self, k: int) -> list[int]:
        """Indexes of box ``k``'s children's boxes, in document order."""
        if self._children is None:
            # Every box but the root by its parent's index (a stable sort keeps document
            # order among siblings), and those parents' indexes: a box's children are a
            # run found by bisection. Made in C: a list per box and an append per child
            # were ~10% of the layout's time, in the thread that lays out after an edit.
            parents = self.layout.boxes.parent
            by_parent = sorted(range(1, len(parents)), key=parents.__getitem__)
            self._children = (by_parent, list(map(parents.__getitem__, by_parent)))
        by_parent, their_parents = self._children
        return by_parent[bisect_left(their_parents, k) : bisect_right(their_parents, k)]

    def page_target(self, k: int, rows: int) -> int:
        """The box a page away from box ``k`` (``rows`` down, or up when negative): of
        the boxes whose middle lies that way, the nearest to the point ``rows`` from
        ``k``'s middle, a column counting half a row (a cell is about half as wide as
        it is tall); the first such box by index on a tie; ``k`` when none lies that way.

        Only the boxes within a window along the bands' axis are looked at, widened
        until no box outside it could be nearer: a page key at 10,000 boxes then looks
        at a few hundred, not all of them (measured: 17 ms of the key was the scan).
        """
        if self._order is None:
            self._order = _Order(self.layout, self._along_x)
        order = self._order
        boxes = self.layout.boxes
        xs, ys, ws, hs = boxes.x, boxes.y, boxes.w, boxes.h
        x, y = xs[k] + ws[k] / 2, ys[k] + hs[k] / 2
        target_y = y + rows
        way = 1 if rows > 0 else -1
        # Along the bands' axis a box nearer than ``best`` lies within ``reach`` cells.
        centre, scale = (x, 2.0) if self._along_x else (target_y, 1.0)
        half = float(_BAND)
        extent = self.width if self._along_x else self.height
        while True:
            lo, hi = centre - half, centre + half
            best, best_distance = None, 0.0
            first = bisect_left(order.sorted_starts, lo - order.longest)
            for i in order.boxes[first : bisect_right(order.sorted_starts, hi)]:
                middle = ys[i] + hs[i] / 2
                if (middle - y) * way <= 0:  # not that way
                    continue
                dx, dy = (xs[i] + ws[i] / 2 - x) / 2, middle - target_y
                distance = dx * dx + dy * dy
                if best is None or (distance, i) < (best_distance, best):
                    best, best_distance = i, distance
            covered = lo <= 0 and hi >= extent
            if best is not None:
                reach = scale * best_distance**0.5
                if reach <= half or covered:
                    return best
                half = reach
            elif covered:
                return k
            else:
                half *= 4

    def move(self, k: int, key: Key) -> int:
        """The box the cursor goes to from box ``k`` with an arrow key (``k`` if none).

        The arrows follow the tree in the direction of the layout: towards the root goes
        to the parent, away from it to the child nearest the parent's middle, across to
        the previous or next sibling. In a leaf stack, whose siblings hang one under the
        other, up and down go along the stack (up from the first leaf: the parent) and
        left goes back to the parent.
        """
        boxes = self.layout.boxes
        box = boxes[k]
        down = self.layout.direction == "down"
        toward_root, away = ("up", "down") if down else ("left", "right")
        before, after = ("left", "right") if down else ("up", "down")
        parent = box.parent
        siblings = self.children(parent) if parent >= 0 else [k]
        position = siblings.index(k)
        if box.stacked:
            if key == "up":
                return siblings[position - 1] if position > 0 else parent
            if key == "down":
                return siblings[position + 1] if position + 1 < len(siblings) else k
            return parent if key == "left" else k
        if key == toward_root:
            return parent if parent >= 0 else k
        if key == away:
            kids = self.children(k)
            if not kids:
                return k
            if boxes[kids[0]].stacked:
                return kids[0]
            middle = box.x + box.w / 2 if down else box.y + box.h / 2

            def distance(i: int) -> float:
                child = boxes[i]
                centre = child.x + child.w / 2 if down else child.y + child.h / 2
                return abs(centre - middle)

            return min(kids, key=distance)
        if key == before:
            return siblings[position - 1] if position > 0 else k
        if key == after:
            return siblings[position + 1] if position + 1 < len(siblings) else k
        return k

    def update_box(self, node: FeatureNode, counts: SubtreeCounts | None = None) -> bool:
        """Show ``node``'s new title, status and counts in its box without a new layout.

        True when done: the box keeps its size (a status, a priority, a count of the
        same width). False when the box would change size or is not laid out: the
        caller lays the tree out again. ``counts``: what folded nodes hold, up to date
        with the edit (default: those the diagram was laid out with).
        """
        k = self.layout.index.get(node.id)
        if k is None:
            return False
        box = self.layout.boxes[k]
        metrics = self.metrics
        placeholder = self.layout.untitled_text
        untitled = not node.title and bool(placeholder)
        title = placeholder if untitled else node.title
        widest = metrics.text_width(title)
        if widest <= metrics.max_text_width and "\n" not in title:
            lines: tuple[str, ...] = (title,)
        else:
            lines = tuple(wrap_lines(title, metrics.max_text_width, metrics.char_width))
            widest = max(map(metrics.text_width, lines))
        mark = node_badge(node, (counts or self.counts) if box.hidden else None)
        if box.hidden:
            mark = f"{mark} +{box.hidden}" if mark else f"+{box.hidden}"
        if self.tags and node.tags:
            mark = tagged_mark(node.tags, mark, metrics)
        if mark:
            widest = max(widest, metrics.text_width(mark))
        width = widest + 2 * metrics.pad_x
        height = (len(lines) + (1 if mark else 0)) * metrics.line_height + 2 * metrics.pad_y
        if (width, height) != (box.w, box.h):
            return False
        self.layout.boxes[k] = box._replace(lines=lines, badge=mark, status=node.status.value)
        if untitled:
            self.layout.untitled.add(k)
        else:
            self.layout.untitled.discard(k)
        return True

    # -- drawing -------------------------------------------------------------------------

    def line(
        self, y: int, x0: int = 0, x1: int | None = None, *, cursor: int | None = None
    ) -> list[Segment]:
        """Row ``y`` between columns ``x0`` (included) and ``x1`` (excluded; default the
        right edge) as ``(text, style name)`` segments, exactly ``x1 - x0`` cells wide.

        ``cursor`` is the index of the box under the cursor (its names get ``.cursor``).
        """
        if x1 is None:
            x1 = self.width
        span = x1 - x0
        if span <= 0:
            return []
        chars: list[str] = [" "] * span
        styles: list[str] = [""] * span
        lines = self.glyphs.lines
        found, bits = self._row(y, x0, x1)
        for x, b in bits.items():
            if x0 <= x < x1:
                chars[x - x0] = lines[b]
                styles[x - x0] = "connector"
        for k in found:
            self._draw_box(k, y, x0, x1, chars, styles, bits, cursor == k)
        return _segments(chars, styles)

    def lines(self, x0: int = 0, x1: int | None = None) -> list[str]:
        """Every row as plain text (for tests, ``featuretree show`` and small trees)."""
        return ["".join(t for t, _ in self.line(y, x0, x1)) for y in range(self.height)]

    def _draw_box(
        self,
        k: int,
        y: int,
        x0: int,
        x1: int,
        chars: list[str],
        styles: list[str],
        bits: dict[int, int],
        is_cursor: bool,
    ) -> None:
        box = self.layout.boxes[k]
        g = self.glyphs
        left, top = int(box.x), int(box.y)
        right, bottom = left + int(box.w) - 1, top + int(box.h) - 1
        suffix = ".cursor" if is_cursor else ""
        style = f"box.{box.status}{suffix}"
        cells: list[tuple[int, str, str]] = []  # (x, char, style)
        if y in (top, bottom):
            for x in range(left, right + 1):
                if x == left:
                    char = g.top_left if y == top else g.bottom_left
                elif x == right:
                    char = g.top_right if y == top else g.bottom_right
                elif y == top and bits.get(x, 0) & _U:
                    char = g.junction_up
                elif y == bottom and bits.get(x, 0) & _D:
                    char = g.junction_down
                else:
                    char = g.horizontal
                cells.append((x, char, style))
        else:
            side = bits.get(left, 0)
            cells.append((left, g.junction_left if side & _L else g.vertical, style))
            side = bits.get(right, 0)
            cells.append((right, g.junction_right if side & _R else g.vertical, style))
            inner = right - left - 1
            for x in range(left + 1, right):
                cells.append((x, " ", style))
            row = y - top - 1
            text, text_style = "", style
            folded_from = -1  # where ``+N`` starts in the badge line
            if row < len(box.lines):
                text = box.lines[row]
                if k in self.layout.untitled:  # the placeholder, not a title: dim
                    text_style = f"badge{suffix}"
            elif row == len(box.lines) and box.badge:
                text = box.badge
                text_style = f"badge{suffix}"
                if box.hidden:
                    folded_from = len(text) - len(f"+{box.hidden}")
            if text:
                start = left + 1 + max(0, (inner - cell_len(text)) // 2)
                if folded_from < 0:
                    folded_from = len(text)
                x = start
                for i, char in enumerate(text):
                    width = char_cells(char)
                    if width == 0:
                        continue
                    name = text_style if i < folded_from else f"badge.folded{suffix}"
                    cells.append((x, char, name))
                    if width == 2:
                        cells.append((x + 1, "", name))
                    x += width
        for x, char, name in cells:
            if x0 <= x < x1:
                chars[x - x0] = char
                styles[x - x0] = name
        # A wide character cut by the window's edge shows as a space, never half a glyph.
        if chars and chars[0] == "":
            chars[0] = " "
        if chars and chars[-1] and char_cells(chars[-1]) == 2:
            chars[-1] = " "


def _segments(chars: list[str], styles: list[str]) -> list[Segment]:
    """Runs of cells with one style, as ``(text, style)``."""
    segments: list[Segment] = []
    start = 0
    for i in range(1, len(chars) + 1):
        if i == len(chars) or styles[i] != styles[start]:
            segments.append(("".join(chars[start:i]), styles[start]))
            start = i
    return segments


class _Band(NamedTuple):
    """What lies in one band of the picture, by row."""

    boxes: dict[int, list[int]]
    """Row → the boxes on it (indexes in ``layout.boxes``), left to right."""
    bits: dict[int, dict[int, int]]
    """Row → column → directions of the connector lines through that cell."""


class _Order:
    """Boxes sorted along the bands' axis, and the connectors that span many bands.

    Made with ``map`` and ``sorted`` (C loops), never a Python walk of every box: a
    connector's extent is taken from its two boxes' (widened by :data:`_REACH`), and one
    between nearby boxes is found through its child's box, which the sort places.
    """

    def __init__(self, layout: Layout, along_x: bool) -> None:
        boxes = layout.boxes
        # The layout's own columns (never changed once laid out: an edit that keeps a
        # box's size writes the same place and size back).
        self.starts = starts = boxes.x if along_x else boxes.y
        self.sizes = boxes.w if along_x else boxes.h
        self.boxes = sorted(range(len(boxes)), key=starts.__getitem__)
        """Box indexes by where they start."""
        self.sorted_starts = list(map(starts.__getitem__, self.boxes))
        self.longest = int(max(self.sizes, default=1))
        # Connector i goes into box i + 1, from that box's parent.
        self.parents = parents = boxes.parent[1:]
        gaps = map(abs, map(sub, map(starts.__getitem__, parents), starts[1:]))
        self.long = list(itertools.compress(range(len(parents)), map(_LONG.__lt__, gaps)))
        """Connectors between boxes far apart, checked in every band (few: near the root)."""
        self.long_set = frozenset(self.long)
        self.long_extents = [self.extent(i, i + 1) for i in self.long]
        """Where each of :attr:`long` may lie (:meth:`extent`), for every band to check."""

    def extent(self, i: int, child: int) -> tuple[int, int]:
        """Where connector ``i`` (into box ``child``) may lie along the axis: from, to (excluded)."""
        starts, sizes = self.starts, self.sizes
        parent = self.parents[i]
        lo = min(starts[parent], starts[child])
        hi = max(starts[parent] + sizes[parent], starts[child] + sizes[child])
        return lo - _REACH, hi + _REACH

    def edges_in(self, a: int, b: int) -> list[int]:
        """The connectors that may reach into ``a``..``b - 1`` along the axis."""
        found = []
        children = self.boxes[
            bisect_left(self.sorted_starts, a - _LONG - self.longest - _REACH) : bisect_left(
                self.sorted_starts, b + _LONG + _REACH
            )
        ]
        long_set = self.long_set
        starts, sizes, parents = self.starts, self.sizes, self.parents
        # extent(i, child) written out: a call per connector was half of this.
        for child in children:
            i = child - 1  # the connector into box ``child`` (none into the root)
            if i < 0 or i in long_set:
                continue
            parent = parents[i]
            p_start, c_start = starts[parent], starts[child]
            lo = p_start if p_start < c_start else c_start
            p_end, c_end = p_start + sizes[parent], c_start + sizes[child]
            hi = p_end if p_end > c_end else c_end
            if lo - _REACH < b and hi + _REACH > a:
                found.append(i)
        for i, (lo, hi) in zip(self.long, self.long_extents):
            if lo < b and hi > a:
                found.append(i)
        return found
