"""What reaches the terminal key after key is what a clean redraw of the screen shows.

The tree view and the detail panel remember finished lines and repaint only the lines
that changed, and their scrollbar skips repaints that would look the same (see
``tui/direct_lines.py``). A line forgotten there stays stale on the user's terminal.
These tests apply every update the app sends to a terminal onto a grid of cells and,
after each key, compare it with a full render made with all those memories dropped.
"""

from __future__ import annotations

import random
from pathlib import Path

import pyte
import pytest
from persistence_helpers import wait_for
from rich.cells import cell_len
from rich.control import ControlType
from rich.segment import Segment
from textual.app import App
from textual.widget import Widget

from featuretree import formats
from featuretree.model.document import Document
from featuretree.model.node import FeatureNode
from featuretree.model.tree import attach
from featuretree.tui import FeatureTreeApp
from featuretree.tui._textual.direct_lines import DirectLines, DirectScrollBar
from featuretree.tui._textual.render import screen_strips, watch_frames
from featuretree.tui.widgets.detail import DetailPanel
from featuretree.tui.widgets.tree_view import TreeView

Cell = tuple[str, tuple | None]


class Terminal:
    """A grid of (character, look) cells that segments with cursor moves are written to."""

    def __init__(self, width: int, height: int) -> None:
        self.width, self.height = width, height
        self.cells: list[list[Cell]] = [[(" ", None)] * width for _ in range(height)]

    def write(self, segments: list[Segment]) -> None:
        x = y = 0
        for text, style, control in segments:
            if control:
                for code in control:
                    if code[0] == ControlType.CURSOR_MOVE_TO:
                        x, y = code[1], code[2]
                continue
            if text == "\n":
                x, y = 0, y + 1
                continue
            look = (
                None
                if style is None
                else (
                    style.color,
                    style.bgcolor,
                    style.bold,
                    style.italic,
                    style.reverse,
                    style.strike,
                    style.underline,
                    style.dim,
                )
            )
            for char in text:
                if 0 <= y < self.height and 0 <= x < self.width:
                    self.cells[y][x] = (char, look)
                    if cell_len(char) == 2 and x + 1 < self.width:
                        self.cells[y][x + 1] = ("", look)
                x += cell_len(char)

    def text(self, y: int) -> str:
        return "".join(char for char, _ in self.cells[y])


async def detail_caught_up(pilot) -> None:
    """Let the app run until the detail panel shows the cursor's node (it follows the
    cursor after 60 ms), then draw. A fixed 80 ms pause after every key did the same but
    cost seconds per test; waiting for the condition is as strict and never too short."""
    editor = pilot.app.editor
    if editor is None:
        await pilot.pause()
        return
    panel = editor.query_one(DetailPanel)
    await wait_for(pilot, lambda: panel.node is editor.tree.cursor_node, timeout=30)
    await pilot.pause()


def clean_render(app: App, size: tuple[int, int]) -> Terminal:
    """The screen drawn from scratch: every remembered line and scrollbar picture dropped."""
    for widget in app.screen.walk_children(Widget):
        if isinstance(widget, DirectLines):
            widget._line_memo.clear()
        if isinstance(widget, DirectScrollBar):
            widget._drawn = None
    terminal = Terminal(*size)
    for y, strip in enumerate(screen_strips(app)):
        terminal.write([Segment("", None, [(ControlType.CURSOR_MOVE_TO, 0, y)]), *strip])
    return terminal


async def stale_lines_after_keys(
    path: Path, size: tuple[int, int], keys: list[str], monkeypatch
) -> list[str]:
    """Press ``keys``; describe every line where the terminal differs from a clean render."""
    app = FeatureTreeApp(path)
    terminal = Terminal(*size)
    console = app.console
    watch_frames(
        app,
        lambda renderable: terminal.write(
            list(renderable.__rich_console__(console, console.options))
        ),
    )
    problems: list[str] = []
    async with app.run_test(size=size) as pilot:
        await pilot.pause()
        for number, key in enumerate(keys):
            await pilot.press(key)
            await detail_caught_up(pilot)
            clean = clean_render(app, size)
            for y in range(size[1]):
                if clean.cells[y] != terminal.cells[y]:
                    problems.append(
                        f"key #{number} {key!r}, line {y}: {terminal.text(y)!r} "
                        f"instead of {clean.text(y)!r}"
                    )
            terminal.cells = [row[:] for row in clean.cells]  # report each mistake once
    return problems


