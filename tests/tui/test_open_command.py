"""Open… (Ctrl+O, or the palette) from the editor (issue 17, "Also expected").

It asks for a path; with unsaved changes it asks first (save / discard / cancel); the
new document replaces the editor, never stacked over it (a quit would forget one).
"""

from __future__ import annotations

from pathlib import Path

from editor_helpers import SIZE, editor, small_document
from file_commands import from_palette, type_path
from screen_text import screen_text

from featuretree import formats
from featuretree.tui import FeatureTreeApp
from featuretree.tui.screens.editor.screen import EditorScreen
from featuretree.tui.screens.problems import ProblemsScreen
from featuretree.tui.screens.questions import ChoiceDialog


def _flat(app: FeatureTreeApp) -> str:
    return " ".join(screen_text(app).split())


def _editors(app: FeatureTreeApp) -> int:
    return sum(isinstance(screen, EditorScreen) for screen in app.screen_stack)


def _other(tmp_path: Path) -> Path:
    doc = small_document()
    doc.root.title = "会员中心"
    path = tmp_path / "会员.json"
    formats.save(doc, path)
    return path


async def _rename_first(pilot, title: str) -> None:
    await pilot.press("down", "e", "ctrl+u", *title, "enter")


async def test_ctrl_o_opens_another_file_in_place_of_an_unmodified_one(doc_path: Path):
    other = _other(doc_path.parent)
    app = FeatureTreeApp(doc_path)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("ctrl+o")
        await pilot.pause(0.3)
        assert "Open a file" in _flat(app)
        await type_path(pilot, other)
        await pilot.pause(0.3)
        assert editor(app).path == other
        assert "会员中心" in _flat(app) and "会员.json" in _flat(app)
        assert _editors(app) == 1


async def test_open_with_unsaved_changes_asks_and_cancel_keeps_them(doc_path: Path):
    other = _other(doc_path.parent)
    app = FeatureTreeApp(doc_path)
    async with app.run_test(size=SIZE) as pilot:
        await _rename_first(pilot, "主页")
        await from_palette(pilot, "Open a file")
        await type_path(pilot, other)
        assert isinstance(app.screen, ChoiceDialog)
        assert "app.json has unsaved changes" in _flat(app)
        await pilot.press("escape")
        await pilot.pause()
        screen = editor(app)
        assert screen.path == doc_path and screen.history.dirty
        assert "主页" in _flat(app)
        assert _editors(app) == 1


async def test_open_with_unsaved_changes_save_first_writes_them_then_opens(doc_path: Path):
    other = _other(doc_path.parent)
    app = FeatureTreeApp(doc_path)
    async with app.run_test(size=SIZE) as pilot:
        await _rename_first(pilot, "主页")
        await pilot.press("ctrl+o")
        await pilot.pause(0.3)
        await type_path(pilot, other)
        await pilot.press("enter")  # the default: save first
        await pilot.pause(0.3)
        assert editor(app).path == other
        assert _editors(app) == 1
    assert formats.load(doc_path).node("home").title == "主页"


async def test_open_with_unsaved_changes_discard_opens_without_saving(doc_path: Path):
    other = _other(doc_path.parent)
    before = doc_path.read_bytes()
    app = FeatureTreeApp(doc_path)
    async with app.run_test(size=SIZE) as pilot:
        await _rename_first(pilot, "主页")
        await pilot.press("ctrl+o")
        await pilot.pause(0.3)
        await type_path(pilot, other)
        await pilot.press("d")
        await pilot.pause(0.3)
        assert editor(app).path == other
        assert not editor(app).history.dirty
        assert _editors(app) == 1
        await pilot.press("ctrl+q")  # nothing unsaved is left anywhere: quits at once
        await pilot.pause()
    assert doc_path.read_bytes() == before


async def test_a_file_that_cannot_be_read_leaves_the_editor_and_its_edits(doc_path: Path):
    broken = doc_path.parent / "broken.json"
    broken.write_text("{ not json", encoding="utf-8")
    app = FeatureTreeApp(doc_path)
    async with app.run_test(size=SIZE) as pilot:
        await _rename_first(pilot, "主页")
        await pilot.press("ctrl+o")
        await pilot.pause(0.3)
        await type_path(pilot, broken)
        await pilot.pause(0.3)
        assert isinstance(app.screen, ProblemsScreen)
        assert "broken.json" in _flat(app)
        await pilot.press("escape")
        await pilot.pause()
        screen = editor(app)
        assert app.screen is screen and screen.path == doc_path and screen.history.dirty


async def test_ctrl_o_starts_in_the_documents_folder_so_a_name_is_enough(doc_path: Path):
    other = _other(doc_path.parent)
    app = FeatureTreeApp(doc_path)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("ctrl+o")
        await pilot.pause(0.3)
        await pilot.press(*other.name, "enter")  # typed after the folder offered
        await pilot.pause(0.3)
        assert editor(app).path == other


