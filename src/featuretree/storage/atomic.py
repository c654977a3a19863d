"""Atomic file writes: the target is always either the old file or the new one.

Every file featuretree writes goes through :func:`atomic_write`. The sequence, and
what a crash (or ``kill -9``) at each point leaves behind:

1. The new bytes go to a temporary file ``.NAME.<pid>.<random>.tmp`` in the target's
   folder (same file system, so the rename below is atomic), and are fsynced.
   A crash here leaves the target untouched and a stray temporary file, which the next
   write to the same target removes (its process is dead; see :func:`_sweep`).
2. With ``backup=True`` the current target is hard-linked to a temporary name and that
   name renamed over ``NAME~``: the backup is replaced in one step, never half-written,
   and no bytes are copied. (Where hard links are not supported, the old bytes are
   copied through steps 1 and 3 instead.) A crash here leaves the target untouched and
   ``NAME~`` either the previous backup or the current target.
3. The temporary file takes the mode of the file it replaces and is renamed over the
   target; then the folder is fsynced so that the rename survives a power cut.

A failure (disk full, permission denied, read-only folder, target is a folder) raises
:class:`WriteError` with a one-line message; the target is left as it was and the
temporary file is removed.

A target that is a symbolic link is resolved: the file it points to is replaced and the
link kept. A target that is not a regular file (``/dev/stdout``, a pipe, a terminal; see
:func:`is_special`) cannot be replaced and is written directly by :func:`write_special`,
without a backup.

With ``overwrite=False`` an existing target is never replaced: :class:`FileExistsWriteError`
is raised before anything is written, and the final step links the temporary file into
place (which fails if the name was taken meanwhile) instead of renaming over it.
"""

from __future__ import annotations

import errno
import os
import re
import stat
from pathlib import Path

__all__ = [
    "BackupError",
    "FileExistsWriteError",
    "WriteError",
    "atomic_write",
    "backup_path",
    "is_special",
    "write_special",
]

_TEMP_SUFFIX = ".tmp"

_DESCRIPTOR_NAME = re.compile(r"/dev/(?:stdout|stderr|fd/\d+)\Z|/proc/[^/]+/fd/\d+\Z")
"""Names of an open descriptor: writing there means the descriptor, whatever it leads to."""


class WriteError(Exception):
    """A file could not be written; the old file (if any) is untouched.

    ``str()`` is one line for the user; ``path`` is the file and ``errno`` the
    operating system's error number when there was one.
    """

    def __init__(self, message: str, *, path: Path | None = None, errno: int | None = None) -> None:
        super().__init__(message)
        self.path = path
        self.errno = errno


class BackupError(WriteError):
    """The backup of the previous version could not be made, so nothing was written.

    The editor can offer to save without a backup (``backup=False``).
    """


class FileExistsWriteError(WriteError):
    """``atomic_write(..., overwrite=False)`` found the target already there; nothing was written."""


def backup_path(path: str | os.PathLike[str]) -> Path:
    """Where :func:`atomic_write` keeps the previous version of ``path``: ``NAME~``."""
    target = Path(path)
    return target.with_name(target.name + "~")


def is_special(path: str | os.PathLike[str]) -> bool:
    """True when ``path`` exists and is not a regular file or a folder: a terminal, a pipe,
    a device (``/dev/null``), or a name for an open descriptor (``/dev/stdout``, ``/dev/fd/1``).

    Such a target cannot be replaced by a rename; :func:`write_special` writes to it.
    ``/dev/stdout`` redirected to a regular file is special too: its link leads into
    ``/proc`` (``/proc/self/fd/1``), and replacing what it resolves to would write a
    different file from the one the shell opened.
    """
    try:
        info = os.stat(path)
    except (OSError, ValueError):
        return False
    if stat.S_ISDIR(info.st_mode):
        return False
    if not stat.S_ISREG(info.st_mode):
        return True
    # A regular file reached through a descriptor name: write through that descriptor.
    return any(
        _DESCRIPTOR_NAME.match(os.path.abspath(name))
        for name in (os.fspath(path), os.path.realpath(path))
    )


