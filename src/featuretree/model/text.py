"""Cleaning user text that comes from files: it is data, never terminal control."""

from __future__ import annotations

import re

# C0 controls except TAB and LF, DEL, and C1 controls. An ESC here could start an
# ANSI sequence that repaints the user's terminal, so it never reaches the model.
# Lone surrogates (JSON's "\ud800") cannot be encoded as UTF-8, so saving would fail.
# Patterns, not compiled ones: `re` compiles each on its first use and keeps it. A class
# reaching past U+00FF compiles to a big charset, ~1 ms each, and most runs (every
# command reading a clean file) never need them: the isprintable() checks come first.
_CONTROL = r"[\x00-\x08\x0b-\x1f\x7f-\x9f\ud800-\udfff]"
_CONTROL_OR_NEWLINE = r"[\x00-\x08\x0a-\x1f\x7f-\x9f\ud800-\udfff]"
_SPACES = r"[ \t]*[\r\n]+[ \t]*"
_NOT_TYPED = r"[\x00-\x1f\x7f-\x9f\ud800-\udfff]"


def is_typed_text(character: str | None) -> bool:
    """Whether a key's ``character`` is text to type: anything but a control character
    (C0, DEL, C1) or a lone surrogate.

    Not ``str.isprintable()`` (nor Textual's ``Key.is_printable``, which follows it): that
    says False for every space but U+0020, so a full-width space (U+3000, typed by a
    Chinese IME in full-width mode) or a no-break space typed in a field was dropped. A
    space is never stripped; Tab and Enter arrive as keys of their own.
    """
    if not character:
        return False
    return character.isprintable() or re.search(_NOT_TYPED, character) is None


def clean_text(value: str) -> str:
    """Return multi-line text without control characters (newlines and tabs are kept).

    Windows and old-Mac line endings become ``\\n``.
    """
    if value.isprintable():  # no control, line break, tab or surrogate: nothing to do
        return value
    if "\r" in value:
        value = value.replace("\r\n", "\n").replace("\r", "\n")
    if value.replace("\n", "").replace("\t", "").isprintable():
        return value  # multi-line notes, the usual case: nothing to remove
    return re.sub(_CONTROL, "", value)


def single_line(value: str) -> str:
    """Return ``value`` as one line, every space kept: line breaks and tabs become a space,
    controls are removed.

    For text typed or pasted into a title being edited: a space typed on its own (or at
    the end, before the next word) is part of the title. Trimming the ends is done once,
    when the title is confirmed (:func:`clean_line`).
    """
    if value.isprintable():
        return value
    if "\n" in value or "\r" in value:
        value = re.sub(_SPACES, " ", value)
    return re.sub(_CONTROL_OR_NEWLINE, "", value.replace("\t", " "))


def clean_line(value: str) -> str:
    """Return single-line text: line breaks fold into one space, controls are removed,
    and the ends are trimmed (a title as stored; spaces inside are kept)."""
    if value.isprintable():  # the common case, and a fast one when reading 100k nodes
        return value.strip()
    if "\n" in value or "\r" in value:
        value = re.sub(_SPACES, " ", value)
    value = value.replace("\t", " ")
    return re.sub(_CONTROL_OR_NEWLINE, "", value).strip()
