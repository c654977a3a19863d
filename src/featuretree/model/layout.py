"""Where each box of the 功能结构图 goes: a non-layered tidy tree in linear time.

The algorithm is A. J. van der Ploeg's, "Drawing Non-layered Tidy Trees in Linear Time"
(Software: Practice and Experience 44(12), 2014): boxes of any size, a child right
below its parent (not on a shared row per level), a parent centred over its children,
subtrees pushed together as far as their contours allow, and small subtrees between
two separated ones spread evenly. It is written over flat lists indexed in preorder, so
nothing recurses: the first walk visits indices in reverse (children before parents),
the second in order (parents before children). A tree 100,000 levels deep lays out.

**Leaf stacks** (XMind's 树形图, a comb): a parent whose visible children are all leaves
shows them as a column hanging from a spine under it, not as a row. The parent and its
stack are one composite box for the tidy layout and are expanded after it. A stack may
wrap into several columns (:attr:`LayoutOptions.stack_columns`) and may be limited to
some levels (:attr:`LayoutOptions.stack_levels`). Stacks apply to the top-down
direction; left to right, siblings are already one above the other.

**Units** come from :class:`Metrics`: terminal cells (:data:`TERMINAL`, CJK two cells,
whole-number coordinates) or font units for SVG. Titles wrap to
:attr:`Metrics.max_text_width` (CJK at any character, see :mod:`.cells`).

Only the unfolded part is laid out: a folded node (or one at the depth limit) is a box
whose badge says ``+N``, N being how many nodes are hidden under it. Under a filter
(``keep``), only its nodes are laid out, as the outline shows them.

**Speed** (the view lays out again after every edit): each per-node column is a flat
list made by ``map``/``zip``/slices, which loop in C; Python loops only where the
algorithm needs them (the walk, the tidy walks over parents, a step per stack). Each
title's size is remembered per :class:`Metrics` between layouts, so a layout after an
edit measures only the changed titles (:func:`forget_sizes` forgets them). The result
is columns, not a tuple per box: :class:`Boxes` keeps a list per field and makes a
:class:`Box` when one is read, and :class:`Edges` makes a connector's points from its two
boxes when they are read (the diagram reads only those on screen).
``benchmarks/layout.py`` times it against a plain walk of the tree.
"""

from __future__ import annotations

import math
import sys
from collections.abc import Callable, Collection, Iterator, Sequence
from dataclasses import dataclass, field
from itertools import accumulate, compress, repeat
from operator import add, attrgetter, is_, itemgetter, not_
from typing import Literal, NamedTuple, overload

from featuretree.collector import gc_paused
from featuretree.model.cells import cell_len, char_cells, wrap_lines
from featuretree.model.node import FeatureNode

__all__ = [
    "TERMINAL",
    "Box",
    "Boxes",
    "Direction",
    "Edge",
    "Edges",
    "Layout",
    "LayoutOptions",
    "Metrics",
    "forget_sizes",
    "layout_tree",
]

Direction = Literal["down", "right"]
"""``down``: the root on top (org chart); ``right``: the root on the left (logic chart)."""


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


@dataclass(frozen=True)
class LayoutOptions:
    """What the user chooses: direction, stacking, depth."""

    direction: Direction = "down"
    stack_columns: int = 1
    """Columns a leaf stack wraps into; 0 draws leaves as a row like any children."""
    stack_levels: frozenset[int] | None = None
    """Depths of the parents whose leaves stack (root = 0); ``None``: every level."""
    max_depth: int | None = None
    """Deepest level shown (root = 0); the nodes there show ``+N`` for what is below."""


class Box(NamedTuple):
    """One node's box. ``x``/``y`` is the top-left corner; text lines are the title
    wrapped, then ``badge`` (change-log and suggestion counts, ``+N``) on a line of its own
    when not empty."""

    node_id: str
    x: float
    y: float
    w: float
    h: float
    lines: tuple[str, ...]
    badge: str
    status: str
    depth: int
    parent: int
    """Index of the parent's box in :attr:`Layout.boxes`; -1 for the root."""
    hidden: int = 0
    """Nodes folded away under this one (the ``+N``)."""
    stacked: bool = False
    """Drawn in its parent's leaf stack."""


