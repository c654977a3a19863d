"""The document as it was opened or last saved, kept to show what changed since.

The editor's "what changed" (issue 14) compares this copy with the document now. The
copy is a :class:`~featuretree.session.snapshot.Snapshot` (every node's fields in a flat
list, the values shared with the document: no serialization). Taking it walks every node
(~0.15 s at 100,000 nodes on a quiet machine; ``benchmarks/changes_view.py``), so it is
taken in a thread right after the document is opened or saved, while the user looks at
it. Nothing edits a document but its :class:`~featuretree.operations.History`, which
calls :meth:`Baseline._before` before each step: if the thread has not finished by then,
the copy is taken there, on the spot — the document is still as opened — and the
thread's copy (which may have seen the edit begin) is dropped.
"""

from __future__ import annotations

import threading

from featuretree.model.document import Document
from featuretree.operations import History
from featuretree.session.snapshot import Snapshot


class Baseline:
    """A copy of ``history``'s document as opened or saved (see the module docstring)."""

    def __init__(self, history: History) -> None:
        self.history = history
        self._lock = threading.Lock()
        self._snapshot: Snapshot | None = None
        self._generation = 0
        self._thread: threading.Thread | None = None
        self._copying_other = False
        history.subscribe_before(self._before)

    def reset(self, source: Document | None = None, *, background: bool = True) -> None:
        """The document is as on disk now (opened or just saved): copy it.

        ``source``: what is on disk when it is not the document being edited (a document
        restored from a recovery file differs from its file: the file is what the user
        opened). ``background=False`` copies now, on this thread.
        """
        doc = source if source is not None else self.history.doc
        with self._lock:
            self._generation += 1
            generation = self._generation
            self._snapshot = None
            # Edits of the edited document cannot reach a copy of another one.
            self._copying_other = source is not None
        if not background:
            self._copy(doc, generation)
            return
        thread = threading.Thread(
            target=self._copy, args=(doc, generation), name="baseline", daemon=True
        )
        self._thread = thread
        thread.start()

    def _copy(self, doc: Document, generation: int) -> None:
        try:
            snapshot = Snapshot.of(doc)
        except Exception:
            # The document changed under the walk (an edit began): _before took the copy.
            return
        with self._lock:
            if generation == self._generation and self._snapshot is None:
                self._snapshot = snapshot

    def _before(self) -> None:
        """Called by the history before each step: the copy must exist before the change."""
        with self._lock:
            if self._snapshot is not None or self._copying_other or self._thread is None:
                return
            self._generation += 1  # a copy still under way may see the edit: dropped
            generation = self._generation
        snapshot = Snapshot.of(self.history.doc)  # not changed yet: as opened or saved
        with self._lock:
            if generation == self._generation:
                self._snapshot = snapshot

    def snapshot(self, timeout: float | None = None) -> Snapshot | None:
        """The copy, waiting up to ``timeout`` seconds for the thread taking it
        (``None``: not ready, e.g. called before the first :meth:`reset`)."""
        thread = self._thread
        if self._snapshot is None and thread is not None:
            thread.join(timeout)
        return self._snapshot

    def document(self, timeout: float | None = None) -> Document | None:
        """A new document as opened or saved (any thread; builds it from the copy)."""
        snapshot = self.snapshot(timeout)
        return snapshot.document() if snapshot is not None else None
