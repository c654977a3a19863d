"""Short, stable ids for nodes and suggestions.

Two kinds: :func:`new_id` is random, for what a person creates in the editor (two
people adding a node to copies of one file must not get the same id, or merging them
would mix the nodes up). :func:`derived_id` is computed from where a node is and what
it says, for ids a reader has to supply (a file without ids, a repaired duplicate):
reading the same file twice gives the same ids, so "same document, same bytes" holds
for imports too, and a node keeps its id when an unrelated part of the file changes.
"""

from __future__ import annotations

import hashlib
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


def node_key(parent_id: str, index: int, title: str) -> str:
    """What :func:`derived_id` is computed from for a node: its parent's id (which
    stands for the whole path above it), its place among its siblings, its title."""
    return f"{parent_id}/{index}/{title}"


def derived_id(key: str, taken: Container[str] = ()) -> str:
    """An 8-character id computed from ``key`` (see :func:`node_key`), not in ``taken``.

    The same key and the same ids in use give the same id on every run; a collision
    (two nodes with one key, or an id the file already uses) moves on to the next
    candidate of the same key, so the result is still repeatable.
    """
    data = key.encode("utf-8", "surrogatepass")
    counter = 0
    while True:
        # 40 bits as 8 base-32 characters (a-z, 2-7): as short as a random id, spelled
        # by table lookups (imports make 100,000 of these).
        salt = b"" if not counter else b"\x00" + str(counter).encode()
        v = int.from_bytes(_blake2b(data + salt, digest_size=5).digest(), "big")
        pairs = _PAIRS
        candidate = (
            pairs[v >> 30] + pairs[(v >> 20) & 1023] + pairs[(v >> 10) & 1023] + pairs[v & 1023]
        )
        if candidate not in taken:
            return candidate
        counter += 1


_blake2b = hashlib.blake2b
_BASE32 = "abcdefghijklmnopqrstuvwxyz234567"
# Every 10-bit value as its two base-32 characters: four lookups spell a 40-bit id.
_PAIRS = [a + b for a in _BASE32 for b in _BASE32]
