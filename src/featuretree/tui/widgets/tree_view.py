"""The tree view: draws only the rows on screen, from an incrementally kept outline.

Textual's ``Tree`` rebuilds every visible line on each change, which costs a second per
key at 100,000 nodes. This view is a ``ScrollView`` whose ``render_line`` draws one
row from :class:`~featuretree.view.outline.Outline`; a row's strip is cached per node
and rebuilt only when what it shows (title, status, counts, guides, cursor) changes.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from itertools import islice

from rich.cells import cell_len
from rich.style import Style
from textual import events
from textual.geometry import Size
from textual.message import Message
from textual.scroll_view import ScrollView
from textual.strip import Strip

from featuretree.model.node import FeatureNode
from featuretree.model.search import title_spans
from featuretree.tui._textual.direct_lines import DirectLines
from featuretree.tui._textual.quiet_size import set_virtual_size
from featuretree.tui.bindings import (
    OUTLINE_LAYERS,
    TREE_BINDINGS,
    bound_keys,
    localize_bindings,
)
from featuretree.tui.typed_ahead import BindingsFirst
from featuretree.tui.widgets.line_edit import (
    LineEdit,
    command_key_while_typing,
    escape_then_key,
)
from featuretree.tui.widgets.tree_rows import (
    STATUS_GLYPH,
    edit_strip,
    fold_marker,
    guides,
    row_strip,
)
from featuretree.view.outline import Outline
from featuretree.view.subtree_counts import SubtreeCounts

KEPT_STRIPS = 2048
"""Rows whose strips are kept (~50 screens): each strip is ~15 objects the cyclic GC walks,
so an unbounded cache made every fresh page slower the longer one scrolled (2-3x at 100k)."""

EditDone = Callable[[str, bool], None]
"""Called with the typed text and whether it was confirmed (Enter) or not (Escape)."""


class TreeView(BindingsFirst, DirectLines, ScrollView, can_focus=True):
    """A scrolling outline of a feature tree with a row cursor."""

    BINDINGS = TREE_BINDINGS

    COMPONENT_CLASSES = {
        "tree-view--cursor",
        "tree-view--guide",
        "tree-view--marker",
        "tree-view--new",
        "tree-view--changed",
        "tree-view--deprecated",
        "tree-view--badge",
        "tree-view--editor",
        "tree-view--selection",
        "tree-view--match",
    }

    DEFAULT_CSS = """
    TreeView {
        background: $surface;
        overflow-x: hidden;
        overflow-y: scroll;
        & > .tree-view--cursor { background: $block-cursor-blurred-background; }
        &:focus > .tree-view--cursor {
            background: $block-cursor-background;
            color: $block-cursor-foreground;
            text-style: $block-cursor-text-style;
        }
        & > .tree-view--guide { color: $foreground 35%; }
        & > .tree-view--marker { color: $accent; }
        & > .tree-view--new { color: $success; }
        & > .tree-view--changed { color: $warning; }
        & > .tree-view--deprecated { color: $error; text-style: strike; }
        & > .tree-view--badge { color: $foreground 60%; }
        & > .tree-view--editor { background: $boost; color: $foreground; }
        & > .tree-view--selection { background: $input-selection-background; }
        & > .tree-view--match { background: $warning 45%; text-style: bold; }
    }
    """

    class CursorMoved(Message):
        """The cursor is on a different node (or the same node changed)."""

        def __init__(self, node: FeatureNode) -> None:
            super().__init__()
            self.node = node

    def __init__(
        self, root: FeatureNode, *, size: int | None = None, id: str | None = None
    ) -> None:
        """``size``: how many nodes ``root``'s tree has, when known (a quicker first frame)."""
        super().__init__(id=id)
        self.outline = Outline(root, size=size)
        self.cursor = 0
        self.editing: LineEdit | None = None
        """The title being typed in the cursor row, when editing."""
        self._edit_done: EditDone | None = None
        self._strips: dict[FeatureNode, tuple[tuple, Strip]] = {}
        self.counts = SubtreeCounts()
        """Counts shown on folded rows; the editor tells it what each edit changed."""
        self._styles: dict[str, Style] | None = None
        self._width = 0
        """Cells available for a row (the scrollbar gutter is always reserved)."""
        self._focused = False
        self.highlight = ""
        """The search text whose matches are highlighted in titles ("" for none)."""
        self.paste_lines: Callable[[str], None] | None = None
        """Called with pasted text that is to become nodes (see :meth:`on_paste`)."""
        self.covered_rows = 0
        """Rows at the bottom covered by the search/filter bars (kept clear of the cursor)."""
        localize_bindings(self)

    def on_mount(self) -> None:
        # Bookkeeping the first frame does not need waits until it is on screen.
        self.call_after_refresh(self._settle)

    def _settle(self) -> None:
        counted = len(self.outline)
        self.outline.settle()
        if len(self.outline) != counted:  # the size given was not the tree's: follow the rows
            self.rows_changed()

    # -- the model -------------------------------------------------------------------

    @property
    def cursor_node(self) -> FeatureNode:
        """The node under the cursor."""
        return self.outline.row(self.cursor)

    def rows_changed(self) -> None:
        """Call after the outline changed: resize, keep the cursor in range, redraw."""
        self._set_row_count(len(self.outline))
        self.cursor = min(self.cursor, len(self.outline) - 1)
        first = self.outline.take_changed_from()
        top = round(self.scroll_y)
        height = self.scrollable_content_region.height
        if first is None or first <= top:
            self.refresh()
        elif first < top + height:  # only the rows from the change down are redrawn
            self.refresh_lines(first, top + height - first)

    def _set_row_count(self, rows: int) -> None:
        # Assigning ``virtual_size`` asks for a layout of the whole screen (10-20 ms); our
        # own size does not change, so the scrollbar and scroll limits are all to update.
        # Rows covered by the bars are scrolled over too: the last node can come above them.
        set_virtual_size(self, Size(self.size.width, rows + self.covered_rows))

    def forget(self, node: FeatureNode) -> None:
        """Drop the cached strip of ``node`` (cheap; the cache also self-checks)."""
        self._strips.pop(node, None)

    def set_cursor(self, index: int, *, announce: bool = True) -> None:
        """Put the cursor on row ``index`` (clamped) and scroll it into view."""
        index = max(0, min(index, len(self.outline) - 1))
        old = self.cursor
        self.cursor = index
        self._scroll_to_cursor()
        self.refresh_line(old)
        self.refresh_line(index)
        if announce:
            self.post_message(self.CursorMoved(self.cursor_node))

    def fold_shape(self) -> int:
        """Changes when a fold or unfold changes the rows shown (for typed_ahead)."""
        return len(self.outline)

    def put_cursor_back(self, node: FeatureNode) -> None:
        """Put the cursor on ``node`` as a key would (the editor follows it)."""
        self.select(node)

    def select(self, node: FeatureNode) -> None:
        """Move the cursor to ``node``, unfolding its ancestors when it is hidden."""
        index = self.outline.index_of(node)
        if index is None:
            self.outline.reveal(node)
            self.rows_changed()
            index = self.outline.index_of(node)
        if index is not None:
            self.set_cursor(index)

    def cover_rows(self, rows: int) -> None:
        """``rows`` at the bottom are covered now (by the bars): the cursor stays above them."""
        if rows != self.covered_rows:
            self.covered_rows = rows
            self._set_row_count(len(self.outline))
            self._scroll_to_cursor()

    def _page(self) -> int:
        """Rows a page key moves: the rows in view (not covered), less one kept in view."""
        return self.scrollable_content_region.height - self.covered_rows - 1

    def _scroll_to_cursor(self) -> None:
        height = self.scrollable_content_region.height - self.covered_rows
        if height <= 0:
            return
        top = round(self.scroll_y)
        if self.cursor < top:
            self.scroll_to(y=self.cursor, animate=False, immediate=True)
        elif self.cursor >= top + height:
            self.scroll_to(y=self.cursor - height + 1, animate=False, immediate=True)

    def row_region_y(self) -> int:
        """The cursor row's y within the widget (for an overlay editor)."""
        return self.cursor - round(self.scroll_y)

    def title_x(self, index: int) -> int:
        """The x where row ``index``'s title starts (after guides, marker and status)."""
        node = self.outline.row(index)
        prefix = guides(node, self.outline.depth(index), self._max_levels(), self.outline.keep)
        return cell_len(prefix) + 2 + cell_len(STATUS_GLYPH.get(node.status, ""))

    # -- title editing -----------------------------------------------------------------

    def start_editing(self, node: FeatureNode, done: EditDone) -> None:
        """Edit ``node``'s title in place; ``done(text, confirmed)`` is called at the end.

        A callback rather than a message: the next key may already be waiting, and it
        must see the edit finished (a message would arrive after it).
        """
        self.finish_editing(confirm=True)
        self.select(node)
        # The whole title is selected, as in XMind: typing replaces it, → or End keeps it.
        self.editing = LineEdit.selecting_all(node.title)
        self._edit_done = done
        self.refresh_line(self.cursor)

    def finish_editing(self, confirm: bool) -> None:
        """Leave the title editor and report what was typed."""
        if self.editing is None:
            return
        text, done = self.editing.text, self._edit_done
        self.editing = self._edit_done = None
        self.refresh_line(self.cursor)
        if done is not None:
            done(text, confirm)

    def show_typing(self) -> None:
        """Draw the title being typed again (text went into it from a paste)."""
        self.refresh_line(self.cursor)

    async def on_key(self, event: events.Key) -> None:
        # While editing, every key belongs to the title: stopping the event here keeps
        # the tree's and screen's bindings (Tab, Delete, Ctrl+Z...) from firing.
        if self.editing is None:
            await self.run_bindings_first(event)  # now, not once the key reached the app
            return
        event.stop()
        event.prevent_default()
        if event.key in ("enter", "ctrl+j"):  # some terminals send LF for Enter in bursts
            self.finish_editing(confirm=True)
        elif event.key == "escape":
            self.finish_editing(confirm=False)
        elif event.key in bound_keys(self.app, "editor.save"):
            # Save while a title is typed: keep the title (as Enter), then save. Taken
            # as a typing key, it did nothing, and the title was not in the file.
            self.finish_editing(confirm=True)
            await self.app.run_action("screen.save", self)
        elif event.key in bound_keys(self.app, "editor.undo"):
            # Undo (Ctrl+Z) while typing steps back the typing, as in any text field;
            # the document's undo would act on a title not yet confirmed.
            if self.editing.undo():
                self.refresh_line(self.cursor)
        elif event.key in bound_keys(self.app, "editor.redo"):
            # Redo (Ctrl+Y) steps the typing forward again, up to the latest typed.
            if self.editing.redo():
                self.refresh_line(self.cursor)
        elif await escape_then_key(self, self, event, OUTLINE_LAYERS):
            pass  # Esc then a key, typed at once: the title is left, the key ran
        elif self.editing.handle(event):
            self.refresh_line(self.cursor)
        else:
            # Tab (XMind: keep the title, add a child), Shift+Tab, Ctrl+O, ↓...: what
            # the key does on the node, once the title is kept; or a notice saying why not.
            await command_key_while_typing(self, self, event, OUTLINE_LAYERS)

    def set_highlight(self, text: str) -> None:
        """Highlight the matches of ``text`` in the titles shown ("" removes them)."""
        if text != self.highlight:
            self.highlight = text
            self.refresh()

    def on_paste(self, event: events.Paste) -> None:
        """A bracketed paste (the terminal's paste: Cmd+V, Ctrl+Shift+V, right click).

        One line while a title is typed: typed into it at the caret. Anything else makes
        nodes (several lines, or any paste with no title being typed): ``paste_lines``.
        """
        event.stop()
        lines = [line for line in event.text.splitlines() if line.strip()]
        if self.editing is not None and len(lines) <= 1:
            self.editing.insert(lines[0] if lines else "")
            self.refresh_line(self.cursor)
        elif lines and self.paste_lines is not None:
            self.paste_lines(event.text)

    # -- navigation actions ---------------------------------------------------------------

    def action_cursor_up(self) -> None:
        self.set_cursor(self.cursor - 1)

    def action_cursor_down(self) -> None:
        self.set_cursor(self.cursor + 1)

    def action_page_up(self) -> None:
        self.set_cursor(self.cursor - max(1, self._page()))

    def action_page_down(self) -> None:
        self.set_cursor(self.cursor + max(1, self._page()))

    def action_cursor_home(self) -> None:
        self.set_cursor(0)

    def action_cursor_end(self) -> None:
        self.set_cursor(len(self.outline) - 1)

    def action_fold_or_parent(self) -> None:
        node = self.cursor_node
        if self.outline.fold(node):
            self.rows_changed()
        else:
            parent = self.outline.parent_row(self.cursor)
            if parent is not None:
                self.set_cursor(parent)

    def action_unfold_or_child(self) -> None:
        node = self.cursor_node
        if self.outline.unfold(node):
            self.rows_changed()
        elif node.kids:
            self.set_cursor(self.cursor + 1)

    def action_toggle_fold(self) -> None:
        if self.outline.toggle(self.cursor_node):
            self.rows_changed()

    def action_focus_path(self) -> None:
        node = self.cursor_node
        self.outline.focus_path(node)
        self.rows_changed()
        self.select(node)

    def fold_only(self, nodes: Iterable[FeatureNode]) -> None:
        """Fold exactly ``nodes`` (a reload from disk keeps the folds the user had)."""
        node = self.cursor_node
        self.outline.fold_only(nodes)
        self.rows_changed()
        self.select(node)

    def action_expand_to_level(self, level: int) -> None:
        node = self.cursor_node
        self.outline.expand_to_level(level)
        self.rows_changed()
        # Stay on the node, or on its nearest ancestor still shown.
        while self.outline.index_of(node) is None and node.parent is not None:
            node = node.parent
        self.set_cursor(self.outline.index_of(node) or 0)

    def on_click(self, event: events.Click) -> None:
        self.finish_editing(confirm=True)
        row = event.y + round(self.scroll_y)
        if 0 <= row < len(self.outline):
            self.set_cursor(row)

    def on_resize(self, event: events.Resize) -> None:
        self._strips.clear()
        self._width = self.scrollable_content_region.width
        # a layout is due anyway
        self.virtual_size = Size(event.size.width, len(self.outline) + self.covered_rows)
        # A cursor put before the view had a size (a reload's, on mount) was not scrolled
        # to then; a smaller window keeps it in view too.
        self._scroll_to_cursor()

    def notify_style_update(self) -> None:
        super().notify_style_update()
        self._styles = None
        self._strips.clear()

    def _on_focus(self, event: events.Focus) -> None:
        super()._on_focus(event)
        self._focused = True
        self.refresh_line(self.cursor)

    def _on_blur(self, event: events.Blur) -> None:
        super()._on_blur(event)
        self._focused = False
        self.finish_editing(confirm=True)
        self.refresh_line(self.cursor)

    # -- drawing ----------------------------------------------------------------------------

    def _max_levels(self) -> int:
        return max(1, self._width // 3)

    def _style_map(self) -> dict[str, Style]:
        if self._styles is None:
            base = self.rich_style
            get = self.get_component_rich_style
            self._styles = {
                "base": base,
                "cursor": base + get("tree-view--cursor", partial=True),
                # Whole styles, not partial ones: a partial style drops the alpha of
                # $boost and of the selection colour (the row was drawn white).
                "editor": base + get("tree-view--editor"),
                "selection": get("tree-view--selection"),
                "match": get("tree-view--match", partial=True),
                **{
                    name: base + get(f"tree-view--{name}", partial=True)
                    for name in ("guide", "marker", "new", "changed", "deprecated", "badge")
                },
            }
        return self._styles

    def render_line(self, y: int) -> Strip:
        index = y + round(self.scroll_y)
        width = self._width
        outline = self.outline
        if index >= len(outline) or width <= 0:
            return Strip.blank(width, self.rich_style)
        node = outline.row(index)
        depth = outline.depth(index)
        selected = index == self.cursor
        prefix = guides(node, depth, self._max_levels(), outline.keep)
        marker = fold_marker(node, outline)
        if selected and self.editing is not None:
            return edit_strip(node, width, prefix, marker, self.editing, self._style_map())
        if marker == "▸ ":  # folded: what is inside it
            changes, open_count = self.counts.of(node)
        else:
            changes = len(node.changelog)
            open_count = node.open_suggestions if node.suggestions else 0
        key = (
            width,
            prefix,
            marker,
            node.title,
            node.status,
            node.tags,
            changes,
            open_count,
            selected,
            selected and self._focused,
            self.highlight,
        )
        cached = self._strips.get(node)
        if cached is not None and cached[0] == key:
            return cached[1]
        spans = title_spans(node, self.highlight) if self.highlight else None
        strip = row_strip(
            node, width, prefix, marker, changes, open_count, selected, self._style_map(), spans
        )
        strips = self._strips
        if cached is None and len(strips) >= KEPT_STRIPS:
            for old in list(islice(strips, KEPT_STRIPS // 2)):  # the oldest half
                del strips[old]
        strips[node] = (key, strip)
        return strip
