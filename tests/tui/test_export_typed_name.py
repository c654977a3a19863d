"""Ctrl+E writes what the typed file name says (a tester's report): ``图.svg`` is an SVG
whatever the chooser showed, a name with no extension gets the chosen format's, an
extension featuretree can only open is refused in the form, and a folder that does not
exist is said in the form with the typed path kept (a PNG too, made in the background)."""

from __future__ import annotations

from pathlib import Path

import pytest
from editor_helpers import SIZE
from file_commands import enter_path
from persistence_helpers import wait_for
from screen_text import screen_text

from featuretree import formats
from featuretree.formats import registry
from featuretree.storage import forked
from featuretree.tui import FeatureTreeApp
from featuretree.tui.screens.export import ExportScreen

PNG_MAGIC = b"\x89PNG\r\n\x1a\n"


async def _type_path(pilot, text: str) -> None:
    """Ctrl+E, Tab to the path, clear it, type ``text`` (as the tester did)."""
    await pilot.press("ctrl+e")
    await pilot.pause()
    await pilot.press("tab", "ctrl+u")
    await enter_path(pilot, text)
    await pilot.pause()


def _shown(app: FeatureTreeApp) -> str:
    return " ".join(screen_text(app).split())


async def test_svg_typed_with_markdown_chosen_writes_an_svg(doc_path: Path, notes):
    app = FeatureTreeApp(doc_path)
    async with app.run_test(size=SIZE) as pilot:
        seen = notes(app)
        await pilot.press("ctrl+e")
        await pilot.pause()
        assert "◀ Markdown" in _shown(app)
        await pilot.press("tab", "ctrl+u")
        await enter_path(pilot, doc_path.parent / "检查 图.svg")
        await pilot.pause()
        assert "◀ SVG picture" in _shown(app)  # the chooser follows the name as it is typed
        await pilot.press("enter")
        await pilot.pause()
        assert not isinstance(app.screen, ExportScreen)
    target = doc_path.parent / "检查 图.svg"
    assert target.read_bytes().lstrip().startswith((b"<svg", b"<?xml"))
    assert b"<svg" in target.read_bytes()[:300]
    assert any(f"Exported to {target} as SVG picture" in text for text in seen), seen


async def test_md_typed_with_freemind_chosen_writes_markdown(doc_path: Path, notes):
    app = FeatureTreeApp(doc_path)
    app.last_export_format = "mm"
    async with app.run_test(size=SIZE) as pilot:
        seen = notes(app)
        await pilot.press("ctrl+e")
        await pilot.pause()
        assert "FreeMind / Freeplane" in _shown(app)
        await pilot.press("tab", "ctrl+u")
        await enter_path(pilot, doc_path.parent / "PRD 文档.md")
        await pilot.pause()
        await pilot.press("enter")
        await pilot.pause()
    target = doc_path.parent / "PRD 文档.md"
    assert target.read_bytes().startswith(b"# ")
    assert any(f"Exported to {target} as Markdown" in text for text in seen), seen
    assert app.last_export_format == "md"  # the next Ctrl+E offers what was written


async def test_no_extension_gets_the_chosen_formats(doc_path: Path, notes):
    app = FeatureTreeApp(doc_path)
    async with app.run_test(size=SIZE) as pilot:
        seen = notes(app)
        await _type_path(pilot, str(doc_path.parent / "功能 结构图 v2.0"))
        assert "◀ Markdown" in _shown(app)  # ".0" is no format's: the choice stays
        await pilot.press("enter")
        await pilot.pause()
    target = doc_path.parent / "功能 结构图 v2.0.md"
    assert target.read_bytes().startswith(b"# ")
    assert not (doc_path.parent / "功能 结构图 v2.0").exists()
    assert any(f"Exported to {target} as Markdown" in text for text in seen), seen


