"""The user's config and language reach the running editor: keymap, author, theme, 简体中文."""

from __future__ import annotations

from pathlib import Path

from annotation_helpers import detail_text, statics_text
from editor_helpers import SIZE, editor, put_cursor, titles
from textual.widgets import Input

from featuretree.tui import FeatureTreeApp
from featuretree.tui.screens.dialogs import HelpScreen
from featuretree.tui.screens.forms import SuggestionForm
from featuretree.tui.screens.start import StartScreen
from featuretree.tui.widgets.key_bar import KeyBar


def footer_text(app: FeatureTreeApp) -> str:
    """What the key bar draws (keys and descriptions, as on screen)."""
    return "".join(segment.text for segment in app.screen.query_one(KeyBar).render_line(0))


async def test_config_keymap_and_author_take_effect(doc_path: Path, tmp_path: Path, monkeypatch):
    config = tmp_path / "config.toml"
    config.write_text(
        'author = "林晓"\ntheme = "nord"\n[keymap]\n'
        '"node.add_suggestion" = "S"\n"tree.add_child" = "insert"\n',
        encoding="utf-8",
    )
    monkeypatch.setenv("FEATURETREE_CONFIG", str(config))
    app = FeatureTreeApp(doc_path)
    async with app.run_test(size=SIZE) as pilot:
        assert app.theme == "nord"
        put_cursor(app, "msg")
        await pilot.press("s")
        assert not isinstance(app.screen, SuggestionForm)  # s is no longer bound:
        assert editor(app).is_typing  # a letter no command takes is typed, as text
        await pilot.press("escape")
        assert editor(app).doc.node("msg").title == "消息"
        await pilot.press("S")
        assert isinstance(app.screen, SuggestionForm)
        assert app.screen.query_one("#author", Input).value == "林晓"
        await pilot.press(*"消息分组", "enter")
        assert [s.author for s in editor(app).doc.node("msg").suggestions] == ["林晓"]
        await pilot.press("insert", *"私信", "enter")  # the tree's own keys follow the keymap
        assert titles(editor(app), "msg") == ["私信"]
        await pilot.press("question_mark")
        assert isinstance(app.screen, HelpScreen)
        help_text = statics_text(app)
        assert str(config) in help_text
        add_child = next(line for line in help_text.splitlines() if "Add child" in line)
        assert add_child.split()[0] == "Insert"  # the key as remapped


async def test_a_broken_config_is_a_warning_not_a_crash(
    doc_path: Path, tmp_path: Path, monkeypatch, notes
):
    config = tmp_path / "config.toml"
    config.write_text('theme = "no-such-theme"\nlanguage = "fr"\n', encoding="utf-8")
    monkeypatch.setenv("FEATURETREE_CONFIG", str(config))
    app = FeatureTreeApp(doc_path)
    seen = notes(app)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert any("language" in text for text in seen)
        assert any("no-such-theme" in text for text in seen)
        assert editor(app).doc.root.title == "App"


async def test_lang_zh_cn_shows_chinese_labels(doc_path: Path, monkeypatch):
    monkeypatch.setenv("LANG", "zh_CN.UTF-8")
    app = FeatureTreeApp(doc_path)
    async with app.run_test(size=(120, 30)) as pilot:
        await pilot.pause()
        assert "修改记录" in detail_text(app)
        assert "添加子节点" in footer_text(app)
        await pilot.press("question_mark")
        help_text = statics_text(app)
        assert "标注" in help_text and "添加优化建议" in help_text


async def test_start_screen_lists_recent_files_from_the_data_folder(doc_path: Path):
    first = FeatureTreeApp(doc_path)
    async with first.run_test(size=SIZE) as pilot:
        await pilot.pause()
    app = FeatureTreeApp()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert isinstance(app.screen, StartScreen)
        options = app.screen.query_one("OptionList")
        labels = [str(options.get_option_at_index(i).prompt) for i in range(options.option_count)]
        assert any(str(doc_path) in label for label in labels)


async def test_a_keymap_clash_is_reported_and_the_keymap_wins(
    doc_path: Path, tmp_path: Path, monkeypatch, notes
):
    config = tmp_path / "config.toml"
    config.write_text('[keymap]\n"node.add_suggestion" = "c"\n', encoding="utf-8")
    monkeypatch.setenv("FEATURETREE_CONFIG", str(config))
    app = FeatureTreeApp(doc_path)
    seen = notes(app)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("c")
        assert isinstance(app.screen, SuggestionForm)
        assert sum("Keymap: c " in text for text in seen) == 1
