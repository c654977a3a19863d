"""Keys typed right after the key that opened a screen, typed into that screen.

Keys that reach the app together (a busy moment, an IME commit, a fast typist) are all
sent to the widget that had the focus: the tree. When the first of them opens a form or
the notes editor, the others would be lost there; the tree hands them to the new screen
(:meth:`TypedAhead.take_key`), which types them in order once it has its focus.
"""

from __future__ import annotations

from textual import events
from textual.screen import Screen


class TypedAhead(Screen):
    """A screen that takes the keys typed just after the key that opened it."""

    _typed_ahead: list[events.Key] | None = None

    def take_key(self, event: events.Key) -> None:
        """Type ``event`` (a key the previous screen received) here, after the first frame."""
        if self._typed_ahead is None:
            self._typed_ahead = []
            # By then the screen is composed and its first field has the focus.
            self.call_after_refresh(self._type_ahead)
        self._typed_ahead.append(events.Key(event.key, event.character))

    def _type_ahead(self) -> None:
        keys, self._typed_ahead = self._typed_ahead or [], None
        target = self.focused
        if target is None:
            return
        for key in keys:
            # Marked as forwarded, as the app delivers keys: the field types it, then
            # its bindings and the screen's (Enter saves, Escape cancels) run in turn.
            target._forward_event(key)
