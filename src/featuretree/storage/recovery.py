"""Recovery files: the unsaved state of a document, kept while the editor runs.

While a document has unsaved changes the editor writes it here every few seconds; a
clean save or quit removes the file. After a crash or ``kill -9`` the next opening of
the document finds it (:meth:`RecoveryStore.find`) and offers to restore it, show the
difference (:func:`diff_counts`) or discard it.

Files live in the user's state folder (``platformdirs.user_state_path("featuretree")
/ "recovery"``, or ``$FEATURETREE_STATE_DIR/recovery``), not beside the document: the
document's folder may be read-only, synced or under version control. Each editor keeps
its own file (:meth:`RecoveryStore.editor_key`: a hash of the document's absolute path,
then the editor's pid and a random token): two editors on one file (two browser tabs of
``featuretree serve``, two terminals) each keep their own unsaved work, and the next
opening finds every copy (:meth:`RecoveryStore.find_all`). A document never saved yet
gets a key of its own (:meth:`RecoveryStore.untitled_key`), and its header records where
it came from (``origin``: :data:`NEW_ORIGIN`, or :func:`sample_origin` for a sample opened
unsaved), so that opening that sample again offers it. Each file is written
atomically and holds one header line followed by the document in featuretree JSON::

    featuretree-recovery 1 {"path": "/home/pm/app.json", "written": "...", "base": {...}}
    {
      "format": "featuretree",
      ...

``base`` is the fingerprint of the document file when the editor loaded it, so the
restore prompt can also say whether the file changed on disk since.
"""

from __future__ import annotations

import bisect
import dataclasses
import datetime as dt
import hashlib
import json
import os
import secrets
import threading
import time
from dataclasses import dataclass
from pathlib import Path

import platformdirs

from featuretree.formats.errors import FormatError
from featuretree.formats.json_format import read_json
from featuretree.model.document import Document, same_info
from featuretree.model.node import FeatureNode
from featuretree.storage import forked
from featuretree.storage.atomic import WriteError, atomic_write
from featuretree.storage.fingerprint import Fingerprint

__all__ = [
    "NEW_ORIGIN",
    "DiffCounts",
    "DocumentDiff",
    "NodeChange",
    "RecoveryInfo",
    "RecoveryStore",
    "diff_counts",
    "document_diff",
    "sample_origin",
    "state_dir",
]

ENV_VAR = "FEATURETREE_STATE_DIR"
MAGIC = b"featuretree-recovery 1 "
SUFFIX = ".recovery"
_MAX_HEADER = 64 * 1024

NEW_ORIGIN = "new"
"""The origin of a document never saved that was started empty."""


def sample_origin(name: str) -> str:
    """The origin of a document never saved that was opened from the built-in sample ``name``."""
    return f"sample:{name}"


def state_dir() -> Path:
    """The folder for featuretree's state: ``$FEATURETREE_STATE_DIR`` or the platform's."""
    override = os.environ.get(ENV_VAR)
    return Path(override) if override else platformdirs.user_state_path("featuretree")


@dataclass(frozen=True)
class RecoveryInfo:
    """A recovery file found for a document."""

    file: Path
    """The recovery file itself."""
    key: str
    for_path: Path | None
    """The document it recovers (absolute), or ``None`` for a document never saved."""
    written_ns: int
    """When it was written (nanoseconds since the epoch)."""
    base: Fingerprint | None
    """The document file as the editor had loaded it, if it was loaded from a file."""
    pid: int
    origin: str | None = None
    """For a document never saved: where it came from (:data:`NEW_ORIGIN`,
    :func:`sample_origin`); ``None`` when the file does not say (written before origins
    were recorded)."""
    cursor: str | None = None
    """The id of the node the cursor was on when it was written (``None``: not said):
    restoring the copy puts the cursor back there."""

    @property
    def written(self) -> dt.datetime:
        """When it was written, as a local date and time."""
        return dt.datetime.fromtimestamp(self.written_ns / 1e9).astimezone()

    def writer_running(self) -> bool:
        """Whether another process that may be the editor that wrote this still runs (a
        reused pid only makes a copy look still in use)."""
        pid = self.pid
        if pid <= 0 or pid == os.getpid() or os.name != "posix":
            return False
        try:
            os.kill(pid, 0)
        except ProcessLookupError:
            return False
        except (PermissionError, OverflowError):
            return True
        return not _exited(pid)

    def document_changed_since_base(self) -> bool:
        """True when the document file no longer holds what the editor had loaded."""
        if self.for_path is None or self.base is None:
            return False
        return not Fingerprint.of(self.for_path).same_content(self.base)


