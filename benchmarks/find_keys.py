"""Search as you type and filter apply/clear in the running editor at 100k nodes (headless).

Run: PYTHONPATH=src /work/venv/bin/python benchmarks/find_keys.py [--sizes 100000] [--repeat 5]

To compare with an older commit in the same run (this machine's load varies by the
minute), run it again on that commit's code, e.g.
``git archive REV src | tar -x -C /tmp/old && PYTHONPATH=/tmp/old/src python benchmarks/find_keys.py``.

Per operation, CPU of the UI thread (``time.thread_time``) from the moment the text is
handed over (the bars debounce typing by 0.12 s, not counted) until the app is idle, as
median / p95, and as a ratio to the floor measured in the same run: the median of an
unbound key (F12), which is what any key costs. The queries grow as a user types them
("会", "会员", "会员1", "会员12"), then shrink (Backspace) and start again; a filter is
applied and cleared (Escape), and typed on from a first term and back.
The editor is left to settle first (its search index, when it has one, is built after
the first frame in slices between keys); "index slice" is the longest such slice, and
"filter prep step" the longest of the steps that then prepare the first filter.
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
os.environ["FEATURETREE_DATA_DIR"] = tempfile.mkdtemp()
os.environ["FEATURETREE_CONFIG"] = os.devnull

from editor_keys import make_document
from stats import p95

from featuretree import formats

TYPED = ("会", "会员", "会员1", "会员12", "会员1", "会员", "会", "设", "设置")
FILTERS = ("priority:P0 status:open", "status:new", "has:changelog", "会员 -has:notes")
FILTER_TYPED = ("status:new", "status:new 会", "status:new 会员", "status:new 会员1")
FILTER_TYPED += FILTER_TYPED[-2::-1]  # then Backspace
"""A filter typed on from a first term (each text as the debounce hands it over)."""
TAG_FILTER = "tag:主链路"
"""Timed on its own row (the rows above keep the same four queries as earlier runs)."""


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


async def _settle(screen, pilot) -> None:
    """Wait until the search index (if this code has one) is built, and what the editor
    prepares after it for the first filter (if it does)."""
    finding = screen.finding
    for _ in range(600):
        index = getattr(finding, "_index", None)
        if index is None or (index.ready and getattr(finding, "_indexing", None) is None):
            break
        await pilot.pause(0.05)
    await pilot.pause(0.2)


async def _applied(pilot, bar, text: str) -> float:
    bar.input.value = text
    await pilot.pause()
    _cancel_debounce(bar)
    start = time.thread_time()
    bar.changed(text)  # what the debounce timer calls
    await pilot.pause()
    # Once: from the call until the app is idle (the wait was counted twice before).
    return (time.thread_time() - start) * 1000


async def bench(n: int, repeat: int) -> dict[str, list[float]]:
    from featuretree.tui import FeatureTreeApp
    from featuretree.tui.screens.editor.screen import EditorScreen

    path = Path(tempfile.mkdtemp()) / f"bench-{n}.json"
    formats.save(make_document(n, seed=1), path)
    results: dict[str, list[float]] = {}

    def add(label: str, value: float) -> None:
        results.setdefault(label, []).append(value)

    slices: list[float] = []
    try:
        from featuretree.model.search import SearchIndex

        build = SearchIndex.build

        def timed_build(self, budget=None):
            start = time.thread_time()
            try:
                return build(self, budget)
            finally:
                if budget is not None:
                    slices.append((time.thread_time() - start) * 1000)

        SearchIndex.build = timed_build
    except ImportError:
        pass
    steps: list[float] = []
    try:
        from featuretree.tui.screens.editor import find

        prepare = find.prepare_filters

        def timed_prepare(index):
            work = prepare(index)
            while True:
                start = time.thread_time()
                try:
                    next(work)
                except StopIteration:
                    return
                finally:
                    steps.append((time.thread_time() - start) * 1000)
                yield

        find.prepare_filters = timed_prepare
    except AttributeError:  # older code: the first filter of each kind does this work
        pass
    app = FeatureTreeApp(path)
    async with app.run_test(size=(120, 40)) as pilot:
        while not isinstance(app.screen, EditorScreen):
            await asyncio.sleep(0.001)
        screen = app.screen
        await _settle(screen, pilot)
        if slices:
            add("index slice (longest)", max(slices))
        if steps:
            add("filter prep step (longest)", max(steps))
        for _ in range(repeat * 3):
            add("floor: unbound key (F12)", await _cpu(pilot, "f12"))
        search = screen.finding.search_bar
        for _ in range(repeat):
            await _cpu(pilot, "slash")
            for text in TYPED:
                add("search, per keystroke", await _applied(pilot, search, text))
            await _cpu(pilot, "enter")
            add("n (next match)", await _cpu(pilot, "n"))
            await _cpu(pilot, "escape")
        bar = screen.finding.filter_bar
        for _ in range(repeat):
            for query in (*FILTERS, TAG_FILTER):
                bar.open()
                await pilot.pause()
                applied = await _applied(pilot, bar, query)
                cleared = await _cpu(pilot, "escape")
                if query == TAG_FILTER:
                    add(f"filter apply ({TAG_FILTER})", applied)
                else:
                    add("filter apply", applied)
                    add("filter clear (Escape)", cleared)
        for _ in range(repeat):
            bar.open()
            await pilot.pause()
            for text in FILTER_TYPED:
                add("filter, per keystroke (typed)", await _applied(pilot, bar, text))
            await _cpu(pilot, "escape")
        await pilot.press("ctrl+q", "d")
    return results


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[100_000])
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args()
    import featuretree

    print(f"code: {Path(featuretree.__file__).parent}")
    for n in args.sizes:
        table = asyncio.run(bench(n, args.repeat))
        floor = statistics.median(table["floor: unbound key (F12)"])
        print(f"{n:,} nodes — ms CPU of the UI thread: median / p95 (median ÷ floor)")
        for label, values in table.items():
            median = statistics.median(values)
            print(f"  {label:28}{median:9.1f} / {p95(values):7.1f}   ({median / floor:5.1f}×)")


if __name__ == "__main__":
    main()
