"""The screen as the compositor would write it, for tests that read what a user sees."""

from __future__ import annotations

from textual.app import App
from textual.strip import Strip


def screen_strips(app: App) -> list[Strip]:
    """Every line of the active screen, composed from its widgets as for a full redraw."""
    return app.screen._compositor.render_strips()
