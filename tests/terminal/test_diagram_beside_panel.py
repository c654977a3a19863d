"""Typing in a box of a picture wider than its view leaves the Chinese in the detail panel
beside it whole: the repaint of the box's row was as wide as the whole picture, so it
ended inside the panel, in the middle of a Chinese character, and left two spaces in its
place (``P2 待  估`` for ``P2 待评估``) until something else redrew that line."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from featuretree import formats
from featuretree.model.annotations import Suggestion
from featuretree.model.document import Document
from featuretree.model.node import FeatureNode
from featuretree.model.tree import attach
from terminal.screen import open_app


def test_typing_in_a_box_leaves_the_panel_beside_the_picture_whole(tmp_path: Path) -> None:
    doc = Document.new("知乎 App 改版")
    for number, title in enumerate(("首页 推荐", "abc 中", "首页")):
        attach(FeatureNode(title, id=f"m{number}"), doc.root)
    news = FeatureNode("消息 通知", id="news")
    attach(news, doc.root)
    suggestion = Suggestion(id="s1", text="支持 按时间 排序", created=dt.date(2026, 12, 4))
    attach(FeatureNode("私信 列表", id="dm", suggestions=[suggestion]), news)
    path = tmp_path / "app.json"
    formats.save(Document(doc.root), path)
    with open_app([str(path)], tmp_path, size=(80, 24), language="zh") as app:
        app.wait_for("私信 列表")
        app.press("end", "v")
        app.wait_for("╭───────────╮")
        app.press("f2", "x")
        app.settle()
        # Read cell by cell: a wide character cut in half leaves a cell pyte cannot show.
        rows = [app.columns(y, 0) for y in range(24)]
        status = [row for row in rows if "P2" in row]
        assert status and all("P2 待评估" in row for row in status), "\n".join(rows)
