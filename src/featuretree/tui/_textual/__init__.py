"""The one door to Textual's private API.

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
}
"""Every private module and name of Textual that this package uses."""
