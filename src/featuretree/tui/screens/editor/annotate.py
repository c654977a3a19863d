"""The editor's annotation keys: notes, change log, suggestions, tags, status, board, export.

:class:`Annotating` is the part of :class:`~featuretree.tui.screens.editor.screen.EditorScreen`
that does them: it acts on the cursor's node through
:class:`~featuretree.tui.screens.annotation_actions.AnnotationActions`,
so each edit is one undoable step of the editor's history (the history listener redraws
the row and marks the document unsaved; ``on_done`` redraws the detail panel at once).

The keys are screen bindings, so they work both from the tree and from the detail panel
(whose own ``p``/``t``/``e``/Delete act on the entry selected there).
"""

from __future__ import annotations

import dataclasses
from typing import TYPE_CHECKING

from textual.app import App

from featuretree.config import Config, save_setting
from featuretree.i18n import suggestion_status_label, t
from featuretree.model.annotations import Priority, SuggestionStatus
from featuretree.operations import annotate
from featuretree.storage.atomic import WriteError
from featuretree.tui.screens.annotation_actions import AnnotationActions, pick_suggestion
from featuretree.tui.screens.doc_info import DocumentInfoForm
from featuretree.tui.screens.export import ExportScreen
from featuretree.tui.screens.forms import AuthorForm
from featuretree.tui.widgets.detail import DetailPanel

if TYPE_CHECKING:
    from featuretree.model.node import FeatureNode
    from featuretree.tui.screens.editor.screen import EditorScreen


