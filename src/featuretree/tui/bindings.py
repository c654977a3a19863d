"""Every key binding of the editor, in one place.

Each binding has an ``id`` (``"tree.add_child"``...) so a keymap can remap it (Textual's
``App.set_keymap``), a group for the help screen, and a description that the help
screen and the command palette show. Nothing else in the UI lists keys by hand.
"""

from __future__ import annotations

import dataclasses

from textual.app import App
from textual.binding import Binding, BindingsMap, Keymap, KeymapApplyResult
from textual.dom import DOMNode

from featuretree.i18n import binding_description, t
from featuretree.tui._textual.keys import app_keymap, node_bindings

NAVIGATE = Binding.Group("Navigate")
FOLD = Binding.Group("Fold")
EDIT = Binding.Group("Edit")
MOVE = Binding.Group("Move")
CLIPBOARD = Binding.Group("Clipboard")
FILE = Binding.Group("File")


GROUP_OF: dict[str, Binding.Group] = {}
"""The help screen's section of each binding id (kept out of ``Binding.group``, which
would merge the footer's keys into one entry)."""


def _b(
    key: str,
    action: str,
    description: str,
    id: str,
    group: Binding.Group,
    *,
    show: bool = False,
    key_display: str | None = None,
    priority: bool = False,
) -> Binding:
    binding = Binding(
        key, action, description, show=show, key_display=key_display, priority=priority, id=id
    )
    GROUP_OF[id] = group
    return binding


TREE_BINDINGS: list[Binding] = [
    _b("up,k", "cursor_up", "Cursor up", "tree.cursor_up", NAVIGATE),
    _b("down,j", "cursor_down", "Cursor down", "tree.cursor_down", NAVIGATE),
    _b("pageup", "page_up", "Page up", "tree.page_up", NAVIGATE),
    _b("pagedown", "page_down", "Page down", "tree.page_down", NAVIGATE),
    _b("home", "cursor_home", "First row", "tree.cursor_home", NAVIGATE),
    _b("end", "cursor_end", "Last row", "tree.cursor_end", NAVIGATE),
    _b("left,h", "fold_or_parent", "Fold, or go to parent", "tree.fold_or_parent", FOLD),
    _b("right,l", "unfold_or_child", "Unfold, or go to first child", "tree.unfold_or_child", FOLD),
    _b(
        "space",
        "toggle_fold",
        "Fold / unfold",
        "tree.toggle_fold",
        FOLD,
        show=True,
    ),
    _b("z", "focus_path", "Fold all but the path to the cursor", "tree.focus_path", FOLD),
    *(
        _b(
            str(level),
            f"expand_to_level({level})",
            f"Unfold to level {level}",
            f"tree.level_{level}",
            FOLD,
        )
        for level in range(1, 10)
    ),
    _b("tab", "screen.add_child", "Add child", "tree.add_child", EDIT, show=True),
    _b(
        "enter,ctrl+j",
        "screen.add_sibling",
        "Add sibling",
        "tree.add_sibling",
        EDIT,
        show=True,
    ),
    _b("f2,e", "screen.edit_title", "Edit title", "tree.edit_title", EDIT, show=True),
    _b(
        "delete",
        "screen.delete_node",
        "Delete node and subtree",
        "tree.delete",
        EDIT,
        show=True,
    ),
    _b("alt+up", "screen.move_up", "Move up among siblings", "tree.move_up", MOVE),
    _b("alt+down", "screen.move_down", "Move down among siblings", "tree.move_down", MOVE),
    _b(
        "alt+left,shift+tab",
        "screen.outdent",
        "Outdent (become parent's next sibling)",
        "tree.outdent",
        MOVE,
    ),
    _b(
        "alt+right",
        "screen.indent",
        "Indent (become previous sibling's last child)",
        "tree.indent",
        MOVE,
    ),
    _b("ctrl+c", "screen.copy", "Copy subtree", "tree.copy", CLIPBOARD),
    _b("ctrl+x", "screen.cut", "Cut subtree", "tree.cut", CLIPBOARD),
    _b("ctrl+v", "screen.paste", "Paste as last child", "tree.paste", CLIPBOARD),
]
"""Keys of the tree view (active while it has focus; edits go to the editor screen)."""

