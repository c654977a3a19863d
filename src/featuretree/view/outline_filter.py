"""Filtering for :class:`~featuretree.view.outline.Outline`: show a subset, then restore.

A filter is a set of nodes closed under ancestors (``model.query.filter_nodes`` gives
one). While it is set, ``Outline._flatten`` skips children outside it and every kept
node is unfolded; clearing it restores the folding from before. Costs one rebuild of
the rows (linear in what is shown) per change of filter; clearing puts back the rows
kept from before the filter (no rebuild of 100,000 rows) unless the tree's shape
changed meanwhile.
"""

from __future__ import annotations

from collections.abc import Iterable

from featuretree.model.node import FeatureNode
from featuretree.model.tree import preorder_with_depth


class Filtering:
    """The filter half of ``Outline`` (uses its ``root``, ``collapsed`` and ``rebuild``)."""

    root: FeatureNode
    collapsed: set[FeatureNode]
    keep: set[FeatureNode] | None
    _saved_collapsed: set[FeatureNode]
    _last_fold: object
    _shape_version: int
    _saved_rows: tuple | None

    def rebuild(self) -> None:  # pragma: no cover - provided by Outline
        raise NotImplementedError

    def _rebuild_rows(self) -> None:  # pragma: no cover - provided by Outline
        raise NotImplementedError

    def _take_rows(self) -> tuple:  # pragma: no cover - provided by Outline
        raise NotImplementedError

    def _put_rows(self, saved: tuple) -> None:  # pragma: no cover - provided by Outline
        raise NotImplementedError

    @property
    def filtered(self) -> bool:
        """True while a filter limits the rows."""
        return self.keep is not None

    def set_filter(
        self,
        keep: Iterable[FeatureNode],
        rows: tuple[list[FeatureNode], list[int]] | None = None,
    ) -> None:
        """Show only the nodes in ``keep`` (which must hold each one's ancestors), unfolded.

        The folding from before the first filter is kept for :meth:`clear_filter`; a new
        filter while one is active just replaces it. The root is always shown.
        ``rows``: the nodes of ``keep`` (with the root) in document order and their
        depths, when the caller knows them (a search index does): no walk of the tree.
        """
        if self.keep is None:
            self._saved_collapsed = self.collapsed
            # the rows as they are, to put back on clear if the tree keeps its shape
            self._saved_rows = (self._shape_version, self._take_rows())
        self.keep = set(keep)
        self.keep.add(self.root)
        self.collapsed = set()
        self._last_fold = None
        if rows is not None and rows[0] and rows[0][0] is self.root:
            self._put_rows((rows[0], rows[1], {}, True))
        else:
            self._rebuild_rows()

    def clear_filter(self) -> bool:
        """Show every node again, folded as before the filter; False when none was set."""
        if self.keep is None:
            return False
        self.keep = None
        self.collapsed, self._saved_collapsed = self._saved_collapsed, set()
        self._last_fold = None
        saved, self._saved_rows = self._saved_rows, None
        if saved is not None and saved[0] == self._shape_version:
            self._put_rows(saved[1])
        else:
            self._rebuild_rows()
        return True

    def _let_in(self, node: FeatureNode, *, subtree: bool) -> None:
        """While filtered, make ``node`` (and its subtree) part of what is shown, when its
        parent is (an edit under a hidden node stays hidden)."""
        if self.keep is None or node.parent not in self.keep:
            return
        if subtree:
            self.keep.update(n for n, _ in preorder_with_depth(node))
        else:
            self.keep.add(node)

    def _let_in_path(self, node: FeatureNode) -> None:
        """While filtered, show ``node`` and its ancestors too (a jump to a hidden node)."""
        if self.keep is None or node in self.keep:
            return
        current: FeatureNode | None = node
        while current is not None and current not in self.keep:
            self.keep.add(current)
            current = current.parent
        self._rebuild_rows()

    def _moved_out_of_filter(self, node: FeatureNode) -> bool:
        """A shown node moved under a hidden one (indent): show that parent too, by a
        rebuild (rare). True when done so; the caller then has nothing to splice."""
        if self.keep is None or node not in self.keep or node.parent in self.keep:
            return False
        self._let_in_path(node.parent)  # type: ignore[arg-type]
        return True
