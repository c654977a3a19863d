"""What reaches the terminal in the diagram view (v), key after key, is what a clean
redraw of the same document shows.

The diagram keeps each row's drawing and, after a cursor move or an edit, draws again
only the rows that changed (a new layout is compared row by row with what is on
screen). A row it wrongly keeps stays stale on the user's terminal: these tests apply
every update the app sends onto a grid of cells and compare it, after each key, with the
screen drawn from scratch from a fresh layout of the document.
"""

from __future__ import annotations

import random
from pathlib import Path

from test_screen_updates import Terminal, branching_document, clean_render, detail_caught_up

from featuretree import formats
from featuretree.i18n import t
from featuretree.tui import FeatureTreeApp
from featuretree.tui._textual.render import watch_frames
from featuretree.tui.widgets import diagram_view
from featuretree.tui.widgets.diagram_view import DiagramView
from featuretree.view.diagram import build_diagram


async def stale_diagram_lines(path: Path, size: tuple[int, int], keys: list[str]) -> list[str]:
    """Open the diagram, press ``keys``; every line where the terminal differs from a
    clean render of a fresh layout."""
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
        await pilot.press("v")
        view = app.screen.query_one(DiagramView)
        for number, key in enumerate(keys):
            await pilot.press(key)
            for _ in range(100):  # a big tree's layout comes from a thread
                await pilot.pause(0.02)
                if view.laid_out or not view.display:
                    break
            await detail_caught_up(pilot)
            seen = [row[:] for row in terminal.cells]
            if view.display:  # the same document laid out afresh, nothing remembered
                fresh = build_diagram(
                    view.root,
                    view.options,
                    folded=view.folded(),
                    ascii=view.ascii,
                    tags=True,  # as the view draws: tags, and a new node's placeholder
                    untitled=t("app.untitled_row"),
                )
                view._set_diagram(fresh)
                view._rows.clear()
            clean = clean_render(app, size)
            for y in range(size[1]):
                if clean.cells[y] != seen[y]:
                    problems.append(
                        f"key #{number} {key!r}, line {y}: "
                        f"{''.join(c for c, _ in seen[y])!r} instead of {clean.text(y)!r}"
                    )
            terminal.cells = [row[:] for row in clean.cells]  # report each mistake once
    return problems


KEYS = [
    "down", "right", "right", "left", "up", "down", "down",
    "tab", "新", "功", "能", "enter",
    "m", "p", "ctrl+z", "ctrl+z", "ctrl+y",
    "delete", "ctrl+z", "space", "space",
    "f2", "x", "y", "enter", "right", "enter", "甲", "enter",
    "alt+up", "alt+down", "escape", "v", "down", "left", "left", "up",
]  # fmt: skip


async def test_keys_in_the_diagram_leave_no_stale_line_on_the_terminal(tmp_path: Path):
    path = tmp_path / "app.json"
    formats.save(branching_document(150, seed=3), path)
    assert await stale_diagram_lines(path, (100, 24), KEYS) == []


async def test_a_layout_from_the_worker_leaves_no_stale_line(tmp_path: Path, monkeypatch):
    # Laid out in a thread from this many boxes (2,000 in the app): the picture arrives
    # after the key and is compared row by row with the one on screen.
    monkeypatch.setattr(diagram_view, "BACKGROUND_FROM", 50)
    path = tmp_path / "app.json"
    formats.save(branching_document(150, seed=4), path)
    assert await stale_diagram_lines(path, (100, 24), KEYS) == []


async def test_random_keys_in_the_diagram_leave_no_stale_line(tmp_path: Path, monkeypatch):
    monkeypatch.setattr(diagram_view, "BACKGROUND_FROM", 50)
    path = tmp_path / "app.json"
    formats.save(branching_document(120, seed=8), path)
    rng = random.Random(5)
    pool = ["down", "up", "left", "right", "tab", "x", "enter", "ctrl+z", "ctrl+y", "delete"]
    pool += ["space", "m", "alt+up", "alt+down", "f2", "escape"]
    keys = [rng.choice(pool) for _ in range(40)]
    assert await stale_diagram_lines(path, (90, 20), keys) == []


async def test_resizes_in_the_diagram_leave_no_stale_cell_on_the_terminal(tmp_path: Path):
    """A terminal keeps its cells when the window is resized (cut or padded, not cleared):
    after each resize the app must repaint every cell that changed, such as the column
    where the detail panel's edge (▏) stood before. Steps: shrink, grow, one column at a
    time as a window edge dragged sends them, height only, and a key after each."""
    from textual.events import Resize
    from textual.geometry import Size

    path = tmp_path / "app.json"
    formats.save(branching_document(60, seed=3), path)
    app = FeatureTreeApp(path)
    size = (100, 24)
    terminal = Terminal(*size)
    console = app.console
    watch_frames(
        app,
        lambda renderable: terminal.write(
            list(renderable.__rich_console__(console, console.options))
        ),
    )

    def resize(width: int, height: int) -> None:
        nonlocal terminal, size
        old, size = terminal, (width, height)
        terminal = Terminal(width, height)
        for y in range(min(old.height, height)):
            terminal.cells[y][: min(old.width, width)] = old.cells[y][:width]
        app._driver._size = Size(width, height)  # as Pilot.resize_terminal does
        app.post_message(Resize(Size(width, height), Size(width, height)))

    steps = [(80, 24), (120, 30), *[(w, 30) for w in range(119, 95, -1)], (96, 20), (140, 40)]
    problems: list[str] = []
    async with app.run_test(size=size) as pilot:
        await pilot.pause()
        await pilot.press("v")
        view = app.screen.query_one(DiagramView)
        for number, (width, height) in enumerate(steps):
            resize(width, height)
            if number % 5 == 0:  # now and then a drag's sizes come faster than frames
                await pilot.pause()
            if number in (0, 1, len(steps) - 1):
                await pilot.press("right")
            await pilot.pause()
            await detail_caught_up(pilot)
            seen = [row[:] for row in terminal.cells]
            view._set_diagram(
                build_diagram(
                    view.root,
                    view.options,
                    folded=view.folded(),
                    ascii=view.ascii,
                    tags=True,
                    untitled=t("app.untitled_row"),
                )
            )
            view._rows.clear()
            clean = clean_render(app, size)
            problems.extend(
                f"step {number} {size}, line {y}: {''.join(c for c, _ in seen[y])!r} "
                f"instead of {clean.text(y)!r}"
                for y in range(size[1])
                if clean.cells[y] != seen[y]
            )
            terminal.cells = [row[:] for row in clean.cells]
    assert problems == []
