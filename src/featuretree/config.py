"""The user's settings: a TOML file in the platform's config folder.

``FEATURETREE_CONFIG`` names another file (tests, or several profiles). A broken or
unreadable file never stops the app: :func:`load_config` returns the defaults for whatever
it could not use, with one-line warnings that name the file and the problem.

Example::

    author = "林晓"
    theme = "textual-dark"
    language = "zh"          # "en", "zh" or "auto" (from LANG / LC_ALL)

    [keymap]                 # binding id = key, or several keys: "ctrl+n,f4"
    "tree.add_child" = "insert"
    "node.add_suggestion" = ["s", "ctrl+j"]
"""

from __future__ import annotations

import os
import re
import tomllib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import platformdirs

from featuretree.storage.atomic import WriteError, atomic_write

ENV_VAR = "FEATURETREE_CONFIG"
LANGUAGES = ("auto", "en", "zh")

DEFAULT_CONFIG = """\
# featuretree settings. Delete a line to get the default back.

# Your name, filled in as the author of new change-log entries, suggestions and
# revisions. Also set in the app: command palette (Ctrl+P) > "Your name".
# author = ""

# A Textual theme, e.g. "textual-dark", "textual-light", "nord", "gruvbox".
# theme = "textual-dark"

# UI language: "auto" (from LANG / LC_ALL), "en" or "zh" (简体中文).
language = "auto"

# The diagram view (v in the editor): "down" (org chart) or "right" (logic chart);
# leaves under one parent stacked in a column ("on") or in a row ("off"); plain ASCII
# lines for terminals that draw box-drawing characters two cells wide.
# diagram_direction = "down"
# diagram_stack = "on"
# diagram_ascii = false

# Remap any key by its binding id (see the help screen, ?). Several keys: "ctrl+n,f4".
[keymap]
# "tree.add_child" = "tab"
# "node.add_suggestion" = "s"
"""


@dataclass(frozen=True)
class Config:
    """Settings after validation; every field has a usable default."""

    author: str = ""
    theme: str | None = None
    language: str = "auto"
    keymap: dict[str, str] = field(default_factory=dict)
    """Binding id → comma-separated key string, as ``App.set_keymap`` takes it."""
    diagram_direction: str = "down"
    """The diagram view's direction: ``down`` (org chart) or ``right`` (logic chart)."""
    diagram_stack: bool = True
    """Leaves under one parent hang in a column (``"on"``/``true``) or sit in a row."""
    diagram_ascii: bool = False
    """Draw the diagram with ``+ - |`` (terminals that draw ``─`` two cells wide)."""


def config_path() -> Path:
    """Where the config file is (it may not exist yet)."""
    override = os.environ.get(ENV_VAR)
    if override:
        return Path(override).expanduser()
    return platformdirs.user_config_path("featuretree") / "config.toml"


class ConfigWarning(str):
    """One problem with the config file: the English line as the string (what a log or a
    test reads), :meth:`text` in the UI's language (what the editor shows).

    The file is read before the UI's language is known (the language is one of its
    settings), so the words are chosen when the warning is shown, not when it is made.
    """

    where: str
    key: str
    params: dict[str, object]

    def __new__(cls, where: str, key: str, english: str, /, **params: object) -> ConfigWarning:
        warning = super().__new__(cls, f"{where}: {english}")
        warning.where, warning.key, warning.params = where, key, params
        return warning

    def text(self) -> str:
        """The warning in the UI's language, naming the file."""
        from featuretree.i18n import t

        return t("app.config_warning", path=self.where, problem=t(self.key, **self.params))