class Edge(NamedTuple):
    """An orthogonal connector from a parent's box to a child's.

    ``points`` start on the parent's bottom edge (right edge going right) and end on
    the child's top edge (left edge going right, or for a stacked leaf); consecutive
    points differ in one coordinate only.
    """

    parent: int
    child: int
    points: tuple[tuple[float, float], ...]


_make = tuple.__new__
"""Makes a NamedTuple from a tuple of its fields without its constructor's Python frame."""


class Boxes(Sequence[Box]):
    """A layout's boxes, kept a field at a time: ``boxes.x`` lists every box's ``x`` (a
    column), and ``boxes[k]`` is box ``k`` as a :class:`Box`, made when asked for.

    Columns because 10,000 ``Box`` tuples made up front cost the layout a fifth of its
    time, and the cyclic garbage collector a scan of every one of them afterwards (tens
    of ms in the editor, whose start-up objects are frozen); a dozen lists of numbers
    and strings cost neither. Readers of many boxes (the diagram's index) read columns.
    """

    __slots__ = Box._fields

    node_id: list[str]
    x: list[float]
    y: list[float]
    w: list[float]
    h: list[float]
    lines: list[tuple[str, ...]]
    badge: list[str]
    status: list[str]
    depth: list[int]
    parent: list[int]
    hidden: list[int]
    stacked: list[bool]

    def __init__(self, *columns: list) -> None:
        """One list per field of :class:`Box`, in its order, all as long."""
        for name, column in zip(Box._fields, columns, strict=True):
            setattr(self, name, column)

    def columns(self) -> tuple[list, ...]:
        """Every column, in the order of :class:`Box`'s fields."""
        return tuple(map(self.__getattribute__, Box._fields))

    def __len__(self) -> int:
        return len(self.node_id)

    @overload
    def __getitem__(self, k: int) -> Box: ...

    @overload
    def __getitem__(self, k: slice) -> list[Box]: ...

    def __getitem__(self, k: int | slice) -> Box | list[Box]:
        if isinstance(k, slice):
            return list(map(_make, repeat(Box), zip(*(c[k] for c in self.columns()))))
        return _make(
            Box,
            (
                self.node_id[k],
                self.x[k],
                self.y[k],
                self.w[k],
                self.h[k],
                self.lines[k],
                self.badge[k],
                self.status[k],
                self.depth[k],
                self.parent[k],
                self.hidden[k],
                self.stacked[k],
            ),
        )

    def __setitem__(self, k: int, box: Box) -> None:
        """Box ``k`` becomes ``box`` (a new title or status in a box of the same size:
        the connectors are made from the boxes, so a box must keep its place and size)."""
        for column, value in zip(self.columns(), box, strict=True):
            column[k] = value

    def __iter__(self) -> Iterator[Box]:
        return map(_make, repeat(Box), zip(*self.columns()))

    def __eq__(self, other: object) -> bool:
        if isinstance(other, Boxes):
            return self.columns() == other.columns()
        if isinstance(other, Sequence):
            return list(self) == list(other)
        return NotImplemented

    __hash__ = None  # type: ignore[assignment]  # mutable, like a list

    def __repr__(self) -> str:
        return f"Boxes({list(self)!r})"


