"""What changed since the file was opened or last saved, and a revision made from it.

``push_screen(ChangesScreen(history, baseline, ...), jump)`` — Ctrl+R or the command
palette in the editor. The document now is compared with the copy of it as opened or
saved (:class:`~featuretree.session.baseline.Baseline`) by
:func:`featuretree.versions.diff`, in a thread (about a second at 100,000 nodes), and the
changes are listed the way ``featuretree diff`` reports them
(:mod:`featuretree.versions.report`), labels in the UI language. Enter dismisses with the
id of the node to jump to (where a removed node was: its parent). ``r`` opens the
revision form filled in from the changes — the next version, today, the author, a
summary in the document's language — and adds the row, with a change-log entry on each
changed node if chosen, as one undoable step (:func:`featuretree.versions.revision.revision_step`).
"""

from __future__ import annotations

import asyncio
import datetime as dt
from typing import Any

from rich.text import Text
from textual.app import ComposeResult
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Label, Static

from featuretree.formats.language import document_language
from featuretree.i18n import current_language, error_text, t
from featuretree.model.annotations import Revision
from featuretree.model.document import Document
from featuretree.operations import History, OperationError
from featuretree.session.baseline import Baseline
from featuretree.tui.bindings import CHANGES_BINDINGS, localize_bindings
from featuretree.tui.screens.forms import RevisionForm
from featuretree.tui.widgets.choice import Choice
from featuretree.tui.widgets.table import Column, RowTable, natural_width
from featuretree.versions import Change, ChangeKind, Diff, diff
from featuretree.versions import report as diff_report
from featuretree.versions.revision import (
    logged_versions,
    next_version,
    node_entries,
    revision_step,
)

KIND_STYLE = {
    ChangeKind.ADDED: "green",
    ChangeKind.REMOVED: "red",
    ChangeKind.RENAMED: "yellow",
    ChangeKind.MOVED: "cyan",
}
"""Colours of the kind column, as ``featuretree diff`` colours its lines."""


class ChangesRevisionForm(RevisionForm):
    """The revision form, filled in from the changes, with a choice to also write a
    change-log entry on each changed node (``count`` of them)."""

    def __init__(self, revision: Revision, *, count: int) -> None:
        super().__init__(revision)
        self.form_title = t("form.changes_revision.title")
        self.count = count

    def compose_fields(self) -> ComposeResult:
        yield from super().compose_fields()
        if self.count:
            yield self.row(
                t("form.changes_revision.log"),
                Choice(
                    ["yes", "no"],
                    "yes",
                    label=lambda value: t(f"form.changes_revision.log_{value}", count=self.count),
                    id="log",
                ),
            )

    def collect(self) -> dict[str, Any] | None:
        fields = super().collect()
        if fields is None:
            return None
        log = bool(self.count) and self.query_one("#log", Choice).value == "yes"
        return {**fields, "log": log}


