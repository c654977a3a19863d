"""A PM's first hour around the editor (issue 11): the Chinese palette and key bar, the
start screen's samples by title and a typed path, the header after renaming the root,
a broken file's problems on screen, and the recovery prompt's difference by title path."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from annotation_helpers import statics_text, title_bar
from editor_helpers import SIZE, editor, small_document
from file_commands import enter_path
from textual.command import CommandInput, CommandList, CommandPalette
from textual.widgets import Input, OptionList

from featuretree import formats
from featuretree.formats.json_format import write_json
from featuretree.operations import annotate, structure
from featuretree.samples_catalog import all_samples
from featuretree.storage.fingerprint import Fingerprint
from featuretree.storage.recovery import RecoveryStore
from featuretree.tui import FeatureTreeApp
from featuretree.tui.screens.problems import ProblemsScreen
from featuretree.tui.screens.questions import RecoveryDialog
from featuretree.tui.screens.start import StartScreen
from featuretree.tui.widgets.key_bar import KeyBar


@pytest.fixture
def chinese(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The Chinese UI chosen in the config (``language = "zh"``)."""
    config = tmp_path / "zh.toml"
    config.write_text('language = "zh"\n', encoding="utf-8")
    monkeypatch.setenv("FEATURETREE_CONFIG", str(config))


def key_bar_text(app: FeatureTreeApp) -> str:
    """The key bar as drawn."""
    return "".join(segment.text for segment in app.screen.query_one(KeyBar).render_line(0))


def palette_entries(app: FeatureTreeApp) -> list[str]:
    """The first line of each command the open palette lists."""
    commands = app.screen.query_one(CommandList)
    return [
        str(commands.get_option_at_index(i).prompt).split("\n")[0]
        for i in range(commands.option_count)
    ]


# -- 1. the Chinese UI is Chinese in the palette and the key bar ------------------------------


async def test_chinese_palette_lists_textual_commands_in_chinese(doc_path: Path, chinese):
    app = FeatureTreeApp(doc_path)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        bar = key_bar_text(app)
        assert bar.rstrip().endswith("Ctrl+P 命令") and "palette" not in bar
        await pilot.press("ctrl+p")
        await pilot.pause(0.3)
        assert isinstance(app.screen, CommandPalette)
        assert app.screen.query_one(CommandInput).placeholder == "搜索命令…"
        shown = palette_entries(app)
        assert {"主题", "退出", "最大化", "截图", "帮助"} <= set(shown)
        assert not {"Theme", "Quit", "Keys", "Maximize", "Screenshot"} & set(shown)
        await pilot.press(*"主题")
        await pilot.pause(0.3)
        await pilot.press("enter")
        await pilot.pause(0.3)
        assert isinstance(app.screen, CommandPalette)  # the list of themes
        assert app.screen.query_one(CommandInput).placeholder == "搜索主题…"


async def test_a_remapped_palette_key_shows_in_the_key_bar(
    doc_path: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
):
    config = tmp_path / "keys.toml"
    config.write_text('[keymap]\n"app.command_palette" = "f1"\n', encoding="utf-8")
    monkeypatch.setenv("FEATURETREE_CONFIG", str(config))
    app = FeatureTreeApp(doc_path)
    async with app.run_test(size=(100, 24)) as pilot:
        await pilot.pause()
        assert key_bar_text(app).rstrip().endswith("F1 Commands")
        await pilot.press("f1")
        await pilot.pause(0.3)
        assert isinstance(app.screen, CommandPalette)


# -- 2. the start screen ------------------------------------------------------------------------


async def test_start_screen_lists_samples_by_their_titles(chinese):
    samples = all_samples()
    if not samples:
        pytest.skip("no samples installed")
    app = FeatureTreeApp(recent_files=list)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        options = app.screen.query_one(OptionList)
        labels = [str(options.get_option_at_index(i).prompt) for i in range(options.option_count)]
        zhihu = next((s for s in samples if s.name == "zhihu"), None)
        if zhihu is not None:
            assert "◇ 示例：知乎 App 功能结构图" in labels
        assert not any(label.endswith(f"：{s.name}") for s in samples for label in labels)


