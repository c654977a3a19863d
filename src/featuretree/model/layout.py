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
whose badge says ``+N``, N being how many nodes are hidden under it.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Collection
from dataclasses import dataclass, field
from typing import Literal, NamedTuple

from featuretree.collector import gc_paused
from featuretree.model.cells import cell_len, char_cells, wrap_lines
from featuretree.model.node import FeatureNode

__all__ = [
    "TERMINAL",
    "Box",
    "Direction",
    "Edge",
    "Layout",
    "LayoutOptions",
    "Metrics",
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


@dataclass
class Layout:
    """Boxes in document order (the root first), edges, and the size of the picture."""

    boxes: list[Box]
    edges: list[Edge]
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
) -> Layout:
    """Lay out the unfolded part of the tree under ``root``.

    ``folded`` nodes show no children (a ``+N`` badge instead); ``badge`` gives the text
    after a title (e.g. ``"✎2 ◆1"``), none by default. Linear in the nodes laid out
    (plus the nodes hidden under folds, which are counted).
    """
    # Nothing made here is garbage until the caller drops the layout; the collector's
    # scans of ~10 objects per node would cost a fifth of the time.
    with gc_paused(long_lived=True):
        return _layout(root, metrics, options, folded, badge)


def _layout(
    root: FeatureNode,
    metrics: Metrics,
    options: LayoutOptions,
    folded: Collection[FeatureNode],
    badge: Callable[[FeatureNode], str] | None,
) -> Layout:
    """:func:`layout_tree`'s work."""
    folded_set = folded if isinstance(folded, set | frozenset) else set(folded)
    down = options.direction == "down"
    max_depth = options.max_depth
    columns = options.stack_columns if down else 0
    levels = options.stack_levels

    # 1. The visible nodes in preorder, with their parents, depths and visible children.
    nodes: list[FeatureNode] = []
    parents: list[int] = []
    depths: list[int] = []
    hidden: list[int] = []
    kids: list[list[int]] = []
    stack: list[tuple[FeatureNode, int, int]] = [(root, -1, 0)]
    pop, push = stack.pop, stack.append
    add_node, add_parent, add_depth = nodes.append, parents.append, depths.append
    add_hidden, add_kids = hidden.append, kids.append
    while stack:
        node, parent, depth = pop()
        index = len(nodes)
        add_node(node)
        add_parent(parent)
        add_depth(depth)
        add_kids([])
        if parent >= 0:
            kids[parent].append(index)
        children = node.kids
        if children and (
            (folded_set and node in folded_set) or (max_depth is not None and depth >= max_depth)
        ):
            add_hidden(_count_below(node))
            continue
        add_hidden(0)
        below = depth + 1
        for child in reversed(children):
            push((child, index, below))
    count = len(nodes)

    # 2. Each box's text and size.
    boxes_lines: list[tuple[str, ...]] = []
    badges: list[str] = []
    widths: list[float] = []
    heights: list[float] = []
    text_width, char_width = metrics.text_width, metrics.char_width
    max_text, line_height = metrics.max_text_width, metrics.line_height
    pad_x2, pad_y2 = 2 * metrics.pad_x, 2 * metrics.pad_y
    for i, node in enumerate(nodes):
        title = node.title
        widest = text_width(title)
        if widest <= max_text and "\n" not in title:
            lines: tuple[str, ...] = (title,)
        else:
            lines = tuple(wrap_lines(title, max_text, char_width))
            widest = max(map(text_width, lines))
        mark = badge(node) if badge is not None else ""
        if hidden[i]:
            mark = f"{mark} +{hidden[i]}" if mark else f"+{hidden[i]}"
        if mark:
            widest = max(widest, text_width(mark))
        boxes_lines.append(lines)
        badges.append(mark)
        widths.append(widest + pad_x2)
        heights.append((len(lines) + (1 if mark else 0)) * line_height + pad_y2)

    # 3. Leaf stacks: which parents stack their children, and the composite sizes.
    stacks: dict[int, _Stack] = {}
    if columns > 0:
        for i in range(count):
            children = kids[i]
            if (
                children
                and (levels is None or depths[i] in levels)
                and all(not kids[c] for c in children)
            ):
                stacks[i] = _Stack(children, columns, widths, heights, metrics)

    # 4. The units the tidy walk places: every visible node outside a stack.
    unit_of: list[int] = [-1] * count
    units: list[int] = []
    for i in range(count):
        parent = parents[i]
        if parent >= 0 and parent in stacks:
            continue
        unit_of[i] = len(units)
        units.append(i)
    unit_kids: list[list[int]] = [[] for _ in units]
    integral = metrics.integral
    wide: list[float] = []  # along the siblings, with the gap to the next one
    anchor: list[tuple[float, float]] = []  # the node's own box within its unit, along
    deep: list[float] = []  # along the depth, with the gap to the children
    sibling_gap, level_gap = (
        (metrics.gap_x, metrics.gap_y) if down else (metrics.gap_y, metrics.gap_x)
    )
    for u, i in enumerate(units):
        if i in stacks:
            w, h = stacks[i].composite(widths[i], heights[i], metrics.gap_y)
            offset = stacks[i].parent_offset(widths[i], integral)
            anchor.append((offset, offset + widths[i]))
        else:
            w, h = widths[i], heights[i]
            anchor.append((0, h if not down else w))
        if not down:
            w, h = h, w
        wide.append(w + sibling_gap)
        deep.append(h + level_gap)
        if i not in stacks:
            unit_kids[u] = [unit_of[c] for c in kids[i]]
    along, across = _tidy(unit_kids, wide, deep, anchor)

    # 5. Boxes: units where the walk put them, stacked leaves inside their composite.
    xs = [0.0] * count
    ys = [0.0] * count
    lowest = min(along) if along else 0.0
    for u, i in enumerate(units):
        a = along[u] - lowest
        if integral:
            a = math.floor(a + 0.5)
        if down:
            xs[i], ys[i] = a, across[u]
        else:
            xs[i], ys[i] = across[u], a
        st = stacks.get(i)
        if st is not None:
            st.place(i, xs, ys, widths, heights, metrics, integral)

    if integral:  # whole cells: sums of whole sizes, rounded above
        xs = [int(v) for v in xs]
        ys = [int(v) for v in ys]
    # Boxes and edges are plain tuples made in C (``tuple.__new__``): at 100,000 nodes
    # the NamedTuple constructors' Python frames are a fifth of the layout.
    make = tuple.__new__
    ids = [node.id for node in nodes]
    boxes = [
        make(
            Box,
            (
                ids[i],
                xs[i],
                ys[i],
                widths[i],
                heights[i],
                boxes_lines[i],
                badges[i],
                nodes[i].status.value,
                depths[i],
                parents[i],
                hidden[i],
                parents[i] in stacks,
            ),
        )
        for i in range(count)
    ]

    # 6. Edges: from the middle of the parent's bottom (right) edge to the child's top
    # (left) edge, through a bar in the middle of the gap.
    edges: list[Edge] = []
    append = edges.append
    if down:
        starts = [_centre(x, w, integral) for x, w in zip(xs, widths)]
        edge_of = [y + h for y, h in zip(ys, heights)]  # the parent's bottom
        ends = starts
        bar_gap = _mid(0, metrics.gap_y, integral)
    else:
        starts = [_centre(y, h, integral) for y, h in zip(ys, heights)]
        edge_of = [x + w for x, w in zip(xs, widths)]  # the parent's right edge
        ends = starts
        bar_gap = _mid(0, metrics.gap_x, integral)
    for i in range(1, count):
        p = parents[i]
        st = stacks.get(p)
        if st is not None:
            points = _dedupe(st.edge(p, i, xs, ys, widths, heights, metrics, integral))
        else:
            a, edge, b = starts[p], edge_of[p], ends[i]
            mid = edge + bar_gap
            if down:
                far = ys[i]
                if a == b:
                    points = ((a, edge), (b, far))
                elif mid == edge:
                    points = ((a, edge), (b, edge), (b, far))
                else:
                    points = ((a, edge), (a, mid), (b, mid), (b, far))
            else:
                far = xs[i]
                if a == b:
                    points = ((edge, a), (far, b))
                elif mid == edge:
                    points = ((edge, a), (edge, b), (far, b))
                else:
                    points = ((edge, a), (mid, a), (mid, b), (far, b))
        append(make(Edge, (p, i, points)))

    width = max((xs[i] + widths[i] for i in range(count)), default=0.0)
    height = max((ys[i] + heights[i] for i in range(count)), default=0.0)
    return Layout(
        boxes=boxes,
        edges=edges,
        width=width,
        height=height,
        direction=options.direction,
        index={nodes[i].id: i for i in range(count)},
    )


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


