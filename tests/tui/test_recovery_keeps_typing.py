"""A crash (``kill -9``) while typing loses nothing the recovery copy could keep: the notes
being typed in the open notes editor and a title being typed are in it, as if they had
been kept (Ctrl+S, Enter), and restoring it brings the cursor back to the node the user
was on. The editor itself gets no step the user did not make: the text is still only
typed there (Escape could still discard it)."""

from __future__ import annotations

from pathlib import Path

import pytest
from editor_helpers import SIZE, editor, put_cursor, titles
from persistence_helpers import wait_for
from screen_text import screen_lines

from featuretree import formats
from featuretree.storage.recovery import RecoveryStore
from featuretree.tui import FeatureTreeApp
from featuretree.tui.screens.questions import RecoveryDialog


@pytest.fixture
def store() -> RecoveryStore:
    """The recovery store the editor uses (in the test's state folder)."""
    return RecoveryStore()


@pytest.fixture(autouse=True)
def fast_autosave(monkeypatch: pytest.MonkeyPatch) -> None:
    # 0.05 s after the last key, and a pause of 0.05 * 0.5 / 3 s: the rule, scaled down.
    monkeypatch.setenv("FEATURETREE_AUTOSAVE_DELAY", "0.05")


def kept(store: RecoveryStore, doc_path: Path):
    """The document in the recovery copy now, or ``None`` when there is none."""
    info = store.find(doc_path)
    return store.load(info) if info is not None else None


def kid_titles(doc, node_id: str = "root") -> list[str]:
    """The titles of ``node_id``'s children in ``doc``."""
    return [kid.title for kid in doc.node(node_id).kids]


@pytest.mark.parametrize("fork", ["1", "0"], ids=["forked-child", "thread"])
async def test_notes_being_typed_come_back_after_a_crash(
    doc_path: Path, store: RecoveryStore, fork: str, monkeypatch: pytest.MonkeyPatch
):
    monkeypatch.setenv("FEATURETREE_AUTOSAVE_FORK", fork)  # both ways of writing the copy
    app = FeatureTreeApp(doc_path)
    async with app.run_test(size=SIZE) as pilot:
        screen = editor(app)
        put_cursor(app, "search")
        await pilot.press("n", *"崩溃前写的备注")
        await wait_for(
            pilot, lambda: (doc := kept(store, doc_path)) and doc.node("search").notes, timeout=10
        )
        await wait_for(pilot, lambda: not screen.persistence._writing)
        assert kept(store, doc_path).node("search").notes == "崩溃前写的备注"
        # Still only typed: no step was made behind the user's back.
        assert not screen.history.can_undo and screen.doc.node("search").notes == ""
        # The app goes without a clean quit (as after kill -9): the copy stays.
    assert formats.load(doc_path).node("search").notes == ""

    app = FeatureTreeApp(doc_path)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert isinstance(app.screen, RecoveryDialog)
        await pilot.press("enter")
        await pilot.pause()
        screen = editor(app)
        assert screen.doc.node("search").notes == "崩溃前写的备注"
        assert screen.tree.cursor_node.id == "search"  # back on the node, not the root
        assert any("崩溃前写的备注" in line for line in screen_lines(app))  # its detail


async def test_a_title_being_typed_comes_back_after_a_crash(doc_path: Path, store: RecoveryStore):
    app = FeatureTreeApp(doc_path)
    async with app.run_test(size=SIZE) as pilot:
        screen = editor(app)
        put_cursor(app, "msg")
        await pilot.press("f2", "ctrl+u", *"消息中心")  # renaming, Enter not pressed yet
        await wait_for(pilot, lambda: kept(store, doc_path) is not None, timeout=10)
        await wait_for(pilot, lambda: not screen.persistence._writing)
        assert kid_titles(kept(store, doc_path)) == ["首页", "消息中心", "我的"]
        assert not screen.history.can_undo and screen.doc.node("msg").title == "消息"

    app = FeatureTreeApp(doc_path)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert isinstance(app.screen, RecoveryDialog)
        await pilot.press("enter")
        await pilot.pause()
        screen = editor(app)
        assert titles(screen) == ["首页", "消息中心", "我的"]
        assert screen.tree.cursor_node.id == "msg"


