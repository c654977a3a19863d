"""Merge the editor's unsaved edits with the file as it is on disk now ("Merge both").

A PM edits, a ``git pull`` in another terminal changes the file, Ctrl+S finds it
changed. Overwriting drops the colleague's edits, reloading drops the PM's; a three-way
merge by node id (:func:`featuretree.versions.merge`) keeps both:

- BASE: the document as it was opened or last saved (the editor's
  :class:`~featuretree.session.baseline.Baseline`);
- OURS: the document in the editor;
- THEIRS: the file read now, with the reader that opened it.

Only for formats whose files keep every node's id (featuretree JSON, the lossless
one): Markdown, XMind and FreeMind keep the ids featuretree wrote but make ids up from
place and title for the nodes a colleague's tool left without one, and OPML and Mermaid
always do; a renamed or inserted node would then be "deleted and added" and its subtree
doubled. Nothing is written here: the caller writes the result and takes it as one
undoable step.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from featuretree import formats
from featuretree.i18n import error_text, t
from featuretree.model.document import Document
from featuretree.session.opening import read_document
from featuretree.storage.fingerprint import Fingerprint
from featuretree.versions import CONFLICT_TAG, MergeResult, UnrelatedError, diff, merge

__all__ = ["CONFLICT_TAG", "DiskMerge", "MergeRefused", "can_merge", "merge_with_disk"]


class MergeRefused(Exception):
    """The merge cannot be made; the message says why, in the UI's language."""


@dataclass
class DiskMerge:
    """A merge made (nothing written yet)."""

    result: MergeResult
    fingerprint: Fingerprint
    """The file as THEIRS was read from it: a save must find it still so."""
    taken: int
    """Changes of THEIRS (from BASE) on nodes without a conflict: taken whole."""
    conflicts: int
    """Nodes the merge had to decide for (OURS kept, tagged ``conflict``), plus one when
    the document information conflicted."""

    @property
    def document(self) -> Document:
        """The merged document."""
        return self.result.document


def can_merge(path: Path | None) -> bool:
    """Whether a file at ``path`` keeps every node's id, so that a merge by id is sound
    (see the module docstring)."""
    if path is None:
        return False
    fmt = formats.for_path(path)
    return fmt is not None and fmt.lossless and fmt.can_read


def merge_with_disk(base: Document | None, ours: Document, path: Path) -> DiskMerge:
    """Merge ``ours`` (made from ``base``) with the file at ``path`` as it is now.

    Raises :class:`MergeRefused` (nothing changed, nothing written) when there is no
    BASE, the format keeps no ids, the file is gone or cannot be read (git conflict
    markers, invalid JSON: the reader's own words), or it is another document.
    """
    if not can_merge(path):
        raise MergeRefused(t("merge_disk.format", name=path.name))
    if base is None:
        raise MergeRefused(t("merge_disk.no_base"))
    try:
        theirs, fingerprint, new = read_document(path)
    except formats.FormatError as exc:
        raise MergeRefused(t("merge_disk.unreadable", error=error_text(exc))) from None
    if new:
        raise MergeRefused(t("merge_disk.gone", name=path.name))
    try:
        result = merge(base, ours, theirs)
    except UnrelatedError:
        raise MergeRefused(t("merge_disk.unrelated", name=path.name)) from None
    conflicted = {c.node_id for c in result.conflicts}
    theirs_changes = diff(base, theirs, related=True).changes
    taken = sum(1 for change in theirs_changes if change.node_id not in conflicted)
    return DiskMerge(result, fingerprint, taken, len(conflicted))
