"""The 功能结构图 drawn in terminal cells: what a PM sees, row by row."""

from __future__ import annotations

import datetime as dt

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from featuretree import formats
from featuretree.model.annotations import ChangeEntry, FeatureStatus, Suggestion, SuggestionStatus
from featuretree.model.cells import cell_len
from featuretree.model.layout import LayoutOptions
from featuretree.model.node import FeatureNode
from featuretree.model.tree import attach, preorder
from featuretree.view.diagram import UNICODE, build_diagram, node_badge
from featuretree.view.subtree_counts import SubtreeCounts

SAMPLES = __import__("pathlib").Path(__file__).resolve().parents[2] / "samples"


def small_tree() -> tuple[FeatureNode, FeatureNode]:
    root = FeatureNode("知乎 App", id="r")
    home = FeatureNode("首页", id="h")
    attach(home, root)
    for i, title in enumerate(["推荐", "热榜", "关注动态流"]):
        attach(FeatureNode(title, id=f"h{i}"), home)
    me = FeatureNode(
        "我的",
        id="m",
        status=FeatureStatus.NEW,
        changelog=[ChangeEntry(summary="加入", date=dt.date(2026, 1, 1))],
    )
    attach(me, root)
    vip = FeatureNode("会员 VIP", id="v")
    attach(vip, root)
    attach(FeatureNode("续费", id="v1"), vip)
    folded = FeatureNode("开通", id="v2")
    attach(folded, vip)
    attach(FeatureNode("y", id="v3"), folded)
    return root, folded


TOP_DOWN = """\
                  ╭──────────╮
                  │ 知乎 App │
                  ╰─────┬────╯
        ┌───────────────┼────────────┐
    ╭───┴──╮        ╭───┴──╮   ╭─────┴────╮
    │ 首页 │        │ 我的 │   │ 会员 VIP │
    ╰───┬──╯        │  ✎1  │   ╰─────┬────╯
 ┌──────┘           ╰──────╯    ┌────┘
 │ ╭──────╮                     │ ╭──────╮
 ├─┤ 推荐 │                     ├─┤ 续费 │
 │ ╰──────╯                     │ ╰──────╯
 │ ╭──────╮                     │ ╭──────╮
 ├─┤ 热榜 │                     │ │ 开通 │
 │ ╰──────╯                     └─┤  +1  │
 │ ╭────────────╮                 ╰──────╯
 └─┤ 关注动态流 │
   ╰────────────╯"""

LEFT_RIGHT = """\
                          ╭──────╮
                        ┌─┤ 推荐 │
                        │ ╰──────╯
                        │
               ╭──────╮ │ ╭──────╮
             ┌─┤ 首页 ├─┼─┤ 热榜 │
             │ ╰──────╯ │ ╰──────╯
             │          │
             │          │ ╭────────────╮
╭──────────╮ │ ╭──────╮ └─┤ 关注动态流 │
│ 知乎 App ├─┤ │ 我的 │   ╰────────────╯
╰──────────╯ ├─┤  ✎1  │
             │ ╰──────╯       ╭──────╮
             │              ┌─┤ 续费 │
             │              │ ╰──────╯
             │ ╭──────────╮ │
             └─┤ 会员 VIP ├─┤ ╭──────╮
               ╰──────────╯ │ │ 开通 │
                            └─┤  +1  │
                              ╰──────╯"""


def text_of(diagram) -> str:
    return "\n".join(line.rstrip() for line in diagram.lines())


def test_small_tree_top_down_with_a_leaf_stack_badges_and_a_fold():
    root, folded = small_tree()
    assert text_of(build_diagram(root, folded={folded})) == TOP_DOWN


def test_small_tree_left_to_right():
    root, folded = small_tree()
    diagram = build_diagram(root, LayoutOptions(direction="right"), folded={folded})
    assert text_of(diagram) == LEFT_RIGHT


