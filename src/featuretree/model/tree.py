"""Iterative walks and O(1) structural edits over feature trees.

Imported trees can be 100,000 levels deep, so nothing here recurses. anytree's own
iterators recurse and its ``parent`` setter walks every ancestor, so the hot paths
here use its storage directly (``_NodeMixin__parent`` / ``_NodeMixin__children``).
"""

from __future__ import annotations

from collections.abc import Iterator

from featuretree.model.node import FeatureNode


def attach(child: FeatureNode, parent: FeatureNode, index: int | None = None) -> None:
    """Make ``child`` (a detached node) a child of ``parent`` at ``index`` (end if None).

    The caller is responsible for not creating a loop (see :func:`is_ancestor`).
    """
    kids = parent.kids
    if index is None or index >= len(kids):
        kids.append(child)
    else:
        kids.insert(max(index, 0), child)
    child._NodeMixin__parent = parent  # type: ignore[attr-defined]


def detach(child: FeatureNode) -> int:
    """Remove ``child`` from its parent and return the index it had there."""
    parent = child.parent
    if parent is None:
        raise ValueError("cannot detach a root node")
    kids = parent.kids
    index = index_in_parent(child)
    del kids[index]
    child._NodeMixin__parent = None  # type: ignore[attr-defined]
    return index


def index_in_parent(node: FeatureNode) -> int:
    """The position of ``node`` among its siblings (0 for a root)."""
    parent = node.parent
    if parent is None:
        return 0
    for i, sibling in enumerate(parent.kids):
        if sibling is node:
            return i
    raise ValueError("tree is corrupt: node missing from its parent's children")


def preorder(root: FeatureNode) -> Iterator[FeatureNode]:
    """Yield ``root`` and its descendants in document order, iteratively."""
    stack = [root]
    pop, extend = stack.pop, stack.extend
    while stack:
        node = pop()
        yield node
        kids = node.kids
        if kids:
            extend(reversed(kids))


def preorder_with_depth(root: FeatureNode) -> Iterator[tuple[FeatureNode, int]]:
    """Yield ``(node, depth)`` in document order, depth 0 for ``root``."""
    stack = [(root, 0)]
    while stack:
        node, depth = stack.pop()
        yield node, depth
        kids = node.kids
        if kids:
            stack.extend((kid, depth + 1) for kid in reversed(kids))


def postorder(root: FeatureNode) -> Iterator[FeatureNode]:
    """Yield descendants before their ancestors (children in order), iteratively."""
    stack: list[tuple[FeatureNode, bool]] = [(root, False)]
    while stack:
        node, expanded = stack.pop()
        if expanded or not node.kids:
            yield node
        else:
            stack.append((node, True))
            stack.extend((kid, False) for kid in reversed(node.kids))


def depth_of(node: FeatureNode) -> int:
    """Number of ancestors of ``node``."""
    depth = 0
    parent = node.parent
    while parent is not None:
        depth += 1
        parent = parent.parent
    return depth


def is_ancestor(ancestor: FeatureNode, node: FeatureNode) -> bool:
    """True when ``ancestor`` is ``node`` itself or one of its ancestors."""
    current: FeatureNode | None = node
    while current is not None:
        if current is ancestor:
            return True
        current = current.parent
    return False


def ancestors(node: FeatureNode) -> list[FeatureNode]:
    """The path from the root down to ``node``'s parent."""
    path = []
    parent = node.parent
    while parent is not None:
        path.append(parent)
        parent = parent.parent
    path.reverse()
    return path


def height(root: FeatureNode) -> int:
    """Levels below ``root`` (0 for a leaf)."""
    return max((depth for _, depth in preorder_with_depth(root)), default=0)


def subtree_size(root: FeatureNode) -> int:
    """Number of nodes in the subtree, ``root`` included."""
    return sum(1 for _ in preorder(root))


def annotation_totals(root: FeatureNode) -> tuple[int, int]:
    """(change-log entries, open suggestions) in the subtree, ``root`` included: what a
    folded node shows it holds (the outline's folded row, the diagram's folded box)."""
    changes = open_count = 0
    stack = [root]
    while stack:  # no recursion: a tree may be deeper than Python's stack
        current = stack.pop()
        changes += len(current.changelog)
        if current.suggestions:
            open_count += current.open_suggestions
        stack.extend(current.kids)
    return changes, open_count
