"""A one-line widget whose line goes straight to a strip, styles looked up once.

A ``Static`` (or any widget with ``render()``) goes through Textual's visual pipeline on
every repaint: the Text becomes ``Content``, is wrapped, aligned and styled span by span
into a strip, and every ``refresh()`` drops the widget's cached component styles, each
~0.2 ms to compute again. For the key bar that was ~3.5 ms whenever it changed (Tab and
Enter, to show and hide the title editor's keys).

:class:`OneLine` asks its subclass for the line's segments (or a :class:`rich.text.Text`),
pads or crops them to the width in the widget's own style, and keeps the strip until
:meth:`redraw`, a resize or a style change (a new theme). Styles it looks up through
:meth:`style` are kept until a style change too. The compositor gets the strip with the
app's line filters applied, without Textual's styles cache (which it would only pass
through, at ~0.15 ms a frame) unless the widget has a border, padding or the like.
"""

from __future__ import annotations

from rich.segment import Segment
from rich.style import Style
from rich.text import Text
from textual.color import Color
from textual.geometry import Region
from textual.strip import Strip
from textual.widget import Widget

from featuretree.tui._textual.direct_lines import styles_are_plain


class OneLine(Widget):
    """One line of styled text; subclasses say what in :meth:`line_segments` or
    :meth:`line_text`."""

    ALLOW_SELECT = False
    DEFAULT_CSS = """
    OneLine {
        height: 1;
        width: 1fr;
    }
    """

    def __init__(self, *, id: str | None = None, classes: str | None = None) -> None:
        super().__init__(id=id, classes=classes)
        self._strip: Strip | None = None
        """The line drawn, kept until something it shows changes."""
        self._styles: dict[tuple[str, bool], Style] = {}
        self._lines: tuple[tuple, list[Strip]] | None = None
        """(crop and line filters, the lines given to the compositor for them)."""
        self._direct: tuple[bool, Color] | None = None
        """Whether the styles cache can be skipped, and the background for line filters."""

    def style(self, component: str = "", *, partial: bool = False) -> Style:
        """The widget's own style (``""``) or a component class's (``partial``: only what
        the class sets), cached until the CSS or theme changes (``refresh()`` does not
        drop them, unlike Textual's own cache)."""
        style = self._styles.get((component, partial))
        if style is None:
            style = (
                self.get_component_rich_style(component, partial=partial)
                if component
                else self.rich_style
            )
            self._styles[(component, partial)] = style
        return style

    def line_text(self, width: int) -> Text:
        """The line to show in ``width`` cells (cut or padded to it afterwards)."""
        return Text()

    def line_segments(self, width: int) -> list[Segment]:
        """The line's segments, styles complete (default: :meth:`line_text` rendered)."""
        text = self.line_text(width)
        text.no_wrap = True
        text.end = ""
        text.stylize_before(self.style())  # the widget's colours under every piece
        return list(text.render(self.app.console))

    def redraw(self) -> None:
        """What the line shows changed: draw it again (a repaint, no relayout)."""
        self._strip = self._lines = None
        self.refresh()

    def notify_style_update(self) -> None:
        # A theme or CSS change: the styles baked into the strip are stale.
        super().notify_style_update()
        self._strip = self._lines = self._direct = None
        self._styles.clear()

    def render_lines(self, crop: Region) -> list[Strip]:
        # The compositor asks every child of the screen for its lines on every frame,
        # whatever changed; through Textual's styles cache that is ~0.15 ms a call even
        # when nothing changed. With plain styles (no border, padding, tint...) the cache
        # would only apply the app's line filters: do that here, once per change.
        if self._direct is None:
            plain = self.size.height == 1 and styles_are_plain(self)
            self._direct = (plain, self.background_colors[1])
        plain, background = self._direct
        if not plain:
            return super().render_lines(crop)
        filters = tuple(self.get_line_filters())
        lines = self._lines
        if lines is None or lines[0] != (crop, filters):
            strip = self.render_line(0)
            for line_filter in filters:
                strip = strip.apply_filter(line_filter, background)
            if crop.x or crop.right != strip.cell_length:
                strip = strip.crop(crop.x, crop.right)
            lines = self._lines = ((crop, filters), [strip] * crop.height)
        return lines[1]

    def render_line(self, y: int) -> Strip:
        width = self.size.width
        if y:
            return Strip.blank(width, self.style())
        strip = self._strip
        if strip is None or strip.cell_length != width:
            strip = Strip(self.line_segments(width)).adjust_cell_length(width, self.style())
            self._strip = strip = strip.simplify()
        return strip
