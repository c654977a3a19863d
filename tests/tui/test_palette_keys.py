"""Keys that reach the command palette together act in order, and an Enter among them
runs what the whole query finds (the pty tests in ``tests/terminal/test_palette_bursts.py``
type them through a real terminal; here they reach the app at once, every time)."""

from __future__ import annotations

import asyncio
from pathlib import Path

from editor_helpers import SIZE, burst
from textual.command import Hit, Hits, Provider

from featuretree.tui import FeatureTreeApp

RAN: list[str] = []


class SlowProvider(Provider):
    """Finds its one command only after a while, as a busy moment makes any search."""

    async def search(self, query: str) -> Hits:
        await asyncio.sleep(0.3)
        score = self.matcher(query).match("Slow command")
        if score > 0:
            yield Hit(10.0, "Slow command", lambda: RAN.append("slow"))


class SlowSearchApp(FeatureTreeApp):
    COMMANDS = FeatureTreeApp.COMMANDS | {SlowProvider}


async def test_enter_right_behind_the_query_runs_what_the_query_finds(doc_path: Path):
    RAN.clear()
    app = SlowSearchApp(doc_path)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause(0.5)  # the palette's first list (every command) would be up
        keys = [(key, key) for key in "slow command"]
        await burst(pilot, ("ctrl+p", None), *keys, ("enter", None))
        for _ in range(10):  # the search runs in the background
            await pilot.pause(0.1)
        # Not the top of the list shown when Enter came (every command), nor nothing.
        assert RAN == ["slow"]


async def test_backspace_among_the_characters_deletes_the_one_before_it(doc_path: Path):
    app = FeatureTreeApp(doc_path)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        keys = [(key, key) for key in "abc"] + [("backspace", None)] * 2 + [("x", "x")]
        await burst(pilot, ("ctrl+p", None), *keys, ("full_width_space", "\u3000"), ("y", "y"))
        await pilot.pause()
        assert app.screen.query_one("CommandInput").value == "ax\u3000y"
