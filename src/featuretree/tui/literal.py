"""Text is data on screen too: the last guard before the terminal.

Every way into the model already strips control characters (readers, operations, the
annotation models, the line editor), and every widget draws user text as
``rich.text.Text`` or plain ``Segment`` s, never as markup. This module is the belt to
those braces, for text that reached the model some other way (a plug-in, a future
reader that forgets ``clean_line``):

- :class:`LiteralOutput`, mixed into the app, removes C0/C1 control characters and DEL
  from the *text* of every segment just before Textual writes a frame, so an ESC in a
  title can never start an escape sequence (colours, OSC 8 links, clearing the screen)
  in the user's terminal. Textual's own sequences are produced later, from styles and
  control segments, and are untouched. Removed characters are zero cells wide, so the
  layout does not move.
- It also renders every notification's message literally (``markup=False``): messages
  quote titles, paths and error texts.

The check is one ``str.isprintable`` per strip: ~0.15 ms for a full 200×50 frame
(rendering that frame takes ~1.7 ms).
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from rich.console import RenderableType
from rich.segment import Segment
from textual._compositor import ChopsUpdate, CompositorUpdate, InlineUpdate, LayoutUpdate
from textual.notifications import SeverityLevel
from textual.screen import Screen
from textual.strip import Strip

_CONTROL = re.compile(r"[\x00-\x1f\x7f-\x9f]")

__all__ = ["LiteralOutput", "literal_strip", "literal_update"]


def literal_strip(strip: Strip) -> Strip:
    """``strip`` without control characters in its text (the same object when it has none)."""
    text = strip.text  # one check per line; per segment only when something is there
    if text.isprintable() or not _CONTROL.search(text):
        return strip
    return Strip(
        [Segment(_CONTROL.sub("", text), style, control) if not control else
         Segment(text, style, control) for text, style, control in strip],
        strip.cell_length,
    )


def _strips(strips: Iterable[Strip]) -> list[Strip]:
    return [literal_strip(strip) for strip in strips]


def literal_update(update: CompositorUpdate) -> CompositorUpdate:
    """Clean every strip of a compositor update in place; returns it."""
    if isinstance(update, LayoutUpdate):
        update.strips = [_strips(line) for line in update.strips]
    elif isinstance(update, InlineUpdate):
        update.strips = _strips(update.strips)
    elif isinstance(update, ChopsUpdate):
        update.chops = [
            {x: literal_strip(strip) if strip is not None else None for x, strip in line.items()}
            for line in update.chops
        ]
    return update


class LiteralOutput:
    """App mixin (before ``App``): frames without control characters, notifications without markup."""

    def _display(self, screen: Screen, renderable: RenderableType | None) -> None:
        if isinstance(renderable, CompositorUpdate):
            literal_update(renderable)
        super()._display(screen, renderable)  # type: ignore[misc]

    def notify(self, message: str, *, title: str = "", severity: SeverityLevel = "information",
               timeout: float | None = None, markup: bool = True) -> None:
        """Show a notification; its message is always literal text (``markup`` is ignored)."""
        super().notify(  # type: ignore[misc]
            message, title=title, severity=severity, timeout=timeout, markup=False
        )
