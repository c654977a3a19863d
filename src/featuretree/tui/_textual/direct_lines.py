"""Line-API widgets whose lines go to the compositor with as little work as possible.

Textual passes every line of a widget through its styles cache (``StylesCache``), which
adds borders, padding, outline, tint, hatch and opacity, and rebuilds a line whenever it
is dirty. When a line-API view scrolls, every line on screen is dirty: ~0.1 ms per
line, 3-4 ms per frame of a 40-row tree, although the widget has none of those styles
and keeps its rows' strips cached already. :class:`DirectLines` skips that pass for a
widget whose styles are plain, doing only what it would have done: pad each line to the
content width in the widget's background and apply the app's line filters. With any
border, padding, outline, tint, hatch or opacity the styles cache is used as usual.

Either way it remembers each finished line until that line is refreshed. The
compositor asks a widget for *all* its lines whenever anything in the same container
is repainted (a frame of the detail panel re-renders the whole tree, and the reverse),
and then keeps only the dirty ones: remembered lines make that a list copy. Plain
widgets remember them by content row, so a scroll of one row draws just the new row.

Its vertical scrollbar is a :class:`DirectScrollBar`: Textual repaints the whole bar
(every line through ``Visual.to_strips`` and the styles cache, ~3-4 ms) whenever the
view scrolls or its virtual size changes, although the thumb of 100,000 rows moves one
eighth of a cell every ~300 rows. This bar draws its strips directly, and only asks for
a repaint when what it shows changes.
"""

from __future__ import annotations

from math import ceil
from typing import TYPE_CHECKING

from rich.color import Color as RichColor
from rich.segment import Segment
from textual.geometry import Region
from textual.scrollbar import ScrollBar, ScrollBarRender
from textual.strip import Strip
from textual.style import Style

if TYPE_CHECKING:
    from typing import Self

    from textual.widget import Widget


def styles_are_plain(widget: Widget) -> bool:
    """True when the styles cache would only pad a widget's lines and filter them."""
    styles = widget.styles
    return (
        not any(edge for edge, _ in styles.border)
        and not any(edge for edge, _ in styles.outline)
        and not any(styles.padding)
        and not styles.tint.a
        and styles.text_opacity == 1.0
        and (not styles.has_rule("hatch") or styles.hatch == "none")
        and widget.opacity == 1.0
        and widget._border_title is None
        and widget._border_subtitle is None
    )


