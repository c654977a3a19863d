"""The editor's side of "never lose a tree": load, autosave, recover, save.

- Opening: :func:`read_document` reads the file once (the bytes loaded are the bytes
  fingerprinted); :func:`open_editor` then looks for a recovery file of the document and
  asks restore (Enter) / show difference / discard before the editor appears. One older
  than the file is offered too (the file was changed by something else after the
  crash; the kept edits are still the user's work), and a restored document remembers
  the file it was made from, so saving it over a file changed since asks first.
  :func:`offer_untitled` does the same at start-up for documents never saved.
- Editing: :class:`Persistence` (one per ``EditorScreen``, ``screen.persistence``) listens
  to the history; while the document is dirty it writes the recovery file
  :data:`AUTOSAVE_DELAY` seconds after the last edit, and at least every
  :data:`AUTOSAVE_MAX_WAIT` seconds while edits keep coming. The UI thread only copies
  the document (:class:`~featuretree.tui.doc_snapshot.Snapshot`, ~0.1 s at 100k nodes);
  a worker thread serializes and writes it.
- Saving: :meth:`Persistence.save` asks overwrite / save as / reload when the file
  changed on disk since it was loaded, keeps one backup ``FILE~``, offers to save without
  it when the backup fails, and on any failure keeps the document dirty and says why in
  one line. A save, or a clean quit (:meth:`Persistence.close`), removes the recovery file.

Tests shorten the delays with ``FEATURETREE_AUTOSAVE_DELAY`` (seconds).
"""

from __future__ import annotations

import asyncio
import os
import time
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from textual.app import App
from textual.timer import Timer

from featuretree import formats
from featuretree.model.document import Document
from featuretree.operations import Command, History
from featuretree.storage.atomic import BackupError, WriteError
from featuretree.storage.fingerprint import Fingerprint, changed_since
from featuretree.storage.recovery import RecoveryInfo, RecoveryStore, diff_counts
from featuretree.tui.doc_snapshot import Snapshot
from featuretree.tui.file_dialogs import RecoveryDialog, backup_failed_dialog, external_change_dialog

if TYPE_CHECKING:
    from featuretree.tui.editor import EditorScreen

AUTOSAVE_DELAY = 3.0
"""Seconds of quiet after an edit before the recovery file is written."""
AUTOSAVE_MAX_WAIT = 10.0
"""While edits keep coming, the recovery file is still written at least this often."""
DELAY_ENV = "FEATURETREE_AUTOSAVE_DELAY"

ShowEditor = Callable[["EditorScreen"], None]


def autosave_delays() -> tuple[float, float]:
    """(delay, max wait) in seconds: the defaults, or scaled from ``$FEATURETREE_AUTOSAVE_DELAY``."""
    try:
        delay = float(os.environ.get(DELAY_ENV, ""))
    except ValueError:
        return AUTOSAVE_DELAY, AUTOSAVE_MAX_WAIT
    if not delay > 0:
        return AUTOSAVE_DELAY, AUTOSAVE_MAX_WAIT
    return delay, delay * AUTOSAVE_MAX_WAIT / AUTOSAVE_DELAY


def read_document(path: Path) -> tuple[Document, Fingerprint, bool]:
    """Read ``path`` once: the document, the file's fingerprint, and whether it is new.

    A path that does not exist gives a new document titled after it. Raises
    ``formats.FormatError`` (with the file name) for anything else that goes wrong.
    """
    if not os.path.lexists(path):
        return Document.new(path.stem or "新产品"), Fingerprint.missing(path), True
    source = str(path)
    fmt = formats.resolve(path, None, writing=False)
    try:
        size = os.path.getsize(path)
        if size > formats.MAX_INPUT_BYTES:
            raise formats.FormatError(f"file too large ({size // 2**20} MiB; the limit is 512 MiB)",
                                      source=source)
        fingerprint, data = Fingerprint.read(path)
    except IsADirectoryError:
        raise formats.FormatError("is a folder, not a file", source=source) from None
    except OSError as exc:
        raise formats.FormatError(f"cannot read: {exc.strerror or exc}", source=source) from None
    return formats.loads(data, fmt.name, source=source), fingerprint, False


def make_editor(doc: Document, path: Path | None, fingerprint: Fingerprint | None = None, *,
                recovered: RecoveryInfo | None = None) -> EditorScreen:
    """An editor for ``doc``; a ``recovered`` document starts unsaved and keeps its key."""
    from featuretree.tui.editor import EditorScreen  # the editor imports this module

    editor = EditorScreen(doc, path)
    editor.persistence.loaded(fingerprint, recovered=recovered)
    return editor