async def test_start_screen_opens_a_typed_path(tmp_path: Path):
    path = tmp_path / "读书.json"
    formats.save(small_document(), path)
    app = FeatureTreeApp(recent_files=list)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert isinstance(app.screen, StartScreen)
        await pilot.press("o")
        assert isinstance(app.focused, Input)
        await enter_path(pilot, path)
        await pilot.press("enter")
        await pilot.pause()
        assert editor(app).path == path
        assert [kid.title for kid in editor(app).doc.root.kids] == ["首页", "消息", "我的"]


# -- 3. the header ------------------------------------------------------------------------------


async def test_header_follows_the_root_title_of_a_new_document(chinese):
    app = FeatureTreeApp(recent_files=list)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.press("n")
        await pilot.pause()
        assert "featuretree · 新产品" in title_bar(app)
        await pilot.press("f2", "ctrl+u", *"微信读书", "enter")
        await pilot.pause()
        assert editor(app).doc.root.title == "微信读书"
        assert "featuretree · 微信读书" in title_bar(app) and "新产品" not in title_bar(app)
        await pilot.press("ctrl+z")
        await pilot.pause()
        assert "featuretree · 新产品" in title_bar(app)


# -- 4. a broken file ---------------------------------------------------------------------------


async def test_a_broken_file_lists_every_problem_until_dismissed(tmp_path: Path):
    data = json.loads(write_json(small_document()))
    for kid in data["root"]["children"]:
        kid["status"] = "half-done"
    path = tmp_path / "坏文件.json"
    path.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    app = FeatureTreeApp(path)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause(0.5)  # a toast would have gone by now; this stays
        assert isinstance(app.screen, ProblemsScreen)
        shown = statics_text(app)
        assert "坏文件.json" in shown and str(path) in shown
        assert shown.count("half-done") == 3  # every problem, not only the first
        assert "1. " in shown and "3. " in shown
        assert "App › 首页: status: " in shown  # the node by its titles, as validate names it
        await pilot.press("enter")
        assert isinstance(app.screen, StartScreen)


async def test_many_problems_scroll_and_the_close_button_stays_on_screen(tmp_path: Path):
    data = json.loads(write_json(small_document()))
    data["root"]["children"] = [
        {"id": f"n{i}", "title": f"节点{i}", "status": "bad"} for i in range(60)
    ]
    path = tmp_path / "many.json"
    path.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    app = FeatureTreeApp(path)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, ProblemsScreen)
        listing = screen.query_one("#problems-list")
        button = screen.query_one("#problems-close")
        assert button.region.bottom <= 24 and button.region.height == 3
        assert listing.max_scroll_y > 0
        await pilot.press("end")
        await pilot.pause(0.5)
        assert listing.scroll_y == listing.max_scroll_y
        await pilot.press("escape")
        assert isinstance(app.screen, StartScreen)


async def test_a_repaired_file_opens_and_says_what_was_repaired(tmp_path: Path):
    data = json.loads(write_json(small_document()))
    data["root"]["children"][1]["id"] = data["root"]["children"][0]["id"]  # a duplicate id
    path = tmp_path / "dup.json"
    path.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    app = FeatureTreeApp(path)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause(0.5)
        assert isinstance(app.screen, ProblemsScreen)
        assert "duplicate id" in statics_text(app)
        await pilot.press("escape")
        assert app.screen is editor(app) and len(editor(app).doc) == 6


# -- 5. the recovery prompt's difference ----------------------------------------------------------