ARROWS = Binding.Group("diagram.arrows", compact=True)
"""The key bar shows the four arrows as one entry (its words: ``binding.group.<description>``
in the catalogues, see :func:`localize_bindings`)."""


def _arrow(key: str, direction: str, description: str) -> Binding:
    binding = _b(key, f"move('{direction}')", description, f"diagram.{direction}", NAVIGATE)
    return dataclasses.replace(binding, show=True, group=ARROWS)


DIAGRAM_OWN_BINDINGS: list[Binding] = [
    _arrow("up,k", "up", "Box above"),
    _arrow("down,j", "down", "Box below"),
    _arrow("left,h", "left", "Box to the left"),
    _arrow("right,l", "right", "Box to the right"),
    # v (the editor's key for the diagram) goes back too: the key bar says so.
    _b("v", "screen.toggle_diagram", "Back to the outline", "diagram.back", NAVIGATE, show=True),
    # Esc goes back only when no search or filter bar is open: this binding, the focused
    # widget's, runs before the screen's Esc (close_bars), so its action gives way to
    # that one while a bar is open (EditorScreen.check_action).
    _b("escape", "screen.leave_diagram", "Back to the outline", "diagram.leave", NAVIGATE),
    # The outline's keys of the same ids (a keymap moves both), acting on the boxes.
    _b("pageup", "page(-1)", "Page up", "tree.page_up", NAVIGATE),
    _b("pagedown", "page(1)", "Page down", "tree.page_down", NAVIGATE),
    _b("home", "cursor_home", "First node", "tree.cursor_home", NAVIGATE),
    _b("end", "cursor_end", "Last node", "tree.cursor_end", NAVIGATE),
    _b("space", "screen.toggle_fold", "Fold / unfold", "tree.toggle_fold", FOLD),
    _b("z", "screen.focus_path", "Fold all but the path to the cursor", "tree.focus_path", FOLD),
    *(
        _b(
            str(level),
            f"screen.expand_to_level({level})",
            f"Unfold to level {level}",
            f"tree.level_{level}",
            FOLD,
        )
        for level in range(1, 10)
    ),
]
"""The diagram's own keys: arrows follow the tree, the outline's paging and folding keys."""

DIAGRAM_BINDINGS: list[Binding] = [
    *DIAGRAM_OWN_BINDINGS,
    # The outline's editing keys, the same bindings (ids, keymap): they act on the
    # cursor's node, which the diagram and the outline share.
    *(binding for binding in TREE_BINDINGS if binding.action.startswith("screen.")),
]
"""Keys of the diagram view: its own, then the outline's editing keys."""

EDITOR_BINDINGS: list[Binding] = [
    _b("v", "toggle_diagram", "Diagram", "editor.toggle_diagram", NAVIGATE, show=True),
    _b("ctrl+z", "undo", "Undo", "editor.undo", EDIT, show=True),
    _b("ctrl+y", "redo", "Redo", "editor.redo", EDIT),
    _b("ctrl+s", "save", "Save", "editor.save", FILE, show=True),
    # Ctrl+O opens, as in most editors (Save as has no key a terminal sends: palette only).
    _b("ctrl+o", "open_file", "Open a file…", "editor.open", FILE),
    _b("ctrl+r", "changes", "What changed since opened or saved", "editor.changes", FILE),
]
"""Keys of the editor screen (whatever has focus inside it, except a text input)."""

APP_BINDINGS: list[Binding] = [
    _b("ctrl+q", "quit", "Quit", "app.quit", FILE, show=True, priority=True),
    _b("question_mark", "help", "Help: every key", "app.help", FILE, show=True, key_display="?"),
]
"""Keys that work everywhere."""

PALETTE_BINDING = Binding(
    App.COMMAND_PALETTE_BINDING,
    "command_palette",
    "Commands",
    show=False,
    priority=True,
    id="app.command_palette",
)
"""The palette's key, bound by the app: Textual would add an English one with no id; with
an id its description comes from the catalogue and a keymap can move it."""

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


PALETTE_ONLY = (
    "revisions",
    "document_info",
    "your_name",
    "save_as",
    "reload",
    "diagram_direction",
    "diagram_stacking",
)
"""Editor actions offered by name in the command palette only (no key)."""