async def test_a_prd_choice_keeps_a_typed_md(doc_path: Path):
    app = FeatureTreeApp(doc_path)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("ctrl+e")
        await pilot.pause()
        await pilot.press("right")  # Markdown for a PRD
        await pilot.press("tab", "ctrl+u")
        await enter_path(pilot, doc_path.parent / "需求.md")
        await pilot.pause()
        assert "Markdown for a PRD" in _shown(app)
        await pilot.press("enter")
        await pilot.pause()
    assert (doc_path.parent / "需求.md").read_bytes().startswith(b"# ")


async def test_png_typed_with_markdown_chosen_writes_a_png(doc_path: Path, notes):
    app = FeatureTreeApp(doc_path)
    async with app.run_test(size=SIZE) as pilot:
        seen = notes(app)
        await _type_path(pilot, str(doc_path.parent / "图 SVG.png"))
        assert "◀ PNG image" in _shown(app)
        await pilot.press("enter")
        await wait_for(pilot, lambda: any("Exported to" in text for text in seen), 60)
    target = doc_path.parent / "图 SVG.png"
    assert target.read_bytes().startswith(PNG_MAGIC)
    assert any(f"Exported to {target} as PNG image" in text for text in seen), seen


async def test_an_import_only_extension_is_refused_in_the_form(
    doc_path: Path, monkeypatch: pytest.MonkeyPatch
):
    opened_only = registry.Format("fake", "Fake outline", (".fake",), reader=lambda data: None)
    monkeypatch.setitem(registry._FORMATS, "fake", opened_only)
    app = FeatureTreeApp(doc_path)
    async with app.run_test(size=SIZE) as pilot:
        await _type_path(pilot, str(doc_path.parent / "大纲.fake"))
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, ExportScreen)  # still open, the path as typed
        assert app.screen.query_one("#path").value == str(doc_path.parent / "大纲.fake")
        assert "Fake outline files (.fake) can be opened but not exported" in _shown(app)
    assert not (doc_path.parent / "大纲.fake").exists()


@pytest.mark.parametrize("name", ["功能 结构图 v2.png", "功能 结构图 v2.md"])
async def test_a_missing_folder_keeps_the_form_and_the_typed_path(doc_path: Path, notes, name: str):
    typed = str(doc_path.parent / "导出" / name)
    app = FeatureTreeApp(doc_path)
    async with app.run_test(size=SIZE) as pilot:
        seen = notes(app)
        await _type_path(pilot, typed)
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, ExportScreen)
        assert app.screen.query_one("#path").value == typed
        assert "no such file or directory" in _shown(app)
        assert not any("Exporting" in text for text in seen)  # nothing started


async def test_format_labels_are_chinese_in_the_chinese_ui(
    doc_path: Path, monkeypatch: pytest.MonkeyPatch, notes
):
    monkeypatch.setenv("LANG", "zh_CN.UTF-8")
    app = FeatureTreeApp(doc_path)
    async with app.run_test(size=SIZE) as pilot:
        seen = notes(app)
        for name, label in [
            ("a.png", "PNG 图片"),
            ("a.html", "HTML 网页"),
            ("a.opml", "OPML 大纲"),
            ("检查 图.svg", "SVG 图片"),
        ]:
            if not isinstance(app.screen, ExportScreen):
                await pilot.press("ctrl+e")
                await pilot.pause()
                await pilot.press("tab")
            await pilot.press("ctrl+u")
            await enter_path(pilot, doc_path.parent / name)
            await pilot.pause()
            assert f"◀ {label}" in _shown(app)
        await pilot.press("enter")
        await pilot.pause()
        typed = str(doc_path.parent / "导出" / "功能 结构图 v2.png")
        await _type_path(pilot, typed)
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, ExportScreen)
        assert "文件夹不存在" in _shown(app)
    target = doc_path.parent / "检查 图.svg"
    assert b"<svg" in target.read_bytes()[:300]
    assert any(f"已导出到 {target}，格式：SVG 图片" in text for text in seen), seen


