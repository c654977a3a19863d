"""The cyclic garbage collector around work that makes many long-lived objects.

Kept free of other imports: the command line uses it before anything else is loaded.
"""

from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager

_frozen = False
"""Whether :func:`freeze` ran: ``gc.get_freeze_count()`` would say so too, but it counts
every frozen object (~10 ms at 100k nodes) and the question is asked on every load."""


def freeze() -> None:
    """Move every tracked object out of the collector's way for good (``gc.freeze()``):
    for a large, long-lived heap such as an open document and its indexes."""
    global _frozen
    gc.freeze()
    _frozen = True


@contextmanager
def gc_paused(*, long_lived: bool = False) -> Iterator[None]:
    """Pause the cyclic garbage collector while a large tree is built (or modules imported).

    Building 100k nodes allocates millions of container objects and each allocation
    burst triggers a full generational scan; measured, loading runs several times
    faster without them. Nothing built here is garbage, so nothing is lost. Start-up
    imports are the same in small: ~50k objects, and 70 ms of collections without this.

    Everything made during the pause is still in the youngest generation, so the
    first allocation after it sets off a collection that scans all of it (100-200 ms
    for a 100k-node document). With ``long_lived`` — the block builds something that
    stays, like a document — a block that ends without an exception moves every
    tracked object to the oldest generation instead (``gc.freeze()`` then
    ``gc.unfreeze()``, both documented to do exactly that), so nothing is scanned now
    and the next full collection sees it as usual. Skipped when objects are frozen
    already (:func:`freeze`): the unfreeze would undo the application's own freeze.
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
        if long_lived and not _frozen:
            gc.freeze()
            gc.unfreeze()
        gc.enable()
