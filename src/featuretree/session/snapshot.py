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
from featuretree.model.document import Document
from featuretree.model.node import FeatureNode
from featuretree.model.tree import attach, preorder_with_depth

Row = tuple[int, str, str, str, tuple, object, tuple, tuple]
"""(depth, id, title, notes, tags, status, changelog, suggestions) of one node."""


@dataclass(frozen=True)
class Snapshot:
    """The content of a document at one moment (see the module docstring)."""

    rows: list[Row]
    meta: DocumentMeta
    revisions: tuple[Revision, ...]

    @classmethod
    def of(cls, doc: Document) -> Snapshot:
        """Copy ``doc`` now (UI thread): one pass, no serialization."""
        with gc_paused():  # 100k new tuples would set off full collections for nothing
            rows = [
                (
                    depth,
                    n.id,
                    n.title,
                    n.notes,
                    n.tags,
                    n.status,
                    n.changelog,
                    n.suggestions,
                    n.links,
                )
                for n, depth in preorder_with_depth(doc.root)
            ]
        return cls(rows, doc.meta, tuple(doc.revisions))

    def document(self) -> Document:
        """A new document with the copied content (any thread; nothing shared is changed)."""
        stack: list[FeatureNode] = []
        root: FeatureNode | None = None
        for depth, node_id, title, notes, tags, status, changelog, suggestions, links in self.rows:
            node = FeatureNode(
                title,
                id=node_id,
                notes=notes,
                tags=tags,
                status=status,  # type: ignore[arg-type]
                changelog=changelog,
                suggestions=suggestions,
                links=links,
            )
            del stack[depth:]
            if stack:
                attach(node, stack[-1])
            else:
                root = node
            stack.append(node)
        assert root is not None, "a document always has a root"
        return Document(root, meta=self.meta, revisions=list(self.revisions))

    def to_json(self) -> bytes:
        """The featuretree JSON of the copied document (what ``write_json`` gives for it)."""
        return write_json(self.document())
