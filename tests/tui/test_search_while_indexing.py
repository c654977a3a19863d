"""Searching a big document before its search index is ready: keys are never held up,
and what is found is what the final text finds."""

from __future__ import annotations

import time
from pathlib import Path

import pytest
from editor_helpers import SIZE, cursor_title, editor, put_cursor

from featuretree.model.search import SearchIndex, search
from featuretree.operations.annotate import rename
from featuretree.tui import FeatureTreeApp
from featuretree.tui.screens.editor import find


async def test_typing_while_the_index_is_built_is_kept_and_the_last_text_is_searched(
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
        bar = screen.finding.search_bar
        screen.run_command(rename, "m0", "模块")  # an edit: the index is made anew
        await pilot.press("slash", "会")
        await pilot.pause(0.3)  # the bar's debounce: the search of 会 waits for the index
        await pilot.press(*"员12")  # typed while that search waits: taken at once
        await pilot.pause(0.3)
        assert bar.value == "会员12"
        assert bar.status_text == "…"
        held["back"] = False
        await pilot.pause(0.3)
        expected = search(screen.doc, "会员12")
        assert len(expected) == 5  # 会员12, 会员120, 会员123, 会员126, 会员129
        assert bar.status_text == f"1/{len(expected)}"
        assert cursor_title(app) == screen.doc.node(expected[0]).title
        await pilot.press("enter", "n")
        assert cursor_title(app) == screen.doc.node(expected[1]).title


async def test_a_search_after_an_edit_finds_the_edited_text(big_path: Path):
    app = FeatureTreeApp(big_path)
    async with app.run_test(size=SIZE) as pilot:
        screen = editor(app)
        await pilot.press("slash", *"会员7")
        await pilot.pause(0.3)
        bar = screen.finding.search_bar
        assert bar.status_text.endswith(f"/{len(search(screen.doc, '会员7'))}")
        await pilot.press("enter")
        screen.run_command(rename, "n39-1", "会员7 新")  # at the end of the document
        put_cursor(app, "root")
        await pilot.press("N")  # back from the top: the last match, the edited node
        assert cursor_title(app) == "会员7 新"
