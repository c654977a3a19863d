"""The revision-history screen: add, edit, delete rows by keyboard, each undoable."""

from __future__ import annotations

import datetime as dt

from featuretree.model import Document, Revision
from featuretree.operations import History
from featuretree.tui.screens.revisions import RevisionsScreen
from featuretree.tui.widgets.table import RowTable


def _history() -> History:
    doc = Document.new("知乎")
    doc.revisions = (Revision(version="v1.0", date=dt.date(2026, 10, 1), summary="初版"),)
    return History(doc)


async def test_add_edit_delete_and_undo(host) -> None:
    history = _history()
    screen = RevisionsScreen(history, author="林晓")
    app = host(screen)
    async with app.run_test(size=(120, 30)) as pilot:
        await pilot.press("a", *"v1.1", "tab", *"second", "enter")
        await pilot.pause()
        revisions = history.doc.revisions
        assert [r.version for r in revisions] == ["v1.0", "v1.1"]
        assert revisions[1].author == "林晓" and revisions[1].summary == "second"
        assert screen.query_one(RowTable).cell_text("1", "summary") == "second"
        assert screen.cursor == 1

        await pilot.press("up", "enter", "end", *"!", "enter")  # Enter on a row edits it
        await pilot.pause()
        assert history.doc.revisions[0].version == "v1.0!"

        await pilot.press("delete")
        assert [r.version for r in history.doc.revisions] == ["v1.1"]
        await pilot.press("ctrl+z", "ctrl+z", "ctrl+z")
        assert [r.version for r in history.doc.revisions] == ["v1.0"]
        assert not history.dirty
        await pilot.press("escape")
        await pilot.pause()
    assert app.result is None


async def test_version_is_required(host) -> None:
    history = _history()
    app = host(RevisionsScreen(history))
    async with app.run_test(size=(120, 30)) as pilot:
        await pilot.press("a", "enter")
        await pilot.pause()
        assert "Version is required" in str(app.screen.query_one("#error").render())
        await pilot.press("escape")
        await pilot.pause()
        assert len(history.doc.revisions) == 1
