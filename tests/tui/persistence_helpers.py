"""Helpers for the persistence tests (imported by test_persistence and test_recovery_prompt)."""

from __future__ import annotations

import time
from pathlib import Path

from editor_helpers import small_document

from featuretree import formats
from featuretree.formats.json_format import write_json
from featuretree.operations import annotate, structure
from featuretree.storage.fingerprint import Fingerprint
from featuretree.storage.recovery import RecoveryStore


async def wait_for(pilot, condition, timeout: float = 5.0) -> None:
    """Let the app run until ``condition()`` holds (or fail after ``timeout`` seconds)."""
    deadline = time.monotonic() + timeout
    while not condition():
        assert time.monotonic() < deadline, "timed out waiting"
        await pilot.pause(0.02)


def kept_edit(doc_path: Path, store: RecoveryStore) -> None:
    """A recovery file for ``doc_path`` holding one renamed and one added node."""
    doc = small_document()
    annotate.rename(doc, "msg", "消息中心").apply(doc)
    structure.add_child(doc, "me").apply(doc)
    store.write(write_json(doc), doc_path, base=Fingerprint.of(doc_path))


def change_on_disk(path: Path) -> None:
    """Rewrite ``path`` as another program would: the last node renamed "Changed by git"."""
    doc = small_document()
    annotate.rename(doc, "me", "Changed by git").apply(doc)
    formats.save(doc, path)
