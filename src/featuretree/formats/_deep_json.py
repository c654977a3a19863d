"""``json.loads`` that also takes documents nested deeper than the recursion limit.

The stdlib parser recurses (in C) once per nesting level and gives up after about a
thousand; an XMind topic costs three levels (topic → children → attached), so a
350-deep mind map already fails. The common case still goes through the fast C
parser; only when it runs out of stack does the explicit-stack parser below take over.
"""

from __future__ import annotations

import json
import re
from json.decoder import scanstring  # type: ignore[attr-defined]
from typing import Any

__all__ = ["loads"]

_WS = re.compile(r"[ \t\n\r]*")
_NUMBER = re.compile(r"-?(?:0|[1-9][0-9]*)(\.[0-9]+)?([eE][-+]?[0-9]+)?")
_LITERALS = (("true", True), ("false", False), ("null", None))

# What the parser expects next.
_VALUE, _KEY, _AFTER = 0, 1, 2


def loads(text: str) -> Any:
    """Parse JSON text of any depth; errors are :class:`json.JSONDecodeError`."""
    try:
        return json.loads(text)
    except RecursionError:
        return _loads_iterative(text)


def _loads_iterative(s: str) -> Any:  # noqa: C901 - one state machine reads best whole
    stack: list[list[Any]] = []  # [container, key awaiting its value]
    result: Any = None
    state = _VALUE
    pos = _WS.match(s, 0).end()  # type: ignore[union-attr]
    end = len(s)
    while True:
        if state == _VALUE:
            if pos >= end:
                raise json.JSONDecodeError("Expecting value", s, pos)
            char = s[pos]
            if char == "{" or char == "[":
                container: Any = {} if char == "{" else []
                pos = _WS.match(s, pos + 1).end()  # type: ignore[union-attr]
                closer = "}" if char == "{" else "]"
                if s.startswith(closer, pos):
                    value, pos = container, pos + 1
                else:
                    stack.append([container, None])
                    state = _KEY if char == "{" else _VALUE
                    continue
            elif char == '"':
                value, pos = scanstring(s, pos + 1)
            elif (number := _NUMBER.match(s, pos)) is not None:
                text = number.group()
                value = float(text) if number.group(1) or number.group(2) else int(text)
                pos = number.end()
            else:
                for word, literal in _LITERALS:
                    if s.startswith(word, pos):
                        value, pos = literal, pos + len(word)
                        break
                else:
                    raise json.JSONDecodeError("Expecting value", s, pos)
            if stack:
                top = stack[-1]
                if isinstance(top[0], dict):
                    top[0][top[1]] = value
                else:
                    top[0].append(value)
            else:
                result = value
            state = _AFTER
        elif state == _KEY:
            if not s.startswith('"', pos):
                raise json.JSONDecodeError("Expecting property name enclosed in double quotes", s, pos)
            key, pos = scanstring(s, pos + 1)
            pos = _WS.match(s, pos).end()  # type: ignore[union-attr]
            if not s.startswith(":", pos):
                raise json.JSONDecodeError("Expecting ':' delimiter", s, pos)
            stack[-1][1] = key
            pos += 1
            state = _VALUE
        else:  # _AFTER: a value is complete
            if not stack:
                if pos != end:
                    raise json.JSONDecodeError("Extra data", s, pos)
                return result
            container = stack[-1][0]
            char = s[pos] if pos < end else ""
            if char == ",":
                pos += 1
                state = _KEY if isinstance(container, dict) else _VALUE
            elif char == ("}" if isinstance(container, dict) else "]"):
                stack.pop()
                pos += 1
                if stack:
                    top = stack[-1]
                    if isinstance(top[0], dict):
                        top[0][top[1]] = container
                    else:
                        top[0].append(container)
                else:
                    result = container
            else:
                expected = "',' or '}'" if isinstance(container, dict) else "',' or ']'"
                raise json.JSONDecodeError(f"Expecting {expected} delimiter", s, pos)
        pos = _WS.match(s, pos).end()  # type: ignore[union-attr]
