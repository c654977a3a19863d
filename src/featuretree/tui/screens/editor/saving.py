"""The editor's side of "never lose a tree": load, autosave, recover, save.

- Opening (``session/opening.py`` reads, ``tui/opening.py`` asks): one fingerprinted read, then the offer of kept edits
  (restore on Enter / show difference / discard) before the editor appears.
- Editing: :class:`Persistence` (one per ``EditorScreen``, ``screen.persistence``) listens
  to the history; while the document is dirty it writes its own recovery file (each
  editor has one, so two editors on one file keep both their work)
  ``session.autosave.AUTOSAVE_DELAY`` seconds after the last edit, and at least every
  ``AUTOSAVE_MAX_WAIT`` seconds while edits keep coming; the write starts in a pause of
  the input (``AUTOSAVE_QUIET``, no key for 0.5 s), not on a key, within that maximum
  wait. The copy holds what is being typed too (a title, the open notes editor or a
  form: ``EditorScreen.typed_steps``), as if it were kept, made on the copy only (no undo
  step the user did not make); keys typed there ask for a copy as an edit does
  (:meth:`Persistence.input_seen`). The copy records the node the cursor is on, and a
  restore starts there. On Linux a forked child
  process serializes and writes it (:mod:`featuretree.storage.forked`, ~10 ms on the UI
  thread at 100k nodes); elsewhere the UI thread copies the document
  (:class:`~featuretree.session.snapshot.Snapshot`, ~0.16 s at 100k nodes) and a worker
  thread serializes and writes the copy.
- Saving: Ctrl+S without an edit, on the file as it was read or saved, writes nothing
  and says so (a colleague's file is never rewritten, nor offered to lose what
  featuretree does not keep, when nobody edited it). Otherwise :meth:`Persistence.save` asks merge both / overwrite / save as / reload when the file
  changed on disk since it was loaded (:mod:`.merging`), asks before replacing another existing file, asks
  before writing a format that would lose part of the document (:mod:`featuretree.formats.loss`:
  keep working in a JSON beside it, or write it anyway), keeps one backup ``FILE~``, offers to save without
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

from textual.css.query import NoMatches
from textual.timer import Timer

from featuretree import formats
from featuretree.formats.json_format import write_json
from featuretree.formats.loss import check, describe_losses, still_held
from featuretree.i18n import error_text, t
from featuretree.operations import Command, History
from featuretree.session.autosave import (
    CHILD_TIMEOUT,
    MIN_TIMER,
    TypedStep,
    another_existing_file,
    autosave_delays,
    fingerprint_of,
    quiet_for,
    with_typing,
)
from featuretree.session.names import suggest_name
from featuretree.session.snapshot import Snapshot
from featuretree.storage import forked
from featuretree.storage.atomic import BackupError, WriteError
from featuretree.storage.fingerprint import Fingerprint, changed_since, gone_since
from featuretree.storage.recovery import RecoveryInfo, RecoveryStore
from featuretree.tui.screens.dialogs import SavePathScreen
from featuretree.tui.screens.editor.merging import changed_on_disk_question, merge_and_save
from featuretree.tui.screens.export import format_label
from featuretree.tui.screens.questions import (
    backup_failed_dialog,
    loss_dialog,
    reload_dialog,
    replace_file_dialog,
)

if TYPE_CHECKING:
    from featuretree.tui.screens.editor.screen import EditorScreen


TYPED_AHEAD_WAIT = 0.1
"""Seconds the recovery copy waits, again and again, for a screen still typing the keys
typed ahead of its first frame."""


class Persistence:
    """Keeps one editor's document safe: fingerprint, recovery autosave, careful saving.

    Created by ``EditorScreen.__init__`` (after its history). ``fingerprint``: the file as
    the document was read from it (read again when not given). ``store``, ``delay`` and
    ``max_wait`` are for tests.
    """

    def __init__(
        self,
        editor: EditorScreen,
        *,
        store: RecoveryStore | None = None,
        delay: float | None = None,
        max_wait: float | None = None,
        fingerprint: Fingerprint | None = None,
    ) -> None:
        self.editor = editor
        self.store = store or RecoveryStore()
        default_delay, default_wait = autosave_delays()
        self.delay = default_delay if delay is None else delay
        self.max_wait = default_wait if max_wait is None else max_wait
        self.quiet = quiet_for(self.delay)
        """Seconds without input the recovery write waits for (within ``max_wait``)."""
        self.fingerprint: Fingerprint | None = (
            fingerprint if fingerprint is not None else fingerprint_of(editor.path)
        )
        self._own_key: tuple[str, str] | None = None
        """(absolute path, this editor's key for it): the same file for the same path."""
        self.key = self._key_for(editor.path)
        self.origin: str | None = None
        """Where a document never saved came from (``recovery.sample_origin``; ``None``:
        started empty): its recovery file says so, and opening that sample offers it."""
        self.source: Path | None = editor.path
        """The file the document was read from: what it held and featuretree did not
        read (``doc.not_imported``) is lost when that file is written over."""
        self._loss_accepted: set[Path] = set()
        """Files the user chose to write in their lossy format anyway (asked once each)."""
        self._loss_note = ""
        """What the save under way loses, said in its "Saved" message."""
        self._lost: dict[str, int] = {}
        """The same by kind (:func:`~featuretree.formats.loss.check`)."""
        self._checked: tuple[int, Path, bytes | None] | None = None
        """(revision, file, bytes) of the last loss check: the bytes a save then writes."""
        self.revision = 0
        """Grows with every do/undo/redo, and with each copy of new typing (text typed is
        no step); recovery writes and discards carry it."""
        self._written: tuple[int, list[TypedStep]] | None = None
        """(revision, typing) of the last recovery copy started (``None``: none since the
        last discard): a copy of the same is not written again."""
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
        # This editor's own recovery file: another editor on the same file (a second
        # browser tab, another terminal) keeps its unsaved work in its own.
        if path is None:
            return self.store.untitled_key()
        absolute = os.path.abspath(path)
        if self._own_key is None or self._own_key[0] != absolute:
            self._own_key = (absolute, self.store.editor_key(absolute))
        return self._own_key[1]

    def loaded(
        self, fingerprint: Fingerprint | None, *, recovered: RecoveryInfo | None = None
    ) -> None:
        """Record what was read from disk; a ``recovered`` document is unsaved from the start.

        A recovered document was made from the file as it was then (``recovered.base``):
        that is what saving compares the file with, so changes made since are noticed.
        """
        if recovered is not None and recovered.base is not None:
            fingerprint = recovered.base
        if fingerprint is not None:
            self.fingerprint = fingerprint
        if recovered is not None:
            if not recovered.writer_running():
                # Go on writing the restored copy: it holds this work from now on (and
                # goes when it is saved), rather than stay behind to be offered again.
                # A copy whose editor may still be running stays that editor's.
                self.key = recovered.key
            if recovered.origin is not None:
                self.origin = recovered.origin  # its copy still says where it came from
            if recovered.cursor is not None:
                self.editor.start_at = recovered.cursor  # back on the node the user was on
            _mark_unsaved(self.history)

    # -- autosave ---------------------------------------------------------------------------

    def input_seen(self) -> None:
        """A key or a paste reached the app (``FeatureTreeApp.on_event``): while a
        title is being typed or a notes editor or form is open, the recovery copy is due,
        as after an edit (it holds what is typed). Cheap: no text is read here."""
        if self._timer is None and self.editor.is_typing_open():
            self._schedule()

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
        # Never a 0 s timer: Textual's timer divides by its interval (ZeroDivisionError
        # once the maximum wait has passed while edits keep coming).
        self._timer = self.editor.set_timer(max(MIN_TIMER, due - now), self._when_quiet)

    def _when_quiet(self) -> None:
        """The autosave timer: write now, or once the user pauses, by the maximum wait.

        Starting the write holds the UI thread (~10 ms fork at 100k nodes): a key typed
        in those milliseconds waits for it. The user is likelier to go on typing or
        navigating right after a key than after a pause, so the write waits for
        ``quiet`` seconds without input, but never past ``max_wait`` after the first
        unsaved edit.
        """
        self._timer = None
        if self._first_pending is None:
            self._first_pending = time.monotonic()  # the waits below end by max_wait too
        opening = getattr(self.editor.app.screen, "taking_keys", False)
        if opening and time.monotonic() < self._first_pending + self.max_wait:
            # A notes editor or form still opening holds the keys typed behind the key
            # that opened it (TypedAhead): a copy now would miss them, and no key is left
            # to ask for another. Once they are typed, the copy holds them.
            self._timer = self.editor.set_timer(TYPED_AHEAD_WAIT, self._when_quiet)
            return
        last = self.editor.app.last_input
        now = time.monotonic()
        if self._first_pending is not None and last is not None:
            deadline = self._first_pending + self.max_wait
            if now - last < self.quiet and now < deadline:
                due = min(last + self.quiet, deadline)
                self._timer = self.editor.set_timer(max(MIN_TIMER, due - now), self._when_quiet)
                return
        self.autosave()

    def _cancel(self) -> None:
        if self._timer is not None:
            self._timer.stop()
            self._timer = None
        self._first_pending = None

    def autosave(self) -> None:
        """Write the recovery file now, without holding up the editor.

        On Linux a forked child serializes and writes the document as it is now
        (``storage/forked.py``: ~10 ms here, nothing shared afterwards); elsewhere the
        document is copied here and a thread serializes and writes the copy.
        """
        self._cancel()
        steps = self.editor.typed_steps()
        if not self.history.dirty and not steps:
            if self._written is not None:
                self._discard()  # the typing in the last copy was discarded: nothing to keep
            return
        if self._written == (self.revision, steps):
            return  # the copy holds this already (keys that typed nothing: arrows...)
        if self._writing:
            self._again = True  # one write at a time, so an older one never lands last
            return
        if steps:
            self.revision += 1  # text typed is no step: this copy is newer all the same
        self._written = (self.revision, steps)
        doc, path, base, key, revision, origin, cursor = (
            self.editor.doc,
            self.editor.path,
            self.fingerprint,
            self.key,
            self.revision,
            self.origin,
            self._cursor(),
        )
        child = None
        if forked.available():
            try:
                # The typing is made on the child's copy of the document, not the editor's.
                child = forked.start(
                    lambda: self.store.write(
                        write_json(with_typing(doc, steps)),
                        path,
                        base=base,
                        key=key,
                        revision=revision,
                        origin=origin,
                        cursor=cursor,
                    )
                )
            except OSError:
                child = None  # no fork now (out of processes or memory): use a thread
        if child is not None:

            def work() -> None:
                error = child.wait(timeout=CHILD_TIMEOUT)
                if error is not None:
                    raise WriteError(error)
        else:
            snapshot = Snapshot.of(doc)

            def work() -> None:
                data = (
                    write_json(with_typing(snapshot.document(), steps))
                    if steps
                    else snapshot.to_json()
                )
                self.store.write(
                    data, path, base=base, key=key, revision=revision, origin=origin, cursor=cursor
                )

        self._writing = True
        self.editor.run_worker(
            self._write(work, key, revision), name="autosave", group="autosave", exit_on_error=False
        )

    def write_now(self) -> bool:
        """Write the recovery file at once, on this thread, and return when it is on disk
        (``False``: nothing unsaved to keep). For an app about to stop (SIGTERM, the
        terminal closed): there is no time for :meth:`autosave`'s background write.
        Raises :class:`~featuretree.storage.atomic.WriteError`."""
        self._cancel()
        if not self.history.dirty:
            return False
        self.store.write(
            write_json(self.editor.doc),
            self.editor.path,
            base=self.fingerprint,
            key=self.key,
            revision=self.revision,
            origin=self.origin,
            cursor=self._cursor(),
        )
        self.autosaves += 1
        return True

    def _cursor(self) -> str | None:
        """The id of the node the cursor is on (``None`` before the tree is there)."""
        try:
            return self.editor.tree.cursor_node.id
        except NoMatches:
            return None

    async def _write(self, work: Callable[[], None], key: str, revision: int) -> None:
        try:
            await asyncio.to_thread(work)
        except WriteError as exc:
            if not self._failed:  # once per run of failures, not every few seconds
                self.editor.notify(
                    t("file.autosave_failed", error=error_text(exc)),
                    title=t("file.autosave_failed_title"),
                    severity="warning",
                    timeout=8,
                    markup=False,
                )
            self._failed = True
            self._written = None  # not on disk: the next copy writes it again
        else:
            self._failed = False
            self.autosaves += 1
            if self.store.superseded(key, revision):
                # Saved (or discarded) while a child process was writing: that child
                # could not see it, so its file is removed here (no newer write of it
                # can exist: one write at a time).
                try:
                    self.store.discard_key(key)
                except WriteError:
                    pass  # the next save or clean quit removes it
        finally:
            self._writing = False
        if self._again:
            self._again = False
            self.autosave()

    def _discard(self, key: str | None = None) -> None:
        self._written = None
        try:
            self.store.discard_key(key or self.key, revision=self.revision)
        except WriteError as exc:
            self.editor.notify(
                str(exc), title=t("file.recovery_file_title"), severity="warning", markup=False
            )

    def close(self) -> None:
        """A clean quit: remove the recovery file (the user saved or chose to discard)."""
        self._cancel()
        self._discard()

    # -- saving -----------------------------------------------------------------------------

    def save(
        self,
        target: Path | None = None,
        *,
        then: Callable[[], object] | None = None,
        copy_if_lossy: bool = False,
    ) -> bool:
        """Save to ``target`` (default: the editor's path). False when not saved (yet).

        Asks first when the format of ``target`` would lose part of the document (or what
        the file held that featuretree did not read), when the file changed on disk since
        it was loaded, or when ``target`` is another file that already exists; the answer may save later. ``then`` runs once the document is saved, now or after a question
        (e.g. "save and quit").

        ``copy_if_lossy`` (Save as…): when ``target`` is another file in a format that
        loses part of the document, it is written as a copy — the document stays in its
        own file (Ctrl+S keeps saving there) and stays unsaved if it was.
        """
        target = target or self.editor.path
        if target is None:
            self.ask_path(suggest_name(self.editor.doc), then)
            return False
        target = Path(target)
        if not copy_if_lossy and self._unchanged(target):
            # Ctrl+S on a file as it was read: nothing is written. A rewrite would give
            # back only what featuretree understood of a colleague's file (and ask to
            # drop the rest), though nobody edited it.
            self.editor.notify(t("app.nothing_to_save", name=target.name), timeout=3, markup=False)
            if then is not None:
                then()
            return True
        fmt = formats.for_path(target)
        if target == self.editor.path and (fmt is None or fmt.writer is None):
            # Opened from a file featuretree cannot write (or with no known extension).
            self.editor.notify(
                t("app.cannot_write_format", name=target.name), severity="warning", markup=False
            )
            self.ask_path(str(target.with_suffix(".json")), then)
            return False
        if fmt is not None and fmt.export_only:
            # featuretree cannot open a picture (or PlantUML) again: a document saved there
            # would leave nothing to come back to. Ctrl+E exports; save the document as JSON.
            self.editor.notify(
                t("app.export_only_format", name=target.name), severity="warning", markup=False
            )
            self.ask_path(str(target.with_suffix(".json")), then)
            return False
        lost: dict[str, int] = {}
        if fmt is not None:
            lost, data = check(self.editor.doc, fmt, overwriting_source=self._is_source(target))
            # What the check wrote is what a save of this revision writes (not written twice).
            self._checked = (self.revision, target.absolute(), data)
        self._loss_note = describe_losses(lost)
        self._lost = lost
        as_copy = copy_if_lossy and bool(lost) and not self._is_path(target)
        if lost and target.absolute() not in self._loss_accepted:
            # Never a bare "Saved" over a loss: keep working in a JSON beside it (the
            # default), or write the format knowing what it drops.
            assert fmt is not None
            beside = target.with_suffix(".json")
            self.editor.app.push_screen(
                loss_dialog(str(target.name), format_label(fmt), self._loss_note, beside.name),
                lambda choice: self._loss_answer(choice, target, beside, then, as_copy),
            )
            return False
        return self._save_checked(target, then, as_copy)

    def ask_path(
        self,
        suggestion: str,
        then: Callable[[], object] | None = None,
        *,
        copy_if_lossy: bool = False,
    ) -> None:
        """Ask where to save (``suggestion`` filled in), then save there (``.json`` if no suffix)."""

        def chosen(path: Path | None) -> None:
            if path is not None:
                self.save(
                    path if path.suffix else path.with_suffix(".json"),
                    then=then,
                    copy_if_lossy=copy_if_lossy,
                )

        self.editor.app.push_screen(SavePathScreen(suggestion), chosen)

    def save_as(self) -> None:
        """Save as…: ask for a file (any format, by its extension) and save there.

        A format that keeps everything moves the document to the new file (Ctrl+S saves
        there from now on). A lossy one (asked about first, with the loss list) is
        written as a copy: a PM who sends a colleague a ``.mm`` keeps working in the
        ``.json``, and Ctrl+S never silently goes on to strip the ``.mm``.
        """
        path = self.editor.path
        self.ask_path(
            str(path) if path is not None else suggest_name(self.editor.doc), copy_if_lossy=True
        )

    def _is_path(self, target: Path) -> bool:
        """Whether ``target`` is the document's own file (where Ctrl+S writes)."""
        path = self.editor.path
        return path is not None and Path(path).absolute() == Path(target).absolute()

    def _unchanged(self, target: Path) -> bool:
        """Whether ``target`` is the document's own file, the document has no edits since
        it was read or saved, and the file still holds what was read (a file changed or
        deleted on disk since goes the usual way: asked about, or written again). A
        featuretree file repaired while it was read is not unchanged."""
        loaded = self.fingerprint
        fmt = formats.for_path(target)
        if fmt is not None and fmt.lossless and self.editor.doc.warnings:
            return False  # repaired while read (a duplicate id…): saving writes the repair
        return (
            self._is_path(target)
            and not self.history.dirty
            and loaded is not None
            and loaded.exists
            and loaded.path == target.absolute()
            and not changed_since(loaded)
        )

    def _is_source(self, target: Path) -> bool:
        """Whether ``target`` is the file the document was read from."""
        if self.source is None:
            return False
        try:
            return target.resolve() == Path(self.source).resolve()
        except OSError:
            return target.absolute() == Path(self.source).absolute()

    def _loss_answer(
        self,
        choice: str | None,
        target: Path,
        beside: Path,
        then: Callable[[], object] | None,
        as_copy: bool = False,
    ) -> None:
        if choice == "json":
            self.save(beside, then=then)  # asks before replacing an existing JSON
        elif choice == "write":
            self._loss_accepted.add(target.absolute())
            self._save_checked(target, then, as_copy)

    def _save_checked(
        self, target: Path, then: Callable[[], object] | None, as_copy: bool = False
    ) -> bool:
        """Save to ``target``, asking first before replacing a file that is not the document's."""
        if another_existing_file(target, self.editor.path):
            # "Save as" onto a file that is not this document's: never replace it unasked.
            self.editor.app.push_screen(
                replace_file_dialog(str(target)),
                lambda choice: (
                    self._write_checked(target, then, as_copy) if choice == "replace" else None
                ),
            )
            return False
        return self._write_checked(target, then, as_copy)

    def _write_checked(
        self, target: Path, then: Callable[[], object] | None, as_copy: bool = False
    ) -> bool:
        """Write ``target``, asking first when it changed on disk since it was loaded (gone
        from it, deleted or moved away, it is written back at once, as the notice said)."""
        loaded = self.fingerprint
        ours = loaded is not None and loaded.path == Path(target).absolute()
        if ours and changed_since(loaded) and not gone_since(loaded):
            self.editor.app.push_screen(
                changed_on_disk_question(self, target),
                lambda choice: self._external_change(choice, target, then),
            )
            return False
        return self.write(target, then=then, as_copy=as_copy)

    def write(
        self,
        target: Path,
        *,
        backup: bool = True,
        then: Callable[[], object] | None = None,
        as_copy: bool = False,
    ) -> bool:
        """Write the document to ``target`` now, keeping ``FILE~``; False (and why) on failure.

        ``as_copy``: a lossy Save as — the document stays in its own file (see :meth:`save`).
        """
        checked, data = self._checked, None
        if checked is not None and checked[:2] == (self.revision, Path(target).absolute()):
            data = checked[2]
        try:
            formats.save(self.editor.doc, target, backup=backup, data=data)
        except BackupError as exc:

            def decided(choice: str | None) -> None:
                if choice == "no_backup":
                    self.write(target, backup=False, then=then, as_copy=as_copy)

            self.editor.app.push_screen(backup_failed_dialog(str(exc)), decided)
            return False
        except (formats.FormatError, WriteError) as exc:
            self.editor.notify(
                error_text(exc),
                title=t("app.not_saved_title"),
                severity="error",
                timeout=8,
                markup=False,
            )
            return False
        if as_copy:
            self._saved_copy(target)
        else:
            self._saved(target)
        if then is not None:
            then()
        return True

    def _saved(self, target: Path, *, quiet: bool = False) -> None:
        """The document was written to ``target``: it is the one loaded and saved now.
        ``quiet``: the caller says so itself (a merge says what it merged)."""
        old_key = self.key
        moved = (
            self.editor.path is None or Path(self.editor.path).absolute() != Path(target).absolute()
        )
        self.editor.path = target
        self.fingerprint = fingerprint_of(target)
        self.key = self._key_for(target)
        self._cancel()
        self._discard()
        if old_key != self.key:
            self._discard(old_key)
        self._checked = None  # its bytes are on disk now: not kept in memory
        lost_kinds, self._lost = self._lost, {}
        if self._is_source(target):
            doc = self.editor.doc
            doc.not_imported = still_held(doc.not_imported, lost_kinds)  # the file's now
            self.editor.doc.root_from_file_name = False  # it has that one root now
        self.history.mark_saved()
        self.editor.baseline.saved()  # "what changed" counts from here now
        self.editor.update_header()
        lost, self._loss_note = self._loss_note, ""
        if lost:
            self.editor.notify(
                t("loss.saved_with_loss", path=str(target), lost=lost),
                severity="warning",
                timeout=6,
                markup=False,
            )
        elif not quiet:
            self.editor.notify(t("app.saved", path=str(target)), timeout=2, markup=False)
        if moved:
            # "Save as": the document now lives in a new file, which the start screen's
            # recent files must offer (opening a file is not the only way to get one).
            self.editor.remember_recent()

    def _saved_copy(self, target: Path) -> None:
        """A lossy Save as was written: say so, and where the document still lives."""
        self._checked = None
        lost, self._loss_note = self._loss_note, ""
        self._lost = {}
        path = self.editor.path
        if path is not None:
            text = t("file.saved_copy", path=str(target), lost=lost, name=path.name)
        else:
            text = t("file.saved_copy_untitled", path=str(target), lost=lost)
        self.editor.notify(text, severity="warning", timeout=8, markup=False)

    def _external_change(
        self, choice: str | None, target: Path, then: Callable[[], object] | None
    ) -> None:
        if choice == "merge":
            merge_and_save(self, target, then, lambda c: self._external_change(c, target, then))
        elif choice == "overwrite":
            self.write(target, then=then)
        elif choice == "save_as":
            self.ask_path(str(target), then)
        elif choice == "reload":
            self.reload()

    def reload(self, *, changed_on_disk: bool = False) -> None:
        """Ask the app to replace the editor by the file as it is on disk now.

        The unsaved edits are dropped: only after the user chose "reload" (or there are
        none: ``changed_on_disk``, the file changed underneath an unmodified document).
        """
        path, loaded = self.editor.path, self.fingerprint
        if path is not None and loaded is not None and gone_since(loaded):
            # Nothing to reload ("reloading" read an empty new document in its place).
            self.editor.notify(t("file.gone_while_editing", name=path.name), markup=False)
        elif path is not None:
            self.close()
            self.editor.post_message(
                self.editor.ReloadFromDisk(self.editor, changed_on_disk=changed_on_disk)
            )

    def ask_reload(self) -> None:
        """Reload from disk: at once when unmodified, else after "reload loses the edits?"."""
        path = self.editor.path
        if path is None:
            self.editor.notify(t("file.not_saved_nothing_to_reload"), timeout=4, markup=False)
            return
        if not self.history.dirty:
            self.reload()
            return
        self.editor.app.push_screen(
            reload_dialog(path.name), lambda choice: self.reload() if choice == "reload" else None
        )


def _mark_unsaved(history: History) -> None:
    # A restored document differs from the file although no command made it so: it
    # must stay dirty (and ask before quitting) until it is saved, even after undo.
    history.mark_unsaved()
