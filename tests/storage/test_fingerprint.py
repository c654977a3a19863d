"""Noticing that a file changed on disk since it was loaded."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from featuretree.storage.fingerprint import Fingerprint, changed_since


def test_unchanged_file(tmp_path: Path) -> None:
    target = tmp_path / "tree.json"
    target.write_bytes(b"content")
    fingerprint, data = Fingerprint.read(target)
    assert data == b"content" and fingerprint.size == 7 and fingerprint.exists
    assert not changed_since(fingerprint)


def test_touched_file_with_same_bytes_is_not_changed(tmp_path: Path) -> None:
    target = tmp_path / "tree.json"
    target.write_bytes(b"content")
    fingerprint = Fingerprint.of(target)
    os.utime(target, ns=(fingerprint.mtime_ns + 10**9, fingerprint.mtime_ns + 10**9))
    assert Fingerprint.of(target).mtime_ns != fingerprint.mtime_ns
    assert not changed_since(fingerprint)


def test_same_size_edit_with_same_mtime_is_changed(tmp_path: Path) -> None:
    target = tmp_path / "tree.json"
    target.write_bytes(b"content")
    fingerprint = Fingerprint.of(target)
    target.write_bytes(b"CONTENT")
    os.utime(target, ns=(fingerprint.mtime_ns, fingerprint.mtime_ns))  # a coarse-clock file system
    assert changed_since(fingerprint)


def test_deleted_and_created_files(tmp_path: Path) -> None:
    target = tmp_path / "tree.json"
    target.write_bytes(b"x")
    fingerprint = Fingerprint.of(target)
    target.unlink()
    assert changed_since(fingerprint)
    never = Fingerprint.of(tmp_path / "new.json")
    assert not never.exists and not changed_since(never)
    (tmp_path / "new.json").write_bytes(b"")
    assert changed_since(never)


def test_round_trip_through_dict(tmp_path: Path) -> None:
    target = tmp_path / "树.json"
    target.write_bytes("知乎".encode())
    fingerprint = Fingerprint.of(target)
    assert Fingerprint.from_dict(fingerprint.to_dict()) == fingerprint


def test_read_and_use_gives_the_same_fingerprint_and_passes_the_bytes(tmp_path: Path):
    path = tmp_path / "doc.json"
    path.write_bytes(b"x" * 100_000)
    fingerprint, size = Fingerprint.read_and_use(path, len)
    assert size == 100_000
    assert fingerprint == Fingerprint.read(path)[0]


def test_read_and_use_raises_what_use_raises(tmp_path: Path):
    path = tmp_path / "doc.json"
    path.write_bytes(b"{}")

    def broken(data: bytes) -> None:
        raise ValueError("bad")

    with pytest.raises(ValueError, match="bad"):
        Fingerprint.read_and_use(path, broken)