class DirectScrollBar(ScrollBar):
    """A vertical scrollbar that draws the picture ``ScrollBarRender`` would, straight to
    strips, and skips repaints that would not change it. A horizontal bar, a custom
    renderer or unusual styles fall back to Textual's own drawing."""

    def __init__(
        self, vertical: bool = True, name: str | None = None, *, thickness: int = 1
    ) -> None:
        super().__init__(vertical, name, thickness=thickness)
        self._drawn: tuple | None = None
        """The look of the strips in ``_strips`` (see :meth:`_look`)."""
        self._strips: list[Strip] = []
        self._styled: tuple | None = None
        """What :meth:`_style_look` found, and for which ``_style_key``."""
        self._style_generation = 0

    def notify_style_update(self) -> None:
        # Textual re-applies the bar's CSS whenever its view's styles are updated (focus,
        # theme, class changes), so the colours taken from the view are re-read then.
        super().notify_style_update()
        self._style_generation += 1

    def _style_look(self) -> tuple | None:
        """The colours and filters of the bar (``None``: a custom renderer or unusual
        styles, which only Textual's path knows how to draw). Read again only after a
        style update, hover or grab: ``render()`` and the background colours walk the DOM."""
        key = (self._style_generation, self.mouse_over, self.grabbed)
        if self._styled is not None and self._styled[0] == key:
            return self._styled[1]
        bar = self.render()
        look: tuple | None = None
        if type(bar).__rich_console__ is ScrollBarRender.__rich_console__ and styles_are_plain(
            self
        ):
            assert isinstance(bar, ScrollBarRender)
            # Last: whether the thumb is drawn (ScrollBar.render leaves it out when the
            # screen's scrollbar colour is transparent).
            look = (
                type(bar),
                bar.style,
                self.visual_style.rich_style,
                self.background_colors,
                tuple(self.get_line_filters()),
                self.screen.styles.scrollbar_color.a != 0,
            )
        self._styled = (key, look)
        return look

    def _look(self) -> tuple | None:
        """Everything the bar's picture depends on; ``None`` when we cannot draw it."""
        if not self.vertical or not self.is_mounted:
            return None
        styled = self._style_look()
        if styled is None:
            return None
        width, height = self.size
        thumb = None
        if styled[-1]:  # the same numbers as ScrollBar._render_bar gives its renderer
            virtual = self.window_virtual_size
            window = ceil(self.window_size) if self.window_size < virtual else 0
            thumb = _thumb(
                height, ceil(virtual), window, self.position, len(styled[0].VERTICAL_BARS)
            )
        return (width, height, thumb, *styled)

    def refresh(
        self, *regions: Region, repaint: bool = True, layout: bool = False, recompose: bool = False
    ) -> Self:
        # Position, virtual size and window size are repainting reactives, and Textual
        # refreshes the bar after every change of the virtual size: most of those leave
        # the thumb on the same eighth of a cell.
        if (
            repaint
            and not (regions or layout or recompose)
            and self._drawn is not None
            and self._look() == self._drawn
        ):
            return self
        return super().refresh(*regions, repaint=repaint, layout=layout, recompose=recompose)

    def render_lines(self, crop: Region) -> list[Strip]:
        look = self._look()
        if look is None:
            self._drawn = None
            return super().render_lines(crop)
        if look != self._drawn:
            self._strips = self._draw(look)
            self._drawn = look
        strips = self._strips[crop.y : crop.bottom]
        if crop.column_span != (0, self.size.width):
            x1, x2 = crop.column_span
            strips = [strip.crop(x1, x2) for strip in strips]
        return strips

    def _draw(self, look: tuple) -> list[Strip]:
        """The bar's lines, as ``ScrollBarRender.__rich_console__``, ``Widget.post_render``
        and the styles cache would make them."""
        width, height, _thumb_at, renderer, style, base, colors, filters, _ = look
        bar = self.render()
        assert isinstance(bar, ScrollBarRender)
        segments = renderer.render_bar(
            size=height,
            virtual_size=bar.virtual_size,
            window_size=bar.window_size,
            position=bar.position,
            thickness=width,
            vertical=True,
            back_color=style.bgcolor or RichColor.parse("#555555"),
            bar_color=style.color or RichColor.parse("bright_magenta"),
        ).segments
        base_background, background = colors
        inner = Style(background=base_background + background).rich_style
        made: dict[Segment, Strip] = {}  # a bar has four or five different lines
        strips = []
        for segment in segments:
            strip = made.get(segment)
            if strip is None:
                text, segment_style, _ = segment
                strip = Strip([Segment(text, base + segment_style)]).adjust_cell_length(
                    width, inner
                )
                for line_filter in filters:
                    strip = strip.apply_filter(line_filter, background)
                made[segment] = strip
            strips.append(strip)
        return strips


def _thumb(
    size: int, virtual: int, window: int, position: float, steps: int
) -> tuple[int, int] | None:
    """Where ``ScrollBarRender.render_bar`` puts the thumb, in steps of a cell (None: no thumb)."""
    if not (window and size and virtual and size != virtual):
        return None
    thumb_size = max(1, window / (virtual / size))
    start = int((size - thumb_size) * (position / (virtual - window)) * steps)
    return start, start + ceil(thumb_size * steps)


