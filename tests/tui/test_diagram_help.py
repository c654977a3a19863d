"""Help (?) and the command palette (Ctrl+P) while the diagram (v) is shown: they list and
run the keys that work there, on the diagram, not on the hidden outline (issue 13)."""

from __future__ import annotations

from pathlib import Path

import pytest
from screen_text import screen_lines

from featuretree.tui import FeatureTreeApp
from featuretree.tui.bindings import ALL_BINDINGS, UI_BINDINGS
from featuretree.tui.screens.dialogs import HelpScreen
from featuretree.tui.widgets.diagram_view import DiagramView
from featuretree.tui.widgets.tree_view import TreeView

ZHIHU = Path(__file__).resolve().parents[2] / "samples" / "zhihu.json"

TALL = (100, 150)
"""Tall enough for the whole help screen: what it lists is on the screen at once."""


def _config(tmp_path: Path, monkeypatch, text: str) -> None:
    config = tmp_path / "config.toml"
    config.write_text(text, encoding="utf-8")
    monkeypatch.setenv("FEATURETREE_CONFIG", str(config))


BINDING_IDS = {b.id for b in [*ALL_BINDINGS, *UI_BINDINGS] if b.id}


def _rows(app: FeatureTreeApp) -> list[str]:
    """The lines inside the help screen's frame (between its █ edges; what lies beside
    it is the editor under the modal), spaces squeezed: "v Back to…". The dim action
    names for the keymap are left out (a line holding only one is dropped)."""
    rows = []
    for line in screen_lines(app):
        first, last = line.find("█"), line.rfind("█")
        if first != last:
            words = line[first + 1 : last].strip("▀▄").split()
            if words[-3:-1] == ["tree.level_1", "…"]:
                words = words[:-3]
            kept = [word for word in words if word not in BINDING_IDS]
            if kept or not words:
                rows.append(" ".join(kept))
    return rows


def _cursor(app: FeatureTreeApp) -> str:
    return app.screen.query_one(DiagramView).cursor_node.title


async def _help_in_diagram(pilot) -> list[str]:
    await pilot.pause()
    await pilot.press("v")
    await pilot.pause()
    return await _help(pilot)


async def _help(pilot) -> list[str]:
    await pilot.press("question_mark")
    await pilot.pause(0.2)
    assert isinstance(pilot.app.screen, HelpScreen)
    return _rows(pilot.app)


async def test_help_in_the_diagram_lists_the_diagram_keys(doc_path: Path):
    app = FeatureTreeApp(doc_path)
    async with app.run_test(size=TALL) as pilot:
        rows = await _help_in_diagram(pilot)
        assert "Keys in the diagram" in rows
        for row in (
            "v Back to the outline, on the same node",
            # Esc closes an open search or filter bar first (issue 13's tester).
            "Esc Back to the outline (no search or filter open)",
            "↑ / k Box above",
            "→ / l Box to the right",
            "PgDn Page down",
            "Home First node",
            "Space Fold / unfold",
            "1 … 9 Unfold to that level",
            # The outline's editing keys work on the boxes too.
            "Tab Add child",
            "F2 / e Rename",
            "Alt+↑ Move up",
            "Ctrl+Z Undo",
            "c Add change-log entry",
            "? Help",
        ):
            assert row in rows, row
        # What the boxes show, not the outline's ▸ marks.
        assert "Marks in the diagram" in rows
        assert any(row.startswith("+5 ") for row in rows)
        assert "Marks in the tree" not in rows
        text = "\n".join(rows)
        # The outline's own cursor keys do not work here, and Esc goes back to the
        # outline: it does not close the search bar (v is said once, as "back").
        for absent in ("Fold / go to parent", "Unfold / go to first child", "Close search"):
            assert absent not in text, absent
        assert not any(row.startswith("v Diagram") for row in rows)


async def test_help_in_the_diagram_in_chinese(doc_path: Path, monkeypatch):
    monkeypatch.setenv("LANG", "zh_CN.UTF-8")
    app = FeatureTreeApp(doc_path)
    async with app.run_test(size=TALL) as pilot:
        rows = await _help_in_diagram(pilot)
        assert "结构图中的快捷键" in rows
        assert "v 回到大纲，光标停在同一节点" in rows
        assert "Esc 回到大纲（没有打开搜索或筛选时）" in rows
        assert "PgDn 下一页" in rows
        assert "↑ / k 上方的框" in rows
        assert "结构图中的标记" in rows
        assert not any("Box" in row or "Back to" in row for row in rows)
        # Nothing cut: Rich's "…" took the "p" of "p / t" out of the detail panel's row.
        assert "o 打开链接 · p / t · Esc 返回" in " ".join(rows)


async def test_help_in_the_diagram_follows_the_keymap(doc_path: Path, tmp_path: Path, monkeypatch):
    _config(
        tmp_path,
        monkeypatch,
        '[keymap]\n"diagram.back" = "g"\n"tree.page_down" = "ctrl+n"\n"node.add_change" = "ctrl+l"\n',
    )
    app = FeatureTreeApp(doc_path)
    async with app.run_test(size=TALL) as pilot:
        rows = await _help_in_diagram(pilot)
        assert "g Back to the outline, on the same node" in rows
        assert "Ctrl+N Page down" in rows
        assert "Ctrl+L Add change-log entry" in rows
        assert "PgDn Page down" not in rows
        await pilot.press("escape")
        # Esc keeps its own binding when v is remapped.
        assert "Esc Back to the outline (no search or filter open)" in await _help(pilot)


async def test_help_in_the_outline_says_v_opens_the_diagram(doc_path: Path):
    app = FeatureTreeApp(doc_path)
    async with app.run_test(size=TALL) as pilot:
        await pilot.pause()
        rows = await _help(pilot)
        assert "Keys" in rows
        assert "v Diagram (功能结构图), on the same node" in rows
        assert "← / h Fold / go to parent" in rows
        assert "Esc Close search (while the search bar is open)" in rows
        assert "Marks in the tree" in rows


