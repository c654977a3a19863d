"""The tidy layout of the 功能结构图: properties over random trees, and the cases a PM meets."""

from __future__ import annotations

import hashlib
import itertools
import random

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from featuretree.model.cells import cell_len
from featuretree.model.layout import (
    TERMINAL,
    Layout,
    LayoutOptions,
    Metrics,
    forget_sizes,
    layout_tree,
)
from featuretree.model.node import FeatureNode
from featuretree.model.tree import attach

FONT = Metrics(
    text_width=lambda s: sum(14.0 if cell_len(c) == 2 else 7.7 for c in s),
    char_width=lambda c: 14.0 if cell_len(c) == 2 else 7.7,
    line_height=18.0,
    pad_x=8.5,
    pad_y=5.25,
    gap_x=17.5,
    gap_y=30.0,
    max_text_width=140.0,
    stack_indent=20.0,
    stack_gap=6.5,
    column_gap=12.0,
    integral=False,
)
"""Font-like units: fractions everywhere, so rounding cannot hide a mistake."""

TITLES = ["首页", "A", "登录与注册", "Search", "推荐 Feed 流", "x" * 30, "很长的标题" * 6, "设置"]


def build(parents: list[int], titles: list[int]) -> list[FeatureNode]:
    """Nodes 0..n where node i+1 hangs under ``parents[i]`` (an earlier node)."""
    nodes = [FeatureNode(TITLES[titles[0] % len(TITLES)], id="n0")]
    for i, parent in enumerate(parents, start=1):
        node = FeatureNode(TITLES[titles[i % len(titles)] % len(TITLES)], id=f"n{i}")
        attach(node, nodes[parent % i])
        nodes.append(node)
    return nodes


trees = st.tuples(
    st.lists(st.integers(min_value=0, max_value=10_000), max_size=45),
    st.lists(st.integers(min_value=0, max_value=50), min_size=1, max_size=8),
)
option_sets = st.builds(
    LayoutOptions,
    direction=st.sampled_from(["down", "right"]),
    stack_columns=st.integers(min_value=0, max_value=3),
    stack_levels=st.one_of(st.none(), st.frozensets(st.integers(0, 3))),
    max_depth=st.one_of(st.none(), st.integers(0, 4)),
)


def overlap(a, b) -> bool:
    return a.x < b.x + b.w and b.x < a.x + a.w and a.y < b.y + b.h and b.y < a.y + a.h


def check_properties(layout: Layout, metrics: Metrics) -> None:
    boxes = layout.boxes
    eps = 1.0 if metrics.integral else 1e-6
    down = layout.direction == "down"
    # No two boxes overlap, and all lie inside the picture.
    for i, a in enumerate(boxes):
        assert a.x >= -1e-9 and a.y >= -1e-9
        assert a.x + a.w <= layout.width + 1e-9 and a.y + a.h <= layout.height + 1e-9
        for b in boxes[i + 1 :]:
            assert not overlap(a, b), (a, b)
    children: dict[int, list[int]] = {}
    for k, box in enumerate(boxes):
        if box.parent >= 0:
            children.setdefault(box.parent, []).append(k)
    for p, kids in children.items():
        parent = boxes[p]
        stacked = [boxes[k].stacked for k in kids]
        assert all(stacked) or not any(stacked)
        if stacked[0]:
            # A stack hangs under its parent, in document order down each column.
            assert down
            for k in kids:
                assert boxes[k].y >= parent.y + parent.h
            for a, b in itertools.pairwise(kids):
                ka, kb = boxes[a], boxes[b]
                assert kb.y > ka.y or kb.x > ka.x
            continue
        if down:
            lo = min(boxes[k].x for k in kids)
            hi = max(boxes[k].x + boxes[k].w for k in kids)
            assert abs((parent.x + parent.w / 2) - (lo + hi) / 2) <= eps
            for k in kids:
                assert boxes[k].y >= parent.y + parent.h
            xs = [boxes[k].x for k in kids]
            assert xs == sorted(xs)
        else:
            lo = min(boxes[k].y for k in kids)
            hi = max(boxes[k].y + boxes[k].h for k in kids)
            assert abs((parent.y + parent.h / 2) - (lo + hi) / 2) <= eps
            for k in kids:
                assert boxes[k].x >= parent.x + parent.w
            ys = [boxes[k].y for k in kids]
            assert ys == sorted(ys)
    # Every edge joins its parent's box to its child's, with straight segments only.
    assert len(layout.edges) == len(boxes) - 1
    # In the boxes' order: the diagram finds the connector into box k at edges[k - 1].
    assert [e.child for e in layout.edges] == list(range(1, len(boxes)))
    for edge in layout.edges:
        parent, child = boxes[edge.parent], boxes[edge.child]
        assert child.parent == edge.parent
        (x0, y0), (x1, y1) = edge.points[0], edge.points[-1]
        if down:
            assert y0 == parent.y + parent.h and parent.x <= x0 < parent.x + parent.w
        else:
            assert x0 == parent.x + parent.w and parent.y <= y0 < parent.y + parent.h
        if child.stacked or not down:
            assert x1 == child.x and child.y <= y1 < child.y + child.h
        else:
            assert y1 == child.y and child.x <= x1 < child.x + child.w
        for (ax, ay), (bx, by) in zip(edge.points, edge.points[1:]):
            assert ax == bx or ay == by


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(trees, option_sets, st.sampled_from([TERMINAL, FONT]), st.data())
def test_random_trees_keep_every_property(tree, options, metrics, data):
    parents, titles = tree
    nodes = build(parents, titles)
    folded = data.draw(st.sets(st.sampled_from(nodes), max_size=3))
    layout = layout_tree(nodes[0], metrics, options, folded=folded)
    check_properties(layout, metrics)
    # Deterministic: the same tree lays out the same, box for box.
    again = layout_tree(nodes[0], metrics, options, folded=set(folded))
    assert again.boxes == layout.boxes and again.edges == layout.edges


