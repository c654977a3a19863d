"""Issue 4's keys in the running editor at 1k / 10k / 100k nodes (headless, Pilot).

Run: /work/venv/bin/python benchmarks/annotate_keys.py [--sizes 1000 10000 100000] [--repeat 15]

Per key: median and p95 of the CPU time of the UI thread from key to finished frame
(``time.thread_time`` around ``pilot.press`` + ``pilot.pause``). Filter and search are
timed from the moment the typed text is handed over (the bars debounce typing by 0.12 s,
not counted). The tree is fully expanded, as in benchmarks/editor_keys.py.
"""

from __future__ import annotations

import argparse
import asyncio
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
# Opening a file adds it to the recent files: keep the user's list (and config) out of it.
os.environ["FEATURETREE_DATA_DIR"] = tempfile.mkdtemp()
os.environ["FEATURETREE_CONFIG"] = os.devnull

from editor_keys import make_document
from stats import p95

from featuretree import formats


async def _cpu(pilot, *keys: str) -> float:
    start = time.thread_time()
    if keys:
        await pilot.press(*keys)
    await pilot.pause()
    return (time.thread_time() - start) * 1000


def _cancel_debounce(bar) -> None:
    """The bar would apply the typed text again when its debounce timer fires: not timed."""
    if bar._timer is not None:
        bar._timer.stop()
        bar._timer = None


async def bench(n: int, repeat: int) -> dict[str, list[float]]:
    from featuretree.tui import FeatureTreeApp
    from featuretree.tui.screens.editor.screen import EditorScreen

    path = Path(tempfile.mkdtemp()) / f"bench-{n}.json"
    formats.save(make_document(n, seed=1), path)
    results: dict[str, list[float]] = {}
    app = FeatureTreeApp(path)
    async with app.run_test(size=(120, 40)) as pilot:
        while not isinstance(app.screen, EditorScreen):
            await asyncio.sleep(0.001)
        await pilot.pause()
        screen = app.screen
        tree = screen.tree
        with_suggestion = next(
            node for node in tree.outline.rows[len(tree.outline) // 2 :] if node.suggestions
        )
        tree.select(with_suggestion)
        await pilot.pause()

        def add(label: str, value: float) -> None:
            results.setdefault(label, []).append(value)

        for _ in range(repeat):
            add("idle key (floor)", await _cpu(pilot, "f12"))
            add("m (cycle feature status)", await _cpu(pilot, "m"))
            add("t (cycle suggestion status)", await _cpu(pilot, "t"))
            add("p (cycle priority)", await _cpu(pilot, "p"))
            add("Ctrl+Z (undo an annotation)", await _cpu(pilot, "ctrl+z"))
        # Filter: apply and clear (restoring the folding).
        bar = screen.finding.filter_bar
        for query in ("priority:P0 status:open", "status:new", "has:changelog") * max(
            1, repeat // 3
        ):
            bar.open()
            await pilot.pause()
            bar.input.value = query
            await pilot.pause()
            _cancel_debounce(bar)
            start = time.thread_time()
            bar.changed(query)  # what the debounce timer calls
            add("filter apply", await _cpu(pilot) + (time.thread_time() - start) * 1000)
            add(f"  rows kept ({query})", float(len(tree.outline)))
            add("filter clear (Escape)", await _cpu(pilot, "escape"))
        # Search: first result, then n from the tree with highlights on screen.
        search = screen.finding.search_bar
        for word in ("会员", "搜索 1", "设置"):
            await _cpu(pilot, "slash")
            search.input.value = word
            await pilot.pause()
            _cancel_debounce(search)
            start = time.thread_time()
            search.changed(word)
            add(
                "search (type → first match)",
                await _cpu(pilot) + (time.thread_time() - start) * 1000,
            )
            await _cpu(pilot, "enter")
            for _ in range(repeat):
                add("n (next match)", await _cpu(pilot, "n"))
                add("↓ with highlights", await _cpu(pilot, "down"))
            await _cpu(pilot, "escape")
        await pilot.press("ctrl+q", "d")
    return results


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[1000, 10000, 100000])
    parser.add_argument("--repeat", type=int, default=15)
    args = parser.parse_args()
    tables = {n: asyncio.run(bench(n, args.repeat)) for n in args.sizes}
    labels = list(next(iter(tables.values())))
    print(f"{'key (ms CPU, median / p95)':34}" + "".join(f"{n:>20,}" for n in args.sizes))
    for label in labels:
        cells = []
        for n in args.sizes:
            values = tables[n].get(label, [])
            if label.startswith("  rows"):
                cells.append(f"{statistics.mean(values):>20,.0f}" if values else " " * 20)
            else:
                cells.append(f"{statistics.median(values):>12.1f} / {p95(values):>5.1f}")
        print(f"{label:34}" + "".join(cells))


if __name__ == "__main__":
    main()
