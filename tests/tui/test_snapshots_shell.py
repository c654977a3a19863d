"""The screens around the editor, pinned as SVG snapshots at 80×24 and 120×40, in Chinese:
the start screen, a broken file's problems, and the recovery prompt's difference.

Update after an intended change with ``pytest tests/tui/test_snapshots_shell.py --snapshot-update``.
"""

from __future__ import annotations

import json
import time
from pathlib import Path

import pytest
from editor_helpers import small_document

from featuretree import formats
from featuretree.formats.json_format import write_json
from featuretree.operations import annotate, structure
from featuretree.storage import recovery
from featuretree.storage.fingerprint import Fingerprint
from featuretree.tui import FeatureTreeApp

SIZES = [pytest.param((80, 24), id="80x24"), pytest.param((120, 40), id="120x40")]


@pytest.fixture(autouse=True)
def chinese_here(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """The Chinese UI, UTC, and the test's folder as the current one (short, fixed paths)."""
    config = tmp_path / "zh.toml"
    config.write_text('language = "zh"\n', encoding="utf-8")
    monkeypatch.setenv("FEATURETREE_CONFIG", str(config))
    monkeypatch.setenv("TZ", "UTC")
    time.tzset()
    monkeypatch.chdir(tmp_path)
    yield tmp_path
    monkeypatch.delenv("TZ")
    time.tzset()


@pytest.mark.parametrize("size", SIZES)
def test_start_screen(snap_compare, size):
    assert snap_compare(FeatureTreeApp(recent_files=list), terminal_size=size)


@pytest.mark.parametrize("size", SIZES)
def test_broken_file_problems(snap_compare, size):
    data = json.loads(write_json(small_document()))
    for number, kid in enumerate(data["root"]["children"]):
        kid["status"] = f"进行中{number}"
    data["root"]["children"][0]["children"] = [
        {"id": f"n{i}", "title": f"节点{i}", "status": "bad"} for i in range(20)
    ]
    Path("坏文件.json").write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    assert snap_compare(FeatureTreeApp(Path("坏文件.json")), terminal_size=size)


@pytest.mark.parametrize("size", SIZES)
def test_recovery_difference(snap_compare, size, monkeypatch: pytest.MonkeyPatch):
    path = Path("读书.json")
    formats.save(small_document(), path)
    doc = small_document()
    annotate.rename(doc, "msg", "消息中心").apply(doc)
    structure.add_child(doc, "me", "钱包").apply(doc)
    structure.delete(doc, "search").apply(doc)
    structure.move_to(doc, "feed", "root").apply(doc)
    with monkeypatch.context() as patch:  # a fixed "kept at" time
        patch.setattr(recovery.time, "time_ns", lambda: 1_796_000_000_000_000_000)
        recovery.RecoveryStore().write(write_json(doc), path, base=Fingerprint.of(path))
    assert snap_compare(FeatureTreeApp(path), terminal_size=size, press=["d"])
