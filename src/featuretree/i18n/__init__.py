"""The UI's words in English and 简体中文: ``t("key", name=value)``.

The language is chosen once at start-up with :func:`set_language` (the app passes the
config's ``language``; ``None`` or ``"auto"`` looks at LC_ALL, LC_MESSAGES and LANG, and
``zh*`` there means 简体中文). Anything else falls back to English, key by key.

Operation errors (:class:`featuretree.operations.OperationError`) are raised with English
messages; :func:`error_text` translates them. It prefers a stable ``code`` attribute on the
exception (``error.<code>`` in the catalogue, with ``params``) if the operations layer
ever adds one, and otherwise recognizes the message against the English ``error.*``
templates, so the operations layer keeps plain English strings and no UI dependency.
"""

from __future__ import annotations

import os
import re
import string
from collections.abc import Mapping
from functools import lru_cache

from featuretree.i18n.catalog_en import MESSAGES as EN
from featuretree.i18n.catalog_zh import MESSAGES as ZH

CATALOGUES: dict[str, dict[str, str]] = {"en": EN, "zh": ZH}
"""Every language by code; ``en`` is the reference and the fallback."""

LANGUAGE_NAMES = {"en": "English", "zh": "简体中文"}

_current = "en"


def normalize_language(value: str | None) -> str | None:
    """``"zh_CN.UTF-8"`` → ``"zh"``, ``"en_US"`` → ``"en"``; ``None`` for auto/unknown values."""
    if not value:
        return None
    code = value.strip().lower().replace("-", "_")
    if code in ("", "auto", "c", "posix"):
        return None if code == "auto" or code == "" else "en"
    code = code.split(".")[0].split("@")[0].split("_")[0]
    return code if code in CATALOGUES else None


def detect_language(configured: str | None = None, environ: Mapping[str, str] | None = None) -> str:
    """The UI language: ``configured`` if it names a known one, else the locale, else English.

    Locale variables are read the way POSIX does for messages: LC_ALL, then LC_MESSAGES,
    then LANG, the first one that is set deciding.
    """
    chosen = normalize_language(configured)
    if chosen:
        return chosen
    env = os.environ if environ is None else environ
    for name in ("LC_ALL", "LC_MESSAGES", "LANG"):
        value = env.get(name)
        if value:
            return normalize_language(value) or "en"
    return "en"


def set_language(code: str) -> None:
    """Use ``code`` (``"en"``, ``"zh"``, or a locale like ``"zh_CN"``) from now on."""
    global _current
    _current = normalize_language(code) or "en"


def current_language() -> str:
    """The code of the language in use."""
    return _current


# ``{count|node|nodes}``: the word for ``count``, singular when it is 1 (English needs it;
# Chinese has no plural and writes just ``个节点``).
_PLURAL = re.compile(r"\{(\w+)\|([^{}|]*)\|([^{}|]*)\}")


def _plural_forms(template: str, params: Mapping[str, object]) -> str:
    def choose(match: re.Match[str]) -> str:
        value = params.get(match.group(1))
        one = value == 1 and not isinstance(value, bool)
        return (match.group(2) if one else match.group(3)).replace("{", "{{").replace("}", "}}")

    return _PLURAL.sub(choose, template)


def t(key: str, /, **params: object) -> str:
    """The text for ``key`` in the current language, with ``{placeholders}`` filled in.

    ``{count|node|nodes}`` in a template is the word for the number ``count``: "1 node",
    "2 nodes". A key missing from the language falls back to English, and one missing
    there shows as the key itself: a forgotten string is visible in the UI, never a crash.
    """
    return _text(_current, key, params)


def _text(language: str, key: str, params: Mapping[str, object]) -> str:
    template = CATALOGUES[language].get(key)
    if template is None:
        template = EN.get(key, key)
    if not params:
        return template
    if "|" in template:
        template = _plural_forms(template, params)
    try:
        return template.format(**params)
    except (KeyError, IndexError, ValueError):
        return template


def text_in(language: str | None, key: str, /, **params: object) -> str:
    """Like :func:`t`, in ``language`` (a code such as ``"zh"``) whatever the UI speaks.

    For output that follows a document rather than the user (a PRD export).
    """
    return _text(normalize_language(language) or "en", key, params)


def plural(count: int, word: str, words: str | None = None) -> str:
    """``"1 node"``, ``"2 nodes"``: a count with its English noun."""
    noun = word if count == 1 else (words or f"{word}s")
    return f"{count} {noun}"


def placeholders(template: str) -> set[str]:
    """The ``{names}`` a catalogue string expects (a plural choice counts as its number)."""
    return {name.split("|")[0] for _, name, _, _ in string.Formatter().parse(template) if name}


def binding_description(binding_id: str) -> str:
    """What the footer, help and command palette say for the binding ``binding_id``.

    ``tree.level_3`` and its siblings share one text with the level as a parameter.
    """
    head, _, level = binding_id.rpartition("_")
    if head == "tree.level" and level.isdigit():
        return t("binding.tree.level", level=level)
    return t(f"binding.{binding_id}")


def status_label(value: str) -> str:
    """A feature status (``"new"``...) as shown to the user."""
    return t(f"status.{value}")


def suggestion_status_label(value: str) -> str:
    """A suggestion status (``"in_progress"``...) as shown to the user."""
    return t(f"sstatus.{value}")


@lru_cache(maxsize=1)
def _error_patterns() -> list[tuple[str, re.Pattern[str]]]:
    patterns = []
    for key, template in EN.items():
        if not key.startswith("error."):
            continue
        regex = ""
        for literal, name, _, _ in string.Formatter().parse(template):
            regex += re.escape(literal)
            if name:
                regex += f"(?P<{name}>.+?)"
        patterns.append((key, re.compile(regex, re.DOTALL)))
    return patterns


def error_text(error: BaseException | str) -> str:
    """An operation error's message in the current language (as given when not recognized).

    An error that can say itself in the UI's language (a file format's ``FormatError``
    has ``text()``) is asked to.
    """
    said = getattr(error, "text", None)
    if isinstance(error, BaseException) and callable(said):
        return str(said())
    code = getattr(error, "code", None)
    if isinstance(code, str) and f"error.{code}" in EN:
        return t(f"error.{code}", **dict(getattr(error, "params", None) or {}))
    message = str(error)
    if _current == "en":
        return message
    for key, pattern in _error_patterns():
        match = pattern.fullmatch(message)
        if match:
            return t(key, **match.groupdict())
    return message
