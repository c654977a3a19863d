"""Ctrl+S over a file a colleague changed (a ``git pull`` in another terminal): "Merge
both" keeps the user's edits and the colleague's, saves the result as one undoable step,
and when it cannot be made, says why and loses nothing."""

from __future__ import annotations

import threading
from pathlib import Path

import pytest
from editor_helpers import SIZE, editor, small_document, titles
from persistence_helpers import change_on_disk, kept_edit, wait_for

from featuretree import formats
from featuretree.i18n import set_language
from featuretree.operations import annotate, structure
from featuretree.storage import atomic
from featuretree.storage.recovery import RecoveryStore
from featuretree.tui import FeatureTreeApp
from featuretree.tui.screens.questions import ChoiceDialog


def colleague_edits(path: Path, *, rename: tuple[str, str] = ("me", "Their 我的")) -> None:
    """Write ``path`` as a colleague's pulled version: one node renamed, one added."""
    doc = small_document()
    annotate.rename(doc, *rename).apply(doc)
    add = structure.add_child(doc, "home", "Their 发现")
    add.apply(doc)
    formats.save(doc, path)


async def edit_and_save(app: FeatureTreeApp, pilot, path: Path, **colleague) -> None:
    """The user renames 消息 in the editor, the file changes underneath, Ctrl+S."""
    await pilot.pause()
    editor(app).run_command(annotate.rename, "msg", "My 消息")
    colleague_edits(path, **colleague)
    await pilot.press("ctrl+s")
    assert isinstance(app.screen, ChoiceDialog)


async def merged(pilot) -> None:
    """Let the merge (read and merged in a thread) finish and the screen catch up."""
    await pilot.app.workers.wait_for_complete()
    await pilot.pause()


def on_disk(path: Path) -> dict[str, str]:
    """Title of every node in the file, by id."""
    return {n.id: n.title for n in formats.load(path).iter_nodes()}


async def test_merge_both_keeps_both_edits_in_the_editor_and_the_file(doc_path: Path, notes):
    app = FeatureTreeApp(doc_path)
    async with app.run_test(size=SIZE) as pilot:
        seen = notes(app)
        await edit_and_save(app, pilot, doc_path)
        assert app.screen.query_one("#choice-merge").has_focus  # the default: Enter merges
        await pilot.press("enter")
        await merged(pilot)
        screen = editor(app)
        assert not isinstance(app.screen, ChoiceDialog)
        assert titles(screen) == ["首页", "My 消息", "Their 我的"]
        assert titles(screen, "home") == ["搜索", "推荐", "Their 发现"]
        saved = on_disk(doc_path)
        assert saved["msg"] == "My 消息" and saved["me"] == "Their 我的"
        assert "Their 发现" in saved.values()
        assert not screen.history.dirty
        # The colleague's version is the backup, as any save keeps the file it replaced.
        assert formats.load(atomic.backup_path(doc_path), "json").node("me").title == "Their 我的"
        said = " ".join(seen)
        assert "Merged with app.json on disk and saved: their changes to 2 nodes taken" in said
        assert "no conflicts" in said
        assert not any(text.startswith("Saved ") for text in seen)  # said once, by the merge
        # The merged file is now the one loaded: the next Ctrl+S writes without asking.
        screen.run_command(annotate.rename, "search", "搜索 2")
        await pilot.press("ctrl+s")
        assert not isinstance(app.screen, ChoiceDialog)
        assert on_disk(doc_path)["search"] == "搜索 2"
        # The rows on screen show the merge too.
        rows = "\n".join(screen.tree.render_line(y).text for y in range(screen.tree.size.height))
        assert "Their 我的" in rows and "My 消息" in rows


