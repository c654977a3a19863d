"""Ctrl+R › r: the revision form made from the changes (a new user's trial, Chinese UI):
its 修订说明 read 重命名“智能推荐库位”；状态“智能推荐库位”, neither the old name nor the
new status; its 版本 was v1.0 though a node's 修改记录 already said V1.2.0; and the
author's placeholder read like a name filled in. The summary now says what changed, the
version is the one after the latest (in its style), and the empty author reads as empty."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from editor_helpers import editor, put_cursor
from screen_text import screen_text

from featuretree import formats
from featuretree.model.annotations import ChangeEntry
from featuretree.model.enums import FeatureStatus
from featuretree.tui import FeatureTreeApp
from featuretree.tui.screens.changes import ChangesRevisionForm, ChangesScreen


@pytest.fixture
def logged_path(doc_path: Path) -> Path:
    """The small document, 推荐 existing, with a 修改记录 entry V1.2.0 on 搜索."""
    doc = formats.load(doc_path)
    doc.node("feed").status = FeatureStatus.EXISTING
    doc.node("search").changelog = (
        ChangeEntry(version="V1.2.0", date=dt.date(2026, 12, 4), summary="新增语音搜索"),
    )
    formats.save(doc, doc_path)
    return doc_path


async def _revision_form(pilot) -> ChangesRevisionForm:
    await pilot.press("ctrl+r")
    screen = pilot.app.screen
    assert isinstance(screen, ChangesScreen)
    for _ in range(200):
        await pilot.pause(0.02)
        if screen.result is not None:
            break
    await pilot.press("r")
    await pilot.pause()
    form = pilot.app.screen
    assert isinstance(form, ChangesRevisionForm)
    return form


async def test_the_revision_form_says_what_changed_and_the_version_after_the_logs(
    logged_path: Path, monkeypatch: pytest.MonkeyPatch
):
    monkeypatch.setenv("LANG", "zh_CN.UTF-8")
    app = FeatureTreeApp(logged_path)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        put_cursor(app, "feed")
        await pilot.press("e", "ctrl+u", *"为你推荐", "enter")
        await pilot.pause()
        ed = editor(app)
        put_cursor(app, "feed")
        await pilot.press("m")  # its status: 现有 → 新增
        await pilot.pause()
        assert ed.doc.node("feed").status == FeatureStatus.NEW
        form = await _revision_form(pilot)
        assert form.value("version") == "V1.2.1"
        summary = form.value("summary")
        assert summary == "重命名“推荐” → “为你推荐”；状态“为你推荐”（现有 → 新增）"
        shown = screen_text(app)
        assert "V1.2.1" in shown
        # the empty author field reads as empty, not as a name
        assert form.value("author") == ""
        assert "（未填写" in shown
        await pilot.press("enter")
        await pilot.pause()
        added = ed.doc.revisions[-1]
        assert (added.version, added.author, added.summary) == ("V1.2.1", None, summary)
