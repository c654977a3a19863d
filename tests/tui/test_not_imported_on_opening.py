"""Opening a file whose content could not all be imported says "Not imported: …" on the
problems screen, apart from repairs (issue 17, item 7)."""

from __future__ import annotations

from pathlib import Path

import pytest
from annotation_helpers import statics_text
from editor_helpers import SIZE, editor
from textual.app import App

from featuretree.i18n import set_language
from featuretree.tui import FeatureTreeApp
from featuretree.tui.screens.problems import ProblemsScreen

FREEMIND = """<map><node TEXT="App">
<node TEXT="首页"><arrowlink DESTINATION="ID_2"/></node>
<node><richcontent TYPE="NODE"><html><body><img src="images/流程图.png"/></body></html></richcontent></node>
<node TEXT="带图"><hook NAME="ExternalObject" URI="file:/d/截图.jpg"/></node>
</node></map>"""


@pytest.fixture
def mm_path(tmp_path: Path) -> Path:
    path = tmp_path / "colleague.mm"
    path.write_text(FREEMIND, encoding="utf-8")
    return path


async def test_opening_says_what_was_not_imported(mm_path: Path) -> None:
    app = FeatureTreeApp(mm_path)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause(0.5)  # a toast would be going by now: this stays until closed
        assert isinstance(app.screen, ProblemsScreen)
        shown = statics_text(app)
        assert "Not imported: 2 images, 1 arrow link" in shown
        assert "colleague.mm" in shown
        assert "repair" not in shown  # nothing was repaired: it is not said to be
        await pilot.press("enter")
        assert app.screen is editor(app)


async def test_not_imported_in_chinese(mm_path: Path, tmp_path: Path, monkeypatch) -> None:
    config = tmp_path / "zh.toml"
    config.write_text('language = "zh"\n', encoding="utf-8")
    monkeypatch.setenv("FEATURETREE_CONFIG", str(config))
    try:
        app = FeatureTreeApp(mm_path)
        async with app.run_test(size=SIZE) as pilot:
            await pilot.pause()
            assert "未导入：2 张图片、1 条箭头连线" in statics_text(app)
    finally:
        set_language("en")


async def test_a_file_with_everything_imported_opens_without_the_screen(tmp_path: Path) -> None:
    path = tmp_path / "plain.mm"
    path.write_text('<map><node TEXT="App"><node TEXT="首页"/></node></map>', encoding="utf-8")
    app = FeatureTreeApp(path)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert app.screen is editor(app)


async def test_repairs_and_not_imported_are_said_apart(tmp_path: Path) -> None:
    screen = ProblemsScreen(
        tmp_path / "both.xmind",
        ["duplicate id 'a' replaced"],
        repaired=True,
        not_imported={"attachment": 1, "image": 3},
    )

    class Host(App[None]):
        def on_mount(self) -> None:
            self.push_screen(screen)

    app = Host()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        shown = statics_text(app)
        assert "repaired while reading it: 1" in shown and "1. duplicate id 'a' replaced" in shown
        assert "Not imported: 3 images, 1 attachment" in shown


async def test_several_top_level_nodes_are_told_in_chinese(tmp_path: Path, monkeypatch) -> None:
    # A colleague's map with two top-level nodes (or an XMind file with two sheets): the
    # note about the root made for them was in English in the Chinese UI.
    path = tmp_path / "两个.mm"
    path.write_text('<map><node TEXT="入库"/><node TEXT="出库"/></map>', encoding="utf-8")
    config = tmp_path / "zh.toml"
    config.write_text('language = "zh"\n', encoding="utf-8")
    monkeypatch.setenv("FEATURETREE_CONFIG", str(config))
    try:
        app = FeatureTreeApp(path)
        async with app.run_test(size=SIZE) as pilot:
            await pilot.pause()
            shown = statics_text(app)
            assert "2 个顶层节点" in shown, shown
            assert "top-level" not in shown
            assert "问题" not in shown  # a map arranged under one root is not a problem repaired
    finally:
        set_language("en")


# Formatted details (Freeplane's note under the node): their text is kept, their
# formatting is not (a formatted NOTE is written back as it was, so not said).
FORMATTED_NOTE = """<map><node TEXT="App">
<node TEXT="首页"><richcontent TYPE="DETAILS"><html><body><p><b>热榜</b> 每小时刷新</p></body></html></richcontent></node>
<node TEXT="带图"><hook NAME="ExternalObject" URI="file:/d/截图.jpg"/></node>
</node></map>"""


async def test_a_formatted_note_is_not_said_to_be_missing(tmp_path: Path) -> None:
    # A user trial: the note's text was in the editor, yet the screen listed it under
    # "Not imported" and said "These are not in the editor".
    path = tmp_path / "formatted.mm"
    path.write_text(FORMATTED_NOTE, encoding="utf-8")
    app = FeatureTreeApp(path)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert isinstance(app.screen, ProblemsScreen)
        shown = statics_text(app)
        not_imported = next(line for line in shown.splitlines() if "Not imported" in line)
        assert not_imported.strip() == "Not imported: 1 image"
        assert "Imported as plain text, formatting dropped: 1 formatted note" in shown
        assert "Their text is in the editor" in shown
        await pilot.press("enter")
        assert editor(app).doc.root.kids[0].notes == "热榜 每小时刷新"


async def test_only_formatting_dropped_in_chinese(tmp_path: Path, monkeypatch) -> None:
    path = tmp_path / "只有格式.mm"
    without_image = "\n".join(line for line in FORMATTED_NOTE.splitlines() if "<hook" not in line)
    path.write_text(without_image, encoding="utf-8")
    config = tmp_path / "zh.toml"
    config.write_text('language = "zh"\n', encoding="utf-8")
    monkeypatch.setenv("FEATURETREE_CONFIG", str(config))
    try:
        app = FeatureTreeApp(path)
        async with app.run_test(size=SIZE) as pilot:
            await pilot.pause()
            shown = statics_text(app)
            assert "已导入为纯文字（格式未保留）：1 条备注的格式" in shown, shown
            assert "文字已在编辑器中" in shown
            assert "未导入：" not in shown and "无法导入" not in shown
    finally:
        set_language("en")
