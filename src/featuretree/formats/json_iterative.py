"""A JSON parser without recursion, for documents nested deeper than ``json.loads`` goes.

CPython's JSON scanner (C or pure Python) recurses once per nesting level and raises
``RecursionError`` near ``sys.getrecursionlimit()`` levels; a featuretree document
nests two levels per tree level (the node object and its ``children`` list), so a
1,000-level tree is already out of its reach. :func:`loads` keeps its own stack of
open containers instead.

Supported depth: unbounded, up to memory (each open level costs one list slot and
the container being built; the input itself is capped by ``formats.MAX_INPUT_BYTES``).

On valid input the result is exactly what ``json.loads(text)`` returns with default
arguments: same types, ``NaN``/``Infinity`` accepted, duplicate keys keep the last
value at the first key's position, numbers converted by ``int``/``float``. On
invalid input it raises :class:`json.JSONDecodeError` with the same message and
position ``json.loads`` gives (so ``lineno``/``colno`` point at the problem). Strings
are decoded by ``json.decoder.scanstring`` (the C implementation when present) and
numbers matched by the same pattern the standard scanner uses, so the expensive parts
run in C; the loop here only dispatches tokens. It is several times slower than
``json.loads`` and meant as its fallback.
"""

from __future__ import annotations

import json
import re
from json.decoder import JSONDecodeError
from typing import Any

__all__ = ["loads"]

_scanstring = json.decoder.scanstring  # type: ignore[attr-defined]
_WS = re.compile(r"[ \t\n\r]*")
# A key without escapes, its colon and the whitespace around it, in one match: the
# common case, which saves several dispatches per key. Anything else (escapes, control
# characters, a missing colon) goes the careful way through ``_key_and_colon``.
_SIMPLE_KEY = re.compile(r'"([^"\\\x00-\x1f]*)"[ \t\n\r]*:[ \t\n\r]*')
_NUMBER = re.compile(r"(-?(?:0|[1-9]\d*))(\.\d+)?([eE][-+]?\d+)?")
_WHITESPACE = " \t\n\r"
_CONSTANTS = {
    "null": None,
    "true": True,
    "false": False,
    "NaN": float("nan"),
    "Infinity": float("inf"),
    "-Infinity": float("-inf"),
}
_CONSTANT_BY_FIRST = {
    "n": ("null",),
    "t": ("true",),
    "f": ("false",),
    "N": ("NaN",),
    "I": ("Infinity",),
    "-": ("-Infinity",),
}
_NO_VALUE = object()


def loads(text: str) -> Any:
    """Parse ``text`` like ``json.loads`` does, at any depth; raises ``JSONDecodeError``."""
    if text.startswith("\ufeff"):
        raise JSONDecodeError("Unexpected UTF-8 BOM (decode using utf-8-sig)", text, 0)
    skip = _WS.match
    number = _NUMBER.match
    simple_key = _SIMPLE_KEY.match
    scanstring = _scanstring
    end = len(text)
    # Open containers, innermost last; for each open object the key awaiting its value.
    stack: list[Any] = []
    keys: list[str] = []
    pos = skip(text, 0).end()
    while True:
        # -- one value starting at ``pos`` (whitespace already skipped) --------------
        value: Any = _NO_VALUE
        char = text[pos : pos + 1]
        if char == '"':
            value, pos = scanstring(text, pos + 1, True)
        elif char == "{":
            pos = skip(text, pos + 1).end()
            char = text[pos : pos + 1]
            if char == "}":
                value = {}
                pos += 1
            elif char != '"':
                raise JSONDecodeError(
                    "Expecting property name enclosed in double quotes", text, pos
                )
            else:
                match = simple_key(text, pos)
                if match is not None:
                    key, pos = match.group(1), match.end()
                else:
                    key, pos = _key_and_colon(text, pos + 1)
                    pos = skip(text, pos).end()
                stack.append({})
                keys.append(key)
                continue
        elif char == "[":
            pos = skip(text, pos + 1).end()
            if text[pos : pos + 1] == "]":
                value = []
                pos += 1
            else:
                stack.append([])
                continue
        else:
            match = number(text, pos)
            if match is not None:
                integer, fraction, exponent = match.groups()
                if fraction or exponent:
                    value = float(integer + (fraction or "") + (exponent or ""))
                else:
                    value = int(integer)
                pos = match.end()
            else:
                for word in _CONSTANT_BY_FIRST.get(char, ()):
                    if text.startswith(word, pos):
                        value = _CONSTANTS[word]
                        pos += len(word)
                        break
                else:
                    raise JSONDecodeError("Expecting value", text, pos)

        # -- the value is complete: store it, closing every container that ends here --
        while True:
            if not stack:
                pos = skip(text, pos).end()
                if pos != end:
                    raise JSONDecodeError("Extra data", text, pos)
                return value
            container = stack[-1]
            if text[pos : pos + 1] in _WHITESPACE:
                pos = skip(text, pos).end()
            char = text[pos : pos + 1]
            if type(container) is list:
                container.append(value)
                if char == ",":
                    pos = skip(text, pos + 1).end()
                    break
                if char != "]":
                    raise JSONDecodeError("Expecting ',' delimiter", text, pos)
            else:
                container[keys[-1]] = value
                if char == ",":
                    pos = skip(text, pos + 1).end()
                    match = simple_key(text, pos)
                    if match is not None:
                        keys[-1], pos = match.group(1), match.end()
                        break
                    if text[pos : pos + 1] != '"':
                        raise JSONDecodeError(
                            "Expecting property name enclosed in double quotes", text, pos
                        )
                    keys[-1], pos = _key_and_colon(text, pos + 1)
                    pos = skip(text, pos).end()
                    break
                if char != "}":
                    raise JSONDecodeError("Expecting ',' delimiter", text, pos)
                keys.pop()
            pos += 1
            value = stack.pop()


def _key_and_colon(text: str, pos: int) -> tuple[str, int]:
    """The key string starting after its quote at ``pos``, and the position after ``:``."""
    key, pos = _scanstring(text, pos, True)
    if text[pos : pos + 1] != ":":
        pos = _WS.match(text, pos).end()
        if text[pos : pos + 1] != ":":
            raise JSONDecodeError("Expecting ':' delimiter", text, pos)
    return key, pos + 1
