"""Short, stable ids for nodes and suggestions."""

from __future__ import annotations

import random
from collections.abc import Container
from typing import Any

ALPHABET = "abcdefghijklmnopqrstuvwxyz0123456789"
LENGTH = 8

_rng = random.Random()


def seed(value: int | None) -> None:
    """Make id generation repeatable (tests, benchmarks); ``None`` reseeds randomly."""
    _rng.seed(value)


def get_state() -> Any:
    """The generator's state, for :func:`set_state` (to undo the ids of a discarded attempt)."""
    return _rng.getstate()


def set_state(state: Any) -> None:
    """Put the generator back to a state from :func:`get_state`."""
    _rng.setstate(state)


def new_id(taken: Container[str] = ()) -> str:
    """Return an 8-character id not in ``taken``.

    36**8 ids make a collision unlikely, but imported documents may hold any id, so the
    caller's set of ids in use is checked anyway.
    """
    while True:
        candidate = "".join(_rng.choices(ALPHABET, k=LENGTH))
        if candidate not in taken:
            return candidate
