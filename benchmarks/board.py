"""Suggestions board timings: open with N suggestions, sort, cycle a priority (headless Pilot).

Run: /work/venv/bin/python benchmarks/board.py
"""

from __future__ import annotations

import asyncio
import statistics
import sys
import time
from pathlib import Path

from textual.app import App

sys.path.insert(0, str(Path(__file__).parent))
from query import build

from featuretree.operations import History
from featuretree.tui.screens.board import SuggestionsBoard


class Host(App[None]):
    def __init__(self, board: SuggestionsBoard) -> None:
        super().__init__()
        self.board = board

    def on_mount(self) -> None:
        self.push_screen(self.board)


async def measure(nodes: int) -> None:
    doc = build(nodes)
    history = History(doc)
    board = SuggestionsBoard(history)
    app = Host(board)
    start = time.perf_counter()
    async with app.run_test(size=(160, 50)) as pilot:
        await pilot.pause()
        opened = (time.perf_counter() - start) * 1000
        results = {}
        # Pilot adds ~100 ms of waiting to every key press, which would hide the real
        # cost: time the work a key does (its action) plus drawing the visible rows.
        table = board.query_one("#table")
        region_height = table.size.height

        def draw() -> None:
            table._cache.clear()
            for y in range(region_height):
                table.render_line(y)

        for label, action in [
            ("sort by priority (P)", lambda: board.action_sort("priority")),
            ("cycle priority (p)", board.action_cycle_priority),
            ("cursor down", lambda: table.action_move(1)),
            ("toggle P0 (0)", lambda: board.action_toggle_priority("P0")),
        ]:
            runs = []
            for _ in range(7):
                t0 = time.perf_counter()
                action()
                draw()
                runs.append((time.perf_counter() - t0) * 1000)
                await pilot.pause()
            results[label] = statistics.median(runs)
    count = sum(1 for _ in doc.iter_suggestions())
    print(
        f"{nodes:>7} nodes {count:>6} suggestions: open {opened:7.0f} ms  "
        + "  ".join(f"{k} {v:6.1f} ms" for k, v in results.items())
    )


if __name__ == "__main__":
    for n in (1_000, 10_000, 25_000):
        asyncio.run(measure(n))
