"""The suggestions board: every suggestion of the document in one sortable, filterable table.

``push_screen(SuggestionsBoard(history), callback)``: the callback receives the id of the
node to jump to (Enter on a row) or ``None`` (Escape). ``p`` / ``t`` cycle the selected
suggestion's priority / status through the history, so each change is one undo step in
the editor as well; Ctrl+Z / Ctrl+Y undo and redo from the board itself.
"""

from __future__ import annotations

from dataclasses import dataclass

from rich.text import Text
from textual.app import ComposeResult
from textual.containers import Vertical
from textual.screen import Screen
from textual.widgets import Input, Label, Static

from featuretree.i18n import error_text, suggestion_status_label, t
from featuretree.model.annotations import Priority, Suggestion, SuggestionStatus
from featuretree.model.node import FeatureNode
from featuretree.model.query import Filter, FilterError, parse_filter
from featuretree.operations import History, OperationError, annotate
from featuretree.tui.bindings import BOARD_BINDINGS, localize_bindings
from featuretree.tui.screens.forms import SuggestionForm
from featuretree.tui.typed_ahead import HandsKeysOn, TypedAhead
from featuretree.tui.widgets.annotation_text import (
    node_path,
    one_line,
    priority_text,
    status_text,
    suggestion_text,
)
from featuretree.tui.widgets.key_bar import KeyBar
from featuretree.tui.widgets.table import Column, RowTable, natural_width
from featuretree.tui.widgets.text_field import TextField
from featuretree.tui.widgets.wrapped_text import WrappedText

COLUMNS = ("node", "priority", "status", "text", "author", "date")
_AUTHOR_MAX = 16
_PRIORITY_ORDER = {p: i for i, p in enumerate(Priority)}
_STATUS_ORDER = {s: i for i, s in enumerate(SuggestionStatus)}
SORTS = ("node", "priority", "status", "date")


@dataclass
class BoardRow:
    """One suggestion with where it sits: ``order`` is its place in document order."""

    order: int
    node: FeatureNode
    suggestion: Suggestion
    path: str


def collect_rows(history: History) -> list[BoardRow]:
    """Every suggestion of the document in document order."""
    rows: list[BoardRow] = []
    paths: dict[str, str] = {}
    for order, (node, suggestion) in enumerate(history.doc.iter_suggestions()):
        path = paths.get(node.id)
        if path is None:
            path = paths[node.id] = node_path(node)
        rows.append(BoardRow(order, node, suggestion, path))
    return rows


def sort_rows(rows: list[BoardRow], by: str, reverse: bool = False) -> list[BoardRow]:
    """``rows`` sorted by ``node`` (document order), ``priority``, ``status`` or ``date`` (newest first)."""
    if by == "priority":

        def key(r):
            return (
                _PRIORITY_ORDER[r.suggestion.priority],
                _STATUS_ORDER[r.suggestion.status],
                r.order,
            )
    elif by == "status":

        def key(r):
            return (
                _STATUS_ORDER[r.suggestion.status],
                _PRIORITY_ORDER[r.suggestion.priority],
                r.order,
            )
    elif by == "date":
        key = lambda r: (-r.suggestion.created.toordinal(), r.order)  # noqa: E731
    else:
        key = lambda r: r.order  # noqa: E731
    return sorted(rows, key=key, reverse=reverse)


class BoardTable(HandsKeysOn, RowTable):
    """The board's table: ``/`` and a filter typed behind it in one write put the filter
    in its field (see :class:`HandsKeysOn`)."""


