"""The document as it was opened or last saved, kept to show what changed since.

The editor's "what changed" (issue 14) compares this copy with the document now. The
copy is a :class:`~featuretree.session.snapshot.Snapshot` (every node's fields in a flat
list, the values shared with the document: no serialization). Taking it walks every node
(~0.15 s at 100,000 nodes on a quiet machine; ``benchmarks/changes_view.py``), so it is
taken in a thread right after the document is shown or saved, while the user looks at
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
    """A copy of ``history``'s document as opened or saved (see the module docstring).

    ``source``: what is on disk when it is not the document being edited (a document
    restored from a recovery file differs from its file, and the file is what the user
    opened); nothing edits it, so it is copied whenever convenient.

    Call :meth:`opened` once the editor shows the document (the copy is then taken in a
    thread), and :meth:`saved` after each save. An edit before :meth:`opened` takes the
    copy at once.
    """

    def __init__(self, history: History, source: Document | None = None) -> None:
        self.history = history
        self.source = source
        self._lock = threading.Lock()
        self._snapshot: Snapshot | None = None
        self._generation = 0
        self._thread: threading.Thread | None = None
        self._started = False
        self.saved_once = False
        """True once the document was saved (the copy is of the saved document), else it
        is the document as opened."""
        self.steps = 0
        """Steps (do, undo, redo) so far: a comparison made in a thread is current when
        this did not change meanwhile."""
        self.ancestor = True
        """True when the copy is of the version the document was made from (what a
        three-way merge with the file needs as BASE). Not so for edits restored from a
        recovery file whose file changed on disk since they were made: the copy is of
        the file as opened, which already holds the colleague's edits (a merge with it
        would take them back). A save makes it so again."""
        history.subscribe_before(self._before)

    def opened(self, *, background: bool = True) -> None:
        """The document is shown: copy it as opened (unless an edit did already)."""
        if not self._started:
            self._start(background)

    def saved(self, *, background: bool = True) -> None:
        """The document was just saved: from now on, changes are counted from here."""
        self.saved_once = True
        self.ancestor = True  # what is on disk now is what the document was saved as
        self.source = None  # the edited document is what is on disk now
        self._start(background)

    def _start(self, background: bool) -> None:
        doc = self.source if self.source is not None else self.history.doc
        self._started = True
        with self._lock:
            self._generation += 1
            generation = self._generation
            self._snapshot = None
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
        self.steps += 1
        with self._lock:
            if self._snapshot is not None:
                return
            source = self.source
            if source is not None and self._thread is not None:
                return  # copying the file's document, which no edit reaches
            self._generation += 1  # a copy still under way may see the edit: dropped
            generation = self._generation
            self._started = True  # opened() has nothing left to do
        snapshot = Snapshot.of(source if source is not None else self.history.doc)
        with self._lock:
            if generation == self._generation:
                self._snapshot = snapshot

    def snapshot(self, timeout: float | None = None) -> Snapshot | None:
        """The copy, waiting up to ``timeout`` seconds for the thread taking it
        (``None``: none yet — nothing was opened, saved or edited)."""
        thread = self._thread
        if self._snapshot is None and thread is not None:
            thread.join(timeout)
        return self._snapshot

    def document(self, timeout: float | None = None) -> Document | None:
        """A new document as opened or saved (any thread; built from the copy)."""
        snapshot = self.snapshot(timeout)
        return snapshot.document() if snapshot is not None else None
