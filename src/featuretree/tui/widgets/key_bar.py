"""A one-line bar of the keys that work now: what Textual's ``Footer`` shows, in one widget.

Textual's ``Footer`` is a container with a widget per key (13 in the editor) and
recomposes all of them whenever the screen's bindings change (every focus change).
Every widget on a screen costs something on every key (Textual's message pump, and
Pilot visits each widget twice per key), so :class:`KeyBar` draws the same keys as one
line instead (:class:`~featuretree.tui.widgets.one_line.OneLine`: segments straight to a strip):

- the screen's active bindings with ``show=True`` (one per action, in the same order as
  the ``Footer``), each as its key (``app.get_key_display``, so a keymap or
  ``key_display`` shows) and its description (already localized by
  :func:`~featuretree.tui.bindings.localize_bindings`); a binding whose
  ``check_action`` says "disabled but visible" (``None``) is dimmed, one that says
  ``False`` is left out;
- the help key (:attr:`KeyBar.PINNED_ACTIONS`) and the command palette's key at the
  right end, never cut;
- when the line is too narrow, the keys are cut with "…" (by cell width: CJK
  descriptions are two cells a character);
- it is rebuilt only when the screen publishes ``bindings_updated`` (focus changes,
  ``refresh_bindings()``), and then repainted only if what it shows changed: its size
  never changes, so there is never a relayout;
- a click on a key presses that key (``app.simulate_key``), like the ``Footer``.

As the ``Footer`` does, bindings of one ``Binding.group`` shown one after the other are
one entry: their keys side by side (``↑↓←→``), then the group's description. The app
keeps its help-screen groups out of ``Binding.group`` (``bindings.GROUP_OF``): only the
keys meant to read as one (the diagram's arrows) have one.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import NamedTuple

from rich.segment import Segment
from rich.style import Style
from textual import events
from textual.binding import Binding
from textual.screen import Screen
from textual.strip import Strip

from featuretree.tui.widgets.one_line import OneLine

_PALETTE_ACTIONS = frozenset({"command_palette", "app.command_palette"})
"""The command palette's action, however it is named in a binding."""

_DIM = Style(dim=True)
"""Keys shown but disabled now (``check_action`` returned ``None``)."""


class BarKey(NamedTuple):
    """One key shown in the bar."""

    key: str
    """The key to simulate on a click (one key name, e.g. ``"ctrl+s"``)."""
    display: str
    """How the key reads (``"^s"``)."""
    description: str
    enabled: bool