def branching_document(count: int, seed: int) -> Document:
    """``count`` nodes, 2-6 children each, a few levels deep, some with annotations."""
    rng = random.Random(seed)
    doc = Document.new("App")
    frontier = [doc.root]
    made = 1
    while made < count:
        parent = frontier.pop(0)
        for _ in range(rng.randint(2, 6)):
            node = FeatureNode(f"功能 {made}", id=f"n{made}")
            attach(node, parent)
            frontier.append(node)
            made += 1
    doc.register(doc.root)
    return doc


async def test_editing_keys_leave_no_stale_line_on_the_terminal(tmp_path: Path, monkeypatch):
    path = tmp_path / "app.json"
    formats.save(branching_document(300, seed=3), path)
    keys = [
        "down",
        "down",
        "pagedown",
        "space",
        "space",
        "tab",
        "a",
        "b",
        "enter",
        "ctrl+z",
        "delete",
        "ctrl+z",
        "f2",
        "x",
        "enter",
        "alt+up",
        "alt+down",
        "alt+right",
        "alt+left",
        "ctrl+c",
        "ctrl+v",
        "ctrl+z",
        "ctrl+y",
        "end",
        "home",
        "pagedown",
        "right",
        "down",
        "left",
        "up",
        "pageup",
        "z",
    ]
    assert await stale_lines_after_keys(path, (90, 20), keys, monkeypatch) == []


async def test_random_keys_leave_no_stale_line_on_the_terminal(tmp_path: Path, monkeypatch):
    path = tmp_path / "app.json"
    formats.save(branching_document(200, seed=5), path)
    rng = random.Random(11)
    pool = [
        "down",
        "down",
        "up",
        "pagedown",
        "pageup",
        "space",
        "tab",
        "x",
        "enter",
        "ctrl+z",
        "ctrl+y",
        "delete",
        "alt+up",
        "alt+down",
        "alt+right",
        "alt+left",
        "end",
        "home",
        "right",
        "left",
        "f2",
        "escape",
    ]
    keys = [rng.choice(pool) for _ in range(30)]
    assert await stale_lines_after_keys(path, (80, 16), keys, monkeypatch) == []


async def test_the_tree_scrollbar_looks_as_textual_draws_it(tmp_path: Path):
    path = tmp_path / "app.json"
    formats.save(branching_document(1000, seed=1), path)
    app = FeatureTreeApp(path)
    async with app.run_test(size=(70, 20)) as pilot:
        await pilot.pause()
        tree = app.screen.query_one(TreeView)
        bar = tree.vertical_scrollbar
        assert isinstance(bar, DirectScrollBar)
        for theme in ("textual-dark", "textual-light"):
            app.theme = theme
            for row in (0, 1, 40, 333, 700, 999):
                tree.set_cursor(row)
                for hover in (False, True):
                    bar.mouse_over = hover
                    await pilot.pause()
                    ours = bar.render_lines(bar.size.region)
                    assert bar._drawn is not None  # our drawing, not Textual's fallback
                    bar._render_content()  # Textual's own drawing, through the styles cache
                    bar._styles_cache.clear()
                    textuals = Widget.render_lines(bar, bar.size.region)
                    assert [list(strip) for strip in ours] == [list(strip) for strip in textuals]


def fresh_render(app: App, size: tuple[int, int], monkeypatch) -> Terminal:
    """The screen drawn as if for the first time, leaving the app's caches as they were.

    Every cache on the way from a node to the terminal is set aside: the tree's strips by
    node, each view's finished lines, and the scrollbar's picture.
    """
    saved: list[tuple[object, str, object]] = []

    def set_aside(widget: object, name: str, empty: object) -> None:
        saved.append((widget, name, getattr(widget, name)))
        setattr(widget, name, empty)

    for widget in app.screen.walk_children(Widget):
        if isinstance(widget, DirectLines):
            set_aside(widget, "_line_memo", {})
        if isinstance(widget, TreeView):
            set_aside(widget, "_strips", {})
        if isinstance(widget, DirectScrollBar):
            set_aside(widget, "_drawn", None)
    terminal = Terminal(*size)
    for y, strip in enumerate(screen_strips(app)):
        terminal.write([Segment("", None, [(ControlType.CURSOR_MOVE_TO, 0, y)]), *strip])
    for widget, name, value in saved:
        setattr(widget, name, value)
    return terminal