def _centre(start: float, size: float, integral: bool) -> float:
    """Where a connector meets a box: its middle (a whole cell in a terminal)."""
    return start + size // 2 if integral else start + size / 2


def _mid(edge: float, gap: float, integral: bool) -> float:
    """Where the bar between a parent and its children runs: the middle of the gap."""
    return edge + (gap - 1) // 2 if integral else edge + gap / 2


def _dedupe(points: list[tuple[float, float]]) -> tuple[tuple[float, float], ...]:
    """``points`` without repeats (a child right under its parent needs no bar)."""
    out = [points[0]]
    for point in points[1:]:
        if point != out[-1]:
            out.append(point)
    return tuple(out)


class _Stack:
    """A parent's leaves as columns under it: the composite's size, then its boxes."""

    def __init__(
        self,
        leaves: list[int],
        columns: int,
        widths: list[float],
        heights: list[float],
        metrics: Metrics,
    ) -> None:
        per_column = -(-len(leaves) // columns)
        self.columns = [leaves[k : k + per_column] for k in range(0, len(leaves), per_column)]
        self.column_widths = [
            metrics.stack_indent + max(widths[c] for c in column) for column in self.columns
        ]
        self.column_heights = [
            sum(heights[c] for c in column) + metrics.stack_gap * (len(column) - 1)
            for column in self.columns
        ]
        self.width = sum(self.column_widths) + metrics.column_gap * (len(self.columns) - 1)
        self.height = max(self.column_heights)

    def composite(self, width: float, height: float, gap: float) -> tuple[float, float]:
        """The size of the parent's box with the stack under it."""
        return max(width, self.width), height + gap + self.height

    def parent_offset(self, width: float, integral: bool) -> float:
        """Where the parent's box starts in the composite: centred over its stack."""
        offset = (max(width, self.width) - width) / 2
        return math.floor(offset) if integral else offset

    def place(
        self,
        parent: int,
        xs: list[float],
        ys: list[float],
        widths: list[float],
        heights: list[float],
        metrics: Metrics,
        integral: bool,
    ) -> None:
        """Put the parent (placed at the composite's corner) and its leaves in place."""
        left = xs[parent]
        total = max(widths[parent], self.width)
        stack_left = left + (total - self.width) / 2
        if integral:
            stack_left = math.floor(stack_left)
        xs[parent] = left + self.parent_offset(widths[parent], integral)
        top = ys[parent] + heights[parent] + metrics.gap_y
        column_left = stack_left
        self.spines: list[float] = []
        for column, column_width in zip(self.columns, self.column_widths):
            self.spines.append(column_left + (1 if integral else metrics.stack_indent / 2))
            y = top
            for leaf in column:
                xs[leaf] = column_left + metrics.stack_indent
                ys[leaf] = y
                y += heights[leaf] + metrics.stack_gap
            column_left += column_width + metrics.column_gap
        self.column_of = {leaf: k for k, column in enumerate(self.columns) for leaf in column}

    def edge(
        self,
        parent: int,
        leaf: int,
        xs: list[float],
        ys: list[float],
        widths: list[float],
        heights: list[float],
        metrics: Metrics,
        integral: bool,
    ) -> list[tuple[float, float]]:
        """Parent's bottom → the bar → down the leaf's column spine → the leaf's left edge."""
        pcx = _centre(xs[parent], widths[parent], integral)
        bottom = ys[parent] + heights[parent]
        bar = _mid(bottom, metrics.gap_y, integral)
        spine = self.spines[self.column_of[leaf]]
        cy = _centre(ys[leaf], heights[leaf], integral)
        return [(pcx, bottom), (pcx, bar), (spine, bar), (spine, cy), (xs[leaf], cy)]


def _tidy(
    kids: list[list[int]],
    wide: list[float],
    deep: list[float],
    anchor: list[tuple[float, float]],
) -> tuple[list[float], list[float]]:
    """Van der Ploeg's layout of a tree given in preorder (index 0 the root).

    ``wide[i]`` is node i's extent along its siblings (gap included), ``deep[i]`` along
    the depth (gap included), ``anchor[i]`` the span of its own box inside that extent
    (a composite's parent box may be narrower than its stack): a parent is centred over
    the span from its first child's box to its last child's. Returns each node's (along, across) corner. Names follow
    the paper: ``prelim``/``mod`` the relative position, ``shift``/``change`` the
    spreading of small subtrees, ``tl``/``tr`` the contour threads, ``el``/``er`` the
    extreme (deepest left and right) nodes with their mod sums ``msel``/``mser``.
    """
    n = len(kids)
    across = [0.0] * n
    for i in range(n):  # a child starts right below its parent
        below = across[i] + deep[i]
        for c in kids[i]:
            across[c] = below
    bottom = [across[i] + deep[i] for i in range(n)]
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
    for t in range(n - 1, -1, -1):
        cs = kids[t]
        if not cs:
            continue
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
                if bottom[sr] > low_y[head] and head > 0:
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
                sy = bottom[sr]
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
        prelim[t] = (
            prelim[c0] + mod[c0] + anchor[c0][0] + prelim[last] + mod[last] + anchor[last][1]
        ) / 2 - (anchor[t][0] + anchor[t][1]) / 2
        el[t] = el[c0]
        msel[t] = msel[c0]
        er[t] = er[last]
        mser[t] = mser[last]

    # Second walk: parents before children, summing mods down the tree.
    along = [0.0] * n
    above = [0.0] * n  # mod sum of the parent
    for t in range(n):
        modsum = above[t] + mod[t]
        along[t] = prelim[t] + modsum
        cs = kids[t]
        if cs:
            d = 0.0
            delta = 0.0
            for c in cs:
                d += shift[c]
                delta += d + change[c]
                mod[c] += delta
                above[c] = modsum
    return along, across
