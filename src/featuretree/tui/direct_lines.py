"""Line-API widgets whose own strips go to the compositor as they are.

Textual passes every line of a widget through its styles cache (``StylesCache``), which
adds borders, padding, outline, tint, hatch and opacity, and rebuilds a line whenever it
is dirty. When a line-API view scrolls, every line on screen is dirty: ~0.1 ms per
line, 3-4 ms per frame of a 40-row tree, although the widget has none of those styles
and keeps its rows' strips cached already. :class:`DirectLines` skips that pass for a
widget whose styles are plain, doing only what it would have done: pad each line to the
content width in the widget's background and apply the app's line filters. Both are
cached per strip by Textual, so a row drawn before costs a few dictionary look-ups. With
any border, padding, outline, tint, hatch or opacity the styles cache is used as usual.

It also repaints the vertical scrollbar only when its thumb moves on screen: the thumb
of 100,000 rows moves one eighth of a cell every ~300 rows, but Textual repaints the
whole bar (every line through the same pipeline, ~4 ms) at every scroll of one row.
"""

from __future__ import annotations

from math import ceil
from typing import TYPE_CHECKING

from textual.geometry import Region
from textual.scrollbar import ScrollBar
from textual.strip import Strip
from textual.style import Style

if TYPE_CHECKING:
    from textual.widget import Widget


class DirectLines:
    """Mixin, before the widget class: ``class View(DirectLines, ScrollView)``.

    (Not a ``Widget`` subclass, so it adds no CSS type name.)
    """

    def watch_scroll_y(self: Widget, old_value: float, new_value: float) -> None:
        """As ``ScrollView.watch_scroll_y``, without repainting a scrollbar that looks the same."""
        if self.show_vertical_scrollbar:
            bar = self.vertical_scrollbar
            thumb = _thumb(bar, new_value)
            if thumb is not None and thumb == _thumb(bar, bar.position):
                bar.set_reactive(ScrollBar.position, new_value)
            else:
                bar.position = new_value
        if round(old_value) != round(new_value):
            self.refresh(self.size.region)

    def _styles_are_plain(self: Widget) -> bool:
        styles = self.styles
        return (
            not any(edge for edge, _ in styles.border)
            and not any(edge for edge, _ in styles.outline)
            and not any(styles.padding)
            and not styles.tint.a
            and styles.text_opacity == 1.0
            and (not styles.has_rule("hatch") or styles.hatch == "none")
            and self.opacity == 1.0
            and self._border_title is None
            and self._border_subtitle is None
        )

    def render_lines(self: Widget, crop: Region) -> list[Strip]:
        """The widget's lines in ``crop``, without the styles cache when its styles are plain."""
        if not self._styles_are_plain():
            return super().render_lines(crop)  # type: ignore[misc]
        width = self.region.width
        content_width = self.content_region.width
        base_background, background = self.background_colors
        # The same padding style as the styles cache (its "inner" style).
        inner = Style(background=base_background + background).rich_style
        filters = self.get_line_filters()
        render_line = self.render_line
        strips: list[Strip] = []
        for y in crop.line_range:
            strip = render_line(y).adjust_cell_length(content_width, inner)
            for line_filter in filters:
                strip = strip.apply_filter(line_filter, background)
            strips.append(strip)
        if crop.column_span != (0, width):
            x1, x2 = crop.column_span
            strips = [strip.crop(x1, x2) for strip in strips]
        return strips


def _thumb(bar: ScrollBar, position: float) -> tuple[int, int] | None:
    """Where ``ScrollBarRender.render_bar`` draws the thumb, in eighths of a cell (None: unsure)."""
    size = bar.size.height
    virtual = ceil(bar.window_virtual_size)
    window = ceil(bar.window_size) if bar.window_size < bar.window_virtual_size else 0
    if not (bar.vertical and window and size and virtual and size != virtual and virtual > window):
        return None
    steps = len(bar.renderer.VERTICAL_BARS)
    thumb_size = max(1, window / (virtual / size))
    start = int((size - thumb_size) * (position / (virtual - window)) * steps)
    return start, start + ceil(thumb_size * steps)
