"""Atomic writes: the target is the old file or the new one, whatever goes wrong."""

from __future__ import annotations

import errno
import os
import stat
from pathlib import Path

import pytest

from featuretree.storage import atomic
from featuretree.storage.atomic import BackupError, WriteError, atomic_write, backup_path


def leftovers(folder: Path) -> list[str]:
    """Temporary files left in ``folder``."""
    return sorted(p.name for p in folder.iterdir() if p.name.endswith(".tmp"))


def test_writes_new_file_and_replaces_old(tmp_path: Path) -> None:
    target = tmp_path / "tree.json"
    atomic_write(target, b"one")
    atomic_write(target, b"two")
    assert target.read_bytes() == b"two"
    assert not backup_path(target).exists()  # backups are opt-in
    assert leftovers(tmp_path) == []


def test_backup_keeps_the_previous_version(tmp_path: Path) -> None:
    target = tmp_path / "tree.json"
    atomic_write(target, b"v1", backup=True)  # nothing to back up yet
    assert not backup_path(target).exists()
    atomic_write(target, b"v2", backup=True)
    assert backup_path(target).read_bytes() == b"v1"
    atomic_write(target, b"v3", backup=True)
    assert target.read_bytes() == b"v3"
    assert backup_path(target) == tmp_path / "tree.json~"
    assert backup_path(target).read_bytes() == b"v2"
    assert leftovers(tmp_path) == []


def test_backup_by_copy_where_hard_links_are_refused(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def no_links(*_args: object) -> None:
        raise OSError(errno.EPERM, "Operation not permitted")

    target = tmp_path / "tree.json"
    target.write_bytes(b"old")
    os.chmod(target, 0o640)
    monkeypatch.setattr(atomic.os, "link", no_links)
    atomic_write(target, b"new", backup=True)
    assert target.read_bytes() == b"new"
    assert backup_path(target).read_bytes() == b"old"
    assert stat.S_IMODE(backup_path(target).stat().st_mode) == 0o640
    assert leftovers(tmp_path) == []


def test_unusable_backup_name_writes_nothing(tmp_path: Path) -> None:
    target = tmp_path / "tree.json"
    target.write_bytes(b"old")
    backup_path(target).mkdir()
    with pytest.raises(BackupError, match="backup") as caught:
        atomic_write(target, b"new", backup=True)
    assert isinstance(caught.value, WriteError)
    assert target.read_bytes() == b"old"
    assert leftovers(tmp_path) == []
    atomic_write(target, b"new")  # without a backup the save can go ahead
    assert target.read_bytes() == b"new"


def test_file_mode_is_kept(tmp_path: Path) -> None:
    target = tmp_path / "tree.json"
    target.write_bytes(b"old")
    os.chmod(target, 0o640)
    atomic_write(target, b"new", backup=True)
    assert stat.S_IMODE(target.stat().st_mode) == 0o640


def test_symlink_is_kept_and_its_file_replaced(tmp_path: Path) -> None:
    real = tmp_path / "real.json"
    real.write_bytes(b"old")
    link = tmp_path / "link.json"
    link.symlink_to(real)
    atomic_write(link, b"new", backup=True)
    assert link.is_symlink() and real.read_bytes() == b"new"
    assert (tmp_path / "real.json~").read_bytes() == b"old"


@pytest.mark.parametrize("failing", ["write", "fsync"])
def test_disk_full_leaves_old_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, failing: str
) -> None:
    target = tmp_path / "tree.json"
    target.write_bytes(b"old")

    def full(*_args: object) -> None:
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(atomic.os, failing, full)
    with pytest.raises(WriteError, match="the disk is full") as caught:
        atomic_write(target, b"new" * 1000, backup=True)
    monkeypatch.undo()
    assert caught.value.errno == errno.ENOSPC
    assert target.read_bytes() == b"old"
    assert not backup_path(target).exists()
    assert leftovers(tmp_path) == []


