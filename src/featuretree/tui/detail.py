"""The detail panel: everything the selected node carries, read-only for now.

Built from ``rich.text.Text`` pieces so that user text is never read as markup.
"""

from __future__ import annotations

from rich.console import Group
from rich.text import Text
from textual import events
from textual.geometry import Region
from textual.strip import Strip
from textual.widget import Widget

from featuretree.model.annotations import Priority, SuggestionStatus
from featuretree.model.node import FeatureNode

PRIORITY_STYLE = {Priority.P0: "bold red", Priority.P1: "red", Priority.P2: "yellow",
                  Priority.P3: "dim"}
STATUS_LABEL = {
    SuggestionStatus.PROPOSED: "proposed",
    SuggestionStatus.ACCEPTED: "accepted",
    SuggestionStatus.IN_PROGRESS: "in progress",
    SuggestionStatus.DONE: "done",
    SuggestionStatus.REJECTED: "rejected",
}


def _heading(label: str, count: int | None = None) -> Text:
    text = Text(label, style="bold underline")
    if count:
        text.append(f" ({count})", style="dim")
    return text


def describe(node: FeatureNode) -> Group:
    """The renderable shown for ``node``: title, status, tags, notes, change log, suggestions."""
    parts: list[Text] = [Text(node.title or "(untitled)", style="bold")]
    line = Text()
    line.append("status ", style="dim")
    line.append(node.status.value)
    if node.tags:
        line.append("   tags ", style="dim")
        line.append(", ".join(f"#{tag}" for tag in node.tags), style="italic")
    parts += [line, Text()]
    if node.notes:
        parts += [_heading("Notes"), Text(node.notes), Text()]
    parts.append(_heading("Change log", len(node.changelog)))
    if not node.changelog:
        parts.append(Text("none", style="dim"))
    for entry in node.changelog:  # stored newest first
        head = Text()
        head.append(entry.date.isoformat(), style="dim")
        if entry.version:
            head.append(f"  {entry.version}", style="cyan")
        if entry.author:
            head.append(f"  {entry.author}", style="dim")
        parts += [head, Text("  ") + Text(entry.summary)]
    parts.append(Text())
    parts.append(_heading("Suggestions", len(node.suggestions)))
    if not node.suggestions:
        parts.append(Text("none", style="dim"))
    for suggestion in node.suggestions:
        head = Text()
        head.append(suggestion.priority.value, style=PRIORITY_STYLE[suggestion.priority])
        head.append(f"  {STATUS_LABEL[suggestion.status]}",
                    style="" if suggestion.status.is_open else "dim")
        if suggestion.author:
            head.append(f"  {suggestion.author}", style="dim")
        head.append(f"  {suggestion.created.isoformat()}", style="dim")
        parts += [head, Text("  ") + Text(suggestion.text)]
        if suggestion.rationale:
            parts.append(Text("  ") + Text(suggestion.rationale, style="italic dim"))
    return Group(*parts)


class DetailPanel(Widget, can_focus=False):
    """Shows the selected node's annotations; :meth:`show` replaces what is shown.

    The text is rendered to strips once per node (and per width) and drawn line by
    line. The panel never changes size or virtual size, so showing another node costs
    a repaint of the panel, never a layout of the screen. The mouse wheel scrolls it.
    """

    DEFAULT_CSS = """
    DetailPanel {
        width: 40%;
        min-width: 30;
        height: 1fr;
        border-left: vkey $foreground 20%;
        padding: 0 1;
        background: $surface;
    }
    """

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.node: FeatureNode | None = None
        self._lines: list[Strip] = []
        self._top = 0

    def show(self, node: FeatureNode | None) -> None:
        """Display ``node`` (or nothing); call again after the node's annotations change."""
        self.node = node
        old_lines = len(self._lines) - self._top
        self._top = 0
        self._render_node()
        # Repaint only the lines either node used: most nodes need a few lines, and a
        # full-height repaint on every cursor move is what would cost.
        height = self.content_region.height
        used = min(height, max(old_lines, len(self._lines)) + 1)
        if used >= height:
            self.refresh()
        else:
            self.refresh(Region(0, 0, self.size.width, used))

    def _render_node(self) -> None:
        width = self.content_region.width
        if self.node is None or width <= 0:
            self._lines = []
            return
        console = self.app.console
        options = console.options.update_width(width)
        lines = console.render_lines(describe(self.node), options, style=self.rich_style,
                                     pad=True)
        self._lines = [Strip(line, width) for line in lines]

    def on_resize(self) -> None:
        self._render_node()
        self.refresh()

    def notify_style_update(self) -> None:
        super().notify_style_update()
        if self.is_mounted:
            self._render_node()

    def _scroll_by(self, rows: int) -> None:
        limit = max(0, len(self._lines) - self.content_region.height)
        top = max(0, min(self._top + rows, limit))
        if top != self._top:
            self._top = top
            self.refresh()

    def on_mouse_scroll_down(self, event: events.MouseScrollDown) -> None:
        event.stop()
        self._scroll_by(3)

    def on_mouse_scroll_up(self, event: events.MouseScrollUp) -> None:
        event.stop()
        self._scroll_by(-3)

    def render_line(self, y: int) -> Strip:
        height = self.content_region.height
        index = y + self._top
        hidden = len(self._lines) - (self._top + height)
        if y == height - 1 and hidden > 0:
            more = Text(f"… {hidden + 1} more lines (scroll)", style="dim italic")
            width = self.content_region.width
            return Strip(list(more.render(self.app.console))).crop_extend(0, width,
                                                                         self.rich_style)
        if index < len(self._lines):
            return self._lines[index]
        return Strip.blank(self.content_region.width, self.rich_style)
