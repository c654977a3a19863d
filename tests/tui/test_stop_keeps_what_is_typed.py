"""SIGTERM / SIGHUP keep the edits in the recovery file, with the text typed in an open
notes editor or form, and exit (tui/signals.py; the real signal in tests/terminal)."""

from __future__ import annotations

import signal
from pathlib import Path

from editor_helpers import SIZE, editor, put_cursor

from featuretree import formats
from featuretree.storage.recovery import RecoveryStore
from featuretree.tui import FeatureTreeApp, signals


async def test_stop_keeps_the_notes_being_typed(doc_path: Path) -> None:
    app = FeatureTreeApp(doc_path)
    async with app.run_test(size=SIZE) as pilot:
        put_cursor(app, "search")
        await pilot.press("n", *"还没保存的备注")
        await pilot.pause()
        signals.stop(app, signal.SIGTERM)
        await pilot.pause()
    assert app.return_code == 128 + signal.SIGTERM
    store = RecoveryStore()
    kept = store.load(store.find(doc_path))
    assert kept.node("search").notes == "还没保存的备注"
    assert formats.load(doc_path).node("search").notes == ""  # the file itself untouched


async def test_stop_keeps_an_open_form(doc_path: Path) -> None:
    app = FeatureTreeApp(doc_path)
    async with app.run_test(size=SIZE) as pilot:
        put_cursor(app, "msg")
        await pilot.press("c", *"改版消息页")
        await pilot.pause()
        signals.stop(app, signal.SIGHUP)
        await pilot.pause()
    store = RecoveryStore()
    kept = store.load(store.find(doc_path))
    assert [e.summary for e in kept.node("msg").changelog] == ["改版消息页"]


async def test_stop_with_nothing_unsaved_leaves_no_recovery_file(doc_path: Path) -> None:
    app = FeatureTreeApp(doc_path)
    async with app.run_test(size=SIZE) as pilot:
        screen = editor(app)
        put_cursor(app, "msg")
        await pilot.press("c")  # a form opened, nothing typed
        await pilot.pause()
        signals.stop(app, signal.SIGTERM)
        await pilot.pause()
    assert RecoveryStore().find(doc_path, include_stale=True) is None
    assert screen.doc.node("msg").changelog == ()


async def test_stop_keeps_a_title_being_typed(doc_path: Path) -> None:
    app = FeatureTreeApp(doc_path)
    async with app.run_test(size=SIZE) as pilot:
        put_cursor(app, "msg")
        await pilot.press("tab", *"通知设置")  # a new child, its title still being typed
        await pilot.pause()
        signals.stop(app, signal.SIGTERM)
        await pilot.pause()
    store = RecoveryStore()
    kept = store.load(store.find(doc_path))
    assert [kid.title for kid in kept.node("msg").kids] == ["通知设置"]


async def test_stop_keeps_the_document_info_being_typed(doc_path: Path) -> None:
    app = FeatureTreeApp(doc_path)
    async with app.run_test(size=SIZE) as pilot:
        await app.run_action("document_info", editor(app))
        await pilot.pause()
        await pilot.press(*"知乎")  # the first field: the document's title
        await pilot.pause()
        signals.stop(app, signal.SIGTERM)
        await pilot.pause()
    store = RecoveryStore()
    assert "知乎" in store.load(store.find(doc_path)).meta.title


async def test_a_closed_browser_tab_keeps_the_title_being_typed(doc_path: Path) -> None:
    """featuretree serve: closing the tab (Ctrl+W in a browser closes it) makes
    textual-serve send "quit", which Textual's web driver turns into ExitApp without
    App.exit. The editor stopped at once and lost the title being typed."""
    from textual.messages import ExitApp

    app = FeatureTreeApp(doc_path)
    async with app.run_test(size=SIZE) as pilot:
        put_cursor(app, "msg")
        await pilot.press("tab", *"通知 设置")
        await pilot.pause()
        app.post_message(ExitApp())  # what the web driver does on "quit"
        await pilot.pause()
    store = RecoveryStore()
    kept = store.load(store.find(doc_path))
    assert [kid.title for kid in kept.node("msg").kids] == ["通知 设置"]
    assert [kid.title for kid in formats.load(doc_path).node("msg").kids] == []


async def test_quit_after_discarding_leaves_no_recovery_file(doc_path: Path) -> None:
    app = FeatureTreeApp(doc_path)
    async with app.run_test(size=SIZE) as pilot:
        put_cursor(app, "msg")
        await pilot.press("tab", *"通知设置", "enter")
        await pilot.pause()
        await pilot.press("ctrl+q")
        await pilot.pause()
        await pilot.press("d")  # discard
        await pilot.pause()
        assert app.exit_asked
    assert RecoveryStore().find(doc_path, include_stale=True) is None
