"""Bytes to Python data for the featuretree JSON reader.

Two parsers, one answer. :func:`parse_exact` is the reference: ``json.loads`` of the
decoded text (:func:`~featuretree.formats._util.decode_text`), with
:mod:`json_iterative` for files nested deeper than ``json.loads`` goes, and its errors
(line and column) turned into :class:`FormatError`. :func:`parse_fast` hands the
bytes to orjson, which parses a large file about twice as fast and skips decoding the
text first (measured on a 52 MB, 100,000-node file: orjson ~0.25 s; decode + json.loads
~0.45 s of CPU). The reader uses orjson's result only when it is what ``json.loads``
would have returned:

- orjson *refuses* what it does not handle the same way — ``NaN``/``Infinity``,
  numbers that overflow a double, lone surrogate escapes (``"\\ud800"``), nesting
  beyond 1,024 levels, invalid UTF-8 — and :func:`parse_fast` then returns
  :data:`REFUSED`, so :func:`parse_exact` decides and its messages are the ones users see;
- orjson *silently* differs in one known way: an integer outside 64 bits becomes a
  float. No valid featuretree document holds such a number (no field takes one), so it
  can only lead to a problem or a warning; a reader that gets one checks
  :func:`may_differ` and, when it says so, reads again with :func:`parse_exact`.

Everything else — strings, escapes, duplicate keys (the last value wins, at the first
key's place), whitespace, what counts as an error — is the same in both (checked by
``tests/formats/test_json_parse.py``).
"""

from __future__ import annotations

import codecs
import json
import re
from typing import Any

from featuretree.formats._util import decode_text
from featuretree.formats.errors import FormatError, Problem, at_line

_NOT_YET: Any = object()
orjson: Any = _NOT_YET
"""The orjson module once :func:`parse_fast` first needs it; ``None`` when not installed.

Imported on first use: loading it is ~0.2x ``python -c pass``, which a small file (the
reader takes the standard parser below :data:`~featuretree.formats.json_format.ORJSON_FROM`)
never earns back."""

__all__ = ["REFUSED", "load_orjson", "may_differ", "parse_exact", "parse_fast"]

REFUSED: Any = object()
"""What :func:`parse_fast` returns when only :func:`parse_exact` may answer."""

# orjson keeps every integer of -2**63 .. 2**64-1 exact; beyond that it has at least 19
# digits. A run that long anywhere (inside a string too) is rare, and only costs a
# second parse on a file that already has problems.
_LONG_DIGITS = re.compile(rb"[0-9]{19}")
_CONFLICT_MARKER = re.compile(r"^<{7}(?: |$)", re.MULTILINE)
"""The first line of a conflict git's own merge writes into a file (``<<<<<<< HEAD``)."""


def parse_fast(data: bytes) -> Any:
    """orjson's parse of ``data`` (a leading UTF-8 byte-order mark skipped), or :data:`REFUSED`."""
    fast = load_orjson()
    if fast is None:
        return REFUSED
    body: bytes | memoryview = data
    if data.startswith(codecs.BOM_UTF8):
        # decode_text drops exactly one mark; a view, not a 50 MB copy.
        body = memoryview(data)[len(codecs.BOM_UTF8) :]
    try:
        return fast.loads(body)
    except fast.JSONDecodeError:
        return REFUSED


def load_orjson() -> Any:
    """:data:`orjson`, imported now if it was not yet (``None`` when not installed)."""
    global orjson
    if orjson is _NOT_YET:
        try:
            import orjson as module
        except ImportError:  # pragma: no cover - a declared dependency
            module = None
        orjson = module
    return orjson


def may_differ(data: bytes) -> bool:
    """Whether orjson's result for ``data`` might not be ``json.loads``'s (see the module doc)."""
    return _LONG_DIGITS.search(data) is not None


_REASONS = {
    "Expecting value": "problem.json.value",
    "Unterminated string starting at": "problem.json.string",
    "Expecting ',' delimiter": "problem.json.comma",
    "Expecting ':' delimiter": "problem.json.colon",
    "Expecting property name enclosed in double quotes": "problem.json.name",
    "Extra data": "problem.json.extra",
    "Invalid control character at": "problem.json.control",
    "Invalid \\escape": "problem.json.escape",
    "Invalid \\uXXXX escape": "problem.json.escape",
}
"""``json``'s words for what is wrong, by catalogue key: the English entries are those
words (what scripts and the tests have always read, without a dangling "at"), the others
say them for a person who does not read Python's English."""


def _reason(exc: json.JSONDecodeError, text: str) -> str | Problem:
    """What is wrong at ``exc``'s place, as a problem the UI can say in its language."""
    # Nothing but whitespace after the error, or a string never closed: the file stops
    # before its JSON does, as a copy or a write cut short leaves it.
    if exc.msg == "Unterminated string starting at" or not text[exc.pos :].strip():
        return Problem.keyed("", "problem.json.ends_early")
    key = _REASONS.get(exc.msg.split(":")[0])  # "Invalid \\escape: 'q'"
    return Problem.keyed("", key) if key else exc.msg


def parse_exact(data: bytes) -> Any:
    """``json.loads`` of the decoded text at any depth; bad input is a :class:`FormatError`."""
    text = decode_text(data)
    try:
        try:
            return json.loads(text)
        except RecursionError:
            # Nested deeper than the standard scanner goes (about 1,000 levels):
            # parse again without recursion. Only pathological files get here, so
            # only they import the iterative parser.
            from featuretree.formats import json_iterative

            return json_iterative.loads(text)
    except json.JSONDecodeError as exc:
        marker = _CONFLICT_MARKER.search(text)
        if marker is not None:
            # A git merge left both versions in the file: say so, not "Expecting ...".
            line = text.count("\n", 0, marker.start()) + 1
            raise FormatError([Problem.keyed(at_line(line), "problem.conflict_markers")]) from None
        if not text.strip():
            place, reason = "", Problem.keyed("", "problem.json.empty")
        else:
            place, reason = at_line(exc.lineno, exc.colno), _reason(exc, text)
        raise FormatError([Problem.keyed(place, "problem.invalid_json", detail=reason)]) from None
    except ValueError as exc:
        # int() refuses numbers of more than 4,300 digits (CVE-2020-10735 guard).
        raise FormatError.keyed("problem.invalid_json", detail=exc) from None
