"""Opening a document in the editor: one fingerprinted read, then the offer of kept edits.

:func:`read_document` reads the file once (the bytes loaded are the bytes fingerprinted,
so a later change on disk is noticed). :func:`open_editor` then looks for a recovery file
of the document and asks restore (Enter) / show difference / discard before the editor
appears. One older than the file is offered too (the file was changed by something else
after the crash; the kept edits are still the user's work), and a restored document
remembers the file it was made from (``Persistence.loaded``), so saving it over a file
changed since asks first. :func:`offer_untitled` does the same at start-up for documents
never saved.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from textual.app import App

from featuretree import formats
from featuretree.i18n import t
from featuretree.model.document import Document
from featuretree.storage.atomic import WriteError
from featuretree.storage.fingerprint import Fingerprint
from featuretree.storage.recovery import RecoveryInfo, RecoveryStore, diff_counts
from featuretree.tui.file_dialogs import RecoveryDialog

if TYPE_CHECKING:
    from featuretree.tui.editor import EditorScreen

ShowEditor = Callable[["EditorScreen"], None]
"""Puts an editor on screen (the app's ``_show_editor``)."""


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
        fingerprint, doc = Fingerprint.read_and_use(
            path, lambda data: formats.loads(data, fmt.name, source=source))
    except IsADirectoryError:
        raise formats.FormatError("is a folder, not a file", source=source) from None
    except OSError as exc:
        raise formats.FormatError(f"cannot read: {exc.strerror or exc}", source=source) from None
    return doc, fingerprint, False


def make_editor(doc: Document, path: Path | None, fingerprint: Fingerprint | None = None, *,
                recovered: RecoveryInfo | None = None) -> EditorScreen:
    """An editor for ``doc``; a ``recovered`` document starts unsaved and keeps its key."""
    from featuretree.tui.editor import EditorScreen  # the editor imports this module

    editor = EditorScreen(doc, path, fingerprint=fingerprint)
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

    _offer(app, store, info, empty, t("file.untitled_name"), decided)


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
            message = t("file.kept_as", error=str(exc), path=str(aside))
        except OSError:
            message = t("file.left_in_place", error=str(exc))
        app.notify(message, title=t("file.damaged_title"),
                   severity="error", timeout=10, markup=False)
        then(None)
        return

    def difference() -> str:
        counts = diff_counts(current, recovered)
        if counts.identical:
            return t("file.diff_same")
        text = t("file.diff", added=counts.added, removed=counts.removed,
                 changed=counts.changed, moved=counts.moved)
        return f"{text} {t('file.diff_meta')}" if counts.meta_changed else text

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
