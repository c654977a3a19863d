"""The one door to Textual's private API: the workarounds that pay for themselves.

- ``compositor``: CJK in overlays survives the edges of the widgets under them.
- ``direct_lines`` / ``quiet_size``: the tree view's and detail panel's lines and row
  counts reach the screen without Textual's styles cache or a layout of the whole screen
  (measured with ``benchmarks/pty_keys.py`` at 100,000 nodes: without them a key costs
  the app 1.5–3× the CPU; see the closing notes of issue 12).
- ``keys``: the tree runs a key's bindings as it arrives; translated and keymap-safe
  bindings; a bar types the keys handed to it.
- ``render``: the composed screen and each frame written, for tests that read what a
  user sees.
- ``toast_layer``: the app's notices go on the layer Textual keeps for its toasts (a
  layer name, no private attribute; ``tests/tui/test_notices.py`` checks it is there).

Nothing else in featuretree imports a ``textual._*`` module or touches an underscored
name of Textual. Every private name used here is listed in :data:`PRIVATE_NAMES`, and
``tests/tui/test_textual_door.py`` checks that the installed Textual still has each of
them, so an upgrade that removes one fails in one named place instead of silently.
"""

from __future__ import annotations

PRIVATE_NAMES: dict[str, tuple[str, ...]] = {
    # module: the attributes we read, call or replace there (dotted for class members;
    # ``Class()`` for an attribute that only instances have)
    "textual._compositor": (
        "Compositor",
        "Compositor._render_chops",
        "Compositor._get_renders",
        "Compositor.cuts",
        "Compositor.render_strips",
    ),
    "textual.screen": ("Screen()._compositor",),
    "textual.app": (
        "App()._keymap",
        "App._check_bindings",
        "App._start_widget",
        "App._display",
        "App()._batch_count",
    ),
    "textual.dom": ("DOMNode()._bindings",),
    "textual.widget": (
        "Widget._forward_event",
        "Widget._set_dirty",
        "Widget._scroll_update",
        "Widget()._border_title",
        "Widget()._border_subtitle",
        "Widget()._vertical_scrollbar",
    ),
}
"""Every private module and name of Textual that this package uses."""
