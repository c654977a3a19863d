"""A long title typed into a box of the diagram stays in its box (issue: the trial of a
Chinese PM): it drew over the boxes beside it until Enter laid the diagram out again."""

from __future__ import annotations

from pathlib import Path

from editor_helpers import SIZE, editor, put_cursor, small_document
from rich.cells import cell_len

from featuretree import formats
from featuretree.tui import FeatureTreeApp
from featuretree.tui.widgets.diagram_view import DiagramView


def _shown(app: FeatureTreeApp) -> list[str]:
    view = app.screen.query_one(DiagramView)
    return [view.render_line(y).text for y in range(view.size.height)]


async def test_a_long_title_typed_in_a_box_never_covers_its_neighbours(doc_path: Path):
    app = FeatureTreeApp(doc_path)
    async with app.run_test(size=SIZE) as pilot:
        put_cursor(app, "home")
        await pilot.press("v")
        await pilot.pause()
        before = _shown(app)
        row = next(i for i, line in enumerate(before) if "│ 首页 │" in line)
        assert "│ 消息 │" in before[row] and "│ 我的 │" in before[row]
        await pilot.press("f2", "end", *"推荐与个性化设置的入口", "end")
        shown = _shown(app)
        # The boxes beside it are whole, and the caret's end of the title is in sight.
        assert "│ 消息 │" in shown[row] and "│ 我的 │" in shown[row], shown[row]
        assert "入口" in shown[row], shown[row]
        # Grown over the blank cells right of it only: one is kept before 消息's box.
        assert " │ 消息 │" in shown[row], shown[row]
        await pilot.press("enter")  # the whole title is kept, and laid out in its box
        await pilot.pause()
        assert editor(app).doc.node("home").title == "首页推荐与个性化设置的入口"
        shown = _shown(app)
        assert any("首页推荐与个性" in line for line in shown), shown  # (wrapped, even)
        assert any("化设置的入口" in line for line in shown), shown


async def test_a_title_typed_in_a_box_with_lines_beside_it_stays_in_the_box(
    doc_path: Path, tmp_path: Path, monkeypatch
):
    # Left to right, a parent's line to its children leaves its box's right border on
    # the title's row: the editor stays between the borders and scrolls there.
    config = tmp_path / "right.toml"
    config.write_text('diagram_direction = "right"\n', encoding="utf-8")
    monkeypatch.setenv("FEATURETREE_CONFIG", str(config))
    app = FeatureTreeApp(doc_path)
    async with app.run_test(size=SIZE) as pilot:
        put_cursor(app, "home")
        await pilot.press("v")
        await pilot.pause()
        before = _shown(app)
        row = next(i for i, line in enumerate(before) if "┤ 首页 ├" in line)
        await pilot.press("f2", "end", *"推荐与个性化设置的入口")
        shown = _shown(app)
        at = before[row].index("┤ 首页 ├")
        width = len("┤ 首页 ├")
        assert shown[row][: at + 1] == before[row][: at + 1], shown[row]  # left border
        assert shown[row].endswith(before[row][at + width - 1 :]), shown[row]  # right one on
        assert cell_len(shown[row]) == cell_len(before[row])
        assert "入口" in shown[row], shown[row]


async def test_a_new_title_typed_over_a_wrapped_one_hides_its_other_lines(tmp_path: Path):
    # Trial: typing over 不合格品处理：退供/让步接收 (two lines in its box) showed the new
    # text on the first line and 让步接收 still under it, old and new text mixed.
    doc = small_document()
    doc.node("msg").title = "不合格品处理：退供/让步接收"
    path = tmp_path / "wrapped.json"
    formats.save(doc, path)
    app = FeatureTreeApp(path)
    async with app.run_test(size=SIZE) as pilot:
        put_cursor(app, "msg")
        await pilot.press("v")
        await pilot.pause()
        before = _shown(app)
        first = next(i for i, line in enumerate(before) if "不合格品处理" in line)
        second = next(i for i, line in enumerate(before) if "让步接收" in line)
        assert second == first + 1, before  # the title wraps in its box
        at = before[second].index("让步接收")
        await pilot.press("f2", *"质检")
        shown = _shown(app)
        assert "质检" in shown[first], shown[first]
        assert not any("让步接收" in line or "不合格品" in line for line in shown), shown
        # Blank inside the box only: its borders and the boxes beside it stay drawn.
        left = before[second].rindex("│", 0, at)
        assert shown[second][: left + 1] == before[second][: left + 1], shown[second]
        assert cell_len(shown[second]) == cell_len(before[second])
        await pilot.press("escape")  # cancelled: the old title is back, both lines
        await pilot.pause()
        shown = _shown(app)
        assert "让步接收" in shown[second] and "不合格品处理" in shown[first], shown