ALL_BINDINGS: list[Binding] = [*TREE_BINDINGS, *EDITOR_BINDINGS, *ANNOTATE_BINDINGS, *APP_BINDINGS]


# -- the other screens and widgets ---------------------------------------------------------
# Every binding of the editor's UI is defined here, with an id, so the config's keymap can
# move any key (an id shared by two screens is the same action there: ``board.close``
# closes the board and the revision history; ``node.cycle_priority`` is ``p`` in the
# editor, the detail panel and the board).

OTHER = Binding.Group("Other")


def _k(
    key: str,
    action: str,
    description: str,
    id: str,
    *,
    show: bool = False,
    priority: bool = False,
) -> Binding:
    """A binding of a screen or widget other than the editor (no help-screen section)."""
    return Binding(key, action, description, show=show, priority=priority, id=id)


START_BINDINGS: list[Binding] = [
    _k("n", "new", "New document", "start.new", show=True),
    _k("o", "open", "Open a file…", "start.open", show=True),
    _k("escape", "back_to_list", "Back to the list", "start.back_to_list"),
]
"""The start screen (samples, recent files, new, a typed path)."""

BOARD_BINDINGS: list[Binding] = [
    _k("escape", "close", "Close", "board.close", show=True),
    _k("p", "cycle_priority", "Priority", "node.cycle_priority", show=True),
    _k("t", "cycle_status", "Status", "node.cycle_suggestion_status", show=True),
    _k("P", "sort('priority')", "Sort priority", "board.sort_priority"),
    _k("T", "sort('status')", "Sort status", "board.sort_status"),
    _k("D", "sort('date')", "Sort date", "board.sort_date"),
    _k("N", "sort('node')", "Sort node", "board.sort_node"),
    *(_k(str(i), f"toggle_priority('P{i}')", f"P{i}", f"board.toggle_p{i}") for i in range(4)),
    _k("o", "toggle_open", "Open only", "board.toggle_open"),
    _k("a", "show_all", "All", "board.show_all"),
    _k("slash,f", "focus_query", "Filter", "board.filter", show=True),
    _k("e", "edit", "Edit", "board.edit"),
    _k("delete", "delete", "Delete", "board.delete"),
    _k("ctrl+z", "undo", "Undo", "editor.undo"),
    _k("ctrl+y", "redo", "Redo", "editor.redo"),
    # Ctrl+E (as in the editor): the suggestions shown, as Markdown or CSV.
    _k("ctrl+e", "export", "Export table", "board.export", show=True),
]
"""The suggestions board."""

REVISIONS_BINDINGS: list[Binding] = [
    _k("escape", "close", "Close", "board.close", show=True),
    _k("a,insert", "add", "Add", "revisions.add", show=True),
    _k("e", "edit", "Edit", "revisions.edit", show=True),
    _k("delete", "delete", "Delete", "revisions.delete", show=True),
    _k("ctrl+z", "undo", "Undo", "editor.undo"),
    _k("ctrl+y", "redo", "Redo", "editor.redo"),
]
"""The revision history (修订记录)."""

CHANGES_BINDINGS: list[Binding] = [
    _k("escape", "close", "Close", "board.close", show=True),
    _k("r", "revision", "Make a revision", "changes.revision", show=True),
]
"""What changed since the document was opened or saved (Enter: the table's, go to the node)."""

PROBLEMS_BINDINGS: list[Binding] = [
    _k("escape", "close", "Close", "problems.close", show=True),
    _k("enter", "close", "Close", "problems.close_enter"),
]
"""The list of what was repaired or not imported when a file was read."""

FORM_BINDINGS: list[Binding] = [
    _k("escape", "close", "Cancel", "form.cancel"),
    # priority: Enter saves the form from a field of several lines too (the quick
    # path), where the TextArea would otherwise take it as a new line.
    _k("ctrl+s", "save", "Save", "form.save", priority=True),
    _k("enter", "save", "Save", "form.confirm", priority=True),
    # priority: the field changes when Tab arrives, so the characters sent after it
    # in the same burst go to the next field ("改版⇥10.2⏎" fills two fields).
    _k("tab", "next_field(1)", "Next field", "form.next_field", priority=True),
    _k("shift+tab", "next_field(-1)", "Previous field", "form.previous_field", priority=True),
]
"""Every annotation form (change-log entry, suggestion, link, tags, revision, …)."""

