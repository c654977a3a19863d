"""The 功能结构图 in the terminal: one Line-API widget over :class:`~featuretree.view.diagram.Diagram`.

The diagram is an index of what lies on each row; ``render_line`` asks it for the
visible columns of one row, so a 10,000-box picture costs only the rows on screen. It
scrolls both ways; the cursor is a box (a node id), kept in view.

The view is laid out again after an edit, lazily: :meth:`DiagramView.changed` marks the
layout stale and one layout is made for however many edits came in between (an added
node and its title are two) — before the next frame for a small tree, in a worker thread
from :data:`BACKGROUND_FROM` boxes (10,000 take 30–60 ms in Python, more than a frame:
the keys are answered meanwhile and the picture follows). An edit that leaves every box its size (a
status, a priority, a count) only redraws that box.

Status colours are the outline's (``tree_view.py``): the ``box.<status>`` style names of
:mod:`featuretree.view.diagram` map to component classes of the theme.

Where the view scrolls to keep the cursor's box in sight, and the rows a layout made in
the worker draws ahead for the window, are :mod:`featuretree.view.diagram_window`
(Textual-free geometry over the diagram).

A title is renamed in a one-line editor drawn over the box (:class:`LineEdit`, as the
outline's row editor), so CJK, spaces and bursts of keys go where the outline's go.
"""

from __future__ import annotations

import contextlib
import gc
from collections.abc import Callable, Collection
from functools import partial

from rich.cells import cell_len
from rich.segment import Segment
from rich.style import Style
from textual import events
from textual.geometry import Region, Size
from textual.scroll_view import ScrollView
from textual.strip import Strip

from featuretree.i18n import t
from featuretree.model.annotations import FeatureStatus
from featuretree.model.layout import LayoutOptions
from featuretree.model.node import FeatureNode
from featuretree.tui._textual.direct_lines import DirectLines
from featuretree.tui._textual.quiet_size import set_virtual_size
from featuretree.tui.bindings import (
    DIAGRAM_BINDINGS,
    DIAGRAM_LAYERS,
    bound_keys,
    localize_bindings,
)
from featuretree.tui.typed_ahead import BindingsFirst
from featuretree.tui.widgets.line_edit import (
    LineEdit,
    command_key_while_typing,
    escape_then_key,
)
from featuretree.tui.widgets.tree_rows import edit_strip
from featuretree.view.diagram import Diagram, Key, build_diagram
from featuretree.view.diagram_window import (
    Drawn,
    Rows,
    Window,
    aim,
    draw_ahead,
    on_row,
    title_rows,
)
from featuretree.view.subtree_counts import SubtreeCounts

EditDone = Callable[[str, bool], None]
"""Called with the typed text and whether it was confirmed (Enter) or not (Escape)."""

STATUSES = ("existing", "new", "changed", "deprecated")

BACKGROUND_FROM = 2000
"""Boxes from which the diagram is laid out again in a worker thread after an edit
(~50 ms of layout and more); a smaller one is laid out before the next frame."""