async def _choose(pilot, words: str) -> None:
    """Open the command palette, type ``words`` and take the first command it offers."""
    await pilot.press("ctrl+p")
    await pilot.pause(0.3)
    await pilot.press(*words)
    await pilot.pause(0.5)
    await pilot.press("enter")
    await pilot.pause(0.3)


@pytest.mark.skipif(not ZHIHU.exists(), reason="samples/zhihu.json is not there")
async def test_page_down_from_the_palette_pages_the_diagram():
    # Page down by its key, then the same from the palette: the same box.
    by_key = FeatureTreeApp(ZHIHU)
    async with by_key.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await pilot.press("v")
        await pilot.pause()
        start = _cursor(by_key)
        await pilot.press("pagedown")
        await pilot.pause()
        paged = _cursor(by_key)
        assert paged != start
    app = FeatureTreeApp(ZHIHU)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await pilot.press("v")
        await pilot.pause()
        await _choose(pilot, "Page down")
        view = app.screen.query_one(DiagramView)
        assert view.display and not app.screen.query_one(TreeView).display
        assert app.focused is view
        assert _cursor(app) == paged
        assert paged in "\n".join(screen_lines(app))  # its box is in view


async def test_palette_commands_in_the_diagram_move_its_cursor(doc_path: Path):
    app = FeatureTreeApp(doc_path)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        await pilot.press("v")
        await pilot.pause()
        assert _cursor(app) == "App"
        await _choose(pilot, "Box below")
        assert _cursor(app) == "消息"  # as ↓ does (tests/tui/test_diagram_mode.py)
        await _choose(pilot, "Box to the left")
        assert _cursor(app) == "首页"
        await _choose(pilot, "First node")
        assert _cursor(app) == "App"
        assert app.screen.query_one(DiagramView).display


async def test_the_palette_in_the_diagram_offers_its_commands(
    doc_path: Path, tmp_path, monkeypatch
):
    _config(tmp_path, monkeypatch, '[keymap]\n"tree.page_down" = "ctrl+n"\n')
    app = FeatureTreeApp(doc_path)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        outline = {c.title: c.help for c in app.get_system_commands(app.screen)}
        assert "Fold / go to parent" in outline and "Box above" not in outline
        assert outline["Page down"].split()[0] == "Ctrl+N"  # the keymap's key, not PgDn
        await pilot.press("v")
        await pilot.pause()
        diagram = {c.title: c.help for c in app.get_system_commands(app.screen)}
        for title in ("Box above", "Back to the outline, on the same node", "Add child", "Undo"):
            assert title in diagram, title
        # The outline's cursor keys have no meaning on the boxes.
        for title in ("Fold / go to parent", "Unfold / go to first child", "Up", "Down"):
            assert title not in diagram, title
        assert diagram["Page down"].split()[0] == "Ctrl+N"


async def test_a_palette_command_takes_the_title_being_typed_in_the_diagram(doc_path: Path):
    app = FeatureTreeApp(doc_path)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        await pilot.press("v", "down", "f2", *"通知")
        await pilot.pause()
        assert _cursor(app) == "消息"
        await _choose(pilot, "Box above")
        view = app.screen.query_one(DiagramView)
        # Confirmed on its own box (as a click elsewhere does), not carried to the next.
        assert view.editing is None
        assert app.editor.doc.get("msg").title == "通知"
        assert _cursor(app) == "App"
        text = "\n".join(view.render_line(y).text for y in range(view.size.height))
        assert "通知" in text and "消息" not in text


async def test_the_palette_offers_an_action_whose_key_the_keymap_gave_away(
    doc_path: Path, tmp_path: Path, monkeypatch
):
    # k is the outline's "Up" first: c's action no longer has a key there, but the
    # palette still runs it by name (the help lists only keys that work).
    _config(tmp_path, monkeypatch, '[keymap]\n"node.add_change" = "k"\n')
    app = FeatureTreeApp(doc_path)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        commands = {c.title: c.help for c in app.get_system_commands(app.screen)}
        assert commands["Add change-log entry"] == ""  # no key (and no program id)
        rows = await _help(pilot)
        assert not any(row.endswith("Add change-log entry") for row in rows)


@pytest.mark.parametrize(
    ("language", "line"), [("en", "Press Esc / q / ? to close"), ("zh", "按 Esc / q / ? 关闭")]
)
async def test_the_help_screen_says_how_to_close_it_naming_keys_as_the_key_bar_does(
    tmp_path: Path, monkeypatch, language: str, line: str
):
    """The key bar under the help dialog is the editor's; the dialog itself now says how to
    leave, with the key named Esc as everywhere else (the catalogue said "Escape")."""
    _config(tmp_path, monkeypatch, f'language = "{language}"\n')
    app = FeatureTreeApp(ZHIHU)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await pilot.press("question_mark")
        await pilot.pause()
        assert isinstance(app.screen, HelpScreen)
        rows = _rows(app)
        assert rows[2] == line, rows[:4]  # under the title, in sight when it opens
        assert not any("Escape" in row for row in rows)


async def test_the_help_screens_close_line_follows_the_keymap(tmp_path: Path, monkeypatch):
    _config(tmp_path, monkeypatch, '[keymap]\n"help.close" = "escape,f1"\n')
    app = FeatureTreeApp(ZHIHU)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await pilot.press("question_mark")
        await pilot.pause()
        assert "Press Esc / F1 to close" in _rows(app)
        await pilot.press("f1")
        await pilot.pause()
        assert not isinstance(app.screen, HelpScreen)
