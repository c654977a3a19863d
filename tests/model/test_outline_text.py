"""Pasted lines read as an outline: indentation is structure, markers go, spaces stay."""

from __future__ import annotations

import re
import string

from hypothesis import given, settings
from hypothesis import strategies as st

from featuretree.model.outline_text import outline_forest, parse_outline, strip_marker
from featuretree.model.tree import preorder_with_depth


def test_markdown_list_nests_by_indentation():
    text = "- 知乎 App\n  - 首页\n    - 热榜\n  - 我的\n- 设置\n"
    assert parse_outline(text) == [
        (0, "知乎 App"),
        (1, "首页"),
        (2, "热榜"),
        (1, "我的"),
        (0, "设置"),
    ]


def test_tab_indented_lines_as_mubu_and_xmind_copy_them():
    text = "知乎 App\n\t首页\n\t\t热榜\n\t\t推荐\n\t我的"
    assert parse_outline(text) == [
        (0, "知乎 App"),
        (1, "首页"),
        (2, "热榜"),
        (2, "推荐"),
        (1, "我的"),
    ]


def test_four_space_and_mixed_tab_indentation_read_alike():
    assert parse_outline("a\n    b\n\tc\n        d") == [(0, "a"), (1, "b"), (1, "c"), (2, "d")]


def test_windows_line_endings_and_blank_lines_make_no_nodes():
    assert parse_outline("a\r\n\r\n  b\r\n   \r\nc\r\n") == [(0, "a"), (1, "b"), (0, "c")]


def test_markers_and_check_boxes_are_dropped():
    text = "\n".join(
        [
            "* 星号",
            "+ 加号",
            "1. 第一",
            "2) 第二",
            "3、第三",
            "1.首页",
            "1.2. 小节",
            "(4) 括号",
            "（5）全角",
            "一、概述",
            "• 圆点",
            "◦ 空心",
            "- [ ] 待办",
            "- [x] 完成",
            "☐ 方框",
            "☑ 勾",
        ]
    )
    assert [title for _, title in parse_outline(text)] == [
        "星号",
        "加号",
        "第一",
        "第二",
        "第三",
        "首页",
        "小节",
        "括号",
        "全角",
        "概述",
        "圆点",
        "空心",
        "待办",
        "完成",
        "方框",
        "勾",
    ]


def test_text_that_only_looks_like_a_marker_is_kept():
    for title in (
        "-5% 流量",
        "+1 按钮",
        "**加粗**",
        "2.0版本",
        "[草稿] 方案",
        "#话题",
        "3D 视图",
        "3.5 寸屏",
        "2024. 年度账单",
        "2025.规划",
        "1000) 条以上",
    ):
        assert strip_marker(title) == title
        assert parse_outline(title) == [(0, title)]


def test_spaces_inside_are_kept_ends_trimmed_controls_removed():
    assert parse_outline("-   IP 属地  展示  \n  - a\x1b[31m\tb\x07") == [
        (0, "IP 属地  展示"),
        (1, "a[31m b"),
    ]


def test_a_line_that_is_only_a_marker_makes_no_node():
    assert parse_outline("- a\n-\n- [ ]\n- b") == [(0, "a"), (0, "b")]


def test_markdown_headings_nest_and_hold_the_list_below_them():
    text = "# 知乎 PRD\n\n## 首页\n- 热榜\n  - 榜单\n## 我的 ##\n- 设置"
    assert parse_outline(text) == [
        (0, "知乎 PRD"),
        (1, "首页"),
        (2, "热榜"),
        (3, "榜单"),
        (1, "我的"),
        (2, "设置"),
    ]


def test_a_ragged_dedent_lands_under_the_shallower_line():
    assert parse_outline("a\n    b\n  c\nd") == [(0, "a"), (1, "b"), (1, "c"), (0, "d")]


def test_text_starting_indented_begins_at_level_zero():
    assert parse_outline("    - b\n      - b1\n- c") == [(0, "b"), (1, "b1"), (0, "c")]


def test_ideographic_space_indents():
    assert parse_outline("首页\n\u3000\u3000热榜") == [(0, "首页"), (1, "热榜")]


def test_lines_indented_with_no_break_spaces_as_web_pages_copy_them_nest():
    # A list copied from a web page or a rich-text editor is indented with U+00A0.
    text = "知乎 App\n\xa0\xa0\xa0\xa0首页\n\xa0\xa0\xa0\xa0\xa0\xa0\xa0\xa0• 热榜\n\xa0\xa0\xa0\xa0我的"
    assert parse_outline(text) == [(0, "知乎 App"), (1, "首页"), (2, "热榜"), (1, "我的")]


def test_a_very_deep_paste_does_not_recurse():
    depth = 5000
    text = "\n".join(" " * i + f"n{i}" for i in range(depth))
    items = parse_outline(text)
    assert items[-1] == (depth - 1, f"n{depth - 1}")
    ids = iter(range(depth))
    forest = outline_forest(items, lambda: str(next(ids)))
    assert [(n.title, d) for n, d in preorder_with_depth(forest[0])][-1] == (
        f"n{depth - 1}",
        depth - 1,
    )


# -- properties -----------------------------------------------------------------------

_CONTROLS = re.compile(r"[\x00-\x1f\x7f-\x9f]")

_TITLE_CHARS = string.ascii_letters + "知乎首页热榜我的设置属地 "
titles = st.text(_TITLE_CHARS, min_size=1, max_size=12).map(str.strip).filter(bool)


@st.composite
def outlines(draw) -> list[tuple[int, str]]:
    """A list of (level, title) as a tree has them: level 0 first, each at most one deeper."""
    count = draw(st.integers(1, 25))
    items: list[tuple[int, str]] = []
    level = 0
    for _ in range(count):
        level = draw(st.integers(0, level + 1)) if items else 0
        items.append((level, draw(titles)))
    return items


_STYLES = {
    "tab": lambda level, title: "\t" * level + title,
    "two spaces, dash": lambda level, title: "  " * level + "- " + title,
    "four spaces": lambda level, title: "    " * level + title,
    "star, tab": lambda level, title: "\t" * level + "* " + title,
    "bullet": lambda level, title: "   " * level + "• " + title,
    "numbered": lambda level, title: "   " * level + "1. " + title,
    "check box": lambda level, title: "  " * level + "- [ ] " + title,
}


@given(outlines(), st.sampled_from(sorted(_STYLES)), st.sampled_from(["\n", "\r\n"]))
@settings(max_examples=200, deadline=None)
def test_an_outline_written_in_any_style_reads_back(items, style, newline):
    text = newline.join(_STYLES[style](level, title) for level, title in items)
    assert parse_outline(text) == items


@given(st.text(max_size=300))
@settings(max_examples=300, deadline=None)
def test_any_text_gives_a_well_formed_outline(text):
    items = parse_outline(text)
    previous = -1
    for level, title in items:
        assert 0 <= level <= previous + 1
        previous = level
        assert title and title == title.strip() and not _CONTROLS.search(title)
    ids = iter(range(len(items)))
    forest = outline_forest(items, lambda: str(next(ids)))
    flat = [(depth, node.title) for root in forest for node, depth in preorder_with_depth(root)]
    assert flat == items