async def test_a_new_node_being_named_comes_back_with_its_name(
    doc_path: Path, store: RecoveryStore
):
    app = FeatureTreeApp(doc_path)
    async with app.run_test(size=SIZE) as pilot:
        screen = editor(app)
        put_cursor(app, "msg")
        await pilot.press("tab", *"通知设置")  # a new child, its title still being typed
        await wait_for(
            pilot,
            lambda: (doc := kept(store, doc_path)) and kid_titles(doc, "msg") == ["通知设置"],
            timeout=10,
        )
        await wait_for(pilot, lambda: not screen.persistence._writing)
        assert screen.history.can_undo and not screen.history.can_redo  # just the new row


async def test_notes_typed_then_discarded_leave_no_copy_behind(
    doc_path: Path, store: RecoveryStore
):
    app = FeatureTreeApp(doc_path)
    async with app.run_test(size=SIZE) as pilot:
        screen = editor(app)
        put_cursor(app, "search")
        await pilot.press("n", *"不要了")
        await wait_for(pilot, lambda: kept(store, doc_path) is not None, timeout=10)
        await pilot.press("escape")  # changed: Save / Discard / Keep editing
        await pilot.pause()
        await pilot.press("d")  # discard
        await pilot.pause()
        assert screen.doc.node("search").notes == ""
        await wait_for(pilot, lambda: store.find(doc_path, include_stale=True) is None)


async def test_a_form_half_filled_in_is_not_checked_out_loud_while_typing(
    doc_path: Path, store: RecoveryStore
):
    # The recovery copy asks each open form what saving it would keep: a form not
    # valid yet (its required summary still empty) keeps nothing, and says nothing: no
    # error line, and the focus stays where the user types.
    app = FeatureTreeApp(doc_path)
    async with app.run_test(size=SIZE) as pilot:
        screen = editor(app)
        put_cursor(app, "msg")
        await pilot.press("c", "tab", *"v2")  # the version first, the summary later
        await pilot.pause()
        form = app.screen
        assert form.focused.id == "version"
        await wait_for(pilot, lambda: screen.persistence._timer is None)  # the copy's turn
        await pilot.pause(0.1)
        assert form.focused.id == "version"
        assert "required" not in " ".join(screen_lines(app))
        await pilot.press(*".1")
        assert form.query_one("#version").value == "v2.1"
        assert store.find(doc_path, include_stale=True) is None  # nothing to keep yet


async def test_a_change_log_entry_being_typed_is_in_the_copy(doc_path: Path, store: RecoveryStore):
    app = FeatureTreeApp(doc_path)
    async with app.run_test(size=SIZE) as pilot:
        screen = editor(app)
        put_cursor(app, "msg")
        await pilot.press("c", *"改版消息页")  # the form still open, Enter not pressed
        # A copy taken while the last keys were still being typed is followed by another
        # (each key typed asks for one): wait for the one with all of them.
        await wait_for(
            pilot,
            lambda: (
                (doc := kept(store, doc_path))
                and [e.summary for e in doc.node("msg").changelog] == ["改版消息页"]
            ),
            timeout=10,
        )
        assert screen.doc.node("msg").changelog == () and not screen.history.can_undo


async def test_notes_typed_ahead_of_the_editor_opening_reach_the_copy(
    doc_path: Path, store: RecoveryStore, monkeypatch: pytest.MonkeyPatch
):
    """Keys typed right behind ``n`` wait in the notes editor's queue until its first
    frame (a slow moment). A copy due meanwhile waits for them: taken then, it missed
    them, and no key was left to ask for another (CI saw it under load)."""
    from featuretree.tui.screens.notes import NotesEditor

    monkeypatch.setenv("FEATURETREE_AUTOSAVE_DELAY", "0.6")  # due at 0.6 s, by 2 s at most
    still_opening = [True]
    monkeypatch.setattr(NotesEditor, "taking_keys", property(lambda self: still_opening[0]))
    app = FeatureTreeApp(doc_path)
    async with app.run_test(size=SIZE) as pilot:
        put_cursor(app, "search")
        await pilot.press("n", *"打开时就输入的备注")
        await pilot.pause(1.0)  # the copy fell due while the editor was "opening"
        assert kept(store, doc_path) is None
        still_opening[0] = False  # the keys are typed: the copy is taken now
        await wait_for(
            pilot, lambda: (doc := kept(store, doc_path)) and doc.node("search").notes, timeout=10
        )
        assert kept(store, doc_path).node("search").notes == "打开时就输入的备注"