NOTES_BINDINGS: list[Binding] = [
    _k("escape", "close", "Cancel", "form.cancel"),
    _k("ctrl+s", "keep", "Save", "form.save", priority=True),
]
"""The notes editor."""

NOTES_AREA_BINDINGS: list[Binding] = [
    # Not the focus's previous widget (Textual's Shift+Tab): Tab indents here, so its
    # reverse outdents; Escape (or Ctrl+S) leaves.
    _k("shift+tab", "outdent", "Outdent", "notes.outdent"),
    # Ctrl+J is a line feed: what many terminals send for Ctrl+Enter, and what some
    # people press for a new line.
    _k("ctrl+j", "newline", "New line", "notes.newline"),
]
"""The notes editor's text (Enter and Tab are typed by the text area itself)."""

UNSAVED_TYPING_BINDINGS: list[Binding] = [
    # Enter takes the choice that loses nothing.
    _k("s,ctrl+s,enter", "choose('save')", "Save", "typing.save"),
    _k("d", "choose('discard')", "Discard", "typing.discard"),
    _k("escape,k", "choose('keep')", "Keep editing", "typing.keep"),
]
"""Closing a form or the notes with typing in it: save, discard or keep editing."""

SAVE_PATH_BINDINGS: list[Binding] = [
    _k("escape", "cancel", "Cancel", "dialog.cancel"),
    # Not a priority binding: the field runs it in order with the characters typed
    # before it (KeysInOrder), and the screen's binding comes before the focus move.
    _k("tab", "complete", "Complete the file name", "path.complete"),
]
"""Where to save."""

QUIT_BINDINGS: list[Binding] = [
    _k("escape", "choose('cancel')", "Cancel", "dialog.cancel", show=True),
    _k("s", "choose('save')", "Save and quit", "dialog.save", show=True),
    _k("d", "choose('discard')", "Quit without saving", "dialog.discard", show=True),
]
"""Quitting with unsaved changes."""

HELP_BINDINGS: list[Binding] = [_k("escape,q,question_mark", "close", "Close", "help.close")]
"""The help screen."""

CHOICE_BINDINGS: list[Binding] = [
    _k("left,h", "step(-1)", "Previous", "choice.previous"),
    _k("right,l,space", "step(1)", "Next", "choice.next"),
]
"""A field with a few values (priority, status, format): ← → step through them."""

TABLE_BINDINGS: list[Binding] = [
    _k("up,k", "move(-1)", "Up", "table.up"),
    _k("down,j", "move(1)", "Down", "table.down"),
    _k("pageup", "page(-1)", "Page up", "table.page_up"),
    _k("pagedown", "page(1)", "Page down", "table.page_down"),
    _k("home", "jump(0)", "First", "table.first"),
    _k("end", "jump(-1)", "Last", "table.last"),
    _k("enter", "select", "Select", "table.select"),
]
"""The tables of the board and the revision history."""

DETAIL_BINDINGS: list[Binding] = [
    _k("up,k", "move(-1)", "Previous entry", "detail.cursor_up"),
    _k("down,j", "move(1)", "Next entry", "detail.cursor_down"),
    _k("e,enter", "edit", "Edit entry", "detail.edit", show=True),
    _k("delete", "delete", "Delete entry", "detail.delete", show=True),
    _k("o", "open_link", "Open link", "detail.open_link", show=True),
    _k("p", "cycle_priority", "Priority", "node.cycle_priority", show=True),
    _k("t", "cycle_status", "Status", "node.cycle_suggestion_status", show=True),
    _k("escape,left,h", "leave", "Back to the tree", "detail.leave"),
]
"""The detail panel, when it has the focus (F6 / d)."""

SEARCH_BAR_BINDINGS: list[Binding] = [
    _k("f3,down", "step(1)", "Next match", "search.next"),
    _k("shift+f3,up", "step(-1)", "Previous match", "search.previous"),
    _k("escape", "close_bar", "Close search", "search.close"),
]
"""The search bar's text field."""

