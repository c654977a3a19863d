"""The search bar (``/``) and the filter bar (``f``): one-line inputs docked at the bottom.

They only talk in messages, so the editor decides what a match means for its tree:

- :class:`SearchBar` posts ``Changed(text)`` as the user types (debounced: a search over
  100,000 nodes takes ~0.1 s), ``Step(+1/-1)`` on Enter / F3 / ↓ and Shift+F3 / ↑, and
  ``Closed`` on Escape. :meth:`SearchBar.set_count` shows "3/12" or "no match".
- :class:`FilterBar` parses the query with :func:`featuretree.model.query.parse_filter`
  and posts ``Applied(filter)`` for each valid query (a bad one shows its error in the bar
  and keeps the last good filter), and ``Cleared`` on Escape.
"""

from __future__ import annotations

from collections.abc import Callable

from rich.cells import cell_len
from rich.text import Text
from textual import events
from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical
from textual.message import Message
from textual.timer import Timer
from textual.widgets import Input, Label

from featuretree.i18n import error_text, t
from featuretree.model.query import Filter, FilterError, parse_filter
from featuretree.tui._textual.keys import forward_key
from featuretree.tui.bindings import FILTER_BAR_BINDINGS, SEARCH_BAR_BINDINGS, localize_bindings
from featuretree.tui.widgets.text_field import TextField
from featuretree.tui.widgets.wrapped_text import WrappedText


class BarStack(Vertical):
    """The bars, one above the other, over the bottom rows of the screen's other widgets.

    A bar that opens or closes changes this stack's height only: the widgets under it
    keep their size. Were the bars in the screen's flow, each open and close would
    resize the panes above them, and Textual then lays out the screen twice (a resized
    container's virtual size is a layout reactive) and repaints every line of every
    resized widget: ~20 ms of the ~50 ms an Escape in the filter bar cost, at any size.
    The screen puts the stack on a layer of its own (``layer``, ``offset``); the stack
    tells ``covered`` how many rows it covers now, so a view keeps its cursor above it.
    """

    DEFAULT_CSS = """
    BarStack {
        dock: bottom;
        height: auto;
    }
    BarStack > _Bar {
        dock: none;
    }
    """

    def __init__(self, *bars: _Bar, covered: Callable[[int], None], id: str | None = None) -> None:
        super().__init__(*bars, id=id)
        self._covered = covered

    def on_resize(self, event: events.Resize) -> None:
        self._covered(event.size.height)

    def on_hide(self) -> None:
        self._covered(0)