def pruned(root: FeatureNode, keep: set[FeatureNode]) -> dict[FeatureNode, FeatureNode]:
    """A copy of the tree under ``root`` with only the nodes of ``keep`` (and the root):
    each original node kept → its copy."""
    copies = {root: FeatureNode(root.title, id=root.id, status=root.status)}
    stack = [root]
    while stack:
        node = stack.pop()
        for kid in node.kids:
            if kid in keep:
                copies[kid] = FeatureNode(kid.title, id=kid.id, status=kid.status)
                attach(copies[kid], copies[node])
                stack.append(kid)
    return copies


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(trees, option_sets, st.sampled_from([TERMINAL, FONT]), st.data())
def test_a_filter_lays_out_as_the_tree_of_only_its_nodes(tree, options, metrics, data):
    parents, titles = tree
    nodes = build(parents, titles)
    matches = data.draw(st.sets(st.sampled_from(nodes), max_size=8))
    keep = set()
    for node in matches:  # a filter keeps each match's ancestors
        while node is not None and node not in keep:
            keep.add(node)
            node = node.parent
    folded = data.draw(st.sets(st.sampled_from(nodes), max_size=3))
    layout = layout_tree(nodes[0], metrics, options, folded=folded, keep=keep)
    check_properties(layout, metrics)
    copies = pruned(nodes[0], keep)
    alone = layout_tree(
        copies[nodes[0]],
        metrics,
        options,
        folded={copies[n] for n in folded if n in copies},
    )
    assert layout.boxes == alone.boxes and layout.edges == alone.edges
    assert (layout.width, layout.height) == (alone.width, alone.height)
    assert layout.index == alone.index
    # Every node outside the filter is left out, and nothing shows "+N" for them.
    assert set(layout.index) <= {n.id for n in keep} | {"n0"}


def test_a_filter_hides_the_others_without_a_count():
    nodes = build([0, 1, 1, 2, 0, 5], [0])  # n1 (n2 (n4), n3), n5 (n6)
    layout = layout_tree(nodes[0], keep={nodes[0], nodes[1], nodes[2]})
    assert [b.node_id for b in layout.boxes] == ["n0", "n1", "n2"]
    assert [b.badge for b in layout.boxes] == ["", "", ""]  # n2's n4, n1's n3: filtered
    assert [b.hidden for b in layout.boxes] == [0, 0, 0]
    # A fold under the filter counts what the filter would show under it.
    layout = layout_tree(nodes[0], folded={nodes[1]}, keep={nodes[0], nodes[1], nodes[2]})
    assert [b.badge for b in layout.boxes] == ["", "+1"]
    # An empty filter shows the root alone; None shows everything, as without keep.
    assert [b.node_id for b in layout_tree(nodes[0], keep=set()).boxes] == ["n0"]
    assert layout_tree(nodes[0], keep=None).boxes == layout_tree(nodes[0]).boxes


def test_folded_node_shows_how_many_are_hidden_and_nothing_below():
    nodes = build([0, 1, 1, 2, 0], [0])
    layout = layout_tree(nodes[0], folded={nodes[1]})
    ids = [b.node_id for b in layout.boxes]
    assert ids == ["n0", "n1", "n5"]
    assert layout.boxes[1].badge == "+3"


def test_depth_limit_folds_the_deepest_level_shown():
    nodes = build([0, 1, 2], [0])
    layout = layout_tree(nodes[0], options=LayoutOptions(max_depth=1))
    assert [b.node_id for b in layout.boxes] == ["n0", "n1"]
    assert layout.boxes[1].badge == "+2"