@pytest.mark.parametrize("no_color", [False, True])
async def test_rows_from_the_caches_look_as_drawn_afresh(
    tmp_path: Path, monkeypatch, no_color: bool
):
    """Edits, folds, renames, cursor moves, themes and resizes: after each, what the
    terminal shows equals a render made without any of the rows' caches. With NO_COLOR a
    line filter (monochrome) changes every style; without, the usual filter changes none."""
    if no_color:
        monkeypatch.setenv("NO_COLOR", "1")
    path = tmp_path / "app.json"
    formats.save(branching_document(400, seed=7), path)
    steps: list[str | tuple] = [
        "pagedown",
        "pagedown",
        "pageup",  # rows drawn before, from the caches
        "down",
        "space",  # fold
        "space",  # unfold
        "f2",
        "新",
        "名",
        "enter",  # rename
        "tab",
        "子",
        "enter",  # a child: the row above gets a fold marker, the guides change
        "ctrl+z",
        "delete",
        "ctrl+z",
        "alt+down",
        "alt+up",
        "alt+right",
        "alt+left",
        ("size", 60, 18),
        "pagedown",
        "up",
        ("theme", "ansi-dark"),  # ANSI colours: the line filters change every style
        "down",
        "pagedown",
        "f2",
        "x",
        "enter",
        ("theme", "textual-light"),
        ("size", 100, 24),
        "pageup",
        "end",
        "home",
    ]
    size = (90, 20)
    app = FeatureTreeApp(path)
    terminal = Terminal(*size)
    console = app.console
    watch_frames(
        app,
        lambda renderable: terminal.write(
            list(renderable.__rich_console__(console, console.options))
        ),
    )
    problems: list[str] = []
    async with app.run_test(size=size) as pilot:
        await pilot.pause()
        for number, step in enumerate(steps):
            if isinstance(step, str):
                await pilot.press(step)
            elif step[0] == "size":
                size = step[1:]
                terminal = Terminal(*size)  # the app repaints everything after a resize
                await pilot.resize_terminal(*size)
            else:
                app.theme = step[1]
            await detail_caught_up(pilot)
            fresh = fresh_render(app, size, monkeypatch)
            problems.extend(
                f"step #{number} {step!r}, line {y}: {terminal.text(y)!r} "
                f"instead of {fresh.text(y)!r}"
                for y in range(size[1])
                if fresh.cells[y] != terminal.cells[y]
            )
            terminal.cells = [row[:] for row in fresh.cells]  # report each mistake once
    assert problems == []


async def test_the_bytes_written_to_a_terminal_show_the_screen(tmp_path: Path):
    """What the app writes (cursor moves and text, as a terminal reads them) shows the
    same characters as a clean render, key after key: scrolls, page moves, folds, edits."""
    path = tmp_path / "app.json"
    formats.save(branching_document(300, seed=9), path)
    size = (90, 20)
    terminal = pyte.Screen(*size)
    stream = pyte.Stream(terminal)
    app = FeatureTreeApp(path)
    console = app.console
    watch_frames(app, lambda renderable: stream.feed(renderable.render_segments(console)))
    keys = ["down", "pagedown", "pagedown", "up", "space", "space", "end", "home", "tab", "新"]
    keys += ["enter", "ctrl+c", "pageup", "right", "down", "alt+down", "ctrl+z"]
    problems: list[str] = []
    async with app.run_test(size=size) as pilot:
        await pilot.pause()
        for number, key in enumerate(keys):
            await pilot.press(key)
            await detail_caught_up(pilot)
            clean = clean_render(app, size)
            problems.extend(
                f"key #{number} {key!r}, line {y}: {terminal.display[y]!r} "
                f"instead of {clean.text(y)!r}"
                for y in range(size[1])
                if terminal.display[y] != clean.text(y)
            )
    assert problems == []
