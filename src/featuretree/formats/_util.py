"""Small helpers shared by the format readers."""

from __future__ import annotations

import codecs
import gc
from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar

from featuretree.formats.errors import FormatError

_later: ContextVar[list[object] | None] = ContextVar("featuretree_frees_later", default=None)


@contextmanager
def deferred_frees() -> Iterator[list[object]]:
    """Keep the readers' big temporaries alive in the yielded list instead of freeing them.

    Freeing the parse of a 100,000-node JSON file takes 50-60 ms: the editor clears
    the list after its first frame rather than making the user wait for it. Readers
    hand such temporaries to :func:`free_later`.
    """
    kept: list[object] = []
    token = _later.set(kept)
    try:
        yield kept
    finally:
        _later.reset(token)


def free_later(value: object) -> None:
    """Let go of ``value``: now, or when the caller of :func:`deferred_frees` clears its list."""
    kept = _later.get()
    if kept is not None:
        kept.append(value)


@contextmanager
def gc_paused(*, long_lived: bool = False) -> Iterator[None]:
    """Pause the cyclic garbage collector while a large tree is built.

    Building 100k nodes allocates millions of container objects and each allocation
    burst triggers a full generational scan; measured, loading runs several times
    faster without them. Nothing built here is garbage, so nothing is lost.

    Everything made during the pause is still in the youngest generation, so the
    first allocation after it sets off a collection that scans all of it (100-200 ms
    for a 100k-node document). With ``long_lived`` — the block builds something that
    stays, like a document — a block that ends without an exception moves every
    tracked object to the oldest generation instead (``gc.freeze()`` then
    ``gc.unfreeze()``, both documented to do exactly that), so nothing is scanned now
    and the next full collection sees it as usual. Skipped when objects are frozen
    already: the unfreeze would undo the application's own ``gc.freeze()``.
    """
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    except BaseException:
        # What a failed build leaves may hold cycles: let the young collection free it.
        if was_enabled:
            gc.enable()
        raise
    if was_enabled:
        if long_lived and gc.get_freeze_count() == 0:
            gc.freeze()
            gc.unfreeze()
        gc.enable()


def decode_text(data: bytes, encoding: str = "utf-8") -> str:
    """Decode a text file, dropping a byte-order mark; bad bytes give a clear error."""
    if data.startswith(codecs.BOM_UTF8):
        data = data[len(codecs.BOM_UTF8) :]
        encoding = "utf-8"
    try:
        return data.decode(encoding)
    except UnicodeDecodeError as exc:
        line = data.count(b"\n", 0, exc.start) + 1
        raise FormatError(f"line {line}: not valid {encoding} text (byte {exc.start})") from None
    except LookupError:
        raise FormatError(f"unknown text encoding {encoding!r}") from None