def write_special(path: str | os.PathLike[str], data: bytes) -> None:
    """Write ``data`` straight to a special file (see :func:`is_special`), not atomically.

    A pipe or a terminal cannot be replaced, only written to. Opened for appending, so a
    shell's ``>>`` redirection behind ``/dev/stdout`` keeps what is already there.
    Raises :class:`WriteError` with a one-line message.
    """
    _write_in_place(Path(path), data)


def atomic_write(
    path: str | os.PathLike[str], data: bytes, *, backup: bool = False, overwrite: bool = True
) -> None:
    """Write ``data`` to ``path`` so that a crash or a full disk never leaves half a file.

    With ``backup=True`` the file being replaced (if any) is kept as ``NAME~`` (see
    :func:`backup_path`); the previous backup is replaced. With ``overwrite=False`` an
    existing file is left alone and :class:`FileExistsWriteError` raised. A special file
    (:func:`is_special`) is written directly. Raises :class:`WriteError` (or its
    subclasses :class:`BackupError`, :class:`FileExistsWriteError`) when nothing could be
    written; the target is then exactly as it was.
    """
    if is_special(path):
        write_special(path, data)
        return
    target = Path(os.path.realpath(path)) if os.path.islink(path) else Path(path)
    folder = target.parent if str(target.parent) else Path(".")
    try:
        info: os.stat_result | None = os.stat(target)
    except FileNotFoundError:
        info = None
    except OSError as exc:
        raise _error(target, exc) from None
    if info is not None:
        if stat.S_ISDIR(info.st_mode):
            raise WriteError(
                f"cannot write {target}: it is a folder", path=target, errno=errno.EISDIR
            )
        if not stat.S_ISREG(info.st_mode):
            _write_in_place(target, data)
            return
        if not overwrite:
            raise _exists(Path(path))
        if not os.access(target, os.W_OK):
            # The folder may allow the rename, but a read-only file says "do not change".
            raise WriteError(
                f"cannot write {target}: the file is read-only", path=target, errno=errno.EACCES
            )
        mode = stat.S_IMODE(info.st_mode)
    else:
        umask = os.umask(0)
        os.umask(umask)
        mode = 0o666 & ~umask
    _sweep(folder, target.name)
    tmp = _write_temp(folder, target, data, mode)
    try:
        if backup and info is not None:
            _make_backup(target, info)
        if overwrite:
            os.replace(tmp, target)
        else:
            _place_new(tmp, target, Path(path))
    except BaseException as exc:
        _remove(tmp)
        if isinstance(exc, OSError):
            raise _error(target, exc) from None
        raise
    _fsync_folder(folder)


def _write_temp(folder: Path, target: Path, data: bytes, mode: int) -> Path:
    """A fully written, fsynced temporary file beside ``target`` holding ``data``."""
    tmp, fd = _create_temp(folder, target.name, target)
    try:
        try:
            _write_all(fd, data)
            os.fsync(fd)
            if hasattr(os, "fchmod"):
                os.fchmod(fd, mode)
        finally:
            os.close(fd)
        if not hasattr(os, "fchmod"):
            os.chmod(tmp, mode)
    except BaseException as exc:
        _remove(tmp)
        if isinstance(exc, OSError):
            raise _error(target, exc) from None
        raise
    return tmp


def _create_temp(folder: Path, name: str, target: Path) -> tuple[Path, int]:
    """Create ``.NAME.<pid>.<random>.tmp`` exclusively; the pid lets a later write sweep it."""
    for _ in range(100):
        tmp = folder / f".{name}.{os.getpid()}.{os.urandom(4).hex()}{_TEMP_SUFFIX}"
        try:
            fd = os.open(
                tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_CLOEXEC", 0), 0o600
            )
        except FileExistsError:
            continue
        except OSError as exc:
            raise _error(target, exc) from None
        return tmp, fd
    raise WriteError(f"cannot write {target}: no free temporary file name", path=target)


def _write_all(fd: int, data: bytes) -> None:
    view = memoryview(data)
    while view:
        written = os.write(fd, view)
        view = view[written:]


NO_HARD_LINKS = frozenset({errno.EPERM, errno.EOPNOTSUPP, errno.EXDEV, errno.EMLINK, errno.ENOSYS})
"""What ``os.link`` fails with where a file system has no hard links (FAT, network shares)."""


