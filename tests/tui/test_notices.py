"""The app's notices (its notifications) as a user sees them on the screen.

A notice is a card at the bottom right (tui/notifications.py): literal text, CJK whole,
several stacked with the oldest on top, each gone when its time is up or when clicked,
following the user from screen to screen, from any thread.
"""

from __future__ import annotations

import asyncio
from pathlib import Path

from screen_text import screen_lines
from test_screen_updates import Terminal, branching_document, clean_render

from featuretree import formats
from featuretree.model.cells import is_wide
from featuretree.tui import FeatureTreeApp
from featuretree.tui._textual.render import screen_strips, watch_frames
from featuretree.tui._textual.toast_layer import TOAST_LAYER
from featuretree.tui.notifications import NoticeCard

SIZE = (80, 24)
EDGE = "▌"
"""The left edge of a card (Textual's toast look: ``border-left: outer``)."""


def _app(tmp_path: Path) -> FeatureTreeApp:
    path = tmp_path / "app.json"
    formats.save(branching_document(60, seed=1), path)
    return FeatureTreeApp(path)


CARD_X = 39
"""The column of a card's left edge at 80 columns: as Textual's toasts, 39 cells wide
(half the rack, which keeps 2 columns free at the right), flush with those 2 columns."""


def card_texts(app: FeatureTreeApp) -> list[str]:
    """The text of each card on screen, top to bottom: its lines joined (by a space, or
    by nothing where a line ends or starts in CJK, which wraps at any character); a
    title on a line of its own, in bold, keeps its line break."""
    cells = clean_render(app, SIZE).cells
    cards: list[list[tuple[bool, str]]] = []  # (bold, text) of each line
    inside = False
    for row in cells:
        if row[CARD_X][0] != EDGE:
            inside = False
            continue
        if not inside:
            cards.append([])
            inside = True
        content = row[CARD_X + 2 : CARD_X + 38]
        text = "".join(char for char, _ in content).strip()
        if text:
            cards[-1].append((bool(content[0][1] and content[0][1][2]), text))
    joined = []
    for lines in cards:
        out = ""
        for number, (bold, line) in enumerate(lines):
            if number == 0:
                out = line
            elif bold != lines[number - 1][0]:
                out += "\n" + line
            else:
                out += line if is_wide(out[-1]) or is_wide(line[0]) else " " + line
        joined.append(out)
    return joined


async def test_notices_stack_oldest_on_top_and_go_when_their_time_is_up(tmp_path: Path):
    app = _app(tmp_path)
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await pilot.pause()
        app.notify("第一条 first", timeout=0.4)
        app.notify("第二条 second", title="保存 失败", severity="warning", timeout=30)
        app.notify("第三条 third", timeout=30)
        await pilot.pause(0.1)
        assert card_texts(app) == ["第一条 first", "保存 失败\n第二条 second", "第三条 third"]
        await pilot.pause(0.5)
        assert card_texts(app) == ["保存 失败\n第二条 second", "第三条 third"]


async def test_a_long_chinese_notice_wraps_whole_and_markup_stays_text(tmp_path: Path):
    message = "已复制“会员 中心”" + "设置页面的所有功能节点" * 5
    app = _app(tmp_path)
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await pilot.pause()
        app.notify("[b]粗体[/b] 不是标记")
        app.notify(message, timeout=30)
        await pilot.pause(0.1)
        shown = card_texts(app)
        assert shown[0] == "[b]粗体[/b] 不是标记"
        assert shown[1] == message  # the space in the quoted title kept, no character cut


async def test_notices_follow_the_user_to_another_screen_and_back(tmp_path: Path):
    app = _app(tmp_path)
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await pilot.pause()
        app.notify("已保存 saved", timeout=30)
        await pilot.pause(0.1)
        editor = app.screen
        await pilot.press("question_mark")  # the help screen
        await pilot.pause(0.1)
        assert app.screen is not editor
        assert card_texts(app) == ["已保存 saved"]
        await pilot.press("escape")
        await pilot.pause(0.1)
        assert card_texts(app) == ["已保存 saved"]


async def test_a_click_dismisses_a_notice(tmp_path: Path):
    app = _app(tmp_path)
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await pilot.pause()
        app.notify("点我 click me", timeout=30)
        app.notify("留下 stays", timeout=30)
        await pilot.pause(0.1)
        await pilot.click(NoticeCard)  # the first: the oldest
        await pilot.pause(0.1)
        assert card_texts(app) == ["留下 stays"]


async def test_a_notice_from_another_thread_shows(tmp_path: Path):
    app = _app(tmp_path)
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await pilot.pause()
        await asyncio.to_thread(app.notify, "导出完成 exported", timeout=30)
        await pilot.pause(0.1)
        assert card_texts(app) == ["导出完成 exported"]