def test_failing_rename_leaves_old_file_and_backup(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    target = tmp_path / "tree.json"
    target.write_bytes(b"old")
    real_replace = os.replace

    def fail_on_target(src: object, dst: object) -> None:
        if Path(dst) == target:  # type: ignore[arg-type]
            raise OSError(errno.EIO, "Input/output error")
        real_replace(src, dst)  # type: ignore[arg-type]

    monkeypatch.setattr(atomic.os, "replace", fail_on_target)
    with pytest.raises(WriteError, match="input/output error"):
        atomic_write(target, b"new", backup=True)
    assert target.read_bytes() == b"old"
    assert backup_path(target).read_bytes() == b"old"
    assert leftovers(tmp_path) == []


@pytest.mark.parametrize(
    ("code", "message"),
    [(errno.EACCES, "permission denied"), (errno.EROFS, "the file system is read-only")],
)
def test_folder_not_writable(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, code: int, message: str
) -> None:
    target = tmp_path / "tree.json"
    target.write_bytes(b"old")
    real_open = os.open

    def refuse_new_files(path: object, flags: int, *args: object) -> int:
        if flags & os.O_CREAT:
            raise OSError(code, os.strerror(code))
        return real_open(path, flags, *args)  # type: ignore[arg-type]

    monkeypatch.setattr(atomic.os, "open", refuse_new_files)
    with pytest.raises(WriteError, match=message):
        atomic_write(target, b"new")
    assert target.read_bytes() == b"old"
    assert leftovers(tmp_path) == []


@pytest.mark.skipif(os.geteuid() == 0, reason="root writes to read-only folders")
def test_read_only_folder_for_real(tmp_path: Path) -> None:
    folder = tmp_path / "locked"
    folder.mkdir()
    target = folder / "tree.json"
    target.write_bytes(b"old")
    folder.chmod(0o555)
    try:
        with pytest.raises(WriteError, match="permission denied"):
            atomic_write(target, b"new")
        assert target.read_bytes() == b"old"
    finally:
        folder.chmod(0o755)


@pytest.mark.skipif(os.geteuid() == 0, reason="root can write read-only files")
def test_read_only_file_is_not_replaced(tmp_path: Path) -> None:
    target = tmp_path / "tree.json"
    target.write_bytes(b"old")
    target.chmod(0o444)
    with pytest.raises(WriteError, match="read-only"):
        atomic_write(target, b"new")
    assert target.read_bytes() == b"old"


def test_target_is_a_folder(tmp_path: Path) -> None:
    (tmp_path / "tree.json").mkdir()
    with pytest.raises(WriteError, match="it is a folder"):
        atomic_write(tmp_path / "tree.json", b"new")
    assert (tmp_path / "tree.json").is_dir()
    assert leftovers(tmp_path) == []


def test_missing_folder(tmp_path: Path) -> None:
    with pytest.raises(WriteError, match="no such file or directory"):
        atomic_write(tmp_path / "nowhere" / "tree.json", b"new")


def test_temp_files_of_dead_processes_are_swept(tmp_path: Path) -> None:
    target = tmp_path / "tree.json"
    dead = 2**22 + 12345  # above the default pid_max: no such process
    stray = [
        tmp_path / f".tree.json.{dead}.0badf00d.tmp",
        tmp_path / f".tree.json~.{dead}.12345678.tmp",
    ]
    for path in stray:
        path.write_bytes(b"half")
    alive = tmp_path / f".tree.json.{os.getppid()}.abcdef01.tmp"  # a running process's write
    unrelated = tmp_path / f".other.json.{dead}.0badf00d.tmp"
    alive.write_bytes(b"busy")
    unrelated.write_bytes(b"other")
    atomic_write(target, b"new")
    assert leftovers(tmp_path) == sorted([alive.name, unrelated.name])


def test_device_target_is_written_in_place(tmp_path: Path) -> None:
    atomic_write("/dev/null", b"anything", backup=True)
    assert os.path.exists("/dev/null") and stat.S_ISCHR(os.stat("/dev/null").st_mode)


def test_formats_save_passes_backup_through(tmp_path: Path) -> None:
    from featuretree import formats
    from featuretree.model.document import Document

    target = tmp_path / "产品.json"
    formats.save(Document.new("第一版"), target, backup=True)
    formats.save(Document.new("第二版"), target, backup=True)
    assert formats.load(target).root.title == "第二版"
    assert formats.load(backup_path(target), "json").root.title == "第一版"


# -- special files and refusing to overwrite (issue 17, items 3 and 13) -------------------------


def test_fifo_is_written_directly_not_renamed_over(tmp_path: Path) -> None:
    fifo = tmp_path / "pipe"
    os.mkfifo(fifo)
    # A reader that is already there (non-blocking: the test never waits on the pipe).
    reader = os.open(fifo, os.O_RDONLY | os.O_NONBLOCK)
    try:
        atomic_write(fifo, "知乎".encode())
        received = os.read(reader, 1024)
    finally:
        os.close(reader)
    assert received == "知乎".encode()
    assert stat.S_ISFIFO(os.lstat(fifo).st_mode)  # still the pipe, not a file renamed over it
    assert sorted(p.name for p in tmp_path.iterdir()) == ["pipe"]


def test_dev_stdout_redirected_to_a_file_is_written_through_the_descriptor(tmp_path: Path) -> None:
    """/dev/stdout resolves into /proc; renaming over what it resolves to failed."""
    import subprocess
    import sys

    target = tmp_path / "out.txt"
    code = (
        "from featuretree.storage.atomic import atomic_write, is_special\n"
        "assert is_special('/dev/stdout')\n"
        "atomic_write('/dev/stdout', 'ok 知乎'.encode())\n"
    )
    src = str(Path(__file__).resolve().parents[2] / "src")
    with open(target, "wb") as out:
        subprocess.run(
            [sys.executable, "-c", code],
            stdout=out,
            check=True,
            timeout=60,
            env={**os.environ, "PYTHONPATH": src},
        )
    assert target.read_bytes() == "ok 知乎".encode()
    assert sorted(p.name for p in tmp_path.iterdir()) == ["out.txt"]


def test_regular_files_and_folders_are_not_special(tmp_path: Path) -> None:
    regular = tmp_path / "a.json"
    regular.write_bytes(b"{}")
    link = tmp_path / "link.json"
    link.symlink_to(regular)
    assert not atomic.is_special(regular) and not atomic.is_special(link)
    assert not atomic.is_special(tmp_path) and not atomic.is_special(tmp_path / "missing")
    assert atomic.is_special("/dev/null")


def test_overwrite_false_refuses_an_existing_file(tmp_path: Path) -> None:
    target = tmp_path / "plan.json"
    target.write_bytes(b"old")
    with pytest.raises(atomic.FileExistsWriteError, match=r"plan\.json already exists"):
        atomic_write(target, b"new", overwrite=False)
    assert target.read_bytes() == b"old"
    assert leftovers(tmp_path) == []
    fresh = tmp_path / "fresh.json"
    atomic_write(fresh, b"new", overwrite=False)
    assert fresh.read_bytes() == b"new"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["fresh.json", "plan.json"]


def test_overwrite_false_loses_no_file_that_appears_during_the_write(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    target = tmp_path / "plan.json"
    real = atomic._write_temp

    def someone_else_writes_first(*args, **kwargs):
        tmp = real(*args, **kwargs)
        target.write_bytes(b"theirs")
        return tmp

    monkeypatch.setattr(atomic, "_write_temp", someone_else_writes_first)
    with pytest.raises(atomic.FileExistsWriteError):
        atomic_write(target, b"mine", overwrite=False)
    assert target.read_bytes() == b"theirs"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["plan.json"]
