"""Opening a document in the editor: one fingerprinted read, then the offer of kept edits.

:func:`~featuretree.session.opening.read_document` reads the file once (the bytes loaded are the bytes fingerprinted,
so a later change on disk is noticed). :func:`open_editor` then looks for a recovery file
of the document and asks restore (Enter) / show difference / discard before the editor
appears; each editor that had the file open keeps its own copy, and each is offered in
turn (newest first). One older than the file is offered too (the file was changed by something else
after the crash; the kept edits are still the user's work), and a restored document
remembers the file it was made from (``Persistence.loaded``), so saving it over a file
changed since asks first. :func:`offer_untitled` does the same at start-up for documents
never saved, and :func:`open_sample` when a sample is opened (unsaved, like a new
document) for those that came from that sample.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from rich.text import Text
from textual.app import App

from featuretree import formats
from featuretree.i18n import error_text, t
from featuretree.model.document import Document
from featuretree.session import view_state
from featuretree.storage.atomic import WriteError
from featuretree.storage.fingerprint import Fingerprint
from featuretree.storage.recovery import (
    DocumentDiff,
    NodeChange,
    RecoveryInfo,
    RecoveryStore,
    document_diff,
    sample_origin,
)
from featuretree.tui.screens.questions import RecoveryDialog

if TYPE_CHECKING:
    from featuretree.tui.screens.editor.screen import EditorScreen

ShowEditor = Callable[["EditorScreen"], None]
"""Puts an editor on screen (the app's ``_show_editor``)."""

DIFF_LIMIT = 500
"""Changes listed by "Show difference" (all are counted)."""

PATH_SEPARATOR = " › "


def make_editor(
    doc: Document,
    path: Path | None,
    fingerprint: Fingerprint | None = None,
    *,
    recovered: RecoveryInfo | None = None,
    on_disk: Document | None = None,
    origin: str | None = None,
) -> EditorScreen:
    """An editor for ``doc``; a ``recovered`` document starts unsaved and keeps its key.

    ``on_disk``: the file's document when ``doc`` is not it (restored kept edits): what
    "what changed" compares with. ``origin``: where a document never saved came from
    (``recovery.sample_origin``), recorded in its recovery copies.
    """
    from featuretree.tui.screens.editor.screen import EditorScreen  # the editor imports this module

    editor = EditorScreen(doc, path, fingerprint=fingerprint)
    # As the user left the file last time (folds, cursor); else, the branches the map's
    # author left folded (XMind, FreeMind). A restored copy's own cursor wins (loaded below).
    remembered = view_state.recall(path, doc) if path is not None else None
    if remembered is not None:
        editor.start_folded = remembered.folded
        editor.start_at = remembered.cursor
    else:
        editor.start_folded = set(doc.folded)
    editor.persistence.origin = origin
    editor.persistence.loaded(fingerprint, recovered=recovered)
    if on_disk is not None:
        editor.baseline.source = on_disk
    if recovered is not None:
        # The kept edits were made on the file as it was then (``recovered.base``): if it
        # has changed since, the file as opened now is not what they started from.
        base = recovered.base
        editor.baseline.ancestor = (
            base is not None and fingerprint is not None and fingerprint.same_content(base)
        )
    return editor


def open_editor(
    app: App,
    doc: Document,
    path: Path,
    fingerprint: Fingerprint,
    show: ShowEditor,
    store: RecoveryStore | None = None,
) -> None:
    """Show ``doc`` (read from ``path``), first offering unsaved work kept for ``path``."""
    store = store or RecoveryStore()

    def restored(info: RecoveryInfo, recovered: Document) -> None:
        show(make_editor(recovered, path, fingerprint, recovered=info, on_disk=doc))

    _offer_each(
        app,
        store,
        store.find_all(path, include_stale=True),
        doc,
        path.name,
        restored,
        lambda: show(make_editor(doc, path, fingerprint)),
    )


def offer_untitled(app: App, show: ShowEditor, store: RecoveryStore | None = None) -> None:
    """At start-up: offer the documents never saved that have unsaved work kept, newest
    first, until one is restored."""
    store = store or RecoveryStore()

    def restored(info: RecoveryInfo, recovered: Document) -> None:
        show(make_editor(recovered, None, recovered=info))

    _offer_each(
        app,
        store,
        store.untitled(),
        Document.new(),
        t("file.untitled_name"),
        restored,
        lambda: None,
    )


def open_sample(
    app: App,
    doc: Document,
    name: str,
    show: ShowEditor,
    store: RecoveryStore | None = None,
) -> None:
    """Show sample ``name`` (``doc``, unsaved), first offering the unsaved work kept from
    it (and from documents never saved whose copies do not say where they came from)."""
    store = store or RecoveryStore()
    origin = sample_origin(name)

    def restored(info: RecoveryInfo, recovered: Document) -> None:
        ours = info.origin == origin  # "what changed" counts from the sample
        show(make_editor(recovered, None, recovered=info, on_disk=doc if ours else None))

    def name_of(info: RecoveryInfo) -> str:
        if info.origin == origin:
            return t("file.sample_copy_name", name=name)
        return t("file.untitled_name")

    _offer_each(
        app,
        store,
        store.untitled(origin),
        doc,
        name_of,
        restored,
        lambda: show(make_editor(doc, None, origin=origin)),
        origin=origin,
    )


def _offer_each(
    app: App,
    store: RecoveryStore,
    copies: list[RecoveryInfo],
    current: Document,
    name: str | Callable[[RecoveryInfo], str],
    restored: Callable[[RecoveryInfo, Document], None],
    none_restored: Callable[[], None],
    *,
    origin: str | None = None,
) -> None:
    """Ask about each kept copy in turn (each editor that had the file keeps its own),
    newest first: discarding one asks about the next; restoring one stops there, and
    the copies not asked about stay for the next opening (the user is told). Nothing is
    removed that the user did not discard. ``name``: what the document is called (or
    what each copy's is); ``origin``: copies of a document never saved that came from it
    are compared with ``current``."""

    def ask(index: int) -> None:
        if index == len(copies):
            none_restored()
            return
        info = copies[index]
        called = name(info) if callable(name) else name

        def decided(recovered: Document | None) -> None:
            if recovered is None:
                ask(index + 1)
                return
            restored(info, recovered)
            left = len(copies) - index - 1
            if left:
                # A document never saved is named by a phrase, not a file name (as in the
                # recovery question): the Chinese sentence takes it without spaces.
                key = "file.recovery_more" if info.for_path else "file.recovery_more_never_saved"
                app.notify(t(key, count=left, name=called), timeout=10, markup=False)

        compare = info.for_path is not None or (origin is not None and info.origin == origin)
        _offer(
            app,
            store,
            info,
            current if compare else None,
            called,
            decided,
            copy=(index + 1, len(copies)),
        )

    ask(0)


def _offer(
    app: App,
    store: RecoveryStore,
    info: RecoveryInfo,
    current: Document | None,
    name: str,
    then: Callable[[Document | None], None],
    *,
    copy: tuple[int, int] = (1, 1),
) -> None:
    """Ask about ``info``; ``then`` gets the recovered document, or ``None`` (discarded).
    ``current``: what "show difference" compares it with (``None``: nothing, a document
    never saved). ``copy``: which of how many kept copies of the document this is."""
    try:
        recovered = store.load(info)
    except formats.FormatError as exc:
        # Damaged: move it aside (the next autosave would replace it), say where, go on.
        aside = info.file.with_name(info.file.name + ".damaged")
        try:
            os.replace(info.file, aside)
            message = t("file.kept_as", error=error_text(exc), path=str(aside))
        except OSError:
            message = t("file.left_in_place", error=error_text(exc))
        app.notify(
            message, title=t("file.damaged_title"), severity="error", timeout=10, markup=False
        )
        then(None)
        return

    def difference() -> tuple[str, list[Text]]:
        diff = document_diff(current, recovered, limit=DIFF_LIMIT)
        counts = diff.counts
        if current is None:  # never saved: nothing to compare with, say what was kept
            return t("file.diff_untitled", count=counts.added), difference_lines(diff)
        if counts.identical:
            return t("file.diff_same"), []
        text = t(
            "file.diff",
            added=counts.added,
            removed=counts.removed,
            changed=counts.changed,
            moved=counts.moved,
        )
        summary = f"{text} {t('file.diff_meta')}" if counts.meta_changed else text
        return summary, difference_lines(diff)

    def decided(choice: str | None) -> None:
        if choice == "restore":
            then(recovered)
            return
        try:
            store.discard(info)
        except WriteError as exc:
            app.notify(str(exc), severity="warning", markup=False)
        then(None)

    app.push_screen(
        RecoveryDialog(
            info,
            name,
            difference,
            copy=copy,
            nodes=len(recovered),
            never_saved=info.for_path is None,  # a copy of a file says which
        ),
        decided,
    )


def difference_lines(diff: DocumentDiff) -> list[Text]:
    """One line per changed node, by title path (``知乎 App › 首页 › 热榜``), for the prompt."""
    lines = [_change_line(change) for change in diff.changes]
    if diff.left_out:
        lines.append(Text(t("file.diff_more", count=diff.left_out), style="dim"))
    return lines


_MARKS = {
    "added": ("+", "green"),
    "removed": ("−", "red"),
    "changed": ("~", "yellow"),
    "moved": ("→", "cyan"),
}


def _change_line(change: NodeChange) -> Text:
    mark, colour = _MARKS[change.kind]
    line = Text(f"{mark} ", style=f"bold {colour}")
    line.append(PATH_SEPARATOR.join(change.path))  # user text: never markup
    if change.kind in ("added", "removed") and change.inside:
        line.append(t("file.diff_inside", count=change.inside), style="dim")
    elif change.kind == "changed":
        fields = t("file.diff_fields_sep").join(
            t(f"file.diff_field.{name}") for name in change.fields
        )
        line.append(t("file.diff_changed", fields=fields), style="dim")
        if "title" in change.fields and change.old_path:
            line.append(t("file.diff_was_titled", title=change.old_path[-1]), style="dim")
    elif change.kind == "moved":
        if change.reordered:
            line.append(t("file.diff_reordered"), style="dim")
        else:
            line.append(
                t("file.diff_moved_from", path=PATH_SEPARATOR.join(change.old_path[:-1])),
                style="dim",
            )
    return line