async def test_stepping_the_chooser_changes_a_typed_extension(doc_path: Path, notes):
    typed = str(doc_path.parent / "检查 图.svg")
    app = FeatureTreeApp(doc_path)
    async with app.run_test(size=SIZE) as pilot:
        seen = notes(app)
        await _type_path(pilot, typed)
        await pilot.press("shift+tab", "left")  # SVG picture → PlantUML mindmap
        await pilot.pause()
        assert "◀ PlantUML mindmap" in _shown(app)
        assert app.screen.query_one("#path").value == str(doc_path.parent / "检查 图.puml")
        await pilot.press("enter")
        await pilot.pause()
    target = doc_path.parent / "检查 图.puml"
    assert target.read_bytes().startswith(b"@startmindmap")
    assert any(f"Exported to {target} as PlantUML mindmap" in text for text in seen), seen


async def test_stepping_fast_through_the_formats_lands_where_the_keys_say(doc_path: Path):
    app = FeatureTreeApp(doc_path)
    app.last_export_format = "png"
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("ctrl+e")
        await pilot.pause()
        choice = app.screen.query_one("#format")
        for _ in range(5):  # PNG → SVG → PlantUML → Mermaid → OPML → FreeMind, keys in a burst
            choice.action_step(-1)
        await pilot.pause()
        await pilot.pause()
        assert app.screen.query_one("#format").value == "mm"
        assert app.screen.query_one("#path").value == str(doc_path.parent / "app.mm")
        assert "◀ FreeMind / Freeplane" in _shown(app)


async def test_a_png_that_fails_in_the_background_offers_its_path_again(
    doc_path: Path, notes, monkeypatch: pytest.MonkeyPatch
):
    monkeypatch.setenv(forked.FORK_ENV, "0")  # a thread: the failing writer is this one
    original = formats.dumps

    def dumps(doc, fmt, **options):
        if fmt == "png":
            raise formats.FormatError("the picture is too large to draw")
        return original(doc, fmt, **options)

    monkeypatch.setattr(formats, "dumps", dumps)
    typed = str(doc_path.parent / "功能 结构图 v2.png")
    app = FeatureTreeApp(doc_path)
    async with app.run_test(size=SIZE) as pilot:
        seen = notes(app)
        await _type_path(pilot, typed)
        await pilot.press("enter")
        await wait_for(pilot, lambda: any("too large" in text for text in seen), 20)
        await pilot.pause()
        await pilot.press("ctrl+e")
        await pilot.pause()
        assert app.screen.query_one("#path").value == typed  # not the default name again
        assert "◀ PNG image" in _shown(app)
    assert not Path(typed).exists()


async def test_the_offered_name_is_the_whole_file_name_before_its_extension(tmp_path: Path):
    path = tmp_path / "知乎 v1.2.json"
    formats.save(formats.load(Path(__file__).parents[2] / "samples" / "zhihu.json"), path)
    app = FeatureTreeApp(path)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("ctrl+e")
        await pilot.pause()
        offered = Path(app.screen.query_one("#path").value)
    assert offered.parent == tmp_path
    assert offered.stem == "知乎 v1.2"  # it offered 知乎 v1.md


async def test_a_png_with_characters_no_font_draws_says_which(doc_path: Path, notes, monkeypatch):
    """resvg draws a character no font has (an emoji without an emoji font) as an empty
    box, silently; after the PNG is written the editor names them."""
    pytest.importorskip("resvg_py", exc_type=ImportError)
    from featuretree.formats.errors import MissingSupport
    from featuretree.formats.png_format import find_cjk_font

    try:
        find_cjk_font()
    except MissingSupport:
        pytest.skip("no CJK font here")
    monkeypatch.setenv(forked.FORK_ENV, "0")
    doc = formats.load(doc_path)
    doc.node("search").title = "搜索 \u0379"  # unassigned: no font anywhere has it
    formats.save(doc, doc_path)
    typed = str(doc_path.parent / "图.png")
    app = FeatureTreeApp(doc_path)
    async with app.run_test(size=SIZE) as pilot:
        seen = notes(app)
        await _type_path(pilot, typed)
        await pilot.press("enter")
        await wait_for(pilot, lambda: any("empty boxes" in text for text in seen), 30)
    assert Path(typed).read_bytes()[:8] == PNG_MAGIC
    assert any("\u0379 as empty boxes" in text for text in seen), seen