FILTER_BAR_BINDINGS: list[Binding] = [
    _k("escape", "clear", "Clear filter", "app.clear_filter"),
]
"""The filter bar's text field."""

QUESTION_BINDINGS: dict[str, Binding] = {
    answer: _k(key, f"choose('{answer}')", description, f"question.{answer}")
    for answer, key, description in (
        ("restore", "r", "Restore the kept edits"),
        ("diff", "d", "Show the difference"),
        ("discard", "x", "Discard the kept edits"),
        ("merge", "m", "Merge with the file on disk"),
        ("overwrite", "o", "Overwrite the file"),
        ("save_as", "a", "Save as another file"),
        ("reload", "r", "Reload from disk"),
        ("replace", "r", "Replace the file"),
        ("json", "j", "Keep working in a JSON file"),
        ("write", "w", "Write the format anyway"),
        ("no_backup", "s", "Save without a backup"),
        ("save_first", "s", "Save the changes first"),
        ("discard_changes", "d", "Discard the unsaved changes"),
        ("cancel", "escape", "Cancel"),
    )
}
"""The answers of the questions about files (by answer id): a dialog binds the answers it
offers, and its buttons say the key the keymap gives them."""

UI_BINDINGS: list[Binding] = [
    *DIAGRAM_OWN_BINDINGS,
    *START_BINDINGS,
    *BOARD_BINDINGS,
    *REVISIONS_BINDINGS,
    *CHANGES_BINDINGS,
    *PROBLEMS_BINDINGS,
    *FORM_BINDINGS,
    *NOTES_BINDINGS,
    *NOTES_AREA_BINDINGS,
    *UNSAVED_TYPING_BINDINGS,
    *SAVE_PATH_BINDINGS,
    *QUIT_BINDINGS,
    *HELP_BINDINGS,
    *CHOICE_BINDINGS,
    *TABLE_BINDINGS,
    *DETAIL_BINDINGS,
    *SEARCH_BAR_BINDINGS,
    *FILTER_BAR_BINDINGS,
    *QUESTION_BINDINGS.values(),
    PALETTE_BINDING,
]
"""Every binding outside the editor's own (with :data:`ALL_BINDINGS`: every binding there is)."""


TITLE_KEYS: list[tuple[str, str]] = [
    ("Enter", "help.typing.enter"),
    ("Tab", "help.typing.tab"),
    ("Shift+Tab ↑ ↓ …", "help.typing.commands"),
    ("Esc", "help.typing.escape"),
    ("F2 / e", "help.typing.f2"),
    ("← → Home End", "help.typing.move"),
    ("Ctrl+A / Ctrl+E", "help.typing.ends"),
    ("Ctrl+← → / Alt+B F", "help.typing.words"),
    ("Shift+← → Home End", "help.typing.select"),
    ("Backspace / Del", "help.typing.delete"),
    ("Ctrl+W", "help.typing.rubout"),
    ("Ctrl+U / Ctrl+K", "help.typing.kill"),
    ("Ctrl+Z", "help.typing.undo"),
    ("Ctrl+Y", "help.typing.redo"),
    ("Ctrl+S", "help.typing.save"),
]
"""The keys of the title editor (``tui/line_edit.py``, not bindings: it takes every key
while a title is typed), as the help screen lists them: the label, the description's
catalogue key."""


def button_label(app: App, text: str, binding: Binding) -> str:
    """``Save and quit (s)``: ``text`` with ``binding``'s keys as the app's keymap has them."""
    keys = app_keymap(app).get(binding.id or "", binding.key)
    return f"{text} ({key_label(dataclasses.replace(binding, key=keys))})"


def editor_keys(app: App, binding_id: str) -> str:
    """How the keys of the editor's binding ``binding_id`` read, as the app's keymap has
    them (``"Esc"``), for a message that tells the user what to press."""
    binding = next(b for b in ALL_BINDINGS if b.id == binding_id)
    keys = app_keymap(app).get(binding_id, binding.key)
    return key_label(dataclasses.replace(binding, key=keys))


