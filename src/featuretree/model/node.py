"""The feature node: one box of the feature structure diagram."""

from __future__ import annotations

from collections.abc import Iterable
from operator import attrgetter

from anytree import NodeMixin

from featuretree.model.annotations import ChangeEntry, FeatureStatus, Link, Suggestion

CONTENT_FIELDS = ("title", "notes", "tags", "status", "changelog", "suggestions", "links")
"""What a node says, apart from its id and its place: the fields a copy of a document, a
comparison of two versions or an undo step made of a whole version takes, in this order."""
content = attrgetter(*CONTENT_FIELDS)
"""``content(node)``: the node's :data:`CONTENT_FIELDS` values as a tuple (in C: copies of
100,000 nodes take one call each)."""


KIDS_ATTRIBUTE = "_NodeMixin__children"
"""Where anytree keeps a node's children: what :attr:`FeatureNode.kids` returns, absent
on a node that never had any. ``getattr(node, KIDS_ATTRIBUTE, ())`` reads them without
the property's Python call, for walks where a call per node counts (the layout's)."""


class FeatureNode(NodeMixin):
    """A feature (or module, or the app itself) with its annotations.

    The hierarchy comes from anytree's ``NodeMixin`` (``parent``, ``children``,
    ``path``...). Structural edits go through :mod:`featuretree.model.tree`, which keeps
    anytree's bookkeeping but costs O(1) per edit instead of O(depth × siblings).
    """

    def __init__(
        self,
        title: str,
        *,
        id: str,
        notes: str = "",
        tags: Iterable[str] = (),
        status: FeatureStatus = FeatureStatus.EXISTING,
        changelog: Iterable[ChangeEntry] = (),
        suggestions: Iterable[Suggestion] = (),
        links: Iterable[Link] = (),
    ) -> None:
        self.id = id
        self.title = title
        self.notes = notes
        self.tags: tuple[str, ...] = tuple(tags)
        self.status = status
        self.changelog: tuple[ChangeEntry, ...] = tuple(changelog)
        self.suggestions: tuple[Suggestion, ...] = tuple(suggestions)
        self.links: tuple[Link, ...] = tuple(links)

    @property
    def kids(self) -> list[FeatureNode]:
        """The children as anytree stores them, without the copy ``children`` makes.

        Read-only by contract: change structure through :mod:`featuretree.model.tree`.
        """
        try:
            return self._NodeMixin__children  # type: ignore[attr-defined]  # KIDS_ATTRIBUTE
        except AttributeError:
            self._NodeMixin__children = []
            return self._NodeMixin__children

    @property
    def open_suggestions(self) -> int:
        """How many suggestions still ask for work."""
        return sum(1 for s in self.suggestions if s.status.is_open)

    def __repr__(self) -> str:
        return f"FeatureNode({self.title!r}, id={self.id!r})"


def trusted_node(
    title: str,
    node_id: str,
    notes: str,
    tags: tuple[str, ...],
    status: FeatureStatus,
    changelog: tuple[ChangeEntry, ...],
    suggestions: tuple[Suggestion, ...],
    links: tuple[Link, ...] = (),
) -> FeatureNode:
    """A :class:`FeatureNode` from values already in their final form, without ``__init__``.

    For readers that build 100,000 nodes: calling the class (keyword arguments, three
    ``tuple()`` copies) costs about twice this. The caller passes exactly what
    ``__init__`` would store — tuples, cleaned text, a ``FeatureStatus`` — and gets the
    same object (``tests/model/test_node.py`` holds the two to the same attributes).
    """
    node = _new(FeatureNode)
    # Same attributes in the same order as __init__, so instances share one key layout.
    node.id = node_id
    node.title = title
    node.notes = notes
    node.tags = tags
    node.status = status
    node.changelog = changelog
    node.suggestions = suggestions
    node.links = links
    return node


_new = object.__new__
