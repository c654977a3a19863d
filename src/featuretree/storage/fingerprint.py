"""What a file looked like when the editor loaded it, to notice changes made underneath.

Before saving over a file, the editor asks :func:`changed_since` whether it still holds
what was loaded (a ``git pull``, another editor, a sync tool may have replaced it); if
so it offers overwrite, save as, or reload. Content decides: a file rewritten with the
same bytes (``touch``, a checkout of the same revision) does not count as changed.

Typical use::

    fingerprint, data = Fingerprint.read(path)   # one read: the bytes loaded are the bytes fingerprinted
    doc = formats.loads(data, fmt)
    ...
    if changed_since(fingerprint):
        ...  # ask the user
    formats.save(doc, path)
    fingerprint = Fingerprint.of(path)
"""

from __future__ import annotations

import hashlib
import os
import threading
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import TypeVar

__all__ = ["Fingerprint", "changed_since"]

T = TypeVar("T")


def _read_bytes(path: str | os.PathLike[str]) -> tuple[Path, int, bytes]:
    """(absolute path, mtime in ns, bytes) from one open of the file."""
    target = Path(path).absolute()
    with open(target, "rb") as handle:
        info = os.fstat(handle.fileno())
        return target, info.st_mtime_ns, handle.read()


@dataclass(frozen=True)
class Fingerprint:
    """A file's modification time (ns), size and SHA-256; ``exists`` False for no file."""

    path: Path
    mtime_ns: int
    size: int
    sha256: str
    exists: bool = True

    @classmethod
    def read(cls, path: str | os.PathLike[str]) -> tuple[Fingerprint, bytes]:
        """The fingerprint of ``path`` and its bytes, from a single read.

        Raises ``OSError`` when the file cannot be read (``FileNotFoundError`` if absent).
        """
        target, mtime_ns, data = _read_bytes(path)
        return cls(target, mtime_ns, len(data), hashlib.sha256(data).hexdigest()), data

    @classmethod
    def read_and_use(
        cls, path: str | os.PathLike[str], use: Callable[[bytes], T]
    ) -> tuple[Fingerprint, T]:
        """Like :meth:`read`, handing the bytes to ``use`` while they are hashed.

        SHA-256 releases the GIL on large buffers, so hashing in a thread overlaps with
        ``use`` (parsing the document): ~50-80 ms off opening a 52 MB file. Whatever
        ``use`` raises is raised here, after the hash is finished.
        """
        target, mtime_ns, data = _read_bytes(path)
        digest: list[str] = []
        hasher = threading.Thread(
            target=lambda: digest.append(hashlib.sha256(data).hexdigest()),
            name="fingerprint",
            daemon=True,
        )
        hasher.start()
        try:
            result = use(data)
        finally:
            hasher.join()
        return cls(target, mtime_ns, len(data), digest[0]), result

    @classmethod
    def of(cls, path: str | os.PathLike[str]) -> Fingerprint:
        """The fingerprint of ``path`` now; a missing file gives ``exists=False``."""
        try:
            return cls.read(path)[0]
        except FileNotFoundError:
            return cls.missing(path)

    @classmethod
    def missing(cls, path: str | os.PathLike[str]) -> Fingerprint:
        """The fingerprint of a file that does not exist (a document not saved yet)."""
        return cls(Path(path).absolute(), 0, 0, "", exists=False)

    def to_dict(self) -> dict[str, object]:
        """A JSON-ready form (used in recovery file headers)."""
        return {
            "path": str(self.path),
            "mtime_ns": self.mtime_ns,
            "size": self.size,
            "sha256": self.sha256,
            "exists": self.exists,
        }

    @classmethod
    def from_dict(cls, data: dict[str, object]) -> Fingerprint:
        """The inverse of :meth:`to_dict`; ``ValueError``/``TypeError``/``KeyError`` on bad data."""
        return cls(
            Path(str(data["path"])),
            int(data["mtime_ns"]),  # type: ignore[call-overload]
            int(data["size"]),  # type: ignore[call-overload]
            str(data["sha256"]),
            bool(data.get("exists", True)),
        )

    def same_content(self, other: Fingerprint) -> bool:
        """True when both describe the same bytes (or both no file)."""
        return (
            self.exists == other.exists and self.size == other.size and self.sha256 == other.sha256
        )


def changed_since(fingerprint: Fingerprint) -> bool:
    """True when the file at ``fingerprint.path`` no longer holds what was fingerprinted.

    Created, deleted, or different bytes count; a new modification time alone does
    not. A file that cannot be read counts as changed (saving over it needs a question).
    """
    path = fingerprint.path
    try:
        info = os.stat(path)
    except FileNotFoundError:
        return fingerprint.exists
    except OSError:
        return True
    if not fingerprint.exists:
        return True
    if info.st_size != fingerprint.size:
        return True
    try:
        now = Fingerprint.of(path)
    except OSError:
        return True
    return not now.same_content(fingerprint)


def gone_since(fingerprint: Fingerprint) -> bool:
    """True when the file was there when fingerprinted and is no longer (deleted, moved
    away): nothing on disk to merge with, lose or reload."""
    return fingerprint.exists and not os.path.lexists(fingerprint.path)
