"""The diagram view (v) pinned as SVG snapshots: the zhihu sample at 80×24 and 120×40,
top-down with leaf stacks, left to right, ASCII, and a title typed over its box.

Update after an intended change with
``pytest tests/tui/test_diagram_snapshots.py --snapshot-update`` (and look at the SVGs).
"""

from __future__ import annotations

from pathlib import Path

import pytest

from featuretree.tui import FeatureTreeApp

ZHIHU = Path(__file__).resolve().parents[2] / "samples" / "zhihu.json"

pytestmark = pytest.mark.skipif(not ZHIHU.exists(), reason="samples/zhihu.json is not there")


def _config(tmp_path: Path, monkeypatch, text: str) -> None:
    config = tmp_path / "config.toml"
    config.write_text(text, encoding="utf-8")
    monkeypatch.setenv("FEATURETREE_CONFIG", str(config))


@pytest.mark.parametrize("size", [(80, 24), (120, 40)], ids=["80x24", "120x40"])
def test_zhihu_diagram(snap_compare, size: tuple[int, int]):
    # v on the root, then ↓ to the module nearest the middle and ← to its neighbour.
    assert snap_compare(FeatureTreeApp(ZHIHU), terminal_size=size, press=["v", "down", "left"])


@pytest.mark.parametrize("size", [(80, 24), (120, 40)], ids=["80x24", "120x40"])
def test_zhihu_diagram_left_to_right_in_chinese(
    snap_compare, tmp_path: Path, monkeypatch, size: tuple[int, int]
):
    _config(tmp_path, monkeypatch, 'language = "zh"\ndiagram_direction = "right"\n')
    assert snap_compare(FeatureTreeApp(ZHIHU), terminal_size=size, press=["v", "right"])


def test_zhihu_diagram_in_ascii_with_a_title_being_typed(snap_compare, tmp_path: Path, monkeypatch):
    _config(tmp_path, monkeypatch, "diagram_ascii = true\n")
    assert snap_compare(
        FeatureTreeApp(ZHIHU), terminal_size=(80, 24), press=["v", "down", "f2", *"会员 中心"]
    )