class KeyBar(OneLine, can_focus=False):
    """The keys that work now, on one line (a drop-in for Textual's ``Footer``)."""

    COMPONENT_CLASSES = {
        "key-bar--key",
        "key-bar--description",
        "key-bar--hover",
        "key-bar--separator",
    }
    DEFAULT_CSS = """
    KeyBar {
        dock: bottom;
        height: 1;
        width: 1fr;
        color: $footer-foreground;
        background: $footer-background;
        .key-bar--key {
            color: $footer-key-foreground;
            background: $footer-key-background;
            text-style: bold;
        }
        .key-bar--description {
            color: $footer-description-foreground;
            background: $footer-description-background;
        }
        .key-bar--hover {
            background: $block-hover-background;
        }
        .key-bar--separator {
            color: $foreground 20%;
        }
    }
    """

    PINNED_ACTIONS = frozenset({"help", "toggle_diagram"})
    """Actions whose key stays at the right end, never cut: "?" must always be findable,
    and so must the key between the outline and the diagram (``v``)."""

    def __init__(self, *, show_command_palette: bool = True, id: str | None = None) -> None:
        super().__init__(id=id)
        self.show_command_palette = show_command_palette
        self._keys: tuple[BarKey, ...] | None = None
        """What is shown; ``None`` until first read from the screen."""
        self._palette: BarKey | None = None
        self._pinned: tuple[BarKey, ...] = ()
        """Keys of :attr:`PINNED_ACTIONS`, drawn at the right before the palette's."""
        self._spans: list[tuple[int, int, BarKey]] = []
        """(first cell, end cell, key) of each key drawn, for clicks and hover."""
        self._hover: BarKey | None = None
        self._rebuild_pending = False
        self._override: tuple[BarKey, ...] | None = None

    # -- what to show ------------------------------------------------------------------

    @property
    def keys(self) -> tuple[BarKey, ...]:
        """The keys shown now (command palette excluded), left to right."""
        if self._override is not None:
            return self._override
        if self._keys is None:
            self._read_bindings()
        return self._keys or ()

    def show_keys(self, keys: Sequence[BarKey] | None) -> None:
        """Show ``keys`` instead of the screen's bindings; ``None`` shows the bindings again.

        For a mode that takes every key without moving the focus (the editor's in-place
        title editor), where the bindings listed would not work.
        """
        override = tuple(keys) if keys is not None else None
        if override != self._override:
            self._override = override
            self.redraw()

    def _read_bindings(self) -> bool:
        """Read the screen's active bindings; True if what the bar shows changed."""
        app = self.app
        active = self.screen.active_bindings
        seen: set[str] = set()
        keys: list[BarKey] = []
        palette = None
        pinned: list[BarKey] = []
        last_group: Binding.Group | None = None
        for key, (_node, binding, enabled, _tooltip) in active.items():
            # The palette's key by its action, not Textual's default key: a keymap may move it.
            if binding.action in _PALETTE_ACTIONS:
                if palette is None and self.show_command_palette and app.ENABLE_COMMAND_PALETTE:
                    palette = BarKey(
                        key, app.get_key_display(binding), binding.description, enabled
                    )
                continue
            # One entry per action (the first key bound to it), like the Footer.
            if not binding.show or binding.action in seen:
                continue
            seen.add(binding.action)
            display = app.get_key_display(binding)
            group = binding.group
            previous_group, last_group = last_group, group
            if group is not None and keys and group == previous_group:
                # The keys of one group, side by side, then its words (as the Footer does).
                first = keys[-1]
                gap = "" if group.compact else " "
                keys[-1] = first._replace(display=f"{first.display}{gap}{display}")
                continue
            description = group.description if group is not None else binding.description
            item = BarKey(key, display, description, enabled)
            if binding.action.rpartition(".")[2] in self.PINNED_ACTIONS:
                pinned.append(item)
            else:
                keys.append(item)
        new = tuple(keys)
        changed = new != self._keys or palette != self._palette or tuple(pinned) != self._pinned
        self._keys, self._palette, self._pinned = new, palette, tuple(pinned)
        return changed

    def on_mount(self) -> None:
        self.screen.bindings_updated_signal.subscribe(self, self._bindings_changed)

    def on_unmount(self) -> None:
        self.screen.bindings_updated_signal.unsubscribe(self)

    def _bindings_changed(self, screen: Screen) -> None:
        # Several signals come in a burst (focus, stack, keymap): read the bindings once,
        # after the frame, as the Footer does.
        if screen is not self.screen or self._rebuild_pending or not self.app.app_focus:
            return
        self._rebuild_pending = True
        self.call_after_refresh(self._rebuild)

    def _rebuild(self) -> None:
        self._rebuild_pending = False
        if self.is_attached and self._read_bindings() and self._override is None:
            self.redraw()

    # -- drawing -----------------------------------------------------------------------

    def line_segments(self, width: int) -> list[Segment]:
        keys = self.keys  # first: it reads the bindings (and the palette's key) if needed
        base = self.style()
        key_style = base + self.style("key-bar--key")
        description_style = base + self.style("key-bar--description")
        hover = self.style("key-bar--hover", partial=True)  # the background only

        def pieces(item: BarKey, palette: bool = False) -> list[Segment]:
            key, description = key_style, description_style
            if not item.enabled:
                key, description = key + _DIM, description + _DIM
            if palette:  # as the Footer draws it: a thin rule, then the key unpadded
                drawn = [
                    Segment("▏", base + self.style("key-bar--separator")),
                    Segment(item.display, key),
                    Segment(f" {item.description} ", description),
                ]
            else:
                drawn = [Segment(f" {item.display} ", key)]
                if item.description:
                    drawn.append(Segment(f"{item.description} ", description))
            if item == self._hover:
                drawn = [Segment(text, style + hover) for text, style, _ in drawn]
            return drawn

        pinned = list(self._pinned) if self._override is None else []
        first_width = Segment.get_line_length(pieces(keys[0])) if keys else 0
        while True:
            right_items = [(item, pieces(item)) for item in pinned]
            if self._palette is not None:
                right_items.append((self._palette, pieces(self._palette, palette=True)))
            right = [segment for _item, drawn in right_items for segment in drawn]
            right_width = Segment.get_line_length(right)
            # Too narrow for the first key whole: the pinned keys before the last ("?",
            # which lists them all) give way first.
            if len(pinned) < 2 or right_width + first_width <= width:
                break
            pinned.pop(0)
        if right_width + min(first_width, 10) > width:  # the keys before the right-hand ones
            right_items, right, right_width = [], [], 0
        room = width - right_width
        left: list[Segment] = []
        spans: list[tuple[int, int, BarKey]] = []
        x = 0
        cut = False
        for item in keys:
            drawn = pieces(item)
            item_width = Segment.get_line_length(drawn)
            # Whole keys, then "…": a key cut in the middle of its description says nothing.
            if x + item_width > room:
                cut = True
                break
            left += drawn
            spans.append((x, x + item_width, item))
            x += item_width
        if cut:
            while spans and spans[-1][1] > room - 1:  # room for the "…"
                spans.pop()
            if spans:
                x = spans[-1][1]
                left = list(Strip(left).crop(0, x))
            else:  # not even one key fits: as much of the first as there is room for
                x = max(0, room - 1)
                left = list(Strip(pieces(keys[0])).crop(0, x))
            left.append(Segment("…", description_style))
            x += 1
        if right:
            left.append(Segment(" " * max(0, room - x), base))
            start = room
            for item, drawn in right_items:
                end = start + Segment.get_line_length(drawn)
                spans.append((start, end, item))
                start = end
        self._spans = spans
        return left + right

    # -- mouse -------------------------------------------------------------------------

    def key_at(self, x: int) -> BarKey | None:
        """The key drawn at cell ``x`` of the bar, if any."""
        for start, end, item in self._spans:
            if start <= x < end:
                return item
        return None

    def on_mouse_down(self, event: events.MouseDown) -> None:
        item = self.key_at(event.x)
        if item is None:
            return
        event.stop()
        if item.enabled:
            self.app.simulate_key(item.key)
        else:
            self.app.bell()

    def on_mouse_move(self, event: events.MouseMove) -> None:
        self._set_hover(self.key_at(event.x))

    def on_leave(self, event: events.Leave) -> None:
        self._set_hover(None)

    def _set_hover(self, item: BarKey | None) -> None:
        if item != self._hover:
            self._hover = item
            self.redraw()
