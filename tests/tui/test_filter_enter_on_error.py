"""Enter on a filter the bar cannot read (a new user's trial, twice): ``foo:bar`` showed
"筛选：没有“foo:”这个筛选条件…", then Enter closed the bar, its text and the message went,
and the whole tree came back as if nothing had been typed. Enter now keeps the bar open,
with the text to fix and the message saying what is wrong."""

from __future__ import annotations

import pytest
from editor_helpers import SIZE
from screen_text import screen_text

from featuretree.tui import FeatureTreeApp
from featuretree.tui.widgets.find_bars import FilterBar


def _shown(app: FeatureTreeApp) -> str:
    return "".join(screen_text(app).split())


@pytest.mark.parametrize(
    ("language", "said"),
    [("en", "Filter:unknownfilterkey'foo:'"), ("zh", "筛选：没有“foo:”这个筛选条件")],
)
async def test_enter_on_a_bad_filter_keeps_the_bar_its_text_and_the_error(
    doc_path, monkeypatch: pytest.MonkeyPatch, language: str, said: str
):
    if language == "zh":
        monkeypatch.setenv("LANG", "zh_CN.UTF-8")
    app = FeatureTreeApp(doc_path)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("f")
        await pilot.pause()
        await pilot.press(*"foo:bar")
        await pilot.pause(0.3)
        assert said.lower() in _shown(app).lower()
        await pilot.press("enter")
        await pilot.pause(0.3)
        bar = app.screen.query_one(FilterBar)
        assert bar.is_open
        shown = _shown(app)
        assert "foo:bar" in shown
        assert said.lower() in shown.lower()
        # the keys still go to the bar: the query can be fixed right there
        await pilot.press("backspace", "z")
        await pilot.pause(0.3)
        assert bar.value == "foo:baz"
