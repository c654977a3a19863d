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
from featuretree.collector import gc_paused
from featuretree.i18n import error_text, t
from featuretree.model.document import Document, same_info
from featuretree.model.node import FeatureNode, content
from featuretree.session.opening import read_document
from featuretree.storage.fingerprint import Fingerprint
from featuretree.versions import CONFLICT_TAG, MergeResult, UnrelatedError, merge

__all__ = [
    "CONFLICT_TAG",
    "DiskMerge",
    "MergeRefused",
    "can_merge",
    "changed_nodes",
    "merge_with_disk",
]


class MergeRefused(Exception):
    """The merge cannot be made; the message says why, in the UI's language."""


@dataclass
class DiskMerge:
    """A merge made (nothing written yet)."""

    result: MergeResult
    fingerprint: Fingerprint
    """The file as THEIRS was read from it: a save must find it still so."""
    taken: int
    """Nodes THEIRS changed (from BASE: added, removed, edited, moved, children
    reordered) without a conflict: their changes there were taken whole."""
    conflicts: int
    """Nodes the merge had to decide for (OURS kept, tagged ``conflict``, THEIRS in the
    notes)."""
    meta_conflicts: list[str]
    """Fields of the document information both changed (OURS kept; THEIRS is in no node,
    only in the file replaced, kept as ``FILE~``)."""

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
        # The notes of a conflict name the sides as the user knows them, not OURS/THEIRS.
        result = merge(base, ours, theirs, sides=("mine", "disk"))
    except UnrelatedError:
        raise MergeRefused(t("merge_disk.unrelated", name=path.name)) from None
    conflicted = {c.node_id for c in result.conflicts}
    taken = len(changed_nodes(base, theirs) - conflicted)
    meta = [c.what.removeprefix("meta.") for c in result.conflicts if c.node_id is None]
    return DiskMerge(result, fingerprint, taken, len(conflicted - {None}), meta)


def changed_nodes(old: Document, new: Document) -> set[str]:
    """The ids of the nodes ``new`` added, removed or changed (fields, parent, or the
    order of their children) since ``old``; ``None`` stands for the document information.

    What "N nodes of theirs taken" counts: a walk of each tree and a comparison of
    values, ~5× cheaper than :func:`featuretree.versions.diff`, whose paths and wording
    nobody reads here.
    """
    before, after = _by_id(old), _by_id(new)
    changed: set[str | None] = set(before.keys() ^ after.keys())
    for node_id, (fields, kids) in after.items():
        was = before.get(node_id)
        if was is None:
            continue
        if was[0] != fields:
            changed.add(node_id)
        elif was[1] != kids:
            shared = set(was[1]) & set(kids)
            if [k for k in was[1] if k in shared] != [k for k in kids if k in shared]:
                changed.add(node_id)  # its children were reordered
    if not same_info(old, new) or tuple(old.revisions) != tuple(new.revisions):
        changed.add(None)
    return changed  # type: ignore[return-value]


def _by_id(doc: Document) -> dict[str, tuple[tuple, tuple[str, ...]]]:
    """Each node's id → (its fields with its parent's id, its children's ids)."""
    out: dict[str, tuple[tuple, tuple[str, ...]]] = {}
    stack: list[tuple[FeatureNode, str | None]] = [(doc.root, None)]
    with gc_paused():
        while stack:
            n, parent_id = stack.pop()
            kids = n.kids
            fields = (parent_id, *content(n))
            out[n.id] = (fields, tuple(kid.id for kid in kids))
            stack.extend((kid, n.id) for kid in kids)
    return out
