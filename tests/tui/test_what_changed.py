"""What changed since the file was opened or saved (Ctrl+R), and a revision made from it
(issue 14, in the editor)."""

from __future__ import annotations

import datetime as dt
import os
from pathlib import Path

from editor_helpers import SIZE, editor, put_cursor, screen_rows
from screen_text import screen_text

from featuretree import formats
from featuretree.model.annotations import Revision
from featuretree.operations import annotate
from featuretree.tui import FeatureTreeApp
from featuretree.tui.screens.changes import ChangesRevisionForm, ChangesScreen
from featuretree.tui.widgets.table import RowTable


async def _changes(pilot) -> ChangesScreen:
    """Ctrl+R, then wait until the changes are listed."""
    await pilot.press("ctrl+r")
    screen = pilot.app.screen
    assert isinstance(screen, ChangesScreen)
    for _ in range(200):
        await pilot.pause(0.02)
        if screen.result is not None:
            break
    await pilot.pause()
    return screen


def _rows(screen: ChangesScreen) -> list[tuple[str, str, str]]:
    table = screen.query_one(RowTable)
    return [
        tuple(table.cell_text(key, column) for column in ("kind", "path", "detail"))
        for key in table.keys
    ]


async def test_the_changes_since_opening_are_listed_and_enter_goes_to_the_node(
    doc_path: Path,
) -> None:
    app = FeatureTreeApp(doc_path)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        put_cursor(app, "feed")
        await pilot.press("e", "ctrl+u", *"为你推荐", "enter")  # rename 推荐
        put_cursor(app, "msg")
        await pilot.press("delete")  # delete 消息
        screen = await _changes(pilot)
        assert _rows(screen) == [
            ("removed", "消息", ""),
            ("renamed", "首页 › 为你推荐", "“推荐” → “为你推荐”"),
        ]
        text = screen_text(app)
        assert "Changes since app.json was opened" in text
        assert "0 nodes added, 1 removed, 1 changed." in text
        await pilot.press("down", "enter")  # the renamed node
        await pilot.pause()
        assert app.screen is editor(app)
        assert editor(app).tree.cursor_node.id == "feed"
        await pilot.press("ctrl+r")
        await pilot.pause(0.3)
        await pilot.press("enter")  # the removed node: where it was (its parent, the root)
        await pilot.pause()
        assert editor(app).tree.cursor_node.id == "root"


async def test_a_revision_made_from_the_changes_is_one_undo_step(doc_path: Path, notes) -> None:
    Path(os.environ["FEATURETREE_CONFIG"]).write_text('author = "林晓"\n', encoding="utf-8")
    doc = formats.load(doc_path)
    doc.revisions = (Revision(version="v1.3", date=dt.date(2026, 11, 1), summary="上一版"),)
    formats.save(doc, doc_path)
    app = FeatureTreeApp(doc_path)
    async with app.run_test(size=SIZE) as pilot:
        seen = notes(app)
        await pilot.pause()
        put_cursor(app, "feed")
        await pilot.press("e", "ctrl+u", *"为你推荐", "enter")
        put_cursor(app, "msg")
        await pilot.press("delete")
        put_cursor(app, "home")
        await pilot.press("space")  # folded: its row counts what is inside
        await pilot.pause()
        await _changes(pilot)
        await pilot.press("r")
        await pilot.pause()
        form = app.screen
        assert isinstance(form, ChangesRevisionForm)
        values = {name: form.value(name) for name in ("version", "date", "author", "summary")}
        assert values == {
            "version": "v1.4",
            "date": dt.date.today().isoformat(),
            "author": "林晓",
            "summary": "删除“消息”；重命名“推荐” → “为你推荐”",  # in the document's language
        }
        await pilot.press("enter")
        await pilot.pause()
        ed = editor(app)
        assert app.screen is ed
        assert [r.version for r in ed.doc.revisions] == ["v1.3", "v1.4"]
        added = ed.doc.revisions[-1]
        assert (added.author, added.summary) == ("林晓", "删除“消息”；重命名“推荐” → “为你推荐”")
        # Each changed node that is still there says what changed on it.
        assert ed.doc.node("feed").changelog[0].summary == "重命名：“推荐” → “为你推荐”"
        assert ed.doc.node("root").changelog[0].summary == "删除“消息”"
        assert ed.doc.node("root").changelog[0].version == "v1.4"
        assert any("Revision v1.4 added" in note for note in seen)
        # The tree counts the new entries on every row at once (not only the cursor's).
        rows = screen_rows(app)
        assert any("App" in row and "✎1" in row for row in rows), rows
        assert any("首页" in row and "✎1" in row for row in rows), rows  # 为你推荐's, folded

        await pilot.press("ctrl+z")  # one step takes all of it back
        await pilot.pause()
        assert "✎" not in screen_text(app)  # every row drawn again, not only the cursor's
        assert [r.version for r in ed.doc.revisions] == ["v1.3"]
        assert ed.doc.node("feed").changelog == () and ed.doc.node("root").changelog == ()
        assert ed.doc.node("feed").title == "为你推荐"  # the edits themselves stay


