"""Notices: the app's notifications, shown literally, without a mount per message.

Text is data on screen too: every notification's message is shown literally.
Messages quote titles, paths and error texts, so :class:`LiteralOutput`, mixed into the
app, shows them as plain text (``rich.text.Text``) whatever ``markup`` the caller asked
for. Control characters never reach the screen from a document because they never reach
the model: every reader, operation and annotation model strips them on the way in
(``model.text.clean_text``). A message can also quote what came from outside without
being imported (a path, an operating-system error): that text is cleaned here, where it
enters the screen.

Why not Textual's toasts: Textual mounts a ``ToastHolder`` and a ``Toast`` for each
notification and removes them when it times out — each a mount or removal with its
styles, compose and messages, and some three layouts of the screen in all; at 100,000
nodes a copy's "Copied …" cost the key 20-30 ms of CPU (``benchmarks/pty_keys.py``).
Here every screen that shows notices gets one :class:`NoticeRack` (mounted once, right
after the screen's first frame, with one card), holding one
:class:`NoticeCard` per notice shown at once; a card is updated in place and hidden
when its notice times out, never removed. A notice shown or gone is one layout.

It looks and behaves like the toasts it replaces: cards at the bottom right above the
key bar (at the top right over a dialog, whose key hints are at its bottom), the oldest on top, 60 columns wide (at most half the screen), a coloured left
edge and title by severity, on Textual's toast layer; a click dismisses one; each goes
after its ``timeout`` (``App.NOTIFICATION_TIMEOUT`` by default); notices are the app's,
so they follow the user from screen to screen. As with Textual's toasts, an app run
under ``App.run_test()`` shows none unless ``notifications=True`` is passed.
"""

from __future__ import annotations

import itertools
import time
from dataclasses import dataclass, field

from rich.cells import get_character_cell_size
from rich.style import Style
from rich.text import Text
from textual import events
from textual.app import App, ScreenStackError
from textual.containers import Container
from textual.geometry import Size
from textual.notifications import SeverityLevel
from textual.screen import ModalScreen, Screen
from textual.timer import Timer
from textual.widget import Widget

from featuretree.model.cells import wrap_spans
from featuretree.model.text import clean_text
from featuretree.tui._textual.toast_layer import TOAST_LAYER, notifications_shown

__all__ = ["MAX_SHOWN", "LiteralOutput", "Notice", "NoticeCard", "NoticeRack", "notices_at_top"]

MAX_SHOWN = 6
"""Notices shown at once at most: the newest ones (older ones still time out)."""

_serial = itertools.count()


@dataclass(eq=False)
class Notice:
    """One notification: literal text, how serious, when it was raised."""

    message: str
    title: str = ""
    severity: SeverityLevel = "information"
    timeout: float = 5.0
    raised: float = field(default_factory=time.monotonic)
    serial: int = field(default_factory=lambda: next(_serial))

    def text(self, title_style: str | Style = "bold") -> Text:
        """The card's text: the title (styled) over the message, both literal."""
        if not self.title:
            return Text(self.message)
        return Text.assemble((self.title, title_style), "\n", self.message)


def _wrapped(text: Text, width: int) -> Text:
    """``text`` broken into lines of ``width`` cells as the editor wraps user text: CJK
    at any character, Latin words whole, punctuation rules kept (``model.cells``; as
    ``widgets/wrap.py``, which this layer cannot import). Rich would break a line at
    spaces only: a Chinese title with a space would leave most of a line empty."""
    pieces = [
        line[start:end]
        for line in text.split("\n", allow_blank=True)
        for start, end in wrap_spans(line.plain, width, get_character_cell_size)
    ]
    wrapped = Text("\n").join(pieces)
    wrapped.no_wrap = True
    return wrapped


