"""The command palette finds a command by several words in any order: a Chinese PM types
the verb and the format (``导出 svg``, ``svg 导出``) and gets Export; it found nothing,
as Textual's fuzzy match took the query as one run of letters. One word is matched as
Textual matched it."""

from __future__ import annotations

from pathlib import Path

import pytest
from editor_helpers import SIZE
from screen_text import screen_lines
from textual.fuzzy import FuzzySearch

from featuretree.i18n import CATALOGUES, set_language, text_in
from featuretree.tui import FeatureTreeApp
from featuretree.tui.screens import palette


def _export(language: str) -> tuple[str, str]:
    """The Export command's name and help line in ``language``, as the palette lists it."""
    words = text_in(language, "palette.words.app.export")
    # What it is searched in: its help line, then its id and English name (not shown).
    return text_in(language, "binding.app.export"), f"Ctrl+E  {words}  app.export Export"


@pytest.mark.parametrize(
    ("language", "query"),
    [
        ("zh", "导出 svg"),
        ("zh", "svg 导出"),
        ("zh", "导出\u3000SVG"),  # a full-width space, as a Chinese IME types it
        ("zh", "export png"),  # the English words of a Chinese UI's command: its id
        ("en", "export svg"),
        ("en", "svg export"),
        ("en", "exp markdown"),
    ],
)
def test_every_word_of_the_query_finds_export(language: str, query: str) -> None:
    name, help_text = _export(language)
    score, offsets = palette.match_words(query, name, help_text)
    assert score > 0
    if query.split()[0] != "export" or language == "en":
        assert offsets  # the verb is highlighted in the name


@pytest.mark.parametrize(
    ("language", "query"), [("zh", "导出 docx"), ("en", "export docx"), ("zh", "删除 svg")]
)
def test_a_word_that_matches_nothing_finds_nothing(language: str, query: str) -> None:
    assert palette.match_words(query, *_export(language)) == (0.0, [])


def test_one_word_is_matched_in_the_name_as_textual_matched_it() -> None:
    fuzzy = FuzzySearch()
    names = [
        template
        for catalogue in CATALOGUES.values()
        for key, template in catalogue.items()
        if key.startswith(("binding.", "palette.")) and "{" not in template
    ]
    for word in ["a", "add", "exp", "del", "导", "节点", "撤销", "sv", "node"]:
        for name in names:
            before = fuzzy.match(word, name)
            now = palette.match_words(word, name, "Ctrl+E  SVG  (app.export)")
            if before[0]:
                assert now == (before[0], list(before[1])), (word, name)
            else:  # at most found by its help line, below every match in a name
                assert now[0] < 1


@pytest.mark.parametrize(
    ("language", "query", "found"),
    [("zh", "导出 svg", "导出"), ("zh", "svg 导出", "导出"), ("en", "export svg", "Export")],
)
async def test_the_palette_lists_export_for_the_verb_and_the_format(
    doc_path: Path, monkeypatch: pytest.MonkeyPatch, language: str, query: str, found: str
) -> None:
    config = doc_path.parent / f"{language}.toml"
    config.write_text(f'language = "{language}"\n', encoding="utf-8")
    monkeypatch.setenv("FEATURETREE_CONFIG", str(config))
    try:
        app = FeatureTreeApp(doc_path)
        async with app.run_test(size=SIZE) as pilot:
            await pilot.pause()
            await pilot.press("ctrl+p", *query)
            for _ in range(10):  # the search runs in the background
                await pilot.pause(0.1)
            lines = [line.strip() for line in screen_lines(app)]
    finally:
        set_language("en")
    at = lines.index(found)
    assert lines[at + 1].startswith("Ctrl+E"), lines
    assert "SVG" in lines[at + 1], lines


async def _palette_lines(doc_path: Path, monkeypatch, language: str, *keys: str) -> list[str]:
    """The screen's lines (stripped) after Ctrl+P and ``keys``, in ``language``'s UI."""
    config = doc_path.parent / f"{language}.toml"
    config.write_text(f'language = "{language}"\n', encoding="utf-8")
    monkeypatch.setenv("FEATURETREE_CONFIG", str(config))
    try:
        app = FeatureTreeApp(doc_path)
        async with app.run_test(size=(100, 40)) as pilot:
            await pilot.pause()
            await pilot.press("ctrl+p", *keys)
            for _ in range(10):  # the search runs in the background
                await pilot.pause(0.1)
            return [line.strip() for line in screen_lines(app)]
    finally:
        set_language("en")


@pytest.mark.parametrize(
    ("query", "found"),
    [
        ("PRD", "导出"),
        ("变更", "查看修改（自打开或保存以来）"),
        ("变更", "版本修订记录"),
        ("方向", "结构图：自上而下 / 从左到右"),
        ("布局", "结构图：自上而下 / 从左到右"),
    ],
)
async def test_a_chinese_pm_finds_commands_by_her_own_words(
    doc_path: Path, monkeypatch: pytest.MonkeyPatch, query: str, found: str
) -> None:
    # PRD and 变更 found nothing: the export writes a PRD, 查看修改 lists the 变更.
    lines = await _palette_lines(doc_path, monkeypatch, "zh", *query)
    assert found in lines, lines


async def test_the_palette_shows_no_program_ids_and_no_english(
    doc_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # The help lines read "P  (node.cycle_priority_back)"; a query that found nothing
    # said "No matches found" in the Chinese UI.
    lines = await _palette_lines(doc_path, monkeypatch, "zh", *"优先级")
    at = lines.index("上一个优先级")
    assert lines[at + 1] == "P", lines
    assert not any("node." in line or "(" in line for line in lines[at - 2 : at + 2]), lines
    lines = await _palette_lines(doc_path, monkeypatch, "zh", *"qqq")
    assert "没有匹配的命令" in lines, lines
    assert "No matches found" not in "\n".join(lines)
    # The English words still find a command in the Chinese UI (its id, unseen).
    lines = await _palette_lines(doc_path, monkeypatch, "zh", *"export")
    assert "导出" in lines, lines