def test_long_cjk_title_wraps_at_any_character_and_stays_whole():
    title = "个性化推荐与内容分发算法的冷启动策略优化"
    root = FeatureNode(title, id="r")
    box = layout_tree(root, Metrics(max_text_width=10)).boxes[0]
    assert "".join(box.lines) == title
    assert all(cell_len(line) <= 10 for line in box.lines)
    assert box.w == 14 and box.h == len(box.lines) + 2


def test_badge_has_a_line_of_its_own():
    root = FeatureNode("首页", id="r")
    box = layout_tree(root, badge=lambda n: "✎2 ◆1").boxes[0]
    assert box.lines == ("首页",) and box.badge == "✎2 ◆1" and box.h == 4


def test_leaf_stack_is_much_narrower_than_a_row():
    root = FeatureNode("App", id="r")
    for m in range(5):
        module = FeatureNode(f"模块{m}", id=f"m{m}")
        attach(module, root)
        for f in range(12):
            attach(FeatureNode(f"功能点{f}", id=f"m{m}f{f}"), module)
    row = layout_tree(root, options=LayoutOptions(stack_columns=0))
    stacked = layout_tree(root)
    two = layout_tree(root, options=LayoutOptions(stack_columns=2))
    assert stacked.width * 5 < row.width
    assert two.width > stacked.width and two.height < stacked.height
    check_properties(stacked, TERMINAL)
    check_properties(two, TERMINAL)


def test_stack_levels_choose_which_parents_stack():
    root = FeatureNode("App", id="r")
    for f in range(3):
        attach(FeatureNode(f"功能{f}", id=f"f{f}"), root)
    assert all(b.stacked for b in layout_tree(root).boxes[1:])
    none = layout_tree(root, options=LayoutOptions(stack_levels=frozenset({1})))
    assert not any(b.stacked for b in none.boxes)


def test_fifty_thousand_levels_deep_lay_out_without_recursion():
    root = FeatureNode("0", id="n0")
    node = root
    for i in range(1, 50_000):
        child = FeatureNode(str(i), id=f"n{i}")
        attach(child, node)
        node = child
    for options in (LayoutOptions(), LayoutOptions(direction="right")):
        layout = layout_tree(root, options=options)
        assert len(layout.boxes) == 50_000
        last = layout.boxes[-1]
        assert last.node_id == "n49999"
        assert (last.y if options.direction == "down" else last.x) > 49_999 * 3


def test_boxes_read_as_a_list_and_as_columns():
    """The boxes are kept a field at a time (no tuple per box made up front): each box,
    slice and iteration reads as the list of Box it stands for, and a box replaced (a
    new title in a box of the same size) shows in its columns and its connector."""
    root = FeatureNode("产品", id="r")
    for i in range(3):
        attach(FeatureNode(f"模块{i}", id=f"m{i}"), root)
    layout = layout_tree(root, options=LayoutOptions(stack_columns=0))
    boxes = layout.boxes
    as_list = list(boxes)
    assert len(boxes) == 4 and boxes == as_list and as_list == boxes[:]
    assert boxes[-1] == as_list[-1] and boxes[1:3] == as_list[1:3]
    assert [b.x for b in as_list] == boxes.x and [b.parent for b in as_list] == boxes.parent
    assert list(layout.edges) == layout.edges[:] and layout.edges[-1].child == 3
    points = layout.edges[1].points
    boxes[2] = boxes[2]._replace(lines=("新模块",), status="new")
    assert boxes[2].lines == ("新模块",) and boxes.status[2] == "new"
    assert layout.edges[1].points == points
    assert boxes != layout_tree(root, options=LayoutOptions(stack_columns=0)).boxes


def test_subtrees_of_different_depths_tuck_under_each_other():
    """Non-layered: a short sibling's children sit higher than a tall sibling's, and
    subtrees come as close as their contours allow (not a column per level)."""
    root = FeatureNode("R", id="r")
    tall = FeatureNode("很长很长很长很长很长很长很长很长很长很长的标题", id="t")
    short = FeatureNode("S", id="s")
    attach(tall, root)
    attach(short, root)
    attach(FeatureNode("a", id="ta"), tall)
    attach(FeatureNode("b", id="sb"), short)
    layout = layout_tree(root, options=LayoutOptions(stack_columns=0))
    boxes = {b.node_id: b for b in layout.boxes}
    assert boxes["sb"].y < boxes["ta"].y
    check_properties(layout, TERMINAL)


def test_cell_len_fast_ranges_are_all_wide_characters():
    """The fast path of ``cell_len`` counts its ranges as two cells: each must be W or F."""
    import re

    from featuretree.model.cells import _COMMON_WIDE, char_cells

    for first, last in re.findall(r"(.)-(.)", _COMMON_WIDE):
        for code in range(ord(first), ord(last) + 1):
            assert char_cells(chr(code)) == 2, hex(code)
    mixed = "知乎 App：「盲收」ｘ한국어カナ"
    assert cell_len(mixed) == sum(char_cells(c) for c in mixed)
    assert cell_len("e\u0301") == 1  # a combining accent takes no cell


