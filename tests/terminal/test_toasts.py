"""A notice over the editor's split shows its Chinese whole (Textual issue #6357)."""

from __future__ import annotations

from pathlib import Path

import pytest

from featuretree import formats
from featuretree.model import Document, FeatureNode
from featuretree.model.tree import attach
from terminal.screen import open_app


@pytest.mark.parametrize(("language", "copied"), [("zh", "已复制“设置”"), ("en", "Copied “设置”")])
def test_a_copied_title_is_readable_in_the_toast(
    tmp_path: Path, language: str, copied: str
) -> None:
    with open_app(["--sample", "zhihu"], tmp_path, size=(80, 24), language=language) as app:
        app.wait_for("知乎 App")
        app.press("end", *["up"] * 6)  # 设置, the last module, lies over the split
        app.press("ctrl+c")
        app.wait_for(copied[:2])
        assert copied in app.text(), app.text()


@pytest.mark.parametrize(
    ("language", "copied"),
    [("zh", "已复制“会员 中心 设置页”（1 个节点）"), ("en", "Copied “会员 中心 设置页” (1 node)")],
)
def test_a_notice_quoting_a_title_with_a_space_shows_it_whole(
    tmp_path: Path, language: str, copied: str
) -> None:
    """The notice's card lies over the split at 80×24: no CJK character halved, no
    space dropped or turned into a line break, nothing cut at the card's edge."""
    doc = Document.new("会员 App")
    attach(FeatureNode("会员 中心 设置页", id="centre"), doc.root)
    path = tmp_path / "members.json"
    formats.save(Document(doc.root), path)
    with open_app([str(path)], tmp_path, size=(80, 24), language=language) as app:
        app.wait_for("设置页")
        app.press("down", "ctrl+c")
        app.wait_for(copied[:2])
        assert copied in app.text(), app.text()
