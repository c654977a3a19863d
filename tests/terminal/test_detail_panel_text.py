"""The detail panel shows every character of a node's notes, as a user sees them."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from featuretree import formats
from featuretree.samples_catalog import sample_path
from terminal.screen import open_app


def panel_text(app) -> str:
    """The detail panel's text (right of its ``▏`` border, scrollbar left out), rows joined."""
    border = app.column_of(2, "▏")
    rows = range(1, app.screen.lines - 1)
    return "".join(app.columns(y, border + 1).strip().rstrip("▁▂▃▄▅▆▇█ ") for y in rows)


@pytest.mark.parametrize("size", [(80, 24), (120, 40)])
def test_notes_of_a_node_are_complete_on_screen(tmp_path: Path, size) -> None:
    doc = formats.load(sample_path("zhihu"))
    node = next(node for node in doc.iter_nodes() if node.title == "知乎直答")
    with open_app(["--sample", "zhihu"], tmp_path, size=size) as app:
        app.wait_for("知乎 App")
        app.press(*["down"] * 7)
        app.wait_for("Notes")
        shown = panel_text(app)
        for line in node.notes.splitlines():
            words = re.sub(r"\s+", "", line)
            # Wrapped text joins back to the note (the panel may end before the note does).
            assert words[:40] in re.sub(r"\s+", "", shown), (line, app.text())


def test_long_notes_reached_with_arrows_are_complete(tmp_path: Path) -> None:
    """At 120×40, a node whose notes overflow the panel (so the scrollbar comes in)."""
    from featuretree.model.document import Document
    from featuretree.model.node import FeatureNode
    from featuretree.model.tree import attach

    doc = Document.new("读书 App")
    notes = "\n".join(
        f"第{i}条：书架分组支持拖拽排序，长按书籍可以批量移动到其他分组并同步到云端"
        for i in range(1, 16)
    )
    for number, title in enumerate(("书架", "书城", "我的")):
        attach(
            FeatureNode(title, id=f"n{number}", notes=notes if title == "书城" else "短备注"),
            doc.root,
        )
    doc = Document(doc.root)
    path = tmp_path / "read.json"
    formats.save(doc, path)
    with open_app([str(path)], tmp_path, size=(120, 40)) as app:
        app.wait_for("书城")
        app.press("down", "down", "down", "up")
        app.wait_for("第1条")
        shown = re.sub(r"\s+", "", panel_text(app))
        for line in notes.splitlines()[:8]:  # what fits above the panel's bottom
            assert line in shown, app.text()
