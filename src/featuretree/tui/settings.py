"""Applying the user's config to a running app: language, theme, keymap, author.

Call :func:`apply_language` before any screen is built (binding descriptions are taken
from the catalogue when a screen is created), then :func:`apply_to_app` in ``on_mount``.
"""

from __future__ import annotations

import difflib
import unicodedata
from collections.abc import Iterable

from textual.app import App
from textual.keys import KEY_NAME_REPLACEMENTS, Keys

from featuretree.config import Config
from featuretree.i18n import detect_language, set_language, t

MODIFIERS = ("ctrl", "alt", "shift", "meta", "super", "hyper")
"""The modifiers a key in the keymap may have, before its last ``+``."""

_NAMED_KEYS = frozenset(
    key.value.rpartition("+")[2] for key in Keys if not key.value.startswith("<")
)
"""Keys a terminal sends by name (``insert``, ``f5``, ``pagedown``...), without modifiers."""


def apply_language(config: Config) -> str:
    """Choose the UI language from the config, else the environment; returns its code."""
    code = detect_language(config.language)
    set_language(code)
    return code


def apply_to_app(app: App, config: Config) -> list[str]:
    """Set the theme and keymap on ``app``; returns one-line warnings for what was ignored.

    The keymap is taken as it is: check it first with :func:`checked_keymap`.
    """
    warnings: list[str] = []
    if config.theme:
        if config.theme in app.available_themes:
            app.theme = config.theme
        else:
            warnings.append(t("app.unknown_theme", theme=config.theme))
    if config.keymap:
        app.set_keymap(config.keymap)
    return warnings


_SHOWN_AS = {
    "esc": "escape",
    "del": "delete",
    "ins": "insert",
    "pgup": "pageup",
    "pgdn": "pagedown",
    "return": "enter",
    "↑": "up",
    "↓": "down",
    "←": "left",
    "→": "right",
}
"""Keys as the help screen and the key bar show them (Esc, Del, PgDn, ↑), which a person
copies into the keymap: Textual's names for them."""


def _character_key(character: str) -> str | None:
    """The name Textual gives the key that types ``character`` (``#``: ``number_sign``)."""
    if character.isalnum():
        return character
    try:
        name = unicodedata.name(character).lower().replace("-", "_").replace(" ", "_")
    except ValueError:
        return None
    return KEY_NAME_REPLACEMENTS.get(name, name)


def _base_key(base: str, modified: bool) -> str | None:
    """``base`` (a key without modifiers) as Textual names it, or ``None`` for no key."""
    if base.lower() in _SHOWN_AS:
        return _SHOWN_AS[base.lower()]
    if len(base) == 1:
        # A letter alone keeps its case (``S`` is Shift+S); with Ctrl or Alt terminals
        # send the same key for both cases.
        return _character_key(base.lower() if modified else base)
    name = base.lower()
    if name in _NAMED_KEYS or name in KEY_NAME_REPLACEMENTS.values():
        return name
    try:
        character = unicodedata.lookup(name.replace("_", " "))
    except KeyError:
        return None
    return name if len(character) == 1 and _character_key(character) == name else None


def key_name(text: str) -> str | None:
    """One key of the keymap as Textual names it, or ``None`` when it names no key.

    People write keys as menus show them: ``Ctrl+S``, ``F5``, ``Insert``, ``#``, ``?``.
    Textual matches only its own names (``ctrl+s``, ``f5``, ``insert``, ``number_sign``,
    ``question_mark``), so those would bind a key no terminal ever sends.
    """
    text = text.strip()
    if text.endswith("++") or text == "+":  # the plus key itself
        text = text[:-1] + "plus"
    *modifiers, base = text.split("+")
    modifiers = [modifier.strip().lower() for modifier in modifiers]
    if not base.strip() or any(modifier not in MODIFIERS for modifier in modifiers):
        return None
    name = _base_key(base.strip(), modified=any(m != "shift" for m in modifiers))
    return "+".join([*modifiers, name]) if name is not None else None


def checked_keymap(
    keymap: dict[str, str], known_ids: Iterable[str]
) -> tuple[dict[str, str], list[str]]:
    """The config's keymap with every key in Textual's names, and a warning per entry left out.

    An id no binding has (a typo) and a key that names no key are left out, so that the
    action keeps its own key: a keymap entry Textual cannot match would take the default
    key away and leave the action on no key at all.
    """
    known = set(known_ids)
    checked: dict[str, str] = {}
    warnings: list[str] = []
    for binding_id, keys in keymap.items():
        if binding_id not in known:
            close = difflib.get_close_matches(binding_id, sorted(known), n=1, cutoff=0.6)
            warnings.append(
                t("app.keymap_unknown_id_close", id=binding_id, close=close[0])
                if close
                else t("app.keymap_unknown_id", id=binding_id)
            )
            continue
        names = []
        for key in keys.split(","):
            name = key_name(key)
            if name is None:
                warnings.append(t("app.keymap_not_a_key", id=binding_id, key=key.strip()))
            elif name not in names:
                names.append(name)
        if names:
            checked[binding_id] = ",".join(names)
    return checked, warnings