class NoticeCard(Widget):
    """One notice on screen (a Textual ``Toast``'s look); shown again for the next one."""

    DEFAULT_CSS = """
    NoticeCard {
        width: 60;
        max-width: 50%;
        height: auto;
        margin-top: 1;
        visibility: visible;
        padding: 1 1;
        background: $panel-lighten-1;
        display: none;
        &:ansi { background: $ansi-background; }
    }
    NoticeCard > .notice--title { text-style: bold; color: $foreground; }
    NoticeCard.-information { border-left: outer $success; }
    NoticeCard.-information > .notice--title { color: $text-success; }
    NoticeCard.-warning { border-left: outer $warning; }
    NoticeCard.-warning > .notice--title { color: $text-warning; }
    NoticeCard.-error { border-left: outer $error; }
    NoticeCard.-error > .notice--title { color: $text-error; }
    """
    COMPONENT_CLASSES = {"notice--title"}

    def __init__(self) -> None:
        super().__init__()
        self.notice: Notice | None = None

    def show_notice(self, notice: Notice) -> None:
        """Show ``notice`` here (nothing happens when it already is)."""
        if notice is self.notice:
            return
        self.notice = notice
        for severity in ("information", "warning", "error"):
            self.set_class(severity == notice.severity, f"-{severity}")
        self.display = True
        self.refresh(layout=True)  # another text: maybe another height

    def get_content_height(self, container: Size, viewport: Size, width: int) -> int:
        if self.notice is None:
            return 0
        return len(_wrapped(self.notice.text(), width).plain.split("\n"))

    def render(self) -> Text:
        if self.notice is None:
            return Text()
        title_style = self.get_component_rich_style("notice--title")
        return _wrapped(self.notice.text(title_style), self.content_size.width)

    def on_click(self, event: events.Click) -> None:
        event.stop()
        if self.notice is not None and isinstance(self.app, LiteralOutput):
            self.app.dismiss_notice(self.notice)


class NoticeRack(Container):
    """A screen's notices, at its bottom right over everything (Textual's toast layer).

    The rack itself is invisible (the screen shows through between the cards); it keeps
    its cards, hiding those it does not need, so showing a notice mounts nothing once
    the rack has had as many at once.
    """

    DEFAULT_CSS = f"""
    NoticeRack {{
        layer: {TOAST_LAYER};
        dock: bottom;
        width: 1fr;
        height: auto;
        max-height: 100%;
        align: right bottom;
        visibility: hidden;
        layout: vertical;
        overflow: hidden hidden;
        margin-bottom: 1;
        padding-right: 2;  /* where Textual's toast rack keeps its (hidden) scrollbar */
        display: none;
    }}
    /* Over a dialog: at the top right (Textual's way to move its toasts: the rack's
       align), clear of the key hints and buttons every dialog keeps at its bottom. */
    NoticeRack.-top {{
        dock: top;
        align: right top;
        margin-bottom: 0;
    }}
    """

    def __init__(self) -> None:
        super().__init__()
        self.cards: list[NoticeCard] = []
        """The cards, the top one first (mounted in this order, so shown in it)."""

    def add_cards(self, count: int) -> None:
        """Mount ``count`` more cards, hidden, under the others (the rack is mounted)."""
        new = [NoticeCard() for _ in range(count)]
        self.mount_all(new)
        self.cards += new

    def show_notices(self, notices: list[Notice]) -> None:
        """Show ``notices`` (the oldest on top); no layout when they are already shown."""
        if len(self.cards) < len(notices):
            self.add_cards(len(notices) - len(self.cards))
        for card, notice in itertools.zip_longest(self.cards, notices):
            if notice is not None:
                card.show_notice(notice)
            elif card.display:
                card.notice = None
                card.display = False
        self.display = bool(notices)


def notices_at_top(screen: Screen) -> bool:
    """Whether ``screen`` shows its notices at the top right, not the bottom right.

    A dialog (a modal screen) and a screen that sets ``NOTICES_AT_TOP`` keep their key
    hints, or their buttons, on their last lines, in the bottom right corner at 80×24
    where a notice would cover them: "Esc closes" hidden while the notice said "Saved".
    """
    return bool(getattr(screen, "NOTICES_AT_TOP", isinstance(screen, ModalScreen)))


