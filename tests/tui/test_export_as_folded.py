"""Ctrl+E's "Draw: whole tree / as folded" row: a PM with a 500-node tree folds it to the
overview and exports that for a slide; before, the picture was always the whole tree
(~30,000 px wide). The row is there for a picture only, and only when something is
folded; the whole tree is the default."""

from __future__ import annotations

from pathlib import Path

from defusedxml import ElementTree
from editor_helpers import put_cursor

from featuretree.tui import FeatureTreeApp
from featuretree.tui.widgets.choice import Choice

SVG = "{http://www.w3.org/2000/svg}"


async def _fold_home_and_export(pilot, fmt: str) -> None:
    """Fold 首页 (搜索, 推荐 under it), open Ctrl+E and step the format to ``fmt``."""
    put_cursor(pilot.app, "home")
    await pilot.press("space")  # fold
    await pilot.pause()
    await pilot.press("ctrl+e")
    await pilot.pause()
    while pilot.app.screen.query_one("#format", Choice).value != fmt:
        await pilot.press("right")
    await pilot.pause()


def _draw_row_shown(app: FeatureTreeApp) -> bool:
    rows = app.screen.query("#draw")
    return bool(rows) and rows.first().parent.display


async def test_as_folded_draws_the_folded_module_as_one_box_with_its_plus_n(
    doc_path: Path, tmp_path: Path
) -> None:
    app = FeatureTreeApp(doc_path)
    async with app.run_test(size=(80, 24)) as pilot:
        await _fold_home_and_export(pilot, "svg")
        draw = app.screen.query_one("#draw", Choice)
        assert draw.render().plain.split() == ["◀", "whole", "tree", "▶"]  # the default
        await pilot.press("tab", "right")  # to the "Draw" row: as folded
        assert "as folded (1 folded)" in draw.render().plain
        await pilot.press("enter")
        await pilot.pause()
    root = ElementTree.fromstring((tmp_path / "app.svg").read_bytes())
    home = next(g for g in root.iter(f"{SVG}g") if g.get("data-id") == "home")
    assert [t.text for t in home.iter(f"{SVG}text")] == ["首页", "+2"]
    titles = {t.text for t in root.iter(f"{SVG}text")}
    assert not titles & {"搜索", "推荐"}
    assert {"消息", "我的"} <= titles


async def test_whole_tree_is_the_default_and_draws_the_folded_module_s_children(
    doc_path: Path, tmp_path: Path
) -> None:
    app = FeatureTreeApp(doc_path)
    async with app.run_test(size=(80, 24)) as pilot:
        await _fold_home_and_export(pilot, "svg")
        assert _draw_row_shown(app)
        await pilot.press("enter")
        await pilot.pause()
    titles = {t.text for t in ElementTree.fromstring((tmp_path / "app.svg").read_bytes()).iter()}
    assert {"搜索", "推荐"} <= titles


async def test_the_row_is_for_pictures_only(doc_path: Path) -> None:
    app = FeatureTreeApp(doc_path)
    async with app.run_test(size=(80, 24)) as pilot:
        await _fold_home_and_export(pilot, "md")
        assert not _draw_row_shown(app)
        await pilot.press("tab")  # Tab skips the hidden row
        assert app.screen.focused is app.screen.query_one("#path")
        await pilot.press("shift+tab")
        for fmt, shown in (("svg", True), ("png", True), ("html", True), ("md", False)):
            while app.screen.query_one("#format", Choice).value != fmt:
                await pilot.press("right")
            await pilot.pause()
            assert _draw_row_shown(app) is shown, fmt


async def test_the_row_is_there_only_when_something_is_folded(doc_path: Path) -> None:
    app = FeatureTreeApp(doc_path)
    async with app.run_test(size=(80, 24)) as pilot:
        app.last_export_format = "svg"
        await pilot.press("ctrl+e")
        await pilot.pause()
        assert not app.screen.query("#draw")  # nothing folded
        await pilot.press("escape")
        await pilot.pause()
        await _fold_home_and_export(pilot, "svg")
        assert _draw_row_shown(app)
