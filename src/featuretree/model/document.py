"""The document: metadata, revision history and one tree of feature nodes."""

from __future__ import annotations

from collections.abc import Iterator

from featuretree.model import ids
from featuretree.model.annotations import DocumentMeta, Revision, Suggestion
from featuretree.model.carried import Carried
from featuretree.model.node import FeatureNode
from featuretree.model.tree import postorder, preorder


class Document:
    """A feature structure diagram with its metadata and an index of node ids.

    The id index is kept up to date by the operations layer (through
    :meth:`register` and :meth:`unregister`); nothing else should change the tree.
    """

    def __init__(
        self,
        root: FeatureNode,
        *,
        meta: DocumentMeta | None = None,
        revisions: list[Revision] | None = None,
    ) -> None:
        self._setup(root, meta, revisions)
        self.register(root)

    @classmethod
    def from_indexed_tree(
        cls,
        root: FeatureNode,
        *,
        nodes: dict[str, FeatureNode],
        suggestion_owners: dict[str, FeatureNode],
        meta: DocumentMeta | None = None,
        revisions: list[Revision] | None = None,
    ) -> Document:
        """A document over ``root`` whose id index was made while the tree was built.

        For readers that see every node as they create it (the JSON reader): the
        constructor's :meth:`register` would walk the same 100,000 nodes again. The
        caller guarantees what :meth:`register` would have built: ``nodes`` maps the id
        of every node under ``root`` (and of no other node) to that node, and
        ``suggestion_owners`` maps the id of every suggestion of those nodes to the
        node that carries it, ids unique. Both dictionaries are taken over, not copied,
        and not checked (that would be the walk); when in doubt, use the constructor.
        """
        doc = cls.__new__(cls)
        doc._setup(root, meta, revisions)
        doc._index = nodes
        doc._suggestion_owner = suggestion_owners
        return doc

    def _setup(
        self, root: FeatureNode, meta: DocumentMeta | None, revisions: list[Revision] | None
    ) -> None:
        """Everything but the index, shared by both ways of making a document."""
        self.root = root
        self.meta = meta or DocumentMeta(title=root.title)
        self.revisions: tuple[Revision, ...] = tuple(revisions or ())
        self.warnings: list[str] = []
        """Problems repaired while reading (not saved)."""
        self.not_imported: dict[str, int] = {}
        """What the reader met but could not keep, counted by kind (``{"image": 3}``;
        the kinds are listed in :data:`featuretree.formats.errors.NOT_IMPORTED`). Not
        saved. Unlike :attr:`warnings` (repairs), this is content the user no longer has."""
        self.carried = Carried()
        """What a format gave that featuretree does not model (an XMind topic's style, a
        FreeMind node's colour), by format and node id, for that format's writer to give
        back (see :mod:`featuretree.model.carried`). Saved in the JSON format."""
        self.folded: set[str] = set()
        """The ids of the nodes the file showed folded (XMind ``branch: folded``, FreeMind
        ``FOLDED``): the editor opens with them folded. Not saved (the format's own fold
        is carried and written back)."""
        self.root_from_file_name = False
        """True when the reader made the root up (several sheets or top-level nodes);
        :func:`featuretree.formats.load` then titles it after the file."""
        self.title_is_root = False
        """True when the file read has no document title of its own (a FreeMind map, a
        Markdown file without a front-matter title or info table, featuretree JSON whose
        title is its root's or missing…): :attr:`meta`'s title
        is then left empty, which every writer and the loss check read as the root's, so
        it follows a renamed root and saving over the file writes nothing for it. The
        featuretree JSON written from such a document names the root's title, as the JSON
        that went into the format did (JSON → .mm → JSON stays byte for byte the same)."""
        self._index: dict[str, FeatureNode] = {}
        self._suggestion_owner: dict[str, FeatureNode] = {}

    @classmethod
    def new(cls, title: str = "新产品") -> Document:
        """An empty document: just a root node called ``title``.

        Its own title is left empty, which every writer reads as "the root's": a copy of
        the first root title would stay behind when the root is renamed (the picture of
        a document started as ``wms.json`` and renamed 仓储管理系统 said "wms").
        """
        return cls(FeatureNode(title, id=ids.new_id()), meta=DocumentMeta())

    # -- ids ---------------------------------------------------------------------

    def node(self, node_id: str) -> FeatureNode:
        """The node with ``node_id``; ``KeyError`` when there is none."""
        return self._index[node_id]

    def get(self, node_id: str) -> FeatureNode | None:
        """The node with ``node_id``, or ``None``."""
        return self._index.get(node_id)

    def __contains__(self, node_id: object) -> bool:
        return node_id in self._index

    def __len__(self) -> int:
        return len(self._index)

    def new_id(self) -> str:
        """An id used by no node and no suggestion of this document."""
        return ids.new_id(_TakenIds(self))

    def register(self, subtree: FeatureNode) -> None:
        """Index every node of ``subtree`` and its suggestions; ids must not be in use yet."""
        index = self._index
        owners = self._suggestion_owner
        for node in preorder(subtree):
            if node.id in index and index[node.id] is not node:
                raise ValueError(f"duplicate node id {node.id!r}")
            index[node.id] = node
            for suggestion in node.suggestions:
                owners[suggestion.id] = node

    def unregister(self, subtree: FeatureNode) -> None:
        """Forget every node of ``subtree`` and its suggestions."""
        index = self._index
        owners = self._suggestion_owner
        for node in preorder(subtree):
            index.pop(node.id, None)
            for suggestion in node.suggestions:
                if owners.get(suggestion.id) is node:
                    del owners[suggestion.id]

    def set_suggestions(self, node: FeatureNode, suggestions: tuple[Suggestion, ...]) -> None:
        """Replace ``node``'s suggestions, keeping the suggestion index current."""
        owners = self._suggestion_owner
        for suggestion in node.suggestions:
            if owners.get(suggestion.id) is node:
                del owners[suggestion.id]
        node.suggestions = suggestions
        if self._index.get(node.id) is node:
            for suggestion in suggestions:
                owners[suggestion.id] = node

    # -- walking -----------------------------------------------------------------

    def iter_nodes(self) -> Iterator[FeatureNode]:
        """Every node in document order."""
        return preorder(self.root)

    def iter_suggestions(self) -> Iterator[tuple[FeatureNode, Suggestion]]:
        """Every suggestion with the node that carries it, in document order."""
        for node in preorder(self.root):
            for suggestion in node.suggestions:
                yield node, suggestion

    def find_suggestion(self, suggestion_id: str) -> tuple[FeatureNode, int] | None:
        """The node holding suggestion ``suggestion_id`` and its index there."""
        owner = self._suggestion_owner.get(suggestion_id)
        if owner is not None and self._index.get(owner.id) is owner:
            for i, suggestion in enumerate(owner.suggestions):
                if suggestion.id == suggestion_id:
                    return owner, i
        # Not indexed (a node's suggestions were replaced without set_suggestions):
        # the walk below is slower but never wrong.
        for node in preorder(self.root):
            for i, suggestion in enumerate(node.suggestions):
                if suggestion.id == suggestion_id:
                    return node, i
        return None

    def ids_free(self, subtree: FeatureNode) -> bool:
        """Whether no node or suggestion of ``subtree`` (detached) has an id in use here:
        then it can go in with its own ids, as a cut node pasted back is the same node
        moved (its change log, its look and a merge follow it)."""
        index = self._index
        owners = self._suggestion_owner
        for node in preorder(subtree):
            if node.id in index:
                return False
            for suggestion in node.suggestions:
                owner = owners.get(suggestion.id)
                # The owners' index may still name a node since deleted: only a node in
                # the document that holds the suggestion now takes its id.
                if (
                    owner is not None
                    and index.get(owner.id) is owner
                    and any(s.id == suggestion.id for s in owner.suggestions)
                ):
                    return False
        return True

    def clone_subtree(self, source: FeatureNode, *, fresh_ids: bool = True) -> FeatureNode:
        """A detached deep copy of ``source``; with ``fresh_ids`` every id is new.

        Fresh ids are unique in this document (a paste never collides with what is there).
        A copy with fresh ids carries nothing of its source's look (:attr:`carried` is by
        id): a pasted or duplicated node is a new, plain one.
        """
        copies: dict[int, FeatureNode] = {}
        # Ids given to the copy so far; with the document's own, all that is taken.
        # Suggestion ids must stay unique across the document too.
        taken = _TakenIds(self)
        for node in postorder(source):
            node_id = node.id
            suggestions = node.suggestions
            if fresh_ids:
                node_id = ids.new_id(taken)
                taken.add(node_id)
                fresh = []
                for suggestion in suggestions:
                    suggestion_id = ids.new_id(taken)
                    taken.add(suggestion_id)
                    fresh.append(suggestion.model_copy(update={"id": suggestion_id}))
                suggestions = tuple(fresh)
            copy = FeatureNode(
                node.title,
                id=node_id,
                notes=node.notes,
                tags=node.tags,
                status=node.status,
                changelog=node.changelog,
                suggestions=suggestions,
                links=node.links,
            )
            kids = [copies.pop(id(kid)) for kid in node.kids]
            if kids:
                for kid in kids:
                    kid._NodeMixin__parent = copy  # type: ignore[attr-defined]
                copy._NodeMixin__children = kids  # type: ignore[attr-defined]
            copies[id(node)] = copy
        return copies[id(source)]


def same_info(a: Document, b: Document) -> bool:
    """Whether ``a`` and ``b`` have the same document information as a user sees it.

    An empty title is the root's (what every writer shows): one read from a file with
    no title of its own and the same written as featuretree JSON and read back are the
    same; when both follow their roots, a renamed root is a change of the root, not of
    the document info (as :func:`featuretree.versions.diff` says it).
    """
    if a.meta == b.meta:
        return True
    if (a.meta.title and b.meta.title) or not (a.meta.title or b.meta.title):
        return a.meta == b.meta
    return a.meta.model_copy(update={"title": a.meta.title or a.root.title}) == (
        b.meta.model_copy(update={"title": b.meta.title or b.root.title})
    )


class _TakenIds:
    """The ids in use in a document (nodes and suggestions) plus any ``add``ed here.

    Membership without copying the document's 100k-entry index for each paste.
    """

    def __init__(self, doc: Document) -> None:
        self.doc = doc
        self.extra: set[str] = set()

    def __contains__(self, value: object) -> bool:
        return (
            value in self.extra or value in self.doc._index or value in self.doc._suggestion_owner
        )

    def add(self, value: str) -> None:
        """Count ``value`` as taken from now on."""
        self.extra.add(value)
