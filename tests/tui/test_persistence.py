"""The editor never loses a tree: autosave to a recovery file, changes on disk, failed saves."""

from __future__ import annotations

import errno
import time
from pathlib import Path

import pytest
from editor_helpers import SIZE, editor, titles
from persistence_helpers import change_on_disk, wait_for

from featuretree import formats
from featuretree.operations import annotate
from featuretree.storage import atomic
from featuretree.storage.recovery import RecoveryStore
from featuretree.tui import FeatureTreeApp
from featuretree.tui.screens.dialogs import ConfirmQuitScreen, SavePathScreen
from featuretree.tui.screens.questions import ChoiceDialog


@pytest.fixture
def store() -> RecoveryStore:
    """The recovery store the editor uses (in the test's state folder)."""
    return RecoveryStore()


@pytest.fixture
def fast_autosave(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("FEATURETREE_AUTOSAVE_DELAY", "0.05")


async def test_autosave_writes_the_recovery_file_and_save_removes_it(
    doc_path: Path, store: RecoveryStore, fast_autosave
):
    app = FeatureTreeApp(doc_path)
    async with app.run_test(size=SIZE) as pilot:
        screen = editor(app)
        await pilot.press("tab", *"Zeta", "enter")
        await wait_for(pilot, lambda: store.find(doc_path) is not None)
        await wait_for(pilot, lambda: not screen.persistence._writing)
        kept = store.load(store.find(doc_path))
        assert "Zeta" in [n.title for n in kept.iter_nodes()]
        assert "Zeta" not in [n.title for n in formats.load(doc_path).iter_nodes()]
        await pilot.press("ctrl+s")
        assert store.find(doc_path, include_stale=True) is None
        assert screen.persistence.autosaves >= 1


async def test_undoing_back_to_the_saved_state_removes_the_recovery_file(
    doc_path: Path, store: RecoveryStore, fast_autosave
):
    app = FeatureTreeApp(doc_path)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("down", "delete")
        await wait_for(pilot, lambda: store.find(doc_path) is not None)
        await pilot.press("ctrl+z")
        assert not editor(app).history.dirty
        await pilot.pause(0.2)  # a write still in flight must not bring it back
        assert store.find(doc_path, include_stale=True) is None


async def test_autosave_comes_while_edits_keep_coming(doc_path: Path, store: RecoveryStore):
    app = FeatureTreeApp(doc_path)
    async with app.run_test(size=SIZE) as pilot:
        persistence = editor(app).persistence
        persistence.delay, persistence.max_wait = 30.0, 0.3
        await pilot.press("down")
        for _ in range(200):  # an edit every ~20 ms: the quiet delay never passes
            await pilot.press("alt+down")
            await pilot.press("alt+up")
            if store.find(doc_path) is not None:
                break
        assert store.find(doc_path) is not None


async def test_quitting_without_saving_removes_the_recovery_file(
    doc_path: Path, store: RecoveryStore, fast_autosave
):
    app = FeatureTreeApp(doc_path)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("down", "delete")
        await wait_for(pilot, lambda: store.find(doc_path) is not None)
        await pilot.press("ctrl+q")
        assert isinstance(app.screen, ConfirmQuitScreen)
        await pilot.press("d")
    assert store.find(doc_path, include_stale=True) is None


async def test_autosave_failure_is_told_once_and_editing_goes_on(
    doc_path: Path, store: RecoveryStore, fast_autosave, notes, monkeypatch
):
    def full(*args, **kwargs):
        raise atomic.WriteError("cannot write recovery: the disk is full")

    monkeypatch.setattr(store.__class__, "write", full)
    app = FeatureTreeApp(doc_path)
    async with app.run_test(size=SIZE) as pilot:
        seen = notes(app)
        await pilot.press("down", "delete")
        await wait_for(pilot, lambda: editor(app).persistence._failed)
        await pilot.press("down", "delete")
        await pilot.pause(0.3)
        assert sum("disk is full" in note for note in seen) == 1
        assert editor(app).history.dirty


# -- saving -------------------------------------------------------------------------------


async def open_edit_and_change_underneath(app: FeatureTreeApp, pilot, path: Path) -> None:
    await pilot.pause()
    editor(app).run_command(annotate.rename, "msg", "Mine")
    change_on_disk(path)
    await pilot.press("ctrl+s")
    assert isinstance(app.screen, ChoiceDialog)


async def test_changed_on_disk_overwrite(doc_path: Path):
    app = FeatureTreeApp(doc_path)
    async with app.run_test(size=SIZE) as pilot:
        await open_edit_and_change_underneath(app, pilot, doc_path)
        await pilot.press("o")
        assert [k.title for k in formats.load(doc_path).root.kids] == ["首页", "Mine", "我的"]
        backup = formats.load(atomic.backup_path(doc_path), "json")
        assert backup.root.kids[-1].title == "Changed by git"
        assert not editor(app).history.dirty
        await pilot.press("ctrl+s")  # the new file is now the one loaded: no question
        assert not isinstance(app.screen, ChoiceDialog)


async def test_changed_on_disk_save_as(doc_path: Path):
    app = FeatureTreeApp(doc_path)
    async with app.run_test(size=SIZE) as pilot:
        await open_edit_and_change_underneath(app, pilot, doc_path)
        await pilot.press("a")
        assert isinstance(app.screen, SavePathScreen)
        other = doc_path.with_name("mine.json")
        app.screen.query_one("#save-path").value = str(other)
        await pilot.press("enter")
        assert formats.load(other).root.kids[1].title == "Mine"
        assert formats.load(doc_path).root.kids[-1].title == "Changed by git"
        assert editor(app).path == other and not editor(app).history.dirty


async def test_changed_on_disk_reload(doc_path: Path):
    app = FeatureTreeApp(doc_path)
    async with app.run_test(size=SIZE) as pilot:
        await open_edit_and_change_underneath(app, pilot, doc_path)
        await pilot.press("r")
        await pilot.pause()
        screen = editor(app)
        assert titles(screen) == ["首页", "消息", "Changed by git"]
        assert not screen.history.dirty
        assert formats.load(doc_path).root.kids[-1].title == "Changed by git"


async def test_changed_on_disk_cancel_writes_nothing(doc_path: Path):
    app = FeatureTreeApp(doc_path)
    async with app.run_test(size=SIZE) as pilot:
        await open_edit_and_change_underneath(app, pilot, doc_path)
        before = doc_path.read_bytes()
        await pilot.press("escape")
        assert doc_path.read_bytes() == before
        assert editor(app).history.dirty


async def test_save_and_quit_over_a_changed_file_quits_once_overwritten(doc_path: Path):
    app = FeatureTreeApp(doc_path)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        editor(app).run_command(annotate.rename, "msg", "Mine")
        change_on_disk(doc_path)
        await pilot.press("ctrl+q")
        assert isinstance(app.screen, ConfirmQuitScreen)
        await pilot.press("s")
        assert isinstance(app.screen, ChoiceDialog)  # changed on disk: asked first
        assert app.is_running
        await pilot.press("o")
        await pilot.pause()
        assert not app.is_running
    assert formats.load(doc_path).root.kids[1].title == "Mine"


async def test_touching_the_file_is_not_a_change(doc_path: Path):
    app = FeatureTreeApp(doc_path)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        editor(app).run_command(annotate.rename, "msg", "Mine")
        doc_path.write_bytes(doc_path.read_bytes())  # same bytes, new mtime
        await pilot.press("ctrl+s")
        assert not isinstance(app.screen, ChoiceDialog)
        assert not editor(app).history.dirty


@pytest.mark.parametrize(
    ("code", "said"),
    [
        (errno.ENOSPC, "the disk is full"),
        (errno.EDQUOT, "the disk quota is exceeded"),
        (errno.EROFS, "the file system is read-only"),
        (errno.EACCES, "permission denied"),  # (chmod would not stop root, who runs the tests)
    ],
)
async def test_a_failed_save_keeps_the_document_dirty_and_the_old_file(
    doc_path: Path, notes, monkeypatch: pytest.MonkeyPatch, code: int, said: str
):
    def fail(fd, data):
        raise OSError(code, "from the test")

    app = FeatureTreeApp(doc_path)
    async with app.run_test(size=SIZE) as pilot:
        seen = notes(app)
        await pilot.pause()
        before = doc_path.read_bytes()
        editor(app).run_command(annotate.rename, "msg", "Mine")
        with monkeypatch.context() as patch:
            patch.setattr(atomic, "_write_all", fail)
            await pilot.press("ctrl+s")
        assert doc_path.read_bytes() == before
        assert editor(app).history.dirty and "●" in editor(app).sub_title
        assert any(said in note and "\n" not in note for note in seen)
        assert sorted(p.name for p in doc_path.parent.iterdir()) == ["app.json"]  # no temp left
        await pilot.press("ctrl+s")  # the trouble is gone: the same Ctrl+S now works
        assert formats.load(doc_path).root.kids[1].title == "Mine"
        assert not editor(app).history.dirty


async def test_each_save_keeps_one_backup(doc_path: Path):
    app = FeatureTreeApp(doc_path)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        first = doc_path.read_bytes()
        editor(app).run_command(annotate.rename, "msg", "One")
        await pilot.press("ctrl+s")
        assert atomic.backup_path(doc_path).read_bytes() == first
        second = doc_path.read_bytes()
        editor(app).run_command(annotate.rename, "msg", "Two")
        await pilot.press("ctrl+s")
        assert atomic.backup_path(doc_path).read_bytes() == second
        assert sorted(p.name for p in doc_path.parent.iterdir()) == ["app.json", "app.json~"]


async def test_a_failed_backup_offers_to_save_without_one(doc_path: Path):
    atomic.backup_path(doc_path).mkdir()  # a folder where the backup should go
    app = FeatureTreeApp(doc_path)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        editor(app).run_command(annotate.rename, "msg", "Mine")
        await pilot.press("ctrl+s")
        assert isinstance(app.screen, ChoiceDialog)
        assert formats.load(doc_path).root.kids[1].title == "消息"  # nothing written yet
        await pilot.press("s")
        assert formats.load(doc_path).root.kids[1].title == "Mine"
        assert not editor(app).history.dirty


async def test_the_autosave_worker_does_not_block_typing(doc_path: Path, fast_autosave):
    # The recovery file is written in a thread: a slow disk does not stop the keys.
    original = RecoveryStore.write

    def slow_write(self, *args, **kwargs):
        time.sleep(0.5)
        return original(self, *args, **kwargs)

    app = FeatureTreeApp(doc_path)
    async with app.run_test(size=SIZE) as pilot:
        screen = editor(app)
        screen.persistence.store.write = slow_write.__get__(screen.persistence.store)
        await pilot.press("down", "delete")
        await wait_for(pilot, lambda: screen.persistence._writing)
        started = len(screen.doc)
        await pilot.press("down", "delete")
        assert len(screen.doc) < started  # the key acted while the write was still going
        assert screen.persistence._writing


async def test_an_overdue_autosave_runs_at_once_without_error(doc_path: Path, store: RecoveryStore):
    # The maximum wait is already over when the edit comes: the timer must still be valid
    # (a 0 s Textual timer divides by zero and takes the app down).
    app = FeatureTreeApp(doc_path)
    async with app.run_test(size=SIZE) as pilot:
        persistence = editor(app).persistence
        persistence.delay, persistence.max_wait = 30.0, 0.0
        await pilot.press("down", "alt+down")
        await wait_for(pilot, lambda: store.find(doc_path) is not None)
        assert persistence.autosaves >= 1 or persistence._writing


async def test_a_save_while_the_autosave_is_being_written_leaves_no_recovery_file(
    doc_path: Path, store: RecoveryStore, monkeypatch: pytest.MonkeyPatch
):
    # The autosave is written by another process (on Linux), which cannot see a save
    # made meanwhile: its file must not survive the save.
    written = store.write
    monkeypatch.setattr(store, "write", lambda *a, **k: (time.sleep(0.4), written(*a, **k))[1])
    app = FeatureTreeApp(doc_path)
    async with app.run_test(size=SIZE) as pilot:
        screen = editor(app)
        screen.persistence.store = store
        await pilot.press("tab", *"Zeta", "enter")
        screen.persistence.autosave()
        assert screen.persistence._writing
        await pilot.press("ctrl+s")
        await wait_for(pilot, lambda: not screen.persistence._writing)
        assert store.find(doc_path, include_stale=True) is None
        assert "Zeta" in [n.title for n in formats.load(doc_path).iter_nodes()]
