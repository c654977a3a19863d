"""Commands that change the shape of the tree: add, delete, move, paste."""

from __future__ import annotations

from featuretree.model.document import Document
from featuretree.model.node import FeatureNode
from featuretree.model.outline_text import outline_forest
from featuretree.model.text import clean_line
from featuretree.model.tree import attach, detach, index_in_parent, is_ancestor
from featuretree.operations.base import Command, Composite, OperationError


def _node(doc: Document, node_id: str) -> FeatureNode:
    node = doc.get(node_id)
    if node is None:
        raise OperationError(f"there is no node with id {node_id!r}")
    return node


class InsertSubtree(Command):
    """Insert a detached subtree (a new node, or a pasted copy) under a parent."""

    structural = True

    def __init__(
        self, parent_id: str, index: int | None, subtree: FeatureNode, label: str = "Add node"
    ) -> None:
        self.parent_id = parent_id
        self.index = index
        self.subtree = subtree
        self.label = label

    def apply(self, doc: Document) -> None:
        parent = _node(doc, self.parent_id)
        doc.register(self.subtree)
        attach(self.subtree, parent, self.index)

    def revert(self, doc: Document) -> None:
        detach(self.subtree)
        doc.unregister(self.subtree)

    @property
    def focus_after(self) -> str:
        return self.subtree.id

    @property
    def focus_before(self) -> str:
        return self.parent_id


class DeleteSubtree(Command):
    """Remove a node and everything below it."""

    structural = True
    label = "Delete node"

    def __init__(self, node_id: str) -> None:
        self.node_id = node_id
        self._parent: FeatureNode | None = None
        self._index = 0
        self._subtree: FeatureNode | None = None

    def apply(self, doc: Document) -> None:
        node = _node(doc, self.node_id)
        if node.parent is None:
            raise OperationError("the root cannot be deleted")
        self._parent = node.parent
        self._subtree = node
        self._index = detach(node)
        doc.unregister(node)

    def revert(self, doc: Document) -> None:
        assert self._parent is not None and self._subtree is not None
        doc.register(self._subtree)
        attach(self._subtree, self._parent, self._index)

    @property
    def focus_after(self) -> str | None:
        """The next sibling, else the previous one, else the parent."""
        if self._parent is None:
            return None
        kids = self._parent.kids
        if self._index < len(kids):
            return kids[self._index].id
        if kids:
            return kids[-1].id
        return self._parent.id

    @property
    def focus_before(self) -> str:
        return self.node_id


class MoveSubtree(Command):
    """Move a node (with its subtree) to ``index`` among ``new_parent``'s children.

    ``index`` counts the new parent's children after the node has left its old place.
    """

    structural = True

    def __init__(self, node_id: str, new_parent_id: str, index: int, label: str = "Move") -> None:
        self.node_id = node_id
        self.new_parent_id = new_parent_id
        self.index = index
        self.label = label
        self._old_parent: FeatureNode | None = None
        self._old_index = 0

    def apply(self, doc: Document) -> None:
        node = _node(doc, self.node_id)
        new_parent = _node(doc, self.new_parent_id)
        if node.parent is None:
            raise OperationError("the root cannot be moved")
        if is_ancestor(node, new_parent):
            raise OperationError("a node cannot be moved into its own subtree")
        self._old_parent = node.parent
        self._old_index = detach(node)
        attach(node, new_parent, self.index)

    def revert(self, doc: Document) -> None:
        assert self._old_parent is not None
        node = doc.node(self.node_id)
        detach(node)
        attach(node, self._old_parent, self._old_index)

    @property
    def focus_after(self) -> str:
        return self.node_id


# -- builders: turn an intent into a command, or say why it cannot be done ----------


def add_child(doc: Document, parent_id: str, title: str = "", index: int | None = None) -> Command:
    """A new node with ``title`` as the last child of ``parent_id`` (or at ``index``)."""
    _node(doc, parent_id)
    node = FeatureNode(clean_line(title), id=doc.new_id())
    return InsertSubtree(parent_id, index, node, label="Add child")


def add_sibling(doc: Document, node_id: str, title: str = "") -> Command:
    """A new node right after ``node_id``; on the root, a new last child instead."""
    node = _node(doc, node_id)
    if node.parent is None:
        return add_child(doc, node_id, title)
    new = FeatureNode(clean_line(title), id=doc.new_id())
    return InsertSubtree(node.parent.id, index_in_parent(node) + 1, new, label="Add sibling")


