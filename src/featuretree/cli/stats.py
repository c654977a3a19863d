"""``featuretree stats``: how big the tree is and where its suggestions stand."""

from __future__ import annotations

import argparse
from collections import Counter
from typing import TYPE_CHECKING

from featuretree.cli.common import (
    add_source,
    open_document,
    plural,
    print_json,
    stdout_console,
)
from featuretree.model.enums import FeatureStatus, Priority, SuggestionStatus

if TYPE_CHECKING:
    from rich.table import Table

    from featuretree.model.document import Document

# rich and the model's tree walks are imported where they are used: building the
# parser for `featuretree --help` or another command must not pay for them.


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
    from rich.text import Text

    doc, _ = open_document(args)
    stats = compute(doc)
    if args.json:
        print_json(as_json(stats, doc.meta.title or doc.root.title))
        return 0
    console = stdout_console()
    console.print(Text(doc.meta.title or doc.root.title or "(untitled)", style="bold"))
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


def _overview(stats: Stats) -> Table:
    from rich.table import Table

    table = Table(show_header=False, box=None, pad_edge=False)
    table.add_column(style="bold")
    table.add_column(justify="right")
    table.add_column(style="dim")
    table.add_row("nodes", str(stats.nodes), "")
    table.add_row("depth", str(stats.depth), "levels below the root")
    table.add_row("leaves", str(stats.leaves), "nodes without children")
    statuses = ", ".join(
        f"{stats.statuses[s]} {s.value}" for s in FeatureStatus if stats.statuses[s]
    )
    table.add_row("status", "", statuses)
    table.add_row(
        "change log",
        str(stats.changelog_entries),
        f"{'entry' if stats.changelog_entries == 1 else 'entries'} on "
        f"{plural(stats.nodes_with_changes, 'node')}",
    )
    table.add_row(
        "suggestions",
        str(stats.suggestion_count),
        f"{stats.open_suggestions} still open, "
        f"{stats.suggestion_count - stats.open_suggestions} done or rejected",
    )
    return table


def _suggestion_table(stats: Stats) -> Table:
    from rich.table import Table

    table = Table(title="Suggestions by priority × status", title_justify="left")
    table.add_column("priority", style="bold")
    for status in SuggestionStatus:
        table.add_column(status.value.replace("_", " "), justify="right")
    table.add_column("total", justify="right", style="bold")
    for priority in Priority:
        counts = [stats.suggestions[priority, status] for status in SuggestionStatus]
        table.add_row(priority.value, *(_cell(n) for n in counts), str(sum(counts)))
    totals = [sum(stats.suggestions[p, status] for p in Priority) for status in SuggestionStatus]
    table.add_section()
    table.add_row("total", *(str(n) for n in totals), str(sum(totals)), style="bold")
    return table


def _cell(count: int) -> str:
    return str(count) if count else "·"
