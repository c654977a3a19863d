"""Applying the user's config to a running app: language, theme, keymap, author.

Call :func:`apply_language` before any screen is built (binding descriptions are taken
from the catalogue when a screen is created), then :func:`apply_to_app` in ``on_mount``.
"""

from __future__ import annotations

from textual.app import App

from featuretree.config import Config
from featuretree.i18n import detect_language, set_language, t


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