class DiagramView(BindingsFirst, DirectLines, ScrollView, can_focus=True):
    """The feature tree as boxes and connectors, with a box cursor.

    ``root``: the tree drawn; ``lookup(id)``: its node of an id; ``folded()``: the nodes
    whose children are hidden now (the outline's folds, so both views fold alike);
    ``kept()``: the outline's filter (its nodes, closed under ancestors), or ``None``;
    ``moved(node)``: called when the cursor goes to another box (arrow key, click);
    ``counts``: the outline's counts of what folded nodes hold (a folded box shows them).
    """

    BINDINGS = DIAGRAM_BINDINGS

    COMPONENT_CLASSES = {
        "diagram-view--existing",
        "diagram-view--new",
        "diagram-view--changed",
        "diagram-view--deprecated",
        "diagram-view--badge",
        "diagram-view--folded",
        "diagram-view--connector",
        "diagram-view--cursor",
        "diagram-view--editor",
        "diagram-view--selection",
    }

    # The status colours are the outline's (tree_view.py): new green, changed amber,
    # deprecated red. Both scrollbars always shown: a scrollbar that came or went when a
    # new layout changed the picture's size left the detail panel's edge unpainted on
    # some rows (tests/terminal/test_diagram_terminal.py).
    DEFAULT_CSS = """
    DiagramView {
        background: $surface;
        overflow: scroll scroll;
        & > .diagram-view--existing { color: $foreground; }
        & > .diagram-view--new { color: $success; }
        & > .diagram-view--changed { color: $warning; }
        & > .diagram-view--deprecated { color: $error; }
        & > .diagram-view--badge { color: $foreground 60%; }
        & > .diagram-view--folded { color: $accent; text-style: bold; }
        & > .diagram-view--connector { color: $foreground 35%; }
        & > .diagram-view--cursor { background: $block-cursor-blurred-background; }
        &:focus > .diagram-view--cursor {
            background: $block-cursor-background;
            color: $block-cursor-foreground;
            text-style: $block-cursor-text-style;
        }
        & > .diagram-view--editor { background: $boost; color: $foreground; }
        & > .diagram-view--selection { background: $input-selection-background; }
    }
    """

    def __init__(
        self,
        root: FeatureNode,
        *,
        lookup: Callable[[str], FeatureNode | None],
        folded: Callable[[], Collection[FeatureNode]] = frozenset,
        kept: Callable[[], Collection[FeatureNode] | None] = lambda: None,
        moved: Callable[[FeatureNode], None] | None = None,
        options: LayoutOptions = LayoutOptions(),  # noqa: B008 (frozen)
        ascii: bool = False,
        counts: SubtreeCounts | None = None,
        id: str | None = None,
    ) -> None:
        super().__init__(id=id)
        self.counts = counts if counts is not None else SubtreeCounts()
        """What folded nodes hold (the outline's, which the editor keeps up to date)."""
        self.root = root
        self.lookup = lookup
        """The node of an id (the document's index)."""
        self.folded = folded
        self.kept = kept
        self.moved = moved
        self.options = options
        self.ascii = ascii
        self.cursor_id = root.id
        self._diagram: Diagram | None = None
        self._stale = True
        self._rebuild_due = False
        self._unshown = False
        """A layout was made since the screen was last brought up to date with one (the
        :attr:`diagram` property lays out again when it is read while stale)."""
        self._generation = 0
        """Counts changes: a layout made for an older one is dropped."""
        self._styles: dict[str, Style] | None = None
        self._blank_joins: frozenset[str] = frozenset()
        """Style names whose spaces look like the background's (see :meth:`render_line`)."""
        self._rows_key: tuple[Diagram, int, int] | None = None
        self._rows: dict[int, tuple[int | None, list[tuple[str, str]] | None]] = {}
        """Row of the picture → (the cursor's box then, its segments), as last drawn for
        ``_rows_key`` (the diagram, the first column, the width): a new layout compares
        the rows on screen with these and draws again only the ones that differ."""
        self._editor_rows: set[int] = set()
        """Rows drawn with the title editor over them."""
        self._frame: tuple | None = None
        """What every row of the frame being drawn shares (see :meth:`render_lines`)."""
        self._in_frame = False
        self.editing: LineEdit | None = None
        """The title being typed over the cursor's box, when renaming."""
        self._edit_done: EditDone | None = None
        self.paste_lines: Callable[[str], None] | None = None
        self.covered_rows = 0
        """Rows at the bottom covered by the search/filter bars (see :meth:`cover_rows`)."""
        """Called with pasted text that is to become nodes."""
        localize_bindings(self)

    # -- the model ---------------------------------------------------------------------

    @property
    def diagram(self) -> Diagram:
        """The laid-out diagram.

        The first time, and while it is small, laid out again here when an edit made it
        stale. A big one stays as it was until the layout made in the background
        arrives (:meth:`_rebuild`): keys are answered meanwhile.
        """
        if self._diagram is None or (self._stale and not self._big()):
            self._build_now()
        assert self._diagram is not None
        return self._diagram

    def _big(self) -> bool:
        return self._diagram is not None and len(self._diagram.layout.boxes) >= BACKGROUND_FROM

    def _build_now(self) -> None:
        self._generation += 1
        self._set_diagram(
            build_diagram(
                self.root,
                self.options,
                folded=self.folded(),
                ascii=self.ascii,
                keep=self.kept(),
                counts=self.counts,
                tags=True,
                untitled=t("app.untitled_row"),
            )
        )

    def _set_diagram(self, diagram: Diagram, *, hand_back: bool = False) -> Diagram | None:
        """Show ``diagram`` from now on. The old one is let go of in a worker thread when
        big, or, with ``hand_back``, returned for the caller's thread to let go of."""
        old, self._diagram = self._diagram, diagram
        self._stale = False
        self._unshown = True
        # The view's own size does not depend on the picture's: only the scrollbars do
        # (assigning virtual_size would lay the whole screen out, 10-30 ms).
        set_virtual_size(self, Size(diagram.width, diagram.height + self.covered_rows))
        if hand_back:
            return old
        if old is not None and len(old.layout.boxes) >= BACKGROUND_FROM:
            # Freeing ~10,000 boxes and their index takes ~20 ms: not in the key's frame.
            self.run_worker(partial(_drop, [old]), thread=True, group="diagram-free")
        return None

    @property
    def laid_out(self) -> bool:
        """Whether the picture shows the document as it is now (no layout on its way)."""
        return self._diagram is not None and not self._stale

    @property
    def cursor_index(self) -> int | None:
        """The cursor's box in :attr:`diagram` (``None`` while its node is not laid out:
        just added, and the new layout not made yet)."""
        return self.diagram.index_of(self.cursor_id)

    @property
    def cursor_node(self) -> FeatureNode:
        """The node whose box has the cursor."""
        return self.lookup(self.cursor_id) or self.root

    def set_options(self, options: LayoutOptions, ascii: bool | None = None) -> None:
        """Lay out with other options (direction, stacking) from now on."""
        self.options = options
        if ascii is not None:
            self.ascii = ascii
        self.changed()

    def changed(self, node: FeatureNode | None = None) -> None:
        """The document changed: ``node`` alone (its box may keep its size), or anything.

        The layout is made again once for any number of changes before it is due: on
        the next turn of the event loop, or in a thread for a big tree.
        """
        fresh = not self._stale and self._diagram is not None
        if node is not None and fresh and self._diagram.update_box(node, self.counts):  # type: ignore[union-attr]
            self._refresh_box(self._diagram.index_of(node.id))  # type: ignore[union-attr]
            return
        self._stale = True
        self._generation += 1
        if not self._rebuild_due and self.is_mounted:
            self._rebuild_due = True
            self.call_later(self._rebuild)

    def _rebuild(self) -> None:
        self._rebuild_due = False
        if not self.display:
            return
        if not self._stale:
            # Laid out already, by a read of ``diagram`` in the meantime (a cursor move
            # after the edit): the screen still shows the old picture.
            if self._unshown:
                self._show_new_picture(lambda: None)
            return
        if not self._big():
            self._show_new_picture(self._build_now)
            return
        # ~10,000 boxes take 30–60 ms to lay out in Python: in a thread, so the
        # keys typed meanwhile are answered (the picture shows the last layout until
        # then). The tree may change while the thread reads it: a layout made for an
        # older generation is dropped, as a newer one is on its way.
        generation = self._generation
        folded = set(self.folded())
        keep = self.kept()
        keep = None if keep is None else set(keep)  # the outline's set changes meanwhile
        options, ascii = self.options, self.ascii
        view = self.scrollable_content_region
        window = Window(
            round(self.scroll_x), round(self.scroll_y), view.width, view.height, self.covered_rows
        )
        self.run_worker(
            partial(
                self._lay_out,
                generation,
                folded,
                options,
                ascii,
                window,
                keep,
                self.cursor_id,
                untitled=t("app.untitled_row"),  # the UI's language, read here
            ),
            thread=True,
            group="diagram-layout",
            exit_on_error=False,
        )

    def _lay_out(
        self,
        generation: int,
        folded,
        options: LayoutOptions,
        ascii: bool,
        window: Window,
        keep: Collection[FeatureNode] | None = None,
        cursor_id: str = "",
        untitled: str = "",
    ) -> None:
        """In a worker thread: lay the tree out, draw the rows the view will show, and
        hand both to the event loop."""
        diagram: Diagram | None = None
        drawn: Drawn | None = None
        try:
            # Its own counts of what folds hold: the shared ones are the event loop's
            # (an edit meanwhile clears them, and must not find counts of the old tree).
            diagram = build_diagram(
                self.root,
                options,
                folded=folded,
                ascii=ascii,
                keep=keep,
                tags=True,
                untitled=untitled,
            )
            drawn = draw_ahead(diagram, cursor_id, window)
        except Exception:  # the tree changed under the walk: laid out again in the loop
            diagram = drawn = None
        with contextlib.suppress(RuntimeError):  # the app closed meanwhile
            unused = self.app.call_from_thread(self._laid_out, generation, diagram, drawn)
            # The picture replaced (or this one, come too late): ~10,000 boxes are freed
            # here, in this thread, not in the event loop's (5-20 ms). Cleared in place:
            # the loop's references to the list may outlive this thread's.
            del diagram, drawn
            unused.clear()
        _collect_if_due()  # once the picture is shown, and the old one freed

    def _laid_out(
        self, generation: int, diagram: Diagram | None, drawn: Drawn | None = None
    ) -> list[Diagram]:
        """In the event loop: show the layout made in the thread; returns the picture the
        thread is to let go of (the one replaced, or this one when it came too late)."""
        if generation != self._generation:
            # The tree changed again: the layout of that change replaces this one.
            return [diagram] if diagram is not None else []
        if diagram is None:
            self._show_new_picture(self._build_now)
            return []
        old = self._show_new_picture(partial(self._set_diagram, diagram, hand_back=True), drawn)
        return [old] if old is not None else []

    def _show_new_picture(
        self, make: Callable[[], Diagram | None], drawn: Drawn | None = None
    ) -> Diagram | None:
        """Put the new layout ``make()`` makes on screen: scrolled to the cursor and, when
        the picture does not scroll, drawing again only the rows that look different (an
        edit moves the boxes on one side of it; the rest of the screen stays as it is).

        ``drawn``: the rows of the new layout as the worker drew them, used when the view
        ends up where the worker expected it (same window, same cursor box). Returns
        what ``make()`` returns."""
        old_key, old_rows = self._rows_key, self._rows
        self._rows_key, self._rows = None, {}  # (they would keep the old picture alive)
        editor_rows = self._editor_rows
        made = make()
        self._unshown = False
        diagram = self.diagram
        self.scroll_to_cursor()
        view = self.scrollable_content_region
        width, height = view.width, view.height
        x0, top = round(self.scroll_x), round(self.scroll_y)
        k = self.cursor_index
        ready = (
            drawn.rows if drawn is not None and drawn[:5] == (x0, top, width, height, k) else None
        )
        if old_key is None or (old_key[1], old_key[2]) != (x0, width) or not self.is_mounted:
            if ready is not None:  # what render_line draws next comes from these
                self._rows_key, self._rows = (diagram, x0, width), dict(ready)
            self.refresh()  # scrolled sideways: every row shows other columns
            return made
        # Rows are compared by their place in the picture: after a scroll up or down the
        # rows still on screen keep their drawing (see DirectLines) unless they changed.
        rows: Rows = {}
        changed: list[tuple[int, int]] = []
        for row in range(top, top + height):
            if ready is not None:
                drawn_row = ready[row]
            elif row < diagram.height:
                drawn_row = (k, diagram.line(row, x0, x0 + width, cursor=k))
            else:
                drawn_row = (k, None)
            rows[row] = drawn_row
            before = old_rows.get(row)
            if before is None or before[1] != drawn_row[1] or row in editor_rows:
                if changed and changed[-1][1] == row:  # runs of rows: one refresh each
                    changed[-1] = (changed[-1][0], row + 1)
                else:
                    changed.append((row, row + 1))
        for first, end in changed:
            self.refresh_lines(first, end - first)
        if self.editing is not None and k is not None:
            self.refresh_lines(*title_rows(diagram.layout.boxes[k]))
        self._rows_key, self._rows = (diagram, x0, width), rows
        return made

    def fold_shape(self) -> int:
        """Changes when a fold or unfold changes the boxes shown (for typed_ahead)."""
        return len(self.folded())

    def put_cursor_back(self, node: FeatureNode) -> None:
        """Put the cursor on ``node`` as a key would (the editor follows it)."""
        self.select(node)
        if self.moved is not None:
            self.moved(self.cursor_node)

    def select(self, node: FeatureNode) -> None:
        """Put the cursor on ``node``'s box."""
        if node.id == self.cursor_id:
            return
        old = self._diagram.index_of(self.cursor_id) if self._diagram is not None else None
        self.cursor_id = node.id
        laid_out = self._diagram is not None and not self._stale
        if laid_out and self._diagram.index_of(node.id) is None:  # type: ignore[union-attr]
            self.changed()  # unfolded in the outline: lay out again
            return
        # While a new layout is on its way the picture stays as it is: the frame that
        # shows the layout draws the cursor and scrolls to it.
        if self.display and not self._stale and not self.scroll_to_cursor():
            self._refresh_box(old)
            self._refresh_box(self.cursor_index)

    def refresh_lines(self, y_start: int, line_count: int = 1) -> None:
        """Draw again ``line_count`` rows of the picture from ``y_start``, within the view.

        ScrollView's makes the region as wide as the whole picture, and the compositor
        clips it only to the screen: a row typed in repainted the detail panel beside the
        picture up to that width, cut a Chinese character there in half, and the terminal
        showed ``P2 待 估`` for ``P2 待评估`` (tests/terminal/test_diagram_beside_panel.py).
        """
        self.refresh(Region(0, y_start - self.scroll_offset.y, self.size.width, line_count))

    def _refresh_box(self, k: int | None) -> None:
        """Draw again the rows of box ``k`` (a cursor move, a status: nothing else changed)."""
        if k is None or self._diagram is None:
            return
        box = self._diagram.layout.boxes[k]
        for row in range(int(box.y), int(box.y + box.h)):
            self._rows.pop(row, None)  # its title, status or counts may have changed
        self.refresh_lines(int(box.y), int(box.h))  # rows of the picture (content rows)

    def cover_rows(self, rows: int) -> None:
        """``rows`` at the bottom are covered now (by the bars): the cursor's box stays
        above them, and the picture scrolls far enough for its last row to clear them."""
        if rows != self.covered_rows:
            self.covered_rows = rows
            if self._diagram is not None:
                diagram = self._diagram
                set_virtual_size(self, Size(diagram.width, diagram.height + rows))
            if self.display:
                self.scroll_to_cursor()

    def scroll_to_cursor(self) -> bool:
        """Scroll so that the cursor's box is on screen; True when it scrolled.

        Along an axis where the box is out of view (or cut), it comes to the middle, with
        its parent and children around it, as a mind-map tool centres a selected topic;
        a box already in view does not move the picture.
        """
        diagram = self.diagram
        k = self.cursor_index
        view = self.scrollable_content_region.size
        view = Size(view.width, view.height - self.covered_rows)  # the rows not under a bar
        if k is None or view.width <= 0 or view.height <= 0:
            return False
        left, top = round(self.scroll_x), round(self.scroll_y)
        target_x, target_y = aim(diagram.layout.boxes[k], left, top, view.width, view.height)
        if (target_x, target_y) == (left, top):
            return False
        self.scroll_to(x=target_x, y=target_y, animate=False, immediate=True, force=True)
        return True

    # -- keys --------------------------------------------------------------------------

    def action_move(self, key: Key) -> None:
        """Go to the box ``key`` leads to along the tree (parent, child, sibling)."""
        diagram = self.diagram
        k = self.cursor_index
        if k is None:  # its box is being laid out
            return
        self._go(k, diagram.move(k, key))

    def action_page(self, direction: int) -> None:
        """Up (-1) or down (1) a screenful: the picture scrolls a page, and the cursor
        goes to the box that lies a page away from its box (the nearest one that way)."""
        diagram = self.diagram
        k = self.cursor_index
        if k is None:
            return
        rows = max(1, self.scrollable_content_region.height - 1) * direction
        best = diagram.page_target(k, rows)
        self.scroll_to(y=round(self.scroll_y) + rows, animate=False, immediate=True, force=True)
        self._go(k, best)

    def action_cursor_home(self) -> None:
        """Go to the root's box."""
        k = self.cursor_index
        root = self.diagram.index_of(self.root.id)
        if k is not None and root is not None:
            self._go(k, root)

    def action_cursor_end(self) -> None:
        """Go to the last box (the last node the outline shows)."""
        k = self.cursor_index
        if k is not None:
            self._go(k, len(self.diagram.layout.boxes) - 1)

    def _go(self, k: int, target: int) -> None:
        """Move the cursor from box ``k`` to box ``target``, in view, and say so."""
        if target == k:
            return
        self.cursor_id = self.diagram.layout.boxes[target].node_id
        if not self.scroll_to_cursor():  # only the two boxes change
            self._refresh_box(k)
            self._refresh_box(target)
        if self.moved is not None:
            self.moved(self.cursor_node)

    async def on_key(self, event: events.Key) -> None:
        # As the outline does (tree_view.py): run the bindings the moment a key arrives,
        # so that keys typed right after Tab or Enter land in the title editor they open.
        if self.editing is None:
            await self.run_bindings_first(event)
            return
        event.stop()
        event.prevent_default()
        if event.key in ("enter", "ctrl+j"):
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
                self._refresh_editor()
        elif event.key in bound_keys(self.app, "editor.redo"):
            # Redo (Ctrl+Y) steps the typing forward again, up to the latest typed.
            if self.editing.redo():
                self._refresh_editor()
        elif await escape_then_key(self, self, event, DIAGRAM_LAYERS):
            pass  # Esc then a key, typed at once: the title is left, the key ran
        elif self.editing.handle(event):
            self._refresh_editor()
        else:
            # Tab (XMind: keep the title, add a child), Shift+Tab, Ctrl+O, ↓...: what
            # the key does on the node, once the title is kept; or a notice saying why not.
            await command_key_while_typing(self, self, event, DIAGRAM_LAYERS)

    def on_paste(self, event: events.Paste) -> None:
        """A paste: one line while a title is typed goes into it; anything else becomes
        nodes under the cursor's (``paste_lines``, as in the outline)."""
        event.stop()
        lines = [line for line in event.text.splitlines() if line.strip()]
        if self.editing is not None and len(lines) <= 1:
            self.editing.insert(lines[0] if lines else "")
            self._refresh_editor()
        elif lines and self.paste_lines is not None:
            # Into a title being typed too: the editor puts the first line in at the
            # caret and the rest around that node, as in the outline.
            self.paste_lines(event.text)

    def on_click(self, event: events.Click) -> None:
        self.finish_editing(confirm=True)
        diagram = self.diagram
        k = diagram.box_at(event.x + round(self.scroll_x), event.y + round(self.scroll_y))
        if k is not None:
            self.cursor_id = diagram.layout.boxes[k].node_id
            self.refresh()
            if self.moved is not None:
                self.moved(self.cursor_node)

    # -- renaming ------------------------------------------------------------------------

    def start_editing(self, node: FeatureNode, done: EditDone) -> None:
        """Type ``node``'s title over its box; ``done(text, confirmed)`` is called at the end.

        The whole title is selected, as in the outline: typing replaces it.
        """
        self.finish_editing(confirm=True)
        self.cursor_id = node.id
        self.editing = LineEdit.selecting_all(node.title)
        self._edit_done = done
        if not self.scroll_to_cursor():
            self._refresh_editor()

    def finish_editing(self, confirm: bool) -> None:
        """Leave the title editor and report what was typed."""
        if self.editing is None:
            return
        text, done = self.editing.text, self._edit_done
        self.editing = self._edit_done = None
        self._refresh_editor()
        if done is not None:
            done(text, confirm)

    def show_typing(self) -> None:
        """Draw the title being typed again (text went into it from a paste)."""
        self._refresh_editor()

    def _refresh_editor(self) -> None:
        """Draw again the rows of the title the editor is over (a key typed: nothing else
        changed; starting and leaving it blank and show the title's other lines)."""
        k = self._diagram.index_of(self.cursor_id) if self._diagram is not None else None
        if k is not None and not self._stale:
            self.refresh_lines(*title_rows(self._diagram.layout.boxes[k]))  # type: ignore[union-attr]

    def _on_blur(self, event: events.Blur) -> None:
        super()._on_blur(event)
        self.finish_editing(confirm=True)
        self.refresh()

    def _on_focus(self, event: events.Focus) -> None:
        super()._on_focus(event)
        self.refresh()

    # -- drawing ---------------------------------------------------------------------------

    def notify_style_update(self) -> None:
        super().notify_style_update()
        self._styles = None

    def _style_map(self) -> dict[str, Style]:
        if self._styles is None:
            base = self.rich_style
            get = self.get_component_rich_style
            cursor = get("diagram-view--cursor", partial=True)
            styles: dict[str, Style] = {"": base}
            for status in STATUSES:
                box = base + get(f"diagram-view--{status}", partial=True)
                styles[f"box.{status}"] = box
                styles[f"box.{status}.cursor"] = box + cursor
            for name, cls in (("badge", "badge"), ("badge.folded", "folded")):
                style = base + get(f"diagram-view--{cls}", partial=True)
                styles[name] = style
                styles[f"{name}.cursor"] = style + cursor
            styles["connector"] = base + get("diagram-view--connector", partial=True)
            # What edit_strip (tree_rows.py) draws the title editor with.
            styles["editor"] = base + get("diagram-view--editor")
            styles["selection"] = get("diagram-view--selection")
            styles["guide"] = styles["marker"] = styles["base"] = base
            self._styles = styles
            # A space looks the same in these as in the background: runs of empty cells
            # join the segment before them (fewer segments for the compositor to write).
            self._blank_joins = frozenset(
                name
                for name in ("connector", *(f"box.{status}" for status in STATUSES), "badge")
                if styles[name].bgcolor == base.bgcolor
                and not (
                    styles[name].underline
                    or styles[name].strike
                    or styles[name].reverse
                    or styles[name].overline
                    or styles[name].underline2
                )
            )
        return self._styles

    def render_lines(self, crop: Region) -> list[Strip]:
        # The width, scroll and cursor are the same for every row of a frame: read once
        # (scrollable_content_region alone walks the styles each time).
        self._frame = None
        self._in_frame = True
        try:
            return super().render_lines(crop)
        finally:
            self._frame = None
            self._in_frame = False

    def render_line(self, y: int) -> Strip:
        frame = self._frame
        if frame is None:
            diagram = self.diagram
            frame = (
                diagram,
                self.scrollable_content_region.width,
                round(self.scroll_x),
                round(self.scroll_y),
                self.cursor_index,
                self._style_map(),
            )
            if self._in_frame:
                self._frame = frame
        diagram, width, x0, top, k, styles = frame
        row = y + top
        base = styles[""]
        if row >= diagram.height or width <= 0:
            return Strip.blank(width, base)
        joins = self._blank_joins
        segments: list[Segment] = []
        last = ""
        for text, name in self._row_segments(diagram, row, x0, width, k):
            if not name and last in joins:
                segments[-1] = Segment(segments[-1].text + text, segments[-1].style)
                continue
            segments.append(Segment(text, styles.get(name, base)))
            last = name
        strip = Strip(segments, width) if segments else Strip.blank(width, base)
        self._editor_rows.discard(row)
        if self.editing is not None and k is not None:
            box = diagram.layout.boxes[k]
            first, count = title_rows(box)
            if row == first:
                strip = self._with_editor(strip, box, x0, width, styles)
                self._editor_rows.add(row)
            elif first < row < first + count:
                # The title's other lines: blank inside the box while a new one is typed
                # (they showed the old title's end under the typed text, old and new mixed).
                style = styles.get(f"box.{box.status}.cursor", base)
                strip = self._blank_in_box(strip, box, x0, width, style)
                self._editor_rows.add(row)
        return strip.crop_extend(0, width, base)

    def _row_segments(
        self, diagram: Diagram, row: int, x0: int, width: int, k: int | None
    ) -> list[tuple[str, str]]:
        """Row ``row``'s segments in the window: as drawn last time unless the picture,
        the window or the cursor's box on that row changed."""
        key = (diagram, x0, width)
        if key != self._rows_key:
            self._rows_key = key
            self._rows = {}
        drawn = self._rows.get(row)
        if drawn is not None and drawn[1] is not None:
            then = drawn[0]
            if then == k or not (on_row(diagram, then, row) or on_row(diagram, k, row)):
                return drawn[1]
        segments = diagram.line(row, x0, x0 + width, cursor=k)
        self._rows[row] = (k, segments)
        return segments

    @staticmethod
    def _blank_in_box(strip: Strip, box, x0: int, width: int, style: Style) -> Strip:
        """``strip`` with the cells between ``box``'s borders blank (in ``style``)."""
        start = max(0, int(box.x) + 1 - x0)
        end = min(width, int(box.x) + int(box.w) - 1 - x0)
        if end <= start:
            return strip
        blank = Strip.blank(end - start, style)
        return Strip.join([strip.crop(0, start), blank, strip.crop(end)])

    def _with_editor(self, strip: Strip, box, x0: int, width: int, styles) -> Strip:
        """``strip`` with the title editor over the box's first text row: inside the box,
        or wider over the blank cells right of it, never over another box or a line."""
        assert self.editing is not None
        left = int(box.x) + 1 - x0
        inner = max(1, int(box.w) - 2)
        cells = inner
        needed = cell_len(self.editing.text) + 2  # the caret, and the cell edit_strip keeps
        if needed > inner:
            # A longer title grows past the box's right border over what is blank on
            # the row (one blank cell kept before what comes next), then scrolls in
            # that room keeping the caret in sight: drawn as wide as it needed, it ran
            # over the boxes beside it until Enter laid the diagram out again.
            after = max(0, left + inner + 1)
            rest = strip.crop(after, width).text if after < width else ""
            blank = len(rest) - len(rest.lstrip(" "))
            if blank < len(rest):
                blank -= 1
            else:  # blank to the view's edge (the row may be drawn short of it)
                blank = width - after
            if blank > 0 and after > 0:  # (a line right at the border: no room)
                cells = min(needed, inner + 1 + blank)
        node = _PlainNode()
        editor = edit_strip(node, cells, "", "", self.editing, styles)  # type: ignore[arg-type]
        start = max(0, left)
        editor = editor.crop(start - left, cells)
        end = min(width, left + cells)
        if end <= start:
            return strip
        return Strip.join([strip.crop(0, start), editor.crop(0, end - start), strip.crop(end)])


def _collect_if_due() -> None:
    """In the layout's thread: make a full collection of the cyclic GC when one is
    nearly due (``gc.get_count()[2]``: collections of the middle generation since the
    last full one, against its threshold).

    Each layout leaves ~10,000 tracked objects (its connectors' lists), so a full
    collection is due every few edits; made by whichever thread allocates next, it
    often fell in the frame of a later key: 15-30 ms of the event loop's time, the
    worst key in ten. Made here, it costs the thread that caused it.
    """
    threshold = gc.get_threshold()[2]
    if gc.isenabled() and threshold and gc.get_count()[2] >= threshold - _GC_AHEAD:
        gc.collect()


_GC_AHEAD = 3
"""How many middle-generation collections early (a layout makes one or two)."""


def _drop(holder: list[Diagram]) -> None:
    """In a worker thread: let go of an old diagram (its memory is freed here)."""
    holder.clear()


class _PlainNode:
    """What :func:`edit_strip` reads of a node: no status mark before the text."""

    status = FeatureStatus.EXISTING