class _Bar(Vertical):
    """The input on one line, with a short status at its right end (a count); a message
    too long for that (what is wrong with a filter) goes on the lines under it, whole."""

    DEFAULT_CSS = """
    _Bar {
        dock: bottom;
        height: auto;
        display: none;
        background: $panel;
    }
    _Bar > .bar-row {
        height: 1;
    }
    _Bar .prompt {
        width: auto;
        padding: 0 1;
        text-style: bold;
        color: $accent;
    }
    _Bar Input {
        width: 1fr;
        min-width: 16;
        height: 1;
        border: none;
        padding: 0;
    }
    _Bar Input:focus {
        border: none;
    }
    /* never wider than half the bar: what is typed stays visible */
    _Bar .status {
        width: auto;
        max-width: 50%;
        text-align: right;
        text-wrap: nowrap;
        text-overflow: ellipsis;
        padding: 0 1;
        color: $text-muted;
    }
    _Bar .status.-error {
        color: $error;
    }
    _Bar > .bar-message {
        display: none;
        padding: 0 1;
        color: $error;
    }
    _Bar > .bar-message.-shown {
        display: block;
    }
    """

    prompt = "/"
    placeholder_key = ""
    status_step = 8
    """Cells the status's room grows by at a time (it does not shrink while the bar is
    open): a new width of the status is a layout of the whole screen (~20 ms, two passes
    of Textual's), so a count or query that grows by a character, or shrinks, usually
    needs none."""

    def __init__(self, *, debounce: float = 0.12, id: str | None = None) -> None:
        super().__init__(id=id)
        localize_bindings(self)
        self.debounce = debounce
        self._timer: Timer | None = None
        # Made here, not in compose, so a bar mounted on demand (the editor mounts it the
        # first time it opens) can be opened and read before it is mounted.
        # A TextField: Ctrl+U + a new query in one burst must leave the new query.
        self._input = TextField(placeholder=t(self.placeholder_key))
        self._status = Label("", classes="status")
        self._status_shown: tuple[str, bool] = ("", False)
        self._status_room = 0
        """Cells kept for the status's text while the bar is open (0: as wide as it)."""
        self._message = WrappedText("", max_natural=1000, classes="bar-message")
        self._focus_when_mounted = False
        self._early_keys: list[events.Key] = []
        """Keys handed over (:meth:`take_key`) before the bar was mounted."""

    def compose(self) -> ComposeResult:
        with Horizontal(classes="bar-row"):
            yield Label(self.prompt, classes="prompt")
            yield self._input
            yield self._status
        yield self._message

    def on_mount(self) -> None:
        if self._focus_when_mounted:
            self._focus_when_mounted = False
            self.screen.set_focus(self._input)
            early, self._early_keys = self._early_keys, []
            for key in early:
                forward_key(self._input, key)

    @property
    def takes_keys(self) -> bool:
        """True while keys meant for the text field may still reach the widget before it.

        From :meth:`open` until the text field has the focus and keeps it (Enter gives
        the keys back to the tree; the bar stays open, but takes no keys then).
        """
        # screen.focused changes as set_focus is called (has_focus waits for the event).
        return self.is_open and (
            self._focus_when_mounted or (self.is_mounted and self.screen.focused is self._input)
        )

    def take_key(self, event: events.Key) -> None:
        """Type ``event`` (a key that reached another widget first) into the text field."""
        # A copy marked as forwarded, as the app delivers keys: the text field handles
        # it, then its bindings (Enter, Backspace...) run when it reaches the app.
        key = events.Key(event.key, event.character)
        if self._focus_when_mounted:
            self._early_keys.append(key)
        else:
            forward_key(self._input, key)

    @property
    def input(self) -> Input:
        """The text field."""
        return self._input

    @property
    def is_open(self) -> bool:
        """True while the bar is shown (focused or not)."""
        return self.display

    @property
    def value(self) -> str:
        """What is typed."""
        return self._input.value

    def open(self, text: str | None = None) -> None:
        """Show the bar and put the cursor in it (with ``text`` if given).

        Works on a bar not mounted yet: it takes the focus once mounted.
        """
        # Shown through its display, not a class: a class would restyle the bar and
        # everything in it (Textual applies the stylesheet to the subtree again).
        self.display = True
        if text is not None:
            self._input.value = text
        if self.is_mounted:
            # Now, not after the keys already on their way (Widget.focus waits its turn).
            self.screen.set_focus(self._input)
        else:
            self._focus_when_mounted = True

    def close(self) -> None:
        """Hide the bar."""
        self._focus_when_mounted = False
        self._early_keys = []
        self.display = False
        # the status's room is given back while a layout is due anyway
        self._status_room = 0
        self._status.styles.width = "auto"

    @property
    def status_text(self) -> str:
        """What the bar's status says now."""
        return self._status_shown[0]

    def set_status(self, text: str, *, error: bool = False) -> None:
        """The short text at the right end (a count, or what is wrong)."""
        if (text, error) == self._status_shown:
            return
        self._status_shown = (text, error)
        label = self._status
        # Only a status longer than its room needs a layout of the screen: the room then
        # grows with some to spare; a shorter text is drawn right-aligned in it.
        needed = cell_len(text)
        grows = needed > self._status_room
        if grows:
            self._status_room = needed + self.status_step
            label.styles.width = self._status_room + label.styles.gutter.width
        label.update(Text(text), layout=False)
        label.set_class(error, "-error")
        if grows:
            # the text field got narrower or wider: the cursor (what is being typed) stays in view
            self.call_after_refresh(self._show_cursor)

    def _show_cursor(self) -> None:
        field = self._input
        before = cell_len(field.value[: field.cursor_position])
        width = field.content_size.width
        if width > 0 and not field.scroll_x <= before < field.scroll_x + width:
            field.scroll_to(x=max(before - width + 1, 0), animate=False)

    def set_message(self, text: str) -> None:
        """A message under the input, wrapped to as many lines as it needs ("" hides it)."""
        if text == self._message.text.plain:
            return
        self._message.update(Text(text))
        self._message.set_class(bool(text), "-shown")

    @property
    def message(self) -> str:
        """The message shown under the input ("" when none)."""
        return self._message.text.plain

    def on_input_changed(self, event: Input.Changed) -> None:
        event.stop()
        if not self.is_open:
            return  # the text was reset while closing: nothing to report
        if self._timer is not None:
            self._timer.stop()
        if self.debounce <= 0:
            self.changed(event.value)
        else:
            self._timer = self.set_timer(self.debounce, lambda: self.changed(event.value))

    def flush(self) -> None:
        """Apply what is typed now instead of after the debounce delay."""
        if self._timer is not None:
            self._timer.stop()
            self._timer = None
            self.changed(self.value)

    def changed(self, text: str) -> None:
        """React to the text (after the debounce)."""


