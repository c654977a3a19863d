"""Keys and bindings where Textual has no public way to do what the editor needs.

- The tree runs the bindings of a key itself, the moment the key arrives, instead of
  when the key has bubbled up to the app: keys typed right after Enter or Tab must land
  in the title editor that binding opens, not race ahead of it (``TreeView.on_key``).
  For that it needs the app's keymap and the bindings chain of the focused widget.
- Binding descriptions are translated per instance (``tui/bindings.py``), and the
  editor's bindings are made keymap-safe where two share a key (``SharedKeyBindings``):
  both replace a node's bindings map.
- A text field runs its editing keys' bindings (Ctrl+U, Backspace...) the moment it takes
  the key, on the chain from itself up (``widgets/text_field.py``): the focus may have
  moved on by the time the key would bubble up to the app.
- A bar that opens in the middle of a burst types the keys the tree received into its
  text field, marked as forwarded as the app delivers them.
"""

from __future__ import annotations

from textual import events
from textual.app import App
from textual.binding import BindingsMap, Keymap
from textual.dom import DOMNode
from textual.keys import key_to_character
from textual.widget import Widget


def app_keymap(app: App) -> Keymap:
    """The keymap the app applies (the config's remapping); ``{}`` when none."""
    return app._keymap


def node_bindings(node: DOMNode) -> BindingsMap:
    """The bindings map of ``node`` (its class's bindings, copied per instance)."""
    return node._bindings


def set_node_bindings(node: DOMNode, bindings: BindingsMap) -> None:
    """Give ``node`` another bindings map (translated, or keymap-safe)."""
    node._bindings = bindings


async def run_bindings_chain(app: App, key: str) -> bool:
    """Run ``key``'s binding on the focus chain as the app would once the key bubbled up;
    True when one ran."""
    return await app._check_bindings(key)


async def run_bindings_from(widget: Widget, key: str) -> bool:
    """Run ``key``'s binding on the chain from ``widget`` up (its containers, the screen,
    the app unless the screen is modal), as the app would once the key bubbled up if
    ``widget`` still had the focus; True when one ran. Priority bindings are not run
    (the app ran them when the key arrived)."""
    app = widget.app
    keymap = app_keymap(app)
    consumers: list[DOMNode] = []  # keys one of these types as text are not bindings above it
    character = key_to_character(key)
    for node in widget.ancestors_with_self:
        bindings = node_bindings(node)
        if keymap:
            bindings = bindings.copy()
            bindings.apply_keymap(keymap)
        if not any(consumer.check_consume_key(key, character) for consumer in consumers):
            for binding in bindings.key_to_bindings.get(key, ()):
                if not binding.priority and await app.run_action(binding.action, node):
                    return True
        consumers.append(node)
        if node.is_modal:
            break
    return False


def forward_key(widget: Widget, event: events.Key) -> None:
    """Deliver ``event`` to ``widget`` as the app delivers keys (marked as forwarded)."""
    widget._forward_event(event)
