"""A frozen copy of a document, cheap to take on the UI thread and safe to use in another.

Autosave must not freeze the editor: writing featuretree JSON for 100,000 nodes takes
about half a second, and the document may change under a thread that reads it. So the UI
thread only copies each node's fields into a flat preorder list (every field is an
immutable value: strings, tuples, enums, frozen pydantic models) — about a quarter of the
cost — and the worker thread rebuilds the tree from that list and serializes it.
"""

from __future__ import annotations

from dataclasses import dataclass

from featuretree.formats._util import gc_paused
from featuretree.formats.json_format import write_json
from featuretree.model.annotations import DocumentMeta, Revision
from featuretree.model.carried import Carried
from featuretree.model.document import Document
from featuretree.model.node import FeatureNode, content, trusted_node
from featuretree.model.tree import preorder_with_depth

Row = tuple[int, str, str, str, tuple, object, tuple, tuple, tuple]
"""(depth, id, title, notes, tags, status, changelog, suggestions, links) of one node."""


@dataclass(frozen=True)
class Snapshot:
    """The content of a document at one moment (see the module docstring)."""

    rows: list[Row]
    meta: DocumentMeta
    revisions: tuple[Revision, ...]
    carried: Carried | None = None
    """The document's :attr:`~Document.carried`, shared: readers fill it, nothing
    changes it after (a recovered map must keep its colleague's look)."""
    title_is_root: bool = False
    """The document's :attr:`~Document.title_is_root` (its JSON names the root's title)."""

    @classmethod
    def of(cls, doc: Document) -> Snapshot:
        """Copy ``doc`` now (UI thread): one pass, no serialization."""
        with gc_paused():  # 100k new tuples would set off full collections for nothing
            rows = [(depth, n.id, *content(n)) for n, depth in preorder_with_depth(doc.root)]
        return cls(rows, doc.meta, tuple(doc.revisions), doc.carried, doc.title_is_root)

    def document(self) -> Document:
        """A new document with the copied content (any thread; nothing shared is changed).

        The copied values are already in their final form (they came from nodes), so
        nodes are made the way the JSON reader makes them (``trusted_node``, the id index
        filled as they are made): about a third of the cost of ``FeatureNode(...)``,
        ``attach`` and ``Document``'s own walk (issue 14's "what changed" builds the
        document as loaded from a snapshot at 100,000 nodes).
        """
        nodes: dict[str, FeatureNode] = {}
        owners: dict[str, FeatureNode] = {}
        stack: list[FeatureNode] = []
        root: FeatureNode | None = None
        make = trusted_node
        with gc_paused():
            for (
                depth,
                node_id,
                title,
                notes,
                tags,
                status,
                changelog,
                suggestions,
                links,
            ) in self.rows:
                node = make(title, node_id, notes, tags, status, changelog, suggestions, links)  # type: ignore[arg-type]
                node._NodeMixin__children = []  # type: ignore[attr-defined]
                nodes[node_id] = node
                for suggestion in suggestions:
                    owners[suggestion.id] = node
                del stack[depth:]
                if stack:
                    parent = stack[-1]
                    parent._NodeMixin__children.append(node)  # type: ignore[attr-defined]
                    node._NodeMixin__parent = parent  # type: ignore[attr-defined]
                else:
                    root = node
                stack.append(node)
        assert root is not None, "a document always has a root"
        doc = Document.from_indexed_tree(
            root,
            nodes=nodes,
            suggestion_owners=owners,
            meta=self.meta,
            revisions=list(self.revisions),
        )
        if self.carried is not None:
            doc.carried = self.carried
        doc.title_is_root = self.title_is_root
        return doc

    def to_json(self) -> bytes:
        """The featuretree JSON of the copied document (what ``write_json`` gives for it)."""
        return write_json(self.document())
