"""Repairs made while reading a file are told in the UI's language (they were English
in the Chinese UI): duplicate or invalid ids, mixed indentation, unreadable note blocks."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from annotation_helpers import statics_text
from editor_helpers import SIZE

from featuretree.formats.freemind_format import read_freemind
from featuretree.formats.markdown_reader import read_markdown
from featuretree.formats.mermaid_format import read_mermaid
from featuretree.formats.notes_block import SEPARATOR
from featuretree.i18n import set_language
from featuretree.tui import FeatureTreeApp


def _child(node_id: str, title: str) -> dict:
    return {"id": node_id, "title": title, "children": []}


async def test_a_duplicate_id_is_told_in_chinese(tmp_path: Path, monkeypatch) -> None:
    path = tmp_path / "仓储.json"
    doc = {
        "format": "featuretree",
        "version": 1,
        "root": {
            "id": "r",
            "title": "仓储",
            "children": [_child("a", "入库"), _child("a", "出库")],
        },
    }
    path.write_text(json.dumps(doc, ensure_ascii=False), encoding="utf-8")
    config = tmp_path / "zh.toml"
    config.write_text('language = "zh"\n', encoding="utf-8")
    monkeypatch.setenv("FEATURETREE_CONFIG", str(config))
    try:
        app = FeatureTreeApp(path)
        async with app.run_test(size=SIZE) as pilot:
            await pilot.pause()
            shown = statics_text(app)
            assert "重复的 id 'a'" in shown, shown
            assert "duplicate id" not in shown
    finally:
        set_language("en")


@pytest.fixture
def chinese():
    set_language("zh")
    yield
    set_language("en")


def test_other_readers_repairs_in_chinese(chinese) -> None:
    md = "# 仓储 <!-- id: r -->\n\n- 入库 <!-- id: a -->\n- 出库 <!-- id: a -->\n"
    assert any("第 4 行" in w and "无效或重复" in w for w in read_markdown(md.encode()).warnings)
    mermaid = "mindmap\n  仓储\n    入库\n\t    出库\n"
    assert any("缩进混用了 Tab 和空格" in w for w in read_mermaid(mermaid.encode()).warnings)
    note = f"备注\n\n{SEPARATOR}\n随便写的一行\n"
    mm = f'<map><node TEXT="仓储"><richcontent TYPE="NOTE"><html><body><pre>{note}</pre></body></html></richcontent></node></map>'
    warnings = read_freemind(mm.encode()).warnings
    assert any("'仓储' 的备注" in w and "无法读取" in w for w in warnings), warnings
