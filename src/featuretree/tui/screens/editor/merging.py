"""Ctrl+S found the file changed on disk: "Merge both" (the editor's side).

The question (:func:`~featuretree.tui.screens.questions.external_change_dialog`) offers
"Merge both" first, and as the default, when the file's format keeps every node's id
(featuretree JSON) and the document as opened or saved is known. Chosen, it
(:mod:`featuretree.session.disk_merge` does the merging):

1. reads the file as it is now and merges by node id (BASE: the document as opened or
   saved, OURS: the editor's, THEIRS: the file);
2. writes the merged document over the file (the colleague's version is kept as
   ``FILE~``, as any save keeps the file it replaces) — the user pressed Ctrl+S, and
   the merge is what they chose to save;
3. only once it is written, makes the editor's document the merged one as ONE undoable
   step (Ctrl+Z gives back the edits as they were before the merge), and says what
   happened: how many of their changes were taken, how many conflicts (OURS kept, the
   node tagged ``conflict``, THEIRS in its notes).

Anything that goes wrong before the write is done (the file cannot be read, is gone,
changed again meanwhile, cannot be written) writes nothing and leaves the document as
it was; a file that cannot be read brings the question back without "Merge both",
saying why.
"""

from __future__ import annotations

import asyncio
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from featuretree import formats
from featuretree.i18n import error_text, t
from featuretree.operations.base import OperationError
from featuretree.operations.replace import ReplaceContent
from featuretree.session.disk_merge import DiskMerge, MergeRefused, can_merge, merge_with_disk
from featuretree.session.snapshot import Snapshot
from featuretree.storage.atomic import WriteError, backup_path
from featuretree.storage.fingerprint import changed_since
from featuretree.tui.bindings import editor_keys
from featuretree.tui.screens.questions import ChoiceDialog, external_change_dialog

if TYPE_CHECKING:
    from featuretree.tui.screens.editor.saving import Persistence

Answer = Callable[[str | None], None]
"""What the question's answer is given to (``Persistence._external_change``)."""

BASE_WAIT = 10.0
"""Seconds to wait for the copy of the document as opened (taken in a thread, normally
long done: the first edit waits for it)."""


def changed_on_disk_question(
    persistence: Persistence, target: Path, *, problem: str | None = None
) -> ChoiceDialog:
    """The question for ``target``, changed on disk: with "Merge both" when it can be
    made, without it (and ``problem`` said) when it was tried and could not."""
    editor = persistence.editor
    mergeable = problem is None and can_merge(target) and editor.baseline.ancestor
    return external_change_dialog(str(target), merge=mergeable, detail=problem)


def merge_and_save(
    persistence: Persistence,
    target: Path,
    then: Callable[[], object] | None,
    answer: Answer,
) -> None:
    """The answer "Merge both": merge with ``target`` as it is now, write the result there, take it
    as one step (see the module docstring). ``answer`` takes the question's answer when
    it has to be asked again (the file could not be read).

    Reading and merging run in a thread (~2 s at 100,000 nodes) on a copy of the
    document; an edit made meanwhile starts them again, so the merge holds it. Only the
    write and the step are on the UI thread (~1 s at 100,000 nodes). Pressing Ctrl+S and
    merging again meanwhile replaces this merge (it has written nothing yet)."""
    persistence.editor.run_worker(
        _merge(persistence, target, then, answer),
        name="merge",
        group="merge",
        exclusive=True,
        exit_on_error=False,
    )


async def _merge(
    persistence: Persistence,
    target: Path,
    then: Callable[[], object] | None,
    answer: Answer,
) -> None:
    editor = persistence.editor
    baseline = editor.baseline
    while True:
        steps = baseline.steps
        ours = Snapshot.of(editor.doc)  # the thread must not read a document being edited

        def work(ours: Snapshot = ours) -> DiskMerge:
            return merge_with_disk(baseline.document(BASE_WAIT), ours.document(), target)

        try:
            merged = await asyncio.to_thread(work)
        except MergeRefused as exc:
            # The other answers still stand: asked again, with why merging is not one.
            editor.app.push_screen(
                changed_on_disk_question(persistence, target, problem=str(exc)), answer
            )
            return
        except Exception as exc:  # a fault in the merge itself: nothing written, said
            _not_saved(persistence, t("merge_disk.not_saved", error=error_text(exc)))
            return
        if baseline.steps == steps:
            break
    cursor = editor.tree.cursor_node
    focus = cursor.id if cursor is not None and cursor.id in merged.document else None
    step = ReplaceContent(merged.document, focus=focus, label="Merge with the file on disk")
    if changed_since(merged.fingerprint):
        # Changed again since it was just read (a pull still writing): merged with what
        # is no longer there. Nothing written; Ctrl+S asks again about what is there now.
        _not_saved(persistence, t("merge_disk.changed_again", name=target.name))
        return
    try:
        formats.save(merged.document, target, backup=True)
    except (formats.FormatError, WriteError) as exc:
        _not_saved(persistence, t("merge_disk.not_saved", error=error_text(exc)))
        return
    try:
        persistence.history.do(step)
    except OperationError as exc:  # cannot happen: the merge keeps the document's root
        _not_saved(persistence, error_text(exc))
        return
    persistence._saved(target, quiet=True)  # the merge's own message says it is saved
    _tell(persistence, target, merged)
    if then is not None:
        then()


def _not_saved(persistence: Persistence, text: str) -> None:
    persistence.editor.notify(
        text, title=t("app.not_saved_title"), severity="error", timeout=10, markup=False
    )


def _tell(persistence: Persistence, target: Path, merged: DiskMerge) -> None:
    """Say what the merge did, in the UI's language, with the keys that find and undo it."""
    editor = persistence.editor
    app = editor.app
    undo = editor_keys(app, "editor.undo")
    if merged.conflicts:
        text = t(
            "merge_disk.done_conflicts",
            name=target.name,
            taken=merged.taken,
            conflicts=merged.conflicts,
            key=editor_keys(app, "app.filter"),
            undo=undo,
        )
    else:
        text = t("merge_disk.done", name=target.name, taken=merged.taken, undo=undo)
    if merged.meta_conflicts:
        text += " " + t(
            "merge_disk.meta_conflict",
            fields=", ".join(merged.meta_conflicts),
            backup=backup_path(target).name,
        )
    trouble = bool(merged.conflicts or merged.meta_conflicts)
    editor.notify(
        text,
        title=t("merge_disk.title"),
        severity="warning" if trouble else "information",
        timeout=15 if trouble else 8,
        markup=False,
    )
