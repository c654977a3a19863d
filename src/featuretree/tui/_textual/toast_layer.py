"""The layer Textual gives its toasts, for the app's own notices (tui/notifications.py).

Every screen of an app with notifications on has a layer over all others but tooltips,
``_toastrack`` (``Screen.layers``), for Textual's ``ToastRack``. The app's notice rack
goes on that layer: over the screen's own layers (the editor's search bars), under the
tooltips, without every screen having to declare a layer of its own. An app run by
``App.run_test()`` without ``notifications=True`` has no such layer and, like Textual,
shows no notices.
"""

from __future__ import annotations

from textual.screen import Screen

TOAST_LAYER = "_toastrack"
"""The name of Textual's toast layer (``Screen.layers``)."""


def notifications_shown(screen: Screen) -> bool:
    """Whether ``screen`` shows notifications (it has the toast layer)."""
    return TOAST_LAYER in screen.layers
