"""Versions of a document: what changed between two (:mod:`.diff`), and a three-way merge
of two people's edits (:mod:`.merge`), rendered for people by :mod:`.report`.

Textual-free core (model, operations and formats below it; the CLI and the editor above).
Nothing here recurses: trees are walked with explicit stacks, any depth.
"""

from featuretree.versions.diff import Change, ChangeKind, Diff, UnrelatedError, diff
from featuretree.versions.merge import CONFLICT_TAG, Conflict, MergeResult, merge

__all__ = [
    "CONFLICT_TAG",
    "Change",
    "ChangeKind",
    "Conflict",
    "Diff",
    "MergeResult",
    "UnrelatedError",
    "diff",
    "merge",
]
