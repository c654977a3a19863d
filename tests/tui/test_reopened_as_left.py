"""A file opens as the user left it (trial: folds were forgotten on reopening, and the
cursor was back on the root): the same folds and the cursor on the same node, kept in
featuretree's own state, never in the file."""

from __future__ import annotations

from pathlib import Path

from editor_helpers import SIZE, editor
from screen_text import screen_lines

from featuretree import formats
from featuretree.session import view_state
from featuretree.tui import FeatureTreeApp
from featuretree.tui.screens.problems import ProblemsScreen


async def _reopened(path: Path) -> tuple[list[str], str]:
    """The screen's lines and the cursor's node id of ``path`` opened again."""
    app = FeatureTreeApp(path)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        if isinstance(app.screen, ProblemsScreen):
            await pilot.press("escape")
        await pilot.pause(0.1)  # the detail panel follows the cursor after a short rest
        return screen_lines(app), editor(app).tree.cursor_node.id


def _outline(lines: list[str]) -> str:
    """The outline's side of the screen (the detail panel is right of it)."""
    return "\n".join(line.split("▏")[0] for line in lines)


def _detail_title(lines: list[str]) -> str:
    """The detail panel's first line: the title of the node under the cursor."""
    return next(line.split("▏")[1].strip() for line in lines[1:] if "▏" in line)


async def test_folds_and_the_cursor_are_as_left_after_quit_and_reopen(doc_path: Path):
    before = doc_path.read_bytes()
    app = FeatureTreeApp(doc_path)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("down", "space", "down", "down")  # fold 首页, then to 我的
        assert editor(app).tree.cursor_node.title == "我的"
        await pilot.press("ctrl+q")
    assert doc_path.read_bytes() == before  # a fold is not an edit of the file
    lines, cursor = await _reopened(doc_path)
    outline = _outline(lines)
    assert "首页" in outline and "搜索" not in outline and "推荐" not in outline, outline
    assert "我的" in outline
    assert cursor == "me"
    assert _detail_title(lines).startswith("我的"), lines


async def test_a_node_gone_since_puts_the_cursor_on_its_parent(doc_path: Path):
    app = FeatureTreeApp(doc_path)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("down", "down")  # 搜索, under 首页
        assert editor(app).tree.cursor_node.title == "搜索"
        await pilot.press("ctrl+q")
    # Deleted elsewhere meanwhile (ids are stable: the others keep theirs).
    doc = formats.load(doc_path)
    doc.node("home").kids.remove(doc.node("search"))
    formats.save(doc, doc_path)
    _, cursor = await _reopened(doc_path)
    assert cursor == "home"


async def test_a_damaged_state_file_is_ignored(doc_path: Path):
    target = view_state.view_file(doc_path)
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_bytes(b'{"version": 1, "path": \xff')
    lines, cursor = await _reopened(doc_path)
    assert cursor == "root"
    assert "搜索" in _outline(lines)  # opened as the file says: nothing folded


MAP = """<map version="1.0.1">
<node TEXT="产品" ID="ID_1">
<node TEXT="首页" ID="ID_2" FOLDED="true"><node TEXT="热榜详情" ID="ID_4"/></node>
<node TEXT="我的" ID="ID_3"><node TEXT="设置中心" ID="ID_5"/></node>
</node>
</map>
"""


async def test_the_users_folds_win_over_the_maps_own_once_remembered(tmp_path: Path):
    path = tmp_path / "map.mm"
    path.write_text(MAP, encoding="utf-8")
    lines, _ = await _reopened(path)
    assert "热榜详情" not in _outline(lines)  # the map's author left 首页 folded
    app = FeatureTreeApp(path)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        if isinstance(app.screen, ProblemsScreen):
            await pilot.press("escape")
        await pilot.press("down", "space", "down", "down", "space")  # unfold 首页, fold 我的
        await pilot.press("ctrl+q")
    lines, cursor = await _reopened(path)
    outline = _outline(lines)
    assert "热榜详情" in outline and "设置中心" not in outline, outline
    assert cursor == "ID_3"
