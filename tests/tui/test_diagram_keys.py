"""The diagram's keys beyond the arrows, as a PM uses them: the key bar in both views (v
shown), PgUp/PgDn, Home/End, the fold-level keys z and 1-9, and a filter."""

from __future__ import annotations

from pathlib import Path

import pytest
from editor_helpers import SIZE, cursor_title, editor, put_cursor
from rich.cells import cell_len
from screen_text import screen_lines

from featuretree.tui import FeatureTreeApp
from featuretree.tui.widgets.diagram_view import DiagramView
from featuretree.tui.widgets.key_bar import KeyBar
from featuretree.tui.widgets.tree_view import TreeView

ZHIHU = Path(__file__).resolve().parents[2] / "samples" / "zhihu.json"


def bar_text(app: FeatureTreeApp) -> str:
    """The key bar's line as drawn."""
    return "".join(segment.text for segment in app.screen.query_one(KeyBar).render_line(0))


def diagram_text(app: FeatureTreeApp) -> str:
    """The diagram view's visible rows as drawn."""
    view = app.screen.query_one(DiagramView)
    return "\n".join(view.render_line(y).text for y in range(view.size.height))


def diagram_cursor(app: FeatureTreeApp) -> str:
    """The title of the diagram's cursor box."""
    return app.screen.query_one(DiagramView).cursor_node.title


BARS = {
    "en": (" v Diagram ", " v Outline ", " ↑↓←→ Move cursor ", " Tab Add child ", " ? Help "),
    "zh": (" v 功能结构图 ", " v 大纲 ", " ↑↓←→ 移动光标 ", " Tab 添加子节点 ", " ? 帮助 "),
}


@pytest.mark.parametrize("language", ["en", "zh"])
@pytest.mark.parametrize("size", [(80, 24), (120, 40)], ids=["80x24", "120x40"])
async def test_the_key_bar_shows_v_in_the_outline_and_the_diagrams_own_keys(
    doc_path: Path, monkeypatch, language: str, size: tuple[int, int]
):
    if language == "zh":
        monkeypatch.setenv("LANG", "zh_CN.UTF-8")
    diagram, outline, arrows, add_child, help_ = BARS[language]
    app = FeatureTreeApp(doc_path)
    async with app.run_test(size=size) as pilot:
        await pilot.pause()
        text = bar_text(app)
        assert diagram in text and help_ in text and outline not in text
        assert cell_len(text) == size[0]
        assert screen_lines(app)[-1].strip() == text.strip()  # what the terminal shows
        await pilot.press("v")
        await pilot.pause()
        text = bar_text(app)
        # v goes back (as Esc does), once; the four arrows are one entry; the edit keys.
        assert outline in text and diagram not in text and text.count(" v ") == 1
        assert text.startswith(arrows) and add_child in text and help_ in text
        assert "esc" not in text
        assert cell_len(text) == size[0]
        await pilot.press("v")
        await pilot.pause()
        assert app.screen.query_one(TreeView).display
        assert diagram in bar_text(app)


async def test_clicking_the_arrows_in_the_bar_moves_the_cursor(doc_path: Path):
    app = FeatureTreeApp(doc_path)
    async with app.run_test(size=SIZE) as pilot:
        put_cursor(app, "search")
        await pilot.press("v")
        await pilot.pause()
        await pilot.click(KeyBar, offset=(2, 0))  # ↑: the box above
        assert diagram_cursor(app) == "首页"


@pytest.mark.skipif(not ZHIHU.exists(), reason="samples/zhihu.json is not there")
async def test_page_down_and_up_move_a_screenful_to_the_box_there():
    app = FeatureTreeApp(ZHIHU)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("v")
        view = app.screen.query_one(DiagramView)
        boxes = view.diagram.layout.boxes
        root_title = diagram_cursor(app)
        assert root_title in diagram_text(app)
        await pilot.press("pagedown")
        await pilot.pause()
        below = diagram_cursor(app)
        k = view.cursor_index
        assert k is not None and below != root_title
        # About a screen further down, on screen, and the outline's cursor with it.
        assert boxes[k].y - boxes[0].y >= view.size.height // 2
        assert below in diagram_text(app) and root_title not in diagram_text(app)
        assert cursor_title(app) == below
        await pilot.press("pageup")
        await pilot.pause()
        k_up = view.cursor_index
        assert k_up is not None and boxes[k_up].y < boxes[k].y
        assert diagram_cursor(app) in diagram_text(app)
        await pilot.press("pageup", "pageup")
        await pilot.pause()
        assert diagram_cursor(app) == root_title
        assert root_title in diagram_text(app)


async def test_home_and_end_go_to_the_root_and_the_last_box(doc_path: Path):
    app = FeatureTreeApp(doc_path)
    async with app.run_test(size=SIZE) as pilot:
        put_cursor(app, "feed")
        await pilot.press("v", "end")
        assert diagram_cursor(app) == "我的"  # the last node the outline shows
        await pilot.press("home")
        assert diagram_cursor(app) == "App"
        await pilot.press("end", "v")
        assert cursor_title(app) == "我的"