def test_ascii_fallback_draws_the_same_picture_in_plain_characters():
    root, folded = small_tree()
    text = text_of(build_diagram(root, folded={folded}, ascii=True))
    assert text.isascii() is False  # the titles are still Chinese
    assert not set(text) & set("╭╮╰╯─│┬┴├┤┼┌┐└┘")
    # Same cells as the Unicode picture, each box-drawing character replaced one for one.
    assert [cell_len(line) for line in text.splitlines()] == [
        cell_len(line) for line in TOP_DOWN.splitlines()
    ]
    assert "+-+ 推荐 |" in text


def test_styles_name_the_status_the_badges_and_the_connectors():
    root, folded = small_tree()
    diagram = build_diagram(root, folded={folded})
    styles_by_text: dict[str, set[str]] = {}
    for y in range(diagram.height):
        for text, style in diagram.line(y):
            styles_by_text.setdefault(style, set()).add(text.strip())
    assert "│ 我的 │" in styles_by_text["box.new"]
    assert "│ 首页 │" in styles_by_text["box.existing"]
    assert styles_by_text["badge"] == {"✎1"}
    assert styles_by_text["badge.folded"] == {"+1"}
    assert any("┼" in t for t in styles_by_text["connector"])
    me = diagram.index_of("m")
    cursor_styles = {s for y in range(diagram.height) for _, s in diagram.line(y, cursor=me)}
    assert "box.new.cursor" in cursor_styles and "badge.cursor" in cursor_styles


def test_a_window_never_cuts_a_cjk_character_in_half():
    root, folded = small_tree()
    diagram = build_diagram(root, folded={folded})
    y = 5  # │ 首页 │ ... 我的 ... 会员 VIP
    full = "".join(t for t, _ in diagram.line(y))
    start = full.index("首")
    for x0 in range(start - 1, start + 4):
        for x1 in range(x0 + 1, x0 + 8):
            text = "".join(t for t, _ in diagram.line(y, x0, x1))
            assert cell_len(text) == x1 - x0
            assert "首" not in text or "首页"[: text.count("首") + text.count("页")] in text


def test_every_title_of_a_sample_is_drawn_whole():
    doc = formats.load(SAMPLES / "zhihu.json")
    for options in (LayoutOptions(), LayoutOptions(direction="right")):
        diagram = build_diagram(doc.root, options)
        rows = diagram.lines()
        assert all(cell_len(row) == diagram.width for row in rows)
        for box in diagram.layout.boxes:
            for number, line in enumerate(box.lines):
                row = rows[int(box.y) + 1 + number]
                assert line in row, (line, row)
        assert len(diagram.layout.boxes) == len(doc)


def test_box_at_finds_the_box_under_a_cell():
    root, folded = small_tree()
    diagram = build_diagram(root, folded={folded})
    assert diagram.box_at(20, 1) == diagram.index_of("r")
    assert diagram.box_at(0, 0) is None


TITLES = ["首页", "A", "推荐 Feed", "很长的功能标题" * 4, "设置"]