async def test_the_revision_can_leave_the_change_logs_alone(doc_path: Path) -> None:
    app = FeatureTreeApp(doc_path)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        put_cursor(app, "feed")
        await pilot.press("e", "ctrl+u", *"为你推荐", "enter")
        await _changes(pilot)
        await pilot.press("r")
        await pilot.pause()
        await pilot.press("tab", "tab", "tab", "tab", "right", "enter")  # change logs: no
        await pilot.pause()
        ed = editor(app)
        assert [r.version for r in ed.doc.revisions] == ["v1.0"]
        assert ed.doc.node("feed").changelog == ()


async def test_after_a_save_the_changes_count_from_the_save(doc_path: Path) -> None:
    app = FeatureTreeApp(doc_path)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        put_cursor(app, "feed")
        await pilot.press("e", "ctrl+u", *"为你推荐", "enter", "ctrl+s")
        await pilot.pause()
        put_cursor(app, "search")
        await pilot.press("e", "ctrl+u", *"搜一搜", "enter")
        screen = await _changes(pilot)
        assert _rows(screen) == [("renamed", "首页 › 搜一搜", "“搜索” → “搜一搜”")]
        assert "Changes since app.json was last saved" in screen_text(app)
        await pilot.press("escape", "ctrl+z")
        screen = await _changes(pilot)
        assert _rows(screen) == []
        assert "Nothing changed." in screen_text(app)


async def test_the_changes_in_chinese(doc_path: Path, monkeypatch) -> None:
    monkeypatch.setenv("LANG", "zh_CN.UTF-8")
    app = FeatureTreeApp(doc_path)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        put_cursor(app, "msg")
        await pilot.press("delete")
        screen = await _changes(pilot)
        assert _rows(screen) == [("删除", "消息", "")]
        text = screen_text(app)
        assert "自打开 app.json 以来的修改" in text
        assert "新增 0 个节点，删除 1 个，修改 0 个。" in text
        assert "r 根据这些修改生成修订记录" in text


async def test_restored_kept_edits_are_changes_since_the_file_was_opened(doc_path: Path) -> None:
    from persistence_helpers import kept_edit

    from featuretree.storage.recovery import RecoveryStore

    kept_edit(doc_path, RecoveryStore())
    app = FeatureTreeApp(doc_path)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.press("enter")  # restore the kept edits
        await pilot.pause()
        screen = await _changes(pilot)
        # Compared with the file, not with the restored document.
        assert [kind for kind, _, _ in _rows(screen)] == ["renamed", "added"]


async def test_the_command_palette_offers_what_changed(doc_path: Path) -> None:
    app = FeatureTreeApp(doc_path)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        commands = {c.title: c for c in app.get_system_commands(app.screen)}
        command = commands["What changed since opened or saved"]
        assert "Ctrl+R" in command.help
        command.callback()
        await pilot.pause()
        await pilot.pause()
        assert isinstance(app.screen, ChangesScreen)


async def test_a_change_log_entry_added_or_removed_is_named_whole(doc_path: Path) -> None:
    # A trial at 120 columns: both read "change-log entr…".
    app = FeatureTreeApp(doc_path)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        doc = editor(app).doc
        editor(app).run_command(annotate.add_change, "feed", summary="改版")
        await _changes(pilot)
        assert doc.node("feed").changelog
        lines = screen_text(app).splitlines()
        assert any("change-log entry added" in line for line in lines), lines


async def test_a_sample_s_changes_are_titled_without_a_file_name(monkeypatch) -> None:
    # A trial: the sample opened as a template said "自打开 未命名 以来的修改" ("since
    # untitled was opened"), naming a file that does not exist.
    monkeypatch.setenv("LANG", "zh_CN.UTF-8")
    app = FeatureTreeApp(sample="wms")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.press("e", "ctrl+u", *"仓储 总览", "enter")
        await _changes(pilot)
        text = screen_text(app)
        assert "自打开以来的修改（尚未保存）" in text
        assert "未命名" not in text