async def test_level_keys_and_z_fold_the_diagram_as_the_outline(doc_path: Path):
    app = FeatureTreeApp(doc_path)
    async with app.run_test(size=SIZE) as pilot:
        put_cursor(app, "feed")
        await pilot.press("v", "1")
        await pilot.pause()
        # Level 1: the root and its children; 首页 folded (+2), the cursor up on it.
        text = diagram_text(app)
        assert "首页" in text and "消息" in text and "+2" in text
        assert "搜索" not in text and "推荐" not in text
        assert diagram_cursor(app) == "首页"
        await pilot.press("2")
        await pilot.pause()
        text = diagram_text(app)
        assert "搜索" in text and "推荐" in text and "+2" not in text
        assert diagram_cursor(app) == "首页"
        # z on 我的: everything off its path folds again (首页's leaves).
        await pilot.press("right", "right", "z")
        await pilot.pause()
        text = diagram_text(app)
        assert diagram_cursor(app) == "我的"
        assert "+2" in text and "搜索" not in text
        await pilot.press("v")  # the outline folded alike
        assert cursor_title(app) == "我的"
        rows = [row.title for row in editor(app).tree.outline.rows]
        assert rows == ["App", "首页", "消息", "我的"]


def picture_text(app: FeatureTreeApp) -> str:
    """The whole diagram as drawn (every row, every column, scrolled into view or not)."""
    return "\n".join(app.screen.query_one(DiagramView).diagram.lines())


# status:new in the zhihu sample: the matches, their ancestors, and some of the others.
NEW_FEATURES = ("知乎直答", "频道管理", "相似问题提示", "消息请求")
THEIR_ANCESTORS = ("知乎 App", "首页", "顶部栏", "搜索", "发布", "提问", "消息", "私信")
NOT_SHOWN = ("热搜榜", "推荐", "会员", "内容详情", "写回答", "通知", "消息设置", "我的")


@pytest.mark.skipif(not ZHIHU.exists(), reason="samples/zhihu.json is not there")
@pytest.mark.parametrize("language", ["en", "zh"])
async def test_v_under_a_filter_shows_the_diagram_of_what_the_filter_shows(
    monkeypatch, language: str
):
    if language == "zh":
        monkeypatch.setenv("LANG", "zh_CN.UTF-8")
    app = FeatureTreeApp(ZHIHU)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("f", *"status:new", "enter")
        await pilot.pause(0.3)
        outline = [row.title for row in editor(app).tree.outline.rows]
        await pilot.press("v")
        await pilot.pause()
        assert app.screen.query_one(DiagramView).display
        picture = picture_text(app)
        for title in NEW_FEATURES + THEIR_ANCESTORS:
            assert title in picture
        for title in NOT_SHOWN:
            assert title not in picture
        # Exactly the outline's nodes, in its order, and no "+N" for what the filter hid.
        boxes = app.screen.query_one(DiagramView).diagram.layout.boxes
        assert [" ".join(box.lines) for box in boxes] == outline
        assert "+" not in picture
        assert diagram_cursor(app) in NEW_FEATURES  # the outline's cursor, on a match
        assert diagram_cursor(app) in diagram_text(app)  # on screen
        # Esc back to the outline, Esc clears the filter: v shows the whole tree again.
        await pilot.press("escape", "escape", "v")
        await pilot.pause()
        assert app.screen.query_one(DiagramView).display
        picture = picture_text(app)
        for title in NEW_FEATURES + THEIR_ANCESTORS + NOT_SHOWN:
            assert title in picture


@pytest.mark.skipif(not ZHIHU.exists(), reason="samples/zhihu.json is not there")
async def test_a_filter_set_or_cleared_while_the_diagram_waits_shows_when_it_comes_back():
    app = FeatureTreeApp(ZHIHU)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("v")  # laid out whole, then hidden
        await pilot.pause()
        assert "热搜榜" in picture_text(app)
        await pilot.press("f", *"tag:搜索", "enter")  # f in the diagram: in the outline
        await pilot.pause(0.3)
        await pilot.press("v")
        await pilot.pause()
        picture = picture_text(app)
        assert "知乎直答" in picture and "搜索" in picture
        assert "热搜榜" not in picture and "会员" not in picture
        await pilot.press("v", "escape", "v")
        await pilot.pause()
        assert "热搜榜" in picture_text(app) and "会员" in picture_text(app)


@pytest.mark.skipif(not ZHIHU.exists(), reason="samples/zhihu.json is not there")
async def test_a_child_added_in_the_filtered_diagram_gets_its_box():
    app = FeatureTreeApp(ZHIHU)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("f", *"status:new", "enter")
        await pilot.pause(0.3)
        await pilot.press("v", "tab", *"新功能", "enter")
        await pilot.pause()
        picture = picture_text(app)
        assert "新功能" in picture and "热搜榜" not in picture
        assert diagram_cursor(app) == "新功能"


async def test_f_in_the_diagram_filters_in_the_outline(doc_path: Path):
    app = FeatureTreeApp(doc_path)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("v", "f", *"推荐", "enter")
        await pilot.pause(0.3)
        assert app.screen.query_one(TreeView).display
        assert not app.screen.query_one(DiagramView).display
        rows = [row.title for row in editor(app).tree.outline.rows]
        assert rows == ["App", "首页", "推荐"]
