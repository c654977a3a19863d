"""The detail panel with selectable entries: a node's notes, change log and suggestions.

A drop-in for the editor's read-only panel (same ``show(node)``), plus keyboard selection
when it has focus: ↑/↓ (k/j) move between links, change-log entries and suggestions, ``e``
or Enter edits the selected one, Delete removes it, ``o`` opens the selected link in the
browser, ``p``/``t`` cycle a suggestion's priority and status. Edits go through :class:`AnnotationActions`, so they are undoable steps.
Like the editor's panel it renders the node once to strips and draws them line by line.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Protocol

from rich.console import ConsoleOptions, RenderableType
from rich.style import Style
from rich.text import Text
from textual.geometry import Region, Size
from textual.message import Message
from textual.scroll_view import ScrollView
from textual.strip import Strip

from featuretree.i18n import t
from featuretree.model.node import FeatureNode
from featuretree.tui._textual.direct_lines import DirectLines
from featuretree.tui._textual.quiet_size import set_virtual_size
from featuretree.tui.bindings import DETAIL_BINDINGS, localize_bindings
from featuretree.tui.widgets.annotation_text import (
    change_entry_text,
    feature_status_text,
    link_text,
    suggestion_text,
)
from featuretree.tui.widgets.wrap import KEEP_TOGETHER, wrap_text


class EntryActions(Protocol):
    """What the panel asks of whoever edits the entries it shows (the editor's
    :class:`~featuretree.tui.screens.annotation_actions.AnnotationActions`)."""

    def edit_change(self, node_id: str, index: int) -> object: ...
    def edit_link(self, node_id: str, index: int) -> object: ...
    def edit_suggestion(self, suggestion_id: str) -> object: ...
    def delete_change(self, node_id: str, index: int) -> object: ...
    def delete_link(self, node_id: str, index: int) -> object: ...
    def delete_suggestion(self, suggestion_id: str) -> object: ...
    def open_link(self, node_id: str, index: int) -> object: ...
    def cycle_priority(self, suggestion_id: str | None) -> object: ...
    def cycle_suggestion_status(self, suggestion_id: str | None) -> object: ...


@dataclass(frozen=True)
class Entry:
    """A selectable entry: ``kind`` is ``"link"`` or ``"change"`` (``key`` = index) or
    ``"suggestion"`` (``key`` = id)."""

    kind: str
    key: int | str


NOTES_TAB_SIZE = 4
"""Cells a tab in notes takes: the notes editor's ``indent_width``."""


def node_blocks(node: FeatureNode) -> list[tuple[Entry | None, RenderableType]]:
    """The panel's content for ``node``: headings and texts, entries marked selectable."""
    blocks: list[tuple[Entry | None, RenderableType]] = []
    head = Text(node.title or "…", style="bold")
    head.append("  ")
    status = feature_status_text(node.status)
    status.stylize(KEEP_TOGETHER)  # never 现 / 有 on two lines
    head.append_text(status)
    if node.tags:
        head.append("\n")
        head.append(" ".join(f"#{tag}" for tag in node.tags), style="cyan")
    blocks.append((None, head))

    def heading(key: str, count: int | None = None) -> Text:
        text = Text("\n" + t(key), style="bold underline")
        if count:
            text.append(f" ({count})", style="dim")
        return text

    blocks.append((None, heading("detail.notes")))
    # A tab as wide as the notes editor (Textual's TextArea) shows it, not rich's 8.
    notes = Text(node.notes, tab_size=NOTES_TAB_SIZE)
    blocks.append((None, notes if node.notes.strip() else Text(t("detail.no_notes"), style="dim")))
    if node.links:  # only when there are some: most nodes have none
        blocks.append((None, heading("detail.links", len(node.links))))
        for index, link in enumerate(node.links):
            blocks.append((Entry("link", index), link_text(link)))
    blocks.append((None, heading("detail.changelog", len(node.changelog))))
    if not node.changelog:
        blocks.append((None, Text(t("detail.no_changelog"), style="dim")))
    for index, entry in enumerate(node.changelog):
        blocks.append((Entry("change", index), change_entry_text(entry)))
    blocks.append((None, heading("detail.suggestions", len(node.suggestions))))
    if not node.suggestions:
        blocks.append((None, Text(t("detail.no_suggestions"), style="dim")))
    for suggestion in node.suggestions:
        blocks.append((Entry("suggestion", suggestion.id), suggestion_text(suggestion)))
    return blocks


def _snapshot(node: FeatureNode | None) -> tuple | None:
    """What the panel draws from ``node``: its fields are immutable values, replaced (not
    changed in place) by every edit, so comparing them is cheap (identity first)."""
    if node is None:
        return None
    return (
        node.title,
        node.notes,
        node.tags,
        node.status,
        node.links,
        node.changelog,
        node.suggestions,
    )