def _exited(pid: int) -> bool:
    """Whether ``pid`` is a process that has exited and waits for its parent to reap it
    (a zombie: ``kill(pid, 0)`` still succeeds). A killed editor whose parent (a
    terminal, the web server running each tab) has not reaped it yet wrote its last
    copy: it is not still in use. Read from ``/proc`` where there is one."""
    try:
        with open(f"/proc/{pid}/stat", "rb") as stat:
            fields = stat.read().rsplit(b")", 1)[-1].split()
    except OSError:
        return False  # no /proc (macOS) or gone meanwhile: as kill() said
    return bool(fields) and fields[0] in (b"Z", b"X")


class RecoveryStore:
    """The recovery files in one folder (by default ``state_dir() / "recovery"``)."""

    def __init__(self, folder: str | os.PathLike[str] | None = None) -> None:
        self.folder = Path(folder) if folder is not None else state_dir() / "recovery"
        # An autosave still being written when the document is saved must not bring
        # its recovery file back: writes carry the edit count they were taken at, and
        # a write no newer than the last discard of its key is dropped.
        self._lock = threading.Lock()
        self._discarded: dict[str, int] = {}

    # -- keys ----------------------------------------------------------------------

    @staticmethod
    def key_for(for_path: str | os.PathLike[str]) -> str:
        """The key of a document file: a hash of its absolute path."""
        absolute = os.path.abspath(os.fspath(for_path))
        digest = hashlib.sha256(os.fsencode(absolute)).hexdigest()
        return f"doc-{digest[:32]}"

    @classmethod
    def editor_key(cls, for_path: str | os.PathLike[str]) -> str:
        """A key of one editor's own for the document file ``for_path`` (keep it while the
        editor has that file): :meth:`key_for` then the pid and a random token, so that
        editors on the same file never write each other's copy."""
        return f"{cls.key_for(for_path)}-{os.getpid()}-{secrets.token_hex(4)}"

    @staticmethod
    def untitled_key() -> str:
        """A fresh key for a document that has no file yet (keep it for the session)."""
        return f"untitled-{time.time_ns()}-{secrets.token_hex(4)}"

    def file_for(self, key: str) -> Path:
        """The recovery file of ``key``."""
        return self.folder / f"{key}{SUFFIX}"

    # -- writing -------------------------------------------------------------------

    def write(
        self,
        doc_bytes: bytes,
        for_path: str | os.PathLike[str] | None,
        *,
        base: Fingerprint | None = None,
        key: str | None = None,
        revision: int | None = None,
        origin: str | None = None,
        cursor: str | None = None,
    ) -> RecoveryInfo | None:
        """Keep ``doc_bytes`` (featuretree JSON, ``json_format.write_json``) for ``for_path``.

        ``for_path`` is ``None`` for a document never saved; then ``key`` (from
        :meth:`untitled_key`) is required. ``base`` is the fingerprint of the file as
        loaded. ``revision`` is any number that grows with each edit (e.g. the
        history's edit count when the bytes were taken): if the document was saved
        (:meth:`discard` with a revision) at or after it, nothing is written and
        ``None`` returned. ``origin``: where a document never saved came from
        (default :data:`NEW_ORIGIN`; ignored for a document with a path). ``cursor``:
        the id of the node the cursor is on, for a restore to start there. Safe to call
        from a worker thread. Raises :class:`WriteError`.
        """
        if for_path is None and key is None:
            raise ValueError("a document without a path needs a key (RecoveryStore.untitled_key())")
        absolute = Path(os.path.abspath(os.fspath(for_path))) if for_path is not None else None
        key = key or self.key_for(absolute)  # type: ignore[arg-type]
        origin = (origin or NEW_ORIGIN) if absolute is None else None
        now = time.time_ns()
        # the editor's pid, also when its forked autosave child writes this (and exits)
        pid = forked.acting_pid()
        header = {
            "path": str(absolute) if absolute is not None else None,
            "key": key,
            "written": dt.datetime.fromtimestamp(now / 1e9, dt.UTC).isoformat(),
            "written_ns": now,
            "pid": pid,
            "base": base.to_dict() if base is not None else None,
        }
        if origin is not None:
            header["origin"] = origin
        if cursor is not None:
            header["cursor"] = cursor
        try:
            self.folder.mkdir(parents=True, exist_ok=True, mode=0o700)
        except OSError as exc:
            raise WriteError(
                f"cannot create the recovery folder {self.folder}: {exc.strerror or exc}",
                path=self.folder,
                errno=exc.errno,
            ) from None
        line = MAGIC + json.dumps(header, ensure_ascii=False).encode("utf-8") + b"\n"
        target = self.file_for(key)
        with self._lock:
            if revision is not None and revision <= self._discarded.get(key, -1):
                return None
            atomic_write(target, line + doc_bytes)
        return RecoveryInfo(target, key, absolute, now, base, pid, origin, cursor)

    # -- finding -------------------------------------------------------------------

    def find(
        self, for_path: str | os.PathLike[str], *, include_stale: bool = False
    ) -> RecoveryInfo | None:
        """The newest recovery file for ``for_path`` (see :meth:`find_all`), or ``None``."""
        found = self.find_all(for_path, include_stale=include_stale)
        return found[0] if found else None

    def find_all(
        self, for_path: str | os.PathLike[str], *, include_stale: bool = False
    ) -> list[RecoveryInfo]:
        """Every editor's recovery file for ``for_path`` newer than the document, newest first.

        Also found when the document is missing. With ``include_stale`` those older than
        the document are returned too (the document was saved by something else since
        the crash: the recovered edits are still the user's work).
        """
        absolute = Path(os.path.abspath(os.fspath(for_path)))
        key = self.key_for(absolute)
        try:
            # key_for's own file (written without an editor key) and every editor's.
            files = sorted(self.folder.glob(f"{key}*{SUFFIX}"))
        except OSError:
            return []
        found = []
        for file in files:
            info = self.info(file)
            if (
                info is not None
                and info.for_path == absolute
                and (include_stale or self._newer_than_document(info, absolute))
            ):
                found.append(info)
        return sorted(found, key=lambda i: i.written_ns, reverse=True)

    @staticmethod
    def _newer_than_document(info: RecoveryInfo, document: Path) -> bool:
        try:
            document_mtime = os.stat(document).st_mtime_ns
        except FileNotFoundError:
            return True
        except OSError:
            return True  # cannot tell: offering too much is better than losing work
        try:
            recovery_mtime = os.stat(info.file).st_mtime_ns
        except OSError:
            return False
        return max(recovery_mtime, info.written_ns) > document_mtime

    def untitled(self, origin: str | None = None) -> list[RecoveryInfo]:
        """Recovery files of documents never saved, newest first.

        With ``origin``, only those that came from it, and those that do not say where
        they came from (older files: one of them may be its).
        """
        found = []
        try:
            files = sorted(self.folder.glob(f"untitled-*{SUFFIX}"))
        except OSError:
            return []
        for file in files:
            info = self.info(file)
            if (
                info is not None
                and info.for_path is None
                and (origin is None or info.origin in (origin, None))
            ):
                found.append(info)
        return sorted(found, key=lambda i: i.written_ns, reverse=True)

    def info(self, file: Path) -> RecoveryInfo | None:
        """The header of recovery file ``file``; ``None`` if absent or not one."""
        try:
            with open(file, "rb") as handle:
                line = handle.readline(_MAX_HEADER)
        except OSError:
            return None
        header = _parse_header(line)
        if header is None:
            return None
        try:
            path = header.get("path")
            base = header.get("base")
            origin = header.get("origin")
            cursor = header.get("cursor")
            return RecoveryInfo(
                file=file,
                key=str(header["key"]),
                for_path=Path(path) if isinstance(path, str) else None,
                written_ns=int(header["written_ns"]),
                base=Fingerprint.from_dict(base) if isinstance(base, dict) else None,
                pid=int(header.get("pid", 0)),
                origin=origin if isinstance(origin, str) else None,
                cursor=cursor if isinstance(cursor, str) else None,
            )
        except (KeyError, TypeError, ValueError):
            return None

    # -- restoring and discarding -----------------------------------------------------

    def load(self, info: RecoveryInfo) -> Document:
        """The document kept in ``info``'s file; :class:`FormatError` if it is damaged."""
        try:
            data = info.file.read_bytes()
        except OSError as exc:
            raise FormatError(
                f"cannot read: {exc.strerror or exc}", source=str(info.file)
            ) from None
        newline = data.find(b"\n")
        if newline < 0 or _parse_header(data[: newline + 1]) is None:
            raise FormatError("not a featuretree recovery file", source=str(info.file))
        try:
            return read_json(data[newline + 1 :])
        except FormatError as exc:
            raise exc.with_source(str(info.file)) from None

    def discard(
        self, what: str | os.PathLike[str] | RecoveryInfo, *, revision: int | None = None
    ) -> None:
        """Remove the recovery file ``info`` names, or the one :meth:`key_for` a document
        path names (not the editors' own: each editor removes its own).

        With ``revision`` (the edit count that was just saved), autosaves taken at or
        before it and still in flight are dropped instead of written.
        """
        key = what.key if isinstance(what, RecoveryInfo) else self.key_for(what)
        self.discard_key(key, revision=revision)

    def superseded(self, key: str, revision: int) -> bool:
        """Whether ``key`` was discarded at or after ``revision`` (so a write of it is stale).

        A write done in another process cannot see a discard made here after it
        started; the caller removes its file again when this says so.
        """
        with self._lock:
            return revision <= self._discarded.get(key, -1)

    def discard_key(self, key: str, *, revision: int | None = None) -> None:
        """Remove the recovery file of ``key`` (e.g. an untitled document's)."""
        file = self.file_for(key)
        with self._lock:
            if revision is not None:
                self._discarded[key] = max(revision, self._discarded.get(key, -1))
            try:
                os.unlink(file)
            except FileNotFoundError:
                pass
            except OSError as exc:
                raise WriteError(
                    f"cannot remove {file}: {exc.strerror or exc}", path=file, errno=exc.errno
                ) from None


