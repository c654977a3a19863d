"""An automatic reload (the file changed on disk, no unsaved edits) keeps the view the
user was in: the diagram stays the diagram, re-laid out from the reloaded document, with
the cursor on the same node and on screen; in the outline the cursor's row is on screen."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from editor_helpers import editor, screen_rows

from featuretree import formats
from featuretree.tui import FeatureTreeApp
from featuretree.tui.widgets.diagram_view import DiagramView
from featuretree.tui.widgets.tree_view import TreeView

ZHIHU = Path(__file__).resolve().parents[2] / "samples" / "zhihu.json"
INTERVAL = 0.05

pytestmark = pytest.mark.skipif(not ZHIHU.exists(), reason="samples/zhihu.json is not there")


@pytest.fixture(autouse=True)
def _quick_watch(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("FEATURETREE_WATCH_INTERVAL", str(INTERVAL))


@pytest.fixture
def zhihu(tmp_path: Path) -> Path:
    path = tmp_path / "zhihu.json"
    shutil.copy(ZHIHU, path)
    return path


def _retitle_root(path: Path, title: str) -> None:
    """Another program edits the file: the root gets another title."""
    doc = formats.load(path)
    doc.root.title = title
    formats.save(doc, path, backup=False)


async def _wait_reloaded(pilot, app: FeatureTreeApp, title: str) -> None:
    for _ in range(40):
        await pilot.pause(INTERVAL)
        if editor(app).doc.root.title == title:
            break
    await pilot.pause()
    assert editor(app).doc.root.title == title, "not reloaded"


def _diagram_text(app: FeatureTreeApp) -> str:
    view = app.screen.query_one(DiagramView)
    return "\n".join(view.render_line(y).text for y in range(view.size.height))


async def test_a_reload_keeps_the_diagram_and_its_cursor_in_view(zhihu: Path, notes):
    app = FeatureTreeApp(zhihu)
    async with app.run_test(size=(80, 24)) as pilot:
        seen = notes(app)
        await pilot.press("v", "end")
        await pilot.pause()
        before = app.screen.query_one(DiagramView).cursor_node
        assert before.title in _diagram_text(app)
        _retitle_root(zhihu, "知乎（改）")
        await _wait_reloaded(pilot, app, "知乎（改）")
        assert any("zhihu.json" in note for note in seen)
        view = app.screen.query_one(DiagramView)
        assert view.display and not app.screen.query_one(TreeView).display
        assert app.screen.focused is view
        assert view.cursor_id == before.id
        assert view.laid_out and view.diagram.index_of(before.id) is not None
        assert before.title in _diagram_text(app)  # the cursor's box is on screen
        await pilot.press("v")  # and back: the outline at that node
        await pilot.pause()
        assert editor(app).tree.cursor_node.id == before.id


async def test_a_reload_in_the_outline_keeps_the_cursor_row_on_screen(zhihu: Path):
    app = FeatureTreeApp(zhihu)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("end")
        await pilot.pause()
        before = editor(app).tree.cursor_node
        assert any(before.title in row for row in screen_rows(app))
        _retitle_root(zhihu, "知乎（改）")
        await _wait_reloaded(pilot, app, "知乎（改）")
        tree = app.screen.query_one(TreeView)
        assert tree.display and tree.cursor_node.id == before.id
        assert any(before.title in row for row in screen_rows(app))


async def test_a_reload_keeps_the_folds_the_user_made(zhihu: Path):
    app = FeatureTreeApp(zhihu)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("1")  # the modules only: every module folded
        await pilot.pause()
        before = screen_rows(app)
        shown = [row for row in before if row.strip()]
        assert 2 < len(shown) < len(editor(app).doc)
        _retitle_root(zhihu, "知乎（改）")
        await _wait_reloaded(pilot, app, "知乎（改）")
        after = screen_rows(app)
        assert after[1:] == before[1:]  # the same rows below the retitled root
        await pilot.press("v")  # the diagram shows the same folded modules
        await pilot.pause()
        view = app.screen.query_one(DiagramView)
        assert view.laid_out and len(view.diagram.layout.boxes) == len(shown)
