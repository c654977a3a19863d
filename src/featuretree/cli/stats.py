"""``featuretree stats``: how big the tree is and where its suggestions stand."""

from __future__ import annotations

import argparse
import sys
from collections import Counter
from typing import TYPE_CHECKING

from featuretree.cli.common import (
    add_source,
    open_document,
    plural,
    print_json,
    stdout_console,
    stdout_holds_unicode,
    stdout_is_plain,
)
from featuretree.model.enums import FeatureStatus, Priority, SuggestionStatus

if TYPE_CHECKING:
    from rich.table import Table

    from featuretree.model.document import Document

# rich and the model's tree walks are imported where they are used: building the
# parser for `featuretree --help` or another command must not pay for them, and a pipe
# gets the same tables as plain lines without rich at all (its import is ~2.5x
# `python -c pass`, more than the rest of the command beyond pydantic).

SUGGESTION_TITLE = "Suggestions by priority × status"

# The borders of rich's HEAVY_HEAD box (the suggestion table's) and of its ASCII box
# (what rich substitutes when the output encoding is not Unicode), by the line they draw:
# (left, horizontal, cross, right).
_HEAVY_HEAD = {
    "top": "┏━┳┓",
    "head": "┃ ┃┃",
    "head_row": "┡━╇┩",
    "mid": "│ ││",
    "row": "├─┼┤",
    "bottom": "└─┴┘",
}
_ASCII = {
    "top": "+--+",
    "head": "| ||",
    "head_row": "|-+|",
    "mid": "| ||",
    "row": "|-+|",
    "bottom": "+--+",
}


class Stats:
    """Counts over one document (a plain class: ``dataclasses`` would import ``inspect``
    for every command, ``--help`` included)."""

    __slots__ = (
        "changelog_entries",
        "depth",
        "leaves",
        "nodes",
        "nodes_with_changes",
        "statuses",
        "suggestions",
    )

    def __init__(self) -> None:
        self.nodes = 0
        self.depth = 0
        """Levels below the root (0 when the root has no children)."""
        self.leaves = 0
        self.statuses: Counter[FeatureStatus] = Counter()
        self.changelog_entries = 0
        self.nodes_with_changes = 0
        self.suggestions: Counter[tuple[Priority, SuggestionStatus]] = Counter()

    @property
    def suggestion_count(self) -> int:
        """All suggestions, whatever their status."""
        return sum(self.suggestions.values())

    @property
    def open_suggestions(self) -> int:
        """Suggestions not yet done or rejected."""
        return sum(n for (_, status), n in self.suggestions.items() if status.is_open)


def compute(doc: Document) -> Stats:
    """Walk ``doc`` once and count."""
    from featuretree.model.tree import preorder_with_depth

    stats = Stats()
    for node, depth in preorder_with_depth(doc.root):
        stats.nodes += 1
        stats.depth = max(stats.depth, depth)
        if not node.kids:
            stats.leaves += 1
        stats.statuses[node.status] += 1
        if node.changelog:
            stats.nodes_with_changes += 1
            stats.changelog_entries += len(node.changelog)
        for suggestion in node.suggestions:
            stats.suggestions[suggestion.priority, suggestion.status] += 1
    return stats


def add_parser(commands: argparse._SubParsersAction) -> None:
    """Register ``stats``."""
    parser = commands.add_parser(
        "stats",
        help="count nodes, depth, leaves, change-log entries and suggestions",
        description="Count the nodes, levels and leaves of a document, its change-log "
        "entries, and its suggestions by priority and status (the table only when there "
        "are suggestions). With --json: one JSON object on stdout, "
        '{"title", "nodes", "depth", "leaves", "statuses": {STATUS: n}, '
        '"changelog_entries", "nodes_with_changes", "suggestions": {"total", "open", '
        '"by_priority": {PRIORITY: {STATUS: n}}}}, every status and priority present '
        "(0 when none).",
    )
    add_source(parser)
    parser.add_argument("--json", action="store_true", help="print the numbers as JSON")
    parser.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    """Print the statistics of the document named on the command line."""
    doc, _ = open_document(args)
    stats = compute(doc)
    if args.json:
        print_json(as_json(stats, doc.meta.title or doc.root.title))
        return 0
    if stdout_is_plain():
        sys.stdout.write("".join(line + "\n" for line in plain_lines(stats, _title(doc))))
        return 0
    from rich.text import Text

    console = stdout_console()
    if not console.is_terminal:  # rich decides when the environment forces its hand
        sys.stdout.write("".join(line + "\n" for line in plain_lines(stats, _title(doc))))
        return 0
    console.print(Text(_title(doc), style="bold"))
    console.print(_overview(stats))
    if stats.suggestion_count:
        # A table of zeros says nothing the overview's "suggestions 0" does not.
        console.print()
        console.print(_suggestion_table(stats))
    return 0


