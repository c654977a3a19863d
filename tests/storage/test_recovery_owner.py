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


def test_a_killed_editor_not_yet_reaped_is_not_still_running(tmp_path) -> None:
    # After kill -9 the editor's process lingers as a zombie until its parent (the
    # terminal, the web server of a tab) reaps it: its copy is not in use any more.
    import subprocess
    import sys
    import time

    from featuretree.storage.recovery import RecoveryInfo

    child = subprocess.Popen([sys.executable, "-c", "pass"])
    try:
        deadline = time.monotonic() + 10
        info = RecoveryInfo(tmp_path / "x.recovery", "k", None, 0, None, child.pid)
        while info.writer_running() and time.monotonic() < deadline:
            time.sleep(0.05)  # it exits, and is not reaped: a zombie
        assert not info.writer_running()
    finally:
        child.wait()