async def test_a_conflict_keeps_my_title_and_tags_the_node(doc_path: Path, notes):
    app = FeatureTreeApp(doc_path)
    async with app.run_test(size=SIZE) as pilot:
        seen = notes(app)
        await edit_and_save(app, pilot, doc_path, rename=("msg", "Their 消息"))
        await pilot.press("m")
        await merged(pilot)
        node = editor(app).doc.node("msg")
        assert node.title == "My 消息"
        assert "conflict" in node.tags
        assert "Their 消息" in node.notes
        # The note names the sides as the user knows them, not the merge command's words.
        assert "磁盘上的版本的标题是：Their 消息" in node.notes and "THEIRS" not in node.notes
        in_file = formats.load(doc_path).node("msg")
        assert in_file.title == "My 消息" and "conflict" in in_file.tags
        said = " ".join(seen)
        assert "1 conflict: your version kept" in said
        assert "f tag:conflict" in said


async def test_undo_after_the_merge_gives_back_my_edits(doc_path: Path):
    app = FeatureTreeApp(doc_path)
    async with app.run_test(size=SIZE) as pilot:
        await edit_and_save(app, pilot, doc_path)
        await pilot.press("m")
        await merged(pilot)
        screen = editor(app)
        await pilot.press("ctrl+z")
        assert titles(screen) == ["首页", "My 消息", "我的"]
        assert titles(screen, "home") == ["搜索", "推荐"]
        assert screen.history.dirty  # differs from the merged file
        await pilot.press("ctrl+z")  # and the step before it is there as it was
        assert titles(screen) == ["首页", "消息", "我的"]
        await pilot.press("ctrl+y", "ctrl+y")
        assert titles(screen) == ["首页", "My 消息", "Their 我的"]
        assert not screen.history.dirty  # the merged file again


async def test_a_file_that_no_longer_parses_is_said_and_nothing_is_lost(doc_path: Path, notes):
    app = FeatureTreeApp(doc_path)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        screen = editor(app)
        screen.run_command(annotate.rename, "msg", "My 消息")
        broken = b'{"format": "featuretree", "root": {"title": "App", '
        doc_path.write_bytes(broken)
        await pilot.press("ctrl+s")
        await pilot.press("m")
        await merged(pilot)
        # Asked again, without "Merge both", saying why; the other answers still there.
        dialog = app.screen
        assert isinstance(dialog, ChoiceDialog)
        assert not dialog.query("#choice-merge")
        assert dialog.query("#choice-save_as") and dialog.query("#choice-overwrite")
        assert "Cannot merge with the file on disk" in dialog.detail.plain
        assert doc_path.read_bytes() == broken
        assert titles(screen) == ["首页", "My 消息", "我的"] and screen.history.dirty
        await pilot.press("escape")
        assert doc_path.read_bytes() == broken
        assert titles(screen) == ["首页", "My 消息", "我的"] and screen.history.dirty


async def test_a_failed_write_merges_nothing(doc_path: Path, notes, monkeypatch):
    app = FeatureTreeApp(doc_path)
    async with app.run_test(size=SIZE) as pilot:
        seen = notes(app)
        await edit_and_save(app, pilot, doc_path)
        theirs = doc_path.read_bytes()

        def full(*args, **kwargs):
            raise atomic.WriteError("cannot write app.json: the disk is full")

        monkeypatch.setattr(formats, "save", full)
        await pilot.press("m")
        await merged(pilot)
        screen = editor(app)
        assert doc_path.read_bytes() == theirs
        assert titles(screen) == ["首页", "My 消息", "我的"] and screen.history.dirty
        assert any("the disk is full" in s and "your edits are unchanged" in s for s in seen)


async def test_no_merge_offered_for_a_format_without_ids(tmp_path: Path):
    path = tmp_path / "app.mmd"
    formats.save(small_document(), path)
    app = FeatureTreeApp(path)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        screen = editor(app)
        screen.run_command(annotate.rename, screen.doc.root.kids[1].id, "My 消息")
        path.write_text("mindmap\n  App\n    Changed\n", encoding="utf-8")
        await pilot.press("ctrl+s")
        await wait_for(pilot, lambda: isinstance(app.screen, ChoiceDialog))
        assert app.screen.query("#choice-overwrite")  # the changed-on-disk question
        assert not app.screen.query("#choice-merge")
        assert app.screen.query_one("#choice-save_as").has_focus


