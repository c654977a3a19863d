"""The editor's annotation keys: notes, change log, suggestions, tags, status, board, export.

:class:`AnnotationKeys` is mixed into :class:`~featuretree.tui.screens.editor.screen.EditorScreen`; its
actions act on the cursor's node through :class:`~featuretree.tui.annotations.AnnotationActions`,
so each edit is one undoable step of the editor's history (the history listener redraws
the row and marks the document unsaved; ``on_done`` redraws the detail panel at once).

The keys are screen bindings, so they work both from the tree and from the detail panel
(whose own ``p``/``t``/``e``/Delete act on the entry selected there).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from textual.binding import Binding, BindingsMap, Keymap, KeymapApplyResult

from featuretree import recent
from featuretree.i18n import suggestion_status_label, t
from featuretree.model.annotations import Priority, SuggestionStatus
from featuretree.operations import annotate
from featuretree.tui.bindings import _b
from featuretree.tui.screens.annotation_actions import AnnotationActions, pick_suggestion
from featuretree.tui.screens.doc_info import DocumentInfoForm
from featuretree.tui.screens.export import ExportScreen
from featuretree.tui.widgets.detail import DetailPanel

if TYPE_CHECKING:
    from featuretree.model.node import FeatureNode

ANNOTATE = Binding.Group("Annotate")
FIND = Binding.Group("Find")

ANNOTATE_BINDINGS: list[Binding] = [
    # While the search bar is open, n / N step through the matches (check_action lets
    # them through only then); otherwise n falls through to the notes below.
    _b("n,f3", "search_step(1)", "Next match", "search.next", FIND, key_display="n"),
    _b("N,shift+f3", "search_step(-1)", "Previous match", "search.previous", FIND, key_display="N"),
    _b("escape", "close_bars", "Close search", "search.close", FIND),
    _b("slash", "open_search", "Search", "app.search", FIND, show=True, key_display="/"),
    _b("f", "open_filter", "Filter", "app.filter", FIND, show=True),
    _b("b", "open_board", "Suggestions board", "app.board", FIND, show=True),
    _b("n", "edit_notes", "Notes", "node.edit_notes", ANNOTATE),
    _b("c", "add_change", "Add change-log entry", "node.add_change", ANNOTATE),
    _b("s", "add_suggestion", "Add suggestion", "node.add_suggestion", ANNOTATE),
    _b("u", "add_link", "Add link", "node.add_link", ANNOTATE),
    _b("number_sign", "edit_tags", "Tags", "node.edit_tags", ANNOTATE, key_display="#"),
    _b("m", "cycle_status", "Cycle feature status", "node.cycle_status", ANNOTATE),
    _b("p", "cycle_priority", "Cycle priority", "node.cycle_priority", ANNOTATE),
    _b(
        "t",
        "cycle_suggestion_status",
        "Cycle suggestion status",
        "node.cycle_suggestion_status",
        ANNOTATE,
    ),
    # Shift goes back one step: an in-progress suggestion is accepted again with one T.
    _b("P", "cycle_priority(-1)", "Previous priority", "node.cycle_priority_back", ANNOTATE),
    _b(
        "T",
        "cycle_suggestion_status(-1)",
        "Previous suggestion status",
        "node.cycle_suggestion_status_back",
        ANNOTATE,
    ),
    _b(
        "f6,d",
        "focus_detail",
        "Detail panel: select, edit, delete entries",
        "detail.focus",
        ANNOTATE,
    ),
    _b("ctrl+e", "export", "Export", "app.export", ANNOTATE),
]
"""Keys of the editor screen for issue 4 (whatever has focus inside it, except an input)."""

SHARED_KEYS = {frozenset({"search.next", "node.edit_notes"})}
"""Bindings that share a key on purpose (``check_action`` lets one through at a time)."""


class SharedKeyBindings(BindingsMap):
    """Bindings in which remapping one binding of a shared key leaves the others on it.

    Textual's ``apply_keymap`` deletes a remapped binding's old key outright, with every
    other binding on it: remapping ``node.edit_notes`` took ``n`` from ``search.next``
    too, and ``n`` then did nothing at all. Bindings the keymap does not name are put
    back on their keys, after any the keymap moved there (so the keymap still wins).
    """

    @classmethod
    def of(cls, bindings: BindingsMap) -> SharedKeyBindings:
        """The same bindings, keymap-safe."""
        shared = cls()
        table = bindings.key_to_bindings
        shared.key_to_bindings = {key: list(keyed) for key, keyed in table.items()}
        return shared

    def copy(self) -> SharedKeyBindings:
        return SharedKeyBindings.of(self)

    def apply_keymap(self, keymap: Keymap) -> KeymapApplyResult:
        before = list(self.key_to_bindings.items())
        result = super().apply_keymap(keymap)
        for key, bindings in before:
            now = self.key_to_bindings.get(key, [])
            lost = [b for b in bindings if not (b.id and b.id in keymap) and b not in now]
            if lost:
                self.key_to_bindings[key] = [*now, *lost]
        return result


def keymap_clashes(keymap: dict[str, str], bindings: list[Binding]) -> list[str]:
    """Keys the config's keymap gives to an action while another editor action keeps it.

    Textual lets the keymap win silently (the other binding loses the key); the app says
    so at start-up instead of leaving a key that seems dead.
    """
    owners: dict[str, set[str]] = {}
    for binding in bindings:
        if binding.id is None:
            continue
        keys = keymap.get(binding.id, binding.key)
        for key in keys.split(","):
            owners.setdefault(key.strip(), set()).add(binding.id)
    return sorted(
        key
        for key, ids in owners.items()
        if len(ids) > 1 and frozenset(ids) not in SHARED_KEYS and ids & keymap.keys()
    )


PALETTE_ONLY = ("revisions", "document_info", "your_name")
"""Editor actions offered by name in the command palette only (no key)."""


class AnnotationKeys:
    """Mixin for the editor screen: the annotation actions (needs ``doc``, ``history``,
    ``tree``, ``path`` and ``refresh_detail`` from the screen)."""

    annotations: AnnotationActions

    def init_annotations(self, author: str | None = None) -> None:
        """Create the actions helper; call from ``__init__`` once ``history`` exists.

        ``author`` defaults to the app's configured author.
        """
        if author is None:
            try:
                config = getattr(self.app, "config", None)  # type: ignore[attr-defined]
            except RuntimeError:  # made outside a running app (tests, scripts)
                config = None
            author = getattr(config, "author", "") or ""
        # No on_done redraw: the editor's history listener already shows every edit.
        self.annotations = AnnotationActions(self, self.history, author=author)  # type: ignore[attr-defined]

    def on_mount(self) -> None:
        # A file opened (or created) in the editor becomes the first recent file: after
        # the first frame, as writing the list safely (fsync) takes ~25 ms.
        self.call_after_refresh(self.remember_recent)  # type: ignore[attr-defined]

    def remember_recent(self) -> None:
        """Put the document's file first in the recent files (opened, created or saved as)."""
        if self.path is not None:  # type: ignore[attr-defined]
            for warning in recent.add(self.path):  # type: ignore[attr-defined]
                self.notify(warning, severity="warning", markup=False)  # type: ignore[attr-defined]

    @property
    def detail(self) -> DetailPanel:
        """The detail panel."""
        return self.query_one(DetailPanel)  # type: ignore[attr-defined]

    def _node(self) -> FeatureNode:
        return self.tree.cursor_node  # type: ignore[attr-defined]

    # -- on the cursor's node ------------------------------------------------------------

    def action_edit_notes(self) -> None:
        self.annotations.edit_notes(self._node().id)

    def action_add_change(self) -> None:
        self.annotations.add_change(self._node().id)

    def action_add_suggestion(self) -> None:
        self.annotations.add_suggestion(self._node().id)

    def action_add_link(self) -> None:
        self.annotations.add_link(self._node().id)

    def action_edit_tags(self) -> None:
        self.annotations.edit_tags(self._node().id)

    def action_cycle_status(self) -> None:
        self.annotations.cycle_status(self._node().id)

    _last_picked: tuple[str, str] | None = None

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
        flt = getattr(self, "_filter", None)
        if selected is None and flt is not None and flt.suggestion_tests:
            selected = next((s.id for s in node.suggestions if flt.suggestion_matches(s)), None)
        picked = pick_suggestion(node, selected)
        self._last_picked = (node.id, picked) if picked else None
        return picked

    def action_cycle_priority(self, step: int = 1) -> None:
        picked = self._picked()
        if step > 0:
            self.annotations.cycle_priority(picked)
        else:
            self._step_back(picked, "priority", Priority, "node.priority_set", str)

    def action_cycle_suggestion_status(self, step: int = 1) -> None:
        picked = self._picked()
        if step > 0:
            self.annotations.cycle_suggestion_status(picked)
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
        found = self.doc.find_suggestion(suggestion_id) if suggestion_id else None  # type: ignore[attr-defined]
        if found is None:
            self.annotations.cycle_priority(None)  # says there is no suggestion to change
            return
        node, index = found
        values = list(enum)
        value = values[values.index(getattr(node.suggestions[index], field)) - 1]
        if self.annotations.run(annotate.edit_suggestion, suggestion_id, **{field: value}):
            key = "priority" if field == "priority" else "status"
            self.notify(t(message, **{key: label(value.value)}), timeout=2, markup=False)  # type: ignore[attr-defined]

    def action_focus_detail(self) -> None:
        self.refresh_detail()  # type: ignore[attr-defined]
        self.detail.focus()

    def on_detail_panel_leave(self, event: DetailPanel.Leave) -> None:
        event.stop()
        self.tree.focus()  # type: ignore[attr-defined]

    # -- whole document ----------------------------------------------------------------

    def action_open_board(self) -> None:
        self.annotations.open_board(on_jump=self.jump_to)

    def jump_to(self, node_id: str) -> None:
        """Put the cursor on ``node_id`` (a filter lets it in) and focus the tree."""
        node = self.doc.get(node_id)  # type: ignore[attr-defined]
        if node is None:
            return
        tree = self.tree  # type: ignore[attr-defined]
        tree.select(node)
        tree.focus()
        self.refresh_detail()  # type: ignore[attr-defined]

    def action_export(self) -> None:
        # The dialog offers the format written last (this session), not Markdown every time.
        screen = ExportScreen(
            self.doc,
            self.path,  # type: ignore[attr-defined]
            default_format=self.app.last_export_format or "md",
        )

        def done(path) -> None:
            if path:
                if screen.written_format:
                    self.app.last_export_format = screen.written_format  # type: ignore[attr-defined]
                self.notify(
                    t("app.exported", path=str(path), format=path.suffix.lstrip(".")),  # type: ignore[attr-defined]
                    markup=False,
                    timeout=4,
                )

        self.app.push_screen(screen, done)  # type: ignore[attr-defined]

    def action_revisions(self) -> None:
        self.annotations.open_revisions()

    def action_document_info(self) -> None:
        def done(fields) -> None:
            if fields:
                self.annotations.run(annotate.edit_meta, **fields)
                self._update_header()  # type: ignore[attr-defined]

        self.annotations.open_form(DocumentInfoForm(self.doc.meta), done)

    def action_your_name(self) -> None:
        """The author every form offers for a new entry, remembered in the config file."""
        from featuretree.tui.settings import AuthorForm, remember_author

        def done(fields: dict[str, str] | None) -> None:
            if fields is not None:
                remember_author(self.app, fields["author"])  # type: ignore[attr-defined]

        self.app.push_screen(AuthorForm(self.annotations.author), done)  # type: ignore[attr-defined]