def _keymap(raw: Any, warn) -> dict[str, str]:
    if not isinstance(raw, dict):
        warn("config.problem.keymap_table", "[keymap] must be a table of binding id = key")
        return {}
    keymap: dict[str, str] = {}
    for binding_id, keys in raw.items():
        if isinstance(keys, str):
            keys = [part for part in keys.split(",")]
        if not isinstance(keys, list) or not all(isinstance(k, str) for k in keys):
            warn(
                "config.problem.keymap_string",
                f'keymap {binding_id!r}: give a key as a string, e.g. "ctrl+n"',
                id=binding_id,
            )
            continue
        keys = [k.strip() for k in keys if k.strip()]
        if not keys or any(" " in k for k in keys):
            written = ",".join(keys)
            warn(
                "config.problem.keymap_not_key",
                f"keymap {binding_id!r}: {written or 'empty'} is not a key",
                id=binding_id,
                keys=written,
            )
            continue
        keymap[str(binding_id)] = ",".join(keys)
    return keymap


DIAGRAM_KEYS = ("diagram_direction", "diagram_stack", "diagram_ascii")
_SWITCH = {True: True, False: False, "on": True, "off": False, "true": True, "false": False}


def _diagram_settings(data: dict[str, Any], values: dict[str, Any], warn) -> None:
    """The diagram view's settings; a switch is ``true``/``false`` or ``"on"``/``"off"``
    (the palette writes the strings, as :func:`save_setting` writes strings)."""
    if "diagram_direction" in data:
        direction = data["diagram_direction"]
        if isinstance(direction, str) and direction.strip().lower() in ("down", "right"):
            values["diagram_direction"] = direction.strip().lower()
        else:
            warn(
                "config.problem.direction",
                f'diagram_direction must be "down" or "right", not {direction!r}',
                value=repr(direction),
            )
    for key in ("diagram_stack", "diagram_ascii"):
        if key in data:
            raw = data[key]
            choice = _SWITCH.get(raw.strip().lower() if isinstance(raw, str) else raw)
            if isinstance(raw, bool | str) and choice is not None:
                values[key] = choice
            else:
                warn(
                    "config.problem.switch",
                    f'{key} must be true or false ("on" or "off"), not {raw!r}',
                    key=key,
                    value=repr(raw),
                )


def parse_config(text: str, where: str = "config") -> tuple[Config, list[str]]:
    """Validate TOML ``text``; problems become warnings prefixed with ``where``
    (:class:`ConfigWarning`: English as strings, in the UI's language by ``text()``)."""
    warnings: list[str] = []

    def warn(key: str, english: str, /, **params: object) -> None:
        warnings.append(ConfigWarning(where, key, english, **params))

    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        warn("config.problem.not_toml", f"not valid TOML ({exc}); using the defaults", detail=exc)
        return Config(), warnings
    values: dict[str, Any] = {}
    for key in ("author", "theme"):
        if key in data:
            if isinstance(data[key], str):
                values[key] = data[key].strip() or (None if key == "theme" else "")
            else:
                warn("config.problem.not_string", f"{key} must be a string", key=key)
    if "language" in data:
        language = data["language"]
        if isinstance(language, str) and language.strip().lower() in LANGUAGES:
            values["language"] = language.strip().lower()
        else:
            choices = ", ".join(LANGUAGES)
            warn(
                "config.problem.language",
                f"language must be one of {choices}, not {language!r}",
                choices=choices,
                value=repr(language),
            )
    if "keymap" in data:
        values["keymap"] = _keymap(data["keymap"], warn)
    _diagram_settings(data, values, warn)
    for key in sorted(data.keys() - {"author", "theme", "language", "keymap", *DIAGRAM_KEYS}):
        warn("config.problem.unknown_setting", f"unknown setting {key!r} (ignored)", key=key)
    return Config(**values), warnings


def load_config(path: Path | None = None) -> tuple[Config, list[str]]:
    """The settings from ``path`` (default :func:`config_path`) and one-line warnings.

    A missing file is not a problem (defaults, no warning); an unreadable or invalid
    one gives the defaults for what could not be used, never an exception.
    """
    path = path or config_path()
    try:
        data = path.read_bytes()
    except FileNotFoundError:
        return Config(), []
    except OSError as exc:
        error = exc.strerror or str(exc)
        english = f"cannot read ({error}); using the defaults"
        return Config(), [
            ConfigWarning(str(path), "config.problem.cannot_read", english, error=error)
        ]
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        english = "not UTF-8 text; using the defaults"
        return Config(), [ConfigWarning(str(path), "config.problem.not_utf8", english)]
    return parse_config(text, str(path))


