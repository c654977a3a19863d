"""Ctrl+E over an existing file (a new user's trial): the file replaced is kept as ``FILE~``,
as Ctrl+S and the CLI's ``--force`` keep it, and the "exists, press Enter again to
replace it" warning is taken back when the name is changed to another file: the second
Enter replaces only the file that was warned about."""

from __future__ import annotations

from pathlib import Path

import pytest
from editor_helpers import SIZE
from file_commands import enter_path
from screen_text import screen_text

from featuretree.formats.errors import MissingSupport
from featuretree.formats.png_format import find_cjk_font
from featuretree.tui import FeatureTreeApp
from featuretree.tui.screens.export import ExportScreen


def _shown(app: FeatureTreeApp) -> str:
    return " ".join(screen_text(app).split())


@pytest.fixture(autouse=True)
def _in_the_documents_folder(doc_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    # Names typed without a folder go there, and a warning naming one is not wrapped
    # in the middle of a long temporary folder's name.
    monkeypatch.chdir(doc_path.parent)


async def _export_to(pilot, path: Path | str) -> None:
    """Ctrl+E, Tab to the path, clear it and type ``path`` (as the tester did)."""
    await pilot.press("ctrl+e")
    await pilot.pause()
    await pilot.press("tab", "ctrl+u")
    await enter_path(pilot, path)
    await pilot.pause()


async def test_export_over_a_file_keeps_it_as_a_backup(doc_path: Path):
    target = doc_path.parent / "给开发的.md"
    target.write_text("上周发给开发的版本\n", encoding="utf-8")
    app = FeatureTreeApp(doc_path)
    async with app.run_test(size=SIZE) as pilot:
        await _export_to(pilot, target)
        await pilot.press("enter")
        await pilot.pause()
        assert "exists" in _shown(app)
        await pilot.press("enter")  # again: replace it
        await pilot.pause()
        assert not isinstance(app.screen, ExportScreen)
    assert target.read_text(encoding="utf-8").startswith("# ")
    backup = doc_path.parent / "给开发的.md~"
    assert backup.read_text(encoding="utf-8") == "上周发给开发的版本\n"


def _png_can_be_drawn() -> bool:
    """resvg-py and a CJK font are there (a PNG without one is refused, tested below)."""
    try:
        import resvg_py  # noqa: F401

        find_cjk_font()
    except (ImportError, MissingSupport):
        return False
    return True


@pytest.mark.skipif(not _png_can_be_drawn(), reason="resvg-py or a CJK font is missing")
async def test_a_png_exported_over_a_file_keeps_it_as_a_backup(doc_path: Path):
    # A PNG is made in the background (a forked child): the same backup.
    target = doc_path.parent / "结构图.png"
    target.write_bytes(b"old picture")
    app = FeatureTreeApp(doc_path)
    async with app.run_test(size=SIZE) as pilot:
        await _export_to(pilot, target)
        await pilot.press("enter", "enter")
        for _ in range(200):
            if target.read_bytes() != b"old picture":
                break
            await pilot.pause(0.05)
    assert target.read_bytes().startswith(b"\x89PNG")
    assert (doc_path.parent / "结构图.png~").read_bytes() == b"old picture"


async def test_the_overwrite_warning_goes_when_the_name_changes(doc_path: Path):
    existing = doc_path.parent / "旧版.md"
    existing.write_text("旧版\n", encoding="utf-8")
    fresh = doc_path.parent / "新版.md"
    app = FeatureTreeApp(doc_path)
    async with app.run_test(size=SIZE) as pilot:
        await _export_to(pilot, existing.name)
        await pilot.press("enter")
        await pilot.pause()
        assert "旧版.md exists" in _shown(app)
        # The name changed to a file that does not exist: nothing to warn about.
        await pilot.press(*["backspace"] * len("旧版.md"), *"新版.md")
        await pilot.pause()
        assert "exists" not in _shown(app)
        # And back to the file warned about: it is warned about again, not replaced.
        await pilot.press(*["backspace"] * len("新版.md"), *"旧版.md")
        await pilot.pause()
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, ExportScreen) and "旧版.md exists" in _shown(app)
        assert existing.read_text(encoding="utf-8") == "旧版\n"
        await pilot.press("enter")
        await pilot.pause()
        assert not isinstance(app.screen, ExportScreen)
    assert existing.read_text(encoding="utf-8").startswith("# ")
    assert not fresh.exists()


async def test_a_warning_for_one_file_never_replaces_another(doc_path: Path):
    first = doc_path.parent / "甲.md"
    second = doc_path.parent / "乙.md"
    first.write_text("甲\n", encoding="utf-8")
    second.write_text("乙\n", encoding="utf-8")
    app = FeatureTreeApp(doc_path)
    async with app.run_test(size=SIZE) as pilot:
        await _export_to(pilot, first.name)
        await pilot.press("enter")
        await pilot.pause()
        assert "甲.md exists" in _shown(app)
        await pilot.press("backspace", "backspace", "backspace", "backspace", *"乙.md")
        await pilot.pause()
        assert "甲.md exists" not in _shown(app)
        await pilot.press("enter")  # the first Enter for this name: a warning, no write
        await pilot.pause()
        assert "乙.md exists" in _shown(app)
        assert second.read_text(encoding="utf-8") == "乙\n"


async def test_a_png_refused_for_want_of_a_font_leaves_the_file_there(
    doc_path: Path, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
):
    # No CJK font (or no resvg-py): the export says why, and the picture already there
    # is neither replaced nor moved aside.
    monkeypatch.setenv("FEATURETREE_CJK_FONT", str(tmp_path / "no such font.ttc"))
    target = doc_path.parent / "结构图.png"
    target.write_bytes(b"old picture")
    app = FeatureTreeApp(doc_path)
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await _export_to(pilot, target)
        await pilot.press("enter", "enter")
        for _ in range(100):
            await pilot.pause(0.05)
            shown = _shown(app)
            if "no such font file" in shown:
                break
    assert "no such font file" in shown  # the notice's end: the reason
    assert target.read_bytes() == b"old picture"
    assert not (doc_path.parent / "结构图.png~").exists()
