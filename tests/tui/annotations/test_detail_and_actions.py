"""Issue 4's node keys wired as the editor will wire them: forms → undoable operations,
and the detail panel's entry selection (edit, delete, cycle)."""

from __future__ import annotations

import datetime as dt

from textual.app import App, ComposeResult
from textual.binding import Binding
from textual.widget import Widget

from featuretree.model import ChangeEntry, Document, FeatureNode, Suggestion
from featuretree.model.annotations import FeatureStatus, Priority, SuggestionStatus
from featuretree.model.tree import attach
from featuretree.operations import History
from featuretree.tui.screens.annotation_actions import AnnotationActions, pick_suggestion
from featuretree.tui.widgets.detail import DetailPanel


class FakeTree(Widget, can_focus=True):
    """Stands in for the editor's tree: focusable, no bindings of its own."""


class Editor(App[None]):
    """The wiring the editor screen needs, in miniature."""

    BINDINGS = [
        Binding("c", "annotate('add_change')"),
        Binding("s", "annotate('add_suggestion')"),
        Binding("n", "annotate('edit_notes')"),
        Binding("number_sign", "annotate('edit_tags')"),
        Binding("m", "annotate('cycle_status')"),
        Binding("p", "cycle('cycle_priority')"),
        Binding("t", "cycle('cycle_suggestion_status')"),
        Binding("ctrl+z", "undo"),
    ]

    def __init__(self, doc: Document) -> None:
        super().__init__()
        self.history = History(doc)
        self.node = doc.root.kids[0]

    def compose(self) -> ComposeResult:
        yield FakeTree()
        yield DetailPanel()

    def on_mount(self) -> None:
        panel = self.query_one(DetailPanel)
        self.actions = AnnotationActions(
            self.screen, self.history, author="林晓", on_done=lambda _: panel.show(panel.node)
        )
        panel.actions = self.actions
        panel.show(self.node)
        self.query_one(FakeTree).focus()

    def action_annotate(self, name: str) -> None:
        getattr(self.actions, name)(self.node.id)

    def action_cycle(self, name: str) -> None:
        panel = self.query_one(DetailPanel)
        getattr(self.actions, name)(pick_suggestion(self.node, panel.selected_suggestion))

    def on_detail_panel_leave(self, message: DetailPanel.Leave) -> None:
        self.query_one(FakeTree).focus()

    def action_undo(self) -> None:
        self.history.undo()
        self.query_one(DetailPanel).show(self.node)


def _doc() -> Document:
    root = FeatureNode("App", id="root")
    node = FeatureNode(
        "会员",
        id="vip",
        changelog=(ChangeEntry(summary="上线连续包月", date=dt.date(2026, 1, 1)),),
        suggestions=(
            Suggestion(
                id="s1", text="价格透明", priority=Priority.P0, status=SuggestionStatus.DONE
            ),
            Suggestion(id="s2", text="[red]续费[/]提醒", priority=Priority.P1),
        ),
    )
    attach(node, root)
    return Document(root)


async def test_c_quick_path_adds_a_change_entry_newest_first_and_undo() -> None:
    app = Editor(_doc())
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("c", *"支持支付宝", "enter")
        await pilot.pause()
        entries = app.node.changelog
        assert [e.summary for e in entries] == ["支持支付宝", "上线连续包月"]
        assert entries[0].author == "林晓" and entries[0].date == dt.date.today()
        assert app.history.dirty
        assert "支持支付宝" in "".join(s.text for s in app.query_one(DetailPanel)._lines)
        await pilot.press("ctrl+z")
        assert len(app.node.changelog) == 1


async def test_s_quick_path_adds_a_suggestion() -> None:
    app = Editor(_doc())
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("s", *"extend trial", "enter")
        await pilot.pause()
        added = app.node.suggestions[-1]
        assert (added.text, added.priority, added.status) == (
            "extend trial",
            Priority.P2,
            SuggestionStatus.PROPOSED,
        )
        assert added.id not in ("s1", "s2")