def _parse_header(line: bytes) -> dict[str, object] | None:
    if not line.startswith(MAGIC) or not line.endswith(b"\n"):
        return None
    try:
        header = json.loads(line[len(MAGIC) :])
    except (ValueError, RecursionError):
        return None
    return header if isinstance(header, dict) else None


# -- showing the difference ---------------------------------------------------------------


@dataclass(frozen=True)
class DiffCounts:
    """How two versions of a document differ, counted by node id."""

    added: int
    removed: int
    changed: int
    """Nodes whose title, notes, tags, status, change log or suggestions differ."""
    moved: int
    """Nodes now under another parent."""
    meta_changed: bool = False
    """The document's metadata or revision history differ."""

    @property
    def identical(self) -> bool:
        """True when nothing differs."""
        return not (self.added or self.removed or self.changed or self.moved or self.meta_changed)

    def __str__(self) -> str:
        parts = [f"{self.added} added", f"{self.removed} removed", f"{self.changed} changed"]
        if self.moved:
            parts.append(f"{self.moved} moved")
        if self.meta_changed:
            parts.append("document details changed")
        return ", ".join(parts)


FIELDS = ("title", "notes", "tags", "status", "changelog", "suggestions")
"""What makes a node "changed", in the order a change lists them."""


@dataclass(frozen=True)
class NodeChange:
    """One node that differs between two versions of a document."""

    kind: str
    """``"added"``, ``"removed"``, ``"changed"`` or ``"moved"``."""
    node_id: str
    path: tuple[str, ...]
    """Titles from the root down to the node, in the version that has it (the new one,
    except for a removed node)."""
    old_path: tuple[str, ...] = ()
    """For ``"changed"`` and ``"moved"``: the node's title path in the old version."""
    fields: tuple[str, ...] = ()
    """For ``"changed"``: which of :data:`FIELDS` differ."""
    inside: int = 0
    """For ``"added"`` and ``"removed"``: nodes below it added or removed with it (they
    are not listed one by one)."""
    reordered: bool = False
    """For ``"moved"``: it kept its parent and only changed place among the siblings."""


