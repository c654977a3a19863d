"""The walks of what a layout shows: how many nodes a fold hides, and the first walk
under a filter (only the kept nodes).

Apart from the layout's steps because they are whole walks of the tree on their own; the
walk without a filter is the first step of :func:`~featuretree.model.layout.layout_tree`
itself (:mod:`.build`), its loop kept inline there for speed.
"""

from __future__ import annotations

from collections.abc import Collection
from itertools import repeat

from featuretree.model.node import FeatureNode


def count_below(node: FeatureNode) -> int:
    """Nodes under ``node`` (not counting it), walked iteratively."""
    total = 0
    stack = list(node.kids)
    while stack:
        current = stack.pop()
        total += 1
        if current.kids:
            stack.extend(current.kids)
    return total


def walk_kept(
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
    """The first walk of :func:`.build._layout` under a filter: appends the root and the
    nodes of ``keep`` under it in preorder, with their parents, depths, visible children
    and folds; returns the last index.

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
