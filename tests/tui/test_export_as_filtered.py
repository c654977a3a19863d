"""Ctrl+E's "Draw" row under a filter: a PM filters the tree to what a review is about
(a tag, the new features) and exports the picture of just that — the matches and their
ancestors, as the outline shows them. Before, a picture was the whole tree or the folds,
whatever the filter; the whole tree stays the default (nothing left out unless asked)."""

from __future__ import annotations

from pathlib import Path

from defusedxml import ElementTree

from featuretree.tui import FeatureTreeApp
from featuretree.tui.widgets.choice import Choice

SVG = "{http://www.w3.org/2000/svg}"


async def _filter_and_export(pilot, query: str, fmt: str = "svg") -> None:
    await pilot.press("f", *query, "enter")
    await pilot.pause()
    await pilot.press("ctrl+e")
    await pilot.pause()
    while pilot.app.screen.query_one("#format", Choice).value != fmt:
        await pilot.press("right")
    await pilot.pause()


def _drawn_titles(path: Path) -> set[str]:
    root = ElementTree.fromstring(path.read_bytes())
    return {
        text.text
        for group in root.iter(f"{SVG}g")
        if group.get("data-id")
        for text in group.iter(f"{SVG}text")
    }


async def test_as_filtered_draws_the_matches_and_their_ancestors_only(
    doc_path: Path, tmp_path: Path
) -> None:
    app = FeatureTreeApp(doc_path)
    async with app.run_test(size=(80, 24)) as pilot:
        await _filter_and_export(pilot, "搜索")
        draw = app.screen.query_one("#draw", Choice)
        assert draw.render().plain.split() == ["◀", "whole", "tree", "▶"]  # the default
        await pilot.press("tab", "right")  # to the "Draw" row: as filtered
        # the filter bar's count (1 match), and the boxes drawn: App › 首页 › 搜索
        assert "as filtered (1 match and its path: 3 boxes)" in draw.render().plain
        await pilot.press("enter")
        await pilot.pause()
    assert _drawn_titles(tmp_path / "app.svg") == {"App", "首页", "搜索"}


async def test_whole_tree_stays_the_default_under_a_filter(doc_path: Path, tmp_path: Path) -> None:
    app = FeatureTreeApp(doc_path)
    async with app.run_test(size=(80, 24)) as pilot:
        await _filter_and_export(pilot, "搜索")
        await pilot.press("enter")
        await pilot.pause()
    assert _drawn_titles(tmp_path / "app.svg") >= {"App", "首页", "搜索", "推荐", "消息", "我的"}


async def test_as_filtered_is_there_for_the_html_page_too(doc_path: Path, tmp_path: Path) -> None:
    app = FeatureTreeApp(doc_path)
    async with app.run_test(size=(80, 24)) as pilot:
        await _filter_and_export(pilot, "消息", fmt="html")
        await pilot.press("tab", "right", "enter")
        await pilot.pause()
    page = (tmp_path / "app.html").read_text()
    assert 'data-id="msg"' in page and 'data-id="home"' not in page


async def test_no_filter_no_as_filtered(doc_path: Path) -> None:
    app = FeatureTreeApp(doc_path)
    async with app.run_test(size=(80, 24)) as pilot:
        app.last_export_format = "svg"
        await pilot.press("space")  # fold the root: the row is there for "as folded"
        await pilot.press("ctrl+e")
        await pilot.pause()
        assert app.screen.query_one("#draw", Choice).values == ["whole", "folded"]
