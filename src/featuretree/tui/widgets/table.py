"""A read-only table that draws only the rows on screen, for boards of thousands of rows.

Textual's ``DataTable`` measures every cell of every row whenever rows change (about a
second for 2,000 suggestions here), so re-sorting or filtering a board would stall. This
table asks for a row's cells only when the row is drawn (``cells(index)``) and caches the
rendered line per row key, so sorting, filtering and editing cost what is on screen.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass

from rich.cells import cell_len
from rich.segment import Segment
from rich.style import Style
from rich.text import Text
from textual.events import Click, Resize
from textual.geometry import Region, Size
from textual.message import Message
from textual.reactive import reactive
from textual.scroll_view import ScrollView
from textual.strip import Strip

from featuretree.tui.bindings import TABLE_BINDINGS

SEPARATOR = " "


MIN_SHARED = 8
"""The fewest cells a column that shares the remaining space is given."""


@dataclass(frozen=True)
class Column:
    """A column of the table.

    ``width``: the cells of a column of fixed content (a date, a priority, a status), as
    measured by :func:`natural_width` so the longest value is never cut; ``None``: the
    column shares the space the fixed ones leave, up to ``max_width`` when given (its
    longest value), the others without a limit taking the rest.
    """

    key: str
    label: str
    width: int | None = None
    max_width: int | None = None
    keep_end: bool = False
    """Cut in the middle (``首页 › 顶部…› 知乎直答``), for paths: their start says where,
    their end what."""


def natural_width(label: str, values: Iterable[str] = (), *, cap: int | None = None) -> int:
    """The cells a column needs to show its header and every value whole (CJK counts two)."""
    width = max([cell_len(label), *(cell_len(value) for value in values)])
    return min(width, cap) if cap is not None else width


PATH_SEPARATOR = " › "
_SKIPPED = f"{PATH_SEPARATOR}…{PATH_SEPARATOR}"


def _without_middle_steps(cell: Text, width: int) -> Text | None:
    """A path cut at its separators (``首页 › … › 搜索历史``): its first step and as many
    of its last steps as fit; None when not even the first and the last fit so."""
    plain = cell.plain
    steps = plain.split(PATH_SEPARATOR)
    if len(steps) < 3:
        return None
    room = width - cell_len(steps[0]) - cell_len(_SKIPPED)
    kept = used = 0
    for step in reversed(steps[2:]):  # at least the second step is skipped
        need = cell_len(step) + (cell_len(PATH_SEPARATOR) if kept else 0)
        if used + need > room:
            break
        used += need
        kept += 1
    if not kept:
        return None
    start = len(plain) - len(PATH_SEPARATOR.join(steps[-kept:]))
    cut = cell[: len(steps[0])]
    cut.append(_SKIPPED)
    return cut.append_text(cell[start:])


def _first_step_cut(cell: Text, width: int) -> Text | None:
    """A path whose first and last steps do not fit whole around ``› … ›``: its last
    step whole, then as much of its first as fits, then more last steps if room is left
    (``入库管理… › 按 ASN 收货``); None when not even the last step and one character fit."""
    plain = cell.plain
    steps = plain.split(PATH_SEPARATOR)
    if len(steps) < 2 or not steps[0]:
        return None
    room = width - cell_len("…" + PATH_SEPARATOR) - cell_len(steps[-1])
    if room < cell_len(steps[0][0]):
        return None
    head = used = 0
    while head < len(steps[0]) and used + cell_len(steps[0][head]) <= room:
        used += cell_len(steps[0][head])
        head += 1
    kept = 1
    for step in reversed(steps[1:-1]):
        need = cell_len(step) + cell_len(PATH_SEPARATOR)
        if used + need > room:
            break
        used += need
        kept += 1
    start = len(plain) - len(PATH_SEPARATOR.join(steps[-kept:]))
    cut = cell[:head]
    cut.append("…" + PATH_SEPARATOR)
    return cut.append_text(cell[start:])


def fit_cell(cell: Text, width: int, *, keep_end: bool = False) -> Text:
    """``cell`` cut to ``width`` cells with an ellipsis, padded: at the end, or in the
    middle when ``keep_end`` (the start and the end are kept), CJK counting two cells.

    A path (``keep_end``) loses whole steps from its middle where it can: the steps
    read whole beat a step cut in two (``首页 › … › 搜索历史``, not ``首页 › …索 ›
    搜索历史``). Where even its first and last steps do not fit so, the first is cut
    and the last kept whole (``入库管… › 按 ASN 收货``, not ``入库管…货 › 按 ASN 收货``)."""
    plain = cell.plain
    if keep_end and cell.cell_len > width:
        stepped = _without_middle_steps(cell, width) or _first_step_cut(cell, width)
        if stepped is not None:
            stepped.truncate(width, overflow="ellipsis", pad=True)
            return stepped
    if cell.cell_len > width:
        # character by character: rich's ellipsis leaves a gap where a CJK character
        # did not fit ("这 …")
        room = width - 1
        head, used = 0, 0
        # A path keeps its start (where it is) and more of its end (what it is):
        # "首页 › 顶部…› 知乎直答", not "…栏 › 搜索 › 知乎直答" with the start lost.
        head_room = room // 3 if keep_end else room
        while head < len(plain) and used + cell_len(plain[head]) <= head_room:
            used += cell_len(plain[head])
            head += 1
        start = len(plain)
        if keep_end:
            while start > head and used + cell_len(plain[start - 1]) <= room:
                start -= 1
                used += cell_len(plain[start])
        cut = cell[:head]
        cut.append("…")
        cell = cut.append_text(cell[start:]) if start < len(plain) else cut
    else:
        cell = cell.copy()
    cell.truncate(width, overflow="ellipsis", pad=True)
    return cell


class RowTable(ScrollView, can_focus=True):
    """Rows with a cursor; the header stays on the first line."""

    COMPONENT_CLASSES = {"row-table--header", "row-table--cursor", "row-table--odd"}

    DEFAULT_CSS = """
    RowTable {
        height: 1fr;
        background: $surface;
        overflow-x: hidden;  /* columns fit the width: never a horizontal scrollbar */
    }
    RowTable > .row-table--header {
        text-style: bold;
        background: $panel;
    }
    RowTable > .row-table--cursor {
        background: $block-cursor-blurred-background;
    }
    RowTable:focus > .row-table--cursor {
        background: $block-cursor-background;
        color: $block-cursor-foreground;
        text-style: bold;
    }
    RowTable > .row-table--odd {
        background: $surface-lighten-1;
    }
    """

    BINDINGS = TABLE_BINDINGS

    cursor: reactive[int] = reactive(0, init=False)

    class Highlighted(Message):
        """The cursor moved to the row ``key``."""

        def __init__(self, table: RowTable, key: str) -> None:
            super().__init__()
            self.table = table
            self.key = key

    class Selected(Message):
        """Enter (or a second click) on the row ``key``."""

        def __init__(self, table: RowTable, key: str) -> None:
            super().__init__()
            self.table = table
            self.key = key

    def __init__(self, columns: Sequence[Column], *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.columns = list(columns)
        self._keys: list[str] = []
        self._cells: Callable[[int], Sequence[Text]] = lambda index: ()
        self._cache: dict[str, Strip] = {}
        self._base_style: Style | None = None

    # -- data -----------------------------------------------------------------------------

    @property
    def row_count(self) -> int:
        """How many rows the table holds."""
        return len(self._keys)

    @property
    def keys(self) -> list[str]:
        """The row keys in display order."""
        return list(self._keys)

    @property
    def cursor_key(self) -> str | None:
        """The key of the row under the cursor."""
        return self._keys[self.cursor] if self._keys else None

    def set_rows(
        self,
        keys: Sequence[str],
        cells: Callable[[int], Sequence[Text]],
        *,
        keep: str | None = None,
    ) -> None:
        """Show rows ``keys``; ``cells(i)`` gives row ``i``'s cells when it is drawn.

        The cursor goes to the row ``keep`` when it is among them, else stays in range.
        """
        self._keys = list(keys)
        self._cells = cells
        self._cache.clear()
        self.virtual_size = Size(self.size.width, len(self._keys) + 1)
        index = (
            self._keys.index(keep)
            if keep in self._keys
            else min(self.cursor, max(len(self._keys) - 1, 0))
        )
        self.set_reactive(RowTable.cursor, index)
        self._scroll_to_cursor()
        self.refresh()

    def refresh_row(self, key: str) -> None:
        """Draw row ``key`` again (its data changed)."""
        self._cache.pop(key, None)
        if key in self._keys:
            self.refresh_line(self._keys.index(key) + 1)

    def cell_text(self, key: str, column: str) -> str:
        """The plain text of one cell (for tests and screen readers)."""
        index = self._keys.index(key)
        position = [c.key for c in self.columns].index(column)
        return self._cells(index)[position].plain

    # -- cursor ---------------------------------------------------------------------------

    def watch_cursor(self, old: int, new: int) -> None:
        # refresh_line takes virtual lines: row i is line i + 1 (line 0 is the header)
        self.refresh_line(old + 1)
        self.refresh_line(new + 1)
        self._scroll_to_cursor()
        if self._keys:
            self.post_message(self.Highlighted(self, self._keys[new]))

    def _scroll_to_cursor(self) -> None:
        visible = max(self.size.height - 1, 1)
        top = int(self.scroll_y)
        if self.cursor < top:
            self.scroll_to(y=self.cursor, animate=False, immediate=True)
        elif self.cursor >= top + visible:
            self.scroll_to(y=self.cursor - visible + 1, animate=False, immediate=True)

    def action_move(self, delta: int) -> None:
        """Move the cursor by ``delta`` rows."""
        if self._keys:
            self.cursor = max(0, min(len(self._keys) - 1, self.cursor + delta))

    def action_page(self, direction: int) -> None:
        """Move the cursor by a screenful."""
        self.action_move(direction * max(self.size.height - 2, 1))

    def action_jump(self, index: int) -> None:
        """Go to the first (0) or last (-1) row."""
        if self._keys:
            self.cursor = index % len(self._keys)

    def action_select(self) -> None:
        """Report the row under the cursor as chosen."""
        if self._keys:
            self.post_message(self.Selected(self, self._keys[self.cursor]))

    def on_click(self, event: Click) -> None:
        row = event.y + int(self.scroll_y) - 1
        if event.y == 0 or not 0 <= row < len(self._keys):
            return
        if row == self.cursor:
            self.action_select()
        else:
            self.cursor = row

    def on_resize(self, event: Resize) -> None:
        self._cache.clear()
        self.virtual_size = Size(event.size.width, len(self._keys) + 1)

    # -- drawing --------------------------------------------------------------------------

    def set_columns(self, columns: Sequence[Column]) -> None:
        """Use ``columns`` (new widths: the longest value changed) and draw every row again."""
        if list(columns) != self.columns:
            self.columns = list(columns)
            self._cache.clear()
            self.refresh()

    def column_widths(self, width: int) -> list[int]:
        """Each column's cells in a table ``width`` cells wide.

        Fixed columns get their width. The others share the rest evenly, except that a
        column with a ``max_width`` (its longest value) never takes more than that: what
        it does not need goes to the others, and what nobody needs to the last one.
        """
        columns = self.columns
        fixed = sum(c.width for c in columns if c.width is not None)
        rest = max(width - fixed - len(SEPARATOR) * (len(columns) - 1), 0)
        pending = [c for c in columns if c.width is None]
        widths: dict[str, int] = {}
        while pending:
            share = rest // len(pending)
            done = [c for c in pending if c.max_width is not None and c.max_width <= share]
            if not done:
                for i, column in enumerate(pending):
                    part = rest // (len(pending) - i)
                    widths[column.key] = max(part, MIN_SHARED)
                    rest -= part
                break
            for column in done:
                widths[column.key] = max(column.max_width or 0, MIN_SHARED)
                rest -= widths[column.key]  # what it takes (MIN_SHARED at least), not less
                pending.remove(column)
        shared = [c for c in columns if c.width is None]
        if shared and rest > 0 and not pending:
            widths[shared[-1].key] += rest  # every value fits: the spare cells go at the end
        return [c.width if c.width is not None else widths[c.key] for c in columns]

    def _line(self, cells: Sequence[Text], width: int) -> Text:
        line = Text(no_wrap=True, end="")
        for i, (column, cell, cell_width) in enumerate(
            zip(self.columns, cells, self.column_widths(width))
        ):
            if i:
                line.append(SEPARATOR)
            line.append_text(fit_cell(cell, cell_width, keep_end=column.keep_end))
        return line

    def _strip(self, line: Text, width: int, style_class: str | None) -> Strip:
        if style_class:
            line.stylize(self.get_component_rich_style(style_class, partial=True))
        segments = list(line.render(self.app.console))
        return Strip(Segment.adjust_line_length(segments, width, style=self._base_style), width)

    def render_lines(self, crop: Region) -> list[Strip]:
        # the widget's style is the same for every line of one paint: look it up once
        self._base_style = self.rich_style
        return super().render_lines(crop)

    def render_line(self, y: int) -> Strip:
        # without the scrollbar's cells: the last column (the date) is not drawn under it
        width = self.scrollable_content_region.width
        if self._base_style is None:
            self._base_style = self.rich_style
        if y == 0:
            header = self._line([Text(c.label) for c in self.columns], width)
            header.stylize(self.get_component_rich_style("row-table--header"))
            return self._strip(header, width, None)
        index = int(self.scroll_y) + y - 1
        if not 0 <= index < len(self._keys):
            return Strip.blank(width, self._base_style)
        key = self._keys[index]
        if index == self.cursor:
            return self._strip(self._line(self._cells(index), width), width, "row-table--cursor")
        strip = self._cache.get(key)
        if strip is None:
            style_class = "row-table--odd" if index % 2 else None
            strip = self._strip(self._line(self._cells(index), width), width, style_class)
            self._cache[key] = strip
        return strip
