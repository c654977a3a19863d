"""Where a problem in a featuretree JSON file is, and how it is said (for the reader).

Paths are JSON paths (``root.children[3].suggestions[0].priority``); pydantic's errors
are said in JSON's terms ("must be a list", "unknown key"); bad values are shown
briefly and safely.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from pydantic import ValidationError

from featuretree.formats.errors import Problem
from featuretree.formats.json_writer import _json_scalar

# pydantic's wording for the shapes a user writes in JSON, said in JSON's terms.
_FRIENDLY = {
    "extra_forbidden": "unknown key",
    "tuple_type": "must be a list",
    "list_type": "must be a list",
    "model_type": "must be an object",
    "dict_type": "must be an object",
}


def _pydantic_problems(exc: ValidationError, base: str) -> list[Problem]:
    problems = []
    for error in exc.errors():
        where = base
        for part in error["loc"]:
            where += f"[{part}]" if isinstance(part, int) else f".{part}"
        message = _FRIENDLY.get(error["type"], error["msg"])
        problems.append(Problem(where, message))
    return problems


class _NodePath:
    """Where a node is (``root.children[3].children[0]``), spelled out only when needed.

    Building the string for every node would cost O(depth) each, O(depth²) for a deep
    tree; a link to the parent costs O(1). Very deep paths are abbreviated in messages.
    """

    __slots__ = ("parent", "index")

    def __init__(self, parent: _NodePath | str, index: int = 0) -> None:
        self.parent = parent
        self.index = index

    def __str__(self) -> str:
        indices: list[int] = []
        current: _NodePath | str = self
        while isinstance(current, _NodePath):
            indices.append(current.index)
            current = current.parent
        # The root path is a _NodePath wrapping the plain name, with a dummy index.
        indices.pop()
        indices.reverse()
        parts = [f".children[{i}]" for i in indices]
        if len(parts) > 12:
            skipped = len(parts) - 8
            parts[4:-4] = [f"…({skipped:,} levels)…"]
        return current + "".join(parts)

    def __format__(self, spec: str) -> str:
        return format(str(self), spec)


def _brief(value: Any, render: Callable[[Any], str] = _json_scalar) -> str:
    """A short, safe rendering of a bad value for a message (never recurses)."""
    if isinstance(value, dict):
        return "an object"
    if isinstance(value, list):
        return "a list"
    text = render(value)
    return text if len(text) <= 60 else text[:57] + "..."