def _make_backup(target: Path, info: os.stat_result) -> None:
    """Replace ``NAME~`` by the current ``target`` in one rename (see the module doc)."""
    backup = backup_path(target)
    try:
        if os.path.isdir(backup):
            raise IsADirectoryError(errno.EISDIR, "it is a folder")
        link = _free_name(target.parent, backup.name)
        try:
            os.link(target, link)
        except OSError as exc:
            if exc.errno not in NO_HARD_LINKS:
                raise
            # No hard links here (FAT, some network shares): copy the old bytes.
            old = target.read_bytes()
            link = _write_temp(target.parent, backup, old, stat.S_IMODE(info.st_mode))
        try:
            os.replace(link, backup)
        except BaseException:
            _remove(link)
            raise
    except OSError as exc:
        raise BackupError(
            f"cannot keep a backup of {target} as {backup.name}: {_reason(exc)}; nothing was written",
            path=target,
            errno=exc.errno,
        ) from None
    except WriteError as exc:
        raise BackupError(f"{exc}; nothing was written", path=target, errno=exc.errno) from None


def _place_new(tmp: Path, target: Path, named: Path) -> None:
    """Put ``tmp`` at ``target`` only if nothing is there (a file may appear after the check)."""
    try:
        os.link(tmp, target)
    except FileExistsError:
        raise _exists(named) from None
    except OSError as exc:
        if exc.errno not in NO_HARD_LINKS:
            raise
        # No hard links here: the check made before writing is all there is.
        if os.path.lexists(target):
            raise _exists(named) from None
        os.replace(tmp, target)
        return
    _remove(tmp)


def _exists(path: Path) -> FileExistsWriteError:
    return FileExistsWriteError(f"{path} already exists", path=path, errno=errno.EEXIST)


def _free_name(folder: Path, name: str) -> Path:
    while True:
        candidate = folder / f".{name}.{os.getpid()}.{os.urandom(4).hex()}{_TEMP_SUFFIX}"
        if not os.path.lexists(candidate):
            return candidate


def _write_in_place(target: Path, data: bytes) -> None:
    """Write to a device or pipe (``/dev/stdout``), which cannot be replaced atomically."""
    try:
        fd = os.open(target, os.O_WRONLY | os.O_APPEND)
        try:
            _write_all(fd, data)
        finally:
            os.close(fd)
    except OSError as exc:
        raise _error(target, exc) from None


def _sweep(folder: Path, name: str) -> None:
    """Remove temporary files left for ``name`` (or its backup) by processes that died.

    A file whose process still runs (another featuretree writing the same file at this
    moment) is left alone; so are this process's own, which its writes clean up.
    """
    if os.name != "posix":
        return  # os.kill(pid, 0) would terminate the process on Windows, not probe it
    pattern = re.compile(rf"\.{re.escape(name)}~?\.(\d+)\.[0-9a-f]+{re.escape(_TEMP_SUFFIX)}")
    prefix = f".{name}"
    own = os.getpid()
    try:
        entries = [e for e in os.scandir(folder) if e.name.startswith(prefix)]
    except OSError:
        return
    for entry in entries:
        match = pattern.fullmatch(entry.name)
        if match is None:
            continue
        pid = int(match.group(1))
        if pid != own and not _alive(pid):
            _remove(Path(entry.path))


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except (PermissionError, OverflowError, ValueError):
        return True  # exists but belongs to someone else, or not a pid: leave it
    return True


def _remove(path: Path) -> None:
    try:
        os.unlink(path)
    except OSError:
        pass


def _reason(exc: OSError) -> str:
    if exc.errno == errno.ENOSPC:
        return "the disk is full"
    if exc.errno == errno.EDQUOT:
        return "the disk quota is exceeded"
    if exc.errno == errno.EROFS:
        return "the file system is read-only"
    if exc.errno in (errno.EACCES, errno.EPERM):
        return "permission denied"
    return exc.strerror.lower() if exc.strerror else str(exc)


def _error(target: Path, exc: OSError) -> WriteError:
    return WriteError(f"cannot write {target}: {_reason(exc)}", path=target, errno=exc.errno)


def _fsync_folder(folder: Path) -> None:
    try:
        fd = os.open(folder, os.O_RDONLY)
    except OSError:
        return  # not every platform lets a folder be opened; the rename is done anyway
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)