def delete(doc: Document, node_id: str) -> Command:
    """Delete ``node_id`` and its subtree."""
    if _node(doc, node_id).parent is None:
        raise OperationError("the root cannot be deleted")
    return DeleteSubtree(node_id)


def move_up(doc: Document, node_id: str) -> Command:
    """Swap ``node_id`` with its previous sibling."""
    node = _node(doc, node_id)
    if node.parent is None:
        raise OperationError("the root has no siblings to move among")
    index = index_in_parent(node)
    if index == 0:
        raise OperationError("already the first among its siblings")
    return MoveSubtree(node_id, node.parent.id, index - 1, label="Move up")


def move_down(doc: Document, node_id: str) -> Command:
    """Swap ``node_id`` with its next sibling."""
    node = _node(doc, node_id)
    if node.parent is None:
        raise OperationError("the root has no siblings to move among")
    index = index_in_parent(node)
    if index == len(node.parent.kids) - 1:
        raise OperationError("already the last among its siblings")
    return MoveSubtree(node_id, node.parent.id, index + 1, label="Move down")


def indent(doc: Document, node_id: str) -> Command:
    """Make ``node_id`` the last child of its previous sibling."""
    node = _node(doc, node_id)
    if node.parent is None:
        raise OperationError("the root cannot be indented")
    index = index_in_parent(node)
    if index == 0:
        raise OperationError("the first child has no previous sibling to indent under")
    new_parent = node.parent.kids[index - 1]
    return MoveSubtree(node_id, new_parent.id, len(new_parent.kids), label="Indent")


def outdent(doc: Document, node_id: str) -> Command:
    """Make ``node_id`` its parent's next sibling."""
    node = _node(doc, node_id)
    parent = node.parent
    if parent is None:
        raise OperationError("the root cannot be outdented")
    if parent.parent is None:
        raise OperationError("a child of the root cannot be outdented further")
    return MoveSubtree(node_id, parent.parent.id, index_in_parent(parent) + 1, label="Outdent")


def move_to(doc: Document, node_id: str, new_parent_id: str, index: int | None = None) -> Command:
    """Move ``node_id`` under ``new_parent_id`` (at the end unless ``index`` is given)."""
    node = _node(doc, node_id)
    new_parent = _node(doc, new_parent_id)
    if node.parent is None:
        raise OperationError("the root cannot be moved")
    if is_ancestor(node, new_parent):
        raise OperationError("a node cannot be moved into its own subtree")
    if index is None:
        index = len(new_parent.kids) - (1 if node.parent is new_parent else 0)
    return MoveSubtree(node_id, new_parent_id, index)


def paste(
    doc: Document, parent_id: str, clipboard: FeatureNode, index: int | None = None
) -> Command:
    """Insert a copy of ``clipboard`` (a detached subtree) under ``parent_id``.

    The copy keeps the clipboard's ids while none is in use in ``doc``: a node cut and
    pasted is moved, the same node to a diff, a merge and the change log (and its look
    in a colleague's map); pasted again, or after a copy, it gets fresh ids."""
    _node(doc, parent_id)
    copy = doc.clone_subtree(clipboard, fresh_ids=not doc.ids_free(clipboard))
    return InsertSubtree(parent_id, index, copy, label="Paste")


def add_outline(
    doc: Document,
    parent_id: str,
    items: list[tuple[int, str]],
    index: int | None = None,
    label: str = "Paste lines",
) -> Command:
    """New nodes for ``items`` (``(level, title)`` pairs, as
    :func:`featuretree.model.outline_text.parse_outline` reads pasted lines) under
    ``parent_id``, from ``index`` on (at the end when ``None``): one undoable step.

    Level-0 items become children of ``parent_id``; deeper ones nest under the item
    before them. The cursor goes to the last level-0 node.
    """
    _node(doc, parent_id)
    if not items:
        raise OperationError("there is no text to make nodes of")  # error.nothing_to_paste
    given: set[str] = set()

    def fresh() -> str:
        while True:
            node_id = doc.new_id()
            if node_id not in given:
                given.add(node_id)
                return node_id

    forest = outline_forest(items, fresh)
    inserts: list[Command] = [
        InsertSubtree(parent_id, None if index is None else index + offset, subtree, label=label)
        for offset, subtree in enumerate(forest)
    ]
    return inserts[0] if len(inserts) == 1 else Composite(label, inserts)
