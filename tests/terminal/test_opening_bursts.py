"""The key that opens a text input and the text behind it, sent in one write (an IME
commit, a paste-like script, a fast typist), land in that input whole: spaces, a
full-width space and CJK included.

Ctrl+S/Ctrl+O's path dialog, the suggestions board (``b``, ``/`` or ``f`` on it, Ctrl+E
or ``e`` from it), the revisions (``a`` there) and the start screen's ``o`` lost every
key behind the one that opened them.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from featuretree import formats
from terminal.screen import open_app

TEXT = "新 文件\u3000名"


@pytest.mark.parametrize(
    ("burst", "label"),
    [
        ("\x0f", "Open a file"),  # Ctrl+O
        ("b/", "Suggestions"),
        ("bf", "Suggestions"),
        ("b\x05\t\x15", "Save as"),  # the board's Ctrl+E, then its path
        ("be\x15", "Edit suggestion"),  # the board's e: the form for the row
        ("\x10revision history\ra", "Version"),  # the palette, then a: a new revision
    ],
)
def test_text_behind_the_key_that_opens_an_input_is_shown_whole(
    tmp_path: Path, burst: str, label: str
) -> None:
    with open_app(["--sample", "zhihu"], tmp_path) as app:
        app.wait_for("知乎 App")
        app.type_burst(burst + TEXT)
        app.wait_for(label)
        app.wait_for(TEXT)


def test_a_path_typed_behind_ctrl_s_is_where_the_document_is_saved(tmp_path: Path) -> None:
    target = tmp_path / "新 文件\u3000名.json"
    with open_app(["--sample", "zhihu"], tmp_path) as app:
        app.wait_for("知乎 App")
        app.type_burst("\x13" + str(target) + "\r")
        app.wait_for("Saved")
    assert formats.load(target).root.title == "知乎 App"


def test_a_path_typed_behind_o_on_the_start_screen_is_shown_whole(tmp_path: Path) -> None:
    with open_app([], tmp_path) as app:
        app.wait_for("New document")
        app.type_burst("o" + TEXT)
        app.wait_for(TEXT)
