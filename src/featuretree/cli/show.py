"""``featuretree show``: the tree in the terminal, one line per node.

rich's ``Tree`` walks iteratively, but it narrows the width by four cells per level
and keeps every level's guide, so a 20,000-level document would print lines 80,000
cells wide. The lines are built here instead, walking the tree with an explicit stack,
and past :data:`MAX_GUIDES` levels the guides are folded into a ``⋯N⋯`` depth mark.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Iterator
from typing import TYPE_CHECKING

from featuretree.cli.common import (
    add_source,
    open_document,
    plural,
    print_json,
    stdout_console,
    stdout_is_plain,
)
from featuretree.model.enums import FeatureStatus
from featuretree.model.marks import CHANGES_MARK, STATUS_MARK, SUGGESTIONS_MARK

if TYPE_CHECKING:
    from rich.text import Text

    from featuretree.model.document import Document
    from featuretree.model.node import FeatureNode

# rich and the model's tree walks are imported where they are used: building the
# parser for `featuretree --help` or another command must not pay for them, and a
# pipe gets plain lines without rich at all (its import is ~2x `python -c pass`).

MAX_GUIDES = 24
"""Levels of guides drawn before deeper lines are folded."""

PRINT_BATCH = 500
"""Lines handed to rich at a time in a terminal."""

STATUS_STYLE = {
    FeatureStatus.EXISTING: "",
    FeatureStatus.NEW: "bold green",
    FeatureStatus.CHANGED: "bold yellow",
    FeatureStatus.DEPRECATED: "dim strike",
}
STATUS_BADGE_STYLE = {
    FeatureStatus.NEW: "green",
    FeatureStatus.CHANGED: "yellow",
    FeatureStatus.DEPRECATED: "red",
}
GUIDE_STYLE = "bright_black"


def add_parser(commands: argparse._SubParsersAction) -> None:
    """Register ``show``."""
    parser = commands.add_parser(
        "show",
        help="print the tree with statuses, change-log and suggestion counts",
        description="Print the feature tree with the editor's marks: before a title its "
        f"status ({_status_legend()}), after it its #tags, {CHANGES_MARK}N change-log entries and "
        f"{SUGGESTIONS_MARK}N open suggestions. A node folded by --depth counts everything "
        "under it. Where the output encoding cannot hold a mark (GBK, cp1252) it is "
        "written in ASCII (✎ *, ◆ #, ✚ +, ✱ ~, ✖ x, tree lines | `--). "
        "With --json: one JSON object on stdout, "
        '{"title", "nodes", "rows": [{"id", "title", "depth", "status", "tags", "changelog", '
        '"open_suggestions", "suggestions", "children", "folded"}]}, a row per node shown '
        'in document order; a row folded by --depth has "folded" > 0 (the nodes under it) '
        "and counts of its whole subtree.",
    )
    add_source(parser)
    parser.add_argument(
        "--depth", type=_depth, metavar="N", help="show N levels below the root (0: the root only)"
    )
    parser.add_argument("--json", action="store_true", help="print the tree as JSON")
    parser.set_defaults(run=run)


def _depth(value: str) -> int:
    try:
        depth = int(value)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a whole number: {value!r}") from None
    if depth < 0:
        raise argparse.ArgumentTypeError("must be 0 or more")
    return depth


class Line:
    """One line of ``show``'s output: text runs with their rich styles.

    Kept apart from rich so that a pipe, which gets :attr:`plain` text only, never
    imports it; :meth:`text` makes the rich ``Text`` a terminal is printed with.
    """

    __slots__ = ("parts", "style")

    def __init__(self, text: str = "", style: str = "") -> None:
        self.style = style
        """The style of the whole line (as rich's ``Text(text, style=...)``)."""
        self.parts: list[tuple[str, str]] = [(text, "")] if text else []

    def append(self, text: str, style: str = "") -> None:
        """Add ``text`` in ``style`` at the end of the line."""
        self.parts.append((text, style))

    @property
    def plain(self) -> str:
        """The line's text without styles."""
        return "".join(text for text, _ in self.parts)

    def text(self) -> Text:
        """The line as rich ``Text`` (user text stays text: no markup is parsed)."""
        from rich.text import Text

        line = Text(style=self.style)
        for text, style in self.parts:
            line.append(text, style=style or None)
        return line


def run(args: argparse.Namespace) -> int:
    """Print the document named on the command line."""
    doc, _ = open_document(args)
    if args.json:
        print_json(as_json(doc, args.depth))
        return 0
    lines = render(doc, args.depth)
    if stdout_is_plain():
        # A pipe gets plain, whole lines; skipping rich's renderer makes a 100k-node
        # tree print in about a second instead of twenty, and rich is not imported.
        write = sys.stdout.write
        for line in lines:
            write(line.plain + "\n")
        return 0
    from rich.text import Text

    console = stdout_console()
    if not console.is_terminal:  # rich decides when the environment forces its hand
        write = sys.stdout.write
        for line in lines:
            write(line.plain + "\n")
        return 0
    # In a terminal a line too long is cut with an ellipsis. Printing in batches
    # costs rich one render per batch instead of one per line.
    batch: list[Text] = []
    for line in lines:
        batch.append(line.text())
        if len(batch) == PRINT_BATCH:
            console.print(Text("\n").join(batch), no_wrap=True, overflow="ellipsis", crop=True)
            batch.clear()
    if batch:
        console.print(Text("\n").join(batch), no_wrap=True, overflow="ellipsis", crop=True)
    return 0


def as_json(doc: Document, max_depth: int | None = None) -> dict[str, object]:
    """What ``show --json`` prints (the keys are in the command's description)."""
    from featuretree.model.tree import preorder

    rows: list[dict[str, object]] = []
    stack: list[tuple[FeatureNode, int]] = [(doc.root, 0)]
    while stack:  # iterative: depth is unbounded
        node, depth = stack.pop()
        kids = node.kids
        folded = 0
        changes, open_count = len(node.changelog), node.open_suggestions
        suggestions = len(node.suggestions)
        if kids and max_depth is not None and depth >= max_depth:
            folded, changes, open_count = _subtree_counts(node)
            suggestions = sum(len(member.suggestions) for member in preorder(node))
        elif kids:
            stack.extend((kid, depth + 1) for kid in reversed(kids))
        rows.append(
            {
                "id": node.id,
                "title": node.title,
                "depth": depth,
                "status": node.status.value,
                "tags": list(node.tags),
                "changelog": changes,
                "open_suggestions": open_count,
                "suggestions": suggestions,
                "children": len(kids),
                "folded": folded,
            }
        )
    return {"title": doc.meta.title or doc.root.title, "nodes": len(doc), "rows": rows}


def render(doc: Document, max_depth: int | None = None) -> Iterator[Line]:
    """The lines of ``featuretree show``: a heading, the tree, a legend."""
    yield _heading(doc)
    hidden = 0
    marks = False
    for line, folded, marked in _tree_lines(doc.root, max_depth):
        hidden += folded
        marks = marks or marked
        yield line
    if hidden:
        yield Line(
            f"({plural(hidden, 'deeper node')} not shown; drop --depth to see them)", style="dim"
        )
    if marks:
        for line in _legend(doc, folded=hidden > 0):
            yield Line(line, style="dim")


def _status_legend() -> str:
    return " · ".join(f"{mark} {status.value}" for status, mark in STATUS_MARK.items())


def _legend(doc: Document, *, folded: bool) -> list[str]:
    """What the marks mean (each line fits 80 columns), and the suggestions the counts
    leave out: done or rejected ones are still counted here."""
    total = open_total = 0
    for node in doc.iter_nodes():
        total += len(node.suggestions)
        open_total += node.open_suggestions
    lines = [
        f"{_status_legend()} · {CHANGES_MARK} change-log entries · "
        f"{SUGGESTIONS_MARK} open suggestions"
    ]
    closed = total - open_total
    if closed:
        lines.append(
            f"{SUGGESTIONS_MARK} counts open suggestions only: {open_total} open, "
            f"{closed} more done or rejected"
        )
    if folded:
        lines.append("(+N) a node folded by --depth: its counts include everything under it")
    return lines


def _heading(doc: Document) -> Line:
    meta = doc.meta
    heading = Line(meta.title or doc.root.title or "(untitled)", style="bold")
    details = [part for part in (meta.product, meta.platform, meta.app_version) if part]
    details.append(plural(len(doc), "node"))
    heading.append("  " + " · ".join(details), style="dim")
    return heading


def _subtree_counts(node: FeatureNode) -> tuple[int, int, int]:
    """(nodes below ``node``, change-log entries, open suggestions) of its whole subtree."""
    from featuretree.model.tree import preorder

    size = changes = open_count = 0
    for member in preorder(node):  # iterative: depth is unbounded
        size += 1
        changes += len(member.changelog)
        open_count += member.open_suggestions
    return size - 1, changes, open_count


def _tree_lines(root: FeatureNode, max_depth: int | None) -> Iterator[tuple[Line, int, bool]]:
    """``(line, nodes folded under it by --depth, has count marks)`` in document order.

    A node folded by ``--depth`` shows the counts of its whole subtree: what is inside it
    stays visible. Each folded subtree is walked once, so the whole print stays O(n).
    """
    # open_levels[k] is True while the ancestor at depth k+1 has siblings still to come,
    # i.e. while its column needs a "│" guide.
    open_levels: list[bool] = []
    stack: list[tuple[FeatureNode, int, bool]] = [(root, 0, True)]
    while stack:
        node, depth, last = stack.pop()
        del open_levels[max(depth - 1, 0) :]
        line = _guides(open_levels, depth, last)
        folded = 0
        kids = node.kids
        if kids and max_depth is not None and depth >= max_depth:
            folded, changes, open_count = _subtree_counts(node)
            marked = _label(node, line, changes, open_count)
            line.append(f"  (+{folded})", style="dim")
        else:
            marked = _label(node, line, len(node.changelog), node.open_suggestions)
            if kids:
                if depth > 0:
                    open_levels.append(not last)
                end = len(kids) - 1
                stack.extend((kids[i], depth + 1, i == end) for i in range(end, -1, -1))
        yield line, folded, marked


def _guides(open_levels: list[bool], depth: int, last: bool) -> Line:
    line = Line()
    if depth == 0:
        return line
    levels = open_levels
    if depth - 1 > MAX_GUIDES:
        line.append(f"⋯{depth}⋯ ", style=GUIDE_STYLE)
        levels = open_levels[-MAX_GUIDES:]
    guides = "".join("│   " if more else "    " for more in levels)
    line.append(guides + ("└── " if last else "├── "), style=GUIDE_STYLE)
    return line


def _label(node: FeatureNode, line: Line, changes: int, open_count: int) -> bool:
    """Append ``node``'s status mark, title and counts to ``line``; True if counts were added.

    The marks are the editor's (``model/marks.py``): ``✚ 知乎直答  ✎2 ◆2``.
    """
    mark = STATUS_MARK.get(node.status)
    if mark:
        line.append(f"{mark} ", style=STATUS_BADGE_STYLE[node.status])
    if node.title:
        line.append(node.title, style=STATUS_STYLE[node.status])
    else:
        line.append("(untitled)", style="dim italic")
    if node.tags:
        # As the editor's outline shows them: a git diff through `show` (textconv) then
        # shows a tag added or removed too, such as a merge's `conflict`.
        line.append("  " + " ".join(f"#{tag}" for tag in node.tags), style="blue")
    if changes:
        line.append(f"  {CHANGES_MARK}{changes}", style="cyan")
    if open_count:
        line.append(f"{' ' if changes else '  '}{SUGGESTIONS_MARK}{open_count}", style="magenta")
    return bool(changes or open_count or mark)
