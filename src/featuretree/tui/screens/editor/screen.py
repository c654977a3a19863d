"""The editor screen: tree on the left, detail panel on the right, every edit undoable.

All changes go through :mod:`featuretree.operations` and one :class:`History`; the
history's listener splices the tree view's outline, so the view never re-walks the
document.
"""

from __future__ import annotations

import os
from pathlib import Path

from textual import events, on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal
from textual.message import Message
from textual.screen import Screen
from textual.timer import Timer
from textual.widgets import Input

from featuretree import recent
from featuretree.i18n import error_text, t
from featuretree.model.document import Document
from featuretree.model.layout import LayoutOptions
from featuretree.model.node import FeatureNode
from featuretree.model.outline_text import parse_outline
from featuretree.model.tree import index_in_parent, subtree_size
from featuretree.operations import Command, Composite, History, OperationError, annotate, structure
from featuretree.session import view_state
from featuretree.session.autosave import TypedStep
from featuretree.session.baseline import Baseline
from featuretree.storage.fingerprint import Fingerprint
from featuretree.tui._textual.keys import node_bindings, set_node_bindings
from featuretree.tui.bindings import (
    ANNOTATE_BINDINGS,
    EDITOR_BINDINGS,
    SharedKeyBindings,
    editor_keys,
    key_label,
    localize_bindings,
)
from featuretree.tui.screens.dialogs import SavePathScreen, opens
from featuretree.tui.screens.editor.annotate import Annotating
from featuretree.tui.screens.editor.find import EditorSearchBar, Finding
from featuretree.tui.screens.editor.saving import Persistence
from featuretree.tui.screens.editor.watch import FileWatch
from featuretree.tui.widgets.detail import DetailPanel
from featuretree.tui.widgets.diagram_view import DiagramView
from featuretree.tui.widgets.find_bars import FilterBar
from featuretree.tui.widgets.key_bar import BarKey, KeyBar
from featuretree.tui.widgets.line_edit import TitleEditor
from featuretree.tui.widgets.title_bar import TitleBar
from featuretree.tui.widgets.tree_view import TreeView
from featuretree.view.sync import apply_change

DETAIL_DELAY = 0.06
"""Seconds the cursor must rest before the detail panel is redrawn (keeps key repeat fast)."""


def _editing_keys() -> list[BarKey]:
    """What the key bar shows while a title is typed."""
    # named as the help screen and the key bar name them (Enter, Tab, Esc)
    return [
        BarKey(key, key_label(Binding(key, "")), t(words), True)
        for key, words in (
            ("enter", "bar.typing.confirm"),
            ("tab", "help.typing.tab"),
            ("escape", "bar.typing.cancel"),
        )
    ]


class Panes(Horizontal):
    """The tree and the detail panel, side by side.

    Blank (``BLANK``): its children cover it. The compositor renders every child of the
    screen for every frame, whatever changed; through Textual's styles cache the 38 empty
    lines of this container cost ~0.3 ms a frame, two frames a cursor key.
    """

    BLANK = True


