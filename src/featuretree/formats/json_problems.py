"""Where a problem in a featuretree JSON file is, and how it is said (for the reader).

Paths are JSON paths (``root.children[3].suggestions[0].priority``) and, for a node,
its title path (``知乎 App › 首页 › 热榜``); pydantic's errors are said for people
("must be a list", "unknown key", "month 13 is not a month"); bad values are shown
briefly and safely.
"""

from __future__ import annotations

import calendar
import re
from collections.abc import Callable
from typing import Any

from pydantic import ValidationError

from featuretree.formats.errors import Problem, TitlePath, skipped_levels, title_path_of
from featuretree.formats.json_writer import _json_scalar

# pydantic's wording for the shapes a user writes in JSON, said in JSON's terms
# (catalogue keys: the Problems screen says them in the UI's language).
_FRIENDLY = {
    "extra_forbidden": "problem.unknown_key",
    "tuple_type": "problem.must_be_list",
    "list_type": "problem.must_be_list",
    "model_type": "problem.must_be_object",
    "dict_type": "problem.must_be_object",
    "missing": "problem.missing",
    "string_type": "problem.must_be_string",
}


_DATE = re.compile(r"^(\d{4})-(\d{1,2})-(\d{1,2})$")


def _date_message(value: Any) -> tuple[str, dict[str, object]]:
    """A bad date said for people: which part is wrong, not the parser's wording."""
    if isinstance(value, str):
        match = _DATE.match(value.strip())
        if match:
            year, month, day = (int(part) for part in match.groups())
            if not 1 <= month <= 12:
                return "problem.bad_month", {"month": month, "value": _brief(value)}
            last = calendar.monthrange(year, month)[1] if year >= 1 else 31
            if not 1 <= day <= last:
                month_text = f"{year}-{month:02d}"
                return "problem.bad_day", {"month": month_text, "day": day, "value": _brief(value)}
    return "problem.must_be_date", {"value": _brief(value)}


def friendly_key(error: Any) -> tuple[str, dict[str, object]]:
    """One pydantic error as a catalogue key and its fields (see :meth:`Problem.keyed`)."""
    kind = error["type"]
    if kind in _FRIENDLY:
        return _FRIENDLY[kind], {}
    if kind.startswith("date"):
        return _date_message(error.get("input"))
    if kind == "enum":
        expected = str(error.get("ctx", {}).get("expected", "")).replace("'", "")
        expected = expected.replace(" or ", ", ")
        return "problem.must_be_one_of", {"expected": expected, "value": _brief(error.get("input"))}
    return "problem.detail", {"detail": str(error["msg"])}


def friendly_problem(error: Any, where: str = "") -> Problem:
    """One pydantic error as a :class:`Problem` at ``where``, said in every language."""
    key, fields = friendly_key(error)
    return Problem.keyed(where, key, **fields)


def friendly_message(error: Any) -> str:
    """One pydantic error in English words a user of the file understands."""
    return friendly_problem(error).message


def _pydantic_problems(exc: ValidationError, base: str) -> list[Problem]:
    problems = []
    for error in exc.errors():
        where = base
        for part in error["loc"]:
            where += f"[{part}]" if isinstance(part, int) else f".{part}"
        problems.append(friendly_problem(error, where))
    return problems


class _NodePath:
    """Where a node is (``root.children[3].children[0]``), spelled out only when needed.

    Building the string for every node would cost O(depth) each, O(depth²) for a deep
    tree; a link to the parent costs O(1). Very deep paths are abbreviated in messages.
    """

    __slots__ = ("index", "node_id", "parent")

    def __init__(self, parent: _NodePath | str, index: int = 0, node_id: str = "") -> None:
        self.parent = parent
        self.index = index
        self.node_id = node_id
        """The id of the node here, once it has one: its children's derived ids start from it."""

    def __str__(self) -> str:
        current: _NodePath | str = self
        while isinstance(current, _NodePath):
            current = current.parent
        parts = [f".children[{i}]" for i in self.indices()]
        if len(parts) > 12:
            skipped = len(parts) - 8
            parts[4:-4] = [skipped_levels(skipped)]
        return current + "".join(parts)

    def __format__(self, spec: str) -> str:
        return format(str(self), spec)

    def indices(self) -> tuple[int, ...]:
        """The child indices from the root to this node (document order sorts by them)."""
        indices: list[int] = []
        current: _NodePath | str = self
        while isinstance(current, _NodePath):
            indices.append(current.index)
            current = current.parent
        indices.pop()  # the root path is a _NodePath wrapping the plain name, with a dummy index
        indices.reverse()
        return tuple(indices)


TITLE_SEPARATOR = " › "


def title_path(raw_root: Any, indices: tuple[int, ...]) -> TitlePath:
    """``知乎 App › 首页 › 热榜``: the titles from the raw root down the child ``indices``.

    Walks the parsed JSON (no recursion); a node without a usable title shows as
    ``(untitled)``, one that is not an object as ``?``. Very deep paths are shortened.
    """
    titles: list[str | int | None] = []
    node = raw_root
    for step in range(len(indices) + 1):
        if isinstance(node, dict):
            title = node.get("title")
            title = " ".join(title.split()) if isinstance(title, str) else ""
            titles.append(title[:40] + "…" if len(title) > 40 else title or None)
        else:
            titles.append("?")
        if step == len(indices):
            break
        children = node.get("children") if isinstance(node, dict) else None
        try:
            node = children[indices[step]]  # type: ignore[index]
        except (IndexError, KeyError, TypeError):
            node = None
    if len(titles) > 12:
        titles[4:-4] = [len(titles) - 8]  # said as "…(N levels)…" in each language
    return title_path_of(tuple(titles), TITLE_SEPARATOR)


def _brief(value: Any, render: Callable[[Any], str] = _json_scalar) -> str:
    """A short, safe rendering of a bad value for a message (never recurses)."""
    if isinstance(value, dict):
        return "an object"
    if isinstance(value, list):
        return "a list"
    text = render(value)
    return text if len(text) <= 60 else text[:57] + "..."
