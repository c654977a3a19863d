"""The notes editor: a full-height TextArea; Ctrl+S keeps the text, Escape asks first if
it changed (the same rule as every form, see ``forms.close_or_ask``)."""

from __future__ import annotations

from rich.text import Text
from textual.app import ComposeResult
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import TextArea

from featuretree.i18n import t
from featuretree.tui.bindings import NOTES_BINDINGS
from featuretree.tui.screens.forms import close_or_ask
from featuretree.tui.typed_ahead import TypedAhead
from featuretree.tui.widgets.multiline import NotesArea
from featuretree.tui.widgets.wrapped_text import WrappedText


class NotesEditor(ModalScreen[str | None], TypedAhead):
    """Edit a node's notes; dismisses with the new text, or ``None`` when nothing changed
    or the change was discarded.

    Enter is a new line here (notes are paragraphs); Ctrl+S keeps the text and leaves.
    Escape leaves at once when nothing changed and otherwise asks (Save / Discard / Keep
    editing), as in every form: no paragraph is kept or lost by a key pressed by habit.
    """

    # ModalScreen first: Textual takes a screen's default CSS (and its CSS type names)
    # from the first base of each class only, so with TypedAhead first the form got
    # Screen's opaque background instead of ModalScreen's and hid the tree behind it.

    DEFAULT_CSS = """
    NotesEditor {
        align: center middle;
    }
    NotesEditor > Vertical {
        width: 90%;
        height: 80%;
        border: round $accent;
        background: $panel;
    }
    NotesEditor .form-title {
        text-style: bold;
        padding: 0 1;
    }
    NotesEditor TextArea {
        height: 1fr;
    }
    NotesEditor .hint {
        color: $text-muted;
        padding: 0 1;
    }
    """

    BINDINGS = NOTES_BINDINGS

    def __init__(self, notes: str, *, node_title: str = "") -> None:
        super().__init__()
        self.original = notes
        self.node_title = node_title

    def compose(self) -> ComposeResult:
        with Vertical():
            # wraps: a long node title is read whole, not cut at the frame
            yield WrappedText(
                Text(t("form.notes.title", title=self.node_title)),
                max_natural=1000,
                classes="form-title",
            )
            # Tab indents (a PM indents list items in notes); Escape still reaches the
            # screen: NotesArea runs the bindings of a key that is not text before
            # TextArea's "indent" mode would take Escape to move the focus away.
            yield NotesArea(self.original, soft_wrap=True, tab_behavior="indent", id="notes")
            yield WrappedText(Text(t("form.notes.hint")), max_natural=1000, classes="hint")

    def on_mount(self) -> None:
        area = self.query_one(TextArea)
        area.focus()
        area.move_cursor(area.document.end)

    def typed_result(self, *, quiet: bool = False) -> str | None:
        """What keeping the text now would dismiss with (``None``: nothing changed);
        nothing is said either way (``quiet``, as forms take it)."""
        text = self.query_one(TextArea).text
        return None if text == self.original else text

    def action_keep(self) -> None:
        """Leave, keeping the text, once the text area has typed every key sent before
        this one."""
        # Ctrl+S is a priority binding: it runs as soon as it arrives, while the
        # characters sent just before it (one burst) still wait in the text area's queue.
        focused = self.focused
        if focused is None:
            self._keep_now()
        else:
            focused.call_later(self._keep_now)

    def _keep_now(self) -> None:
        if not self.is_current:  # already left (Ctrl+S pressed twice in a row)
            return
        text = self.query_one(TextArea).text
        self.dismiss(None if text == self.original else text)

    def action_close(self) -> None:
        """Escape: leave at once if nothing changed, else ask (Save / Discard / Keep editing)."""
        changed = self.query_one(TextArea).text != self.original
        close_or_ask(self, changed, save=self.action_keep, discard=lambda: self.dismiss(None))
