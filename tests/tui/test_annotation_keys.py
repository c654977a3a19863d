"""Issue 4's keys on the tree, pressed for real: notes, change log, suggestions, tags, status."""

from __future__ import annotations

from pathlib import Path

from annotation_helpers import detail_text, row_of, title_bar
from editor_helpers import SIZE, editor, put_cursor
from textual.widgets import Input

from featuretree.model.annotations import FeatureStatus, Priority, SuggestionStatus
from featuretree.tui import FeatureTreeApp
from featuretree.tui.screens.forms import ChangeEntryForm, SuggestionForm
from featuretree.tui.widgets.detail import DetailPanel


async def test_change_log_entry_added_edited_deleted_and_each_undone(doc_path: Path):
    app = FeatureTreeApp(doc_path)
    async with app.run_test(size=SIZE) as pilot:
        put_cursor(app, "search")
        await pilot.press("c")
        assert isinstance(app.screen, ChangeEntryForm)
        await pilot.press(*"支持拼音搜索", "enter")
        screen = editor(app)
        node = screen.doc.node("search")
        assert [e.summary for e in node.changelog] == ["支持拼音搜索"]
        assert "●" in title_bar(app)
        assert row_of(app, "search").endswith("✎1")
        assert "支持拼音搜索" in detail_text(app)
        # F6 selects the entry in the detail panel; e edits it, Delete removes it.
        await pilot.press("f6")
        assert app.focused is screen.query_one(DetailPanel)
        await pilot.press("e")
        assert isinstance(app.screen, ChangeEntryForm)
        await pilot.press("ctrl+u", *"拼音与首字母搜索", "enter")
        assert [e.summary for e in node.changelog] == ["拼音与首字母搜索"]
        assert "拼音与首字母搜索" in detail_text(app)
        await pilot.press("delete")
        assert node.changelog == ()
        assert "✎" not in row_of(app, "search")
        await pilot.press("ctrl+z")
        assert [e.summary for e in node.changelog] == ["拼音与首字母搜索"]
        await pilot.press("ctrl+z")
        assert [e.summary for e in node.changelog] == ["支持拼音搜索"]
        await pilot.press("escape")  # back to the tree
        assert app.focused is screen.tree
        await pilot.press("ctrl+z")
        assert node.changelog == ()
        assert not screen.history.dirty
        assert "●" not in title_bar(app)


async def test_an_empty_summary_is_refused_in_the_form(doc_path: Path):
    app = FeatureTreeApp(doc_path)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("c", "enter")
        assert isinstance(app.screen, ChangeEntryForm)  # still open, saying why
        await pilot.press("escape")
        assert editor(app).doc.root.changelog == ()
        assert not editor(app).history.dirty


async def test_suggestion_added_then_priority_and_status_cycled_and_undone(doc_path: Path):
    app = FeatureTreeApp(doc_path)
    async with app.run_test(size=SIZE) as pilot:
        put_cursor(app, "feed")
        await pilot.press("s")
        assert isinstance(app.screen, SuggestionForm)
        await pilot.press(*"推荐理由可见", "enter")
        node = editor(app).doc.node("feed")
        (suggestion,) = node.suggestions
        assert (suggestion.priority, suggestion.status) == (Priority.P2, SuggestionStatus.PROPOSED)
        assert row_of(app, "feed").endswith("◆1")
        await pilot.press("p", "p")
        assert node.suggestions[0].priority is Priority.P0
        await pilot.press("t")
        assert node.suggestions[0].status is SuggestionStatus.ACCEPTED
        assert "accepted" in detail_text(app)
        assert row_of(app, "feed").endswith("◆1")  # accepted is still open
        await pilot.press("t", "T")  # in progress, and back to accepted with Shift+T
        assert node.suggestions[0].status is SuggestionStatus.ACCEPTED
        await pilot.press("P")  # Shift+P: back one priority (P0 → P3)
        assert node.suggestions[0].priority is Priority.P3
        await pilot.press("ctrl+z", "ctrl+z", "ctrl+z")
        await pilot.press("t", "t")  # in progress, done: no longer open
        assert node.suggestions[0].status is SuggestionStatus.DONE
        assert "◆" not in row_of(app, "feed")
        for _ in range(5):
            await pilot.press("ctrl+z")
        assert node.suggestions[0].priority is Priority.P2
        assert node.suggestions[0].status is SuggestionStatus.PROPOSED
        await pilot.press("ctrl+z")
        assert node.suggestions == ()


async def test_suggestion_edited_and_deleted_from_the_detail_panel(doc_path: Path):
    app = FeatureTreeApp(doc_path)
    async with app.run_test(size=SIZE) as pilot:
        put_cursor(app, "msg")
        await pilot.press("s", *"一键已读", "enter", "s", *"消息分组", "enter")
        node = editor(app).doc.node("msg")
        assert [s.text for s in node.suggestions] == ["一键已读", "消息分组"]
        await pilot.press("d", "down")  # select the second suggestion
        await pilot.press("t")  # p/t in the panel act on the selected one
        assert [s.status for s in node.suggestions] == [
            SuggestionStatus.PROPOSED,
            SuggestionStatus.ACCEPTED,
        ]
        await pilot.press("enter")
        assert isinstance(app.screen, SuggestionForm)
        await pilot.press("ctrl+u", *"按会话分组", "enter")
        assert [s.text for s in node.suggestions] == ["一键已读", "按会话分组"]
        await pilot.press("delete")
        assert [s.text for s in node.suggestions] == ["一键已读"]
        await pilot.press("ctrl+z")
        assert [s.text for s in node.suggestions] == ["一键已读", "按会话分组"]