def write_default_config(path: Path | None = None, *, overwrite: bool = False) -> Path:
    """Write a commented default config (unless one exists) and return its path.

    Raises :class:`featuretree.storage.atomic.WriteError` when it cannot be written.
    """
    path = path or config_path()
    if path.exists() and not overwrite:
        return path
    path.parent.mkdir(parents=True, exist_ok=True)
    atomic_write(path, DEFAULT_CONFIG.encode("utf-8"))
    return path


_TABLE_HEADER = re.compile(r"^\s*\[")


def _toml_string(value: str) -> str:
    """``value`` as a TOML basic string (control characters escaped, CJK kept as is)."""
    out = ['"']
    for ch in value:
        if ch in '"\\':
            out.append("\\" + ch)
        elif (ord(ch) < 0x20 and ch != "\t") or ord(ch) == 0x7F:
            out.append(f"\\u{ord(ch):04X}")
        else:
            out.append(ch)
    out.append('"')
    return "".join(out)


def _with_setting(text: str, name: str, value: str) -> str:
    """``text`` with the top-level line ``name = "value"`` set; every other line kept.

    An existing ``name = ...`` line is replaced; otherwise the line goes after the
    commented example (``# author = ""``) or before the first table (top-level keys
    must come before any ``[table]`` in TOML).
    """
    lines = text.splitlines(keepends=True)
    if lines and not lines[-1].endswith(("\n", "\r")):
        lines[-1] += "\n"
    line = f"{name} = {_toml_string(value)}\n"
    top = next((i for i, ln in enumerate(lines) if _TABLE_HEADER.match(ln)), len(lines))
    setting = re.compile(rf"^\s*{re.escape(name)}\s*=")
    example = re.compile(rf"^\s*#\s*{re.escape(name)}\s*=")
    for i in range(top):
        if setting.match(lines[i]):
            lines[i] = line
            return "".join(lines)
    for i in range(top):
        if example.match(lines[i]):
            lines.insert(i + 1, line)
            return "".join(lines)
    # Before the table's own comment lines, not between them and the table.
    at = top
    while at > 0 and top < len(lines) and lines[at - 1].lstrip().startswith("#"):
        at -= 1
    lines.insert(at, line)
    return "".join(lines)


def save_setting(name: str, value: str, path: Path | None = None) -> Path:
    """Set the top-level string setting ``name`` (e.g. ``author``) in the config file.

    The rest of the file stays as the user wrote it (comments, order, keymap); a missing
    file is created from the commented default. The write is atomic. Raises
    :class:`~featuretree.storage.atomic.WriteError` with a one-line message when the
    file cannot be read, is not valid TOML (it is left alone: the user's text is not
    guessed at), or cannot be written. Returns the file's path.
    """
    path = path or config_path()
    try:
        text = path.read_bytes().decode("utf-8-sig")
    except FileNotFoundError:
        text = DEFAULT_CONFIG
    except OSError as exc:
        raise WriteError(f"cannot read {path} ({exc.strerror or exc})", path=path) from None
    except UnicodeDecodeError:
        raise WriteError(f"{path} is not UTF-8 text; fix or delete it first", path=path) from None
    try:
        before = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise WriteError(
            f"{path} is not valid TOML ({exc}); fix or delete it first", path=path
        ) from None
    updated = _with_setting(text, name, value)
    try:
        after = tomllib.loads(updated)
    except tomllib.TOMLDecodeError:
        after = None
    if after != {**before, name: value}:  # e.g. a value written over several lines
        raise WriteError(
            f"cannot set {name} in {path} without changing other lines; "
            f"write {name} = {_toml_string(value)} there yourself",
            path=path,
        )
    path.parent.mkdir(parents=True, exist_ok=True)
    atomic_write(path, updated.encode("utf-8"))
    return path
