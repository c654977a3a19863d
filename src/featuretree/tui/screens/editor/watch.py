"""Noticing that the document's file changed on disk while the editor is open.

Every :data:`INTERVAL` seconds the editor's timer stats the file, and does nothing else:
no read, no hash, no redraw (a stat is a few microseconds; the key-to-frame figures
must not move). Only when the modification time or the size differ from the last seen
ones is the content compared with what was loaded
(:func:`~featuretree.storage.fingerprint.changed_since` hashes the file), in a thread,
never on the UI thread. A file touched or rewritten with the same bytes is no change.

Then, when the document is unmodified, it is reloaded (toast "Reloaded X: it changed on
disk"); when it has unsaved changes, the user is told once (Ctrl+S asks before writing
over the file, see ``saving.py``). Undoing back to the saved state later reloads it then.

The editor's own saves do not count: a save takes a new fingerprint of what it wrote,
which is what the next stat is compared with. Autosaves write recovery files elsewhere.
Tests shorten the interval with ``FEATURETREE_WATCH_INTERVAL`` (seconds).
"""

from __future__ import annotations

import asyncio
import os
from typing import TYPE_CHECKING

from textual.timer import Timer

from featuretree.i18n import t
from featuretree.session.disk_merge import can_merge
from featuretree.storage.fingerprint import Fingerprint, changed_since

if TYPE_CHECKING:
    from featuretree.tui.screens.editor.screen import EditorScreen

INTERVAL = 2.0
"""Seconds between two looks at the file (one stat each)."""

Stat = tuple[int, int] | None
"""(mtime in ns, size) of a file; ``None`` when there is none."""


def watch_interval() -> float:
    """The polling interval: :data:`INTERVAL`, or ``FEATURETREE_WATCH_INTERVAL`` (tests)."""
    try:
        value = float(os.environ.get("FEATURETREE_WATCH_INTERVAL", INTERVAL))
    except ValueError:
        return INTERVAL
    return value if value > 0 else INTERVAL


def _stat(fingerprint: Fingerprint) -> Stat:
    try:
        info = os.stat(fingerprint.path)
    except OSError:
        return None
    return info.st_mtime_ns, info.st_size


class FileWatch:
    """One editor's look at its file on disk (``editor.watch``), started on mount."""

    def __init__(self, editor: EditorScreen) -> None:
        self.editor = editor
        self._timer: Timer | None = None
        self._base: Fingerprint | None = None
        """The fingerprint the last seen stat belongs to (a save or reload makes a new one)."""
        self._seen: Stat = None
        self._checking = False
        self._stale = False
        """The file no longer holds what was loaded, and the document was not reloaded yet."""
        self._told: set[str] = set()
        """What the user was told about the file already (changed, gone): once each."""

    def start(self) -> None:
        """Look at the file every :func:`watch_interval` seconds while the editor exists."""
        if self._timer is None:
            self._timer = self.editor.set_interval(watch_interval(), self.poll, name="file-watch")

    def poll(self) -> None:
        """One look: a stat; the content is compared (in a thread) only when it moved."""
        fingerprint = self.editor.persistence.fingerprint
        if fingerprint is None or self.editor.path is None:
            return
        if fingerprint is not self._base:  # loaded, saved or saved as since: start over
            self._base = fingerprint
            self._seen = (fingerprint.mtime_ns, fingerprint.size) if fingerprint.exists else None
            self._stale = False
            self._told = set()
        if self._stale:
            self._act(fingerprint)  # e.g. undone back to the saved state since
            return
        now = _stat(fingerprint)
        if now == self._seen or self._checking:
            return
        self._seen = now
        self._checking = True
        self.editor.run_worker(
            self._compare(fingerprint, gone=now is None),
            name="file-watch",
            group="file-watch",
            exit_on_error=False,
        )

    async def _compare(self, fingerprint: Fingerprint, *, gone: bool) -> None:
        try:
            # Reads and hashes the whole file: never on the UI thread (a big file takes
            # tens of milliseconds).
            changed = await asyncio.to_thread(changed_since, fingerprint)
        finally:
            self._checking = False
        if not changed or fingerprint is not self.editor.persistence.fingerprint:
            return  # the same bytes (touched), or saved over meanwhile
        if gone:
            self._tell("file.gone_while_editing")
            return
        self._stale = True
        self._act(fingerprint)

    def _act(self, fingerprint: Fingerprint) -> None:
        editor = self.editor
        if editor.history.dirty:
            # A featuretree JSON file can be merged with (saving.py, merging.py): say so,
            # the colleague's edits need not be lost to keep these.
            mergeable = can_merge(editor.path) and editor.baseline.ancestor
            self._tell("file.changed_while_editing" + ("_merge" if mergeable else ""))
            return
        if editor.app.screen is not editor or editor.is_typing:
            return  # a form, a question or a title being typed: not pulled away; later
        self._stale = False
        editor.persistence.reload(changed_on_disk=True)

    def _tell(self, key: str) -> None:
        if key in self._told or self.editor.path is None:
            return
        self._told.add(key)
        self.editor.notify(
            t(key, name=self.editor.path.name), severity="warning", timeout=8, markup=False
        )