class SearchBar(_Bar):
    """Search as you type; Enter / F3 next match, Shift+F3 / ↑ previous, Escape closes."""

    prompt = "/"
    placeholder_key = "search.placeholder"

    BINDINGS = SEARCH_BAR_BINDINGS

    class Changed(Message):
        """The search text changed (after the debounce)."""

        def __init__(self, text: str) -> None:
            super().__init__()
            self.text = text

    class Step(Message):
        """Go to the next (``direction=1``) or previous (``-1``) match."""

        def __init__(self, direction: int) -> None:
            super().__init__()
            self.direction = direction

    class Closed(Message):
        """The bar was closed: drop the highlights."""

    def changed(self, text: str) -> None:
        self.post_message(self.Changed(text))

    def set_count(self, index: int | None, count: int, where: str = "") -> None:
        """Show ``index+1/count``, or that nothing matches; ``where``: in which of the
        node's texts it matched, when not in its title."""
        if not self.value.strip():
            self.set_status("")
        elif count == 0:
            self.set_status(t("search.no_match"), error=True)
        else:
            shown = t(
                "search.count", index=(index or 0) + 1 if index is not None else "–", count=count
            )
            self.set_status(f"{where} · {shown}" if where else shown)

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        self.flush()
        self.post_message(self.Step(1))

    def action_step(self, direction: int) -> None:
        """Ask for the next / previous match."""
        self.flush()
        self.post_message(self.Step(direction))

    def action_close_bar(self) -> None:
        """Close the bar."""
        self.close()
        self.post_message(self.Closed())


class FilterBar(_Bar):
    """Type a filter query; valid queries apply as you type, Escape clears the filter."""

    prompt = "f"
    placeholder_key = "filter.placeholder"

    BINDINGS = FILTER_BAR_BINDINGS

    class Applied(Message):
        """A valid filter to show (an empty one shows everything)."""

        def __init__(self, flt: Filter) -> None:
            super().__init__()
            self.filter = flt

    class Cleared(Message):
        """The filter was removed: restore the previous folding."""

    class Done(Message):
        """Enter: the user is done typing (focus can go back to the tree; the filter stays)."""

    _invalid = False
    """True while the text typed is a query the bar cannot read (its error is shown)."""

    def changed(self, text: str) -> None:
        try:
            flt = parse_filter(text)
        except FilterError as exc:
            # under the input, not beside it: the query stays readable while it is fixed
            self._invalid = True
            self.set_status("")
            self.set_message(t("filter.error", error=error_text(exc)))
            return
        self._invalid = False
        self.set_status("")
        self.set_message("")
        self.post_message(self.Applied(flt))

    def set_count(self, count: int) -> None:
        """Show how many nodes the filter keeps."""
        if self.value.strip():
            self.set_status(
                t("filter.active", query=self.value.strip(), count=count)
                if count
                else t("filter.none", query=self.value.strip()),
                error=not count,
            )

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        self.flush()
        if self._invalid:
            # The query is not applied: the bar stays open, with the text to fix and the
            # message saying what is wrong (closing it showed the whole tree, as if
            # nothing had been typed).
            return
        self.post_message(self.Done())

    def action_clear(self) -> None:
        """Remove the filter and close the bar."""
        if self._timer is not None:
            self._timer.stop()
            self._timer = None
        self.input.value = ""
        self._invalid = False
        self.set_status("")
        self.set_message("")
        self.close()
        self.post_message(self.Cleared())
