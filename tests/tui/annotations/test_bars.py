"""Search and filter bars: what they tell the editor as the user types."""

from __future__ import annotations

from textual.app import App, ComposeResult
from textual.binding import Binding
from textual.widget import Widget

from featuretree.model import Document, FeatureNode
from featuretree.model.query import Matches, filter_nodes
from featuretree.model.tree import attach
from featuretree.tui.widgets.find_bars import FilterBar, SearchBar


class FakeTree(Widget, can_focus=True):
    pass


def _doc() -> Document:
    root = FeatureNode("App", id="root")
    for i, title in enumerate(["会员中心", "首页", "会员续费", "消息"]):
        attach(FeatureNode(title, id=f"n{i}", tags=("vip",) if i == 3 else ()), root)
    return Document(root)


class Editor(App[None]):
    BINDINGS = [Binding("slash", "search"), Binding("f", "filter")]

    def __init__(self) -> None:
        super().__init__()
        self.doc = _doc()
        self.cursor = "root"
        self.matches: Matches | None = None
        self.kept: set[str] | None = None
        self.events: list[str] = []

    def compose(self) -> ComposeResult:
        yield FakeTree()
        yield SearchBar(debounce=0)
        yield FilterBar(debounce=0)

    def on_mount(self) -> None:
        self.query_one(FakeTree).focus()

    def action_search(self) -> None:
        self.query_one(SearchBar).open()

    def action_filter(self) -> None:
        self.query_one(FilterBar).open()

    def on_search_bar_changed(self, message: SearchBar.Changed) -> None:
        self.matches = Matches(self.doc, message.text)
        self.query_one(SearchBar).set_count(self.matches.position(self.cursor), len(self.matches))

    def on_search_bar_step(self, message: SearchBar.Step) -> None:
        self.cursor = self.matches.step(self.cursor, message.direction) or self.cursor
        self.query_one(SearchBar).set_count(self.matches.position(self.cursor), len(self.matches))

    def on_search_bar_closed(self, message: SearchBar.Closed) -> None:
        self.events.append("search closed")
        self.query_one(FakeTree).focus()

    def on_filter_bar_applied(self, message: FilterBar.Applied) -> None:
        self.kept = filter_nodes(self.doc, message.filter)
        self.query_one(FilterBar).set_count(len(self.kept))

    def on_filter_bar_cleared(self, message: FilterBar.Cleared) -> None:
        self.kept = None
        self.query_one(FakeTree).focus()


def _status(app: App, bar) -> str:
    return str(app.query_one(bar).query_one(".status").render())


async def test_search_as_you_type_and_step_through_matches() -> None:
    app = Editor()
    async with app.run_test() as pilot:
        await pilot.press("slash")
        assert app.query_one(SearchBar).is_open
        await pilot.press(*"会员")
        await pilot.pause()
        assert app.matches.ids == ["n0", "n2"]
        assert "–/2" in _status(app, SearchBar)
        await pilot.press("enter")
        assert app.cursor == "n0" and "1/2" in _status(app, SearchBar)
        await pilot.press("f3")
        assert app.cursor == "n2"
        await pilot.press("down")
        assert app.cursor == "n0"  # wraps
        await pilot.press("shift+f3")
        assert app.cursor == "n2"
        await pilot.press("escape")
        assert not app.query_one(SearchBar).is_open
        assert app.events == ["search closed"]
        assert isinstance(app.focused, FakeTree)


async def test_search_with_no_match_says_so() -> None:
    app = Editor()
    async with app.run_test() as pilot:
        await pilot.press("slash", *"zz")
        await pilot.pause()
        assert "No match" in _status(app, SearchBar)


async def test_filter_applies_valid_queries_and_reports_bad_ones() -> None:
    app = Editor()
    async with app.run_test(size=(120, 20)) as pilot:
        await pilot.press("f", *"tag:vip")
        await pilot.pause()
        assert app.kept == {"root", "n3"}
        assert "2 nodes" in _status(app, FilterBar)
        app.query_one(FilterBar).input.value = "tag:vip foo:bar"
        await pilot.pause()
        assert "foo" in app.query_one(FilterBar).message
        assert app.kept == {"root", "n3"}  # the last good filter stays
        await pilot.press("escape")
        assert app.kept is None
        assert not app.query_one(FilterBar).is_open
