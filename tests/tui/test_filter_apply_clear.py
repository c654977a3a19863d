"""Filtering a big document: applied from the search index (again after an edit, once it
is rebuilt between keys), cleared back to the rows and the node from before — and the
tree always shows what a fresh outline of the document would."""

from __future__ import annotations

import time
from pathlib import Path

import pytest
from editor_helpers import SIZE, cursor_title, editor, put_cursor, screen_rows

from featuretree.model import FeatureNode
from featuretree.model.query import filter_nodes, matching_nodes, parse_filter
from featuretree.model.search import SearchIndex
from featuretree.operations.annotate import rename
from featuretree.operations.structure import add_child, delete
from featuretree.tui import FeatureTreeApp
from featuretree.tui.screens.editor import find
from featuretree.view.outline import Outline


def _ids(outline: Outline) -> tuple[list[str], list[int]]:
    return [node.id for node in outline.rows], list(outline.depths)


def _fresh(root: FeatureNode, collapsed=(), keep: set[str] | None = None) -> tuple:
    """The rows an outline made now would show (filtered to ``keep`` ids, if given)."""
    outline = Outline(root, collapsed)
    if keep is not None:
        outline.set_filter(node for node, _ in _walk(root) if node.id in keep)
    return _ids(outline)


def _walk(root: FeatureNode):
    stack = [(root, 0)]
    while stack:
        node, depth = stack.pop()
        yield node, depth
        stack.extend((kid, depth + 1) for kid in reversed(node.kids))


async def test_a_filter_after_an_edit_waits_for_the_index_without_holding_the_keys(
    big_path: Path, monkeypatch: pytest.MonkeyPatch
):
    monkeypatch.setattr(find, "INDEX_AT_ONCE", 0)  # built in slices, as at 100,000 nodes
    held = {"back": True}
    build = SearchIndex.build

    def slow_build(self: SearchIndex, budget: float | None = None) -> bool:
        # While held, a slice takes its time and gets nowhere: the index stays unready as
        # long as needed. It sleeps rather than returning at once: a slice that costs no
        # time makes the worker spin, the process never looks idle, and every
        # pilot.press/pause then waits out Textual's full 1 s idle check.
        if held["back"] and budget is not None:
            time.sleep(budget)
            return False
        return build(self, budget)

    monkeypatch.setattr(SearchIndex, "build", slow_build)
    app = FeatureTreeApp(big_path)
    async with app.run_test(size=SIZE) as pilot:
        screen = editor(app)
        screen.run_command(rename, "n39-1", "会员7 新")  # an edit: the index is made anew
        await pilot.press("f", *"会员7")
        await pilot.pause(0.3)  # the bar's debounce: the filter waits for the index
        bar = screen.finding.filter_bar
        assert bar.status_text == "…"
        assert not screen.tree.outline.filtered
        await pilot.press("backspace", "9")  # typed while it waits: taken at once
        await pilot.pause(0.3)
        assert bar.value == "会员9"
        held["back"] = False
        await pilot.pause(0.3)
        keep = filter_nodes(screen.doc, parse_filter("会员9"))
        assert _ids(screen.tree.outline) == _fresh(screen.doc.root, keep=keep)
        count = len(matching_nodes(screen.doc, parse_filter("会员9")))
        assert bar.status_text.endswith(f"({count} nodes)")
        await pilot.press("backspace", *"7 ")  # the edited node is found
        await pilot.pause(0.3)
        assert "n39-1" in _ids(screen.tree.outline)[0]


async def test_escape_drops_a_filter_still_waiting_for_the_index(
    big_path: Path, monkeypatch: pytest.MonkeyPatch
):
    monkeypatch.setattr(find, "INDEX_AT_ONCE", 0)
    held = {"back": True}
    build = SearchIndex.build

    def slow_build(self: SearchIndex, budget: float | None = None) -> bool:
        # While held, a slice takes its time and gets nowhere: the index stays unready as
        # long as needed. It sleeps rather than returning at once: a slice that costs no
        # time makes the worker spin, the process never looks idle, and every
        # pilot.press/pause then waits out Textual's full 1 s idle check.
        if held["back"] and budget is not None:
            time.sleep(budget)
            return False
        return build(self, budget)

    monkeypatch.setattr(SearchIndex, "build", slow_build)
    app = FeatureTreeApp(big_path)
    async with app.run_test(size=SIZE) as pilot:
        screen = editor(app)
        before = _ids(screen.tree.outline)
        await pilot.press("f", *"会员1")
        await pilot.pause(0.3)
        await pilot.press("escape")
        held["back"] = False
        await pilot.pause(0.3)
        assert not screen.tree.outline.filtered
        assert _ids(screen.tree.outline) == before


