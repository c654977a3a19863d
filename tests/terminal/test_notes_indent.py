"""Tab in the notes editor indents (a PM indents list items), and Esc still leaves."""

from __future__ import annotations

from pathlib import Path

from featuretree import formats
from terminal.screen import open_app
from terminal.test_bursts import one_node_document


def test_tab_in_the_notes_indents_in_the_order_typed(tmp_path: Path) -> None:
    path = one_node_document(tmp_path)
    with open_app([str(path)], tmp_path) as app:
        app.wait_for("书架")
        app.press("down", "n")
        app.wait_for("Ctrl+S")
        app.type_burst("a\tb")
        app.press("ctrl+s")  # keeps the notes and leaves the editor
        app.wait_for("Change log")
        app.press("ctrl+s")  # saves the file
        app.wait_for("Saved")
    notes = formats.load(path).node("shelf").notes
    assert notes.startswith("a ") and notes.endswith("b") and notes.strip("a b") == "", notes


def test_escape_still_leaves_the_notes_after_a_tab(tmp_path: Path) -> None:
    path = one_node_document(tmp_path)
    with open_app([str(path)], tmp_path) as app:
        app.wait_for("书架")
        app.press("down", "n")
        app.wait_for("Ctrl+S")
        app.type_burst("\tx")
        app.press("escape")
        app.wait_for("Discard")  # it asks: something was typed
        app.press("s")
        app.wait_for("Change log")
        app.press("ctrl+s")
        app.wait_for("Saved")
    assert formats.load(path).node("shelf").notes.endswith("x")
