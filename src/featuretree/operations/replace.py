"""One undoable step that makes the document say what another version of it says.

For a result computed elsewhere (a three-way merge with the file on disk): the editor
takes it as ONE step, and undo gives back the document exactly as it was before.

The nodes are matched by id. A node in both versions stays the same object, its fields
and children set to the new version's; a node only in the old version is detached and
kept, a node only in the new one is made once. Undo and redo put the very same objects
back: the steps before and after this one in the history hold node objects (a deleted
subtree, an inserted one), and the view keeps its folds on them.
"""

from __future__ import annotations

from featuretree.collector import gc_paused
from featuretree.model.annotations import DocumentMeta, Revision
from featuretree.model.carried import Carried
from featuretree.model.document import Document
from featuretree.model.node import FeatureNode, content, trusted_node
from featuretree.model.tree import attach, preorder
from featuretree.operations.base import Command, OperationError

Row = tuple[str, str | None, str, str, tuple, object, tuple, tuple, tuple]
"""(id, parent id, title, notes, tags, status, changelog, suggestions, links) of one node."""


class _Content:
    """Everything a document says, as values (the nodes in preorder with their parents)."""

    __slots__ = ("carried", "meta", "revisions", "rows")

    def __init__(self, doc: Document) -> None:
        rows: list[Row] = []
        stack: list[tuple[FeatureNode, str | None]] = [(doc.root, None)]
        with gc_paused(long_lived=True):  # 100k tuples kept: no collections for nothing
            while stack:
                n, parent_id = stack.pop()
                rows.append((n.id, parent_id, *content(n)))
                kids = n.kids
                if kids:
                    stack.extend((kid, n.id) for kid in reversed(kids))
        self.rows = rows
        self.meta: DocumentMeta = doc.meta
        self.revisions: tuple[Revision, ...] = tuple(doc.revisions)
        self.carried: Carried = doc.carried


class ReplaceContent(Command):
    """Make ``doc`` say what ``new`` says, as one step (see the module docstring).

    ``new`` must have the same root id as the document it is applied to (it is another
    version of it); it is read once, here, and not kept. ``focus``: the node the cursor
    belongs on afterwards (and after undo), when it exists.
    """

    structural = True
    rewrites = True

    def __init__(self, new: Document, *, focus: str | None = None, label: str = "Replace") -> None:
        self.label = label
        self._new = _Content(new)
        self._old: _Content | None = None
        self._objects: dict[str, FeatureNode] = {}
        """Every node object either version has had, by id: undo and redo reuse them."""
        self._focus = focus

    def apply(self, doc: Document) -> None:
        new_root = self._new.rows[0][0]
        if new_root != doc.root.id:
            raise OperationError(
                f"the new version has another root ({new_root!r}, not {doc.root.id!r})"
            )
        self._old = _Content(doc)
        objects = self._objects
        for node in preorder(doc.root):
            objects[node.id] = node
        with gc_paused(long_lived=True):
            _install(doc, self._new, objects)

    def revert(self, doc: Document) -> None:
        assert self._old is not None
        with gc_paused(long_lived=True):
            _install(doc, self._old, self._objects)

    @property
    def focus_after(self) -> str | None:
        return self._focus

    @property
    def focus_before(self) -> str | None:
        return self._focus


def _install(doc: Document, content: _Content, objects: dict[str, FeatureNode]) -> None:
    """Put ``content`` into ``doc``, reusing (and adding to) the node ``objects`` by id."""
    doc.unregister(doc.root)
    old_nodes = list(preorder(doc.root))
    for node in old_nodes:  # every node leaves its parent: the rows below say where it goes
        node.kids.clear()
        if node is not doc.root:
            node._NodeMixin__parent = None  # type: ignore[attr-defined]
    for (
        node_id,
        parent_id,
        title,
        notes,
        tags,
        status,
        changelog,
        suggestions,
        links,
    ) in content.rows:
        node = objects.get(node_id)
        if node is None:
            node = objects[node_id] = trusted_node(
                title,
                node_id,
                notes,
                tags,
                status,  # type: ignore[arg-type]
                changelog,
                suggestions,
                links,
            )
        else:
            node.title, node.notes, node.tags, node.status = title, notes, tags, status  # type: ignore[assignment]
            node.changelog, node.suggestions, node.links = changelog, suggestions, links
        if parent_id is not None:
            attach(node, objects[parent_id])
    doc.meta = content.meta
    doc.revisions = content.revisions
    doc.carried = content.carried
    doc.register(doc.root)