class DirectLines:
    """Mixin, before the widget class: ``class View(DirectLines, ScrollView)``.

    (Not a ``Widget`` subclass, so it adds no CSS type name.)
    """

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self._line_memo: dict[int, Strip] = {}
        """Finished lines, valid while ``_memo_key`` holds: by content row (line plus
        scroll offset) when the styles are plain, so that a scroll of one row draws one
        row; by line of the widget otherwise (borders do not scroll)."""
        self._memo_key: tuple | None = None
        self._memo_by_row = False
        self._scrolling = False
        self._plain: bool | None = None
        """Whether the styles are plain; forgotten on a style update or a full refresh
        (which is what an inline style change causes)."""

    @property
    def vertical_scrollbar(self: Widget) -> ScrollBar:
        """The vertical scrollbar: a :class:`DirectScrollBar` (created on first use)."""
        if self._vertical_scrollbar is None:
            self._vertical_scrollbar = DirectScrollBar(
                vertical=True, name="vertical", thickness=self.scrollbar_size_vertical
            )
            self._vertical_scrollbar.display = False
            self.app._start_widget(self, self._vertical_scrollbar)
        return self._vertical_scrollbar

    def watch_scroll_y(self, old_value: float, new_value: float) -> None:
        # ScrollView repaints every line on a scroll; the rows themselves did not change.
        self._scrolling = True
        try:
            super().watch_scroll_y(old_value, new_value)  # type: ignore[misc]
        finally:
            self._scrolling = False

    def _set_dirty(self, *regions: Region) -> None:
        # Every repaint of a widget comes through here (refresh, resize, style reset).
        super()._set_dirty(*regions)  # type: ignore[misc]
        memo = self._line_memo
        if not regions:
            self._plain = None
        if not memo:
            return
        if not regions:
            memo.clear()
            return
        if self._memo_by_row:
            if self._scrolling:
                return
            top = round(self.scroll_y)  # type: ignore[attr-defined]
            end = top + self.size.height  # type: ignore[attr-defined]
        else:
            top = self.content_offset.y  # type: ignore[attr-defined]
            end = self.outer_size.height  # type: ignore[attr-defined]
        pop = memo.pop
        for region in regions:  # in content coordinates, as given to refresh()
            for y in range(max(0, region.y + top), min(end, region.bottom + top)):
                pop(y, None)

    def notify_style_update(self) -> None:
        super().notify_style_update()  # type: ignore[misc]
        self._plain = None
        self._line_memo.clear()

    def render_lines(self: Widget, crop: Region) -> list[Strip]:
        """The widget's lines in ``crop``: remembered ones as they are, the others drawn
        directly when its styles are plain, through the styles cache otherwise."""
        width = self.region.width
        height = self.size.height
        base_background, background = self.background_colors
        filters = self.get_line_filters()
        plain = self._plain
        if plain is None:
            plain = self._plain = styles_are_plain(self)
        scroll = round(self.scroll_y)
        content_width = self.content_region.width
        narrow = plain and self.show_vertical_scrollbar
        if narrow:
            # The columns under the scrollbar are drawn by the scrollbar (the compositor
            # takes the front-most strip for each cut): a line that stops before them is
            # passed on whole, while one that runs under them is cut in two, and two new
            # strips per fresh row are ~1 ms per page of fresh rows.
            content_width -= self.scrollbar_size_vertical
        key = (
            width,
            height,
            content_width,
            None if plain else scroll,
            base_background,
            background,
            tuple(filters),
            plain,
        )
        memo = self._line_memo
        if key != self._memo_key:
            memo.clear()
            self._memo_key = key
            self._memo_by_row = plain
        shift = scroll if plain else 0
        lines = range(crop.y + shift, crop.bottom + shift)
        missing = [y for y in lines if y not in memo]
        if missing:
            if plain:
                # The same padding style as the styles cache (its "inner" style).
                inner = Style(background=base_background + background).rich_style
                render_line = self.render_line
                for row in missing:
                    strip = render_line(row - shift).adjust_cell_length(content_width, inner)
                    if narrow and not all(text for text, _, _ in strip):
                        strip = Strip(
                            [segment for segment in strip if segment.text], content_width
                        )  # as the compositor's cut would
                    for line_filter in filters:
                        strip = strip.apply_filter(line_filter, background)
                    memo[row] = strip
                if len(memo) > 3 * height:  # forget the rows scrolled away
                    for row in [row for row in memo if not shift <= row < shift + height]:
                        del memo[row]
            else:
                for first, count in _runs(missing):
                    drawn = super().render_lines(Region(0, first, width, count))  # type: ignore[misc]
                    memo.update(zip(range(first, first + count), drawn))
        strips = [memo[y] for y in lines]
        if crop.column_span != (0, width):
            x1, x2 = crop.column_span
            strips = [strip.crop(x1, x2) for strip in strips]
        return strips


def _runs(lines: list[int]) -> list[tuple[int, int]]:
    """Ascending ``lines`` as (first, count) runs of consecutive numbers."""
    runs: list[tuple[int, int]] = []
    for y in lines:
        if runs and runs[-1][0] + runs[-1][1] == y:
            runs[-1] = (runs[-1][0], runs[-1][1] + 1)
        else:
            runs.append((y, 1))
    return runs