class EditorScreen(Screen[None]):
    """Edits one document; ``path`` is where Ctrl+S writes (``None``: ask).

    ``fingerprint`` is the file as read (to notice changes on disk); read now if not given.

    ``author`` (default: the config's) is the default author of new annotations.

    The screen is made of parts it owns: ``annotating`` (the annotation keys, ``annotate.py``),
    ``finding`` (search and filter, ``find.py``) and ``persistence`` (autosave and saving,
    ``saving.py``). Its structure edits, clipboard, undo and title typing are here; every
    key action of a part is one line below that names the part.
    """

    class ReloadFromDisk(Message):
        """The user chose to drop the unsaved edits for the file as it is on disk now.

        The app owns which screens are shown: it reads the file and replaces ``editor``.
        """

        def __init__(self, editor: EditorScreen, *, changed_on_disk: bool = False) -> None:
            super().__init__()
            self.editor = editor
            self.changed_on_disk = changed_on_disk
            """True when the file changed underneath an unmodified document (auto-reload)."""

    class OpenFile(Message):
        """The user asked to open ``path`` (Open…): the app asks about unsaved changes
        and replaces this editor, never stacking a second one."""

        def __init__(self, path: Path) -> None:
            super().__init__()
            self.path = path

    BINDINGS = [*EDITOR_BINDINGS, *ANNOTATE_BINDINGS]
    BLANK = True  # covered by its children: see Panes
    DEFAULT_CSS = """
    EditorScreen TreeView { width: 1fr; height: 1fr; }
    EditorScreen DiagramView { width: 1fr; height: 1fr; display: none; }
    EditorScreen > Panes { height: 1fr; }
    /* The search and filter bars, over the panes' last rows, right above the key bar
       (docked widgets at one edge overlap): opening one resizes nothing (find_bars.BarStack). */
    EditorScreen { layers: default bars; }
    EditorScreen > BarStack { layer: bars; offset-y: -1; }
    """

    def __init__(
        self,
        doc: Document,
        path: Path | None,
        *,
        author: str | None = None,
        fingerprint: Fingerprint | None = None,
    ) -> None:
        super().__init__()
        localize_bindings(self)
        # n: notes and next match
        set_node_bindings(self, SharedKeyBindings.of(node_bindings(self)))
        self.doc = doc
        self.path = path
        self.history = History(doc)
        self.history.subscribe(self._on_history)
        self.baseline = Baseline(self.history)
        """The document as opened or last saved, for "what changed" (Ctrl+R)."""
        # ``fingerprint``: the file as it was read (session/opening.py); without it, Persistence
        # reads and hashes the file again (~70 ms for a 100,000-node file).
        self.persistence = Persistence(self, fingerprint=fingerprint)
        """Autosave to a recovery file, and saving with checks (saving.py)."""
        self.clipboard: FeatureNode | None = None
        self._editing: tuple[FeatureNode, Command | None, FeatureNode] | None = None
        self.just_named: str | None = None
        """The new node whose title Enter has just kept, until the next key: text typed
        on it then starts its next sibling, as in a list being typed."""
        """(node being renamed, the add command when it is new, node to return to)."""
        self._title_editor: TitleEditor | None = None
        """The view the title is typed in (the outline or the diagram) while ``_editing``."""
        self._pasted_lines: list[Command] = []
        """Nodes pasted into the title being typed, added in the same step as the title."""
        self._detail_timer: Timer | None = None
        self.annotating = Annotating(self, author)
        """The annotation keys: notes, change log, suggestions, tags, status, board, export."""
        self.finding = Finding(self)
        """Search (``/``) and filter (``f``)."""
        self.watch = FileWatch(self)
        """Notices the file changing on disk (watch.py): reloads, or says so."""
        self.start_at: str | None = None
        """The id of the node the cursor starts on (a reload, or opening the file again, keeps
        the cursor's place: see :meth:`remember_view`)."""
        self.start_in_diagram = False
        """Show the diagram from the start (a reload keeps the view the user was in)."""
        self.start_folded: set[str] = set()
        """The ids of the nodes folded from the start (a reload, or opening the file again,
        keeps the user's folds)."""

    # -- layout ---------------------------------------------------------------------

    def compose(self) -> ComposeResult:
        yield TitleBar(id="title-bar")
        with Panes(id="panes"):
            tree = TreeView(self.doc.root, size=len(self.doc), id="tree")
            yield tree
            # The 功能结构图 of the same document, in the tree's place while shown (v).
            yield DiagramView(
                self.doc.root,
                lookup=self.doc.get,
                folded=lambda: self.tree.outline.collapsed,
                kept=lambda: self.tree.outline.keep,  # under a filter, what the outline shows
                moved=self._diagram_moved,
                options=self._diagram_options(),
                ascii=self._config("diagram_ascii", False),
                counts=tree.counts,  # folded boxes count what folded rows count
                id="diagram",
            )
            yield DetailPanel(self.annotating.actions, id="detail")
        # The search and filter bars are mounted when first opened (find.py).
        yield KeyBar()

    @property
    def tree(self) -> TreeView:
        """The tree view."""
        return self.query_one(TreeView)

    @property
    def diagram(self) -> DiagramView:
        """The diagram view (shown instead of the tree after ``v``)."""
        return self.query_one(DiagramView)

    @property
    def diagram_shown(self) -> bool:
        """Whether the diagram is shown instead of the outline."""
        return self.diagram.display

    def on_mount(self) -> None:
        self.update_header()
        self.tree.key_owner = self.finding.bar_taking_keys
        self.diagram.key_owner = self.finding.bar_taking_keys
        self.diagram.paste_lines = self.paste_lines
        self.tree.paste_lines = self.paste_lines
        self.tree.focus()
        if self.start_folded:
            self.tree.fold_only(filter(None, map(self.doc.get, self.start_folded)))
        start = self.doc.get(self.start_at) if self.start_at else None
        if start is not None:
            self.tree.select(start)
        self.query_one(DetailPanel).show(start or self.doc.root)
        if self.start_in_diagram:
            self.action_toggle_diagram()  # laid out and scrolled to the cursor's box
        self.watch.start()
        # A file opened (or created) in the editor becomes the first recent file: after
        # the first frame, as writing the list safely (fsync) takes ~25 ms.
        self.call_after_refresh(self.remember_recent)
        # Copied in a thread once the tree is on screen (~0.15 s of walking at 100k nodes).
        self.call_after_refresh(self.baseline.opened)
        self.call_after_refresh(self.finding.start_index)  # the first search is then fast

    def remember_recent(self) -> None:
        """Put the document's file first in the recent files (opened, created or saved as)."""
        if self.path is not None:
            for warning in recent.add(self.path):
                self.notify(warning, severity="warning", markup=False)

    def remember_view(self) -> None:
        """Keep the folds and the cursor's node for the next opening of the file (quit,
        another file opened): featuretree's own state, never written into the file."""
        if self.path is None or not self.is_mounted:
            return
        tree = self.tree
        view_state.remember(self.path, self.doc, tree.outline.user_folds, tree.cursor_node)

    def update_header(self) -> None:
        """Show the product, the file name and whether it is saved in the title bar."""
        # The product, else what the tree is about now: the root's title (the document's
        # own title is often a snapshot of the root's first title, e.g. "新产品").
        product = self.doc.meta.product or self.doc.root.title
        name = self.path.name if self.path else t("app.not_saved_yet")
        # Screen.title/sub_title are reactives that repaint the whole screen when they
        # change (the ● toggles on edit, undo and save); only the TitleBar shows them.
        self.set_reactive(Screen.title, f"featuretree · {product}")
        self.set_reactive(Screen.sub_title, f"{name} ●" if self.history.dirty else name)
        self.query_one(TitleBar).show(self.title, self.sub_title)

    # -- keeping the view in step -------------------------------------------------------

    def _on_history(self, command: Command, kind: str) -> None:
        tree = self.tree
        if command.structural:
            tree.counts.clear()
            apply_change(tree.outline, self.doc, command, kind)
            tree.rows_changed()
        # Other edits change one node: selecting it below redraws its row (the row cache
        # notices the new title/status/counts by itself).
        focus_id = command.focus_before if kind == "undo" else command.focus_after
        node = self.doc.get(focus_id) if focus_id else None
        if node is not None:
            tree.select(node)
        else:
            tree.set_cursor(tree.cursor)
        if not command.structural:  # an annotation: show it now, not after the delay
            touched = _touched(command)
            for changed in touched:
                tree.counts.changed(self.doc.get(changed))
            if len(touched) > 1:
                # Rows beyond the cursor's changed too: draw what is on screen again
                # (rows whose content did not change come from the row cache).
                tree.refresh()
            self.refresh_detail()
        elif command.rewrites:  # any node may say something else now (a merge, its undo)
            tree.refresh()
            self.refresh_detail()
        self.update_header()
        self._diagram_follows(command)

    def _diagram_follows(self, command: Command) -> None:
        """The diagram shows the edit (laid out again before its next frame) and the cursor."""
        diagram = self.diagram
        if not diagram.display:
            diagram.changed()  # laid out when next shown
            return
        if command.structural:
            diagram.changed()
        else:  # one node's box: redrawn alone when it keeps its size
            for node_id in {command.focus_before, command.focus_after}:
                node = self.doc.get(node_id) if node_id else None
                diagram.changed(node)
        diagram.select(self.tree.cursor_node)

    @on(TreeView.CursorMoved)
    def _cursor_moved(self, event: TreeView.CursorMoved) -> None:
        if self.diagram_shown:  # a search, a jump, an edit: the diagram's cursor follows
            self.diagram.select(event.node)
        if self._detail_timer is not None:
            self._detail_timer.stop()
        self._detail_timer = self.set_timer(DETAIL_DELAY, self.refresh_detail)

    def refresh_node(self, node: FeatureNode) -> None:
        """Redraw ``node``'s row (and the detail panel when it shows ``node``).

        Not needed after ``history.do`` (the history listener does it); for anything
        else that changes what a row shows, e.g. a search highlight.
        """
        tree = self.tree
        tree.forget(node)
        index = tree.outline.index_of(node)
        if index is not None:
            tree.refresh_line(index)
        if tree.cursor_node is node:
            self.refresh_detail()

    def refresh_detail(self) -> None:
        """Show the cursor's node in the detail panel now."""
        self._detail_timer = None
        self.query_one(DetailPanel).show(self.tree.cursor_node)

    def run_command(self, build, *args, **kwargs) -> Command | None:
        """Build a command with ``build(doc, *args)`` and apply it; say why when it cannot be."""
        try:
            return self.history.do(build(self.doc, *args, **kwargs))
        except OperationError as exc:
            self.notify(
                error_text(exc),
                title=t("app.not_possible"),
                severity="warning",
                timeout=4,
                markup=False,
            )
            return None

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        # While a title is being typed, undo/redo/save (and the file commands, which
        # replace or write the document) would act behind the editor's back.
        if self._editing is not None and action in (
            "undo",
            "redo",
            "save",
            "save_as",
            "reload",
            "open_file",
            "changes",
        ):
            return False
        if action == "leave_diagram":
            # The diagram's Esc runs before the screen's (it has the focus): while a
            # search or filter bar is open it gives way, and Esc closes the bar.
            return self.diagram_shown and not self.finding.allows("close_bars")
        return self.finding.allows(action)

    # -- search and filter (find.py) ----------------------------------------------------

    def action_open_search(self) -> None:
        self.finding.open_search()

    def action_search_step(self, direction: int) -> None:
        self.finding.step(direction)

    def action_close_bars(self) -> None:
        self.finding.close_bars()

    def action_open_filter(self) -> None:
        if self.diagram_shown:  # the filter is typed over the outline, which shows it live
            self.action_toggle_diagram()
        self.finding.open_filter()

    @on(EditorSearchBar.Changed)
    def _search_changed(self, event: EditorSearchBar.Changed) -> None:
        self.finding.search_changed(event)

    @on(EditorSearchBar.Step)
    def _search_step(self, event: EditorSearchBar.Step) -> None:
        self.finding.search_step(event)

    @on(EditorSearchBar.Submitted)
    def _search_submitted(self, event: EditorSearchBar.Submitted) -> None:
        self.finding.search_submitted(event)

    @on(EditorSearchBar.Closed)
    def _search_closed(self, event: EditorSearchBar.Closed) -> None:
        self.finding.search_closed(event)

    @on(FilterBar.Applied)
    def _filter_applied(self, event: FilterBar.Applied) -> None:
        self.finding.filter_applied(event)

    @on(FilterBar.Done)
    def _filter_done(self, event: FilterBar.Done) -> None:
        self.finding.filter_done(event)

    @on(FilterBar.Cleared)
    def _filter_cleared(self, event: FilterBar.Cleared) -> None:
        self.finding.filter_cleared(event)

    # -- annotations (annotate.py) ----------------------------------------------------

    def action_edit_notes(self) -> None:
        self.annotating.edit_notes()

    def action_add_change(self) -> None:
        self.annotating.add_change()

    def action_add_suggestion(self) -> None:
        self.annotating.add_suggestion()

    def action_add_link(self) -> None:
        self.annotating.add_link()

    def action_edit_tags(self) -> None:
        self.annotating.edit_tags()

    def action_cycle_status(self) -> None:
        self.annotating.cycle_status()

    def action_cycle_priority(self, step: int = 1) -> None:
        self.annotating.cycle_priority(step)

    def action_cycle_suggestion_status(self, step: int = 1) -> None:
        self.annotating.cycle_suggestion_status(step)

    def action_focus_detail(self) -> None:
        self.annotating.focus_detail()

    def action_open_board(self) -> None:
        self.annotating.open_board()

    def action_export(self) -> None:
        self.annotating.export()

    def action_revisions(self) -> None:
        self.annotating.revisions()

    def action_changes(self) -> None:
        self.annotating.changes()

    def action_document_info(self) -> None:
        self.annotating.document_info()

    def action_your_name(self) -> None:
        self.annotating.your_name()

    @on(DetailPanel.Leave)
    def _detail_left(self, event: DetailPanel.Leave) -> None:
        event.stop()
        self.annotating.leave_detail()

    def jump_to(self, node_id: str) -> None:
        """Put the cursor on ``node_id`` (a filter lets it in) and focus the tree."""
        self.annotating.jump_to(node_id)

    # -- the diagram ---------------------------------------------------------------------

    def _config(self, name: str, default):
        config = getattr(self.app, "config", None)
        return getattr(config, name, default)

    def _diagram_options(self) -> LayoutOptions:
        direction = self._config("diagram_direction", "down")
        stack = self._config("diagram_stack", True)
        return LayoutOptions(direction=direction, stack_columns=1 if stack else 0)

    def action_toggle_diagram(self) -> None:
        """Show the diagram instead of the outline, or back; the cursor stays on its node."""
        tree, diagram = self.tree, self.diagram
        if diagram.display:
            diagram.finish_editing(confirm=True)
            node = diagram.cursor_node
            diagram.display = False
            tree.display = True
            tree.select(node)
            tree.focus()
            return
        tree.finish_editing(confirm=True)
        diagram.cursor_id = tree.cursor_node.id
        tree.display = False
        diagram.display = True
        if not diagram.laid_out:  # edited while hidden: laid out again now that it shows
            diagram.changed()
        diagram.focus()
        # Laid out (if an edit made it stale) and scrolled to the cursor once it has a size.
        self.call_after_refresh(diagram.scroll_to_cursor)

    def action_leave_diagram(self) -> None:
        """Esc in the diagram: back to the outline (when no bar is open, see check_action)."""
        if self.diagram_shown:
            self.action_toggle_diagram()

    def _diagram_moved(self, node: FeatureNode) -> None:
        # The outline's cursor is the editor's: every edit acts on tree.cursor_node.
        self.tree.select(node)

    def on_descendant_focus(self, event: events.DescendantFocus) -> None:
        # Parts of the editor focus the tree when they are done (a form, the search bar):
        # while the diagram is shown, it takes the focus in the tree's place.
        if event.widget is self.tree and self.diagram_shown:
            self.diagram.focus()

    def action_toggle_fold(self) -> None:
        """Fold or unfold the cursor's node (the diagram's space: the outline's folds)."""
        self.tree.action_toggle_fold()
        self.diagram.changed()

    def action_focus_path(self) -> None:
        """Fold all but the path to the cursor's node (the diagram's z: the outline's)."""
        self.tree.action_focus_path()
        self._diagram_refolded()

    def action_expand_to_level(self, level: int) -> None:
        """Unfold down to ``level`` (the diagram's 1-9: the outline's folds)."""
        self.tree.action_expand_to_level(level)
        self._diagram_refolded()

    def _diagram_refolded(self) -> None:
        # Laid out again; the cursor stays on its node, or on the nearest ancestor the
        # folds left (where the outline's went).
        self.diagram.changed()
        self.diagram.select(self.tree.cursor_node)

    def _switch_diagram(self, name: str, value: str) -> None:
        """Set a diagram setting for this session and in the config file."""
        import dataclasses

        from featuretree.config import save_setting
        from featuretree.storage.atomic import WriteError

        config = getattr(self.app, "config", None)
        if config is not None:
            typed = value if name == "diagram_direction" else value == "on"
            self.app.config = dataclasses.replace(config, **{name: typed})  # type: ignore[attr-defined]
        self.diagram.set_options(self._diagram_options())
        try:
            save_setting(name, value)
        except WriteError as exc:
            self.notify(str(exc), title=t("diagram.not_saved"), severity="warning", markup=False)

    def action_diagram_direction(self) -> None:
        direction = "right" if self.diagram.options.direction == "down" else "down"
        self._switch_diagram("diagram_direction", direction)
        label = t(f"diagram.direction.{direction}")
        self.notify(t("diagram.direction_now", direction=label), timeout=2, markup=False)

    def action_diagram_stacking(self) -> None:
        state = "off" if self.diagram.options.stack_columns else "on"
        self._switch_diagram("diagram_stack", state)
        label = t(f"diagram.stacking.{state}")
        self.notify(t("diagram.stacking_now", state=label), timeout=2, markup=False)

    # -- structure -----------------------------------------------------------------------

    def action_add_child(self) -> None:
        node = self.tree.cursor_node
        if self.tree.outline.unfold(node):
            self.tree.rows_changed()
        command = self.run_command(structure.add_child, node.id)
        if command is not None:
            self._start_editing(self.doc.node(command.focus_after), command, node)

    def action_add_sibling(self) -> None:
        node = self.tree.cursor_node
        command = self.run_command(structure.add_sibling, node.id)
        if command is not None:
            self._start_editing(self.doc.node(command.focus_after), command, node)

    def action_edit_title(self) -> None:
        node = self.tree.cursor_node
        self._start_editing(node, None, node)

    def action_delete_node(self) -> None:
        node = self.tree.cursor_node
        below = _count(node) - 1
        if self.run_command(structure.delete, node.id) is not None and below:
            # A branch goes with one key; what went below it is no longer on screen,
            # so say how much and how to get it back.
            self.notify(
                t("app.deleted_branch", title=node.title, count=below)
                + t("app.undo_hint", key=editor_keys(self.app, "editor.undo")),
                timeout=4,
                markup=False,
            )

    def action_move_up(self) -> None:
        self.run_command(structure.move_up, self.tree.cursor_node.id)

    def action_move_down(self) -> None:
        self.run_command(structure.move_down, self.tree.cursor_node.id)

    def action_indent(self) -> None:
        node = self.tree.cursor_node
        if node.parent is not None:
            index = node.parent.kids.index(node)
            if index > 0:  # the new parent shows its children, as in XMind
                self.tree.outline.unfold(node.parent.kids[index - 1])
        self.run_command(structure.indent, node.id)

    def action_outdent(self) -> None:
        self.run_command(structure.outdent, self.tree.cursor_node.id)

    # -- clipboard -----------------------------------------------------------------------

    def action_copy(self) -> None:
        node = self.tree.cursor_node
        self.clipboard = self.doc.clone_subtree(node, fresh_ids=True)
        self.notify(t("app.copied", title=node.title, count=_count(node)), timeout=2, markup=False)

    def action_cut(self) -> None:
        node = self.tree.cursor_node
        if node.parent is None:
            self.notify(
                t("app.root_cut"), title=t("app.not_possible"), severity="warning", markup=False
            )
            return
        # With its ids: pasted where they are free, the node is moved, not made anew.
        clip = self.doc.clone_subtree(node, fresh_ids=False)
        if self.run_command(structure.delete, node.id) is not None:
            self.clipboard = clip
            self.notify(t("app.cut", title=node.title, count=_count(clip)), timeout=2, markup=False)

    def action_paste(self) -> None:
        target = self.tree.cursor_node
        if self.clipboard is None:
            self.notify(
                t("app.clipboard_empty"),
                title=t("app.not_possible"),
                severity="warning",
                markup=False,
            )
            return
        if self.tree.outline.unfold(target):
            self.tree.rows_changed()
        self.run_command(structure.paste, target.id, self.clipboard)

    def paste_lines(self, text: str) -> None:
        """Pasted lines become nodes, their indentation the structure, in one undo step.

        With no title being typed (as XMind does with a topic selected): children of the
        cursor's node, after those it has. Into a title being typed (as in 幕布 or
        Workflowy): the first line goes in at the caret, the lines indented under it
        become children of that node, and the rest its next siblings.
        """
        items = parse_outline(text)
        if not items:
            return
        tree = self.tree
        # The view the title is typed in: the outline's row or the diagram's box.
        editor = self._title_editor
        if editor is None or editor.editing is None or self._editing is None:
            target = tree.cursor_node
            if tree.outline.unfold(target):
                tree.rows_changed()
            self.run_command(structure.add_outline, target.id, items)
            return
        editor.editing.insert(items[0][1])
        if len(items) > 1:
            node = self._editing[0]
            end = next((i for i, (level, _) in enumerate(items) if i and level == 0), len(items))
            kids = [(level - 1, title) for level, title in items[1:end]]
            rest = items[end:]
            # Built while the node being typed is in the document (a new one is taken
            # out and put back with its title when the edit ends).
            if kids:
                tree.outline.unfold(node)
                self._pasted_lines.append(structure.add_outline(self.doc, node.id, kids))
            if rest and node.parent is None:  # the root has no siblings: its children
                self._pasted_lines.append(structure.add_outline(self.doc, node.id, rest))
            elif rest:
                assert node.parent is not None
                self._pasted_lines.append(
                    structure.add_outline(self.doc, node.parent.id, rest, index_in_parent(node) + 1)
                )
            editor.finish_editing(confirm=True)
        else:
            editor.show_typing()

    # -- undo, redo, save ----------------------------------------------------------------

    def action_undo(self) -> None:
        if self.history.undo() is None:
            self.notify(t("app.nothing_to_undo"), timeout=2, markup=False)

    def action_redo(self) -> None:
        if self.history.redo() is None:
            self.notify(t("app.nothing_to_redo"), timeout=2, markup=False)

    def action_save(self) -> None:
        # One save path (saving.py): it asks for a file when there is none to write.
        self.persistence.save()

    def keep_typing(self, *, close: bool = False) -> None:
        """Apply everything being typed right now as if it were kept: the title in the
        outline or the diagram (as Enter), the open notes editor or forms (as Ctrl+S).

        The app is stopping (SIGTERM, the terminal closed) and that text must reach the
        recovery file, or the user chose "Save and quit" (``close``: the forms close too).
        """
        if self._title_editor is not None:
            self._title_editor.finish_editing(confirm=True)
        self.annotating.actions.keep_typing(close=close)

    def typed_steps(self) -> list[TypedStep]:
        """What :meth:`keep_typing` would do now, as steps not made: the title being typed
        (as Enter keeps it), then the open notes editor and forms (as Ctrl+S). The
        recovery copy holds them (saving.py), the document and its undo steps do not."""
        steps: list[TypedStep] = []
        if self._editing is not None and self._title_editor is not None:
            node, add, _origin = self._editing
            line = self._title_editor.editing
            title = line.text.strip() if line is not None else node.title
            if add is not None and not title:
                # Enter on a new row left empty takes the row away again.
                steps.append(TypedStep(structure.delete, (node.id,)))
            elif title and title != node.title:
                steps.append(TypedStep(annotate.rename, (node.id, title)))
        return steps + self.annotating.actions.typed_steps()

    def is_typing_open(self) -> bool:
        """Whether a title is being typed or a notes editor or form is open (cheap: reads
        no text; for every key, see ``Persistence.input_seen``)."""
        return self._editing is not None or self.annotating.actions.is_open()

    def has_typing(self) -> bool:
        """Whether text is being typed that the document does not hold yet: a new node's
        title or a changed one (outline or diagram), or an open notes editor or form with
        something typed in it. Quitting asks about it as about unsaved changes."""
        if self._editing is not None and self._title_editor is not None:
            node, add, _origin = self._editing
            line = self._title_editor.editing
            if add is not None or (line is not None and line.text.strip() != node.title):
                return True
        return self.annotating.actions.has_typing()

    @property
    def is_typing(self) -> bool:
        """Whether the user is typing here (a title, or in the search or filter bar)."""
        return self._editing is not None or isinstance(self.focused, Input)

    def action_save_as(self) -> None:
        """Save as… (palette): any format by its extension; a lossy one is written as a copy."""
        self.persistence.save_as()

    def action_reload(self) -> None:
        """Reload from disk (palette): asks first when there are unsaved changes."""
        self.persistence.ask_reload()

    def action_open_file(self) -> None:
        """Open… (Ctrl+O): ask for a file; the app opens it in place of this editor."""
        folder = f"{self.path.parent}{os.sep}" if self.path is not None else ""

        def chosen(path: Path | None) -> None:
            if path is not None:
                self.post_message(self.OpenFile(path))

        self.app.push_screen(
            SavePathScreen(folder, prompt=t("open.prompt"), select_all=False, offer=opens),
            chosen,
        )

    # -- title editing ---------------------------------------------------------------------

    def _start_editing(self, node: FeatureNode, add: Command | None, origin: FeatureNode) -> None:
        self._editing = (node, add, origin)
        editor: TitleEditor = self.tree
        if self.diagram_shown:  # typed over the node's box
            self.tree.select(node)
            editor = self.diagram
        self._title_editor = editor
        editor.start_editing(node, self._title_edited)
        # The title editor takes every key without taking the focus: the key bar says
        # which keys end it instead of listing bindings that do nothing now.
        self.query_one(KeyBar).show_keys(_editing_keys())

    def _title_edited(self, text: str, confirmed: bool) -> None:
        if self._editing is None:
            return
        node, add, origin = self._editing
        self._editing = self._title_editor = None
        pasted, self._pasted_lines = self._pasted_lines, []
        self.query_one(KeyBar).show_keys(None)
        title = text.strip()  # spaces inside are the user's; at the ends, a slip
        if add is not None:
            # The empty node was added to show the row; undo it, then add it with its
            # title as one step, so a single Ctrl+Z takes the whole thing back.
            self.history.withdraw()
            if confirmed and title:
                rename = annotate.rename(self.doc, node.id, title)
                self.history.do(Composite(add.label, [add, rename, *pasted]))
                # Text typed next on this node is the list's next item, not a new title
                # for this one (BindingsFirst.run_bindings_first).
                self.just_named = node.id
            elif self.doc.get(origin.id) is origin:
                self.tree.select(origin)
        elif confirmed:
            steps = (
                [annotate.rename(self.doc, node.id, title)] if title and title != node.title else []
            )
            steps += pasted
            if steps:
                self.run_command(_one_step, steps)


def _one_step(doc: Document, steps: list[Command]) -> Command:
    """``steps`` as one undoable command (named after the last: "Paste lines")."""
    return steps[0] if len(steps) == 1 else Composite(steps[-1].label, steps)


def _touched(command: Command) -> set[str]:
    """The nodes a step names (its focus, and its parts' for a composite step: a revision
    made from the changes writes a change-log entry on many nodes at once)."""
    ids: set[str] = set()
    stack = [command]
    while stack:
        step = stack.pop()
        ids.update(i for i in (step.focus_before, step.focus_after) if i)
        if isinstance(step, Composite):
            stack.extend(step.commands)
    return ids


def _count(node: FeatureNode) -> int:
    return subtree_size(node)