async def test_open_from_a_document_never_saved_offers_to_save_it_first(tmp_path: Path):
    other = _other(tmp_path)
    app = FeatureTreeApp(sample="zhihu")
    async with app.run_test(size=SIZE) as pilot:
        await _rename_first(pilot, "首页改版")
        await pilot.press("ctrl+o")
        await pilot.pause(0.3)
        await type_path(pilot, other)
        assert "This document has never been saved. Save it before opening 会员.json?" in (
            _flat(app)
        )
        await pilot.press("enter")  # save first: asks where
        await pilot.pause()
        await type_path(pilot, tmp_path / "知乎.json")
        await pilot.pause(0.3)
        assert editor(app).path == other and _editors(app) == 1
    assert (tmp_path / "知乎.json").exists()


async def test_a_document_saved_first_by_save_as_reopens_as_it_was_left(tmp_path: Path):
    # The folds and the cursor are remembered once the file has its name (Save as),
    # as a quit remembers them.
    other = _other(tmp_path)
    app = FeatureTreeApp(sample="zhihu")
    async with app.run_test(size=SIZE) as pilot:
        await _rename_first(pilot, "首页改版")
        await pilot.press("space", "down")  # fold 首页改版; the cursor on the next module
        left_on = editor(app).tree.cursor_node.id
        await pilot.press("ctrl+o")
        await pilot.pause(0.3)
        await type_path(pilot, other)
        await pilot.press("enter")  # save first: asks where
        await pilot.pause()
        await type_path(pilot, tmp_path / "知乎.json")
        await pilot.pause(0.3)
        assert editor(app).path == other
    app = FeatureTreeApp(tmp_path / "知乎.json")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause(0.1)
        assert editor(app).tree.cursor_node.id == left_on
        assert "首页改版" in _flat(app) and "顶部栏" not in _flat(app)


async def test_a_whole_path_typed_after_the_folder_offered_opens_that_file(
    doc_path: Path, tmp_path_factory
):
    # A colleague's file elsewhere: its absolute path typed as is, after the "./" or the
    # folder the dialog offers, opened a new empty document under the offered folder.
    elsewhere = tmp_path_factory.mktemp("shared")
    other = _other(elsewhere)
    app = FeatureTreeApp(doc_path)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("ctrl+o")
        await pilot.pause(0.3)
        await pilot.press(*str(other), "enter")
        await pilot.pause(0.3)
        assert editor(app).path == other
        assert "会员中心" in _flat(app)


async def test_a_home_path_typed_after_the_folder_offered_starts_from_home(
    doc_path: Path, monkeypatch
):
    monkeypatch.setenv("HOME", str(doc_path.parent / "home"))
    (doc_path.parent / "home").mkdir()
    other = _other(doc_path.parent / "home")
    app = FeatureTreeApp(doc_path)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("ctrl+o")
        await pilot.pause(0.3)
        await pilot.press(*"~/会员.json", "enter")
        await pilot.pause(0.3)
        assert editor(app).path == other


async def test_escape_closes_the_open_and_save_as_dialogs(doc_path: Path):
    # Escape did nothing in Ctrl+O's dialog (its cancel had slid into a function
    # defined after the class): the only way out was typing a path or quitting.
    from featuretree.tui.screens.dialogs import SavePathScreen

    app = FeatureTreeApp(doc_path)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.press("ctrl+o")
        await pilot.pause()
        assert isinstance(app.screen, SavePathScreen)
        await pilot.press("escape")
        await pilot.pause()
        assert app.screen is editor(app)
        await from_palette(pilot, "Save as")
        assert isinstance(app.screen, SavePathScreen)
        await pilot.press("escape")
        await pilot.pause()
        assert app.screen is editor(app)


async def test_tab_completes_the_file_name_and_lists_several_matches(doc_path: Path):
    other = _other(doc_path.parent)  # 会员.json beside app.json
    formats.save(small_document(), doc_path.parent / "会员 副本.json")
    app = FeatureTreeApp(doc_path)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("ctrl+o")
        await pilot.pause(0.3)
        field = app.screen.query_one("#save-path")
        await pilot.press("ctrl+u", *f"{doc_path.parent}/会", "tab")
        assert field.value == f"{doc_path.parent}/会员"  # both start so: as far as they agree
        assert "2 files match" in _flat(app) and "会员 副本.json" in _flat(app)
        await pilot.press(*".j", "tab")
        assert field.value == str(other)
        await pilot.press("enter")
        await pilot.pause(0.3)
        assert editor(app).path == other


async def test_tab_offers_only_files_that_open(doc_path: Path):
    """The PNG and SVG exported beside a document were offered too (会员.png, 会员.svg):
    Tab then stopped at ``会员.`` and Enter on one of them could only fail."""
    other = _other(doc_path.parent)  # 会员.json beside app.json
    for picture in ("会员.png", "会员.svg"):
        (doc_path.parent / picture).write_bytes(b"exported")
    (doc_path.parent / "会员图").mkdir()  # a folder is always offered
    app = FeatureTreeApp(doc_path)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("ctrl+o")
        await pilot.pause(0.3)
        field = app.screen.query_one("#save-path")
        await pilot.press("ctrl+u", *f"{doc_path.parent}/会员.", "tab")
        assert field.value == str(other)  # the one file that opens
        await pilot.press("ctrl+u", *f"{doc_path.parent}/会员", "tab")
        shown = _flat(app)
        assert "2 files match" in shown and "会员图/" in shown and ".png" not in shown
