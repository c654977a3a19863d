"""The one error every reader raises for input it cannot take."""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass


@dataclass(frozen=True)
class Problem:
    """One thing wrong with an input, and where (a JSON path, ``line 3, column 7``...).

    Readers that know the node add its title path (``node``: ``知乎 App › 首页 › 热榜``),
    the part of ``where`` below the node (``field``: ``status``) and the node's place in
    document order (``order``: child indices from the root).
    """

    where: str
    message: str
    node: str = dataclasses.field(default="", compare=False)
    field: str = dataclasses.field(default="", compare=False)
    order: tuple[int, ...] | None = dataclasses.field(default=None, compare=False)

    def __str__(self) -> str:
        return f"{self.where}: {self.message}" if self.where else self.message

    def for_people(self) -> str:
        """``知乎 App › 首页 › 热榜: status: … (root.children[0].children[2].status)``.

        The title path first (what a PM recognises), the JSON path after it; the plain
        :meth:`__str__` when the node is not known.
        """
        if not self.node:
            return str(self)
        named = f"{self.node}: {self.field}" if self.field else self.node
        return f"{named}: {self.message} ({self.where})"


class FormatError(Exception):
    """Input that cannot be read, with every problem found (at least one).

    ``str()`` gives one line for the user: the source, the first problem and how many
    more there are.
    """

    def __init__(self, problems: list[Problem] | str, *, source: str | None = None) -> None:
        if isinstance(problems, str):
            problems = [Problem("", problems)]
        self.problems = problems
        self.source = source
        super().__init__(self.summary())

    def with_source(self, source: str) -> FormatError:
        """The same error, naming the file it came from."""
        return FormatError(self.problems, source=source)

    def summary(self) -> str:
        """One line: ``source: where: message (and N more problems)``."""
        first = str(self.problems[0]) if self.problems else "unreadable input"
        more = len(self.problems) - 1
        suffix = f" (and {more} more problem{'s' if more > 1 else ''})" if more > 0 else ""
        prefix = f"{self.source}: " if self.source else ""
        return f"{prefix}{first}{suffix}"
