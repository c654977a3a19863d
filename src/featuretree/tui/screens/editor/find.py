"""Search (``/``) and filter (``f``) in the editor: the bars, the highlights, the jumps.

:class:`Finding` is the part of :class:`~featuretree.tui.screens.editor.screen.EditorScreen` that
does it: the screen owns one, and its key actions and bar messages call it.

- Search as you type: each change of the text (debounced by the bar) builds
  :class:`~featuretree.model.search.Matches`, highlights the matches in the titles shown and
  puts the cursor on the first match from where the search started. Searches scan a
  :class:`~featuretree.model.search.SearchIndex`, built after the editor's first frame in
  slices of a few milliseconds between keys (again after an edit, when next needed); a
  search asked for before it is ready waits for it without holding the keys, and only
  the latest text is searched then. A grown query re-checks only the previous matches.
  Enter hands the
  keys back to the tree with the bar still open: then ``n`` / ``N`` (or F3 / Shift+F3)
  step through the matches, ``/`` goes back to the text, Escape closes the bar.
- Filter: each valid query shows only the matching nodes and their ancestors
  (:meth:`featuretree.view.outline.Outline.set_filter`); Enter hands the keys back to the
  tree with the filter on; Escape (in the bar or the tree) clears it and restores the
  folding from before.

The bars are mounted the first time they open (and stay, hidden, once closed): most
sessions never search, and every widget on the screen costs time on every key.
"""

from __future__ import annotations

import asyncio
from collections.abc import Callable
from typing import TYPE_CHECKING

from textual.message import Message
from textual.widget import Widget

from featuretree import collector
from featuretree.i18n import t
from featuretree.model.query import Filter, filter_keep, matched_fields, prepare_filters
from featuretree.model.search import Matches, SearchIndex
from featuretree.operations import Command
from featuretree.tui.widgets.detail import DetailPanel
from featuretree.tui.widgets.find_bars import BarStack, FilterBar, SearchBar

if TYPE_CHECKING:
    from textual.worker import Worker

    from featuretree.tui.screens.editor.screen import EditorScreen

INDEX_AT_ONCE = 20_000
"""Documents up to this many nodes build their search index at once (a few ms)."""
INDEX_SLICE = 0.004
"""Seconds of index building at a time before keys waiting are handled (bigger documents)."""


class EditorSearchBar(SearchBar):
    """The search bar; Enter posts :class:`Submitted` (the tree takes the keys back)."""

    class Submitted(Message):
        """Enter in the search text."""

    def on_input_submitted(self, event) -> None:
        event.stop()
        event.prevent_default()  # not SearchBar's handler too (it would step once more)
        self.flush()
        self.post_message(self.Submitted())


