"""The diagram view's window, without an app: where the view scrolls for the cursor's
box, and the rows a layout made in the worker draws ahead for that window."""

from __future__ import annotations

from featuretree.model.layout import LayoutOptions
from featuretree.model.node import FeatureNode
from featuretree.model.tree import attach
from featuretree.view.diagram import build_diagram
from featuretree.view.diagram_window import Window, aim, draw_ahead, scroll_target

ROW = LayoutOptions(stack_columns=0)
"""Leaves in a row: a picture wider than the view."""


def _wide_tree() -> FeatureNode:
    root = FeatureNode("根", id="r")
    for i in range(40):
        attach(FeatureNode(f"模块{i}", id=f"m{i}"), root)
    return root


def test_a_box_in_view_does_not_move_the_picture_and_one_out_of_view_comes_to_the_middle():
    diagram = build_diagram(_wide_tree(), ROW)
    first = diagram.layout.boxes[diagram.index_of("m0")]
    assert aim(first, 0, 0, 80, 20) == (0, 0)
    last = diagram.layout.boxes[diagram.index_of("m39")]
    x, _ = aim(last, 0, 0, 80, 20)
    assert x < last.x < last.x + last.w < x + 80
    assert abs((x + 40) - (last.x + last.w // 2)) <= 1  # its middle at the view's


def test_the_scroll_stops_at_the_picture_s_edge():
    diagram = build_diagram(_wide_tree(), ROW)
    k = diagram.index_of("m39")
    x, y = scroll_target(diagram, k, Window(0, 0, 80, 20, 0))
    assert diagram.width > 80
    assert (x, y) == (diagram.width - 80, 0)  # not past the right edge to centre the box


def test_rows_drawn_ahead_are_the_rows_the_view_shows_at_the_cursor():
    diagram = build_diagram(_wide_tree(), ROW)
    window = Window(0, 0, 80, 10, 0)
    drawn = draw_ahead(diagram, "m39", window)
    k = diagram.index_of("m39")
    assert (drawn.x, drawn.y) == scroll_target(diagram, k, window) and drawn.cursor == k
    for row, (cursor, segments) in drawn.rows.items():
        expected = (
            diagram.line(row, drawn.x, drawn.x + 80, cursor=k) if row < diagram.height else None
        )
        assert (cursor, segments) == (k, expected)
