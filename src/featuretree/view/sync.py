"""Keep an :class:`~featuretree.view.outline.Outline` in step with the history.

``History`` tells its listeners which command was done, undone or redone, after the
fact. Each structural command remembers where things were, which is all the outline
needs to splice the rows that changed.
"""

from __future__ import annotations

from featuretree.model.document import Document
from featuretree.operations.base import Command, Composite
from featuretree.operations.structure import DeleteSubtree, InsertSubtree, MoveSubtree
from featuretree.view.outline import Outline


def _primitives(command: Command) -> list[Command]:
    if isinstance(command, Composite):
        found: list[Command] = []
        for part in command.commands:
            found += _primitives(part)
        return found
    return [command]


def _clamp(index: int | None, size: int) -> int:
    if index is None:
        return size
    return min(max(index, 0), size)


def apply_change(outline: Outline, doc: Document, command: Command, kind: str) -> None:
    """Update ``outline`` after ``command`` was applied (``kind`` "do"/"redo") or undone."""
    structural = [c for c in _primitives(command) if c.structural]
    if not structural:
        return
    if len(structural) > 1:
        # The intermediate trees are gone; splicing step by step would read the final one.
        outline.rebuild()
        return
    change = structural[0]
    undo = kind == "undo"
    if isinstance(change, InsertSubtree):
        if undo:
            parent = doc.node(change.parent_id)
            outline.removed(change.subtree, parent, _clamp(change.index, len(parent.kids)))
        else:
            outline.inserted(change.subtree)
    elif isinstance(change, DeleteSubtree):
        node, parent = change._subtree, change._parent
        assert node is not None and parent is not None
        if undo:
            outline.inserted(node)
        else:
            outline.removed(node, parent, change._index)
    elif isinstance(change, MoveSubtree):
        node = doc.node(change.node_id)
        if undo:
            new_parent = doc.node(change.new_parent_id)
            outline.moved(node, new_parent, _clamp(change.index, len(new_parent.kids)))
        else:
            assert change._old_parent is not None
            outline.moved(node, change._old_parent, change._old_index)
    else:
        outline.rebuild()
