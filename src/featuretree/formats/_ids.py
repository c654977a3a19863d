"""Ids for documents imported from other tools.

Their ids (XMind topic ids, FreeMind ``ID_…``) are kept when they are valid featuretree
ids and not yet taken, so links and diffs across a round trip stay stable; anything
else gets a fresh id. Node and suggestion ids share one namespace, as in the JSON
format.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable

from featuretree.model import ids
from featuretree.model.annotations import Suggestion

_ID = re.compile(r"^[A-Za-z0-9_.:-]{1,64}$")


class IdPool:
    """Hands out unique ids, preferring the ones the file already had."""

    def __init__(self) -> None:
        self.taken: set[str] = set()

    def fresh(self, key: str) -> str:
        """A new id derived from ``key``, not taken by anything yet (and now taken)."""
        new = ids.derived_id(key, self.taken)
        self.taken.add(new)
        return new

    def node_id(self, raw: object, key: str) -> str:
        """``raw`` if it is a valid, unused id, else one derived from ``key`` (:func:`ids.node_key`)."""
        if isinstance(raw, str) and raw not in self.taken and _ID.match(raw):
            self.taken.add(raw)
            return raw
        return self.fresh(key)

    def suggestion_ids(self, key: str) -> Callable[[], str]:
        """Ids for the suggestions of the node with ``key`` that have none: one per call.

        Not yet taken: :meth:`suggestions` takes them (and repairs the rare collision).
        """
        count = iter(range(1 << 62))
        return lambda: ids.derived_id(f"{key}#s{next(count)}", self.taken)

    def suggestions(self, suggestions: Iterable[Suggestion], key: str) -> tuple[Suggestion, ...]:
        """``suggestions`` with any id already in use replaced by one derived from ``key``."""
        out = []
        for s in suggestions:
            if s.id in self.taken:
                s = s.model_copy(update={"id": self.fresh(f"{key}#{s.id}")})
            else:
                self.taken.add(s.id)
            out.append(s)
        return tuple(out)
