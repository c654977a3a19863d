"""An IME commit on a node with no title open (one write: "热榜 Top 50") renames it, every
character in order; the ASCII after the first Chinese character is typed, not run."""

from __future__ import annotations

from pathlib import Path

from featuretree import formats
from terminal.screen import open_app
from terminal.test_bursts import one_node_document


def test_an_ime_commit_on_a_node_becomes_its_title(tmp_path: Path) -> None:
    path = one_node_document(tmp_path)
    with open_app([str(path)], tmp_path) as app:
        app.wait_for("书架")
        app.press("down")
        app.type_burst("热榜 Top 50")
        app.wait_for("热榜 Top 50")
        app.press("enter")
        app.press("ctrl+s")
        app.wait_for("Saved")
    assert formats.load(path).node("shelf").title == "热榜 Top 50"
