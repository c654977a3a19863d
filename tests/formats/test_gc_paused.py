"""``gc_paused``: the collector stays off while a tree is built, and a document built
with ``long_lived`` goes to the oldest generation instead of being scanned young."""

from __future__ import annotations

import gc

import pytest

from featuretree import collector
from featuretree.formats._util import gc_paused


class _Box:
    """A tracked object we can find among the collector's generations."""


def _generation_of(obj: object) -> int | None:
    for generation in range(3):
        if any(o is obj for o in gc.get_objects(generation=generation)):
            return generation
    return None


@pytest.fixture(autouse=True)
def _collector_on(monkeypatch: pytest.MonkeyPatch):
    monkeypatch.setattr(collector, "_frozen", False)  # an editor test earlier froze
    was = gc.isenabled()
    gc.enable()
    gc.collect()  # counts at zero: no young collection moves things during a test
    yield
    gc.unfreeze()
    if not was:
        gc.disable()


def test_collector_is_off_inside_and_back_on_after() -> None:
    with gc_paused():
        assert not gc.isenabled()
        with gc_paused(long_lived=True):  # nested: the outer pause decides
            assert not gc.isenabled()
        assert not gc.isenabled()
    assert gc.isenabled()


def test_a_long_lived_build_goes_to_the_oldest_generation() -> None:
    with gc_paused(long_lived=True):
        built = _Box()
    assert _generation_of(built) == 2
    assert gc.get_count()[0] < 50  # no pending scan of everything made in the pause
    assert gc.get_freeze_count() == 0  # moved, not frozen


def test_a_plain_pause_leaves_objects_young() -> None:
    with gc_paused():
        built = _Box()
    assert _generation_of(built) == 0


def test_a_failed_build_is_left_to_the_young_collection() -> None:
    kept = []
    with pytest.raises(ValueError), gc_paused(long_lived=True):
        kept.append(_Box())
        raise ValueError("bad input")
    assert gc.isenabled()
    assert _generation_of(kept[0]) == 0


def test_objects_frozen_by_the_application_stay_frozen() -> None:
    collector.freeze()
    frozen = gc.get_freeze_count()
    with gc_paused(long_lived=True):
        built = _Box()
    assert gc.get_freeze_count() == frozen
    assert _generation_of(built) == 0