@dataclass(frozen=True)
class DocumentDiff:
    """How two versions of a document differ, node by node (by id)."""

    counts: DiffCounts
    changes: tuple[NodeChange, ...]
    """In document order: the new version's nodes, then those removed (old order).
    A node both moved and changed appears once for each."""
    left_out: int = 0
    """Changes not listed (over the ``limit`` of :func:`document_diff`)."""


def document_diff(old: Document | None, new: Document, *, limit: int | None = None) -> DocumentDiff:
    """The nodes added, removed, changed and moved from ``old`` to ``new``, by node id.

    ``old`` is ``None`` for a document that had no saved version (everything is added).
    A subtree added or removed as a whole is one change (with ``inside``); a node is
    moved when its parent differs, or when it is out of order among the siblings it
    kept (the fewest such nodes: the others are in their old order). At most ``limit``
    changes are listed; :attr:`DiffCounts` counts every node. Iterative: any depth.
    """
    before: dict[str, FeatureNode] = {node.id: node for node in old.iter_nodes()} if old else {}
    changes: list[NodeChange] = []
    inside: dict[int, int] = {}  # index in ``changes`` of an added/removed top → nodes below
    left_out = 0

    def listed(
        kind: str,
        node: FeatureNode,
        previous: FeatureNode | None = None,
        fields: tuple[str, ...] = (),
        reordered: bool = False,
    ) -> int | None:
        # Paths are made only for what is listed: each costs a walk up to the root.
        nonlocal left_out
        if limit is not None and len(changes) >= limit:
            left_out += 1
            return None
        old_path = _title_path(previous) if previous is not None else ()
        changes.append(
            NodeChange(kind, node.id, _title_path(node), old_path, fields, reordered=reordered)
        )
        return len(changes) - 1

    def whole_subtree(kind: str, node: FeatureNode, tops: dict[str, int | None]) -> None:
        # Document order: a parent comes before its children, so the top of an added or
        # removed subtree is met first; the nodes below it are counted, not listed.
        parent = node.parent
        if parent is not None and parent.id in tops:
            top = tops[node.id] = tops[parent.id]
            if top is not None:
                inside[top] += 1
        else:
            top = tops[node.id] = listed(kind, node)
            if top is not None:
                inside[top] = 0

    reordered = _out_of_order(before, new) if before else set()
    added = changed = moved = 0
    added_top: dict[str, int | None] = {}  # added node id → its top's index in ``changes``
    after_ids: set[str] = set()
    for node in new.iter_nodes():
        after_ids.add(node.id)
        previous = before.get(node.id)
        if previous is None:
            added += 1
            whole_subtree("added", node, added_top)
            continue
        fields = tuple(
            name for name, a, b in zip(FIELDS, _content(previous), _content(node)) if a != b
        )
        if fields:
            changed += 1
            listed("changed", node, previous, fields)
        same_parent = _parent_id(previous) == _parent_id(node)
        if not same_parent or node.id in reordered:
            moved += 1
            listed("moved", node, previous, reordered=same_parent)
    removed = 0
    removed_top: dict[str, int | None] = {}
    for node in old.iter_nodes() if old else ():
        if node.id in after_ids:
            continue
        removed += 1
        whole_subtree("removed", node, removed_top)
    for index, count in inside.items():
        if count:
            changes[index] = dataclasses.replace(changes[index], inside=count)
    meta_changed = old is not None and (not same_info(old, new) or old.revisions != new.revisions)
    counts = DiffCounts(added, removed, changed, moved, meta_changed)
    return DocumentDiff(counts, tuple(changes), left_out)