class SuggestionsBoard(TypedAhead, Screen[str | None]):
    """All suggestions; Enter dismisses with the node id to jump to."""

    DEFAULT_CSS = """
    SuggestionsBoard > Vertical {
        height: 1fr;
    }
    SuggestionsBoard .board-title {
        text-style: bold;
        padding: 0 1;
    }
    SuggestionsBoard #summary {
        padding: 0 1;
        color: $text-muted;
    }
    SuggestionsBoard #query {
        display: none;
    }
    SuggestionsBoard #query.-visible {
        display: block;
    }
    SuggestionsBoard .hint {
        color: $text-muted;
        padding: 0 1;
    }
    SuggestionsBoard #preview {
        max-height: 40%;
        padding: 0 1;
        border-top: solid $panel-lighten-2;
    }
    """

    BINDINGS = BOARD_BINDINGS
    NOTICES_AT_TOP = True
    """Notices at the top right: the hint lines above the key bar stay readable."""

    def action_export(self) -> None:
        """Export the suggestions shown, in this order, as a Markdown table or CSV."""
        from featuretree.tui.screens.board_export import export_suggestions

        export_suggestions(self)

    def __init__(self, history: History, *, author: str = "") -> None:
        super().__init__()
        localize_bindings(self)
        self.history = history
        self.author = author
        self.sort_by = "node"
        self.reverse = False
        self.priorities: set[Priority] = set(Priority)
        self.open_only = False
        self.query_filter: Filter = parse_filter("")
        self.shown: list[BoardRow] = []
        self._all: list[BoardRow] = []
        self.total = 0

    def compose(self) -> ComposeResult:
        with Vertical():
            yield Label(Text(t("board.title")), classes="board-title")
            yield Static(id="summary")
            yield TextField(placeholder=t("board.filter_placeholder"), id="query")
            yield BoardTable(self._columns(), id="table")
            # The row's whole suggestion: the table cuts its text to the column, and has
            # no room for its rationale or the full place of its node.
            yield WrappedText(id="preview", max_natural=1000)
            yield Static(Text(t("board.hint")), classes="hint")  # wraps, never cut
        yield KeyBar()

    def on_mount(self) -> None:
        self.refresh_rows(reread=True)
        self.query_one(RowTable).focus()

    # -- contents ---------------------------------------------------------------------

    def _visible(self, row: BoardRow) -> bool:
        s = row.suggestion
        if s.priority not in self.priorities:
            return False
        if self.open_only and not s.status.is_open:
            return False
        return self.query_filter.is_empty or self.query_filter.matches_suggestion(row.node, s)

    def _columns(self) -> list[Column]:
        """The columns, the fixed ones as wide as their longest value in the UI's language."""
        label = {c: t(f"board.col.{c}") for c in COLUMNS}
        rows = self._all
        return [
            Column(
                "node",
                label["node"],
                max_width=natural_width(label["node"], (one_line(r.path) for r in rows)),
                keep_end=True,
            ),
            Column(
                "priority",
                label["priority"],
                natural_width(label["priority"], (p.value for p in Priority)),
            ),
            Column(
                "status",
                label["status"],
                natural_width(
                    label["status"], (suggestion_status_label(s.value) for s in SuggestionStatus)
                ),
            ),
            Column(
                "text",
                label["text"],
                max_width=natural_width(label["text"], (one_line(r.suggestion.text) for r in rows)),
            ),
            Column(
                "author",
                label["author"],
                natural_width(
                    label["author"],
                    (one_line(r.suggestion.author or "") for r in rows),
                    cap=_AUTHOR_MAX,
                ),
            ),
            Column("date", label["date"], natural_width(label["date"], ["2026-12-31"])),
        ]

    def _cells(self, index: int) -> list[Text]:
        row = self.shown[index]
        s = row.suggestion
        return [
            Text(one_line(row.path)),
            priority_text(s.priority),
            status_text(s.status),
            Text(one_line(s.text)),
            Text(one_line(s.author or "")),
            Text(s.created.isoformat(), style="dim"),
        ]

    @property
    def selected(self) -> BoardRow | None:
        """The row under the cursor."""
        table = self.query_one(RowTable)
        if not self.shown or not 0 <= table.cursor < len(self.shown):
            return None
        return self.shown[table.cursor]

    def refresh_rows(self, keep: str | None = None, *, reread: bool = False) -> None:
        """Filter and sort again, keeping the cursor on suggestion ``keep`` (else the current one).

        ``reread`` walks the document again, after an edit that may have added, removed or
        moved suggestions; sorting and filtering alone reuse the rows already read.
        """
        table = self.query_one(RowTable)
        if keep is None and self.selected is not None:
            keep = self.selected.suggestion.id
        if reread:
            self._all = collect_rows(self.history)
            table.set_columns(self._columns())  # the longest path or author may have changed
        self.total = len(self._all)
        self.shown = sort_rows(
            [r for r in self._all if self._visible(r)], self.sort_by, self.reverse
        )
        table.set_rows([row.suggestion.id for row in self.shown], self._cells, keep=keep)
        self._update_summary()
        self._update_preview()

    def _update_preview(self) -> None:
        """Show the selected row's suggestion whole, under the place of its node."""
        row = self.selected
        text = Text()
        if row is not None:
            text = Text.assemble(Text(node_path(row.node), style="bold"), "\n")
            text.append_text(suggestion_text(row.suggestion))
        self.query_one("#preview", WrappedText).update(text)

    def on_row_table_highlighted(self, event: RowTable.Highlighted) -> None:
        event.stop()
        self._update_preview()

    def _update_summary(self) -> None:
        parts = [
            t(
                "board.summary",
                shown=len(self.shown),
                total=self.total,
                sort=t(f"board.sort.{self.sort_by}"),
            )
        ]
        if self.priorities != set(Priority):
            parts.append(" ".join(p.value for p in Priority if p in self.priorities))
        if self.open_only:
            parts.append(t("binding.board.toggle_open"))
        if not self.query_filter.is_empty:
            parts.append(self.query_filter.query)
        if not self.shown:
            parts.append(t("board.empty"))
        self.query_one("#summary", Static).update(Text(" · ".join(parts)))

    def _update_row(self, index: int) -> None:
        """Re-read one suggestion after an edit and redraw only its row."""
        row = self.shown[index]
        found = self.history.doc.find_suggestion(row.suggestion.id)
        if found is None:
            self.refresh_rows(reread=True)
            return
        node, position = found
        row.node, row.suggestion = node, node.suggestions[position]
        self.query_one(RowTable).refresh_row(row.suggestion.id)
        self._update_preview()

    # -- actions ----------------------------------------------------------------------

    def _edit(self, build) -> None:
        row = self.selected
        if row is None:
            return
        try:
            self.history.do(build(self.history.doc, row.suggestion.id))
        except OperationError as exc:
            self.notify(error_text(exc), severity="warning", markup=False)
            return
        self._update_row(self.query_one(RowTable).cursor)

    def action_cycle_priority(self) -> None:
        """Next priority for the selected suggestion (P0 → P1 → P2 → P3 → P0)."""
        self._edit(annotate.cycle_priority)

    def action_cycle_status(self) -> None:
        """Next status for the selected suggestion."""
        self._edit(annotate.cycle_suggestion_status)

    def action_sort(self, by: str) -> None:
        """Sort by ``by``; asking again for the same order reverses it."""
        self.reverse = not self.reverse if by == self.sort_by else False
        self.sort_by = by
        self.refresh_rows()

    def action_toggle_priority(self, value: str) -> None:
        """Show only this priority; with a subset shown, add or remove it instead."""
        priority = Priority(value)
        if self.priorities == set(Priority):
            self.priorities = {priority}
        else:
            self.priorities ^= {priority}
            if not self.priorities:
                self.priorities = set(Priority)
        self.refresh_rows()

    def action_toggle_open(self) -> None:
        """Show only suggestions still asking for work, or all again."""
        self.open_only = not self.open_only
        self.refresh_rows()

    def action_show_all(self) -> None:
        """Drop every filter."""
        self.priorities = set(Priority)
        self.open_only = False
        self.query_filter = parse_filter("")
        query = self.query_one("#query", Input)
        query.value = ""
        query.remove_class("-visible")
        self.refresh_rows()

    def action_focus_query(self) -> None:
        """Open the filter line (the editor's filter language, see ``model/query.py``)."""
        query = self.query_one("#query", Input)
        query.add_class("-visible")
        # At once, not after a refresh: the keys typed behind "/" go where the focus is.
        self.set_focus(query)

    def on_input_changed(self, event: Input.Changed) -> None:
        event.stop()
        try:
            self.query_filter = parse_filter(event.value)
        except FilterError as exc:
            self.query_one("#summary", Static).update(
                Text(t("filter.error", error=error_text(exc)))
            )
            return
        self.refresh_rows()

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        self.query_one(RowTable).focus()

    def on_row_table_selected(self, event: RowTable.Selected) -> None:
        event.stop()
        row = self.selected
        if row is not None:
            self.dismiss(row.node.id)

    def action_close(self) -> None:
        """Leave the filter line, or the board."""
        query = self.query_one("#query", Input)
        if query.has_focus:
            if not query.value:
                query.remove_class("-visible")
            self.query_one(RowTable).focus()
            return
        self.dismiss(None)

    def action_edit(self) -> None:
        """Edit the selected suggestion in a form."""
        row = self.selected
        if row is None:
            return
        sid = row.suggestion.id

        def done(fields: dict | None) -> None:
            if fields:
                try:
                    self.history.do(annotate.edit_suggestion(self.history.doc, sid, **fields))
                except OperationError as exc:
                    self.notify(error_text(exc), severity="warning", markup=False)
                self.refresh_rows(keep=sid, reread=True)

        self.app.push_screen(SuggestionForm(row.suggestion, author=self.author), done)

    def action_delete(self) -> None:
        """Delete the selected suggestion (undo brings it back)."""
        self._edit(annotate.delete_suggestion)

    def action_undo(self) -> None:
        """Undo the last edit (also one made in the editor)."""
        if self.history.undo() is None:
            self.notify(t("app.nothing_to_undo"), markup=False)
        self.refresh_rows(reread=True)

    def action_redo(self) -> None:
        """Redo the last undone edit."""
        if self.history.redo() is None:
            self.notify(t("app.nothing_to_redo"), markup=False)
        self.refresh_rows(reread=True)