async def test_p_and_t_from_the_tree_act_on_the_first_open_suggestion() -> None:
    app = Editor(_doc())
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("p", "t")
        s1, s2 = app.node.suggestions
        assert s1.priority is Priority.P0  # done: left alone
        assert s2.priority is Priority.P2 and s2.status is SuggestionStatus.ACCEPTED


async def test_m_cycles_the_feature_status_and_hash_edits_tags() -> None:
    app = Editor(_doc())
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("m")
        assert app.node.status is FeatureStatus.NEW
        await pilot.press("number_sign", *"vip 收入", "enter")
        await pilot.pause()
        assert app.node.tags == ("vip", "收入")


async def test_n_edits_notes() -> None:
    app = Editor(_doc())
    async with app.run_test(size=(120, 40)) as pilot:
        # Escape asks first (something was typed); s saves
        await pilot.press("n", *"first line", "enter", *"second", "escape", "s")
        await pilot.pause()
        assert app.node.notes == "first line\nsecond"


async def test_panel_selection_edit_delete_and_cycle() -> None:
    app = Editor(_doc())
    async with app.run_test(size=(120, 40)) as pilot:
        panel = app.query_one(DetailPanel)
        await pilot.press("tab")  # focus the panel: the first entry is selected
        assert app.focused is panel
        assert panel.selected is not None and panel.selected.kind == "change"
        await pilot.press("down", "down")
        assert panel.selected_suggestion == "s2"
        await pilot.press("p")  # the panel's own p: the selected suggestion
        assert app.node.suggestions[1].priority is Priority.P2
        await pilot.press("e", "end", *"!", "enter")  # edit it in the form
        await pilot.pause()
        assert app.node.suggestions[1].text == "[red]续费[/]提醒!"
        await pilot.press("up", "delete")  # delete s1
        assert [s.id for s in app.node.suggestions] == ["s2"]
        assert panel.selected_suggestion == "s2"  # the selection moved to the neighbour
        await pilot.press("up", "e", "ctrl+u", *"改版", "enter")  # edit the change entry
        await pilot.pause()
        assert app.node.changelog[0].summary == "改版"
        await pilot.press("up", "delete")
        assert app.node.changelog == ()


async def test_user_markup_is_shown_as_typed_in_the_panel() -> None:
    app = Editor(_doc())
    async with app.run_test(size=(120, 40)):
        text = "".join(strip.text for strip in app.query_one(DetailPanel)._lines)
        assert "[red]续费[/]提醒" in text


async def test_escape_in_panel_gives_focus_back_to_the_tree() -> None:
    app = Editor(_doc())
    async with app.run_test(size=(120, 40)) as pilot:
        app.query_one(DetailPanel).focus()
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.focused, FakeTree)


async def test_p_on_a_node_without_suggestions_says_so() -> None:
    doc = _doc()
    bare = FeatureNode("空", id="bare")
    attach(bare, doc.root)
    doc.register(bare)
    app = Editor(doc)
    app.node = bare
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("p")
        await pilot.pause()
        messages = [n.message for n in app._notifications]
        assert any("press s" in m for m in messages)
        assert not app.history.can_undo


async def test_a_tab_in_notes_is_as_wide_in_the_panel_as_in_the_notes_editor() -> None:
    doc = _doc()
    doc.node("vip").notes = "背景\n\t目标用户\n\t\t新用户：首月 9 元"
    app = Editor(doc)
    async with app.run_test(size=(60, 30)) as pilot:
        await pilot.pause()
        panel = app.query_one(DetailPanel)
        shown = [strip.text.rstrip() for strip in panel._lines]
        # The notes editor (Textual's TextArea, indent_width 4) shows a tab as 4 cells.
        start = shown.index("背景")
        assert shown[start + 1 : start + 3] == ["    目标用户", "        新用户：首月 9 元"]
