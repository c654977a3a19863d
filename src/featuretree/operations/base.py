"""Undoable commands and the history that applies them."""

from __future__ import annotations

from abc import ABC, abstractmethod
from collections.abc import Callable
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from featuretree.model.document import Document


class OperationError(Exception):
    """An edit that cannot be made; the message says why, in words for the user."""


class Command(ABC):
    """One undoable edit of a document.

    ``apply`` and ``revert`` must be exact inverses: after ``apply`` then ``revert`` the
    document is as it was. ``focus`` names the node the cursor belongs on afterwards.
    """

    label: str = "Edit"
    structural: bool = False
    """True when the edit changes which nodes exist or where they are."""
    rewrites: bool = False
    """True when the edit may change what any number of nodes say (not one node's fields):
    a view shows every node again (:class:`~featuretree.operations.replace.ReplaceContent`)."""

    @abstractmethod
    def apply(self, doc: Document) -> None:
        """Make the edit."""

    @abstractmethod
    def revert(self, doc: Document) -> None:
        """Undo the edit."""

    @property
    def focus_after(self) -> str | None:
        """The node to select once the edit is made."""
        return None

    @property
    def focus_before(self) -> str | None:
        """The node to select once the edit is undone."""
        return self.focus_after


class Composite(Command):
    """Several commands that undo and redo as one step."""

    def __init__(self, label: str, commands: list[Command]) -> None:
        self.label = label
        self.commands = commands
        self.structural = any(c.structural for c in commands)

    def apply(self, doc: Document) -> None:
        done: list[Command] = []
        try:
            for command in self.commands:
                command.apply(doc)
                done.append(command)
        except Exception:
            for command in reversed(done):
                command.revert(doc)
            raise

    def revert(self, doc: Document) -> None:
        for command in reversed(self.commands):
            command.revert(doc)

    @property
    def focus_after(self) -> str | None:
        return self.commands[-1].focus_after if self.commands else None

    @property
    def focus_before(self) -> str | None:
        return self.commands[0].focus_before if self.commands else None


_NEVER_SAVED = object()
"""A saved-state marker that no command on the stacks can be."""

Listener = Callable[[Command, str], None]
"""Called with the command and ``"do"``, ``"undo"`` or ``"redo"`` after each step."""


class History:
    """Applies commands to one document and keeps them for undo and redo.

    It also knows whether the document differs from what was last saved: undoing back
    to the saved state makes it clean again.
    """

    def __init__(self, doc: Document) -> None:
        self.doc = doc
        self._done: list[Command] = []
        self._undone: list[Command] = []
        self._saved_top: object = None
        self._listeners: list[Listener] = []
        self._before: list[Callable[[], None]] = []

    def subscribe(self, listener: Listener) -> None:
        """Call ``listener`` after every do, undo and redo."""
        self._listeners.append(listener)

    def subscribe_before(self, listener: Callable[[], None]) -> None:
        """Call ``listener`` before every do, undo and redo changes the document.

        For a copy of the document as it is before the first change (the editor's
        "what changed since it was saved", :mod:`featuretree.session.baseline`).
        """
        self._before.append(listener)

    def _about_to_change(self) -> None:
        for listener in self._before:
            listener()

    def _notify(self, command: Command, kind: str) -> None:
        for listener in self._listeners:
            listener(command, kind)

    def do(self, command: Command) -> Command:
        """Apply ``command`` and make it the step that undo takes back."""
        self._about_to_change()
        command.apply(self.doc)
        self._done.append(command)
        self._undone.clear()
        self._notify(command, "do")
        return command

    def undo(self) -> Command | None:
        """Take back the last step; ``None`` when there is nothing to undo."""
        if not self._done:
            return None
        self._about_to_change()
        command = self._done.pop()
        command.revert(self.doc)
        self._undone.append(command)
        self._notify(command, "undo")
        return command

    def withdraw(self) -> Command | None:
        """Undo the last step and forget it: redo will not bring it back.

        For a step that was only ever provisional, like the empty node shown while its
        title is typed and then cancelled.
        """
        command = self.undo()
        if command is not None:
            self._undone.pop()
        return command

    def redo(self) -> Command | None:
        """Make again the last step undone; ``None`` when there is none."""
        if not self._undone:
            return None
        self._about_to_change()
        command = self._undone.pop()
        command.apply(self.doc)
        self._done.append(command)
        self._notify(command, "redo")
        return command

    @property
    def last(self) -> Command | None:
        """The step undo would take back now (``None``: none)."""
        return self._done[-1] if self._done else None

    @property
    def can_undo(self) -> bool:
        """True when there is a step to undo."""
        return bool(self._done)

    @property
    def can_redo(self) -> bool:
        """True when there is a step to redo."""
        return bool(self._undone)

    @property
    def dirty(self) -> bool:
        """True when the document differs from the last save (or load)."""
        top = self._done[-1] if self._done else None
        return top is not self._saved_top

    def mark_unsaved(self) -> None:
        """Record that no state in this history is the one on disk.

        For a document that differs from its file although no command made it so (one
        restored from a recovery file): it stays dirty until saved, even after undo.
        """
        self._saved_top = _NEVER_SAVED

    def mark_saved(self) -> None:
        """Record the current state as the one on disk."""
        self._saved_top = self._done[-1] if self._done else None