@settings(max_examples=80, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    st.lists(st.integers(min_value=0, max_value=10_000), max_size=30),
    st.sampled_from(["down", "right"]),
    st.integers(min_value=0, max_value=2),
    st.lists(st.integers(0, 4), min_size=1, max_size=3),
)
def test_connectors_join_and_never_cross_a_box(parents, direction, columns, titles):
    nodes = [FeatureNode("根", id="n0")]
    for i, parent in enumerate(parents, start=1):
        node = FeatureNode(TITLES[titles[i % len(titles)]], id=f"n{i}")
        node.suggestions = (
            (Suggestion(id=f"s{i}", text="建议"),) if i % 3 == 0 else node.suggestions
        )
        attach(node, nodes[parent % i])
        nodes.append(node)
    diagram = build_diagram(nodes[0], LayoutOptions(direction=direction, stack_columns=columns))
    grid = [
        [(char, style) for text, style in diagram.line(y) for char in _cells(text)]
        for y in range(diagram.height)
    ]
    inside = set()
    for box in diagram.layout.boxes:
        for y in range(box.y + 1, box.y + box.h - 1):
            for x in range(box.x + 1, box.x + box.w - 1):
                inside.add((x, y))
    directions = {
        "│": "ud", "─": "lr", "┌": "dr", "┐": "dl", "└": "ur", "┘": "ul",
        "├": "udr", "┤": "udl", "┬": "lrd", "┴": "lru", "┼": "udlr",
    }  # fmt: skip
    step = {"u": (0, -1), "d": (0, 1), "l": (-1, 0), "r": (1, 0)}
    for y, row in enumerate(grid):
        for x, (char, style) in enumerate(row):
            if style != "connector":
                continue
            assert (x, y) not in inside
            for way in directions[char]:
                dx, dy = step[way]
                neighbour, owner = grid[y + dy][x + dx]
                if owner == "connector":
                    assert neighbour in "│─┌┐└┘├┤┬┴┼", (x, y, char, way)
                else:  # a box's border, where the connector meets it
                    assert neighbour == {"u": "┬", "d": "┴", "l": "├", "r": "┤"}[way]
    # Every title is drawn whole (each line of it on its row).
    rows = diagram.lines()
    for box in diagram.layout.boxes:
        for number, line in enumerate(box.lines):
            assert line in rows[box.y + 1 + number]
    texts = [t for t, _ in diagram.line(0)]
    assert cell_len("".join(texts)) == diagram.width
    assert {n.id for n in preorder(nodes[0])} == set(diagram.layout.index)


def _cells(text: str) -> list[str]:
    """One entry per terminal cell (a wide character, then an empty second half)."""
    out: list[str] = []
    for char in text:
        out.append(char)
        if cell_len(char) == 2:
            out.append("")
    return out


def test_arrows_follow_the_tree_in_the_direction_of_the_layout():
    root, folded = small_tree()
    down = build_diagram(root, folded={folded})
    at = down.index_of
    assert down.move(at("r"), "down") == at("m")  # the child nearest the root's middle
    assert down.move(at("m"), "left") == at("h") and down.move(at("m"), "right") == at("v")
    assert down.move(at("h"), "left") == at("h")  # no sibling before it: stay
    assert down.move(at("m"), "up") == at("r") and down.move(at("r"), "up") == at("r")
    # A leaf stack hangs down: up and down walk along it, up from the first leaf or left
    # goes back to the parent.
    assert down.move(at("h"), "down") == at("h0")
    assert down.move(at("h0"), "down") == at("h1") and down.move(at("h1"), "up") == at("h0")
    assert down.move(at("h0"), "up") == at("h") and down.move(at("h2"), "left") == at("h")
    assert down.move(at("h2"), "down") == at("h2")
    right = build_diagram(root, LayoutOptions(direction="right"), folded={folded})
    at = right.index_of
    assert right.move(at("r"), "right") == at("m") and right.move(at("m"), "left") == at("r")
    assert right.move(at("m"), "up") == at("h") and right.move(at("m"), "down") == at("v")
    assert right.move(at("h"), "right") == at("h1")  # the middle one of three


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    st.lists(st.integers(min_value=0, max_value=10_000), min_size=20, max_size=80),
    st.sampled_from(["down", "right"]),
    st.integers(min_value=0, max_value=2),
    st.lists(st.tuples(st.integers(0, 400), st.integers(1, 200)), min_size=1, max_size=8),
)
def test_any_window_shows_the_cells_of_the_whole_row(parents, direction, columns, windows):
    """The picture is indexed in bands made when first drawn: a window that starts or
    ends anywhere (inside a band, across several) shows what the whole row shows there,
    on every row, whichever part of the picture was drawn first."""
    nodes = [FeatureNode("根", id="n0")]
    for i, parent in enumerate(parents, start=1):
        node = FeatureNode(TITLES[i % len(TITLES)], id=f"n{i}")
        attach(node, nodes[parent % i])
        nodes.append(node)
    options = LayoutOptions(direction=direction, stack_columns=columns)
    whole = build_diagram(nodes[0], options)
    rows = [
        [cell for text, style in whole.line(y) for cell in _styled_cells(text, style)]
        for y in range(whole.height)
    ]
    windowed = build_diagram(nodes[0], options)  # fresh: its bands made by the windows
    for x0, span in windows:
        x0 = x0 % max(1, whole.width)
        for y in range(whole.height):
            cells = [
                cell
                for text, style in windowed.line(y, x0, x0 + span)
                for cell in _styled_cells(text, style)
            ]
            expected = (rows[y] + [(" ", "")] * span)[x0 : x0 + span]
            # A wide character cut by the window's edge shows as a space.
            for edge in (0, len(cells) - 1):
                if cells[edge] == (" ", expected[edge][1]) != expected[edge]:
                    expected[edge] = cells[edge]
            assert cells == expected, (y, x0, span)
    # And the whole picture has every connector cell its edges make, and no other.
    lines = connector_cells(whole.layout)
    covered = {
        (x, y)
        for box in whole.layout.boxes
        for y in range(box.y, box.y + box.h)
        for x in range(box.x, box.x + box.w)
    }
    drawn = {
        (x, y): char
        for y, row in enumerate(rows)
        for x, (char, style) in enumerate(row)
        if style == "connector"
    }
    assert drawn == {cell: UNICODE.lines[b] for cell, b in lines.items() if cell not in covered}