def open_editor(app: App, doc: Document, path: Path, fingerprint: Fingerprint,
                show: ShowEditor, store: RecoveryStore | None = None) -> None:
    """Show ``doc`` (read from ``path``), first offering unsaved work kept for ``path``."""
    store = store or RecoveryStore()
    info = store.find(path, include_stale=True)
    if info is None:
        show(make_editor(doc, path, fingerprint))
        return
    def decided(recovered: Document | None) -> None:
        if recovered is None:
            show(make_editor(doc, path, fingerprint))
        else:
            show(make_editor(recovered, path, fingerprint, recovered=info))

    _offer(app, store, info, doc, path.name, decided)


def offer_untitled(app: App, show: ShowEditor, store: RecoveryStore | None = None) -> None:
    """At start-up: offer the newest document that was never saved and has unsaved work kept."""
    store = store or RecoveryStore()
    found = store.untitled()
    if not found:
        return
    info = found[0]
    empty = Document.new()

    def decided(recovered: Document | None) -> None:
        if recovered is not None:
            show(make_editor(recovered, None, recovered=info))

    _offer(app, store, info, empty, "a document never saved", decided)


def _offer(app: App, store: RecoveryStore, info: RecoveryInfo, current: Document, name: str,
           then: Callable[[Document | None], None]) -> None:
    """Ask about ``info``; ``then`` gets the recovered document, or ``None`` (discarded)."""
    try:
        recovered = store.load(info)
    except formats.FormatError as exc:
        # Damaged: move it aside (the next autosave would replace it), say where, go on.
        aside = info.file.with_name(info.file.name + ".damaged")
        try:
            os.replace(info.file, aside)
            where = f"kept as {aside}"
        except OSError:
            where = "left in place"
        app.notify(f"{exc} ({where})", title="Cannot restore unsaved changes",
                   severity="error", timeout=10, markup=False)
        then(None)
        return

    def difference() -> str:
        counts = diff_counts(current, recovered)
        if counts.identical:
            return "The kept version is the same as the file."
        return f"Kept version compared with the file: {counts}."

    def decided(choice: str | None) -> None:
        if choice == "restore":
            then(recovered)
            return
        try:
            store.discard(info)
        except WriteError as exc:
            app.notify(str(exc), severity="warning", markup=False)
        then(None)

    app.push_screen(RecoveryDialog(info, name, difference), decided)


