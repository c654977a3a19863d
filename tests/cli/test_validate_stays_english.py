"""The command line says why a file cannot be read in English, whatever language the
editor is set to (the Problems screen says the same problems in the UI's language)."""

from __future__ import annotations

from pathlib import Path

import pytest

from featuretree.i18n import set_language

BROKEN = [
    ("语法.json", '{"title": "仓储", "children": [}', "invalid JSON"),
    ("取值.json", '{"title": "仓储", "children": [{"title": 3, "oops": 1}]}', "must be a string"),
    ("假的.xmind", "这不是压缩包", "not an XMind file (not a zip archive)"),
    ("空的.mmd", "mindmap\n", "the mindmap has no nodes"),
    ("坏的.opml", "<opml><body><outline text='a'></body></opml>", "invalid XML"),
    ("空.mm", "<map></map>", "the map has no nodes"),
    (
        "根.mm",
        "<notmap/>",
        "not a FreeMind/Freeplane map (the root element is <notmap>, not <map>)",
    ),
    (
        "编码.opml",
        '<?xml version="1.0" encoding="bogus"?><opml/>',
        "line 1: unknown text encoding 'bogus'",
    ),
    (
        "层级.md",
        "# r\n\n## a\n\n### b\n\n- c <!-- depth: 9 -->\n",
        "line 7: depth marker '9' does not fit",
    ),
    (
        "无题.json",
        '{"title": "仓储", "children": [{"title": "", "oops": 1}]}',
        "仓储 › (untitled): oops",
    ),
]


@pytest.mark.parametrize(("name", "content", "english"), BROKEN)
def test_validate_prints_english_in_a_chinese_setup(
    run, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, name: str, content: str, english: str
) -> None:
    path = tmp_path / name
    path.write_text(content, encoding="utf-8")
    config = tmp_path / "zh.toml"
    config.write_text('language = "zh"\n', encoding="utf-8")
    monkeypatch.setenv("FEATURETREE_CONFIG", str(config))
    monkeypatch.setenv("LANG", "zh_CN.UTF-8")
    try:
        set_language("zh")  # even with the editor's language in Chinese
        status, out, err = run("validate", path)
        said = out + err
        assert status == 1
        assert english in said, said
        if name.endswith(".json") and "invalid JSON" in english:
            assert "line 1, column 30: invalid JSON" in said, said
        assert not any(
            "\u4e00" <= ch <= "\u9fff" for ch in said.replace(name, "").replace("仓储", "")
        ), said
    finally:
        set_language("en")
