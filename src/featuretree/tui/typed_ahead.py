"""Keys typed right after the key that opened a screen or a bar, typed there.

Keys that reach the app together (a busy moment, an IME commit, a fast typist) are all
sent to the widget that had the focus: the tree. When the first of them opens a form,
the notes editor or the search/filter bar, the others would be lost on the tree or run
its commands; :func:`hand_over_early_key` passes each on instead, to the new screen
(:meth:`TypedAhead.take_key`, which types them in order once it has its focus) or to
the bar (``_Bar.take_key``).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Protocol

from textual import events
from textual.screen import Screen

if TYPE_CHECKING:
    from featuretree.tui.tree_view import TreeView


class KeyTaker(Protocol):
    """Something that types a key which reached another widget first."""

    def take_key(self, event: events.Key) -> None:
        """Handle ``event``, a key that reached the tree."""


def hand_over_early_key(tree: TreeView, event: events.Key) -> bool:
    """Pass ``event`` on when it belongs elsewhere; True when the tree is done with it.

    It belongs to the screen on top when the key before it opened one (a form, the
    notes editor: its ``take_key`` types it, and other screens drop it), and to a bar
    the key before it opened (``tree.key_owner``).
    """
    if tree.app.screen is not tree.screen:
        take = getattr(tree.app.screen, "take_key", None)
    else:
        owner = tree.key_owner() if tree.key_owner is not None else None
        if owner is None:
            return False
        take = owner.take_key
    if take is not None:
        event.stop()
        event.prevent_default()
        take(event)
    return True


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