def diff_counts(old: Document, new: Document) -> DiffCounts:
    """Count the nodes added, removed, changed and moved from ``old`` to ``new`` (by id)."""
    return document_diff(old, new, limit=0).counts


def _title_path(node: FeatureNode) -> tuple[str, ...]:
    titles = []
    current: FeatureNode | None = node
    while current is not None:
        titles.append(current.title)
        current = current.parent
    return tuple(reversed(titles))


def _out_of_order(before: dict[str, FeatureNode], new: Document) -> set[str]:
    """Ids of nodes that kept their parent but not their place among its children.

    The fewest: the kept siblings in a longest run of increasing old positions stay,
    the rest moved (swapping two siblings moves one of them).
    """
    old_position = {kid.id: i for node in before.values() for i, kid in enumerate(node.kids)}
    moved: set[str] = set()
    for parent in new.iter_nodes():
        kids = parent.kids
        if len(kids) < 2:
            continue
        positions: list[tuple[int, str]] = []
        for kid in kids:
            previous = before.get(kid.id)
            if previous is not None and _parent_id(previous) == parent.id:
                positions.append((old_position[kid.id], kid.id))
        if len(positions) < 2:
            continue
        keep = _longest_increasing([position for position, _ in positions])
        moved.update(node_id for i, (_, node_id) in enumerate(positions) if i not in keep)
    return moved


def _longest_increasing(values: list[int]) -> set[int]:
    """Indexes of one longest strictly increasing subsequence of ``values``."""
    tails: list[int] = []  # tails[k]: the smallest last value of an increasing run of k+1
    tail_index: list[int] = []
    back = [-1] * len(values)
    for i, value in enumerate(values):
        k = bisect.bisect_left(tails, value)
        if k == len(tails):
            tails.append(value)
            tail_index.append(i)
        else:
            tails[k] = value
            tail_index[k] = i
        back[i] = tail_index[k - 1] if k > 0 else -1
    keep: set[int] = set()
    i = tail_index[-1] if tail_index else -1
    while i >= 0:
        keep.add(i)
        i = back[i]
    return keep


def _content(node: FeatureNode) -> tuple[object, ...]:
    return (node.title, node.notes, node.tags, node.status, node.changelog, node.suggestions)


def _parent_id(node: FeatureNode) -> str | None:
    parent = node.parent
    return parent.id if parent is not None else None
