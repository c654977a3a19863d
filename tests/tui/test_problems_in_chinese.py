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


async def _shown_in_chinese(path: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> str:
    """The text on screen once ``path`` is opened in the Chinese UI."""
    config = tmp_path / "zh.toml"
    config.write_text('language = "zh"\n', encoding="utf-8")
    monkeypatch.setenv("FEATURETREE_CONFIG", str(config))
    try:
        app = FeatureTreeApp(path)
        async with app.run_test(size=SIZE) as pilot:
            await pilot.pause()
            return statics_text(app)
    finally:
        set_language("en")


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
    shown = await _shown_in_chinese(path, tmp_path, monkeypatch)
    assert "无法打开" in shown or chinese in shown, shown
    assert chinese in shown, shown
    assert english not in shown, shown


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
    shown = await _shown_in_chinese(path, tmp_path, monkeypatch)
    assert chinese in shown, shown
    assert english not in shown, shown


async def test_where_in_the_file_is_said_in_chinese(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "语法.json"
    path.write_text('{"title": "仓储",\n "children": [}', encoding="utf-8")
    shown = await _shown_in_chinese(path, tmp_path, monkeypatch)
    assert "第 2 行第 15 列" in shown, shown
    assert "line 2" not in shown, shown


async def test_a_node_without_a_title_and_the_colon_are_said_in_chinese(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "无题.json"
    path.write_text('{"title": "仓储", "children": [{"title": "", "oops": 1}]}', encoding="utf-8")
    shown = await _shown_in_chinese(path, tmp_path, monkeypatch)
    assert "仓储 › （未命名）：oops：未知的键" in shown, shown
    assert "(untitled)" not in shown, shown


async def test_the_place_is_joined_to_the_message_with_a_chinese_colon(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "语法.json"
    path.write_text('{"title": "仓储",\n "children": [}', encoding="utf-8")
    shown = await _shown_in_chinese(path, tmp_path, monkeypatch)
    assert "第 2 行第 15 列：JSON 格式错误" in shown, shown


def _encrypted_xmind() -> bytes:
    import io
    import zipfile

    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("content.json", "[]")
    data = bytearray(buffer.getvalue())
    for signature, offset in [(b"PK\x03\x04", 6), (b"PK\x01\x02", 8)]:
        data[data.index(signature) + offset] |= 1  # the "encrypted" flag
    return bytes(data)


def _xmind(content: str) -> bytes:
    import io
    import zipfile

    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("content.json", content)
    return buffer.getvalue()


STILL_ENGLISH = [
    ("根.mm", b"<notmap/>", "不是 FreeMind/Freeplane 导图", "not a FreeMind"),
    ("空.mm", b"<map></map>", "导图中没有节点", "has no nodes"),
    ("未知.xyz", "仓储".encode(), "无法从扩展名判断文件格式", "cannot tell the format"),
    (
        "编码.opml",
        b'<?xml version="1.0" encoding="bogus"?><opml/>',
        "第 1 行：未知的文本编码 'bogus'",
        "unknown text encoding",
    ),
    ("加密.xmind", _encrypted_xmind(), "无法读取压缩包中的 content.json", "cannot be read"),
    ("过大.xmind", _xmind("[" + " " * 5000 + "]"), "压缩包中的 content.json 过大", "too large"),
    (
        "层级.md",
        b"# r\n\n## a\n\n### b\n\n- c <!-- depth: 9 -->\n",
        "第 7 行：层级标记 '9' 与上一项接不上",
        "depth marker",
    ),
    (
        "括号.md",
        ("# 仓储\n\n- " + "[" * 300 + "\n").encode(),
        "[ 方括号嵌套超过 256 层",
        "nested [ brackets",
    ),
    (
        "嵌套.md",
        "".join("  " * d + f"- n{d}\n" for d in range(150)).encode(),
        "列表或引用嵌套超过",
        "nested more than",
    ),
]


@pytest.mark.parametrize(
    ("name", "content", "chinese", "english"), STILL_ENGLISH, ids=[row[0] for row in STILL_ENGLISH]
)
async def test_more_files_that_cannot_be_opened_are_explained_in_chinese(
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    name: str,
    content: bytes,
    chinese: str,
    english: str,
) -> None:
    from featuretree.formats import xmind_format

    monkeypatch.setattr(xmind_format, "MAX_MEMBER_BYTES", 1000)
    path = tmp_path / name
    path.write_bytes(content)
    shown = await _shown_in_chinese(path, tmp_path, monkeypatch)
    assert chinese in shown, shown
    assert english not in shown, shown


async def test_a_file_the_system_will_not_give_is_explained_in_chinese(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from featuretree import formats

    def refuse(path: object) -> int:
        raise OSError(5, "Input/output error")

    path = tmp_path / "锁住.json"
    path.write_text('{"title": "仓储"}', encoding="utf-8")
    monkeypatch.setattr(formats.os.path, "getsize", refuse)
    shown = await _shown_in_chinese(path, tmp_path, monkeypatch)
    assert "无法读取：Input/output error" in shown, shown
    assert "cannot read" not in shown, shown
