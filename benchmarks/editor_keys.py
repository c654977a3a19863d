"""How fast the editor answers each key on big, fully expanded trees.

Run:  /work/venv/bin/python benchmarks/editor_keys.py [--sizes 1000,10000,100000] [--repeat 30] [--opens 5]

Method
------
The app runs headless (``App.run_test(size=(120, 40))``) and Pilot presses real keys.
Pilot's ``press`` and ``pause`` sleep in 20 ms slices until the process is idle, so their
wall-clock time says nothing about the app. We therefore measure the **CPU time of the
main thread** (``time.thread_time``: the event loop, all handlers, layout and the
compositor) from just before the key is sent to just after ``pilot.pause()`` has forced
the frame (``screen._on_timer_update``) — i.e. from key to finished frame, without the
sleeps. A key bound to nothing ("f12") is measured the same way: that floor is Textual's
own cost per key (event dispatch, footer, frame) and is reported as "idle key".

The detail panel redraws in a frame of its own 60 ms after the cursor rests
(``editor.DETAIL_DELAY``). Pilot's waits often outlast that, so the keys are timed with
the delay put off and the panel drawn before the next key's clock starts; the panel's
frame is its own row, "detail panel once the cursor rests" (CPU over the 80 ms after a
↓, with the real delay).

"Open → first frame" is wall-clock time from creating the app (the file not yet read)
to the first frame of the editor being composed (Textual's ``App._display`` called with
it; headless, nothing is written): reading the JSON, building the model, flattening 100%
of the rows and rendering the screen. "Open → ready" runs on until the app is idle (what
it does right after its first frame: freeing the parse, the outline's spans, the detail
panel), as Pilot sees it. "Model load alone" is ``formats.load`` of the same file, for
comparison (the issue's target is open ≤ about twice the load), and the indented row
is the part of the open that is the app's read of the file (``read_document``, timed
where the app calls it).

Loads and opens run ``--opens`` times each, taking turns, each in a fresh Python process
with its imports done before the clock starts, so that none benefits from (or pays for)
memory another left behind; this machine varies by ±20% from run to run, so read the
medians. Python start and imports are not in them: ``benchmarks/pty_keys.py`` measures
the open of the real command in a pty.
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import gc
import json
import os
import random
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
# Keep the benchmark's temporary files out of the user's recent list, config and state.
os.environ["FEATURETREE_DATA_DIR"] = tempfile.mkdtemp()
os.environ["FEATURETREE_STATE_DIR"] = tempfile.mkdtemp()
os.environ["FEATURETREE_CONFIG"] = os.devnull

from featuretree import formats
from featuretree.model.annotations import ChangeEntry, FeatureStatus, Suggestion
from featuretree.model.document import Document
from featuretree.model.node import FeatureNode
from featuretree.model.tree import attach

WORDS = [
    "搜索",
    "推荐",
    "会员",
    "消息",
    "设置",
    "支付",
    "评论",
    "收藏",
    "分享",
    "直播",
    "视频",
    "个人主页",
    "通知",
    "隐私",
    "账号安全",
    "热榜",
    "创作中心",
    "草稿箱",
    "数据看板",
    "私信",
]


def _local_make_document(n: int, seed: int = 0) -> Document:
    """A tree of ``n`` nodes, branching 5–12, depth ≤ 8, CJK titles, some annotations."""
    rng = random.Random(seed)
    doc = Document.new("基准 App")
    frontier = [(doc.root, 0)]
    count = 1
    while count < n and frontier:
        next_frontier = []
        for parent, depth in frontier:
            if depth >= 8:
                continue
            for _ in range(rng.randint(5, 12)):
                if count >= n:
                    break
                title = f"{rng.choice(WORDS)}{rng.choice(WORDS)} {count}"
                node = FeatureNode(title, id=f"n{count}", status=rng.choice(list(FeatureStatus)))
                if rng.random() < 0.1:
                    node.changelog = (ChangeEntry(summary="调整交互"),)
                if rng.random() < 0.1:
                    node.suggestions = (Suggestion(id=f"s{count}", text="优化加载速度"),)
                attach(node, parent)
                next_frontier.append((node, depth + 1))
                count += 1
        rng.shuffle(next_frontier)
        frontier = next_frontier
    doc.register(doc.root)
    return doc


from stats import p95  # noqa: E402

try:  # another engineer's shared generator, when present
    from generate import make_document  # type: ignore[import-not-found]
except ImportError:
    make_document = _local_make_document


def _time_read_document() -> list[float]:
    """Time the app's one read of the file (wrapping ``read_document`` where the app calls it).

    Returns the list the wall ms of each call is appended to.
    """
    from featuretree.tui import app as app_module

    times: list[float] = []
    read = getattr(app_module.read_document, "__wrapped__", app_module.read_document)

    def timed(*args, **kwargs):
        start = time.perf_counter()
        try:
            return read(*args, **kwargs)
        finally:
            times.append((time.perf_counter() - start) * 1000)

    timed.__wrapped__ = read  # type: ignore[attr-defined]
    app_module.read_document = timed
    return times


def _time_first_frame(screen_type: type) -> list[float]:
    """Record when the first frame of a ``screen_type`` screen is composed.

    Returns the list the time (``perf_counter``) is appended to, once.
    """
    from textual.app import App

    times: list[float] = []
    display = getattr(App._display, "__wrapped__", App._display)

    def timed(self, screen, renderable):
        if renderable is not None and not times and isinstance(screen, screen_type):
            times.append(time.perf_counter())
        return display(self, screen, renderable)

    timed.__wrapped__ = display  # type: ignore[attr-defined]
    App._display = timed  # type: ignore[method-assign]
    return times


async def _settled(pilot) -> None:
    """Draw now the detail panel a cursor move left for later (see ``_detail_later``)."""
    screen = pilot.app.screen
    timer = getattr(screen, "_detail_timer", None)
    if timer is not None:
        timer.stop()
        screen.refresh_detail()
    await pilot.pause()


async def _key_cpu(pilot, *keys: str) -> float:
    await _settled(pilot)  # not on this key's clock: it is its own frame, measured apart
    start = time.thread_time()
    await pilot.press(*keys)
    await pilot.pause()
    return (time.thread_time() - start) * 1000


async def _rest_cpu(pilot, real: float) -> float:
    """CPU of the frame the detail panel draws once the cursor rests (after ``real``
    seconds, the app's own delay), after a ↓."""
    with _detail_later(real):
        await pilot.press("down")
        await pilot.pause()
        start = time.thread_time()
        await asyncio.sleep(real + 0.02)
        await pilot.pause()
    return (time.thread_time() - start) * 1000


@contextlib.contextmanager
def _detail_later(delay: float = 3600.0):
    """Set the detail panel's redraw delay (``editor.DETAIL_DELAY``) for the block; the
    block gets the delay it replaced.

    Pilot's ``press`` and ``pause`` wait in 20 ms slices until the app is idle, so a
    key's window often lasts past the real 60 ms and took in the panel's delayed frame,
    2-3 ms of CPU charged to the key. The keys are timed with it put off (``_settled``
    draws it before the next key), and ``_rest_cpu`` times it with the real delay.
    """
    from featuretree.tui.screens.editor import screen as editor

    kept = editor.DETAIL_DELAY
    editor.DETAIL_DELAY = delay
    try:
        yield kept
    finally:
        editor.DETAIL_DELAY = kept


def _load_alone(path: Path) -> float:
    start = time.perf_counter()
    formats.load(path)
    return (time.perf_counter() - start) * 1000


async def _open(path: Path):
    """Open ``path`` in the app under Pilot; the open's timings in ms by label."""
    from featuretree.tui import FeatureTreeApp
    from featuretree.tui.screens.editor.screen import EditorScreen

    read_ms = _time_read_document()
    first_frame = _time_first_frame(EditorScreen)
    gc.collect()
    start = time.perf_counter()
    app = FeatureTreeApp(path)
    async with app.run_test(size=(120, 40)) as pilot:
        while not isinstance(app.screen, EditorScreen):
            await asyncio.sleep(0.001)
        await pilot._wait_for_screen()
        app.screen._on_timer_update()
        ready = time.perf_counter()
        timings = {
            "open → first frame (wall)": (first_frame[0] - start) * 1000,
            "  of which: read + build the model": read_ms[0],
            "open → ready for keys (wall)": (ready - start) * 1000,
        }
        yield app, pilot, timings


async def _open_once(path: Path, what: str) -> None:
    """One load or open in this (fresh) process: print its timings as JSON, for :func:`bench`."""
    if what == "load":
        print(json.dumps({"model load alone (wall)": _load_alone(path)}))
        return
    async for _app, _pilot, timings in _open(path):
        print(json.dumps(timings))


def _fresh_opens(path: Path, opens: int) -> dict[str, list[float]]:
    """The load's and the open's timings, each from a fresh Python process (imports done,
    then timed), loads and opens taking turns."""
    results: dict[str, list[float]] = {}
    for _ in range(opens):
        for what in ("load", "open"):
            out = subprocess.run(
                [sys.executable, __file__, "--once", what, str(path)],
                check=True,
                capture_output=True,
                text=True,
            ).stdout
            for label, value in json.loads(out.strip().splitlines()[-1]).items():
                results.setdefault(label, []).append(value)
    return results


async def bench(n: int, repeat: int, opens: int) -> dict[str, list[float]]:
    doc = make_document(n, seed=1)
    folder = tempfile.mkdtemp()
    path = Path(folder) / f"bench-{n}.json"
    formats.save(doc, path)
    del doc
    gc.collect()
    results = _fresh_opens(path, opens)
    with _detail_later() as real_delay:
        results.update(await _keys(path, n, repeat, real_delay))
    os.unlink(path)
    return results


async def _keys(path: Path, n: int, repeat: int, detail_delay: float) -> dict[str, list[float]]:
    """Every key's CPU, ``repeat`` times, on the document at ``path`` (``n`` nodes)."""
    from featuretree.tui.widgets.tree_view import TreeView

    results: dict[str, list[float]] = {}
    async for app, pilot, _timings in _open(path):
        tree = app.screen.query_one(TreeView)
        rows = len(tree.outline)
        assert rows == n, f"expected all {n} rows expanded, got {rows}"

        def middle_node_with_siblings() -> None:
            index = len(tree.outline) // 2
            while True:
                node = tree.outline.row(index)
                if (
                    node.parent is not None
                    and len(node.parent.kids) >= 3
                    and node.parent.kids[0] is not node
                    and node.parent.kids[-1] is not node
                ):
                    break
                index += 1
            tree.set_cursor(index)

        async def measure(label: str, *keys: str, setup=None) -> None:
            samples = results.setdefault(label, [])
            for _ in range(repeat):
                if setup is not None:
                    await setup()
                samples.append(await _key_cpu(pilot, *keys))

        middle_node_with_siblings()
        await pilot.pause()
        await measure("idle key (floor)", "f12")
        await measure("cursor down (↓)", "down")
        await measure("cursor up (↑)", "up")
        await measure("page down", "pagedown")
        for _ in range(repeat):
            results.setdefault("detail panel once the cursor rests", []).append(
                await _rest_cpu(pilot, detail_delay)
            )
        for _ in range(repeat):
            results.setdefault("End / Home", []).append(await _key_cpu(pilot, "end"))
            results["End / Home"].append(await _key_cpu(pilot, "home"))
        # Fold and unfold the first top-level module: the biggest block to splice.
        tree.set_cursor(1)
        for _ in range(repeat):
            results.setdefault("fold (space, top module)", []).append(
                await _key_cpu(pilot, "space")
            )
            results.setdefault("unfold (space, top module)", []).append(
                await _key_cpu(pilot, "space")
            )
        middle_node_with_siblings()
        for _ in range(repeat):
            results.setdefault("add child (Tab)", []).append(await _key_cpu(pilot, "tab"))
            results.setdefault("type a character", []).append(await _key_cpu(pilot, "x"))
            results.setdefault("confirm (Enter)", []).append(await _key_cpu(pilot, "enter"))
            results.setdefault("undo (Ctrl+Z)", []).append(await _key_cpu(pilot, "ctrl+z"))
        for _ in range(repeat):
            results.setdefault("rename (F2)", []).append(await _key_cpu(pilot, "f2"))
            await pilot.press("y")
            results.setdefault("rename confirm (Enter)", []).append(await _key_cpu(pilot, "enter"))
        for _ in range(repeat):
            results.setdefault("delete (Del)", []).append(await _key_cpu(pilot, "delete"))
            results["undo (Ctrl+Z)"].append(await _key_cpu(pilot, "ctrl+z"))
        middle_node_with_siblings()
        for _ in range(repeat):
            results.setdefault("move up (Alt+↑)", []).append(await _key_cpu(pilot, "alt+up"))
            results.setdefault("move down (Alt+↓)", []).append(await _key_cpu(pilot, "alt+down"))
        for _ in range(repeat):
            results.setdefault("indent (Alt+→)", []).append(await _key_cpu(pilot, "alt+right"))
            results.setdefault("outdent (Alt+←)", []).append(await _key_cpu(pilot, "alt+left"))
        await pilot.press("ctrl+c")
        for _ in range(repeat):
            results.setdefault("paste (Ctrl+V)", []).append(await _key_cpu(pilot, "ctrl+v"))
            await pilot.press("up")  # stay on a small node: paste under the copy's parent
        for _ in range(repeat):
            await pilot.press("ctrl+z")
            results.setdefault("redo (Ctrl+Y)", []).append(await _key_cpu(pilot, "ctrl+y"))
        await pilot.press("ctrl+q")
        await pilot.press("d")
    return results


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="1000,10000,100000")
    parser.add_argument("--repeat", type=int, default=30)
    parser.add_argument(
        "--opens",
        type=int,
        default=5,
        help="loads and opens measured per size, each in a fresh process",
    )
    parser.add_argument("--once", nargs=2, metavar=("load|open", "FILE"), help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.once:
        asyncio.run(_open_once(Path(args.once[1]), args.once[0]))
        return
    sizes = [int(s) for s in args.sizes.split(",")]
    table: dict[str, dict[int, list[float]]] = {}
    for n in sizes:
        for label, values in asyncio.run(bench(n, args.repeat, args.opens)).items():
            table.setdefault(label, {})[n] = values
    header = f"{'key (ms, main-thread CPU; open is wall)':42}" + "".join(
        f"{f'{n:,} median':>15}{'p95':>8}" for n in sizes
    )
    print(header)
    print("-" * len(header))
    for label, by_size in table.items():
        cells = ""
        for n in sizes:
            values = by_size.get(n, [])
            if values:
                cells += f"{statistics.median(values):15.1f}{p95(values):8.1f}"
            else:
                cells += f"{'-':>15}{'-':>8}"
        print(f"{label:42}{cells}")


if __name__ == "__main__":
    main()