def bound_keys(app: App, binding_id: str) -> list[str]:
    """The keys of the binding ``binding_id`` as the app's keymap has them (``["ctrl+s"]``),
    for a widget that takes every key itself (the title editor) to pass that one on."""
    binding = next(b for b in ALL_BINDINGS if b.id == binding_id)
    return [key.strip() for key in app_keymap(app).get(binding_id, binding.key).split(",")]


def key_label(binding: Binding) -> str:
    """How a binding's keys read in the help screen: ``"↑ / k"``."""
    names = {
        "up": "↑",
        "down": "↓",
        "left": "←",
        "right": "→",
        "question_mark": "?",
        "pageup": "PgUp",
        "pagedown": "PgDn",
        "delete": "Del",
        "enter": "Enter",
        "space": "Space",
        "tab": "Tab",
        "home": "Home",
        "end": "End",
        "slash": "/",
        "number_sign": "#",
        "insert": "Insert",
        "escape": "Esc",
    }
    labels = []
    for key in binding.key.split(","):
        parts = key.strip().split("+")
        parts = [
            names.get(p, p.upper() if p.startswith("f") and p[1:].isdigit() else p) for p in parts
        ]
        if len(parts) > 1 and len(parts[-1]) == 1:
            parts[-1] = parts[-1].upper()  # Ctrl+S, as menus and manuals write it
        labels.append(
            "+".join(p.capitalize() if p in ("ctrl", "alt", "shift") else p for p in parts)
        )
    return " / ".join(labels)


def localize_bindings(node: DOMNode) -> None:
    """Give every binding of ``node`` that has an id its catalogue description."""
    table = node_bindings(node).key_to_bindings
    for key, bindings in table.items():
        table[key] = [_localized(binding) for binding in bindings]


def _localized(binding):
    if not binding.id:
        return binding
    text = binding_description(binding.id)
    if binding.group is not None:  # one entry of the key bar for the group's keys
        words = t(f"binding.group.{binding.group.description}")
        group = dataclasses.replace(binding.group, description=words)
        binding = dataclasses.replace(binding, group=group)
    if text == f"binding.{binding.id}":  # not in the catalogue: keep the English
        return binding
    return dataclasses.replace(binding, description=text)


# -- what works where: the help screen's and the command palette's lists --------------------

OUTLINE_LAYERS: tuple[list[Binding], ...] = (
    TREE_BINDINGS,
    [*EDITOR_BINDINGS, *ANNOTATE_BINDINGS],
    APP_BINDINGS,
)
"""The editor's keys while the outline is shown, as Textual looks a key up: the focused
view's bindings first, then the editor screen's, then the app's."""

DIAGRAM_LAYERS: tuple[list[Binding], ...] = (
    DIAGRAM_BINDINGS,
    # The editor's v is the diagram's v (diagram.back, whose words say "back"): one row.
    [b for b in (*EDITOR_BINDINGS, *ANNOTATE_BINDINGS) if b.id != "editor.toggle_diagram"],
    APP_BINDINGS,
)
"""The editor's keys while the diagram is shown (the diagram's own, with the outline's
editing keys; then the editor's and the app's), in the same order."""


def working_bindings(layers: tuple[list[Binding], ...], keymap: Keymap) -> list[Binding]:
    """The bindings of ``layers`` with the keys that reach them: the keys the keymap gives
    each, less those a binding of an earlier layer takes first (in the diagram, Esc goes
    back to the outline: it does not close the search bar there). A binding left with no
    key is left out; a priority binding keeps its keys whatever the layer.
    """
    working: list[Binding] = []
    taken: set[str] = set()
    for layer in layers:
        keys_of_layer: set[str] = set()
        for binding in layer:
            keys = [key.strip() for key in keymap.get(binding.id or "", binding.key).split(",")]
            keys_of_layer.update(keys)
            free = keys if binding.priority else [key for key in keys if key not in taken]
            if free:
                working.append(dataclasses.replace(binding, key=",".join(free)))
        taken |= keys_of_layer
    return working


def spelled_out(binding_id: str) -> str:
    """What the help screen and the command palette say for a binding: its catalogue
    words, or longer ones (``help.binding.<id>``) where the key bar's few words say too
    little on their own ("Outline" for going back to it)."""
    key = f"help.binding.{binding_id}"
    text = t(key)
    return binding_description(binding_id) if text == key else text
