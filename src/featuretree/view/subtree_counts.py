"""What a folded node holds: its subtree's change-log entries and open suggestions.

A folded row shows ``▸ 顶部栏 ✎4 ◆3``: the counts of the whole subtree, so a PM sees
where the work is without unfolding. They are counted when a folded row is first drawn
(one iterative walk of that subtree) and kept until an edit inside the subtree: an
annotation edit forgets the counts of the edited node's ancestors only (O(depth)), a
change of the tree's shape forgets them all. Expanded rows show their own counts and
never ask, so a fully expanded tree of any size costs nothing here.
"""

from __future__ import annotations

from featuretree.model.node import FeatureNode
from featuretree.model.tree import annotation_totals

__all__ = ["SubtreeCounts"]


class SubtreeCounts:
    """Change-log entries and open suggestions of a node and everything under it."""

    def __init__(self) -> None:
        self._counts: dict[FeatureNode, tuple[int, int]] = {}

    def of(self, node: FeatureNode) -> tuple[int, int]:
        """(change-log entries, open suggestions) in ``node``'s subtree, ``node`` included."""
        counts = self._counts.get(node)
        if counts is None:
            counts = self._counts[node] = annotation_totals(node)
        return counts

    def changed(self, node: FeatureNode | None) -> None:
        """``node``'s annotations changed: forget the counts that include it."""
        counts = self._counts
        if not counts:
            return
        while node is not None:
            counts.pop(node, None)
            node = node.parent

    def clear(self) -> None:
        """The tree's shape changed: forget every count."""
        self._counts.clear()
