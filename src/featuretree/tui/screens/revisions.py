"""The document's revision history (版本修订记录): view, add, edit and delete its rows.

``push_screen(RevisionsScreen(history, author=config.author))`` — from the command palette.
Every change is an undoable step of ``history`` (``operations.annotate`` add_revision /
edit_revision / delete_revision); Ctrl+Z / Ctrl+Y work here too.
"""

from __future__ import annotations

from typing import Any

from rich.text import Text
from textual.app import ComposeResult
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Label, Static

from featuretree.i18n import error_text, t
from featuretree.operations import Command, History, OperationError, annotate
from featuretree.tui.bindings import REVISIONS_BINDINGS, localize_bindings
from featuretree.tui.screens.forms import RevisionForm
from featuretree.tui.typed_ahead import HandsKeysOn, TypedAhead
from featuretree.tui.widgets.table import Column, RowTable, natural_width


class RevisionsTable(HandsKeysOn, RowTable):
    """The revisions' table: ``a`` and a summary typed behind it in one write put the
    summary in the form ``a`` opens (see :class:`HandsKeysOn`)."""


class RevisionsScreen(ModalScreen[None], TypedAhead):
    """A table of the revision rows with keys to change them (and the keys typed right
    behind the command that opened it: :class:`TypedAhead`)."""

    DEFAULT_CSS = """
    RevisionsScreen {
        align: center middle;
    }
    RevisionsScreen > Vertical {
        width: 90%;
        height: 80%;
        border: round $accent;
        background: $panel;
    }
    RevisionsScreen .form-title {
        text-style: bold;
        padding: 0 1;
    }
    RevisionsScreen #empty, RevisionsScreen .hint {
        color: $text-muted;
        padding: 0 1;
    }
    /* in line with the title and the hint, not against the frame */
    RevisionsScreen RowTable {
        margin: 0 1;
    }
    """

    BINDINGS = REVISIONS_BINDINGS

    def __init__(self, history: History, *, author: str = "") -> None:
        super().__init__()
        localize_bindings(self)
        self.history = history
        self.author = author

    def compose(self) -> ComposeResult:
        with Vertical():
            yield Label(Text(t("revisions.title")), classes="form-title")
            yield Static(id="empty")
            yield RevisionsTable(self._columns(), id="revisions")
            yield Static(Text(t("revisions.hint")), classes="hint")  # wraps, never cut

    def on_mount(self) -> None:
        self.refresh_rows()
        self.query_one(RowTable).focus()

    def _columns(self) -> list[Column]:
        """Version, date and author as wide as their longest value; the summary takes the rest."""
        rows = self.history.doc.revisions
        return [
            Column(
                "version",
                t("revisions.col.version"),
                natural_width(t("revisions.col.version"), (r.version for r in rows), cap=20),
            ),
            Column(
                "date",
                t("revisions.col.date"),
                natural_width(t("revisions.col.date"), ["2026-12-31"]),
            ),
            Column(
                "author",
                t("revisions.col.author"),
                natural_width(t("revisions.col.author"), (r.author or "" for r in rows), cap=16),
            ),
            Column("summary", t("revisions.col.summary")),
        ]

    def _cells(self, index: int) -> list[Text]:
        row = self.history.doc.revisions[index]
        return [
            Text(row.version, style="bold"),
            Text(row.date.isoformat(), style="dim"),
            Text(row.author or ""),
            Text(" ".join(row.summary.split())),
        ]

    def refresh_rows(self, cursor: int | None = None) -> None:
        """Show the document's revisions again, the cursor on row ``cursor`` if given."""
        rows = self.history.doc.revisions
        keys = [str(i) for i in range(len(rows))]
        table = self.query_one(RowTable)
        table.set_columns(self._columns())
        table.set_rows(keys, self._cells, keep=str(cursor) if cursor is not None else None)
        self.query_one("#empty", Static).update(Text("" if rows else t("revisions.empty")))

    @property
    def cursor(self) -> int | None:
        """The index of the selected revision."""
        key = self.query_one(RowTable).cursor_key
        return int(key) if key is not None else None

    def _do(self, command: Command, cursor: int | None) -> None:
        self.history.do(command)
        self.refresh_rows(cursor)

    def _try(self, build, cursor: int | None) -> None:
        try:
            self._do(build(), cursor)
        except OperationError as exc:
            self.notify(error_text(exc), severity="warning", markup=False)

    def action_add(self) -> None:
        """Add a revision row (at the end: the history reads oldest first)."""

        def done(fields: dict[str, Any] | None) -> None:
            if fields:
                self._try(
                    lambda: annotate.add_revision(self.history.doc, **fields),
                    len(self.history.doc.revisions),
                )

        self.app.push_screen(RevisionForm(author=self.author), done)

    def action_edit(self) -> None:
        """Edit the selected row."""
        index = self.cursor
        if index is None:
            return

        def done(fields: dict[str, Any] | None) -> None:
            if fields:
                self._try(lambda: annotate.edit_revision(self.history.doc, index, **fields), index)

        self.app.push_screen(
            RevisionForm(self.history.doc.revisions[index], author=self.author), done
        )

    def on_row_table_selected(self, event: RowTable.Selected) -> None:
        event.stop()
        self.action_edit()

    def action_delete(self) -> None:
        """Delete the selected row (undo brings it back)."""
        index = self.cursor
        if index is not None:
            self._try(lambda: annotate.delete_revision(self.history.doc, index), index)

    def action_undo(self) -> None:
        """Undo the last step."""
        if self.history.undo() is None:
            self.notify(t("app.nothing_to_undo"), markup=False)
        self.refresh_rows(self.cursor)

    def action_redo(self) -> None:
        """Redo the last undone step."""
        if self.history.redo() is None:
            self.notify(t("app.nothing_to_redo"), markup=False)
        self.refresh_rows(self.cursor)

    def action_close(self) -> None:
        """Back to the editor."""
        self.dismiss(None)
