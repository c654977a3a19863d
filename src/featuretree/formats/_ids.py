"""Ids for documents imported from other tools.

Their ids (XMind topic ids, FreeMind ``ID_…``) are kept when they are valid featuretree
ids and not yet taken, so links and diffs across a round trip stay stable; anything
else gets a fresh id. Node and suggestion ids share one namespace, as in the JSON
format.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from featuretree.model import ids
from featuretree.model.annotations import Suggestion

_ID = re.compile(r"^[A-Za-z0-9_.:-]{1,64}$")


class IdPool:
    """Hands out unique ids, preferring the ones the file already had."""

    def __init__(self) -> None:
        self.taken: set[str] = set()

    def fresh(self) -> str:
        """A new id, not taken by anything yet (and now taken)."""
        new = ids.new_id(self.taken)
        self.taken.add(new)
        return new

    def node_id(self, raw: object) -> str:
        """``raw`` if it is a valid, unused id, else a fresh one."""
        if isinstance(raw, str) and raw not in self.taken and _ID.match(raw):
            self.taken.add(raw)
            return raw
        return self.fresh()

    def suggestions(self, suggestions: Iterable[Suggestion]) -> tuple[Suggestion, ...]:
        """``suggestions`` with any id already in use replaced by a fresh one."""
        out = []
        for s in suggestions:
            if s.id in self.taken:
                s = s.model_copy(update={"id": self.fresh()})
            else:
                self.taken.add(s.id)
            out.append(s)
        return tuple(out)