async def test_each_severity_has_its_own_edge_colour(tmp_path: Path):
    app = _app(tmp_path)
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await pilot.pause()
        for severity in ("information", "warning", "error"):
            app.notify(severity, severity=severity, timeout=30)
        await pilot.pause(0.1)
        edges: list[object] = []
        for strip in screen_strips(app):
            segments = [segment for segment in strip if EDGE in segment.text]
            if segments and (not edges or edges[-1] != segments[-1].style.color):
                edges.append(segments[-1].style.color)
        assert len(edges) == 3 and len(set(edges)) == 3, edges


async def test_a_notice_coming_and_going_leaves_no_stale_cell(tmp_path: Path):
    """What the terminal got, frame after frame, is what a clean redraw shows."""
    app = _app(tmp_path)
    terminal = Terminal(*SIZE)
    console = app.console
    watch_frames(
        app,
        lambda renderable: terminal.write(
            list(renderable.__rich_console__(console, console.options))
        ),
    )
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await pilot.pause()
        await pilot.press("down", "down")
        await pilot.pause(0.1)
        states = []
        app.notify("第一条 first", timeout=0.3)
        app.notify("第二条，较长的中文通知，会换行显示在卡片里面" * 2, timeout=0.6)
        for _ in range(4):
            await pilot.pause(0.25)
            clean = clean_render(app, SIZE)
            states.append(
                [
                    (y, terminal.text(y), clean.text(y))
                    for y in range(SIZE[1])
                    if clean.cells[y] != terminal.cells[y]
                ]
            )
        assert states == [[], [], [], []]
        assert card_texts(app) == []


async def test_textual_still_keeps_a_layer_for_toasts(tmp_path: Path):
    """The notices' layer (``_textual/toast_layer.py``): were it gone, notices would be
    drawn under the search bars."""
    app = _app(tmp_path)
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await pilot.pause()
        layers = app.screen.layers
        assert TOAST_LAYER in layers and layers.index(TOAST_LAYER) > layers.index("bars")


async def test_tests_without_notifications_show_none_as_textual_does(tmp_path: Path):
    app = _app(tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        app.notify("不显示 hidden")
        await pilot.pause(0.1)
        assert "不显示" not in "\n".join(screen_lines(app))
        assert [notice.message for notice in app.notices] == ["不显示 hidden"]


async def test_the_same_notice_again_is_shown_once(tmp_path: Path, monkeypatch):
    # Ctrl+Z pressed five times with nothing to undo stacked five identical cards.
    monkeypatch.setenv("LANG", "zh_CN.UTF-8")
    app = _app(tmp_path)
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await pilot.pause()
        await pilot.press(*["ctrl+z"] * 5)
        await pilot.pause()
        text = "\n".join(screen_lines(app))
        assert text.count("没有可撤销的操作") == 1, text
        assert [n.message for n in app.notices] == ["没有可撤销的操作"]
        app.notify("另一条")  # a different notice still stacks under it
        await pilot.pause()
        assert [n.message for n in app.notices] == ["没有可撤销的操作", "另一条"]
        await pilot.press("ctrl+z")  # again: moved under the newer one, shown once
        await pilot.pause()
        assert [n.message for n in app.notices] == ["另一条", "没有可撤销的操作"]


async def test_a_notice_over_a_dialog_leaves_its_key_hints_readable(tmp_path: Path):
    """At 80×24 the notes editor's hints are its last lines, in the bottom right corner
    where notices stood: ``Esc closes`` was hidden behind a two-line notice. Over a
    dialog a notice stands at the top right, once (not again behind the dialog)."""
    app = _app(tmp_path)
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await pilot.pause()
        app.notify("已复制 3 个节点", title="复制", timeout=30)  # raised on the editor
        await pilot.pause(0.1)
        await pilot.press("n")  # the notes editor
        await pilot.pause(0.1)
        app.notify("已保存 saved", title="保存", timeout=30)  # raised over the dialog
        await pilot.pause(0.2)
        lines = screen_lines(app)
        assert any(
            "Ctrl+S saves and closes · Esc closes (asks first if changed)" in line for line in lines
        ), "\n".join(lines)
        assert any("Enter new line · Tab indents · Shift+Tab outdents" in line for line in lines)
        shown = "\n".join(lines)
        assert shown.count("已复制 3 个节点") == 1 and shown.count("已保存 saved") == 1
        top = "\n".join(lines[:12])  # the upper half
        assert "已复制 3 个节点" in top and "已保存 saved" in top


async def test_a_notice_on_the_suggestions_board_leaves_its_hint_lines_readable(tmp_path: Path):
    app = _app(tmp_path)
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await pilot.pause()
        await pilot.press("b")  # the suggestions board: two hint lines over the key bar
        await pilot.pause(0.1)
        app.notify("已导出 suggestions.md", title="导出", timeout=30)
        await pilot.pause(0.2)
        lines = screen_lines(app)
        assert lines[21].startswith(" Enter go to node · p priority · t status"), "\n".join(lines)
        assert lines[21].endswith("o open only ·") and lines[22] == " / filter"
        assert any("已导出 suggestions.md" in line for line in lines[:8])