async def test_tags_notes_and_feature_status(doc_path: Path):
    app = FeatureTreeApp(doc_path)
    async with app.run_test(size=SIZE) as pilot:
        put_cursor(app, "me")
        screen = editor(app)
        node = screen.doc.node("me")
        await pilot.press("number_sign", *"会员, 收入 会员", "enter")
        assert node.tags == ("会员", "收入")
        assert "#会员 #收入" in detail_text(app)
        await pilot.press("n", *"个人主页入口", "ctrl+s")
        assert node.notes == "个人主页入口"
        assert "个人主页入口" in detail_text(app)
        await pilot.press("m")
        assert node.status is FeatureStatus.NEW
        assert "✚" in row_of(app, "me")
        await pilot.press("m", "m")
        assert node.status is FeatureStatus.DEPRECATED
        assert "✖" in row_of(app, "me")
        for _ in range(3):
            await pilot.press("ctrl+z")
        assert node.status is FeatureStatus.EXISTING
        await pilot.press("ctrl+z")
        assert node.notes == ""
        await pilot.press("ctrl+z")
        assert node.tags == ()
        assert not screen.history.dirty


async def test_p_without_a_suggestion_says_how_to_add_one(doc_path: Path, notes):
    app = FeatureTreeApp(doc_path)
    async with app.run_test(size=SIZE) as pilot:
        seen = notes(editor(app))
        await pilot.press("p")
        assert any("press s" in text for text in seen)
        assert not editor(app).history.dirty


async def test_palette_revisions_and_document_info(doc_path: Path):
    from annotation_helpers import title_bar

    from featuretree.tui.screens.doc_info import DocumentInfoForm
    from featuretree.tui.screens.revisions import RevisionsScreen

    app = FeatureTreeApp(doc_path)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        screen = editor(app)
        commands = {c.title: c for c in app.get_system_commands(app.screen)}
        commands["Revision history (版本修订记录)"].callback()
        await pilot.pause()
        assert isinstance(app.screen, RevisionsScreen)
        await pilot.press("a", *"v1.1", "enter")
        assert [r.version for r in screen.doc.revisions] == ["v1.1"]
        await pilot.press("escape")
        commands["Document info"].callback()
        await pilot.pause()
        assert isinstance(app.screen, DocumentInfoForm)
        await pilot.press("tab", "ctrl+u", *"知乎", "enter")  # the second field: product
        assert screen.doc.meta.product == "知乎"
        assert "知乎" in title_bar(app) and "●" in title_bar(app)
        await pilot.press("ctrl+z")
        assert screen.doc.meta.product != "知乎"
        await pilot.press("ctrl+z")
        assert screen.doc.revisions == ()


async def test_deleting_in_the_panel_selects_and_draws_the_neighbour(doc_path: Path):
    app = FeatureTreeApp(doc_path)
    async with app.run_test(size=SIZE) as pilot:
        put_cursor(app, "home")
        await pilot.press("c", "a", "enter", "c", "b", "enter")
        node = editor(app).doc.node("home")
        assert [e.summary for e in node.changelog] == ["b", "a"]  # newest first
        await pilot.press("d", "delete")
        panel = editor(app).query_one(DetailPanel)
        assert [e.summary for e in node.changelog] == ["a"]
        assert panel.selected is not None and panel.selected.key == 0
        top, _ = panel._spans[panel.selected]
        drawn = panel._lines[top]
        assert drawn.text.strip().startswith(node.changelog[0].date.isoformat())
        selected_bg = panel.get_component_rich_style("detail-panel--selected", partial=True).bgcolor
        assert any(segment.style and segment.style.bgcolor == selected_bg for segment in drawn)


async def test_document_info_of_a_map_titled_by_its_root_says_so(tmp_path: Path):
    """A colleague's map has no title of its own: the document's is its root's and follows
    a rename. The form shows that in its empty title field instead of an empty title."""
    from featuretree.tui.screens.doc_info import DocumentInfoForm

    path = tmp_path / "会员.md"
    path.write_text("# 会员中心\n\n## 积分\n", encoding="utf-8")
    app = FeatureTreeApp(path)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        app.editor.action_document_info()
        await pilot.pause()
        assert isinstance(app.screen, DocumentInfoForm)
        field = app.screen.query_one("#title", Input)
        assert field.value == ""
        assert "会员中心" in field.placeholder
        await pilot.press(*"会员体系", "enter")  # a title of its own
        assert app.editor.doc.meta.title == "会员体系"
