"""Tree changes for :class:`~featuretree.view.outline.Outline`: splice, never rebuild.

After an edit attaches, detaches or moves a subtree, the outline is told which one
(:meth:`TreeChanges.inserted`, :meth:`~TreeChanges.removed`, :meth:`~TreeChanges.moved`)
and changes only that block of rows: a new subtree is flattened alone, a moved block is
cut and put back with its depths shifted, and the spans of the ancestors on both sides
are adjusted. Finding a block's row walks the parent's children and their spans.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from featuretree.model.node import FeatureNode


class TreeChanges:
    """The tree-change half of ``Outline`` (uses its rows, spans, hints and flatten)."""

    rows: list[FeatureNode]
    depths: list[int]
    collapsed: set[FeatureNode]
    _hint: dict[FeatureNode, int]
    _version: int
    _shape_version: int

    @property
    def _span(self) -> dict[FeatureNode, int]:  # pragma: no cover - provided by Outline
        raise NotImplementedError

    def index_of(self, node: FeatureNode) -> int | None:  # pragma: no cover - by Outline
        raise NotImplementedError

    def settle(self) -> None:  # pragma: no cover - provided by Outline
        raise NotImplementedError

    def _changed_at(self, index: int | None) -> None:  # pragma: no cover - by Outline
        raise NotImplementedError

    def _flatten(
        self, top: FeatureNode, depth: int, *, spans: bool = True
    ) -> tuple[list[FeatureNode], list[int]]:  # pragma: no cover
        raise NotImplementedError

    def _add_to_spans(self, node: FeatureNode | None, delta: int) -> None:  # pragma: no cover
        raise NotImplementedError

    if TYPE_CHECKING:  # from Filtering, which comes after this class in Outline's bases

        def _let_in(self, node: FeatureNode, *, subtree: bool) -> None: ...
        def _moved_out_of_filter(self, node: FeatureNode) -> bool: ...

    def _touch(self, parent: FeatureNode | None) -> None:
        """A child of ``parent`` came or went: its row (fold marker) may look different."""
        self._version += 1  # even under a folded node: a kept block would be stale
        self._shape_version += 1  # rows kept from before a filter are stale too
        if parent is not None:
            index = self.index_of(parent)
            if index is not None:
                self._changed_at(index)

    def inserted(self, node: FeatureNode) -> None:
        """``node`` (with its subtree) has just been attached to the tree."""
        self._touch(node.parent)
        self._let_in(node, subtree=True)
        start = self._child_start(node.parent, node)
        if start is None:
            return
        depth = self.depths[self.index_of(node.parent)] + 1  # type: ignore[arg-type,index]
        rows, depths = self._flatten(node, depth)
        self._splice_in(node, start, rows, depths)

    def removed(self, node: FeatureNode, parent: FeatureNode, index: int) -> None:
        """``node`` has just been detached from ``parent``, where it was child ``index``."""
        self._touch(parent)
        start = self._old_start(node, parent, index)
        if start is not None:
            self._cut(node, parent, start)

    def moved(self, node: FeatureNode, old_parent: FeatureNode, old_index: int) -> None:
        """``node`` has just moved (with its subtree) from child ``old_index`` of ``old_parent``."""
        self._shape_version += 1
        if self._moved_out_of_filter(node):
            return
        self._touch(old_parent)
        start = self._old_start(node, old_parent, old_index)
        block: tuple[list[FeatureNode], list[int]] | None = None
        if start is not None:
            block = self._cut(node, old_parent, start)
        self._touch(node.parent)
        if block is None:
            self._let_in(node, subtree=False)
        new_start = self._child_start(node.parent, node)
        if new_start is None:
            return
        depth = self.depths[self.index_of(node.parent)] + 1  # type: ignore[arg-type,index]
        if block is None:
            rows, depths = self._flatten(node, depth)
        else:
            rows, depths = block
            shift = depth - depths[0]
            if shift:
                depths = [d + shift for d in depths]
        self._splice_in(node, new_start, rows, depths)

    def _child_start(self, parent: FeatureNode | None, child: FeatureNode) -> int | None:
        """Where ``child``'s block begins, or ``None`` when it is hidden."""
        if parent is None or parent in self.collapsed:
            return None
        parent_row = self.index_of(parent)
        if parent_row is None:
            return None
        start = parent_row + 1
        span = self._span
        for sibling in parent.kids:
            if sibling is child:
                return start
            start += span.get(sibling, 0)
        raise ValueError("tree is corrupt: node missing from its parent's children")

    def _old_start(self, node: FeatureNode, parent: FeatureNode, index: int) -> int | None:
        """Where ``node``'s block still is, now that it has left child ``index`` of ``parent``."""
        if parent in self.collapsed:
            return None
        hint = self._hint.get(node)
        rows = self.rows
        if hint is not None and hint < len(rows) and rows[hint] is node:
            return hint
        parent_row = self.index_of(parent)
        if parent_row is None:
            return None
        start = parent_row + 1
        span = self._span
        preceding = [kid for kid in parent.kids if kid is not node][:index]
        for sibling in preceding:
            start += span.get(sibling, 0)
        if start < len(rows) and rows[start] is node:
            return start
        # The edit also changed a list this walk relies on: find the block directly.
        try:
            return rows.index(node)
        except ValueError:
            return None

    def _cut(
        self, node: FeatureNode, parent: FeatureNode, start: int
    ) -> tuple[list[FeatureNode], list[int]]:
        self._version += 1
        self._changed_at(self.index_of(parent))
        count = self._span[node]
        end = start + count
        block = self.rows[start:end], self.depths[start:end]
        del self.rows[start:end]
        del self.depths[start:end]
        self._add_to_spans(parent, -count)
        return block

    def _splice_in(
        self, node: FeatureNode, start: int, rows: list[FeatureNode], depths: list[int]
    ) -> None:
        self._version += 1
        self._changed_at(self.index_of(node.parent) if node.parent is not None else 0)
        self.settle()  # spans owed are worked out from the rows as they were
        self.rows[start:start] = rows
        self.depths[start:start] = depths
        self._span[node] = len(rows)
        self._hint[node] = start
        self._add_to_spans(node.parent, len(rows))
