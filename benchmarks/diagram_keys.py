"""How fast the diagram view (v) opens and answers keys at 10,000 visible nodes.

Run:  PYTHONPATH=src python benchmarks/diagram_keys.py [--sizes 10000] [--repeat 15]

Method: as ``benchmarks/editor_keys.py`` (its helpers are used): the app runs headless at
120×40, Pilot presses real keys, and each key's cost is the **CPU time of the main
thread** from just before the key to just after the frame it causes (the sleeps of Pilot
are not counted). The floor is the same keys in the outline, in the same run and the
same process, so a loaded machine shows as a ratio that stays put: each diagram figure
is given with its ratio to the outline's figure for the same key ("idle key" for keys
the outline does not have).

What a key costs in the diagram:
- arrows move a box cursor: no layout, the rows on screen are drawn again;
- an edit that leaves every box its size (status ``m``, priority ``p``) redraws one box;
- an edit that changes the tree (add, delete, move, fold, undo) lays the whole tree out
  again (``featuretree.model.layout``, linear in the nodes shown): from 2,000 boxes in
  a worker thread (the key is answered at once and the picture follows when the layout
  is made), below that before the next frame.

The CPU figures are the main thread's from the key to the frame that shows the new
layout (Pilot waits for the worker), so they include that frame; the layout itself is
the worker's. The "key to new picture" row is wall time from a Delete to the new layout
in the view: what a user waits to see the edit at this size.
"""

from __future__ import annotations

import argparse
import asyncio
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import contextlib

from editor_keys import _key_cpu, _settled
from generate import make_document  # type: ignore[import-not-found]
from stats import p95

from featuretree import formats


async def _wall_until_shown(pilot, view, key: str) -> float:
    """Wall ms from sending ``key`` (an edit) until the diagram shows it: the edit is
    made, the layout made in its thread and handed to the view (the frame that draws it
    follows at once). Sent as the terminal would, without Pilot's waits."""
    from textual import events

    await pilot.pause()
    start = time.perf_counter()
    pilot.app.post_message(events.Key(key, None))
    deadline = start + 10
    while view.laid_out and time.perf_counter() < deadline:  # until the edit is made
        await asyncio.sleep(0.001)
    while not view.laid_out and time.perf_counter() < deadline:
        await asyncio.sleep(0.001)
    elapsed = (time.perf_counter() - start) * 1000
    await pilot.pause()
    return elapsed


@contextlib.contextmanager
def _detail_later(delay: float = 3600.0):
    """Put off the detail panel's redraw (as editor_keys.py does: its own frame)."""
    from featuretree.tui.screens.editor import screen as editor

    kept = editor.DETAIL_DELAY
    editor.DETAIL_DELAY = delay
    try:
        yield
    finally:
        editor.DETAIL_DELAY = kept