class Edges(Sequence[Edge]):
    """A layout's connectors: one into every box but the root, in the boxes' order
    (``edges[i]`` goes into box ``i + 1``), each made from its two boxes when asked for.

    Nothing is made up front: the diagram asks only for the connectors it draws, and
    ``points(child)`` gives one connector's points without the :class:`Edge` around them.
    """

    __slots__ = ("_bar", "_boxes", "_down", "_gap", "_integral", "_spine")

    def __init__(
        self,
        boxes: Boxes,
        *,
        down: bool,
        integral: bool,
        gap: float,
        spine: list[float | None] | None,
    ) -> None:
        """``gap``: between a parent and its children (``gap_y`` down, ``gap_x`` right);
        ``spine``: per box, the spine of the stack column a stacked leaf hangs from."""
        self._boxes = boxes
        self._down = down
        self._integral = integral
        self._gap = gap
        self._bar = _mid(0, gap, integral)
        self._spine = spine

    def __len__(self) -> int:
        return max(0, len(self._boxes) - 1)

    @overload
    def __getitem__(self, i: int) -> Edge: ...

    @overload
    def __getitem__(self, i: slice) -> list[Edge]: ...

    def __getitem__(self, i: int | slice) -> Edge | list[Edge]:
        if isinstance(i, slice):
            return list(map(self.__getitem__, range(len(self))[i]))
        child = range(1, len(self._boxes))[i]  # raises IndexError as a list would
        return _make(Edge, (self._boxes.parent[child], child, self.points(child)))

    def __iter__(self) -> Iterator[Edge]:
        return map(self.__getitem__, range(len(self)))

    def __eq__(self, other: object) -> bool:
        if isinstance(other, Sequence):
            return list(self) == list(other)
        return NotImplemented

    __hash__ = None  # type: ignore[assignment]

    def __repr__(self) -> str:
        return f"Edges({list(self)!r})"

    def points(self, child: int) -> tuple[tuple[float, float], ...]:
        """The points of the connector into box ``child``: from the middle of its
        parent's bottom (right) edge, through a bar in the middle of the gap, to the
        child's top (left) edge; a stacked leaf's runs down its column's spine to the
        leaf's left edge, leaving out points that repeat the one before."""
        boxes = self._boxes
        p = boxes.parent[child]
        xs, ys, ws, hs = boxes.x, boxes.y, boxes.w, boxes.h
        integral = self._integral
        if self._down:
            # Middles (whole cells in a terminal) and the parent's bottom.
            a = xs[p] + (ws[p] // 2 if integral else ws[p] / 2)
            e = ys[p] + hs[p]
            spine = self._spine[child] if self._spine is not None else None
            if spine is not None:
                bar = _mid(e, self._gap, integral)
                cy = ys[child] + (hs[child] // 2 if integral else hs[child] / 2)
                path = [(a, e)]
                for point in ((a, bar), (spine, bar), (spine, cy), (xs[child], cy)):
                    if point != path[-1]:
                        path.append(point)
                return tuple(path)
            b = xs[child] + (ws[child] // 2 if integral else ws[child] / 2)
            f = ys[child]
            if a == b:
                return ((a, e), (b, f))
            m = e + self._bar
            if m == e:
                return ((a, e), (b, e), (b, f))
            return ((a, e), (a, m), (b, m), (b, f))
        a = ys[p] + (hs[p] // 2 if integral else hs[p] / 2)
        e = xs[p] + ws[p]  # the parent's right edge
        b = ys[child] + (hs[child] // 2 if integral else hs[child] / 2)
        f = xs[child]
        if a == b:
            return ((e, a), (f, b))
        m = e + self._bar
        if m == e:
            return ((e, a), (e, b), (f, b))
        return ((e, a), (m, a), (m, b), (f, b))


@dataclass
class Layout:
    """Boxes in document order (the root first), edges (``edges[i]`` into box ``i + 1``),
    and the size of the picture."""

    boxes: Boxes
    edges: Edges
    width: float
    height: float
    direction: Direction
    index: dict[str, int] = field(default_factory=dict)
    """Node id → index in :attr:`boxes`."""


def layout_tree(
    root: FeatureNode,
    metrics: Metrics = TERMINAL,
    options: LayoutOptions = LayoutOptions(),
    *,
    folded: Collection[FeatureNode] = (),
    badge: Callable[[FeatureNode], str] | None = None,
    keep: Collection[FeatureNode] | None = None,
    folded_badge: Callable[[FeatureNode], str] | None = None,
    badges: Callable[[list[FeatureNode]], list[str]] | None = None,
) -> Layout:
    """Lay out the unfolded part of the tree under ``root``.

    ``folded`` nodes show no children (a ``+N`` badge instead); ``badge`` gives the text
    after a title (e.g. ``"✎2 ◆1"``), none by default; ``folded_badge`` the text before
    the ``+N`` of a box whose children are hidden (a fold, the depth limit), e.g. the
    counts of everything inside it (default: ``badge``'s). ``badges``, instead of
    ``badge``: the badges of the nodes laid out, all at once (a list as long as the one
    it is given; one call instead of one per node). Linear in the nodes laid out
    (plus the nodes hidden under folds, which are counted). Titles measured by an
    earlier layout in the same metrics are not measured again (see
    :func:`forget_sizes`): a re-layout after an edit measures only the changed titles.

    ``keep`` (a filter's nodes, closed under ancestors; ``None``: every node) lays out
    only those nodes and the root, as the outline shows them under the filter: a child
    outside ``keep`` has no box, nor has anything under it; a node whose children are
    all outside is a leaf, with no ``+N`` for them (the filter hid them, not a fold); a
    fold's ``+N`` counts the kept nodes under it. The same layout as that of a copy of
    the tree with only the kept nodes.
    """
    # The walk makes and drops a tuple per node: without the pause, each burst of them
    # sets off a young collection. What stays is a few dozen lists (Boxes' columns),
    # nothing for the collector to scan afterwards; hence no ``long_lived`` (in the
    # editor, whose start-up objects are frozen, its check alone walks every frozen
    # object: ~10 ms at 10,000 nodes).
    with gc_paused():
        return _layout(root, metrics, options, folded, badge, keep, folded_badge, badges)


_Sizes = tuple[tuple[str, ...], float, float, float, float]
"""A title's size: its lines, the widest line, the box's width, its height without a
badge line and its height with one."""

_SIZE_CACHES: dict[Metrics, tuple[dict[str, _Sizes], dict[str, float]]] = {}
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


def _size_caches(metrics: Metrics, count: int) -> tuple[dict[str, _Sizes], dict[str, float]]:
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


def _measure(title: str, metrics: Metrics) -> _Sizes:
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


def _measure_all(titles: list[str], metrics: Metrics, cache: dict[str, _Sizes]) -> None:
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


_EMPTY: tuple[int, ...] = ()
"""The children of a leaf (shared: never appended to)."""


def _layout(
    root: FeatureNode,
    metrics: Metrics,
    options: LayoutOptions,
    folded: Collection[FeatureNode],
    badge: Callable[[FeatureNode], str] | None,
    keep: Collection[FeatureNode] | None = None,
    folded_badge: Callable[[FeatureNode], str] | None = None,
    batch_badges: Callable[[list[FeatureNode]], list[str]] | None = None,
) -> Layout:
    """:func:`layout_tree`'s work.

    Everything is a flat list indexed by the node's place in preorder, and the per-node
    columns are made by ``map``/``zip``/slices where they can be: the loops left in
    Python are the walk (which adds a parent's leaves at once), the tidy walks over the
    parents, the stacks and the connectors.
    """
    folded_set = folded if isinstance(folded, set | frozenset) else set(folded)
    down = options.direction == "down"
    deepest = options.max_depth if options.max_depth is not None else sys.maxsize
    columns = options.stack_columns if down else 0
    integral = metrics.integral

    # 1. The visible nodes in preorder, with their parents, depths and how many visible
    # children each has (0 for a leaf or a fold). The children of a node with no
    # grandchildren come right after it: they are added at once.
    nodes: list[FeatureNode] = []
    parents: list[int] = []
    depths: list[int] = []
    fan: list[int] = []
    folds: list[tuple[int, int]] = []
    # Under a filter the walk is _walk_kept's (below); without one, this loop's.
    stack: list[tuple[FeatureNode, int, int]] = [(root, -1, 0)] if keep is None else []
    pop, push_all = stack.pop, stack.extend
    add_node, add_parent, add_depth, add_fan = (
        nodes.append,
        parents.append,
        depths.append,
        fan.append,
    )
    add_nodes, add_parents, add_depths, add_fans = (
        nodes.extend,
        parents.extend,
        depths.extend,
        fan.extend,
    )
    index = -1
    while stack:
        node, parent, depth = pop()
        index += 1
        add_node(node)
        add_parent(parent)
        add_depth(depth)
        children = node.kids
        if not children:
            add_fan(0)
        elif depth >= deepest or (folded_set and node in folded_set):
            add_fan(0)
            folds.append((index, _count_below(node)))
        elif any(map(_kids, children)):
            add_fan(len(children))
            push_all(zip(reversed(children), repeat(index), repeat(depth + 1)))
        else:  # leaves only: they are the next nodes in preorder
            k = len(children)
            add_fan(k)
            add_nodes(children)
            add_parents(repeat(index, k))
            add_depths(repeat(depth + 1, k))
            add_fans(repeat(0, k))
            index += k
    if keep is not None:
        keep_set = keep if isinstance(keep, set | frozenset) else set(keep)
        index = _walk_kept(root, keep_set, folded_set, deepest, nodes, parents, depths, fan, folds)
    count = index + 1

    # 2. Each box's text and size: titles measured once per metrics (remembered between
    # layouts), badges likewise.
    titles_cache, marks_cache = _size_caches(metrics, count)
    sizes: list[_Sizes] = list(map(titles_cache.get, map(_title, nodes)))
    if None in sizes:  # titles not seen before (all of them the first time)
        missing = compress(map(_title, nodes), map(is_, sizes, repeat(None)))
        _measure_all(list(dict.fromkeys(missing)), metrics, titles_cache)
        sizes = list(map(titles_cache.__getitem__, map(_title, nodes)))
    boxes_lines = list(map(_size_lines, sizes))
    widths = list(map(_size_width, sizes))
    heights = list(map(_size_height, sizes))
    if batch_badges is not None:
        badges = batch_badges(nodes)
    else:
        badges = list(map(badge, nodes)) if badge is not None else [""] * count
    hidden = [0] * count
    for i, below in folds:
        hidden[i] = below
        mark = badges[i] if folded_badge is None else folded_badge(nodes[i])
        badges[i] = f"{mark} +{below}" if mark else f"+{below}"
    text_width, pad_x2 = metrics.text_width, 2 * metrics.pad_x
    for i in compress(range(count), badges):  # the boxes with a badge line
        mark = badges[i]
        mark_width = marks_cache.get(mark)
        if mark_width is None:
            mark_width = marks_cache[mark] = text_width(mark)
        known = sizes[i]
        widths[i] = max(known[1], mark_width) + pad_x2
        heights[i] = known[4]

    # 3. Leaf stacks: a parent whose visible children are all leaves, at a level that
    # stacks; its leaves are the nodes right after it.
    stacked = [False] * count
    stacks = (
        _find_stacks(fan, depths, options.stack_levels, columns, widths, heights, metrics, stacked)
        if columns > 0
        else []
    )

    # Whole cells from whole sizes: the sums stay ints, nothing to convert at the end.
    whole = (
        integral
        and all(
            type(v) is int
            for v in (
                metrics.gap_x,
                metrics.gap_y,
                metrics.stack_indent,
                metrics.stack_gap,
                metrics.column_gap,
            )
        )
        and not set(map(type, widths)).difference((int,))
        and not set(map(type, heights)).difference((int,))
    )

    # 4. The units the tidy walk places: every visible node outside a stack, a stack's
    # parent standing for its composite (its box centred over the stack).
    sibling_gap, level_gap = (
        (metrics.gap_x, metrics.gap_y) if down else (metrics.gap_y, metrics.gap_x)
    )
    if stacks:
        in_unit = list(map(not_, stacked))
        units = list(compress(range(count), in_unit))
        unit_of = list(accumulate(in_unit, initial=-1))[1:]  # a unit's index among units
        unit_parent_nodes = list(compress(parents, in_unit))
        unit_parents = list(map(unit_of.__getitem__, unit_parent_nodes))
        unit_parents[0] = -1
        along_size = list(compress(widths, in_unit))
        depth_size = list(compress(heights, in_unit))
        lo: list[float] = [0] * len(units)
        hi = along_size[:]
        gap_y = metrics.gap_y
        for p, _spans, _column_widths, stack_width, stack_height in stacks:
            u = unit_of[p]
            width = widths[p]
            offset = (max(width, stack_width) - width) / 2
            if integral:
                offset = math.floor(offset)
            along_size[u] = max(width, stack_width)
            depth_size[u] = heights[p] + gap_y + stack_height
            lo[u], hi[u] = offset, offset + width
    else:
        units = list(range(count))
        unit_parents = parents
        along_size, depth_size = (widths, heights) if down else (heights, widths)
        lo = [0] * count
        hi = along_size
    n = len(units)
    unit_kids: list[list[int] | tuple[int, ...]] = [_EMPTY] * n
    for u in range(1, n):
        p = unit_parents[u]
        siblings = unit_kids[p]
        if siblings:
            siblings.append(u)  # type: ignore[union-attr]
        else:
            unit_kids[p] = [u]
    wide = list(map(add, along_size, repeat(sibling_gap)))  # along the siblings, with the gap
    deep = list(map(add, depth_size, repeat(level_gap)))  # along the depth, with the gap
    along, across = _tidy(unit_parents, unit_kids, wide, deep, lo, hi, 0 if whole else 0.0)

    # 5. Boxes: units where the walk put them, stacked leaves inside their composite.
    lowest = min(along)
    if integral:
        floor = math.floor
        along = [floor(a - lowest + 0.5) for a in along]
    else:
        along = [a - lowest for a in along]
    spine: list[float | None] | None = None
    if not down:
        xs, ys = across, along
    elif not stacks:
        xs, ys = along, across
    else:
        xs, ys, spine = _place_stacks(stacks, unit_of, along, across, widths, heights, metrics)
    if integral and not whole:  # whole cells: sums of whole sizes, rounded above
        xs = list(map(int, xs))
        ys = list(map(int, ys))
    ids = list(map(_node_id, nodes))
    boxes = Boxes(
        ids,
        xs,
        ys,
        widths,
        heights,
        boxes_lines,
        badges,
        list(map(_status, nodes)),
        depths,
        parents,
        hidden,
        stacked,
    )

    # 6. Edges: made from the boxes when asked for (see Edges.points).
    edges = Edges(
        boxes,
        down=down,
        integral=integral,
        gap=metrics.gap_y if down else metrics.gap_x,
        spine=spine,
    )

    return Layout(
        boxes=boxes,
        edges=edges,
        width=max(map(add, xs, widths), default=0.0),
        height=max(map(add, ys, heights), default=0.0),
        direction=options.direction,
        index=dict(zip(ids, range(count))),
    )


_kids = attrgetter("kids")
_title = attrgetter("title")
_node_id = attrgetter("id")
_status = attrgetter("status._value_")
"""A status's text (``_value_``, the enum's documented attribute: no descriptor call)."""
_size_lines = itemgetter(0)
_size_width = itemgetter(2)
_size_height = itemgetter(3)


def _count_below(node: FeatureNode) -> int:
    """Nodes under ``node`` (not counting it), walked iteratively."""
    total = 0
    stack = list(node.kids)
    while stack:
        current = stack.pop()
        total += 1
        if current.kids:
            stack.extend(current.kids)
    return total


def _walk_kept(
    root: FeatureNode,
    keep: set[FeatureNode] | frozenset[FeatureNode],
    folded: Collection[FeatureNode],
    deepest: int,
    nodes: list[FeatureNode],
    parents: list[int],
    depths: list[int],
    fan: list[int],
    folds: list[tuple[int, int]],
) -> int:
    """The first walk of :func:`_layout` under a filter: appends the root and the nodes of
    ``keep`` under it in preorder, with their parents, depths, visible children and
    folds; returns the last index.

    A node's children are its kept ones: none kept makes it a leaf (no ``+N``), and the
    ``+N`` of a fold counts only kept nodes. Each node's children are read at most twice
    (as its own and as its parent's grandchildren), so the walk stays linear.
    """
    stack: list[tuple[FeatureNode, int, int]] = [(root, -1, 0)]
    index = -1
    while stack:
        node, parent, depth = stack.pop()
        index += 1
        nodes.append(node)
        parents.append(parent)
        depths.append(depth)
        children = [kid for kid in node.kids if kid in keep]
        if not children:
            fan.append(0)
        elif depth >= deepest or node in folded:
            fan.append(0)
            folds.append((index, _count_kept_below(node, keep)))
        elif any(kid in keep for child in children for kid in child.kids):
            fan.append(len(children))
            stack.extend(zip(reversed(children), repeat(index), repeat(depth + 1)))
        else:  # kept leaves only: they are the next nodes in preorder
            k = len(children)
            fan.append(k)
            nodes += children
            parents += repeat(index, k)
            depths += repeat(depth + 1, k)
            fan += repeat(0, k)
            index += k
    return index


def _count_kept_below(node: FeatureNode, keep: set[FeatureNode] | frozenset[FeatureNode]) -> int:
    """Nodes of ``keep`` under ``node`` (a fold under a filter), walked iteratively."""
    total = 0
    stack = [kid for kid in node.kids if kid in keep]
    while stack:
        current = stack.pop()
        total += 1
        if current.kids:
            stack.extend(kid for kid in current.kids if kid in keep)
    return total


def _mid(edge: float, gap: float, integral: bool) -> float:
    """Where the bar between a parent and its children runs: the middle of the gap."""
    return edge + (gap - 1) // 2 if integral else edge + gap / 2


_StackSizes = tuple[int, list[tuple[int, int]], list[float], float, float]
"""A leaf stack: its parent, its columns (first and end leaf), their widths, and the
stack's width and height."""


def _find_stacks(
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


def _place_stacks(
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


def _tidy(
    parents: list[int],
    kids: list[list[int] | tuple[int, ...]],
    wide: list[float],
    deep: list[float],
    lo: list[float],
    hi: list[float],
    origin: float = 0.0,
) -> tuple[list[float], list[float]]:
    """Van der Ploeg's layout of a tree given in preorder (index 0 the root).

    ``parents[i]`` is node i's parent (-1 for the root), ``kids[i]`` its children;
    ``wide[i]`` is its extent along its siblings (gap included), ``deep[i]`` along the
    depth (gap included), ``lo[i]``/``hi[i]`` the span of its own box inside that extent
    (a composite's parent box may be narrower than its stack): a parent is centred over
    the span from its first child's box to its last child's. Returns each node's (along,
    across) corner. Names follow the paper: ``prelim``/``mod`` the relative position,
    ``shift``/``change`` the spreading of small subtrees, ``tl``/``tr`` the contour
    threads, ``el``/``er`` the extreme (deepest left and right) nodes with their mod
    sums ``msel``/``mser``. Both walks visit only the parents: a leaf needs nothing of
    the first, and its position in the second is one sum made for all nodes at once.
    ``origin`` is the root's across (``0`` keeps whole sizes' sums ints).
    """
    n = len(kids)
    across = [origin] * n
    bottom = [0.0] * n
    bottom[0] = across[0] + deep[0]
    for i in range(1, n):  # a child starts right below its parent
        below = bottom[parents[i]]
        across[i] = below
        bottom[i] = below + deep[i]
    inner = list(compress(range(n), kids))  # the parents, in preorder
    prelim = [0.0] * n
    mod = [0.0] * n
    shift = [0.0] * n
    change = [0.0] * n
    tl = [-1] * n
    tr = [-1] * n
    el = list(range(n))
    er = list(range(n))
    msel = [0.0] * n
    mser = [0.0] * n

    # First walk: children before parents (reverse preorder).
    for t in reversed(inner):
        cs = kids[t]
        c0 = cs[0]
        # The "index of lowest y" list: siblings so far that still reach deepest, as
        # parallel stacks whose last entry is the head of the paper's linked list.
        low_y = [bottom[el[c0]]]
        low_index = [0]
        for i in range(1, len(cs)):
            ci = cs[i]
            min_y = bottom[er[ci]]
            # separate(t, i, ih): push child i right until it clears its left siblings.
            sr = cs[i - 1]
            mssr = mod[sr]
            cl = ci
            mscl = mod[cl]
            head = len(low_y) - 1
            while sr >= 0 and cl >= 0:
                sy = bottom[sr]
                if sy > low_y[head] and head > 0:
                    head -= 1
                dist = (mssr + prelim[sr] + wide[sr]) - (mscl + prelim[cl])
                if dist > 0:
                    mscl += dist
                    mod[ci] += dist
                    msel[ci] += dist
                    mser[ci] += dist
                    si = low_index[head]
                    if si != i - 1:  # spread the move over the siblings in between
                        nr = i - si
                        shift[cs[si + 1]] += dist / nr
                        shift[ci] -= dist / nr
                        change[ci] -= dist - dist / nr
                cy = bottom[cl]
                if sy <= cy:
                    kid = kids[sr]
                    sr = kid[-1] if kid else tr[sr]
                    if sr >= 0:
                        mssr += mod[sr]
                if sy >= cy:
                    kid = kids[cl]
                    cl = kid[0] if kid else tl[cl]
                    if cl >= 0:
                        mscl += mod[cl]
            if sr < 0 and cl >= 0:
                # The new subtree is deeper: thread the left forest's extreme to it.
                li = el[c0]
                tl[li] = cl
                diff = (mscl - mod[cl]) - msel[c0]
                mod[li] += diff
                prelim[li] -= diff
                el[c0] = el[ci]
                msel[c0] = msel[ci]
            elif sr >= 0 and cl < 0:
                # The left forest is deeper: thread the new subtree's extreme to it.
                ri = er[ci]
                tr[ri] = sr
                diff = (mssr - mod[sr]) - mser[ci]
                mod[ri] += diff
                prelim[ri] -= diff
                er[ci] = er[cs[i - 1]]
                mser[ci] = mser[cs[i - 1]]
            # updateIYL
            while low_y and min_y >= low_y[-1]:
                low_y.pop()
                low_index.pop()
            low_y.append(min_y)
            low_index.append(i)
        last = cs[-1]
        prelim[t] = (prelim[c0] + mod[c0] + lo[c0] + prelim[last] + mod[last] + hi[last]) / 2 - (
            lo[t] + hi[t]
        ) / 2
        el[t] = el[c0]
        msel[t] = msel[c0]
        er[t] = er[last]
        mser[t] = mser[last]

    # Second walk: parents before children, summing mods down the tree; a node's place
    # is its prelim plus its parent's mod sum and its own mod.
    above = [0.0] * n  # mod sum of the parent
    for t in inner:
        modsum = above[t] + mod[t]
        d = 0.0
        delta = 0.0
        for c in kids[t]:
            d += shift[c]
            delta += d + change[c]
            mod[c] += delta
            above[c] = modsum
    along = list(map(add, prelim, map(add, above, mod)))
    return along, across
