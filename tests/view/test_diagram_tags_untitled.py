"""The diagram view shows what the exported pictures show: a node's tags before its
counts (``#P0 ✎1``) and, for a node with no title, the outline's ``（未命名）`` in the
dim badge style — never an empty box. The layout measures both, so nothing runs over
a border."""

from __future__ import annotations

import datetime as dt

from featuretree.model.annotations import ChangeEntry
from featuretree.model.cells import cell_len
from featuretree.model.layout import TERMINAL
from featuretree.model.node import FeatureNode
from featuretree.model.tree import attach
from featuretree.view.diagram import build_diagram

UNTITLED = "（未命名）"


def _tree() -> FeatureNode:
    root = FeatureNode("电商 App", id="r")
    attach(
        FeatureNode(
            "首页",
            id="a",
            tags=("P0", "v2.1"),
            changelog=[ChangeEntry(summary="改版", date=dt.date(2026, 1, 1))],
        ),
        root,
    )
    attach(FeatureNode("", id="b"), root)
    attach(FeatureNode("购物车", id="c", tags=("需要评审的很长很长的一个标签", "v3")), root)
    return root


def _inside(diagram, node_id: str) -> list[str]:
    """The text rows inside a box, without its borders, stripped."""
    box = diagram.layout.boxes[diagram.index_of(node_id)]
    x, y, w, h = int(box.x), int(box.y), int(box.w), int(box.h)
    return [
        "".join(t for t, _ in diagram.line(row, x + 1, x + w - 1)).strip()
        for row in range(y + 1, y + h - 1)
    ]


def test_a_box_shows_its_tags_before_its_counts():
    diagram = build_diagram(_tree(), tags=True, untitled=UNTITLED)
    assert _inside(diagram, "a") == ["首页", "#P0 #v2.1 ✎1"]


def test_long_tags_are_cut_to_a_title_s_width_inside_the_box():
    diagram = build_diagram(_tree(), tags=True, untitled=UNTITLED)
    title, tags = _inside(diagram, "c")
    assert title == "购物车"
    assert tags.startswith("#需要") and tags.endswith("…")
    assert cell_len(tags) <= TERMINAL.max_text_width
    box = diagram.layout.boxes[diagram.index_of("c")]
    assert cell_len(tags) <= box.w - 2 * TERMINAL.pad_x


def test_an_untitled_node_shows_the_placeholder_dim():
    diagram = build_diagram(_tree(), tags=True, untitled=UNTITLED)
    assert _inside(diagram, "b") == [UNTITLED]
    box = diagram.layout.boxes[diagram.index_of("b")]
    segments = diagram.line(int(box.y) + 1, int(box.x), int(box.x + box.w))
    assert (UNTITLED, "badge") in [(t.strip(), s) for t, s in segments]


def test_a_tag_edit_of_the_same_width_redraws_the_box_and_a_wider_one_lays_out_again():
    root = _tree()
    diagram = build_diagram(root, tags=True, untitled=UNTITLED)
    home = root.kids[0]
    home.tags = ("P1", "v2.1")
    assert diagram.update_box(home)
    assert _inside(diagram, "a") == ["首页", "#P1 #v2.1 ✎1"]
    home.tags = ("P1", "v2.1", "待定")
    assert not diagram.update_box(home)  # the box grows: a new layout
    assert _inside(build_diagram(root, tags=True, untitled=UNTITLED), "a") == [
        "首页",
        "#P1 #v2.1 #待定 ✎1",
    ]


def test_naming_an_untitled_node_draws_its_title_as_a_title():
    root = _tree()
    diagram = build_diagram(root, tags=True, untitled=UNTITLED)
    untitled = root.kids[1]
    untitled.title = "个人中心页"  # as wide as the placeholder: the box is redrawn in place
    assert diagram.update_box(untitled)
    assert _inside(diagram, "b") == ["个人中心页"]
    box = diagram.layout.boxes[diagram.index_of("b")]
    row = diagram.line(int(box.y) + 1, int(box.x), int(box.x + box.w))
    assert [s for _, s in row] == ["box.existing"]  # a title, no longer the dim placeholder
    untitled.title = ""
    assert diagram.update_box(untitled)
    assert _inside(diagram, "b") == [UNTITLED]
