"""Tab in the Open… field, typed in one burst behind the path (as a fast typist or an
IME commit sends it), completes the path typed before it, not the field's older text."""

from __future__ import annotations

from pathlib import Path

from featuretree import formats
from terminal.screen import open_app
from terminal.test_bursts import one_node_document


def test_a_path_and_tab_in_one_write_complete_that_path(tmp_path: Path) -> None:
    path = one_node_document(tmp_path)
    other = tmp_path / "美团 副本.json"
    formats.save(formats.load(path), other)
    with open_app([str(path)], tmp_path) as app:
        app.wait_for("书架")
        app.type_burst(b"\x0f")  # Ctrl+O
        app.wait_for("JSON")
        app.type_burst(f"\x15{tmp_path}/美\t")
        app.wait_for("美团 副本.json")
        app.press("enter")
        app.wait_for("— 美团 副本.json")  # the title bar names the file opened
