"""Rich renderables for annotations: user text as ``Text`` (never markup), widths in cells."""

from __future__ import annotations

from rich.cells import cell_len
from rich.text import Text

from featuretree.i18n import status_label, suggestion_status_label
from featuretree.model.annotations import (
    ChangeEntry,
    FeatureStatus,
    Link,
    Priority,
    Suggestion,
    SuggestionStatus,
)
from featuretree.model.node import FeatureNode
from featuretree.model.tree import ancestors

PRIORITY_STYLES = {
    Priority.P0: "bold red",
    Priority.P1: "bold yellow",
    Priority.P2: "",
    Priority.P3: "dim",
}
STATUS_STYLES = {
    SuggestionStatus.PROPOSED: "cyan",
    SuggestionStatus.ACCEPTED: "bold green",
    SuggestionStatus.IN_PROGRESS: "yellow",
    SuggestionStatus.DONE: "dim green",
    SuggestionStatus.REJECTED: "dim strike",
}
FEATURE_STATUS_STYLES = {
    FeatureStatus.EXISTING: "",
    FeatureStatus.NEW: "bold green",
    FeatureStatus.CHANGED: "bold yellow",
    FeatureStatus.DEPRECATED: "dim strike",
}


def one_line(text: str) -> str:
    """Multi-line user text folded onto one line (for table cells)."""
    return " ".join(text.split())


def fit(text: str, width: int, *, keep_end: bool = False) -> Text:
    """``text`` as plain ``Text`` cut to ``width`` cells with an ellipsis (CJK counts two).

    ``keep_end`` cuts at the start instead, for paths whose last part matters most.
    """
    text = one_line(text)
    if cell_len(text) <= width:
        return Text(text)
    if not keep_end:
        result = Text(text)
        result.truncate(width, overflow="ellipsis")
        return result
    kept, used = [], 1
    for char in reversed(text):
        used += cell_len(char)
        if used > width:
            break
        kept.append(char)
    return Text("…" + "".join(reversed(kept)))


def priority_text(priority: Priority) -> Text:
    """``P0`` in red, ``P1`` in yellow... as a Text."""
    return Text(priority.value, style=PRIORITY_STYLES[priority])


def status_text(status: SuggestionStatus) -> Text:
    """A suggestion status in the UI language, coloured."""
    return Text(suggestion_status_label(status.value), style=STATUS_STYLES[status])


def link_text(link: Link) -> Text:
    """A link as the detail panel lists it: its title, the URL under it (dim); the URL
    alone when it has no title. Plain text: a title like ``[red]PRD[/]`` shows as typed."""
    if not link.title:
        return Text(link.url, style="underline")
    text = Text(link.title)
    text.append("\n")
    text.append(link.url, style="dim underline")
    return text


def feature_status_text(status: FeatureStatus) -> Text:
    """A feature status in the UI language, coloured."""
    return Text(status_label(status.value), style=FEATURE_STATUS_STYLES[status])


def node_path(node: FeatureNode, *, include_root: bool = False, separator: str = " › ") -> str:
    """``会员 › 自动续费``: the titles from the root (left out by default) down to ``node``."""
    chain = ancestors(node) + [node]
    if not include_root and len(chain) > 1:
        chain = chain[1:]
    return separator.join(n.title for n in chain)


def change_entry_text(entry: ChangeEntry) -> Text:
    """One change-log entry: ``2026-11-20  v1.3  林晓`` then the summary."""
    head = Text(entry.date.isoformat(), style="dim")
    if entry.version:
        head.append("  ")
        head.append(entry.version, style="bold")
    if entry.author:
        head.append("  ")
        head.append(entry.author, style="italic")
    return Text.assemble(head, "\n", Text(entry.summary))


def suggestion_text(suggestion: Suggestion) -> Text:
    """One suggestion: priority, status, author, date, then text and rationale."""
    head = Text.assemble(priority_text(suggestion.priority), " ", status_text(suggestion.status))
    if suggestion.author:
        head.append("  ")
        head.append(suggestion.author, style="italic")
    head.append("  ")
    head.append(suggestion.created.isoformat(), style="dim")
    body = Text.assemble(head, "\n", Text(suggestion.text))
    if suggestion.rationale:
        body.append("\n")
        body.append(Text(suggestion.rationale, style="italic dim"))
    return body
