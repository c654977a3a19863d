"""The diagram view (v) in a real terminal: boxes hold whole CJK titles at 80×24, and a
child typed there (an IME commit: one write) lands in the model."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest

from featuretree import formats
from featuretree.model.cells import cell_len
from terminal.screen import open_app

ZHIHU = Path(__file__).resolve().parents[2] / "samples" / "zhihu.json"

BOX_TEXT = re.compile(r"[│├┤] ([^│├┤]+?) +[│├┤]")
"""The text between a box's two sides on one row."""


def _diagram_side(line: str) -> str:
    """The part of a screen row left of the detail panel's edge (▏)."""
    return line.split("▏", 1)[0]


@pytest.mark.skipif(not ZHIHU.exists(), reason="samples/zhihu.json is not there")
def test_zhihu_diagram_shows_whole_titles_and_takes_a_chinese_child(tmp_path: Path) -> None:
    path = tmp_path / "zhihu.json"
    shutil.copyfile(ZHIHU, path)
    doc = formats.load(path)
    titles = {node.title for node in doc.iter_nodes()}
    with open_app([str(path)], tmp_path, size=(80, 24)) as app:
        app.wait_for("知乎 App")
        app.press("v")
        app.wait_for("╭")
        shown = []
        for line in app.lines()[1:-1]:
            for text in BOX_TEXT.findall(_diagram_side(line)):
                text = text.strip()
                if text[:1] in "✎◆+#":  # a box's tags and counts, or +N
                    continue
                shown.append(text)
                # A title is whole in its box (long ones wrap at 20 cells: a piece of one).
                assert text in titles or any(
                    text in title and cell_len(title) > 20 for title in titles
                ), (text, app.text())
        assert "知乎 App" in shown and len(shown) >= 4, app.text()
        # Folding lays the picture out again (a smaller one): the detail panel beside it
        # keeps its edge on every row (it lost rows of it when a scrollbar came and went).
        app.press("down", " ")
        app.wait_for("+")
        edge = app.column_of(1, "▏")
        assert edge > 0
        assert all(app.columns(y, edge, edge + 1) == "▏" for y in range(1, 23)), app.text()
        app.press(" ", "up")
        app.press("tab")
        app.send("消息 提醒".encode())  # an IME commits the phrase in one write
        app.type_burst("\r")
        app.wait_for("│ 消息 提醒 │")
        app.press("ctrl+s")
        app.wait_for("Saved")
    saved = formats.load(path)
    assert [kid.title for kid in saved.root.kids][-1] == "消息 提醒"
