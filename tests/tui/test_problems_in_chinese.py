"""Why a file cannot be opened is said in the UI's language on the Problems screen
(it was English in the Chinese UI): broken JSON, bad values, a file that is not the
format its extension says, a map without nodes, broken XML."""

from __future__ import annotations

from pathlib import Path

import pytest
from annotation_helpers import statics_text
from editor_helpers import SIZE

from featuretree.i18n import set_language
from featuretree.tui import FeatureTreeApp

BROKEN = [
    # (file name, content, Chinese text shown, English text that must not show)
    ("语法.json", '{"title": "仓储", "children": [}', "JSON 格式错误", "invalid JSON"),
    (
        "取值.json",
        '{"title": "仓储", "children": [{"title": 3, "status": "做完了", "oops": 1}]}',
        "必须是字符串",
        "must be a string",
    ),
    (
        "取值2.json",
        '{"title": "仓储", "children": [{"title": "入库", "oops": 1}]}',
        "未知的键",
        "unknown key",
    ),
    ("不是.json", "[1, 2]", "不是 featuretree 文档", "not a featuretree document"),
    (
        "新版.json",
        '{"format": "featuretree", "version": 99, "root": {"title": "仓储"}}',
        "由更新版本的 featuretree 写入",
        "newer featuretree",
    ),
    ("假的.xmind", "这不是压缩包", "不是 XMind 文件", "not an XMind file"),
    ("状态.md", "# 仓储\n\n> 状态: **shiny**\n", "未知的状态 'shiny'", "unknown status"),
    (
        "日期.md",
        "# 仓储\n\n> **修改记录**\n>\n> | 版本 | 日期 | 作者 | 说明 |\n> | --- | --- | --- | --- |\n"
        "> | 1 | 2024-13-01 | a | b |\n",
        "13 月不是有效的月份",
        "is not a month",
    ),
    ("空的.mmd", "mindmap\n", "思维导图中没有节点", "has no nodes"),
    ("括号.mmd", "mindmap\n  仓储((入库\n", "没有闭合", "is not closed"),
    ("坏的.opml", "<opml><body><outline text='a'></body></opml>", "XML 格式错误", "invalid XML"),
    (
        "实体.mm",
        '<!DOCTYPE map [<!ENTITY a "仓储">]><map><node TEXT="&a;"/></map>',
        "featuretree 拒绝",
        "refuses",
    ),
    ("别的.opml", "<html><body/></html>", "不是 OPML 文件", "not an OPML file"),
]


@pytest.mark.parametrize(("name", "content", "chinese", "english"), BROKEN)
async def test_a_broken_file_is_explained_in_chinese(
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    name: str,
    content: str,
    chinese: str,
    english: str,
) -> None:
    path = tmp_path / name
    path.write_text(content, encoding="utf-8")
    config = tmp_path / "zh.toml"
    config.write_text('language = "zh"\n', encoding="utf-8")
    monkeypatch.setenv("FEATURETREE_CONFIG", str(config))
    try:
        app = FeatureTreeApp(path)
        async with app.run_test(size=SIZE) as pilot:
            await pilot.pause()
            shown = statics_text(app)
            assert "无法打开" in shown or chinese in shown, shown
            assert chinese in shown, shown
            assert english not in shown, shown
    finally:
        set_language("en")


MORE = [
    ("乱码.md", b"# \xff\xfe\n", "不是有效的 utf-8 文本", "not valid utf-8 text"),
]


@pytest.mark.parametrize(("name", "content", "chinese", "english"), MORE)
async def test_a_file_that_cannot_be_read_is_explained_in_chinese(
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    name: str,
    content: bytes | None,
    chinese: str,
    english: str,
) -> None:
    path = tmp_path / name
    if content is None:
        path.mkdir()
    else:
        path.write_bytes(content)
    config = tmp_path / "zh.toml"
    config.write_text('language = "zh"\n', encoding="utf-8")
    monkeypatch.setenv("FEATURETREE_CONFIG", str(config))
    try:
        app = FeatureTreeApp(path)
        async with app.run_test(size=SIZE) as pilot:
            await pilot.pause()
            shown = statics_text(app)
            assert chinese in shown, shown
            assert english not in shown, shown
    finally:
        set_language("en")


async def test_where_in_the_file_is_said_in_chinese(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "语法.json"
    path.write_text('{"title": "仓储",\n "children": [}', encoding="utf-8")
    config = tmp_path / "zh.toml"
    config.write_text('language = "zh"\n', encoding="utf-8")
    monkeypatch.setenv("FEATURETREE_CONFIG", str(config))
    try:
        app = FeatureTreeApp(path)
        async with app.run_test(size=SIZE) as pilot:
            await pilot.pause()
            shown = statics_text(app)
            assert "第 2 行第 15 列" in shown, shown
            assert "line 2" not in shown, shown
    finally:
        set_language("en")


async def test_a_node_without_a_title_and_the_colon_are_said_in_chinese(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "无题.json"
    path.write_text('{"title": "仓储", "children": [{"title": "", "oops": 1}]}', encoding="utf-8")
    config = tmp_path / "zh.toml"
    config.write_text('language = "zh"\n', encoding="utf-8")
    monkeypatch.setenv("FEATURETREE_CONFIG", str(config))
    try:
        app = FeatureTreeApp(path)
        async with app.run_test(size=SIZE) as pilot:
            await pilot.pause()
            shown = statics_text(app)
            assert "仓储 › （未命名）：oops：未知的键" in shown, shown
            assert "(untitled)" not in shown, shown
    finally:
        set_language("en")


async def test_the_place_is_joined_to_the_message_with_a_chinese_colon(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "语法.json"
    path.write_text('{"title": "仓储",\n "children": [}', encoding="utf-8")
    config = tmp_path / "zh.toml"
    config.write_text('language = "zh"\n', encoding="utf-8")
    monkeypatch.setenv("FEATURETREE_CONFIG", str(config))
    try:
        app = FeatureTreeApp(path)
        async with app.run_test(size=SIZE) as pilot:
            await pilot.pause()
            shown = statics_text(app)
            assert "第 2 行第 15 列：JSON 格式错误" in shown, shown
    finally:
        set_language("en")