class Finding:
    """Search and filter of one editor screen: its bars, its matches and its filter."""

    def __init__(self, editor: EditorScreen) -> None:
        self.editor = editor
        self._matches: Matches | None = None
        self._search_origin: str | None = None
        self.filter: Filter | None = None
        """The filter shown now, if any (``p``/``t`` act on the suggestion it matches)."""
        self.matched = 0
        """How many nodes the filter shown matches (the filter bar's count)."""
        self._search_bar: EditorSearchBar | None = None
        self._filter_bar: FilterBar | None = None
        self._stack: BarStack | None = None
        """Where the bars are, over the bottom of the panes (mounted with the first bar)."""
        self._index: SearchIndex | None = None
        """The search index of the document as it is (``None`` after an edit)."""
        self._indexing: Worker | None = None
        self._pending: dict[str, Callable[[], None]] = {}
        """What to do once the index is ready, by bar ("search", "filter"): the latest
        search or step, the latest filter asked for."""
        editor.history.subscribe(self._search_stale)  # an edit makes the matches stale

    def bar_taking_keys(self) -> SearchBar | FilterBar | None:
        """The search or filter bar just opened, for keys that still reach the tree."""
        for bar in (self._search_bar, self._filter_bar):
            if bar is not None and bar.takes_keys:
                return bar
        return None

    def _search_stale(self, command: Command, kind: str) -> None:
        self._matches = None
        # The index describes the tree before the edit: a new one when next needed.
        self._index = None
        if self._indexing is not None:
            self._indexing.cancel()
            self._indexing = None
        if self._pending:
            self.start_index()

    # -- the search index --------------------------------------------------------------

    def start_index(self) -> None:
        """Build the search index now (small documents) or in slices between keys.

        The editor calls this after its first frame, so that the first search of a big
        document costs what the later ones do.
        """
        doc = self.editor.doc
        if self._index is None:
            self._index = SearchIndex(doc.root)
        index = self._index
        if index.ready or self._indexing is not None:
            return
        if len(doc) <= INDEX_AT_ONCE:
            index.build()
            return
        self._indexing = self.editor.run_worker(
            self._build_index(index), group="search-index", exclusive=True
        )

    async def _build_index(self, index: SearchIndex) -> None:
        while not index.build(INDEX_SLICE):
            await asyncio.sleep(0)  # keys (and frames) waiting go first
        if self._index is not index:  # pragma: no cover - an edit cancels the worker first
            return
        # The index (and each node's search text, made now) stays as long as the
        # document: like the document itself (app.py), it is moved out of the collector's
        # way, or every full collection would walk its 100,000 entries again.
        collector.freeze()
        pending, self._pending = self._pending, {}
        for action in pending.values():
            action()
        # Then, between keys, what the first filter would pay for (the worker is
        # cancelled with the index when the document changes).
        for _ in prepare_filters(index):
            await asyncio.sleep(0)
        self._indexing = None

    def _when_indexed(self, action: Callable[[], None], bar: str = "search") -> None:
        """Run ``action`` once the index is ready: now, or after the slices still to come
        (a later call for the same ``bar`` replaces an action still waiting: only the
        latest text counts)."""
        self.start_index()
        if self._index is not None and self._index.ready:
            self._pending.pop(bar, None)
            action()
        else:
            self._pending[bar] = action
            # working: the count follows
            (self.search_bar if bar == "search" else self.filter_bar).set_status("…")

    @property
    def search_bar(self) -> EditorSearchBar:
        """The search bar, mounted the first time it is asked for (hidden when closed).

        The bars are not part of the screen until first used: every widget on a screen
        costs time on every key, and most sessions never search.
        """
        if self._search_bar is None:
            self._search_bar = EditorSearchBar(id="search")
            self._mount_bar(self._search_bar, before=self._filter_bar)
        return self._search_bar

    @property
    def filter_bar(self) -> FilterBar:
        """The filter bar, mounted the first time it is asked for (hidden when closed)."""
        if self._filter_bar is None:
            self._filter_bar = FilterBar(id="filter")
            self._mount_bar(self._filter_bar, before=None)
        return self._filter_bar

    def _cover_rows(self, rows: int) -> None:
        # The bars lie over the last rows of both views: each keeps its cursor above them.
        self.editor.tree.cover_rows(rows)
        self.editor.diagram.cover_rows(rows)
        self.editor.query_one(DetailPanel).cover_rows(rows)

    def _mount_bar(self, bar: Widget, before: Widget | None) -> None:
        # Above the key bar; the search bar above the filter bar.
        if self._stack is None:
            self._stack = BarStack(bar, covered=self._cover_rows)
            self.editor.mount(self._stack, after=self.editor.query_one("#panes"))
        elif before is not None:
            self._stack.mount(bar, before=before)
        else:
            self._stack.mount(bar)

    @property
    def searching(self) -> bool:
        """Whether the search bar is open (focused or not)."""
        return self._search_bar is not None and self._search_bar.is_open

    def allows(self, action: str) -> bool:
        """Whether a search/filter key applies now (``n`` is notes unless searching)."""
        if action == "search_step":
            return self.searching
        if action == "close_bars":
            return self.searching or self.editor.tree.outline.filtered
        return True

    # -- search ----------------------------------------------------------------------

    def open_search(self) -> None:
        bar = self.search_bar
        if not bar.is_open:
            self._search_origin = self.editor.tree.cursor_node.id
        bar.open()

    def search_changed(self, event: SearchBar.Changed) -> None:
        event.stop()
        tree = self.editor.tree
        text = event.text if event.text.strip() else ""
        tree.set_highlight(text)
        if not text:
            self._pending.pop("search", None)
            self._matches = None
            self.search_bar.set_count(None, 0)
            return
        self._when_indexed(lambda: self._search(text))

    def _matches_for(self, text: str) -> Matches:
        """The matches of ``text`` (narrowing the current ones when the query grew)."""
        assert self._index is not None and self._index.ready
        return Matches.from_index(self.editor.doc, self._index, text, self._matches)

    def _search(self, text: str) -> None:
        self._matches = self._matches_for(text)
        origin = self._search_origin
        target = (
            origin if self._matches.position(origin) is not None else self._matches.step(origin, 1)
        )
        self._go(target)

    def _go(self, node_id: str | None) -> None:
        matches = self._matches
        if matches is None:
            return
        if node_id is not None:
            node = self.editor.doc.get(node_id)
            if node is not None:
                self.editor.tree.select(node)
        node = self.editor.doc.get(node_id) if node_id is not None else None
        fields = matched_fields(node, matches.text) if node is not None else []
        where = (
            ""
            if not fields or fields[0] == "title"
            else t(
                "search.found_in",
                fields=t("search.field_separator").join(t(f"search.field.{f}") for f in fields),
            )
        )
        self.search_bar.set_count(matches.position(node_id), len(matches), where)

    def step(self, direction: int) -> None:
        bar = self.search_bar
        bar.flush()
        if self._matches is None and bar.value.strip():
            # after an edit: search the document as it is now (once it is indexed)
            text = bar.value

            def search_and_step() -> None:
                self._matches = self._matches_for(text)
                self._step(direction)

            self._when_indexed(search_and_step)
            return
        self._step(direction)

    def _step(self, direction: int) -> None:
        if self._matches is None:
            return
        self._go(self._matches.step(self.editor.tree.cursor_node.id, direction))

    def search_step(self, event: SearchBar.Step) -> None:
        event.stop()
        self.step(event.direction)

    def search_submitted(self, event: EditorSearchBar.Submitted) -> None:
        event.stop()
        self.editor.tree.focus()

    def search_closed(self, event: SearchBar.Closed) -> None:
        event.stop()
        self._close_search()

    def _close_search(self) -> None:
        bar = self.search_bar
        bar.close()
        bar.input.value = ""
        bar.set_status("")
        self._matches = None
        self._pending.pop("search", None)
        self.editor.tree.set_highlight("")
        self.editor.tree.focus()

    def close_bars(self) -> None:
        """Escape outside the bars: close the search, else clear the filter."""
        if self.searching:
            self._close_search()
        elif self.editor.tree.outline.filtered:
            self.filter_bar.action_clear()

    # -- filter ----------------------------------------------------------------------

    def open_filter(self) -> None:
        self.filter_bar.open()

    def filter_applied(self, event: FilterBar.Applied) -> None:
        event.stop()
        flt = event.filter
        if flt.is_empty:
            self._clear_filter()
            return
        # With the index, ~10 ms at 100,000 nodes; without it (after an edit), a walk of
        # the tree would hold the keys for ~0.2 s: the index is built again in slices
        # between keys instead, and the filter is shown once it is ready.
        self._when_indexed(lambda: self._apply_filter(flt), "filter")

    def _apply_filter(self, flt: Filter) -> None:
        tree = self.editor.tree
        doc = self.editor.doc
        node = tree.cursor_node
        kept = filter_keep(doc, flt, self._index)
        keep, matching = kept.nodes, kept.matching
        outline = tree.outline
        outline.set_filter(keep, kept.rows)
        tree.rows_changed()
        self.editor.diagram.changed()  # the diagram shows the filter's nodes too
        self.filter = flt
        self.matched = len(matching)
        self.filter_bar.set_count(len(matching))
        if node not in keep or not flt.matches(node):
            node = matching[0] if matching else doc.root
        if kept.rows is not None:
            # The rows are known: the cursor's row is found in them, and the outline's
            # spans (for folding, ~15 ms per 10,000 rows shown) wait until the frame is out.
            tree.set_cursor(outline.rows.index(node))
            self.editor.call_after_refresh(outline.settle)
        else:
            tree.set_cursor(outline.index_of(node) or 0)

    def filter_done(self, event: FilterBar.Done) -> None:
        event.stop()
        if not self.editor.tree.outline.filtered and "filter" not in self._pending:
            self.filter_bar.close()
        self.editor.tree.focus()

    def filter_cleared(self, event: FilterBar.Cleared) -> None:
        event.stop()
        self._clear_filter()
        self.editor.tree.focus()

    def _clear_filter(self) -> None:
        self._pending.pop("filter", None)  # a filter still waiting for the index is dropped
        tree = self.editor.tree
        node = tree.cursor_node
        self.filter = None
        self.matched = 0
        if tree.outline.clear_filter():
            tree.rows_changed()
            self.editor.diagram.changed()  # the whole tree again
            # The folding comes back as it was: the cursor goes to the node, or to its
            # nearest ancestor shown, rather than unfolding anything.
            while tree.outline.index_of(node) is None and node.parent is not None:
                node = node.parent
            tree.set_cursor(tree.outline.index_of(node) or 0)
            # No "filter cleared" toast: the whole tree coming back says it, and a toast
            # costs a mount and a layout on top of the bar closing.
