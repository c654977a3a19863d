"""The recovery write starts in a pause of the user's input, not on a key (issue 15).

Starting it holds the editor for a moment (a fork of the whole process at 100k nodes);
a key typed then waits for it. So while keys keep coming the write waits for a pause,
but never longer than the maximum wait: the edit is kept either way.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from editor_helpers import SIZE, editor
from persistence_helpers import wait_for

from featuretree.storage.recovery import RecoveryStore
from featuretree.tui import FeatureTreeApp


@pytest.fixture
def store() -> RecoveryStore:
    """The recovery store the editor uses (in the test's state folder)."""
    return RecoveryStore()


async def test_keys_after_an_edit_hold_the_recovery_write_until_a_pause(
    doc_path: Path, store: RecoveryStore
):
    app = FeatureTreeApp(doc_path)
    async with app.run_test(size=SIZE) as pilot:
        persistence = editor(app).persistence
        persistence.delay, persistence.quiet, persistence.max_wait = 0.1, 5.0, 60.0
        await pilot.press("down", "alt+down")
        for _ in range(10):  # moving about for ~1 s, ten times the delay after the edit
            await pilot.press("down")
            await pilot.pause(0.1)
            await pilot.press("up")
        assert store.find(doc_path) is None
        assert persistence.autosaves == 0 and not persistence._writing
        await wait_for(pilot, lambda: store.find(doc_path) is not None, timeout=20)
        assert editor(app).history.dirty


async def test_keys_that_never_pause_still_get_the_edit_written(
    doc_path: Path, store: RecoveryStore
):
    app = FeatureTreeApp(doc_path)
    async with app.run_test(size=SIZE) as pilot:
        persistence = editor(app).persistence
        persistence.delay, persistence.quiet, persistence.max_wait = 0.05, 60.0, 0.3
        await pilot.press("down", "alt+down")
        for _ in range(500):  # keys without a pause: the maximum wait decides
            await pilot.press("down")
            await pilot.press("up")
            if store.find(doc_path) is not None:
                break
        assert store.find(doc_path) is not None
