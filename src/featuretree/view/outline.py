"""The visible rows of a feature tree: which nodes an outline shows, in order.

An editor showing 100,000 nodes cannot afford to walk the tree on every key. An
:class:`Outline` keeps the flattened list of visible nodes (``rows``) and their depths
(``depths``) and updates them by splicing only the range an edit touches: a fold deletes
a slice, an insert flattens just the new subtree, a move reuses the moved block. It
also keeps, for every visible node, how many rows its visible subtree spans, so the
row of any node is found by walking its ancestors (O(depth × siblings)), never by
scanning the document.

No Textual here: the widget in :mod:`featuretree.tui.widgets.tree_view` draws what this says.
"""

from __future__ import annotations

import itertools
from collections.abc import Iterable

from featuretree import collector
from featuretree.model.node import FeatureNode
from featuretree.model.tree import preorder_with_depth
from featuretree.view.outline_changes import TreeChanges
from featuretree.view.outline_filter import Filtering


class Outline(TreeChanges, Filtering):
    """The flattened, folding-aware order of the visible nodes under ``root``.

    ``collapsed`` holds folded nodes; everything else is expanded (change it only through
    the folding methods, or call :meth:`rebuild` after). After the tree
    changes, tell the outline with :meth:`inserted`, :meth:`removed` or :meth:`moved`
    (:mod:`.outline_changes`; :mod:`featuretree.view.sync` derives these from a command).

    :meth:`set_filter` shows only a set of nodes (see :mod:`.outline_filter`).
    """

    prefix_rows = 300
    """Rows an outline made with a known ``size`` flattens at once: more than a screen shows."""

    long_lived_rows = 10_000
    """From this many rows (or filtered nodes) up, lists made for every row are moved out
    of the cyclic collector's way when made (see :meth:`_out_of_collections`)."""

    def __init__(
        self, root: FeatureNode, collapsed: Iterable[FeatureNode] = (), *, size: int | None = None
    ) -> None:
        self.root = root
        self.collapsed: set[FeatureNode] = set(collapsed)
        self._rows: list[FeatureNode] = []
        self._depths: list[int] = []
        self._walk_left: list[tuple[FeatureNode, int]] | None = None
        """While the rows are owed: where the flatten stopped (see :meth:`row`)."""
        self._size = 0
        """While the rows are owed: how many there will be."""
        self._spans: dict[FeatureNode, int] = {}
        self._spans_owed = False
        """After :meth:`rebuild`, ``_spans`` is filled on first use (see :attr:`_span`)."""
        self._hint: dict[FeatureNode, int] = {}
        """Last known row of a node; only trusted after checking ``rows[hint] is node``."""
        self._version = 0
        """Bumped by every change of the rows, so a kept block knows it is still valid."""
        self._last_fold: tuple[FeatureNode, int, list[FeatureNode], list[int]] | None = None
        """The rows the last fold removed, to put back as they were if nothing changed since."""
        self._dirty_from: int | None = None
        self.keep: set[FeatureNode] | None = None  # while filtered: the only nodes shown
        self._saved_collapsed: set[FeatureNode] = set()  # folding from before the filter
        self._saved_rows: tuple | None = None
        """While filtered: ``(shape version, rows state)`` from before the filter."""
        self._shape_version = 0
        """Bumped whenever the tree's shape may have changed (a node came, went or moved)."""
        if size is not None and not self.collapsed:
            self._start_rows(size)
        else:
            self.rebuild()

    def _start_rows(self, size: int) -> None:
        """Flatten only the first rows now; ``size`` (all nodes: nothing is folded) is the count.

        An editor opening 100,000 nodes draws its first frame from the first few dozen
        rows; the other rows (~60 ms) and the spans (~60 ms) follow on first use or in
        :meth:`settle`, once the frame is on screen. Reading a row past the prefix, the
        row list itself or anything else finishes the flatten first.
        """
        self._version += 1
        self._dirty_from = 0
        self._rows, self._depths = [], []
        stack = [(self.root, 0)]
        self._walk(stack, self._rows, self._depths, self.prefix_rows)
        if stack:
            self._walk_left, self._size = stack, size
        self._spans_owed = True

    @property
    def rows(self) -> list[FeatureNode]:
        """The visible nodes, top to bottom."""
        if self._walk_left is not None:
            self._finish_rows()
        return self._rows

    @rows.setter
    def rows(self, rows: list[FeatureNode]) -> None:
        self._walk_left = None
        self._rows = rows

    @property
    def depths(self) -> list[int]:
        """The depth of each row's node (0 for the root)."""
        if self._walk_left is not None:
            self._finish_rows()
        return self._depths

    @depths.setter
    def depths(self, depths: list[int]) -> None:
        self._walk_left = None
        self._depths = depths

    def _finish_rows(self) -> None:
        stack, self._walk_left = self._walk_left, None
        if stack:
            self._walk(stack, self._rows, self._depths)

    @property
    def _span(self) -> dict[FeatureNode, int]:
        """Rows covered by a visible node's visible subtree (itself included).

        A rebuild leaves this to be worked out on first use: at 100,000 rows that is
        60 ms the editor's first frame does not need (it draws rows, not spans), and
        :meth:`settle` does it once the frame is on screen.
        """
        if self._spans_owed:
            self._spans_owed = False
            self._record_spans(self.rows, self.depths)
            # An empty dict is not tracked by the collector: it became tracked, young,
            # with its first node, and is moved out of the way only now.
            self._out_of_collections()
        return self._spans

    def settle(self) -> None:
        """Do now the work left for later by the constructor or :meth:`rebuild` (call when idle)."""
        self._span  # noqa: B018  (the property finishes the rows, then the spans)

    # -- reading -------------------------------------------------------------------

    def __len__(self) -> int:
        return self._size if self._walk_left is not None else len(self._rows)

    def row(self, index: int) -> FeatureNode:
        """The node shown at row ``index``."""
        if self._walk_left is not None and not 0 <= index < len(self._rows):
            self._finish_rows()
        return self._rows[index]

    def depth(self, index: int) -> int:
        """The depth (0 for the root) of the node shown at row ``index``."""
        if self._walk_left is not None and not 0 <= index < len(self._rows):
            self._finish_rows()
        return self._depths[index]

    def span(self, node: FeatureNode) -> int:
        """How many rows ``node`` and its visible descendants take (node must be visible)."""
        return self._span[node]

    def is_expanded(self, node: FeatureNode) -> bool:
        """True when ``node`` has children and shows them."""
        return bool(node.kids) and node not in self.collapsed

    def is_visible(self, node: FeatureNode) -> bool:
        """True when every ancestor of ``node`` is expanded (and kept by a filter)."""
        keep = self.keep
        if keep is not None and node not in keep:
            return False
        current = node
        parent = node.parent
        while parent is not None:
            if parent in self.collapsed or (keep is not None and parent not in keep):
                return False
            current = parent
            parent = parent.parent
        return current is self.root

    def index_of(self, node: FeatureNode) -> int | None:
        """The row showing ``node``, or ``None`` when it is hidden or not in the tree."""
        rows = self.rows
        hint = self._hint.get(node)
        if hint is not None and hint < len(rows) and rows[hint] is node:
            return hint
        if not self.is_visible(node):
            return None
        path = [node]
        parent = node.parent
        while parent is not None:
            path.append(parent)
            parent = parent.parent
        path.reverse()
        index = 0
        span = self._span
        for parent, child in itertools.pairwise(path):
            index += 1
            for sibling in parent.kids:
                if sibling is child:
                    break
                index += span.get(sibling, 0)  # a sibling the filter hides has no span
        if index >= len(rows) or rows[index] is not node:  # pragma: no cover - safety net
            index = rows.index(node)
        self._hint[node] = index
        return index

    def take_changed_from(self) -> int | None:
        """The first row that may look different since the last call (``None``: none).

        A child added or removed can change the tree lines of every row under its
        parent, so that is where the change starts, not at the new row.
        """
        first, self._dirty_from = self._dirty_from, None
        return first

    def _changed_at(self, index: int | None) -> None:
        if index is None:
            index = 0
        if self._dirty_from is None or index < self._dirty_from:
            self._dirty_from = index

    def parent_row(self, index: int) -> int | None:
        """The row of the parent of the node at ``index`` (``None`` for the root)."""
        parent = self.rows[index].parent
        return None if parent is None else self.index_of(parent)

    # -- folding ---------------------------------------------------------------------

    def fold(self, node: FeatureNode) -> bool:
        """Hide ``node``'s children; False when there was nothing to hide."""
        if not node.kids or node in self.collapsed:
            return False
        index = self.index_of(node)
        self.collapsed.add(node)
        if index is None:
            self._version += 1  # a kept block may hold this node's children
            return True
        removed = self._span[node] - 1
        block = (
            self.rows[index + 1 : index + 1 + removed],
            self.depths[index + 1 : index + 1 + removed],
        )
        del self.rows[index + 1 : index + 1 + removed]
        del self.depths[index + 1 : index + 1 + removed]
        self._add_to_spans(node, -removed)
        self._version += 1
        self._last_fold = (node, self._version, *block)
        self._changed_at(index)
        return True

    def unfold(self, node: FeatureNode) -> bool:
        """Show ``node``'s children; False when they were shown already (or it has none)."""
        if node not in self.collapsed:
            return False
        self.collapsed.discard(node)
        kept = self._last_fold
        if kept is not None and (kept[0] is not node or kept[1] != self._version):
            kept = None
        self._last_fold = None
        self._version += 1  # from here on, any other kept block may lack these children
        if not node.kids:
            return False
        index = self.index_of(node)
        if index is None:
            return True
        if kept is not None:
            # Folded and unfolded with nothing changed in between (a peek): the removed
            # rows, and the spans inside them, are still exact.
            rows, depths = kept[2], kept[3]
        else:
            depth = self.depths[index] + 1
            rows, depths = [], []
            for kid in node.kids:
                if self.keep is not None and kid not in self.keep:
                    continue
                kid_rows, kid_depths = self._flatten(kid, depth)
                rows += kid_rows
                depths += kid_depths
        self._changed_at(index)
        self.settle()  # spans owed are worked out from the rows as they were
        self.rows[index + 1 : index + 1] = rows
        self.depths[index + 1 : index + 1] = depths
        self._add_to_spans(node, len(rows))
        return True

    def toggle(self, node: FeatureNode) -> bool:
        """Fold an expanded node or unfold a folded one; False for a leaf."""
        return self.unfold(node) if node in self.collapsed else self.fold(node)

    def reveal(self, node: FeatureNode) -> None:
        """Unfold every ancestor of ``node`` so that it is visible (a filter lets it in)."""
        self._let_in_path(node)
        chain = []
        parent = node.parent
        while parent is not None:
            chain.append(parent)
            parent = parent.parent
        for ancestor in reversed(chain):  # top-down: each unfold then splices once
            self.unfold(ancestor)

    def focus_path(self, node: FeatureNode) -> None:
        """Fold everything except the path from the root to ``node`` (and ``node`` itself)."""
        keep = {id(node)}
        parent = node.parent
        while parent is not None:
            keep.add(id(parent))
            parent = parent.parent
        self.collapsed = {
            n for n, _ in preorder_with_depth(self.root) if n.kids and id(n) not in keep
        }
        self.rebuild()

    @property
    def user_folds(self) -> set[FeatureNode]:
        """The nodes the user folded: under a filter, those from before it (the filter
        unfolds its matches' ancestors for the time it is on)."""
        return self._saved_collapsed if self.keep is not None else self.collapsed

    def fold_only(self, nodes: Iterable[FeatureNode]) -> None:
        """Fold exactly ``nodes`` (those with children), and unfold everything else."""
        self.collapsed = {node for node in nodes if node.kids}
        self.rebuild()

    def expand_to_level(self, level: int) -> None:
        """Show the nodes down to depth ``level`` and fold the ones at that depth.

        Only the frontier is recorded as folded, so this walks just the levels shown.
        """
        collapsed: set[FeatureNode] = set()
        stack = [(self.root, 0)]
        while stack:
            node, depth = stack.pop()
            if not node.kids:
                continue
            if depth >= level:
                collapsed.add(node)
            else:
                stack.extend((kid, depth + 1) for kid in node.kids)
        self.collapsed = collapsed
        self.rebuild()

    def rebuild(self) -> None:
        """Recompute every row from the tree (after a change too tangled to splice)."""
        self._shape_version += 1  # the caller may have changed the tree in any way
        self._rebuild_rows()

    def _rebuild_rows(self) -> None:
        """Recompute every row (the tree's shape is as before: folding or filter changed)."""
        self._version += 1
        self._dirty_from = 0
        self._spans = {}  # a new dict: the one from before a filter may be kept (_take_rows)
        self._hint.clear()
        self.rows, self.depths = self._flatten(self.root, 0, spans=False)
        self._spans_owed = True
        self._out_of_collections()

    def _take_rows(self) -> tuple:
        """The rows, depths and spans as they are now (for :meth:`_put_rows`)."""
        rows, depths = self.rows, self.depths  # (finishes a flatten still owed)
        return rows, depths, self._spans, self._spans_owed

    def _put_rows(self, saved: tuple) -> None:
        """Show again rows kept by :meth:`_take_rows`: same tree shape and folding since."""
        self._version += 1
        self._dirty_from = 0
        self._hint.clear()
        self.rows, self.depths, self._spans, self._spans_owed = saved
        self._out_of_collections()

    def _out_of_collections(self) -> None:
        """Move the row lists just made (and the filter's set) out of the collector's way.

        They live until the next fold-all, filter or rebuild, and hold an entry per row
        (the spans too, once worked out: :attr:`_span`):
        while they are young, the collections of the young generations walk every entry
        (measured at 100,000 rows: 15-30 ms for the first one after "unfold all", 11 ms
        for the next older one — a key that happens to pay it misses its frame). Moving
        every tracked object to the permanent generation (``collector.freeze``, O(1)), as
        the editor does with the document once it is open, takes them out of every later
        collection; they are still freed by reference counting when replaced.
        """
        if max(len(self._rows), len(self.keep or ())) >= self.long_lived_rows:
            collector.freeze()

    # -- internals ---------------------------------------------------------------------

    def _flatten(
        self, top: FeatureNode, depth: int, *, spans: bool = True
    ) -> tuple[list[FeatureNode], list[int]]:
        """The visible rows of ``top``'s subtree, recording each visible node's span.

        ``spans=False`` leaves the spans to the caller.
        """
        rows: list[FeatureNode] = []
        depths: list[int] = []
        self._walk([(top, depth)], rows, depths)
        if spans:
            self._record_spans(rows, depths)
        return rows, depths

    def _walk(
        self,
        stack: list[tuple[FeatureNode, int]],
        rows: list[FeatureNode],
        depths: list[int],
        limit: int = -1,
    ) -> None:
        """Append the visible rows under the ``(node, depth)`` entries of ``stack`` (last first).

        Stops early once ``limit`` rows have been added, leaving ``stack`` where the walk
        can go on from.
        """
        append_row, append_depth = rows.append, depths.append
        collapsed = self.collapsed
        keep = self.keep
        pop, extend = stack.pop, stack.extend
        while stack:
            node, d = pop()
            append_row(node)
            append_depth(d)
            kids = node.kids
            if kids and node not in collapsed:
                d += 1
                if keep is None:
                    extend([(kid, d) for kid in reversed(kids)])
                else:
                    extend([(kid, d) for kid in reversed(kids) if kid in keep])
            limit -= 1
            if not limit:
                return

    def _record_spans(self, rows: list[FeatureNode], depths: list[int]) -> None:
        """Record the span of every node in ``rows`` (a whole block: subtrees end inside it)."""
        # A node's span ends where the next row at its depth or above begins.
        span = self._span  # (owed spans are worked out first)
        open_rows: list[int] = []
        for j, d in enumerate(depths):
            while open_rows and depths[open_rows[-1]] >= d:
                start = open_rows.pop()
                span[rows[start]] = j - start
            open_rows.append(j)
        end = len(rows)
        for start in open_rows:
            span[rows[start]] = end - start

    def _add_to_spans(self, node: FeatureNode | None, delta: int) -> None:
        span = self._span
        while node is not None:
            span[node] += delta
            node = node.parent