class ChangesScreen(ModalScreen[str | None]):
    """The changes since the document was opened or saved; dismisses with a node id."""

    DEFAULT_CSS = """
    ChangesScreen {
        align: center middle;
    }
    ChangesScreen > Vertical {
        width: 95%;
        height: 90%;
        border: round $accent;
        background: $panel;
    }
    ChangesScreen .form-title {
        text-style: bold;
        padding: 0 1;
    }
    ChangesScreen #summary, ChangesScreen .hint {
        color: $text-muted;
        padding: 0 1;
    }
    ChangesScreen RowTable {
        margin: 0 1;
    }
    """

    BINDINGS = CHANGES_BINDINGS

    def __init__(
        self,
        history: History,
        baseline: Baseline,
        *,
        name: str = "",
        author: str = "",
    ) -> None:
        super().__init__()
        localize_bindings(self)
        self.history = history
        self.baseline = baseline
        self.file_name = name
        self.author = author
        self.language = current_language()
        self.result: Diff | None = None
        """The changes listed (``None`` while they are worked out)."""
        self.old: Document | None = None
        """The document as opened or saved, rebuilt from the baseline."""
        self.rows: list[tuple[Change, str, str, str]] = []

    @property
    def doc(self) -> Document:
        """The document being edited."""
        return self.history.doc

    def compose(self) -> ComposeResult:
        since = "saved" if self.baseline.saved_once else "opened"
        if self.file_name:
            title = t(f"changes.title_{since}", name=self.file_name)
        else:  # a sample or a new document: no name to give it ("since untitled was opened")
            title = t("changes.title_new")
        with Vertical():
            yield Label(Text(title), classes="form-title")
            yield Static(Text(t("changes.computing")), id="summary")
            yield RowTable(self._columns(), id="changes")
            yield Static(Text(t("changes.hint")), classes="hint")  # wraps, never cut

    def on_mount(self) -> None:
        self.query_one(RowTable).focus()
        self.compare()

    def _columns(self) -> list[Column]:
        kinds = (label for _, label, _, _ in self.rows)
        return [
            # Cut, "change-log entry added" and "… removed" both read "change-log entr…":
            # the kind is shown whole (the longest is 24 cells), the path gives way.
            Column("kind", t("diff.col.kind"), natural_width(t("diff.col.kind"), kinds, cap=24)),
            Column("path", t("diff.col.path"), keep_end=True),
            Column("detail", t("diff.col.detail")),
        ]

    # -- comparing ----------------------------------------------------------------------

    def compare(self) -> None:
        """Work out the changes again, in a thread, and show them."""
        if not self.history.dirty:  # as opened or saved: nothing to compare
            self._show(None, Diff())
            return
        self.run_worker(self._compare(), group="changes", exclusive=True, exit_on_error=False)

    async def _compare(self) -> None:
        while True:
            steps = self.baseline.steps
            try:
                old, result = await asyncio.to_thread(self._work)
            except Exception:  # the document changed under the thread: again
                old, result = None, None
            if self.baseline.steps == steps:
                break
        if result is None:
            self.query_one("#summary", Static).update(Text(t("changes.unavailable")))
            return
        self._show(old, result)

    def _work(self) -> tuple[Document | None, Diff | None]:
        old = self.baseline.document()
        if old is None:
            return None, None
        return old, diff(old, self.doc, related=True)

    def _show(self, old: Document | None, result: Diff) -> None:
        self.old, self.result = old, result
        self.rows = diff_report.rows(result, self.language)
        table = self.query_one(RowTable)
        table.set_columns(self._columns())
        table.set_rows([str(i) for i in range(len(self.rows))], self._cells)
        self.query_one("#summary", Static).update(
            Text(
                diff_report.summary(result, self.language)
                if not result.equal
                else t("changes.none")
            )
        )

    def _cells(self, index: int) -> list[Text]:
        change, label, where, what = self.rows[index]
        return [
            Text(label, style=KIND_STYLE.get(change.kind, "")),
            Text(where),
            Text(" ".join(what.split())),
        ]

    # -- jumping ------------------------------------------------------------------------

    def on_row_table_selected(self, event: RowTable.Selected) -> None:
        event.stop()
        change = self.rows[int(event.key)][0]
        target = self._target(change)
        if target is None:
            self.notify(t("changes.document_change"), markup=False)
            return
        if change.kind == ChangeKind.REMOVED:
            self.notify(t("changes.removed_here"), timeout=3, markup=False)
        self.dismiss(target)

    def _target(self, change: Change) -> str | None:
        """The node of the document now to jump to: the changed one, or for a removed
        node the closest of its old ancestors still there."""
        if change.node_id is None:
            return None
        if change.kind != ChangeKind.REMOVED:
            return change.node_id if self.doc.get(change.node_id) is not None else None
        gone = self.old.get(change.node_id) if self.old is not None else None
        node = gone.parent if gone is not None else None
        while node is not None and self.doc.get(node.id) is None:
            node = node.parent
        return node.id if node is not None else None

    # -- making a revision ----------------------------------------------------------------

    def action_revision(self) -> None:
        """Open the revision form filled in from the changes; confirmed, add it (one step)."""
        result, old = self.result, self.old
        if result is None:
            self.notify(t("changes.computing"), timeout=2, markup=False)
            return
        if result.equal or old is None:
            self.notify(t("changes.nothing_to_revise"), markup=False)
            return
        language = document_language(self.doc)
        entries = node_entries(result, old, self.doc, language)
        revision = Revision(
            version=next_version(self.doc.revisions, logged_versions(self.doc)),
            date=dt.date.today(),
            author=self.author.strip() or None,
            summary=diff_report.revision_summary(result, language),
        )

        def done(fields: dict[str, Any] | None) -> None:
            if not fields:
                return
            log = fields.pop("log", False)
            try:
                self.history.do(revision_step(self.doc, fields, entries if log else None))
            except OperationError as exc:
                self.notify(error_text(exc), severity="warning", markup=False)
                return
            if log:
                message = t(
                    "changes.revision_added_logs", version=fields["version"], count=len(entries)
                )
            else:
                message = t("changes.revision_added", version=fields["version"])
            self.app.notify(message, timeout=4, markup=False)
            self.dismiss(None)

        self.app.push_screen(ChangesRevisionForm(revision, count=len(entries)), done)

    def action_close(self) -> None:
        """Back to the editor."""
        self.dismiss(None)