class DetailPanel(DirectLines, ScrollView, can_focus=True):
    """A node's annotations; focus it to select and edit entries."""

    COMPONENT_CLASSES = {"detail-panel--selected"}

    DEFAULT_CSS = """
    DetailPanel {
        width: 40%;
        min-width: 30;
        border-left: vkey $foreground 20%;
        padding: 0 1;
        background: $surface;
        overflow-x: hidden;
        /* The text is wrapped to the width left beside the scrollbar: reserving its
           columns keeps that width when a long node brings the scrollbar in. */
        scrollbar-gutter: stable;
        scrollbar-size-vertical: 1;
    }
    DetailPanel:focus {
        border-left: vkey $accent;
    }
    DetailPanel > .detail-panel--selected {
        background: $block-cursor-blurred-background;
    }
    DetailPanel:focus > .detail-panel--selected {
        background: $block-cursor-background 40%;
    }
    """

    BINDINGS = DETAIL_BINDINGS

    class Leave(Message):
        """The user asked to go back to the tree (Escape / ←)."""

    def __init__(self, actions: EntryActions | None = None, *, id: str | None = None) -> None:
        super().__init__(id=id)
        localize_bindings(self)
        self.actions = actions
        self.node: FeatureNode | None = None
        self.selected: Entry | None = None
        self._entries: list[Entry] = []
        self._spans: dict[Entry, tuple[int, int]] = {}
        self._lines: list[Strip] = []
        self._shown: tuple | None = None
        self._blank: Strip | None = None
        self._rendered: dict[tuple, list[Strip]] = {}
        self._styles: tuple[bool, Style, Style] | None = None
        self.covered_rows = 0
        """Rows at the bottom covered by the search/filter bars: the text scrolls past
        them, so its last row can come above the bars."""
        """(has_focus, base style, selected-entry style): reading them walks the DOM."""

    # -- content ------------------------------------------------------------------------

    def show(self, node: FeatureNode | None) -> None:
        """Display ``node``; call again after its annotations change (the selection is kept
        while the entry still exists). Showing what is already shown costs nothing: the
        editor asks after every edit and every cursor rest."""
        snapshot = (_snapshot(node), self.selected, self.has_focus)
        if node is self.node and snapshot == self._shown and self._lines:
            return
        self._shown = snapshot
        if node is not self.node:
            self.selected = None
            if self.scroll_y or self.scroll_target_y:  # a no-op scroll still costs
                self.scroll_to(y=0, animate=False, immediate=True)
        had_links = bool(self.node is not None and self.node.links)
        self.node = node
        if had_links != bool(node is not None and node.links):
            self.refresh_bindings()  # the footer offers o only on a node with links
        old = self._lines
        self._render_node()
        self._refresh_changed(old)

    @property
    def selected_suggestion(self) -> str | None:
        """The id of the selected suggestion, if a suggestion is selected."""
        if self.selected is not None and self.selected.kind == "suggestion":
            return str(self.selected.key)
        return None

    def _render_node(self) -> None:
        width = self.scrollable_content_region.width
        self._lines, self._spans, self._entries = [], {}, []
        if self.node is not None and width > 0:
            blocks = node_blocks(self.node)
            self._entries = [entry for entry, _ in blocks if entry is not None]
            if self.selected not in self._entries:
                self.selected = self._entries[0] if self._entries and self.has_focus else None
            console = self.app.console
            options = console.options.update_width(width)
            base, chosen = self._block_styles()
            for entry, renderable in blocks:
                style: Style = chosen if entry is not None and entry == self.selected else base
                lines = self._render_block(renderable, options, style)
                if entry is not None:
                    self._spans[entry] = (len(self._lines), len(lines))
                self._lines.extend(lines)
        self._blank = None  # made at the next draw, in the style of that moment
        self._set_row_count()

    def _set_row_count(self) -> None:
        # No screen layout (see quiet_size); covered rows are scrolled over too.
        rows = len(self._lines)
        set_virtual_size(self, Size(self.scrollable_content_region.width, rows + self.covered_rows))

    def cover_rows(self, rows: int) -> None:
        """``rows`` at the bottom are covered now (by the bars): the text can scroll its
        last row above them, and the selected entry stays above them."""
        if rows != self.covered_rows:
            self.covered_rows = rows
            self._set_row_count()
            if self.selected is not None:
                self._scroll_to_selected()

    def _block_styles(self) -> tuple[Style, Style]:
        """The panel's style and a selected entry's (they depend on the focus)."""
        focused = self.has_focus
        if self._styles is None or self._styles[0] != focused:
            base = self.rich_style
            chosen = base + self.get_component_rich_style("detail-panel--selected", partial=True)
            self._styles = (focused, base, chosen)
        return self._styles[1], self._styles[2]

    def _render_block(
        self, renderable: RenderableType, options: ConsoleOptions, style: Style
    ) -> list[Strip]:
        """``renderable``'s lines, remembered for texts: headings, placeholders and the
        entries of a node come back as the cursor moves, and wrapping is most of a redraw.
        (The same strip objects come back, so unchanged lines compare equal at once.)"""
        console = self.app.console
        width = options.max_width
        if not isinstance(renderable, Text):
            return [
                Strip(line, width)
                for line in console.render_lines(renderable, options, style=style, pad=True)
            ]
        key = (
            renderable.plain,
            tuple(renderable.spans),
            renderable.style,
            renderable.end,
            renderable.justify,
            renderable.overflow,
            renderable.no_wrap,
            options.max_width,
            style,
        )
        lines = self._rendered.get(key)
        if lines is None:
            if len(self._rendered) > 512:
                self._rendered.clear()
            wrapped = wrap_text(renderable, width)  # CJK breaks at any character
            lines = [
                Strip(line, width)
                for line in console.render_lines(wrapped, options, style=style, pad=True)
            ]
            self._rendered[key] = lines
        return lines

    def _refresh_changed(self, old: list[Strip]) -> None:
        """Repaint the lines that differ from ``old``: moving between nodes changes the
        title and a count or two, and every line repainted costs Textual ~0.1 ms."""
        new, top, width = self._lines, round(self.scroll_y), self.size.width
        regions = [
            Region(0, y - top, width, 1)
            for y in range(max(len(old), len(new)))
            if y >= len(old) or y >= len(new) or old[y] != new[y]
        ]
        if regions:
            self.refresh(*regions)

    def on_resize(self) -> None:
        self._render_node()
        self.refresh()

    def on_focus(self) -> None:
        if self.selected is None and self.node is not None:
            self._render_node()  # selects the first entry now that the panel has focus
            self.refresh()

    def notify_style_update(self) -> None:
        super().notify_style_update()
        self._styles = None
        if self.is_mounted:
            self._render_node()

    def render_line(self, y: int) -> Strip:
        index = y + round(self.scroll_y)
        if index < len(self._lines):
            return self._lines[index]
        if self._blank is None:
            self._blank = Strip.blank(self.scrollable_content_region.width, self.rich_style)
        return self._blank

    # -- selection and edits ------------------------------------------------------------

    def action_move(self, delta: int) -> None:
        """Select the previous / next entry and scroll it into view."""
        if not self._entries:
            return
        if self.selected is None:
            position = 0
        else:
            position = max(
                0, min(len(self._entries) - 1, self._entries.index(self.selected) + delta)
            )
        self.selected = self._entries[position]
        self._render_node()
        self._scroll_to_selected()
        self.refresh()

    def _scroll_to_selected(self) -> None:
        """Scroll the selected entry into the rows in view (not under the bars)."""
        if self.selected not in self._spans:
            return
        top, height = self._spans[self.selected]
        shown = self.size.height - self.covered_rows
        if top < self.scroll_y:
            self.scroll_to(y=top, animate=False, immediate=True)
        elif top + height > self.scroll_y + shown:
            self.scroll_to(y=top + height - shown, animate=False, immediate=True)

    def action_edit(self) -> None:
        """Edit the selected entry in its form."""
        if self.actions is None or self.node is None or self.selected is None:
            return
        if self.selected.kind == "change":
            self.actions.edit_change(self.node.id, int(self.selected.key))
        elif self.selected.kind == "link":
            self.actions.edit_link(self.node.id, int(self.selected.key))
        else:
            self.actions.edit_suggestion(str(self.selected.key))

    def action_delete(self) -> None:
        """Delete the selected entry (undoable); the selection moves to its neighbour."""
        if self.actions is None or self.node is None or self.selected is None:
            return
        position = self._entries.index(self.selected)
        if self.selected.kind == "change":
            self.actions.delete_change(self.node.id, int(self.selected.key))
        elif self.selected.kind == "link":
            self.actions.delete_link(self.node.id, int(self.selected.key))
        else:
            self.actions.delete_suggestion(str(self.selected.key))
        self.show(self.node)
        if self._entries:
            self.selected = self._entries[min(position, len(self._entries) - 1)]
            self.show(self.node)

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """``o`` is in the footer only on a node with links (most have none)."""
        if action == "open_link":
            return bool(self.node is not None and self.node.links)
        return True

    def action_open_link(self) -> None:
        """``o``: open the selected link (or the node's only link) in the browser."""
        if self.actions is None or self.node is None:
            return
        if self.selected is not None and self.selected.kind == "link":
            index = int(self.selected.key)
        elif len(self.node.links) == 1:
            index = 0
        else:
            self.notify(
                t("detail.select_link" if self.node.links else "detail.no_link"),
                severity="warning",
                markup=False,
            )
            return
        self.actions.open_link(self.node.id, index)

    def action_cycle_priority(self) -> None:
        """``p`` on the selected suggestion."""
        if self.actions is not None:
            self.actions.cycle_priority(self.selected_suggestion)
            self.show(self.node)

    def action_cycle_status(self) -> None:
        """``t`` on the selected suggestion."""
        if self.actions is not None:
            self.actions.cycle_suggestion_status(self.selected_suggestion)
            self.show(self.node)

    def action_leave(self) -> None:
        """Hand the focus back (the editor focuses its tree on :class:`Leave`)."""
        self.post_message(self.Leave())
