"""Ctrl+S over a colleague's XMind keeps its summaries and relationships, and names in
the UI's language only the relationship whose topic the user deleted; a note typed
around the line naming a picture asks nothing."""

from __future__ import annotations

import io
import json
import zipfile
from pathlib import Path

from editor_helpers import SIZE, editor, put_cursor
from screen_text import screen_text

from featuretree.operations import annotate
from featuretree.tui import FeatureTreeApp
from featuretree.tui.screens.problems import ProblemsScreen
from featuretree.tui.screens.questions import ChoiceDialog


def _map(path: Path, *, image: bool = False) -> None:
    root = {
        "id": "r",
        "title": "仓储",
        "summaries": [{"id": "sm", "range": "(0,1)", "topicId": "st"}],
        "children": {
            "attached": [
                {"id": "a", "title": "入库", **_IMAGE} if image else {"id": "a", "title": "入库"},
                {"id": "b", "title": "出库"},
                {"id": "c", "title": "盘点"},
            ],
            "summary": [{"id": "st", "title": "核心流程"}],
        },
    }
    relationships = [
        {"id": "r1", "end1Id": "a", "end2Id": "c", "title": "先后"},
        {"id": "r2", "end1Id": "c", "end2Id": "st"},
    ]
    sheet = {"id": "s", "title": "仓储", "rootTopic": root, "relationships": relationships}
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("content.json", json.dumps([sheet], ensure_ascii=False))
        archive.writestr("resources/dock.png", b"\x89PNG\r\n\x1a\n")
    path.write_bytes(buffer.getvalue())


_IMAGE = {"image": {"src": "xap:resources/dock.png"}}


def _written(path: Path) -> dict:
    return json.loads(zipfile.ZipFile(path).read("content.json"))[0]


async def test_only_the_relationship_of_a_deleted_topic_is_named_in_chinese(
    tmp_path: Path, monkeypatch, notes
) -> None:
    monkeypatch.setenv("LANG", "zh_CN.UTF-8")
    path = tmp_path / "仓储.xmind"
    _map(path)
    app = FeatureTreeApp(path)
    async with app.run_test(size=SIZE) as pilot:
        seen = notes(app)
        await pilot.pause()
        if isinstance(app.screen, ProblemsScreen):  # what the editor does not show
            await pilot.press("escape")
        put_cursor(app, "b")
        await pilot.press("tab", *"Zeta", "enter")
        await pilot.press("ctrl+s")
        await pilot.pause()
        # Both relationships and the summary are written back: nothing to ask.
        assert not isinstance(app.screen, ChoiceDialog), screen_text(app)
        assert not editor(app).history.dirty, seen
        sheet = _written(path)
        assert [rel["id"] for rel in sheet["relationships"]] == ["r1", "r2"]
        assert sheet["rootTopic"]["summaries"] == [{"id": "sm", "range": "(0,1)", "topicId": "st"}]

        put_cursor(app, "a")
        await pilot.press("delete", "ctrl+s")
        await pilot.pause()
        assert isinstance(app.screen, ChoiceDialog)
        shown = " ".join(screen_text(app).split())
        assert "1 条联系线" in shown, shown
        assert "概要" not in shown, shown  # 出库 is still there: the summary is written
        await pilot.press("escape")
    assert [rel["id"] for rel in _written(path)["relationships"]] == ["r1", "r2"]


async def test_typing_below_the_picture_line_saves_without_a_question(
    tmp_path: Path, notes
) -> None:
    path = tmp_path / "仓储.xmind"
    _map(path, image=True)
    app = FeatureTreeApp(path)
    async with app.run_test(size=SIZE) as pilot:
        seen = notes(app)
        await pilot.pause()
        if isinstance(app.screen, ProblemsScreen):
            await pilot.press("escape")
        screen = editor(app)
        assert screen.doc.get("a").notes == "图片：dock.png"
        screen.run_command(annotate.set_notes, "a", "图片：dock.png\n月台排班")
        await pilot.press("ctrl+s")
        await pilot.pause()
        # Nothing is lost (the picture is written back on its topic): nothing to ask.
        assert not isinstance(app.screen, ChoiceDialog), screen_text(app)
        assert not screen.history.dirty, seen
    topic = _written(path)["rootTopic"]["children"]["attached"][0]
    assert topic["image"] == _IMAGE["image"]
    assert topic["notes"]["plain"]["content"] == "月台排班"