async def test_clearing_a_filter_goes_back_to_the_node_and_the_rows_of_a_fresh_outline(
    big_path: Path,
):
    app = FeatureTreeApp(big_path)
    async with app.run_test(size=SIZE) as pilot:
        screen = editor(app)
        tree = screen.tree
        await pilot.press("home", "j", "space")  # fold 模块 0
        folded = {screen.doc.node("m0")}
        put_cursor(app, "m5")
        await pilot.press("f", *"会员15", "enter")
        await pilot.pause(0.3)
        assert tree.outline.filtered
        assert cursor_title(app) == "会员15"  # the first match
        await pilot.press("down", "down")  # 模块 5, then 会员150 in it
        assert cursor_title(app) == "会员150"
        await pilot.press("escape")
        assert not tree.outline.filtered
        assert cursor_title(app) == "会员150"  # the node it was on, not the top
        assert _ids(tree.outline) == _fresh(screen.doc.root, folded)
        assert "会员150" in "".join(screen_rows(app))


async def test_edits_under_a_filter_are_there_after_clearing_it(big_path: Path):
    app = FeatureTreeApp(big_path)
    async with app.run_test(size=SIZE) as pilot:
        screen = editor(app)
        tree = screen.tree
        await pilot.press("f", *"会员3", "enter")
        await pilot.pause(0.3)
        assert tree.outline.filtered
        screen.run_command(rename, "n1-0", "会员3 改名")  # shown: its title changes
        screen.run_command(add_child, "m1", "新功能")  # under a shown node
        screen.run_command(delete, "n2-3")  # hidden by the filter
        await pilot.pause()
        assert "会员3 改名" in "\n".join(screen_rows(app))
        await pilot.press("escape")
        assert not tree.outline.filtered
        assert _ids(tree.outline) == _fresh(screen.doc.root)
        put_cursor(app, "m1")
        await pilot.pause()
        assert "会员3 改名" in "\n".join(screen_rows(app))
        await pilot.press("end")
        put_cursor(app, screen.doc.node("m1").kids[-1].id)
        await pilot.pause()
        assert cursor_title(app) == "新功能"
        assert "新功能" in "\n".join(screen_rows(app))
        # and a filter applied now (from an index made anew) sees the edits
        await pilot.press("f", *"会员3 改名", "enter")
        await pilot.pause(0.5)
        keep = filter_nodes(screen.doc, parse_filter("会员3 改名"))
        assert keep == {"root", "m1", "n1-0"}
        assert _ids(tree.outline) == _fresh(screen.doc.root, keep=keep)


async def test_the_text_field_keeps_its_width_while_the_count_shrinks_or_grows_a_little(
    big_path: Path,
):
    # A new width of the status would be a layout of the whole screen on every key:
    # its room only grows, a few cells at a time, and is given back when the bar closes.
    app = FeatureTreeApp(big_path)
    async with app.run_test(size=SIZE) as pilot:
        screen = editor(app)
        await pilot.press("f", *"会员1")
        await pilot.pause(0.3)
        bar = screen.finding.filter_bar
        wide = bar.input.size.width
        for keys in (("2",), ("backspace",), ("backspace", "backspace"), ("员", "1", "1")):
            await pilot.press(*keys)
            await pilot.pause(0.3)
            query = bar.value
            count = len(matching_nodes(screen.doc, parse_filter(query)))
            assert bar.status_text == f"Filter: {query} ({count} nodes)"
            assert bar.input.size.width == wide  # a new count, the field unmoved
        assert bar.value == "会员11"
        await pilot.press("escape", "f")
        await pilot.pause()
        assert bar.input.size.width > wide  # closed and opened again: the room is back
