"""Everything issue 4's keys do to a node, in one place the editor screen can call.

``AnnotationActions(screen, history, author=config.author)`` pushes the right form and
turns its result into an undoable operation; an impossible edit becomes a notification in
the UI language, never a traceback. The editor binds its keys to these methods::

    n → edit_notes(node_id)        c → add_change(node_id)      s → add_suggestion(node_id)
    u → add_link(node_id)
    # → edit_tags(node_id)         m → cycle_status(node_id)
    p → cycle_priority(sid)        t → cycle_suggestion_status(sid)
    b → open_board(on_jump)        palette → open_revisions()
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from textual.screen import Screen

from featuretree.i18n import error_text, status_label, suggestion_status_label, t
from featuretree.model.node import FeatureNode
from featuretree.operations import Command, History, OperationError, annotate
from featuretree.session.autosave import TypedStep
from featuretree.tui.screens.forms import ChangeEntryForm, LinkForm, SuggestionForm, TagsForm
from featuretree.tui.screens.revisions import RevisionsScreen

# The notes editor (Textual's TextArea and its themes) and the board are imported when
# first opened: together ~70 ms of every start-up otherwise.


def pick_suggestion(node: FeatureNode, selected: str | None = None) -> str | None:
    """The suggestion ``p``/``t`` act on: ``selected`` if it is on ``node``, else the first
    open one, else the first one; ``None`` when the node has none."""
    ids = [s.id for s in node.suggestions]
    if selected in ids:
        return selected
    for suggestion in node.suggestions:
        if suggestion.status.is_open:
            return suggestion.id
    return ids[0] if ids else None


class AnnotationActions:
    """Forms and operations for a node's annotations, bound to one screen and history."""

    def __init__(
        self,
        screen: Screen[Any],
        history: History,
        *,
        author: str = "",
        on_done: Callable[[Command | None], None] | None = None,
    ) -> None:
        self.screen = screen
        self.history = history
        self.author = author
        self.on_done = on_done
        """Called after each attempt with the command made (``None`` if it failed or was cancelled)."""
        self._open: list[tuple[Screen[Any], Callable[[Any], None]]] = []
        """The forms and notes editor open now, with what their result does."""
        self._collecting: list[TypedStep] | None = None
        """While :meth:`typed_steps` runs: the steps :meth:`run` would make, not made."""

    @property
    def doc(self):
        return self.history.doc

    def run(self, build: Callable[..., Command], *args: Any, **fields: Any) -> Command | None:
        """``history.do(build(doc, *args, **fields))``, or a warning saying why not."""
        if self._collecting is not None:
            self._collecting.append(TypedStep(build, args, fields))
            return None
        try:
            command = self.history.do(build(self.doc, *args, **fields))
        except OperationError as exc:
            self.screen.notify(error_text(exc), severity="warning", markup=False)
            command = None
        if self.on_done is not None:
            self.on_done(command)
        return command

    def open_form(self, screen: Screen[Any], then: Callable[[Any], None]) -> None:
        """Push a form (or the notes editor) whose result ``then`` applies; what is typed
        in it reaches the recovery file if the app is stopped (:meth:`keep_typing`)."""
        self._open.append((screen, then))

        def done(result: Any) -> None:
            if not any(pair[0] is screen for pair in self._open):
                return  # what was typed in it was applied already (keep_typing)
            self._open[:] = [pair for pair in self._open if pair[0] is not screen]
            then(result)

        self.screen.app.push_screen(screen, done)

    def _typed(
        self, *, quiet: bool = False
    ) -> list[tuple[Screen[Any], Callable[[Any], None], Any]]:
        """The open forms and notes editor with something typed in them, the top one
        first, each with what saving it now would apply (``quiet``: a form not valid
        yet does not say so, nor take the focus to the field)."""
        typed_now = []
        for screen, then in reversed(self._open):
            typed = getattr(screen, "typed_result", None)
            result = typed(quiet=quiet) if typed is not None and screen.is_mounted else None
            if result:
                typed_now.append((screen, then, result))
        return typed_now

    def typed_steps(self) -> list[TypedStep]:
        """The steps :meth:`keep_typing` would make now, not made: what is typed in the open
        notes editor and forms, for the recovery copy (``session.autosave.with_typing``)."""
        self._collecting = []
        try:
            for _screen, then, result in self._typed(quiet=True):
                then(result)  # the form's own callback: its ``run`` is collected
            return self._collecting
        finally:
            self._collecting = None

    def is_open(self) -> bool:
        """Whether a notes editor or form where text is typed is open."""
        return any(hasattr(screen, "typed_result") for screen, _ in self._open)

    def has_typing(self) -> bool:
        """Whether an open notes editor or form holds typed text not applied yet (a quit
        must ask about it, as about unsaved changes)."""
        return bool(self._typed())

    def keep_typing(self, *, close: bool = False) -> int:
        """Apply what is typed in the open notes editor or form as if it were saved now
        (one undoable step each, as its own save would make): the app is stopping
        (SIGTERM, the terminal closed) and that text must reach the recovery file, or
        the user chose "Save and quit". With ``close`` the forms are closed too (the
        save may still ask something: a form left open would apply its text twice).
        Returns how many were applied."""
        typed_now = self._typed()
        for _screen, then, result in typed_now:
            then(result)
        forms = [screen for screen, _ in self._open]
        self._open.clear()
        if close:
            app = self.screen.app
            for screen in reversed(forms):  # the top one first
                if screen is app.screen:
                    screen.dismiss(None)  # its callback sees it was kept: nothing twice
        return len(typed_now)

    # -- node fields ------------------------------------------------------------------

    def edit_notes(self, node_id: str) -> None:
        """``n``: the notes editor; leaving it keeps the text."""
        from featuretree.tui.screens.notes import NotesEditor

        node = self.doc.node(node_id)
        self.open_form(
            NotesEditor(node.notes, node_title=node.title),
            lambda text: text is not None and self.run(annotate.set_notes, node_id, text),
        )

    def edit_tags(self, node_id: str) -> None:
        """``#``: the tags form."""
        node = self.doc.node(node_id)
        self.open_form(
            TagsForm(node.tags, node_title=node.title),
            lambda fields: (
                fields is not None and self.run(annotate.set_tags, node_id, fields["tags"])
            ),
        )

    def cycle_status(self, node_id: str) -> None:
        """``m``: existing → new → changed → deprecated."""
        if self.run(annotate.cycle_status, node_id):
            status = self.doc.node(node_id).status
            self.screen.notify(
                t("node.status_set", status=status_label(status.value)), timeout=2, markup=False
            )

    # -- change log -------------------------------------------------------------------

    def add_change(self, node_id: str) -> None:
        """``c``: a new change-log entry (newest first)."""
        self.open_form(
            ChangeEntryForm(author=self.author),
            lambda fields: fields and self.run(annotate.add_change, node_id, **fields),
        )

    def edit_change(self, node_id: str, index: int) -> None:
        """Edit change-log entry ``index`` of the node."""
        entry = self.doc.node(node_id).changelog[index]
        self.open_form(
            ChangeEntryForm(entry, author=self.author),
            lambda fields: fields and self.run(annotate.edit_change, node_id, index, **fields),
        )

    def delete_change(self, node_id: str, index: int) -> None:
        """Delete change-log entry ``index`` (undoable)."""
        self.run(annotate.delete_change, node_id, index)

    # -- links ------------------------------------------------------------------------

    def add_link(self, node_id: str) -> None:
        """``u``: a new link (URL required, title optional) after the node's others."""
        self.open_form(
            LinkForm(node_title=self.doc.node(node_id).title),
            lambda fields: fields and self.run(annotate.add_link, node_id, **fields),
        )

    def edit_link(self, node_id: str, index: int) -> None:
        """Edit link ``index`` of the node in the form."""
        node = self.doc.node(node_id)
        self.open_form(
            LinkForm(node.links[index], node_title=node.title),
            lambda fields: fields and self.run(annotate.edit_link, node_id, index, **fields),
        )

    def delete_link(self, node_id: str, index: int) -> None:
        """Delete link ``index`` (undoable)."""
        self.run(annotate.delete_link, node_id, index)

    def open_link(self, node_id: str, index: int) -> None:
        """Open link ``index`` in the browser (Textual's ``App.open_url``) and say which."""
        url = self.doc.node(node_id).links[index].url
        try:
            self.screen.app.open_url(url)
        except Exception as exc:  # the browser could not be started: say so, keep editing
            self.screen.notify(
                t("detail.link_open_failed", url=url, error=str(exc) or type(exc).__name__),
                severity="error",
                markup=False,
            )
            return
        self.screen.notify(t("detail.link_opened", url=url), timeout=4, markup=False)

    # -- suggestions ------------------------------------------------------------------

    def add_suggestion(self, node_id: str) -> None:
        """``s``: a new suggestion (P2, proposed unless changed in the form)."""
        self.open_form(
            SuggestionForm(author=self.author),
            lambda fields: fields and self.run(annotate.add_suggestion, node_id, **fields),
        )

    def edit_suggestion(self, suggestion_id: str) -> None:
        """Edit a suggestion in the form."""
        found = self.doc.find_suggestion(suggestion_id)
        if found is None:
            return
        node, index = found
        self.open_form(
            SuggestionForm(node.suggestions[index], author=self.author),
            lambda fields: fields and self.run(annotate.edit_suggestion, suggestion_id, **fields),
        )

    def delete_suggestion(self, suggestion_id: str) -> None:
        """Delete a suggestion (undoable)."""
        self.run(annotate.delete_suggestion, suggestion_id)

    def _suggestion(self, suggestion_id: str | None):
        found = self.doc.find_suggestion(suggestion_id) if suggestion_id else None
        if found is None:
            self.screen.notify(t("detail.select_suggestion"), severity="warning", markup=False)
            return None
        node, index = found
        return node.suggestions[index]

    def cycle_priority(self, suggestion_id: str | None) -> None:
        """``p``: P0 → P1 → P2 → P3 → P0 (see :func:`pick_suggestion` for which one)."""
        if self._suggestion(suggestion_id) and self.run(annotate.cycle_priority, suggestion_id):
            priority = self._suggestion(suggestion_id).priority.value
            self.screen.notify(t("node.priority_set", priority=priority), timeout=2, markup=False)

    def cycle_suggestion_status(self, suggestion_id: str | None) -> None:
        """``t``: proposed → accepted → in progress → done → rejected → proposed."""
        if self._suggestion(suggestion_id) and self.run(
            annotate.cycle_suggestion_status, suggestion_id
        ):
            status = self._suggestion(suggestion_id).status.value
            self.screen.notify(
                t("node.sstatus_set", status=suggestion_status_label(status)),
                timeout=2,
                markup=False,
            )

    # -- whole document ---------------------------------------------------------------

    def open_board(self, on_jump: Callable[[str], None]) -> None:
        """``b``: the suggestions board; ``on_jump(node_id)`` after Enter on a row."""
        from featuretree.tui.screens.board import SuggestionsBoard

        self.open_form(
            SuggestionsBoard(self.history, author=self.author),
            lambda node_id: node_id and on_jump(node_id),
        )

    def open_revisions(self) -> None:
        """The revision history (command palette)."""
        self.open_form(RevisionsScreen(self.history, author=self.author), lambda _: None)
