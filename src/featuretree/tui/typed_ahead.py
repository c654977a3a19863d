"""Keys typed right after the key that opened a screen or a bar, typed there.

Keys that reach the app together (a busy moment, an IME commit, a fast typist) are all
sent to the widget that had the focus: the tree. When the first of them opens a form,
the notes editor or the search/filter bar, the others would be lost on the tree or run
its commands; :func:`hand_over_early_key` passes each on instead, to the new screen
(:meth:`TypedAhead.take_key`, which types them in order once it has its focus) or to
the bar (``_Bar.take_key``). While a new screen is opening, the app hands it the keys
it receives too (``FeatureTreeApp.on_event``), so nothing overtakes them.

:class:`BindingsFirst` is how the outline and the diagram take such bursts: they run a
key's bindings the moment it reaches them, not once it has bubbled up to the app.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Protocol, cast

from textual import events
from textual.binding import BindingsMap, Keymap
from textual.screen import Screen
from textual.widgets import Input

from featuretree.model.text import is_typed_text
from featuretree.tui._textual.keys import (
    app_keymap,
    forward_key,
    node_bindings,
    run_bindings_chain,
    run_bindings_from,
)

if TYPE_CHECKING:
    from textual.app import App
    from textual.widget import Widget


class KeyTaker(Protocol):
    """Something that types a key which reached another widget first."""

    def take_key(self, event: events.Key) -> None:
        """Handle ``event``, a key that reached the tree."""


class KeyWidget(Protocol):
    """A widget keys reach first (the outline, the diagram), as :func:`hand_over_early_key`
    sees it."""

    @property
    def app(self) -> App: ...

    @property
    def screen(self) -> Screen: ...

    key_owner: Callable[[], KeyTaker | None] | None


def hand_over_early_key(tree: KeyWidget, event: events.Key) -> bool:
    """Pass ``event`` on when it belongs elsewhere; True when the tree is done with it.

    It belongs to the screen on top when the key before it opened one (a form, the
    notes editor: its ``take_key`` types it, and other screens drop it), and to a bar
    the key before it opened (``tree.key_owner``).
    """
    if tree.app.screen is not tree.screen:
        take = getattr(tree.app.screen, "take_key", None)
    else:
        owner = tree.key_owner() if tree.key_owner is not None else None
        if owner is None:
            return False
        take = owner.take_key
    if take is not None:
        event.stop()
        event.prevent_default()
        take(event)
    return True


def starts_typing(character: str | None) -> bool:
    """Whether a key with no binding starts typing a node's title: a character outside
    ASCII (Chinese, full-width punctuation, U+3000...) or a Latin letter no command
    takes (``S`` of "SKU 管理", ``A`` of "App 开通"). Digits and punctuation stay keys."""
    if not character or len(character) != 1:
        return bool(character) and not character.isascii() and is_typed_text(character)
    if character.isascii():
        return character.isalpha()
    return is_typed_text(character)


def _is_letter(character: str | None) -> bool:
    return bool(character) and len(character) == 1 and character.isascii() and character.isalpha()


WORD_GAP = 1.0
"""Seconds between two keys of a word typed on a node (a typist's are 0.1-0.3 s)."""


@dataclass
class _Word:
    """Letters typed on a node that ran as commands (``p`` cycled a priority, ``k``
    moved the cursor), and what taking them back needs: the node the first was typed
    on and the steps they made."""

    node: object
    named: str | None = None
    """The node whose new title Enter kept just before the first letter (see below)."""
    letters: str = ""
    steps: list[object] = field(default_factory=list)
    started: float = 0.0
    """When the first was typed: the notices their commands showed since ("优先级：P0")
    are taken back with them."""
    last: float = 0.0


class _WordKeys(Protocol):
    def fold_shape(self) -> object: ...

    def put_cursor_back(self, node) -> None: ...


class _TitleTyping(Protocol):
    async def on_key(self, event: events.Key) -> None: ...


class BindingsFirst:
    """Mixin for a widget that runs a key's bindings the moment the key reaches it.

    Keys typed right after Enter or Tab must land in the title editor that binding
    opens, and keys right after "/" in the search bar, not race ahead of them: so the
    outline and the diagram run the bindings themselves (their own, then the screen's
    and the app's, as ``App._on_key`` would once the key got there) instead of letting
    the key bubble up first.
    """

    key_owner: Callable[[], KeyTaker | None] | None = None
    """Asked before every key: a bar that takes the keys reaching the widget now."""
    _keyed: tuple[Keymap, BindingsMap] | None = None
    _word: _Word | None = None
    """The letters typed just before on a node that ran as commands (see below)."""

    async def run_bindings_first(self, event: events.Key) -> None:
        """Hand ``event`` over (:func:`hand_over_early_key`) or run its binding now; a
        character with no binding that :func:`starts_typing` renames the node with it.

        A PM types "PDA扫码", "App开通" or "SKU" on a node: Latin letters, some of them
        commands (``p`` cycles a priority). While letters come in a burst and each one's
        command only changed a value or moved the cursor, they are remembered; when a
        letter no command takes or a Chinese character follows, the burst was a title:
        its commands are taken back (their steps withdrawn, the cursor put back) and the
        node is renamed with all the letters typed. Before, "PDA扫码" became "扫码" and
        the node's suggestion silently went from P1 to P0.
        """
        word, self._word = self._word, None
        widget = cast("Widget", self)
        screen = widget.screen
        named = getattr(screen, "just_named", None)
        if named is not None:
            screen.just_named = None  # type: ignore[attr-defined]
        if hand_over_early_key(cast("KeyWidget", self), event):  # typed after "/", "s"...
            return
        now = time.monotonic()
        if word is not None and now - word.last > WORD_GAP:
            word = None
        if word is not None:
            named = word.named
        before = self._word_state() if _is_letter(event.character) else None
        if await self._run_key_bindings(event):
            if before is not None:
                letter = event.character or ""
                self._word = self._grown_word(word, before, letter, now, named)
            return
        if not starts_typing(event.character):
            return
        # Text typed on a node (an IME commit, a letter no command takes) is never a
        # command: it starts renaming the node and is typed into the title, which is all
        # selected, so it replaces it, as typing on a topic does in XMind. Dropped, as
        # before, the user's words were lost without a sign.
        event.stop()
        event.prevent_default()
        letters = word.letters if word is not None and self._take_back(word) else ""
        cursor = getattr(self, "cursor_node", None)
        if named is not None and cursor is not None and cursor.id == named:
            # Typed right after Enter kept a new node's title: the next item of the list
            # being typed, as Enter again would add it. Typed over the title just typed,
            # that title was silently lost.
            await widget.app.run_action("screen.add_sibling", widget)
        else:
            await widget.app.run_action("screen.edit_title", widget)
        if getattr(self, "editing", None) is None:  # no title opened (the root is fixed…)
            return
        typing = cast("_TitleTyping", self)
        for char in letters:
            await typing.on_key(events.Key(char, char))
        await typing.on_key(event)

    async def _run_key_bindings(self, event: events.Key) -> bool:
        """Run the binding of ``event`` (the widget's own, then the screen's and app's);
        True when one ran."""
        widget = cast("Widget", self)
        for binding in self._keyed_bindings().key_to_bindings.get(event.key, ()):
            if not binding.priority and await widget.app.run_action(binding.action, widget):
                event.stop()
                event.prevent_default()
                return True
        # The screen's and app's bindings, as App._on_key would run them once the key
        # got there (the same chain, from the focus up).
        if await run_bindings_chain(widget.app, event.key):
            event.stop()
            event.prevent_default()
            return True
        return False

    def _word_state(self) -> tuple[object, ...]:
        """What a letter's command may change and still be taken back: the screen on top
        and whether a title is open (``e`` opens one: its letter is no text), the focus,
        the folds (these must stay), the last undo step and the cursor's node."""
        widget = cast("Widget", self)
        history = getattr(widget.screen, "history", None)
        return (
            (widget.app.screen, getattr(widget.screen, "is_typing", False)),
            widget.screen.focused,
            cast("_WordKeys", self).fold_shape(),
            history.last if history is not None else None,
            getattr(self, "cursor_node", None),
        )

    def _grown_word(
        self,
        word: _Word | None,
        before: tuple[object, ...],
        letter: str,
        now: float,
        named: str | None,
    ) -> _Word | None:
        """``word`` with ``letter`` added when its command can be taken back, else None."""
        after = self._word_state()
        if after[:3] != before[:3]:
            return None  # a screen or bar opened, the focus or the folds changed
        if word is None:
            word = _Word(node=before[4], named=named, started=now)  # its first letter
        if after[3] is not before[3]:
            if len(word.steps) >= 16:
                return None  # no title is that long: the user means the commands
            word.steps.append(after[3])
        word.letters += letter
        word.last = now
        return word

    def _take_back(self, word: _Word) -> bool:
        """Withdraw the steps the letters of ``word`` made and put the cursor back on
        the node they were typed on; False (nothing taken back) when another step came
        in between."""
        widget = cast("Widget", self)
        history = getattr(widget.screen, "history", None)
        if word.steps:
            if history is None or history.last is not word.steps[-1]:
                return False
            for step in reversed(word.steps):
                if history.last is not step:
                    return False
                history.withdraw()
        node = word.node
        if node is not None and getattr(self, "cursor_node", None) is not node:
            cast("_WordKeys", self).put_cursor_back(node)
        take_back = getattr(widget.app, "take_back_notices", None)
        if take_back is not None:  # "优先级：P0" said of a change that is no more
            take_back(word.started, time.monotonic())
        return True

    def _keyed_bindings(self) -> BindingsMap:
        """The widget's bindings with the app's keymap (the config's remapping) applied."""
        widget = cast("Widget", self)
        keymap = app_keymap(widget.app)
        if not keymap:
            return node_bindings(widget)
        if self._keyed is None or self._keyed[0] is not keymap:
            bindings = node_bindings(widget).copy()
            bindings.apply_keymap(keymap)
            self._keyed = (keymap, bindings)
        return self._keyed[1]


class HandsKeysOn:
    """Mixin for a list or table with keys that open a screen (``e``: a form) or put the
    cursor in a text field of its own screen (``o`` on the start screen, ``/`` on the
    board).

    The keys typed behind such a key reach the list first, in one burst (the app sends
    each to the focus it sees, and the binding runs only once the key bubbled up): they
    were lost, or ran the list's own commands. Here the list runs a key's bindings the
    moment it takes it (its own, its screen's, the app's) and hands every key after one
    that opened a screen to that screen (:meth:`TypedAhead.take_key`), and every key
    after one that moved the focus to a field to the field, in order. Such a binding
    must move the focus at once (``set_focus``).
    """

    async def on_key(self, event: events.Key) -> None:
        """Hand ``event`` on to where the key before it went, or run its bindings now."""
        from textual.widgets import TextArea  # imported when first needed

        widget = cast("Widget", self)
        top = widget.app.screen
        focused = widget.screen.focused
        if top is not widget.screen:
            take = getattr(top, "take_key", None)
            if take is not None:
                event.stop()
                event.prevent_default()
                take(event)
        elif focused is not widget and isinstance(focused, (Input, TextArea)):
            event.stop()
            event.prevent_default()
            forward_key(focused, events.Key(event.key, event.character))
        elif await run_bindings_from(widget, event.key):
            event.stop()
            event.prevent_default()


class TypedAhead(Screen):
    """A screen that takes the keys typed just after the key that opened it.

    From the moment it is made until its first frame is up and those keys are typed,
    every key meant for it waits in one queue, ordered by when the terminal sent it: the
    ones the tree handed over (:meth:`take_key`) and the ones the app received meanwhile
    (the app asks :attr:`taking_keys`). Each is then typed where the focus is *at that
    moment*: Tab moves to the next field before the characters after it are typed, so a
    burst like ``AI summary⇥9.1⇥Li`` fills three fields, as it would typed slowly.
    """

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self._typed_ahead: list[events.Key | events.Paste] | None = []
        self._typing = False

    @property
    def taking_keys(self) -> bool:
        """True until the keys typed while the screen opened have all been typed."""
        return self._typed_ahead is not None

    def on_mount(self) -> None:
        # By the first frame the screen is composed and its first field has the focus.
        self.call_after_refresh(self._type_ahead)

    def take_key(self, event: events.Key | events.Paste) -> None:
        """Type ``event`` here (a key or paste that reached the tree or the app first),
        in the order the terminal sent it."""
        queue = self._typed_ahead
        if queue is None:  # all typed already: type it now
            queue = self._typed_ahead = []
            self.call_later(self._type_ahead)
        position = len(queue)
        while position and queue[position - 1].time > event.time:
            position -= 1
        queue.insert(position, event)

    async def _type_ahead(self) -> None:
        if self._typing:
            return
        self._typing = True
        try:
            while self._typed_ahead and self.is_attached:
                top = self.app.screen
                if top is not self and isinstance(top, TypedAhead):
                    # A key before these opened another screen (Ctrl+E on the board):
                    # the rest were typed after it, so they are that screen's.
                    for event in self._typed_ahead:
                        top.take_key(event)
                    self._typed_ahead.clear()
                    break
                await type_key(self, self._typed_ahead.pop(0))
        finally:
            self._typing = False
            self._typed_ahead = None


async def type_key(screen: Screen, event: events.Key | events.Paste) -> None:
    """Type ``event`` on ``screen`` as the app would deliver it, at once: priority
    bindings, then text into the focused field, then the other bindings (focused widget
    first), and anything else to the focused widget."""
    from textual.widgets import TextArea  # imported when first needed, not at start-up

    focused = screen.focused
    if isinstance(event, events.Paste):
        if isinstance(focused, TextArea):
            focused.insert(event.text)
        elif isinstance(focused, Input):
            focused.insert_text_at_cursor(event.text)
        return
    active = screen.active_bindings.get(event.key)
    if active is not None and active.binding.priority and active.enabled:
        await screen.app.run_action(active.binding.action, active.node)
        return
    text = event.character if is_typed_text(event.character) else None
    if isinstance(focused, TextArea) and (text or event.key == "enter"):
        focused.insert(text or "\n")
        return
    if isinstance(focused, Input) and text:
        # Over the selection, as a typed key (a suggested path starts selected).
        type_text = getattr(focused, "type_text", None)
        if type_text is not None:
            type_text(text)
        else:
            focused.insert_text_at_cursor(text)
        return
    if active is not None and active.enabled:
        await screen.app.run_action(active.binding.action, active.node)
    elif focused is not None:
        focused.post_message(events.Key(event.key, event.character))
