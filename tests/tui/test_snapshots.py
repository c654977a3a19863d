"""What the editor looks like, pinned as SVG snapshots (Textual 8.2.8, fixed sizes).

Update after an intended change with ``pytest tests/tui/test_snapshots.py --snapshot-update``.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from editor_helpers import small_document
from screen_tour import SCREENS, tour_app

from featuretree import formats
from featuretree.tui import FeatureTreeApp

ZHIHU = Path(__file__).resolve().parents[2] / "samples" / "zhihu.json"


def _small(tmp_path: Path) -> Path:
    path = tmp_path / "app.json"
    formats.save(small_document(), path)
    return path


@pytest.mark.skipif(not ZHIHU.exists(), reason="samples/zhihu.json is not there")
def test_zhihu_sample_opened(snap_compare):
    assert snap_compare(FeatureTreeApp(ZHIHU), terminal_size=(120, 40), press=["j", "j", "j"])


def test_help_screen(snap_compare, tmp_path: Path):
    assert snap_compare(
        FeatureTreeApp(_small(tmp_path)), terminal_size=(100, 50), press=["question_mark"]
    )


def test_editing_a_new_title_in_place(snap_compare, tmp_path: Path):
    assert snap_compare(
        FeatureTreeApp(_small(tmp_path)),
        terminal_size=(80, 16),
        press=["down", "tab", *"[b]新[/b] 功能"],
    )


def test_f2_shows_the_whole_title_selected(snap_compare, tmp_path: Path):
    assert snap_compare(
        FeatureTreeApp(_small(tmp_path)), terminal_size=(80, 16), press=["down", "down", "f2"]
    )


@pytest.mark.skipif(not ZHIHU.exists(), reason="samples/zhihu.json is not there")
def test_zhihu_filtered_with_search_highlights(snap_compare):
    async def filter_then_search(pilot):
        await pilot.press("f", *"priority:P0,P1", "enter")
        await pilot.pause(0.3)
        await pilot.press("slash", *"会员")
        await pilot.pause(0.3)

    assert snap_compare(
        FeatureTreeApp(ZHIHU), terminal_size=(120, 30), run_before=filter_then_search
    )


# -- every screen at 80×24 and 120×40 (tests/tui/screen_tour.py says how each is reached) ----


CHINESE_TOO = (
    "editor",
    "detail_panel",
    "suggestion_form",
    "tags_form",
    "board",
    "filter_error",
    "help",
    "export",
    "export_as_folded",
    "export_as_filtered",
    "unsaved_changes",
    "changed_on_disk",
    "merge_refused",
    "recovery",
    "revisions",
    "open_file",
    "unsaved_before_open",
    "reload_question",
)


@pytest.mark.skipif(not ZHIHU.exists(), reason="samples/zhihu.json is not there")
@pytest.mark.parametrize("size", [(80, 24), (120, 40)], ids=["80x24", "120x40"])
@pytest.mark.parametrize("screen", list(SCREENS))
def test_every_screen(snap_compare, tmp_path: Path, screen: str, size: tuple[int, int]):
    assert snap_compare(tour_app(tmp_path), terminal_size=size, run_before=SCREENS[screen])


@pytest.mark.skipif(not ZHIHU.exists(), reason="samples/zhihu.json is not there")
@pytest.mark.parametrize("size", [(80, 24), (120, 40)], ids=["80x24", "120x40"])
@pytest.mark.parametrize("screen", CHINESE_TOO)
def test_every_screen_in_chinese(
    snap_compare, tmp_path: Path, monkeypatch, screen: str, size: tuple[int, int]
):
    monkeypatch.setenv("LANG", "zh_CN.UTF-8")
    assert snap_compare(tour_app(tmp_path), terminal_size=size, run_before=SCREENS[screen])


@pytest.mark.parametrize("language", ["en", "zh"])
@pytest.mark.parametrize("size", [(80, 24), (120, 40)], ids=["80x24", "120x40"])
def test_start_screen(snap_compare, monkeypatch, language: str, size: tuple[int, int]):
    if language == "zh":
        monkeypatch.setenv("LANG", "zh_CN.UTF-8")
    assert snap_compare(FeatureTreeApp(None, recent_files=list), terminal_size=size)
