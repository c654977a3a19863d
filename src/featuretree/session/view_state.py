"""How the user left a file on screen, for the next time it is opened: the folds and the
node the cursor was on, as an editor remembers the place in a file.

Folds are view state, not document content: they are never written into the user's file
(a JSON file must not change because a branch was folded). They are kept in featuretree's
own state folder (:func:`~featuretree.storage.recovery.state_dir`, ``views/``), one small
JSON file per document, named by a hash of the document's path, written atomically.

It is a convenience: a missing, unreadable or damaged state file is ignored (the file opens
as the file itself says), and so are ids of nodes that are no longer in the document (ids
are stable: a node keeps its id when the file is edited elsewhere). Only the most recent
:data:`MAX_FILES` documents are remembered.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
from collections.abc import Collection
from dataclasses import dataclass
from pathlib import Path

from featuretree.model.document import Document
from featuretree.model.node import FeatureNode
from featuretree.model.tree import preorder
from featuretree.storage.atomic import WriteError, atomic_write
from featuretree.storage.recovery import state_dir

__all__ = ["MAX_FILES", "RememberedView", "recall", "remember", "view_file"]

VERSION = 1
MAX_FILES = 300
"""Documents whose view is remembered; the least recently left are forgotten first."""

CURSOR_CHAIN = 64
"""Ancestors kept with the cursor's node: when it is gone (deleted, or a new node that was
never saved), the cursor goes to the nearest one still there."""

_FEW_FOLDS = 2000
"""Up to this many folds are listed as they are. More (``z``, "fold all but this path", in a
big file folds every branch) are listed as the branches left open when those are fewer:
the state file stays small."""


@dataclass(frozen=True)
class RememberedView:
    """The view to open a document with."""

    folded: set[str]
    """The ids of the nodes to show folded (all of them: none folded is remembered too)."""
    cursor: str | None
    """The id of the node to put the cursor on (``None``: the file's first node)."""


def view_file(path: str | os.PathLike[str]) -> Path:
    """The state file remembering the view of the document at ``path``."""
    name = hashlib.sha256(_key(path).encode("utf-8", "surrogatepass")).hexdigest()[:32]
    return state_dir() / "views" / f"{name}.json"


def _key(path: str | os.PathLike[str]) -> str:
    return os.path.realpath(os.path.expanduser(os.fspath(path)))


def remember(
    path: str | os.PathLike[str],
    doc: Document,
    folded: Collection[FeatureNode],
    cursor: FeatureNode,
) -> bool:
    """Keep ``folded`` and ``cursor`` as the view of ``doc``, the document at ``path``.

    Returns False when it could not be written (nothing to tell the user: the file
    itself is not concerned, and it opens as it is next time)."""
    record: dict[str, object] = {"version": VERSION, "path": _key(path)}
    ids = [node.id for node in folded if node.kids]
    if len(ids) > _FEW_FOLDS:
        # (walked only for many folds: a quick quit for the usual handful)
        shut = set(folded)
        open_ids = [n.id for n in preorder(doc.root) if n.kids and n not in shut]
        if len(open_ids) < len(ids):
            record["open"] = open_ids  # every other branch is folded
            ids = []
    if "open" not in record:
        record["folded"] = ids
    chain: list[str] = []
    node: FeatureNode | None = cursor
    while node is not None and len(chain) < CURSOR_CHAIN:
        chain.append(node.id)
        node = node.parent
    record["cursor"] = chain
    target = view_file(path)
    data = json.dumps(record, ensure_ascii=False, separators=(",", ":")).encode("utf-8")
    try:
        target.parent.mkdir(parents=True, exist_ok=True, mode=0o700)  # as the recovery copies
        atomic_write(target, data)
    except (OSError, WriteError, ValueError):
        return False
    _forget_old(target.parent)
    return True


def recall(path: str | os.PathLike[str], doc: Document) -> RememberedView | None:
    """The view the user left ``doc`` (read from ``path``) in, or ``None`` when none is
    remembered (or the state file is damaged: then the document opens as it says)."""
    try:
        record = json.loads(view_file(path).read_bytes().decode("utf-8"))
    except (OSError, ValueError, RecursionError):  # (JSON and UTF-8 errors are ValueErrors)
        return None
    if not isinstance(record, dict) or record.get("path") != _key(path):
        return None
    cursor_chain = record.get("cursor")
    cursor = None
    if isinstance(cursor_chain, list):
        cursor = next(
            (i for i in cursor_chain if isinstance(i, str) and doc.get(i) is not None), None
        )
    listed = record.get("folded")
    if isinstance(listed, list):
        return RememberedView({i for i in listed if isinstance(i, str)}, cursor)
    left_open = record.get("open")
    if isinstance(left_open, list):
        keep = {i for i in left_open if isinstance(i, str)}
        folded = {n.id for n in preorder(doc.root) if n.kids and n.id not in keep}
        return RememberedView(folded, cursor)
    return None


def _forget_old(folder: Path) -> None:
    """Remove the state files of the documents left longest ago, beyond :data:`MAX_FILES`."""
    try:
        entries = [e for e in os.scandir(folder) if e.name.endswith(".json")]
    except OSError:
        return
    if len(entries) <= MAX_FILES:
        return
    dated = []
    for entry in entries:
        with contextlib.suppress(OSError):
            dated.append((entry.stat().st_mtime_ns, entry.path))
    dated.sort()
    for _, name in dated[: len(dated) - MAX_FILES]:
        with contextlib.suppress(OSError):
            os.unlink(name)
