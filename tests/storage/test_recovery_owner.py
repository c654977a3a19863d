"""A recovery file names the editor that keeps the edits, even when a forked child wrote it.

On Linux autosave writes from a forked child (storage/forked.py) that exits at once; the
recovery file must carry the editor's pid, or another editor opening the file (another
browser tab under ``featuretree serve``) is never told "featuretree (process N) may
still have it open" (issue 16; found in a real browser).
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from featuretree.storage import forked
from featuretree.storage.recovery import RecoveryStore


@pytest.mark.skipif(not forked.available(), reason="autosave forks only on Linux")
def test_a_recovery_file_written_by_a_forked_child_names_the_editor(tmp_path: Path) -> None:
    store = RecoveryStore(tmp_path / "recovery")
    document = tmp_path / "知乎.json"
    child = forked.start(lambda: store.write(b"{}", document))
    assert child.wait(30) is None
    info = store.find(document)
    assert info is not None
    assert info.pid == os.getpid() != child.pid


def test_a_recovery_file_written_here_names_this_process(tmp_path: Path) -> None:
    store = RecoveryStore(tmp_path / "recovery")
    info = store.write(b"{}", tmp_path / "知乎.json")
    assert info is not None
    assert info.pid == os.getpid()
    assert store.find(tmp_path / "知乎.json").pid == os.getpid()
