"""The config file: settings are read, and a broken file never stops the app."""

from __future__ import annotations

from pathlib import Path

import pytest

from featuretree.config import Config, config_path, load_config, write_default_config


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
    cfg_file.write_bytes(b"author = \"\xff\xfe\"\n")
    config, warnings = load_config()
    assert config == Config() and len(warnings) == 1


def test_default_config_is_written_once_and_reads_cleanly(cfg_file: Path) -> None:
    assert write_default_config() == cfg_file
    assert load_config() == (Config(), [])
    cfg_file.write_text('author = "me"\n', encoding="utf-8")
    write_default_config()  # never clobbers the user's file
    assert load_config()[0].author == "me"