class LiteralOutput:
    """App mixin (before ``App``): notifications as literal :class:`Notice` cards.

    Every ``notify`` of the app, its screens and widgets (theirs call the app's) and
    Textual's own comes here; it is safe from any thread, as Textual's is.
    """

    def __init__(self, *args: object, **kwargs: object) -> None:
        super().__init__(*args, **kwargs)  # type: ignore[call-arg]
        self._notice_list: list[Notice] = []
        """The notices on screen, the oldest first."""
        self._notice_timers: dict[int, Timer] = {}
        """Each notice's timeout, by its serial."""

    def on_mount(self) -> None:
        # (a signal takes subscribers once the app runs; the app's own on_mount, which
        # runs first, may have shown its first screen already)
        app = self._app()
        app.screen_change_signal.subscribe(app, self._screen_changed)
        if app.screen_stack:
            self._screen_changed(app.screen)

    def notify(
        self,
        message: str,
        *,
        title: str = "",
        severity: SeverityLevel = "information",
        timeout: float | None = None,
        markup: bool = True,
    ) -> None:
        """Show a notification; its message is always literal text (``markup`` is ignored)."""
        app = self._app()
        notice = Notice(
            clean_text(str(message)),
            clean_text(str(title)),
            severity,
            app.NOTIFICATION_TIMEOUT if timeout is None else timeout,
        )
        app.call_later(self._add_notice, notice)  # thread-safe, like Textual's Notify

    def clear_notifications(self) -> None:
        """Dismiss every notice."""
        self._notice_list.clear()
        for timer in self._notice_timers.values():
            timer.stop()
        self._notice_timers.clear()
        self._show_notices()

    def dismiss_notice(self, notice: Notice) -> None:
        """Take ``notice`` off the screen now (a click, or its time is up)."""
        notices = self._notice_list
        if notice in notices:
            notices.remove(notice)
        timer = self._notice_timers.pop(notice.serial, None)
        if timer is not None:
            timer.stop()
        self._show_notices()

    def take_back_notices(self, since: float, until: float) -> None:
        """Dismiss the notices raised between ``since`` and ``until`` (``time.monotonic``),
        once those still on their way are shown: they spoke of steps taken back."""

        def dismiss() -> None:
            for notice in self.notices:
                if since <= notice.raised <= until:
                    self.dismiss_notice(notice)

        self._app().call_later(dismiss)

    @property
    def notices(self) -> list[Notice]:
        """The notices on screen now, the oldest first."""
        return list(self._notice_list)

    # -- inside --------------------------------------------------------------------------

    def _app(self) -> App:
        assert isinstance(self, App)
        return self

    def _add_notice(self, notice: Notice) -> None:
        # The same notice again (undo pressed five times with nothing to undo) takes the
        # place of the one still shown, with its time starting again: five identical
        # cards stacked said nothing more and covered the screen.
        for shown in self._notice_list:
            if (shown.message, shown.title, shown.severity) == (
                notice.message,
                notice.title,
                notice.severity,
            ):
                self._notice_list.remove(shown)
                timer = self._notice_timers.pop(shown.serial, None)
                if timer is not None:
                    timer.stop()
                break
        self._notice_list.append(notice)
        left = notice.raised + notice.timeout - time.monotonic()
        self._notice_timers[notice.serial] = self._app().set_timer(
            max(left, 0.0), lambda: self.dismiss_notice(notice), name="notice"
        )
        self._show_notices()

    def _screen_changed(self, screen: Screen) -> None:
        # Right after the screen's first frame (not delaying it): the screen gets its rack,
        # with a card, so that its first notice mounts nothing; the notices up show there.
        screen.call_after_refresh(self._show_notices, screen)

    def _show_notices(self, screen: Screen | None = None) -> None:
        app = self._app()
        if screen is None:
            try:
                screen = app.screen
            except ScreenStackError:  # no screen yet (or any more): shown when one comes
                return
        elif not screen.is_current:
            return  # the current screen has its own turn
        if not screen.is_attached or not notifications_shown(screen):
            return
        for under in app.screen_stack:
            # A dialog shows the screen under it: that screen's cards, left up, showed
            # each notice a second time behind the dialog (where the dialog's rack is
            # not, at its top) — the current screen's rack alone shows them.
            if under is not screen:
                for rack in under.query_children(NoticeRack):
                    if rack.display:
                        rack.show_notices([])
        racks = list(screen.query_children(NoticeRack))
        if racks:
            rack = racks[0]
        else:
            rack = NoticeRack()
            # First among the screen's children, as Textual's toast rack: the compositor
            # numbers widgets from the last child, so a rack shown or hidden there leaves
            # the others' order (and their pixels) alone, and only its cards repaint.
            screen.mount(rack, before=0)
            rack.add_cards(1)  # the first notice mounts nothing
            rack.set_class(notices_at_top(screen), "-top")
        rack.show_notices(self._notice_list[-MAX_SHOWN:])
