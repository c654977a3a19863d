"""From a tree to a :class:`~featuretree.model.layout.result.Layout`: what the user
chooses (:class:`LayoutOptions`), :func:`layout_tree`, and its steps in order.

The steps (see :func:`_layout`): walk what is shown (:mod:`.walk`), size the boxes
(:mod:`.metrics`), find the leaf stacks (:mod:`.stacks`), place the units
(:mod:`.tidy`), expand the stacks and make the result (:mod:`.result`).
"""

from __future__ import annotations

import math
import sys
from collections.abc import Callable, Collection
from dataclasses import dataclass
from itertools import accumulate, compress, repeat
from operator import add, attrgetter, is_, itemgetter, not_, sub

from featuretree.collector import gc_paused
from featuretree.model.layout.metrics import (
    TERMINAL,
    Metrics,
    Sizes,
    measure_all,
    size_caches,
    tagged_mark,
)
from featuretree.model.layout.result import Boxes, Direction, Edges, Layout
from featuretree.model.layout.stacks import find_stacks, place_stacks
from featuretree.model.layout.tidy import tidy
from featuretree.model.layout.walk import count_below, walk_kept
from featuretree.model.node import KIDS_ATTRIBUTE, FeatureNode


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
    tags: bool = False,
    untitled: str = "",
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

    ``tags``: each node's tags go before its counts on the badge line (``#P0 ✎2``), cut
    to a title's width (see :func:`~.metrics.tagged_mark`). ``untitled``: the text a box
    shows for a node with no title (the editor's ``（未命名）``), measured as a title; those
    boxes are :attr:`Layout.untitled`, for the picture to draw that text apart from a title.
    """
    # The walk makes and drops a tuple per node: without the pause, each burst of them
    # sets off a young collection. What stays is a few dozen lists (Boxes' columns),
    # nothing for the collector to scan afterwards; hence no ``long_lived`` (in the
    # editor, whose start-up objects are frozen, its check alone walks every frozen
    # object: ~10 ms at 10,000 nodes).
    with gc_paused():
        return _layout(
            root, metrics, options, folded, badge, keep, folded_badge, badges, tags, untitled
        )


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
    tags: bool = False,
    untitled: str = "",
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
    # Under a filter the walk is walk_kept's (in .walk); without one, this loop's.
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
    # Children read as getattr(node, KIDS_ATTRIBUTE, ()) in C, not through the ``kids``
    # property (a Python call per node); ``repeat`` without a count gives the name and
    # the default to ``map`` for as many children as there are.
    kids_name, no_kids = repeat(KIDS_ATTRIBUTE), repeat(_EMPTY)
    index = -1
    while stack:
        node, parent, depth = pop()
        index += 1
        add_node(node)
        add_parent(parent)
        add_depth(depth)
        children = getattr(node, KIDS_ATTRIBUTE, _EMPTY)
        if not children:
            add_fan(0)
        elif depth >= deepest or (folded_set and node in folded_set):
            add_fan(0)
            folds.append((index, count_below(node)))
        elif any(map(getattr, children, kids_name, no_kids)):
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
        index = walk_kept(root, keep_set, folded_set, deepest, nodes, parents, depths, fan, folds)
    count = index + 1

    # 2. Each box's text and size: titles measured once per metrics (remembered between
    # layouts), badges likewise.
    titles_cache, marks_cache = size_caches(metrics, count)
    titles = list(map(_title, nodes))
    blank: list[int] = []
    if untitled and "" in titles:  # (a scan in C; untitled nodes are few)
        blank = list(compress(range(count), map(not_, titles)))
        for i in blank:
            titles[i] = untitled
    sizes: list[Sizes] = list(map(titles_cache.get, titles))
    if None in sizes:  # titles not seen before (all of them the first time)
        missing = list(compress(range(count), map(is_, sizes, repeat(None))))
        if 8 * len(missing) > count:  # most of them: measured, then all looked up in C
            new_titles = compress(titles, map(is_, sizes, repeat(None)))
            measure_all(list(dict.fromkeys(new_titles)), metrics, titles_cache)
            sizes = list(map(titles_cache.__getitem__, titles))
        else:  # after an edit, a few: put in their places (not another pass over all)
            new_titles = list(map(titles.__getitem__, missing))
            measured: dict[str, Sizes] = {}
            measure_all(list(dict.fromkeys(new_titles)), metrics, measured)
            titles_cache.update(measured)
            for i, title in zip(missing, new_titles):
                sizes[i] = measured[title]
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
    if tags:
        # Tagged nodes are found in C (most have none); a set of tags and counts seen
        # before is not measured again.
        made: dict[tuple[tuple[str, ...], str], str] = {}
        for i in compress(range(count), map(_tags, nodes)):
            key = (tuple(nodes[i].tags), badges[i])
            text = made.get(key)
            if text is None:
                text = made[key] = tagged_mark(key[0], key[1], metrics)
            badges[i] = text
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
        find_stacks(fan, depths, options.stack_levels, columns, widths, heights, metrics, stacked)
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
        # Sizes are ints or floats (what Metrics measures): the sum of all of them is
        # an int only when none is a float, found in one pass in C.
        and type(sum(widths)) is int
        and type(sum(heights)) is int
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
    along, across = tidy(unit_parents, unit_kids, wide, deep, lo, hi, 0 if whole else 0.0)

    # 5. Boxes: units where the walk put them, stacked leaves inside their composite.
    lowest = min(along)
    along = list(map(sub, along, repeat(lowest)))
    if integral:  # to the nearest cell, halves up: floor(a - lowest + 0.5)
        along = list(map(math.floor, map(add, along, repeat(0.5))))
    spine: list[float | None] | None = None
    if not down:
        xs, ys = across, along
    elif not stacks:
        xs, ys = along, across
    else:
        xs, ys, spine = place_stacks(stacks, unit_of, along, across, widths, heights, metrics)
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
        untitled=set(blank),
        untitled_text=untitled,
    )


_title = attrgetter("title")
_tags = attrgetter("tags")
_node_id = attrgetter("id")
_status = attrgetter("status._value_")
"""A status's text (``_value_``, the enum's documented attribute: no descriptor call)."""
_size_lines = itemgetter(0)
_size_width = itemgetter(2)
_size_height = itemgetter(3)
