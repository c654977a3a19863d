"""Applying the user's config to a running app: language, theme, keymap, author.

Call :func:`apply_language` before any screen is built (binding descriptions are taken
from the catalogue when a screen is created), then :func:`apply_to_app` in ``on_mount``.
:class:`AuthorForm` (command palette, "Your name") sets the author remembered in the
config file, which every form offers as the author of a new entry.
"""

from __future__ import annotations

import dataclasses
from typing import Any

from rich.text import Text
from textual.app import App, ComposeResult
from textual.widgets import Input, Static

from featuretree.config import Config, config_path, save_setting
from featuretree.i18n import detect_language, set_language, t
from featuretree.model.annotations import DocumentMeta
from featuretree.storage.atomic import WriteError
from featuretree.tui.screens.forms import AnnotationForm


def apply_language(config: Config) -> str:
    """Choose the UI language from the config, else the environment; returns its code."""
    code = detect_language(config.language)
    set_language(code)
    return code


def apply_to_app(app: App, config: Config) -> list[str]:
    """Set the theme and keymap on ``app``; returns one-line warnings for what was ignored."""
    warnings: list[str] = []
    if config.theme:
        if config.theme in app.available_themes:
            app.theme = config.theme
        else:
            warnings.append(t("app.unknown_theme", theme=config.theme))
    if config.keymap:
        app.set_keymap(config.keymap)
    return warnings


class AuthorForm(AnnotationForm):
    """ "Your name": the default author of new change-log entries, suggestions and
    revisions, remembered in the config file. Dismisses with ``{"author": name}``."""

    def __init__(self, author: str = "") -> None:
        super().__init__(t("form.your_name.title"))
        self.author = author

    def compose_fields(self) -> ComposeResult:
        yield self.row(t("form.your_name.label"), Input(self.author, id="author"))
        # a Static wraps (the path can be long); a Label would cut it at the form's edge
        yield Static(Text(t("form.your_name.explain", path=str(config_path()))), classes="hint")

    def collect(self) -> dict[str, Any] | None:
        fields = {"author": self.value("author")}
        # the same check as the document's own author (one line, no control characters)
        if not self.validated(DocumentMeta, fields):
            return None
        return fields


def remember_author(app: App, author: str) -> bool:
    """Write ``author`` to the config file and use it from now on, in every open editor.

    Says on screen what happened (where it was saved, or why it could not be); returns
    False when the file could not be written (the running app then keeps the old name).
    """
    try:
        path = save_setting("author", author)
    except WriteError as exc:
        app.notify(
            str(exc),
            title=t("form.your_name.not_saved"),
            severity="error",
            timeout=10,
            markup=False,
        )
        return False
    config = getattr(app, "config", None)
    if isinstance(config, Config):
        app.config = dataclasses.replace(config, author=author)  # type: ignore[attr-defined]
    for screen in app.screen_stack:  # every editor's forms offer the new name
        actions = getattr(screen, "annotations", None)
        if actions is not None and hasattr(actions, "author"):
            actions.author = author
    message = "form.your_name.saved" if author else "form.your_name.cleared"
    app.notify(t(message, author=author, path=str(path)), timeout=5, markup=False)
    return True
