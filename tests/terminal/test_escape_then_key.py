"""Esc and the key right after it, typed fast in a real pty.

A terminal sends Alt+J as ESC then ``j``, and Textual reads an ESC followed within its
escape delay (100 ms) by a letter as that Alt key: a PM who left a title with Esc and at
once pressed ``c`` for a change-log entry had "c" typed into the title.
"""

from __future__ import annotations

import time
from pathlib import Path

from featuretree import formats
from terminal.screen import open_app
from terminal.test_bursts import one_node_document


def test_esc_then_a_command_letter_leaves_the_title_and_runs_the_letter(tmp_path: Path) -> None:
    path = one_node_document(tmp_path)
    with open_app([str(path)], tmp_path) as app:
        app.wait_for("书架")
        app.press("down", "e", "end")  # rename 书架
        app.type_burst(" 新")
        app.wait_for("书架 新")
        app.type_burst(b"\x1bc")  # Esc, then c at once
        app.wait_for("Add change-log entry")
        app.type_burst("改版\r")
        app.press("ctrl+s")
        app.wait_for("Saved")
    shelf = formats.load(path).node("shelf")
    # Esc left the rename (the title as it was), and c added an entry to the node.
    assert shelf.title == "书架"
    assert [entry.summary for entry in shelf.changelog] == ["改版"]


def test_esc_then_a_letter_within_the_escape_delay_in_the_diagram(tmp_path: Path) -> None:
    path = one_node_document(tmp_path)
    with open_app([str(path)], tmp_path) as app:
        app.wait_for("书架")
        app.press("down", "v")
        app.press("e", "ctrl+u")
        app.type_burst("书架 二")
        app.wait_for("书架 二")
        app.send(b"\x1b")
        time.sleep(0.03)  # a fast typist: the next key within Textual's 100 ms
        app.type_burst(b"s")
        app.wait_for("Add suggestion")
        app.type_burst("加 搜索\r")
        app.press("ctrl+s")
        app.wait_for("Saved")
    shelf = formats.load(path).node("shelf")
    assert shelf.title == "书架"
    assert [s.text for s in shelf.suggestions] == ["加 搜索"]


def test_alt_b_still_moves_back_a_word_in_a_title(tmp_path: Path) -> None:
    """Alt+B / Alt+F (readline; macOS Option+←) keep moving by words."""
    path = one_node_document(tmp_path)
    with open_app([str(path)], tmp_path) as app:
        app.wait_for("书架")
        app.press("down", "e", "end")
        app.type_burst(" two")
        app.type_burst(b"\x1bb")  # Alt+B: to the start of "two"
        app.type_burst("one ")
        app.press("enter", "ctrl+s")
        app.wait_for("Saved")
    assert formats.load(path).node("shelf").title == "书架 one two"