async def test_show_difference_lists_the_nodes_by_title_path(doc_path: Path, chinese):
    doc = small_document()
    annotate.rename(doc, "msg", "消息中心").apply(doc)
    structure.add_child(doc, "me", "钱包").apply(doc)
    structure.delete(doc, "search").apply(doc)
    structure.move_to(doc, "feed", "root").apply(doc)
    RecoveryStore().write(write_json(doc), doc_path, base=Fingerprint.of(doc_path))
    app = FeatureTreeApp(doc_path)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        dialog = app.screen
        assert isinstance(dialog, RecoveryDialog)
        await pilot.press("d")
        await pilot.pause()
        lines = str(dialog.query_one("#recovery-diff-text").render()).splitlines()
        assert "~ App › 消息中心：修改了标题（原为“消息”）" in lines
        assert "+ App › 我的 › 钱包" in lines
        assert "− App › 首页 › 搜索" in lines
        assert "→ App › 推荐（原在 App › 首页）" in lines
        assert dialog.query_one("#recovery-diff").region.bottom <= 24
        await pilot.press("d")  # again: still one list
        assert len(dialog.query("#recovery-diff")) == 1
        await pilot.press("enter")
        assert [kid.title for kid in editor(app).doc.root.kids] == [
            "首页",
            "消息中心",
            "我的",
            "推荐",
        ]


async def test_palette_screenshot_without_a_downloads_folder(
    doc_path: Path, tmp_path: Path, chinese, notes, monkeypatch
):
    import platformdirs

    monkeypatch.setattr(platformdirs, "user_downloads_path", lambda: tmp_path / "no-such-dir")
    here = tmp_path / "here"
    here.mkdir()
    monkeypatch.chdir(here)
    app = FeatureTreeApp(doc_path)
    seen = notes(app)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await pilot.press("ctrl+p")
        await pilot.pause(0.3)
        await pilot.press(*"截图")
        await pilot.pause(0.3)
        await pilot.press("enter")
        await pilot.pause(0.5)
        shots = list(doc_path.parent.glob("*.svg"))  # beside the document, not nowhere
        assert len(shots) == 1
        assert seen[-1] == f"截图已保存到 {shots[0]}"  # no "[$text-success]", no English


async def test_show_difference_of_a_document_never_saved_says_what_was_kept():
    doc = small_document()
    annotate.rename(doc, "root", "草稿").apply(doc)
    store = RecoveryStore()
    store.write(write_json(doc), None, key=store.untitled_key())
    app = FeatureTreeApp()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        dialog = app.screen
        assert isinstance(dialog, RecoveryDialog)
        await pilot.press("d")
        await pilot.pause()
        assert str(dialog.query_one("#dialog-detail").render()) == "The kept document has 6 nodes:"
        listing = str(dialog.query_one("#recovery-diff-text").render())
        assert listing == "+ 草稿 (and 5 below it)"  # not "removed: New product"


async def test_a_failed_save_says_why_in_chinese(tmp_path: Path, chinese, notes):
    from featuretree.tui.screens.dialogs import SavePathScreen

    if not all_samples():
        pytest.skip("no samples installed")
    app = FeatureTreeApp(sample=all_samples()[0].name)
    seen = notes(app)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.press("ctrl+s")
        assert isinstance(app.screen, SavePathScreen)
        target = tmp_path / "没有这个文件夹" / "读书.json"
        app.screen.query_one("#save-path", Input).value = str(target)
        await pilot.press("enter")
        await pilot.pause()
        assert f"无法写入 {target}：文件夹不存在" in seen
        assert not any("cannot write" in text for text in seen)


async def test_opening_a_folder_says_so_in_chinese(tmp_path: Path, chinese):
    folder = tmp_path / "资料.json"
    folder.mkdir()
    app = FeatureTreeApp(folder)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        assert isinstance(app.screen, ProblemsScreen)
        shown = statics_text(app)
        assert "无法打开 资料.json" in shown and "这是一个文件夹，不是文件" in shown


async def test_moving_the_palette_onto_a_taken_key_is_reported(
    doc_path: Path, tmp_path: Path, monkeypatch, notes
):
    config = tmp_path / "keys.toml"
    config.write_text('[keymap]\n"app.command_palette" = "j"\n', encoding="utf-8")
    monkeypatch.setenv("FEATURETREE_CONFIG", str(config))
    app = FeatureTreeApp(doc_path)
    seen = notes(app)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert "Keymap: j is bound to more than one action" in seen
