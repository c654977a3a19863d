"""The screen as the compositor would write it, for tests that read what a user sees."""

from __future__ import annotations

from collections.abc import Callable

from rich.console import RenderableType
from textual.app import App
from textual.strip import Strip


def screen_strips(app: App) -> list[Strip]:
    """Every line of the active screen, composed from its widgets as for a full redraw."""
    return app.screen._compositor.render_strips()


def watch_frames(app: App, callback: Callable[[RenderableType], None]) -> None:
    """Call ``callback`` with each update ``app`` writes to the terminal (not batched ones).

    For tests that keep their own copy of the terminal and compare it with a clean render.
    """
    display = app._display

    def capture(screen, renderable) -> None:
        if renderable is not None and not app._batch_count:
            callback(renderable)
        display(screen, renderable)

    app._display = capture  # type: ignore[method-assign]