def connector_cells(layout) -> dict[tuple[int, int], int]:
    """Each cell the edges pass through → the directions the lines leave it (1 up, 2
    down, 4 left, 8 right), walked along every edge's points: the plain way."""
    cells: dict[tuple[int, int], int] = {}
    for edge in layout.edges:
        (ax, ay), rest = edge.points[0], edge.points
        if layout.direction == "down":
            ay -= 1  # from the parent's border
        else:
            ax -= 1
        for bx, by in rest:
            steps = max(abs(bx - ax), abs(by - ay))
            dx, dy = (bx > ax) - (bx < ax), (by > ay) - (by < ay)
            for i in range(steps):
                here, there = (ax + i * dx, ay + i * dy), (ax + (i + 1) * dx, ay + (i + 1) * dy)
                way = {(0, -1): (1, 2), (0, 1): (2, 1), (-1, 0): (4, 8), (1, 0): (8, 4)}
                out, back = way[(dx, dy)]
                cells[here] = cells.get(here, 0) | out
                cells[there] = cells.get(there, 0) | back
            ax, ay = bx, by
    return cells


def _styled_cells(text: str, style: str) -> list[tuple[str, str]]:
    return [(char, style) for char in _cells(text)]


def test_a_folded_box_counts_everything_inside_it_before_its_plus_n():
    root, folded = small_tree()
    inner = folded.kids[0]  # y, under the fold
    inner.changelog = (ChangeEntry(summary="改", date=dt.date(2026, 2, 1)),)
    inner.suggestions = (Suggestion(id="s1", text="合并入口"),)
    counts = SubtreeCounts()
    diagram = build_diagram(root, folded={folded}, counts=counts)
    box = diagram.layout.boxes[diagram.index_of(folded.id)]
    assert box.badge == "✎1 ◆1 +1"  # the outline's folded row: ▸ 开通 ✎1 ◆1
    assert counts.of(folded) == (1, 1)
    styles = {style: text.strip() for y in range(diagram.height) for text, style in diagram.line(y)}
    assert styles["badge.folded"] == "+1"
    # A change of the folded node itself redraws its box with the totals still.
    folded.status = FeatureStatus.CHANGED
    counts.changed(folded)
    assert diagram.update_box(folded, counts)
    assert diagram.layout.boxes[diagram.index_of(folded.id)].badge == "✎1 ◆1 +1"


