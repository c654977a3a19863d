"""Every key binding of the editor, in one place.

Each binding has an ``id`` (``"tree.add_child"``...) so a keymap can remap it (Textual's
``App.set_keymap``), a group for the help screen, and a description that the help
screen and the command palette show. Nothing else in the UI lists keys by hand.
"""

from __future__ import annotations

from textual.binding import Binding

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
        key_display="space",
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
    _b(
        "tab", "screen.add_child", "Add child", "tree.add_child", EDIT, show=True, key_display="tab"
    ),
    _b(
        "enter,ctrl+j",
        "screen.add_sibling",
        "Add sibling",
        "tree.add_sibling",
        EDIT,
        show=True,
        key_display="⏎",
    ),
    _b("f2,e", "screen.edit_title", "Edit title", "tree.edit_title", EDIT, show=True),
    _b(
        "delete",
        "screen.delete_node",
        "Delete node and subtree",
        "tree.delete",
        EDIT,
        show=True,
        key_display="del",
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

EDITOR_BINDINGS: list[Binding] = [
    _b("ctrl+z", "undo", "Undo", "editor.undo", EDIT, show=True),
    _b("ctrl+y", "redo", "Redo", "editor.redo", EDIT),
    _b("ctrl+s", "save", "Save", "editor.save", FILE, show=True),
]
"""Keys of the editor screen (whatever has focus inside it, except a text input)."""

APP_BINDINGS: list[Binding] = [
    _b("ctrl+q", "quit", "Quit", "app.quit", FILE, show=True, priority=True),
    _b("question_mark", "help", "Help: every key", "app.help", FILE, show=True, key_display="?"),
]
"""Keys that work everywhere."""

ALL_BINDINGS: list[Binding] = [*TREE_BINDINGS, *EDITOR_BINDINGS, *APP_BINDINGS]

TITLE_KEYS: list[tuple[str, str]] = [
    ("Enter", "help.typing.enter"),
    ("Tab", "help.typing.tab"),
    ("Esc", "help.typing.escape"),
    ("F2 / e", "help.typing.f2"),
    ("← → Home End", "help.typing.move"),
    ("Ctrl+A / Ctrl+E", "help.typing.ends"),
    ("Ctrl+← → / Alt+B F", "help.typing.words"),
    ("Shift+← → Home End", "help.typing.select"),
    ("Backspace / Del", "help.typing.delete"),
    ("Ctrl+W", "help.typing.rubout"),
    ("Ctrl+U / Ctrl+K", "help.typing.kill"),
]
"""The keys of the title editor (``tui/line_edit.py``, not bindings: it takes every key
while a title is typed), as the help screen lists them: the label, the description's
catalogue key."""


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
