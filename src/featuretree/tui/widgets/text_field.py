"""Text fields whose editing keys act where they were typed, even in a burst.

Textual runs an ``Input``'s (and a ``TextArea``'s) editing keys as bindings: Ctrl+U,
Ctrl+K, Ctrl+W, ←, →, Home, End, Backspace, Enter (submit), Escape and Tab. A key's
bindings run once the key has bubbled from the field up to the app, one message queue
after another, while the field goes on typing the characters sent behind it. Keys that
arrive in one write (an IME commit, a paste-like script, a fast typist, a slow moment)
were applied out of order: ``Ctrl+U`` then ``新文件 name.md`` typed the name and then
cleared it, and the path saved was empty.

:class:`KeysInOrder` runs a key's bindings the moment the field takes the key, on the
chain the app would run later (the field's own, then its containers', the screen's and
the app's), so every key acts between the characters typed before and after it. The
chain starts at the field that took the key, not at the focus: a Tab in the same burst
(a priority binding, run as it arrives) may already have moved the focus to the next
field while this one is still typing the keys sent before the Tab.
"""

from __future__ import annotations

from textual import events
from textual.widgets import Input

from featuretree.model.text import is_typed_text
from featuretree.tui._textual.keys import run_bindings_from


class KeysInOrder:
    """Mixin for a text field: a key that is not text runs its binding at once, in order
    with the characters around it (see the module)."""

    TYPED_KEYS: tuple[str, ...] = ()
    """Keys other than characters that the field types itself (a ``TextArea``: Enter)."""

    async def on_key(self, event: events.Key) -> None:
        """Run the bindings of a key that is not text now, not once it reached the app."""
        if is_typed_text(event.character):
            if not event.is_printable:
                # Textual types only what str.isprintable() passes: not a full-width
                # space (U+3000, a Chinese IME's), a no-break space... They are text.
                event.stop()
                event.prevent_default()
                self.type_text(event.character)  # type: ignore[arg-type]
            return  # the field types it itself, in order already
        if event.key in self.TYPED_KEYS:
            return
        if await run_bindings_from(self, event.key):  # type: ignore[arg-type]
            # Handled: it must not bubble up and run the binding a second time.
            event.stop()
            event.prevent_default()

    def type_text(self, text: str) -> None:
        """Type ``text`` at the cursor, over the selection, as the field types a key."""
        raise NotImplementedError


class TextField(KeysInOrder, Input):
    """A one-line text field (an ``Input``) whose keys act in the order they were typed.

    A paste of several lines is typed as one line, the lines joined by a space: Textual's
    ``Input`` types only the first line of a paste and drops the others (a change-log
    summary or a list of tags copied from a PRD lost all but its first line).
    """

    def on_paste(self, event: events.Paste) -> None:
        """Type every line of the paste, not only the first (see the class)."""
        event.stop()
        event.prevent_default()  # not Input's own handler, which keeps the first line only
        text = event.text
        if not text:
            return
        lines = text.splitlines()
        if len(lines) > 1:
            # Each line's own indentation and ends mean nothing inside one line.
            text = " ".join(line.strip() for line in lines if line.strip())
        else:
            text = lines[0] if lines else ""
        if text:
            self.type_text(text)

    def type_text(self, text: str) -> None:
        """Type ``text`` at the cursor, over the selection (as ``Input`` types a key)."""
        selection = self.selection
        if selection.is_empty:
            self.insert_text_at_cursor(text)
        else:
            self.replace(text, *selection)
