"""Each editor keeps its own recovery file; every copy of a document is found."""

from __future__ import annotations

import dataclasses
import os
import subprocess
import sys
import time
from pathlib import Path

import pytest

from featuretree.formats.json_format import write_json
from featuretree.model.document import Document
from featuretree.storage.recovery import RecoveryStore


@pytest.fixture
def store(tmp_path: Path) -> RecoveryStore:
    return RecoveryStore(tmp_path / "state" / "recovery")


@pytest.fixture
def path(tmp_path: Path) -> Path:
    target = tmp_path / "读书.json"
    target.write_text("{}", encoding="utf-8")
    old = time.time_ns() - 60 * 10**9  # saved a minute ago
    os.utime(target, ns=(old, old))
    return target


def _doc(title: str) -> bytes:
    return write_json(Document.new(title))


def test_two_editors_of_one_file_keep_two_copies_both_found_newest_first(
    store: RecoveryStore, path: Path, tmp_path: Path
) -> None:
    first, second = store.editor_key(path), store.editor_key(path)
    assert first != second
    store.write(_doc("甲"), path, key=first)
    store.write(_doc("乙"), path, key=second)
    store.write(_doc("别的文件"), tmp_path / "other.json", key=store.editor_key(tmp_path / "o"))
    found = store.find_all(path)
    assert [store.load(info).root.title for info in found] == ["乙", "甲"]
    assert store.find(path) == found[0]


def test_a_copy_written_without_an_editor_key_is_found_with_the_others(
    store: RecoveryStore, path: Path
) -> None:
    store.write(_doc("旧的"), path)  # key_for(path): a file from before editor keys
    store.write(_doc("新的"), path, key=store.editor_key(path))
    assert sorted(store.load(info).root.title for info in store.find_all(path)) == ["新的", "旧的"]


def test_copies_older_than_the_file_are_found_only_when_asked(
    store: RecoveryStore, path: Path
) -> None:
    info = store.write(_doc("甲"), path, key=store.editor_key(path))
    assert info is not None
    later = time.time_ns() + 10**9
    os.utime(path, ns=(later, later))
    assert store.find_all(path) == []
    assert store.find_all(path, include_stale=True) == [info]


def test_a_copy_knows_whether_its_editor_may_still_run(store: RecoveryStore, path: Path) -> None:
    info = store.write(_doc("甲"), path, key=store.editor_key(path))
    assert info is not None and not info.writer_running()  # this very process
    other = subprocess.Popen([sys.executable, "-c", "import time; time.sleep(30)"])
    try:
        assert dataclasses.replace(info, pid=other.pid).writer_running()
    finally:
        other.kill()
        other.wait()
    assert not dataclasses.replace(info, pid=other.pid).writer_running()
