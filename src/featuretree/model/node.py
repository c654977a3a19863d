"""The feature node: one box of the feature structure diagram."""

from __future__ import annotations

from collections.abc import Iterable

from anytree import NodeMixin

from featuretree.model.annotations import ChangeEntry, FeatureStatus, Suggestion


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
    ) -> None:
        self.id = id
        self.title = title
        self.notes = notes
        self.tags: tuple[str, ...] = tuple(tags)
        self.status = status
        self.changelog: tuple[ChangeEntry, ...] = tuple(changelog)
        self.suggestions: tuple[Suggestion, ...] = tuple(suggestions)

    @property
    def kids(self) -> list[FeatureNode]:
        """The children as anytree stores them, without the copy ``children`` makes.

        Read-only by contract: change structure through :mod:`featuretree.model.tree`.
        """
        try:
            return self._NodeMixin__children  # type: ignore[attr-defined]
        except AttributeError:
            self._NodeMixin__children = []
            return self._NodeMixin__children

    @property
    def open_suggestions(self) -> int:
        """How many suggestions still ask for work."""
        return sum(1 for s in self.suggestions if s.status.is_open)

    def __repr__(self) -> str:
        return f"FeatureNode({self.title!r}, id={self.id!r})"
