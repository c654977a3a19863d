"""The config file: settings are read, and a broken file never stops the app."""

from __future__ import annotations

from pathlib import Path

import pytest

from featuretree.config import (
    DEFAULT_CONFIG,
    Config,
    config_path,
    load_config,
    save_setting,
    write_default_config,
)
from featuretree.storage.atomic import WriteError


@pytest.fixture
def cfg_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    path = tmp_path / "conf" / "config.toml"
    monkeypatch.setenv("FEATURETREE_CONFIG", str(path))
    return path


def test_env_var_moves_the_config(cfg_file: Path) -> None:
    assert config_path() == cfg_file


def test_missing_file_gives_defaults_silently(cfg_file: Path) -> None:
    assert load_config() == (Config(), [])


def test_settings_are_read(cfg_file: Path) -> None:
    cfg_file.parent.mkdir()
    cfg_file.write_text(
        'author = "林晓"\ntheme = "nord"\nlanguage = "zh"\n'
        '[keymap]\n"tree.add_child" = "insert"\n"node.add_suggestion" = ["s", "ctrl+j"]\n',
        encoding="utf-8",
    )
    config, warnings = load_config()
    assert warnings == []
    assert config.author == "林晓"
    assert config.theme == "nord"
    assert config.language == "zh"
    assert config.keymap == {"tree.add_child": "insert", "node.add_suggestion": "s,ctrl+j"}


def test_broken_toml_gives_defaults_and_one_line_naming_the_file(cfg_file: Path) -> None:
    cfg_file.parent.mkdir()
    cfg_file.write_text('author = "unterminated\n', encoding="utf-8")
    config, warnings = load_config()
    assert config == Config()
    assert len(warnings) == 1
    assert str(cfg_file) in warnings[0] and "TOML" in warnings[0]
    assert "\n" not in warnings[0]


def test_bad_values_are_skipped_one_by_one(cfg_file: Path) -> None:
    cfg_file.parent.mkdir()
    cfg_file.write_text(
        'author = 42\nlanguage = "fr"\ncolour = "red"\ntheme = "nord"\n'
        '[keymap]\n"tree.delete" = 3\n"tree.copy" = "ctrl+c"\n',
        encoding="utf-8",
    )
    config, warnings = load_config()
    assert config.theme == "nord"  # the good values survive
    assert config.author == "" and config.language == "auto"
    assert config.keymap == {"tree.copy": "ctrl+c"}
    text = "\n".join(warnings)
    assert "author must be a string" in text
    assert "language must be one of" in text
    assert "unknown setting 'colour'" in text
    assert "'tree.delete'" in text
    assert all(str(cfg_file) in w for w in warnings)


def test_undecodable_file_is_not_fatal(cfg_file: Path) -> None:
    cfg_file.parent.mkdir()
    cfg_file.write_bytes(b'author = "\xff\xfe"\n')
    config, warnings = load_config()
    assert config == Config() and len(warnings) == 1


def test_default_config_is_written_once_and_reads_cleanly(cfg_file: Path) -> None:
    assert write_default_config() == cfg_file
    assert load_config() == (Config(), [])
    cfg_file.write_text('author = "me"\n', encoding="utf-8")
    write_default_config()  # never clobbers the user's file
    assert load_config()[0].author == "me"


# -- setting a value from the app ----------------------------------------------------------


def test_setting_the_author_keeps_every_other_line_of_the_file(cfg_file: Path) -> None:
    cfg_file.parent.mkdir()
    mine = (
        '# 我的设置\ntheme = "nord"   # dark\n\n# keys I changed\n[keymap]\n'
        '"tree.add_child" = "insert"\n'
    )
    cfg_file.write_text(mine, encoding="utf-8")
    assert save_setting("author", "林晓") == cfg_file
    text = cfg_file.read_text(encoding="utf-8")
    # the new line goes before the table's comment, everything else is byte for byte
    assert text == (
        '# 我的设置\ntheme = "nord"   # dark\n\nauthor = "林晓"\n# keys I changed\n'
        '[keymap]\n"tree.add_child" = "insert"\n'
    )
    config, warnings = load_config()
    assert (
        warnings == [] and config.author == "林晓" and config.keymap == {"tree.add_child": "insert"}
    )
    save_setting("author", 'Lin "Xiao" \\ ')  # replaced in place, quotes escaped
    assert load_config()[0].author == 'Lin "Xiao" \\'
    assert cfg_file.read_text(encoding="utf-8").count("author =") == 1


def test_setting_the_author_fills_in_the_commented_example(cfg_file: Path) -> None:
    write_default_config()
    save_setting("author", "林晓")
    text = cfg_file.read_text(encoding="utf-8")
    assert '# author = ""\nauthor = "林晓"\n' in text
    assert text.replace('author = "林晓"\n', "", 1) == DEFAULT_CONFIG
    assert load_config() == (Config(author="林晓"), [])


def test_setting_the_author_without_a_file_creates_the_commented_one(cfg_file: Path) -> None:
    save_setting("author", "林晓")  # the folder does not exist yet either
    assert load_config() == (Config(author="林晓"), [])
    assert "[keymap]" in cfg_file.read_text(encoding="utf-8")


def test_a_broken_file_is_not_rewritten(cfg_file: Path) -> None:
    cfg_file.parent.mkdir()
    cfg_file.write_text('author = "unterminated\n', encoding="utf-8")
    with pytest.raises(WriteError, match="not valid TOML") as caught:
        save_setting("author", "林晓")
    assert str(cfg_file) in str(caught.value) and "\n" not in str(caught.value)
    assert cfg_file.read_text(encoding="utf-8") == 'author = "unterminated\n'


def test_a_value_over_several_lines_is_not_half_replaced(cfg_file: Path) -> None:
    cfg_file.parent.mkdir()
    mine = 'author = """林\n晓"""\n'
    cfg_file.write_text(mine, encoding="utf-8")
    with pytest.raises(WriteError, match="yourself"):
        save_setting("author", "Lin")
    assert cfg_file.read_text(encoding="utf-8") == mine


def test_the_setting_is_written_atomically(cfg_file: Path, monkeypatch) -> None:
    import featuretree.config as config_module

    writes: list[Path] = []
    real = config_module.atomic_write
    monkeypatch.setattr(
        config_module,
        "atomic_write",
        lambda path, data, **kw: (writes.append(path), real(path, data, **kw)),
    )
    save_setting("author", "林晓")
    assert writes == [cfg_file]


def test_diagram_settings_are_read_and_bad_ones_named():
    from featuretree.config import parse_config

    config, warnings = parse_config(
        'diagram_direction = "Right"\ndiagram_stack = "off"\ndiagram_ascii = true\n'
    )
    assert (config.diagram_direction, config.diagram_stack, config.diagram_ascii) == (
        "right",
        False,
        True,
    )
    assert warnings == []
    config, warnings = parse_config('diagram_direction = "up"\ndiagram_stack = 2\n')
    assert (config.diagram_direction, config.diagram_stack) == ("down", True)
    assert len(warnings) == 2 and "diagram_direction" in warnings[0]
