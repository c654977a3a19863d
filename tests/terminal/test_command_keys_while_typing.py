"""Shift+Tab typed in a real terminal (ESC [ Z) while a title is typed keeps the title and
outdents the node, as it does on a node: it did nothing, without a word."""

from __future__ import annotations

from pathlib import Path

import pytest

from featuretree import formats
from terminal.screen import open_app
from terminal.test_bursts import one_node_document


@pytest.mark.parametrize("view", ["outline", "diagram"])
def test_shift_tab_while_typing_a_title_keeps_it_and_outdents(tmp_path: Path, view) -> None:
    path = one_node_document(tmp_path)
    with open_app([str(path)], tmp_path) as app:
        app.wait_for("书架")
        app.press("down")
        if view == "diagram":
            app.press("v")
            app.wait_for("╭")
        app.press("tab")  # a child of 书架
        app.type_burst("听书")
        app.type_burst(b"\x1b[Z")  # Shift+Tab: 听书 becomes 书架's next sibling
        app.wait_for("听书")
        app.press("ctrl+s")
        app.wait_for("Saved")
    doc = formats.load(path)
    assert [kid.title for kid in doc.root.kids] == ["书架", "听书"]
    assert not doc.node("shelf").kids