class Persistence:
    """Keeps one editor's document safe: fingerprint, recovery autosave, careful saving.

    Created by ``EditorScreen.__init__`` (after its history). ``store``, ``delay`` and
    ``max_wait`` are for tests.
    """

    def __init__(self, editor: EditorScreen, *, store: RecoveryStore | None = None,
                 delay: float | None = None, max_wait: float | None = None) -> None:
        self.editor = editor
        self.store = store or RecoveryStore()
        default_delay, default_wait = autosave_delays()
        self.delay = default_delay if delay is None else delay
        self.max_wait = default_wait if max_wait is None else max_wait
        self.fingerprint: Fingerprint | None = _fingerprint(editor.path)
        self.key = self._key_for(editor.path)
        self.revision = 0
        """Grows with every do/undo/redo; recovery writes and discards carry it."""
        self.autosaves = 0
        """Recovery files written (for tests and curiosity)."""
        self._timer: Timer | None = None
        self._first_pending: float | None = None
        self._writing = False
        self._again = False
        self._failed = False
        editor.history.subscribe(self._changed)

    @property
    def history(self) -> History:
        """The editor's history."""
        return self.editor.history

    def _key_for(self, path: Path | None) -> str:
        return self.store.key_for(path) if path is not None else self.store.untitled_key()

    def loaded(self, fingerprint: Fingerprint | None, *, recovered: RecoveryInfo | None = None) -> None:
        """Record what was read from disk; a ``recovered`` document is unsaved from the start.

        A recovered document was made from the file as it was then (``recovered.base``):
        that is what saving compares the file with, so changes made since are noticed.
        """
        if recovered is not None and recovered.base is not None:
            fingerprint = recovered.base
        if fingerprint is not None:
            self.fingerprint = fingerprint
        if recovered is not None:
            if self.editor.path is None:
                self.key = recovered.key  # keep writing the same file for it
            _mark_unsaved(self.history)

    # -- autosave ---------------------------------------------------------------------------

    def _changed(self, command: Command, kind: str) -> None:
        self.revision += 1
        if self.history.dirty:
            self._schedule()
        else:
            # Undone back to what is on disk: nothing left to recover.
            self._cancel()
            self._discard()

    def _schedule(self) -> None:
        now = time.monotonic()
        if self._first_pending is None:
            self._first_pending = now
        due = min(now + self.delay, self._first_pending + self.max_wait)
        if self._timer is not None:
            self._timer.stop()
        self._timer = self.editor.set_timer(max(0.0, due - now), self.autosave)

    def _cancel(self) -> None:
        if self._timer is not None:
            self._timer.stop()
            self._timer = None
        self._first_pending = None

    def autosave(self) -> None:
        """Write the recovery file now: the document copied here, serialized and written in a thread."""
        self._cancel()
        if not self.history.dirty:
            return
        if self._writing:
            self._again = True  # one write at a time, so an older one never lands last
            return
        snapshot = Snapshot.of(self.editor.doc)
        self._writing = True
        self.editor.run_worker(
            self._write(snapshot, self.editor.path, self.fingerprint, self.key, self.revision),
            name="autosave", group="autosave", exit_on_error=False,
        )

    async def _write(self, snapshot: Snapshot, path: Path | None, base: Fingerprint | None,
                     key: str, revision: int) -> None:
        def work() -> None:
            self.store.write(snapshot.to_json(), path, base=base, key=key, revision=revision)

        try:
            await asyncio.to_thread(work)
        except WriteError as exc:
            if not self._failed:  # once per run of failures, not every few seconds
                self.editor.notify(f"{exc} (your edits are still in the editor)",
                                   title="Autosave failed", severity="warning", timeout=8,
                                   markup=False)
            self._failed = True
        else:
            self._failed = False
            self.autosaves += 1
        finally:
            self._writing = False
        if self._again:
            self._again = False
            self.autosave()

    def _discard(self, key: str | None = None) -> None:
        try:
            self.store.discard_key(key or self.key, revision=self.revision)
        except WriteError as exc:
            self.editor.notify(str(exc), title="Recovery file", severity="warning", markup=False)

    def close(self) -> None:
        """A clean quit: remove the recovery file (the user saved or chose to discard)."""
        self._cancel()
        self._discard()

    # -- saving -----------------------------------------------------------------------------

    def save(self, target: Path | None = None) -> bool:
        """Save to ``target`` (default: the editor's path). False when not saved (yet).

        Asks first when the file changed on disk since it was loaded; the answer may
        save later.
        """
        target = target or self.editor.path
        if target is None:
            return False
        loaded = self.fingerprint
        if loaded is not None and loaded.path == Path(target).absolute() and changed_since(loaded):
            self.editor.app.push_screen(external_change_dialog(str(target)),
                                        lambda choice: self._external_change(choice, target))
            return False
        return self.write(target)

    def write(self, target: Path, *, backup: bool = True) -> bool:
        """Write the document to ``target`` now, keeping ``FILE~``; False (and why) on failure."""
        try:
            formats.save(self.editor.doc, target, backup=backup)
        except BackupError as exc:
            self.editor.app.push_screen(
                backup_failed_dialog(str(exc)),
                lambda choice: choice == "no_backup" and self.write(target, backup=False),
            )
            return False
        except (formats.FormatError, WriteError) as exc:
            self.editor.notify(str(exc), title="Not saved", severity="error", timeout=8,
                               markup=False)
            return False
        self._saved(target)
        return True

    def _saved(self, target: Path) -> None:
        old_key = self.key
        self.editor.path = target
        self.fingerprint = _fingerprint(target)
        self.key = self._key_for(target)
        self._cancel()
        self._discard()
        if old_key != self.key:
            self._discard(old_key)
        self.history.mark_saved()
        self.editor._update_header()
        self.editor.notify(f"Saved {target}", timeout=2, markup=False)

    def _external_change(self, choice: str | None, target: Path) -> None:
        if choice == "overwrite":
            self.write(target)
        elif choice == "save_as":
            from featuretree.tui.dialogs import SavePathScreen

            self.editor.app.push_screen(SavePathScreen(str(target)), self.editor._save_as)
        elif choice == "reload":
            self.reload()

    def reload(self) -> None:
        """Replace the editor by the file as it is on disk now (unsaved edits are dropped)."""
        path = self.editor.path
        if path is None:
            return
        try:
            doc, fingerprint, _ = read_document(path)
        except formats.FormatError as exc:
            self.editor.notify(str(exc), title="Cannot reload", severity="error", markup=False)
            return
        self.close()
        app = self.editor.app
        app.switch_screen(make_editor(doc, path, fingerprint))
        app.notify(f"Reloaded {path.name} from disk", timeout=3, markup=False)


def _fingerprint(path: Path | None) -> Fingerprint | None:
    if path is None:
        return None
    try:
        return Fingerprint.of(path)
    except OSError:
        return None  # unreadable now; saving will say why


class _Unsaved:
    """Stands for "a state never saved" in ``History``'s saved-state marker."""


def _mark_unsaved(history: History) -> None:
    # A restored document differs from the file although no command made it so: it
    # must stay dirty (and ask before quitting) until it is saved, even after undo.
    # History has no public way to say so; its marker is compared by identity.
    history._saved_top = _Unsaved()  # type: ignore[assignment]