GOLDEN_TITLES = [
    *TITLES[:5],
    "x" * 30,
    "很长的标题" * 6,
    "a b  c",
    "两行\n标题",
    "（括号）测试，。",
]


def test_every_box_and_connector_is_where_it_was_before_the_speed_up():
    """The fast layout (flat lists, remembered sizes) puts every box and connector
    exactly where the first, plain version did: same coordinates, same types, for
    600 nodes in cells and in font units, each direction, stacks in one and three
    columns, rows, a depth limit, folds and badges. The digest was recorded from that
    version (main at 4fe5ab2); a deliberate change of the layout records a new one
    (recorded again when wrapped titles were shared out evenly over their lines)."""
    rng = random.Random(5)
    nodes = [FeatureNode(rng.choice(GOLDEN_TITLES), id="n0")]
    for i in range(1, 600):
        node = FeatureNode(rng.choice(GOLDEN_TITLES), id=f"n{i}")
        near = max(0, i - 1 - rng.randrange(4))
        attach(node, nodes[rng.randrange(i) if rng.random() < 0.3 else near])
        nodes.append(node)
    folded = set(nodes[3::17])
    digest = hashlib.sha256()
    for metrics in (TERMINAL, FONT):
        for options in (
            LayoutOptions(),
            LayoutOptions(direction="right"),
            LayoutOptions(stack_columns=0),
            LayoutOptions(stack_columns=3, stack_levels=frozenset({2, 3})),
            LayoutOptions(max_depth=3),
        ):
            forget_sizes()
            for _ in range(2):  # measured, then remembered: the same picture
                layout = layout_tree(
                    nodes[0],
                    metrics,
                    options,
                    folded=folded,
                    badge=lambda n: "✎2" if n.id.endswith("7") else "",
                )
                text = repr(
                    (
                        [tuple(b) for b in layout.boxes],
                        [tuple(e) for e in layout.edges],
                        layout.width,
                        layout.height,
                        layout.index,
                    )
                )
            digest.update(text.encode())
    assert digest.hexdigest() == (
        "86cb4eb87cc2ee7a89e2bc6e9d60c34655693ab9d9143814aba66930ee146c06"
    )


def test_renamed_node_gets_a_box_for_its_new_title():
    """Sizes are remembered between layouts: a rename must still show the new title,
    wrapped and sized as a fresh layout would."""
    root = FeatureNode("App", id="r")
    child = FeatureNode("首页", id="c")
    attach(child, root)
    attach(FeatureNode("推荐", id="s"), root)
    before = layout_tree(root)
    child.title = "个性化推荐与内容分发算法的冷启动策略优化"
    after = layout_tree(root)
    forget_sizes()
    fresh = layout_tree(root)
    assert after.boxes == fresh.boxes and after.edges == fresh.edges
    box = after.boxes[after.index["c"]]
    assert "".join(box.lines) == child.title and len(box.lines) > 1
    assert box.w > before.boxes[before.index["c"]].w


def test_a_few_renames_in_a_big_tree_lay_out_as_a_fresh_layout_does():
    """After an edit only the new titles are measured and put in their boxes' places
    (the rest remembered): every box, even two renamed to the same new title, is where
    and as big as a layout measuring everything puts it."""
    rng = random.Random(8)
    nodes = [FeatureNode("根", id="n0")]
    for i in range(1, 300):
        node = FeatureNode(rng.choice(GOLDEN_TITLES), id=f"n{i}")
        attach(node, nodes[rng.randrange(i)])
        nodes.append(node)
    for metrics in (TERMINAL, FONT):
        layout_tree(nodes[0], metrics)
        for round_ in range(3):
            for node in rng.sample(nodes, 3):
                node.title = f"改名{round_}的功能，标题较长需要换行显示"
            nodes[round_ + 1].title = f"新{round_}"
            after = layout_tree(nodes[0], metrics)
            forget_sizes()
            fresh = layout_tree(nodes[0], metrics)
            assert after.boxes == fresh.boxes and after.edges == fresh.edges


def test_remembered_sizes_belong_to_their_metrics():
    """The same title in a narrower box wraps again, not with the wider box's lines."""
    title = "个性化推荐与内容分发算法"
    root = FeatureNode(title, id="r")
    wide = layout_tree(root, Metrics(max_text_width=40)).boxes[0]
    narrow = layout_tree(root, Metrics(max_text_width=10)).boxes[0]
    assert wide.lines == (title,)
    assert len(narrow.lines) == 3 and all(cell_len(line) <= 10 for line in narrow.lines)
