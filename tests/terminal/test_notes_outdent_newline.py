"""In the notes editor Shift+Tab outdents (it moved the focus out of the text, and the
next keys went nowhere) and Ctrl+J (a line feed: what many terminals send for
Ctrl+Enter) starts a new line (it did nothing), in the real app through a pty."""

from __future__ import annotations

from pathlib import Path

import pytest

from featuretree import formats
from terminal.screen import open_app
from terminal.test_bursts import one_node_document

SHIFT_TAB = "\x1b[Z"
SHIFT_UP = "\x1b[1;2A"
HINT = {"en": "Shift+Tab outdents", "zh": "Shift+Tab 减少缩进"}
SAVED = {"en": "Saved", "zh": "已保存"}


def _notes_after(tmp_path: Path, language: str, *bursts: str) -> str:
    """The node's notes saved after typing each of ``bursts`` in its notes editor."""
    path = one_node_document(tmp_path)
    with open_app([str(path)], tmp_path, language=language) as app:
        app.wait_for("书架")
        app.press("down", "n")
        app.wait_for(HINT[language])  # the hint says the key
        for burst in bursts:
            app.type_burst(burst)
        app.press("ctrl+s")  # keeps the notes and leaves the editor
        app.wait_for("书架")
        app.press("ctrl+s")  # saves the file
        app.wait_for(SAVED[language])
    return formats.load(path).node("shelf").notes


@pytest.mark.parametrize("language", ["en", "zh"])
def test_shift_tab_outdents_the_line_and_the_typing_goes_on_there(
    tmp_path: Path, language: str
) -> None:
    notes = _notes_after(tmp_path, language, "\t\t需求", SHIFT_TAB, "x")
    assert notes == "    需求x", repr(notes)


@pytest.mark.parametrize("language", ["en", "zh"])
def test_shift_tab_and_tab_move_every_selected_line(tmp_path: Path, language: str) -> None:
    # Both lines selected (Shift+↑ from the end of the second): out, then in again.
    notes = _notes_after(tmp_path, language, "\t- 首页\r\t- 搜索", SHIFT_UP, SHIFT_TAB)
    assert notes == "- 首页\n- 搜索", repr(notes)
    (tmp_path / "again").mkdir()
    notes = _notes_after(tmp_path / "again", language, "- 首页\r- 搜索", SHIFT_UP, "\t")
    assert notes == "    - 首页\n    - 搜索", repr(notes)


@pytest.mark.parametrize("language", ["en", "zh"])
def test_ctrl_j_starts_a_new_line(tmp_path: Path, language: str) -> None:
    notes = _notes_after(tmp_path, language, "第一行\n第二行")
    assert notes == "第一行\n第二行", repr(notes)