async def _run(path: Path, n: int, repeat: int) -> dict[str, list[float]]:
    from featuretree.tui import FeatureTreeApp
    from featuretree.tui.widgets.diagram_view import DiagramView
    from featuretree.tui.widgets.tree_view import TreeView

    results: dict[str, list[float]] = {}

    def add(label: str, value: float) -> None:
        results.setdefault(label, []).append(value)

    app = FeatureTreeApp(path)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        screen = app.screen
        tree = screen.query_one(TreeView)
        assert len(tree.outline) == n, (len(tree.outline), n)

        def middle() -> None:
            index = len(tree.outline) // 2
            while True:
                node = tree.outline.row(index)
                kids = node.parent.kids if node.parent is not None else []
                if len(kids) >= 3 and kids[0] is not node and kids[-1] is not node:
                    break
                index += 1
            tree.set_cursor(index)

        with _detail_later():
            middle()
            await pilot.pause()
            # The floor: the outline's keys.
            for _ in range(repeat):
                add("outline: idle key (f12)", await _key_cpu(pilot, "f12"))
                add("outline: cursor ↓", await _key_cpu(pilot, "down"))
                add("outline: cursor ↑", await _key_cpu(pilot, "up"))
                add("outline: status (m)", await _key_cpu(pilot, "m"))
                add("outline: add child (Tab)", await _key_cpu(pilot, "tab"))
                add("outline: type a character", await _key_cpu(pilot, "x"))
                add("outline: confirm (Enter)", await _key_cpu(pilot, "enter"))
                add("outline: undo (Ctrl+Z)", await _key_cpu(pilot, "ctrl+z"))
                add("outline: delete (Del)", await _key_cpu(pilot, "delete"))
                await pilot.press("ctrl+z")
                add("outline: move down (Alt+↓)", await _key_cpu(pilot, "alt+down"))
                await pilot.press("alt+up")
                add("outline: page down", await _key_cpu(pilot, "pagedown"))
                await pilot.press("pageup")
            # Opening the view. The first time it lays the whole tree out in the key
            # (nothing to show before); later, after edits made in the outline, it shows
            # the last picture at once and the new layout comes from a thread.
            diagram = screen.query_one(DiagramView)
            for _ in range(repeat):
                diagram._diagram = None  # as never opened (the view's own attribute)
                await _settled(pilot)
                start = time.thread_time()
                await pilot.press("v")
                await pilot.pause()
                add("first open (v: layout + frame)", (time.thread_time() - start) * 1000)
                add("back to the outline (v)", await _key_cpu(pilot, "v"))
            for _ in range(repeat):
                diagram.changed()  # as after an edit in the outline
                add("open after an edit (v: frame + new layout)", await _key_cpu(pilot, "v"))
                await pilot.press("v")
            await pilot.press("v")
            for _ in range(repeat):
                add("diagram: idle key (f12)", await _key_cpu(pilot, "f12"))
                add("diagram: ↓ (child)", await _key_cpu(pilot, "down"))
                add("diagram: ↑ (parent)", await _key_cpu(pilot, "up"))
                add("diagram: → (sibling)", await _key_cpu(pilot, "right"))
                add("diagram: ← (sibling)", await _key_cpu(pilot, "left"))
                add("diagram: status (m)", await _key_cpu(pilot, "m"))
                add("diagram: add child (Tab)", await _key_cpu(pilot, "tab"))
                add("diagram: type a character", await _key_cpu(pilot, "x"))
                add("diagram: confirm (Enter)", await _key_cpu(pilot, "enter"))
                add("diagram: undo (Ctrl+Z)", await _key_cpu(pilot, "ctrl+z"))
                add("diagram: delete (Del)", await _key_cpu(pilot, "delete"))
                await pilot.press("ctrl+z")
                add("diagram: move down (Alt+↓)", await _key_cpu(pilot, "alt+down"))
                await pilot.press("alt+up")
                add("diagram: page down", await _key_cpu(pilot, "pagedown"))
                await pilot.press("pageup")
                await pilot.press("up")  # the parent: fold and unfold its children
                add("diagram: fold (Space)", await _key_cpu(pilot, "space"))
                add("diagram: unfold (Space)", await _key_cpu(pilot, "space"))
                await pilot.press("down")
                add(
                    "  delete: key to new picture (wall ms)",
                    await _wall_until_shown(pilot, diagram, "delete"),
                )
                await pilot.press("ctrl+z")
        await pilot.press("ctrl+q")
        await pilot.press("d")
    return results


FLOOR = {
    "diagram: idle key (f12)": "outline: idle key (f12)",
    "diagram: ↓ (child)": "outline: cursor ↓",
    "diagram: ↑ (parent)": "outline: cursor ↑",
    "diagram: → (sibling)": "outline: cursor ↓",
    "diagram: ← (sibling)": "outline: cursor ↑",
    "diagram: status (m)": "outline: status (m)",
    "diagram: add child (Tab)": "outline: add child (Tab)",
    "diagram: type a character": "outline: type a character",
    "diagram: confirm (Enter)": "outline: confirm (Enter)",
    "diagram: undo (Ctrl+Z)": "outline: undo (Ctrl+Z)",
    "diagram: delete (Del)": "outline: delete (Del)",
    "diagram: move down (Alt+↓)": "outline: move down (Alt+↓)",
    "diagram: page down": "outline: page down",
    "diagram: fold (Space)": "outline: delete (Del)",  # both lay the tree out again
    "diagram: unfold (Space)": "outline: delete (Del)",
}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="10000")
    parser.add_argument("--repeat", type=int, default=15)
    args = parser.parse_args()
    for n in (int(s) for s in args.sizes.split(",")):
        with tempfile.TemporaryDirectory() as folder:
            path = Path(folder) / f"tree-{n}.json"
            formats.save(make_document(n), path)
            results = asyncio.run(_run(path, n, args.repeat))
        print(f"\n{n:,} nodes, all visible (CPU ms of the main thread, key to frame)")
        print(f"{'key':42} {'median':>8} {'p95':>8} {'× floor':>8}")
        for label, samples in results.items():
            median = statistics.median(samples)
            floor_label = FLOOR.get(label, "outline: idle key (f12)")
            floor = statistics.median(results[floor_label])
            plain = label.startswith(("outline", " "))
            ratio = "" if plain else f"{median / floor:8.1f}"
            print(f"{label:42} {median:8.2f} {p95(samples):8.2f} {ratio:>8}")


if __name__ == "__main__":
    main()
