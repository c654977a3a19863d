"""Keys in the config's keymap as a person writes them: the way menus show keys works,
and a typo is said and leaves the action on its own key instead of on no key at all."""

from __future__ import annotations

from pathlib import Path

import pytest
from editor_helpers import SIZE, editor, put_cursor, titles

from featuretree.config import config_path
from featuretree.tui import FeatureTreeApp
from featuretree.tui.screens.forms import SuggestionForm
from featuretree.tui.screens.notes import NotesEditor


def write_config(text: str) -> None:
    config_path().parent.mkdir(parents=True, exist_ok=True)
    config_path().write_text(text, encoding="utf-8")


@pytest.mark.parametrize(
    ("written", "name"),
    [
        ("Insert", "insert"),
        ("F5", "f5"),
        ("Ctrl+S", "ctrl+s"),
        ("ctrl+shift+Up", "ctrl+shift+up"),
        ("S", "S"),
        ("#", "number_sign"),
        ("?", "question_mark"),
        ("-", "minus"),
        ("ctrl++", "ctrl+plus"),
        ("question_mark", "question_mark"),
        ("pagedown", "pagedown"),
        ("Esc", "escape"),
        ("Del", "delete"),
        ("PgDn", "pagedown"),
        ("Alt+↑", "alt+up"),
        ("ctrl+shft+n", None),
        ("Inst", None),
        ("f99", None),
        ("", None),
    ],
)
def test_a_key_is_named_as_textual_names_it(written: str, name: str | None) -> None:
    from featuretree.tui.settings import key_name

    assert key_name(written) == name


def test_unknown_ids_and_keys_are_left_out_and_said() -> None:
    from featuretree.tui.settings import checked_keymap

    keymap = {
        "node.add_suggestoin": "S",
        "node.edit_notes": "ctrl+shft+n",
        "editor.save": "ctrl+s,F5,Sav",
        "tree.add_child": "Insert",
    }
    ids = ["node.add_suggestion", "node.edit_notes", "editor.save", "tree.add_child"]
    checked, warnings = checked_keymap(keymap, ids)
    assert checked == {"editor.save": "ctrl+s,f5", "tree.add_child": "insert"}
    assert len(warnings) == 3
    assert "node.add_suggestoin" in warnings[0] and "node.add_suggestion?" in warnings[0]
    assert "ctrl+shft+n" in warnings[1] and "keeps its own key" in warnings[1]
    assert "“Sav”" in warnings[2]


async def test_keys_written_as_menus_show_them_work(doc_path: Path, notes) -> None:
    write_config('[keymap]\n"tree.add_child" = "Insert"\n"tree.delete" = "-"\n')
    app = FeatureTreeApp(doc_path)
    seen = notes(app)
    async with app.run_test(size=SIZE) as pilot:
        put_cursor(app, "msg")
        await pilot.press("insert", *"私信", "enter")
        assert titles(editor(app), "msg") == ["私信"]
        put_cursor(app, "me")
        await pilot.press("minus")
        assert "me" not in editor(app).doc
        assert not any("Keymap" in text for text in seen)


async def test_a_mistyped_keymap_keeps_the_actions_keys(doc_path: Path, notes) -> None:
    write_config(
        '[keymap]\n"node.add_suggestoin" = "S"\n"node.edit_notes" = "ctrl+shft+n"\n'
        '"tree.add_child" = "Insrt"\n'
    )
    app = FeatureTreeApp(doc_path)
    seen = notes(app)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert sum("node.add_suggestoin" in text for text in seen) == 1
        assert sum("ctrl+shft+n" in text for text in seen) == 1
        assert sum("Insrt" in text for text in seen) == 1
        put_cursor(app, "msg")
        await pilot.press("tab", *"私信", "enter")  # Tab still adds a child
        assert titles(editor(app), "msg") == ["私信"]
        put_cursor(app, "msg")
        await pilot.press("n")  # n still opens the notes
        assert isinstance(app.screen, NotesEditor)
        await pilot.press("escape")
        await pilot.press("s")
        assert isinstance(app.screen, SuggestionForm)


async def test_keymap_warnings_are_in_chinese(doc_path: Path, notes, monkeypatch) -> None:
    monkeypatch.setenv("LANG", "zh_CN.UTF-8")
    write_config('[keymap]\n"node.edit_notes" = "ctrl+shft+n"\n"tree.add_chld" = "insert"\n')
    app = FeatureTreeApp(doc_path)
    seen = notes(app)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert any("“ctrl+shft+n”不是有效的按键" in text for text in seen)
        assert any(
            "没有名为“tree.add_chld”的操作（是不是 tree.add_child？）" in text for text in seen
        )


async def test_the_help_screen_names_each_keys_action_for_the_keymap(doc_path: Path) -> None:
    from annotation_helpers import statics_text

    write_config('[keymap]\n"tree.add_child" = "insert"\n')
    app = FeatureTreeApp(doc_path)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("question_mark")
        lines = statics_text(app).splitlines()
        add_child = next(line for line in lines if "Add child" in line)
        assert add_child.split() == ["Insert", "Add", "child", "tree.add_child"]
        assert any("palette" in line and "app.command_palette" in line for line in lines)
        assert any("[keymap]" in line for line in lines)


async def test_a_broken_config_file_is_said_in_chinese(doc_path: Path, notes, monkeypatch) -> None:
    monkeypatch.setenv("LANG", "zh_CN.UTF-8")
    write_config('author = "王 小明\n[keymap\n')  # the user's half-typed edit
    app = FeatureTreeApp(doc_path)
    seen = notes(app)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        (said,) = [text for text in seen if str(config_path()) in text]
        assert said.startswith(f"配置文件 {config_path()}：不是有效的 TOML（")
        assert said.endswith("），已使用默认设置")


async def test_bad_settings_are_said_in_chinese(doc_path: Path, notes, monkeypatch) -> None:
    monkeypatch.setenv("LANG", "zh_CN.UTF-8")
    write_config('author = 42\ncolour = "red"\ndiagram_direction = "up"\n')
    app = FeatureTreeApp(doc_path)
    seen = notes(app)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        said = "\n".join(seen)
        assert "author 应为字符串" in said
        assert "未知的设置项“colour”（已忽略）" in said
        assert 'diagram_direction 应为 "down" 或 "right"，而不是 \'up\'' in said