async def test_restored_edits_merge_with_a_later_pull(doc_path: Path):
    kept_edit(doc_path, RecoveryStore())  # 消息 renamed 消息中心, a node added under 我的
    app = FeatureTreeApp(doc_path)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.press("enter")  # restore the kept edits (made on the file as it is)
        screen = editor(app)
        colleague_edits(doc_path)
        await pilot.press("ctrl+s")
        await pilot.press("m")
        await merged(pilot)
        assert titles(screen) == ["首页", "消息中心", "Their 我的"]
        assert len(screen.doc.node("me").kids) == 1
        assert "Their 发现" in titles(screen, "home")


async def test_no_merge_for_restored_edits_older_than_the_file(doc_path: Path):
    kept_edit(doc_path, RecoveryStore())
    change_on_disk(doc_path)  # the file changed after the edits were kept, before opening
    app = FeatureTreeApp(doc_path)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.press("enter")
        await pilot.press("ctrl+s")
        # What they started from is gone: a merge with the file as opened would take the
        # colleague's edits back without a word. Not offered.
        assert isinstance(app.screen, ChoiceDialog)
        assert app.screen.query("#choice-overwrite") and not app.screen.query("#choice-merge")


async def test_an_edit_made_while_merging_is_in_the_merge(doc_path: Path, monkeypatch):
    from featuretree.tui.screens.editor import merging

    calls: list[int] = []
    edited = threading.Event()
    real = merging.merge_with_disk

    def slow(base, ours, path):  # the first merge is still running when the user edits
        calls.append(1)
        edited.wait(timeout=10)
        return real(base, ours, path)

    monkeypatch.setattr(merging, "merge_with_disk", slow)
    app = FeatureTreeApp(doc_path)
    async with app.run_test(size=SIZE) as pilot:
        await edit_and_save(app, pilot, doc_path)
        await pilot.press("m")
        await wait_for(pilot, lambda: calls)
        screen = editor(app)
        screen.run_command(annotate.rename, "search", "My 搜索")
        edited.set()
        await merged(pilot)
        assert len(calls) == 2  # merged again, with the edit
        assert titles(screen, "home")[0] == "My 搜索"
        assert on_disk(doc_path)["search"] == "My 搜索" and on_disk(doc_path)["me"] == "Their 我的"
        assert not screen.history.dirty


async def test_save_and_quit_over_a_pulled_file_merges_then_quits(doc_path: Path):
    app = FeatureTreeApp(doc_path)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        editor(app).run_command(annotate.rename, "msg", "My 消息")
        colleague_edits(doc_path)
        await pilot.press("ctrl+q")
        await pilot.press("s")  # save and quit
        assert isinstance(app.screen, ChoiceDialog)
        await pilot.press("m")
        await merged(pilot)
        assert not app.is_running
    saved = on_disk(doc_path)
    assert saved["msg"] == "My 消息" and saved["me"] == "Their 我的"


@pytest.fixture
def chinese(tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    config = tmp_path / "zh.toml"
    config.write_text('language = "zh"\n', encoding="utf-8")
    monkeypatch.setenv("FEATURETREE_CONFIG", str(config))
    yield
    set_language("en")


async def test_the_question_and_the_outcome_in_chinese(doc_path: Path, notes, chinese):
    app = FeatureTreeApp(doc_path)
    async with app.run_test(size=SIZE) as pilot:
        seen = notes(app)
        await edit_and_save(app, pilot, doc_path, rename=("msg", "Their 消息"))
        assert "合并双方 (m)" in str(app.screen.query_one("#choice-merge").label)
        await pilot.press("enter")
        await merged(pilot)
        said = " ".join(seen)
        assert "已与磁盘上的 app.json 合并并保存：采纳了对方对 1 个节点的修改，1 处冲突" in said
        assert "按 f 输入 tag:conflict 查找" in said
        assert "按 Ctrl+Z 可回到合并前你的修改" in said
