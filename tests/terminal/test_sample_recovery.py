"""A sample opens unsaved (like a new document): its edits, kept when the app is
stopped, are offered again when the same sample is opened again (``featuretree --sample
zhihu``), not only on the start screen."""

from __future__ import annotations

import os
import signal
from pathlib import Path

from featuretree.storage.recovery import RecoveryStore
from terminal.screen import Screen, open_app


def _rename_first_section(app: Screen) -> None:
    app.wait_for("首页")
    app.press("down", "e", "ctrl+u")
    app.type_burst("首页改版\r")
    app.wait_for("首页改版")


def test_sigterm_then_the_same_sample_offers_its_edits(tmp_path: Path) -> None:
    with open_app(["--sample", "zhihu"], tmp_path, size=(100, 30)) as app:
        _rename_first_section(app)
        os.kill(app.pid, signal.SIGTERM)
        assert app.wait_exit(10) == 128 + signal.SIGTERM
    (kept,) = RecoveryStore(tmp_path / "state" / "recovery").untitled()

    with open_app(["--sample", "zhihu"], tmp_path, size=(100, 30)) as again:
        again.wait_for("sample zhihu")  # the offer names where the edits came from
        again.press("d")  # show difference: compared with the sample
        again.wait_for("1 changed")
        again.press("enter")  # restore
        again.wait_for("首页改版")
    # restored, not saved: its copy stays until the user saves or discards it
    assert [info.key for info in RecoveryStore(tmp_path / "state" / "recovery").untitled()] == [
        kept.key
    ]