def as_json(stats: Stats, title: str) -> dict[str, object]:
    """What ``stats --json`` prints (the keys are in the command's description)."""
    return {
        "title": title,
        "nodes": stats.nodes,
        "depth": stats.depth,
        "leaves": stats.leaves,
        "statuses": {status.value: stats.statuses[status] for status in FeatureStatus},
        "changelog_entries": stats.changelog_entries,
        "nodes_with_changes": stats.nodes_with_changes,
        "suggestions": {
            "total": stats.suggestion_count,
            "open": stats.open_suggestions,
            "by_priority": {
                priority.value: {
                    status.value: stats.suggestions[priority, status] for status in SuggestionStatus
                }
                for priority in Priority
            },
        },
    }


def _title(doc: Document) -> str:
    return doc.meta.title or doc.root.title or "(untitled)"


def _overview_rows(stats: Stats) -> list[tuple[str, str, str]]:
    """The overview's rows: (what, how many, said in words)."""
    statuses = ", ".join(
        f"{stats.statuses[s]} {s.value}" for s in FeatureStatus if stats.statuses[s]
    )
    return [
        ("nodes", str(stats.nodes), ""),
        ("depth", str(stats.depth), "levels below the root"),
        ("leaves", str(stats.leaves), "nodes without children"),
        ("status", "", statuses),
        (
            "change log",
            str(stats.changelog_entries),
            f"{'entry' if stats.changelog_entries == 1 else 'entries'} on "
            f"{plural(stats.nodes_with_changes, 'node')}",
        ),
        (
            "suggestions",
            str(stats.suggestion_count),
            f"{stats.open_suggestions} still open, "
            f"{stats.suggestion_count - stats.open_suggestions} done or rejected",
        ),
    ]


def _suggestion_grid(stats: Stats) -> tuple[list[str], list[list[str]], list[str]]:
    """The suggestion table's header, its rows by priority, and its total row."""
    header = ["priority", *(s.value.replace("_", " ") for s in SuggestionStatus), "total"]
    rows = []
    for priority in Priority:
        counts = [stats.suggestions[priority, status] for status in SuggestionStatus]
        rows.append([priority.value, *(_cell(n) for n in counts), str(sum(counts))])
    totals = [sum(stats.suggestions[p, status] for p in Priority) for status in SuggestionStatus]
    return header, rows, ["total", *(str(n) for n in totals), str(sum(totals))]


def plain_lines(stats: Stats, title: str) -> list[str]:
    """What ``stats`` prints into a pipe: the lines rich prints there, as whole lines.

    The same layout as the terminal's tables (rich's, without styles), drawn here so
    that a pipe never imports rich; like ``show``, a line is never wrapped at 80 cells.
    The suggestion table's borders are ASCII where stdout cannot hold box drawing.
    """
    # Every cell is the command's own ASCII text or "·": one cell a character, so
    # len() is the width (the title, user text, is a line of its own, never padded).
    lines = [title]
    rows = _overview_rows(stats)
    widths = [max(len(row[i]) for row in rows) for i in range(3)]
    for what, count, words in rows:
        # No padding outside the first and last columns (rich's pad_edge=False).
        lines.append(f"{what.ljust(widths[0])}  {count.rjust(widths[1])}  {words.ljust(widths[2])}")
    if not stats.suggestion_count:
        return lines
    box = _HEAVY_HEAD if stdout_holds_unicode() else _ASCII
    header, body, total = _suggestion_grid(stats)
    widths = [max(len(row[i]) for row in (header, *body, total)) for i in range(len(header))]

    def rule(kind: str) -> str:
        left, horizontal, cross, right = box[kind]
        return left + cross.join(horizontal * (w + 2) for w in widths) + right

    def row(kind: str, cells: list[str]) -> str:
        left, _, vertical, right = box[kind]
        # The first column (priority) is left-aligned, the counts right-aligned.
        texts = [cells[0].ljust(widths[0])]
        texts += [cell.rjust(width) for cell, width in zip(cells[1:], widths[1:], strict=True)]
        return left + vertical.join(f" {text} " for text in texts) + right

    top = rule("top")
    lines += ["", SUGGESTION_TITLE.ljust(len(top)), top, row("head", header), rule("head_row")]
    lines += [row("mid", cells) for cells in body]
    lines += [rule("row"), row("mid", total), rule("bottom")]
    return lines


def _overview(stats: Stats) -> Table:
    from rich.table import Table

    table = Table(show_header=False, box=None, pad_edge=False)
    table.add_column(style="bold")
    table.add_column(justify="right")
    table.add_column(style="dim")
    for row in _overview_rows(stats):
        table.add_row(*row)
    return table


def _suggestion_table(stats: Stats) -> Table:
    from rich.table import Table

    header, rows, total = _suggestion_grid(stats)
    table = Table(title=SUGGESTION_TITLE, title_justify="left")
    table.add_column(header[0], style="bold")
    for name in header[1:-1]:
        table.add_column(name, justify="right")
    table.add_column(header[-1], justify="right", style="bold")
    for row in rows:
        table.add_row(*row)
    table.add_section()
    table.add_row(*total, style="bold")
    return table


def _cell(count: int) -> str:
    return str(count) if count else "·"
