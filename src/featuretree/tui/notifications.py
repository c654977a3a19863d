"""Text is data on screen too: every notification's message is shown literally.

Messages quote titles, paths and error texts, so :class:`LiteralOutput`, mixed into the
app, passes ``markup=False`` whatever the caller asked for. Control characters never
reach the screen from a document because they never reach the model: every reader,
operation and annotation model strips them on the way in (``model.text.clean_text``).
A message can also quote what came from outside without being imported (a path, an
operating-system error): that text is cleaned here, where it enters the screen.
"""

from __future__ import annotations

from textual.notifications import SeverityLevel

from featuretree.model.text import clean_text

__all__ = ["LiteralOutput"]


class LiteralOutput:
    """App mixin (before ``App``): notifications without markup."""

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
        super().notify(  # type: ignore[misc]
            clean_text(str(message)),
            title=clean_text(title),
            severity=severity,
            timeout=timeout,
            markup=False,
        )
