"""The "what changed" screen and the revision form it fills in, pinned as SVG snapshots
at 80×24 and 120×40, in English and Chinese (nothing cut, CJK whole).

Update after an intended change with
``pytest tests/tui/test_changes_snapshots.py --snapshot-update``.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from screen_text import screen_text
from screen_tour import LONG_TITLE, ZHIHU, tour_app

from featuretree.model.tree import preorder
from featuretree.operations import annotate, structure
from featuretree.tui.screens.changes import ChangesScreen

SIZES = pytest.mark.parametrize("size", [(80, 24), (120, 40)], ids=["80x24", "120x40"])


def _node(doc, title: str):
    return next(n for n in preorder(doc.root) if n.title == title)


async def changes(pilot) -> None:
    """A few edits of the sample (one of the node with the long title), then Ctrl+R."""
    await pilot.pause()
    editor = pilot.app.editor
    doc = editor.doc
    long = _node(doc, LONG_TITLE)
    editor.run_command(annotate.rename, _node(doc, "推荐").id, "为你推荐")
    editor.run_command(annotate.set_notes, long.id, "支持追问；回答附引用来源。")
    editor.run_command(annotate.set_status, long.id, "changed")
    editor.run_command(structure.delete, _node(doc, "热榜").id)
    editor.run_command(annotate.set_tags, _node(doc, "会员").id, ["付费", "盐选"])
    await pilot.press("ctrl+r")
    screen = pilot.app.screen
    assert isinstance(screen, ChangesScreen)
    for _ in range(300):
        await pilot.pause(0.02)
        if screen.result is not None:
            break
    await pilot.pause()


async def revision_form(pilot) -> None:
    await changes(pilot)
    await pilot.press("r")
    await pilot.pause()
    pilot.app.screen.query_one("#date").value = "2026-12-03"  # not today's: a fixed picture
    await pilot.pause()


@pytest.mark.skipif(not ZHIHU.exists(), reason="samples/zhihu.json is not there")
@SIZES
@pytest.mark.parametrize("language", ["en", "zh"])
def test_what_changed_screen(
    snap_compare, tmp_path: Path, monkeypatch, language: str, size: tuple[int, int]
):
    if language == "zh":
        monkeypatch.setenv("LANG", "zh_CN.UTF-8")
    assert snap_compare(tour_app(tmp_path), terminal_size=size, run_before=changes)


@pytest.mark.skipif(not ZHIHU.exists(), reason="samples/zhihu.json is not there")
@SIZES
def test_revision_form_from_the_changes(
    snap_compare, tmp_path: Path, monkeypatch, size: tuple[int, int]
):
    monkeypatch.setenv("LANG", "zh_CN.UTF-8")
    assert snap_compare(tour_app(tmp_path), terminal_size=size, run_before=revision_form)


@pytest.mark.skipif(not ZHIHU.exists(), reason="samples/zhihu.json is not there")
@SIZES
async def test_the_generated_summary_is_read_from_its_start(
    tmp_path: Path, monkeypatch, size: tuple[int, int]
) -> None:
    """The revision form's summary, made from the changes, is shown from its first words
    (a field two lines high at 80×24, four at 120×40, showed only its end: what changed
    first was above the field's top), and whole where the form has room for it."""
    monkeypatch.setenv("LANG", "zh_CN.UTF-8")
    app = tour_app(tmp_path)
    async with app.run_test(size=size) as pilot:
        await revision_form(pilot)
        summary = "".join(app.screen.value("summary").split())
        shown = "".join(screen_text(app).split())
        assert summary[:12] in shown
        if size[1] >= 40:  # room for all of it: six lines at 120×40
            assert summary[-6:] in shown
