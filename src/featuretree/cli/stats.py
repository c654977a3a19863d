"""``featuretree stats``: how big the tree is and where its suggestions stand."""

from __future__ import annotations

import argparse
from collections import Counter
from dataclasses import dataclass, field

from rich.table import Table
from rich.text import Text

from featuretree.cli.common import add_source, open_document, stdout_console
from featuretree.i18n import plural
from featuretree.model.annotations import FeatureStatus, Priority, SuggestionStatus
from featuretree.model.document import Document
from featuretree.model.tree import preorder_with_depth


@dataclass
class Stats:
    """Counts over one document."""

    nodes: int = 0
    depth: int = 0
    """Levels below the root (0 when the root has no children)."""
    leaves: int = 0
    statuses: Counter[FeatureStatus] = field(default_factory=Counter)
    changelog_entries: int = 0
    nodes_with_changes: int = 0
    suggestions: Counter[tuple[Priority, SuggestionStatus]] = field(default_factory=Counter)

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
        "entries, and its suggestions by priority and status.",
    )
    add_source(parser)
    parser.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    """Print the statistics of the document named on the command line."""
    doc, _ = open_document(args)
    stats = compute(doc)
    console = stdout_console()
    console.print(Text(doc.meta.title or doc.root.title or "(untitled)", style="bold"))
    console.print(_overview(stats))
    console.print()
    console.print(_suggestion_table(stats))
    return 0


def _overview(stats: Stats) -> Table:
    table = Table(show_header=False, box=None, pad_edge=False)
    table.add_column(style="bold")
    table.add_column(justify="right")
    table.add_column(style="dim")
    table.add_row("nodes", str(stats.nodes), "")
    table.add_row("depth", str(stats.depth), "levels below the root")
    table.add_row("leaves", str(stats.leaves), "nodes without children")
    statuses = ", ".join(f"{stats.statuses[s]} {s.value}" for s in FeatureStatus if stats.statuses[s])
    table.add_row("status", "", statuses)
    table.add_row(
        "change log", str(stats.changelog_entries), f"{'entry' if stats.changelog_entries == 1 else 'entries'} on "
        f"{plural(stats.nodes_with_changes, 'node')}"
    )
    table.add_row(
        "suggestions", str(stats.suggestion_count),
        f"{stats.open_suggestions} still open, "
        f"{stats.suggestion_count - stats.open_suggestions} done or rejected"
    )
    return table


def _suggestion_table(stats: Stats) -> Table:
    table = Table(title="Suggestions by priority × status", title_justify="left")
    table.add_column("priority", style="bold")
    for status in SuggestionStatus:
        table.add_column(status.value.replace("_", " "), justify="right")
    table.add_column("total", justify="right", style="bold")
    for priority in Priority:
        counts = [stats.suggestions[priority, status] for status in SuggestionStatus]
        table.add_row(priority.value, *(_cell(n) for n in counts), str(sum(counts)))
    totals = [
        sum(stats.suggestions[p, status] for p in Priority) for status in SuggestionStatus
    ]
    table.add_section()
    table.add_row("total", *(str(n) for n in totals), str(sum(totals)), style="bold")
    return table


def _cell(count: int) -> str:
    return str(count) if count else "·"