class Annotating:
    """The annotation keys of one editor screen, on the cursor's node or the document.

    ``author`` (default: the app's configured author) is offered by every form.
    """

    def __init__(self, editor: EditorScreen, author: str | None = None) -> None:
        self.editor = editor
        if author is None:
            try:
                config = getattr(editor.app, "config", None)
            except RuntimeError:  # made outside a running app (tests, scripts)
                config = None
            author = getattr(config, "author", "") or ""
        # No on_done redraw: the editor's history listener already shows every edit.
        self.actions = AnnotationActions(editor, editor.history, author=author)
        self._last_picked: tuple[str, str] | None = None

    @property
    def detail(self) -> DetailPanel:
        """The detail panel."""
        return self.editor.query_one(DetailPanel)

    def _node(self) -> FeatureNode:
        return self.editor.tree.cursor_node

    # -- on the cursor's node ------------------------------------------------------------

    def edit_notes(self) -> None:
        self.actions.edit_notes(self._node().id)

    def add_change(self) -> None:
        self.actions.add_change(self._node().id)

    def add_suggestion(self) -> None:
        self.actions.add_suggestion(self._node().id)

    def add_link(self) -> None:
        self.actions.add_link(self._node().id)

    def edit_tags(self) -> None:
        self.actions.edit_tags(self._node().id)

    def cycle_status(self) -> None:
        self.actions.cycle_status(self._node().id)

    def _picked(self) -> str | None:
        """The suggestion ``p``/``t`` act on, on the cursor's node: the one selected in the
        detail panel; else the one the last ``p``/``t`` changed here (so pressing ``t``
        again keeps cycling it); else the first one an active filter's priority/status
        terms match (``f priority:P0`` then ``t`` accepts the P0 one); else the first
        open one."""
        node = self._node()
        panel = self.detail
        selected = panel.selected_suggestion if panel.node is node else None
        ids = {s.id for s in node.suggestions}
        if (
            selected is None
            and self._last_picked
            and self._last_picked[0] == node.id
            and self._last_picked[1] in ids
        ):
            selected = self._last_picked[1]
        flt = self.editor.finding.filter
        if selected is None and flt is not None and flt.suggestion_tests:
            selected = next((s.id for s in node.suggestions if flt.suggestion_matches(s)), None)
        picked = pick_suggestion(node, selected)
        self._last_picked = (node.id, picked) if picked else None
        return picked

    def cycle_priority(self, step: int = 1) -> None:
        picked = self._picked()
        if step > 0:
            self.actions.cycle_priority(picked)
        else:
            self._step_back(picked, "priority", Priority, "node.priority_set", str)

    def cycle_suggestion_status(self, step: int = 1) -> None:
        picked = self._picked()
        if step > 0:
            self.actions.cycle_suggestion_status(picked)
        else:
            self._step_back(
                picked, "status", SuggestionStatus, "node.sstatus_set", suggestion_status_label
            )

    def _step_back(
        self,
        suggestion_id: str | None,
        field: str,
        enum,
        message: str,
        label,
    ) -> None:
        """Set ``field`` of the suggestion to the value before its current one (wrapping)."""
        found = self.editor.doc.find_suggestion(suggestion_id) if suggestion_id else None
        if found is None:
            self.actions.cycle_priority(None)  # says there is no suggestion to change
            return
        node, index = found
        values = list(enum)
        value = values[values.index(getattr(node.suggestions[index], field)) - 1]
        if self.actions.run(annotate.edit_suggestion, suggestion_id, **{field: value}):
            key = "priority" if field == "priority" else "status"
            self.editor.notify(t(message, **{key: label(value.value)}), timeout=2, markup=False)

    def focus_detail(self) -> None:
        self.editor.refresh_detail()
        self.detail.focus()

    def leave_detail(self) -> None:
        self.editor.tree.focus()

    # -- whole document ----------------------------------------------------------------

    def open_board(self) -> None:
        self.actions.open_board(on_jump=self.jump_to)

    def jump_to(self, node_id: str) -> None:
        """Put the cursor on ``node_id`` (a filter lets it in) and focus the tree."""
        node = self.editor.doc.get(node_id)
        if node is None:
            return
        tree = self.editor.tree
        tree.select(node)
        tree.focus()
        self.editor.refresh_detail()

    def export(self) -> None:
        def failed(path: str) -> None:  # a background export, after the form closed
            self.editor.app.failed_export_path = path

        # The dialog offers the format written last (this session), not Markdown every
        # time, and the path typed last if its export failed after the form closed.
        # A picture is drawn as the diagram view draws it (left to right there, left to
        # right in the PNG), not always top-down as the command line's default.
        options = self.editor.diagram.options
        screen = ExportScreen(
            self.editor.doc,
            self.editor.path,
            default_format=self.editor.app.last_export_format or "md",
            typed_path=self.editor.app.failed_export_path,
            on_background_failure=failed,
            picture={"direction": options.direction, "stack": options.stack_columns},
            # the folds the diagram view draws (the outline's): "Draw: as folded"
            folded=self.editor.diagram.folded(),
            # under a filter, what the outline shows: "Draw: as filtered"
            kept=self.editor.diagram.kept(),
            matched=self.editor.finding.matched,
        )
        self.editor.app.failed_export_path = None

        def done(path) -> None:
            if screen.written_format:
                self.editor.app.last_export_format = screen.written_format
            if path:  # (a PNG, made in the background, says itself when it is written)
                self.editor.notify(
                    t("app.exported", path=str(path), format=screen.written_label),
                    markup=False,
                    timeout=4,
                )

        self.editor.app.push_screen(screen, done)

    def revisions(self) -> None:
        self.actions.open_revisions()

    def changes(self) -> None:
        """What changed since the file was opened or saved; Enter there goes to the node."""
        # Imported when first used, as the board is: the diff is not needed to start.
        from featuretree.tui.screens.changes import ChangesScreen

        editor = self.editor
        screen = ChangesScreen(
            editor.history,
            editor.baseline,
            name=editor.path.name if editor.path is not None else "",
            author=self.actions.author,
        )
        self.actions.open_form(screen, lambda node_id: node_id and self.jump_to(node_id))

    def document_info(self) -> None:
        def done(fields) -> None:
            if fields:
                self.actions.run(annotate.edit_meta, **fields)
                self.editor.update_header()

        self.actions.open_form(
            DocumentInfoForm(self.editor.doc.meta, self.editor.doc.root.title), done
        )

    def your_name(self) -> None:
        """The author every form offers for a new entry, remembered in the config file."""

        def done(fields: dict[str, str] | None) -> None:
            if fields is not None:
                remember_author(self.editor.app, fields["author"])

        self.editor.app.push_screen(AuthorForm(self.actions.author), done)


def remember_author(app: App, author: str) -> bool:
    """Write ``author`` to the config file and use it from now on, in every open editor.

    Says on screen what happened (where it was saved, or why it could not be); returns
    False when the file could not be written (the running app then keeps the old name).
    """
    try:
        path = save_setting("author", author)
    except WriteError as exc:
        app.notify(
            str(exc),
            title=t("form.your_name.not_saved"),
            severity="error",
            timeout=10,
            markup=False,
        )
        return False
    config = getattr(app, "config", None)
    if isinstance(config, Config):
        app.config = dataclasses.replace(config, author=author)  # type: ignore[attr-defined]
    for screen in app.screen_stack:  # every editor's forms offer the new name
        part = getattr(screen, "annotating", None)
        if isinstance(part, Annotating):
            part.actions.author = author
    message = "form.your_name.saved" if author else "form.your_name.cleared"
    app.notify(t(message, author=author, path=str(path)), timeout=5, markup=False)
    return True
