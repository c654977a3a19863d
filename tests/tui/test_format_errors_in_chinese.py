"""The editor says in the UI's language what it cannot do with a file's format (it was
English in the Chinese UI): opening a picture featuretree only exports, saving under an
extension it does not know, an unknown format name, and the marker that stands for the
levels left out of a very deep path. The command line stays English."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from annotation_helpers import statics_text
from editor_helpers import SIZE, small_document
from file_commands import from_palette, type_path

from featuretree import formats
from featuretree.i18n import set_language
from featuretree.tui import FeatureTreeApp

LANGUAGES = ["zh", "en"]


@pytest.fixture
def language(request, tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    """The editor's language for this test, set in its config file (as a user does)."""
    code = request.param
    config = tmp_path / f"{code}.toml"
    config.write_text(f'language = "{code}"\n', encoding="utf-8")
    monkeypatch.setenv("FEATURETREE_CONFIG", str(config))
    yield code
    set_language("en")


async def _opened(path: Path) -> str:
    """The text on screen once ``path`` is opened."""
    app = FeatureTreeApp(path)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        return " ".join(statics_text(app).split())


@pytest.mark.parametrize("language", LANGUAGES, indirect=True)
async def test_opening_a_picture_says_it_cannot_be_read_in_the_ui_language(
    tmp_path: Path, language: str
) -> None:
    path = tmp_path / "结构图.svg"
    path.write_text("<svg/>", encoding="utf-8")
    shown = await _opened(path)
    if language == "zh":
        assert "featuretree 不能读取这种格式（SVG 图片）" in shown, shown
        assert "cannot read" not in shown and "picture files" not in shown, shown
    else:
        assert "featuretree cannot read SVG picture files" in shown, shown


def _deep(depth: int) -> dict:
    """A document ``depth`` levels deep whose deepest node has a title that is a number."""
    root: dict = {"title": "仓储"}
    node = root
    for level in range(depth):
        child: dict = {"title": f"第{level}级"}
        node["children"] = [child]
        node = child
    node["title"] = 3
    return root


@pytest.mark.parametrize("language", LANGUAGES, indirect=True)
async def test_a_very_deep_path_says_the_left_out_levels_in_the_ui_language(
    tmp_path: Path, language: str
) -> None:
    path = tmp_path / "深.json"
    path.write_text(json.dumps(_deep(30), ensure_ascii=False), encoding="utf-8")
    shown = await _opened(path)
    if language == "zh":
        # in the node's title path (the root is a title too) and in its JSON path after it
        assert "第2级 › …（省略 23 层）… › 第26级" in shown, shown
        assert ".children[0]…（省略 22 层）….children[0]" in shown, shown
        assert "levels" not in shown, shown
    else:
        assert "第2级 › …(23 levels)… › 第26级" in shown, shown
        assert ".children[0]…(22 levels)….children[0]" in shown, shown


@pytest.mark.parametrize("language", LANGUAGES, indirect=True)
async def test_saving_under_an_unknown_extension_is_refused_in_the_ui_language(
    tmp_path: Path, language: str, notes
) -> None:
    source = tmp_path / "app.json"
    formats.save(small_document(), source)
    app = FeatureTreeApp(source)
    async with app.run_test(size=SIZE) as pilot:
        seen = notes(app)
        await from_palette(pilot, "另存为" if language == "zh" else "Save as")
        await type_path(pilot, tmp_path / "给研发.docx")
        await pilot.pause()
    said = "\n".join(seen)
    if language == "zh":
        assert "给研发.docx：无法从扩展名判断文件格式" in said, said
        assert "cannot tell" not in said, said
    else:
        assert "给研发.docx: cannot tell the format from the extension" in said, said
    assert not (tmp_path / "给研发.docx").exists()


def test_an_unknown_format_name_is_said_in_chinese_and_printed_in_english() -> None:
    set_language("zh")
    try:
        with pytest.raises(formats.FormatError) as caught:
            formats.loads(b"# a", "docx")
        assert caught.value.text().startswith("未知的格式 'docx'（已知：json, md"), caught.value
        with pytest.raises(formats.FormatError) as written:
            formats.dumps(small_document(), "svgz")
        assert "未知的格式 'svgz'" in written.value.text()
    finally:
        set_language("en")
    assert str(caught.value).startswith("unknown format 'docx' (known: json, md")


def test_more_problems_are_counted_in_the_ui_language() -> None:
    raw = {"title": "仓储", "children": [{"title": 1}, {"title": 2}, {"title": 3}]}
    with pytest.raises(formats.FormatError) as caught:
        formats.loads(json.dumps(raw).encode(), "json")
    assert str(caught.value).endswith("(and 2 more problems)")
    set_language("zh")
    try:
        assert caught.value.text().endswith("（另有 2 个问题）"), caught.value.text()
        assert "must be" not in caught.value.text()
    finally:
        set_language("en")


@pytest.mark.parametrize("language", LANGUAGES, indirect=True)
async def test_a_damaged_recovery_copy_is_explained_in_the_ui_language(
    doc_path: Path, language: str, notes
) -> None:
    from persistence_helpers import kept_edit

    from featuretree.storage.recovery import RecoveryStore

    store = RecoveryStore()
    kept_edit(doc_path, store)
    info = store.find(doc_path)
    data = info.file.read_bytes()
    info.file.write_bytes(data[: data.index(b"\n") + 40])  # the document cut short
    app = FeatureTreeApp(doc_path)
    seen = notes(app)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
    said = "\n".join(seen)
    assert ".damaged" in said, said
    if language == "zh":
        assert "JSON 格式错误" in said and "invalid JSON" not in said, said
    else:
        assert "invalid JSON" in said, said