def test_every_box_shows_its_own_counts_however_its_node_keeps_them():
    """The diagram asks only annotated nodes for their counts: a box shows the same
    counts as the outline's row for a node with a change log, with open or only closed
    suggestions, with lists instead of tuples, and with nothing at all."""
    root, _ = small_tree()
    nodes = list(preorder(root))
    change = ChangeEntry(summary="改", date=dt.date(2026, 2, 1))
    nodes[1].suggestions = (Suggestion(id="s1", text="合并入口"),)
    nodes[2].suggestions = (Suggestion(id="s2", text="做完了", status=SuggestionStatus.DONE),)
    nodes[3].changelog = [change, change]  # a list: counted all the same
    nodes[4].suggestions = []
    diagram = build_diagram(root)
    shown = {box.node_id: box.badge for box in diagram.layout.boxes}
    assert shown == {node.id: node_badge(node) for node in nodes}
    assert shown["h"] == "◆1" and shown["h0"] == "" and shown["h1"] == "✎2"
    assert shown["m"] == "✎1" and shown["r"] == ""


def _page_target_by_scanning_every_box(diagram, k: int, rows: int) -> int:
    """What PgUp/PgDn chose before it looked only near the cursor: every box scanned."""
    boxes = diagram.layout.boxes
    box = boxes[k]
    x, y = box.x + box.w / 2, box.y + box.h / 2
    way = 1 if rows > 0 else -1
    best, best_distance = k, None
    for i, (ox, oy, ow, oh) in enumerate(zip(boxes.x, boxes.y, boxes.w, boxes.h)):
        middle = oy + oh / 2
        if (middle - y) * way <= 0:
            continue
        dx, dy = (ox + ow / 2 - x) / 2, middle - (y + rows)
        distance = dx * dx + dy * dy
        if best_distance is None or distance < best_distance:
            best, best_distance = i, distance
    return best


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    st.lists(st.integers(min_value=0, max_value=10_000), max_size=120),
    st.sampled_from(["down", "right"]),
    st.integers(min_value=0, max_value=2),
    st.integers(min_value=1, max_value=60),
)
def test_a_page_key_goes_to_the_box_a_scan_of_every_box_would_choose(
    parents, direction, columns, page
):
    nodes = [FeatureNode("根", id="n0")]
    for i, parent in enumerate(parents, start=1):
        node = FeatureNode(TITLES[i % len(TITLES)], id=f"n{i}")
        attach(node, nodes[parent % i])
        nodes.append(node)
    diagram = build_diagram(nodes[0], LayoutOptions(direction=direction, stack_columns=columns))
    for k in range(0, len(diagram.layout.boxes), 7):
        for rows in (page, -page):
            assert diagram.page_target(k, rows) == _page_target_by_scanning_every_box(
                diagram, k, rows
            )


def test_a_title_with_a_space_breaks_at_the_space_not_inside_the_chinese_after_it():
    """``售后退款 申请审核流程`` is 21 cells, one more than a box's text: it breaks where the
    PM put the space, each part whole (it was ``售后退款 申请审核流`` / ``程``)."""
    root = FeatureNode("订单", id="r")
    attach(FeatureNode("售后退款 申请审核流程", id="a"), root)
    diagram = build_diagram(root)
    box = diagram.layout.boxes[diagram.layout.index["a"]]
    assert box.lines == ("售后退款", "申请审核流程")
    assert box.h == 4  # two lines and the border: the box is drawn as tall as its text
    assert text_of(diagram) == (
        "     ╭──────╮\n"
        "     │ 订单 │\n"
        "     ╰───┬──╯\n"
        " ┌───────┘\n"
        " │ ╭──────────────╮\n"
        " │ │   售后退款   │\n"
        " └─┤ 申请审核流程 │\n"
        "   ╰──────────────╯"
    )


def test_a_chinese_title_without_a_space_still_wraps_at_any_character():
    root = FeatureNode("个性化推荐与内容分发算法的冷启动策略", id="r")
    box = build_diagram(root).layout.boxes[0]
    assert box.lines == ("个性化推荐与内容分", "发算法的冷启动策略")  # even lines


def test_a_word_longer_than_a_line_fills_the_line_before_it_breaks():
    """A part too long for any line is cut at any character, after what fits beside it
    (the lines as even as two lines allow)."""
    root = FeatureNode("退款 个性化推荐与内容分发算法", id="r")
    box = build_diagram(root).layout.boxes[0]
    assert box.lines == ("退款 个性化推荐", "与内容分发算法")
