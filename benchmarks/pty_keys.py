"""How fast the editor answers each key as a user sees it: the real app in a real pty.

Run:  /work/venv/bin/python benchmarks/pty_keys.py [--sizes 1000,10000,100000] [--repeat 20]
                                                    [--commit HEAD] [--opens 3] [--colors 256]

``--commit REV`` runs ``src/featuretree`` as of that commit (``git archive`` into a temporary
folder, first on PYTHONPATH) instead of the work tree, which in a shared checkout holds
other people's uncommitted edits. The first output line says which code ran.

What is measured
----------------
For each size a tree is generated (``benchmarks/generate.py``, seed 1, every node
expanded) and saved as JSON; then the real ``featuretree FILE`` command (the console
script next to this Python) is started in a 120×40 pseudo-terminal, with the real
``LinuxDriver``, TERM=xterm-256color, COLORTERM=truecolor and a private data, state and
config (``FEATURETREE_CONFIG=/dev/null``; started and quit by ``pty_app.py``). This
script plays the terminal (``pty_terminal.py``): it answers Textual's synchronized-output
query like xterm does, so every frame arrives as one ``CSI ? 2026 h`` … ``CSI ? 2026 l``
block, and it stamps each block with the wall clock when its end was read from the pty.

- **key → first frame** (wall, ms): from writing the key's bytes (``\\x1b[B`` for ↓ …)
  to the pty until the end of the first frame the app writes after it — the moment the
  user's terminal could show the change. It includes Textual's input thread and parser,
  the handler, layout, the compositor, the driver's writer thread and the pty; it does
  not include any terminal emulator's rendering.
- **key → last frame** (wall, ms): to the end of the last frame of the burst the key
  caused, e.g. the detail panel, which redraws in a second frame once the cursor has
  rested 60 ms (``DETAIL_DELAY``).
- **CPU** (ms): CPU time of the app process, all threads (``/proc/PID/task/*/schedstat``),
  from the key until the app is idle again. It includes the idle wait after the key (the
  "no key" row shows what such a wait costs with no key at all), and does not depend on
  how busy the rest of the machine is, unlike the wall-clock columns.

Between keys the script waits until the app has written nothing for 200 ms and used
almost no CPU, so every key starts from an idle app and is measured alone (no key
repeat). A key that changes nothing on screen writes no frame: its time columns show
"-" and its frames/key is 0.

The key sequence mirrors ``benchmarks/editor_keys.py`` (which measures the same keys
headless, as main-thread CPU under Pilot): it starts on a node in the middle of the
tree that has siblings on both sides, reached by keys alone (``1`` folds to the
modules, ↓ to the middle module, ``9`` unfolds everything again, → down to its first
leaf, ↓ to a node with siblings on both sides); then repeats each key ``--repeat`` times.
Two things follow from that sequence: the navigation leaves the cursor on the last row
on screen, so each ↓ scrolls the tree by a row while each ↑ after them moves within the
screen (compare their bytes); and PgDn at 1,000 nodes reaches the end after about 14
presses, so the last ones change nothing (frames/key < 2).

Two rows are not in editor_keys.py. "copy (Ctrl+C)": the first copy (the session's first
notification) and up to 5 copies after it, each followed by a wait until its notification
has gone (its removal is a frame 2 s later, which would otherwise be taken for the next
key's). A key refused with a "Not possible" notification is reported as a warning. "↓ 3.0–4.0 s after an edit": the editor writes a
recovery file ``AUTOSAVE_DELAY`` (3 s) after the last edit — a copy of the document on
the UI thread, JSON in a worker thread — so one edit is made, then ↓ is pressed at
offsets from -50 ms to +1 s around that moment (one press each, listed per offset as
the script runs): what a user feels who presses a key just as the autosave starts.
"↓/↑ every ~0.2 s for 7 s after an edit": one edit, then ↓ and ↑ in turn with only 0.1 s
of idle between them, through the moment the recovery file is due (3 s); three trials,
each listed with its slowest key and whether the recovery file was written meanwhile.

"Open" is one wall-clock figure per start (the median of ``--opens`` starts): from just
before the process is spawned to the end of the first frame that shows the tree.
"spawn → first output" ends when the app first writes to the terminal (Python started,
featuretree and Textual imported, the app made, the driver started) — the rest of the
open is reading the file, building the editor and painting. "model load alone" is
``formats.load`` of the same file in this process, for comparison.
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from generate import make_document
from pty_app import (
    QUIET,
    app_env,
    describe_source,
    export_commit,
    imports_alone,
    open_app,
    quit_app,
)
from pty_terminal import XTERM_KEYS as KEYS
from pty_terminal import Burst, PtyTerminal
from stats import p95

from featuretree import formats
from featuretree.model.node import FeatureNode
from featuretree.model.tree import preorder

TOAST_QUIET = 2.5
"""Seconds without output that mean a 2 s notification (copy) has come and gone."""
REFUSALS = ("Not possible", "无法执行", "Nothing to", "没有可")
"""Texts of the editor's "cannot do that" notifications (English and Chinese)."""

AUTOSAVE_DELAY = 3.0
"""The editor writes its recovery file this long after the last edit (tui/screens/editor/saving.py)."""
AUTOSAVE_OFFSETS = (-0.05, 0.0, 0.02, 0.05, 0.1, 0.15, 0.2, 0.3, 0.4, 0.5, 0.7, 1.0)
"""When ↓ is pressed, in seconds after the autosave is due."""
AUTOSAVE_LABEL = "↓ 3.0–4.0 s after an edit"
NAV_SECONDS = 7.0
"""How long ↓/↑ are pressed after an edit: past the autosave's 3 s, short of its 10 s limit."""
NAV_QUIET = 0.1
"""Idle time awaited between those keys (a key every ~0.2 s: someone reading down a list)."""
NAV_LABEL = "↓/↑ every ~0.2 s for 7 s after an edit"


def route_to_middle(root: FeatureNode) -> tuple[list[str], FeatureNode, int]:
    """Keys from anywhere to a node mid-tree with siblings on both sides; the node; its row.

    ``1`` shows only the modules, ↓ goes to the middle one, ``9`` unfolds all again
    (the cursor stays on the module), → walks to its first leaf, ↓ on to a node with a
    sibling before and after it (as ``editor_keys.py``'s ``middle_node_with_siblings``).
    """
    rows = list(preorder(root))
    row_of = {id(node): index for index, node in enumerate(rows)}
    module_index = len(root.kids) // 2
    node = root.kids[module_index]
    keys = ["1", "home", *["down"] * (module_index + 1), "9"]
    while node.kids:
        node = node.kids[0]
        keys.append("right")
    row = row_of[id(node)]
    while True:
        node = rows[row]
        parent = node.parent
        if (
            parent is not None
            and len(parent.kids) >= 3
            and parent.kids[0] is not node
            and parent.kids[-1] is not node
        ):
            break
        row += 1
        keys.append("down")
    return keys, node, row


class Session:
    """One running editor and the samples collected from it."""

    def __init__(self, term: PtyTerminal, repeat: int, state_dir: Path) -> None:
        self.term = term
        self.repeat = repeat
        self.state_dir = state_dir
        self.results: dict[str, list[Burst]] = {}
        self.autosave: list[tuple[float, Burst, bool]] = []
        self.navigation: list[tuple[list[Burst], bool]] = []
        self.route: list[str] = []
        self.refused: dict[str, int] = {}

    def press(self, key: str) -> Burst:
        """Send ``key`` (a name in KEYS, or a printable character) and wait for idle."""
        return self.term.key(KEYS.get(key, key.encode()), QUIET)

    def measure(self, label: str, key: str, *, notifies: bool = False) -> None:
        """One sample of ``key`` under ``label``.

        A notification disappears in a frame seconds later, which would land in the
        window of a later key: after a key that ``notifies`` (or that was refused with a
        warning, which is also counted) the app is left until the toast is gone.
        """
        burst = self.press(key)
        self.results.setdefault(label, []).append(burst)
        if any(refusal in frame.text for frame in burst.frames for refusal in REFUSALS):
            self.refused[label] = self.refused.get(label, 0) + 1
            self.term.wait_idle(TOAST_QUIET * 2)  # warnings stay longer than 2 s
        elif notifies:
            self.term.wait_idle(TOAST_QUIET)

    def idle_window(self) -> None:
        """One "no key" sample: what waiting for idle costs with nothing sent."""
        term = self.term
        cpu = term.cpu_ns()
        before = len(term.frames)
        burst = Burst(time.perf_counter())
        term.wait_idle(QUIET)
        burst.frames = term.frames[before:]
        burst.cpu_ns = term.cpu_ns() - cpu
        self.results.setdefault("no key (idle wait, baseline)", []).append(burst)

    def go(self, keys: list[str], expect: str) -> None:
        """Navigate (not measured) and check the detail panel shows ``expect``."""
        before = len(self.term.frames)
        self.term.send(b"".join(KEYS.get(k, k.encode()) for k in keys))
        self.term.wait_idle(QUIET)
        shown = "".join(f.text for f in self.term.frames[before:])
        if expect not in shown:
            print(f"  warning: after navigating, {expect!r} was not drawn", file=sys.stderr)

    def run(self, route: list[str], target: FeatureNode) -> None:
        """The key sequence of editor_keys.py."""
        r = self.repeat
        self.route = route
        self.go(route, target.title)
        for _ in range(r):
            self.idle_window()
        for _ in range(r):
            self.measure("idle key (F12, unbound)", "f12")
        for label, key in (
            ("cursor down (↓)", "down"),
            ("cursor up (↑)", "up"),
            ("page down", "pagedown"),
        ):
            for _ in range(r):
                self.measure(label, key)
        for _ in range(r):
            self.measure("End / Home", "end")
            self.measure("End / Home", "home")
        self.go(["home", "down"], "")  # the first top-level module: the biggest fold
        for _ in range(r):
            self.measure("fold (space, top module)", "space")
            self.measure("unfold (space, top module)", "space")
        self.go(route, target.title)
        for _ in range(r):
            self.measure("add child (Tab)", "tab")
            self.measure("type a character", "x")
            self.measure("confirm (Enter)", "enter")
            self.measure("undo (Ctrl+Z)", "ctrl+z")
        for _ in range(r):
            self.measure("rename (F2)", "f2")
            self.press("y")
            self.measure("rename confirm (Enter)", "enter")
        for _ in range(r):
            self.measure("delete (Del)", "delete")
            self.measure("undo (Ctrl+Z)", "ctrl+z")
        self.go(route, "")  # the target was renamed: its title is no longer known here
        for _ in range(r):
            self.measure("move up (Alt+↑)", "alt+up")
            self.measure("move down (Alt+↓)", "alt+down")
        for _ in range(r):
            self.measure("indent (Alt+→)", "alt+right")
            self.measure("outdent (Alt+←)", "alt+left")
        # editor_keys.py copies once, unmeasured; the first copy is the first notification
        # of the session, so it is shown apart from the copies after it.
        self.measure("copy (Ctrl+C), the first", "ctrl+c", notifies=True)
        for _ in range(min(r, 5)):  # each waits ~2.5 s for its notification to go
            self.measure("copy (Ctrl+C), again", "ctrl+c", notifies=True)
        for _ in range(r):
            self.measure("paste (Ctrl+V)", "ctrl+v")
            self.press("up")  # stay on a small node: paste under the copy's parent
        for _ in range(r):
            self.press("ctrl+z")
            self.measure("redo (Ctrl+Y)", "ctrl+y")
        self.during_autosave()
        self.navigating_after_edit()

    def navigating_after_edit(self, trials: int = 3) -> None:
        """↓ and ↑ in turn, a key every ~0.2 s for ``NAV_SECONDS`` after one edit.

        The recovery write is due 3 s after the edit, in the middle of the keys: its
        start (a fork, ~10 ms at 100k nodes) lands on a key unless it waits for a pause.
        Whether a recovery file was written while the keys came is checked on disk.
        """
        self.go(self.route, "")
        for trial in range(trials):
            edit = self.press("alt+down" if trial % 2 == 0 else "alt+up")
            if not edit.frames:
                continue
            edited = time.time()
            end = time.perf_counter() + NAV_SECONDS
            bursts: list[Burst] = []
            while time.perf_counter() < end:
                key = "down" if len(bursts) % 2 == 0 else "up"
                bursts.append(self.term.key(KEYS[key], NAV_QUIET))
            written = any(
                f.stat().st_mtime >= edited for f in self.state_dir.rglob("*") if f.is_file()
            )
            self.results.setdefault(NAV_LABEL, []).extend(bursts)
            self.navigation.append((bursts, written))
            self.term.wait_idle(AUTOSAVE_DELAY)  # the write, once the keys stop

    def during_autosave(self) -> None:
        """↓ pressed just when the recovery file is being written (the document is dirty).

        Each trial makes one edit (Alt+↓ / Alt+↑ in turn), waits until the autosave is due
        (``AUTOSAVE_DELAY`` after the edit's frame) plus an offset, then presses ↓ and
        waits for idle (the autosave included). Whether a recovery file was written since
        the edit is checked on disk.
        """
        self.go(self.route, "")  # a node with siblings on both sides: the moves always work
        for trial, offset in enumerate(AUTOSAVE_OFFSETS):
            edit = self.press("alt+down" if trial % 2 == 0 else "alt+up")
            if not edit.frames:
                continue
            edited = time.time()
            due = edit.frames[0].end + AUTOSAVE_DELAY + offset
            while (now := time.perf_counter()) < due:
                self.term.pump(min(0.01, due - now))
            burst = self.press("down")
            written = any(
                f.stat().st_mtime >= edited for f in self.state_dir.rglob("*") if f.is_file()
            )
            self.results.setdefault(AUTOSAVE_LABEL, []).append(burst)
            self.autosave.append((offset, burst, written))
            self.press("up")


def bench(
    n: int, repeat: int, opens: int, colors: str, source: str | None
) -> tuple[dict[str, list[float]], dict[str, list[Burst]]]:
    """Open the editor on an ``n``-node tree ``opens`` times, then measure every key."""
    folder = Path(tempfile.mkdtemp(prefix="pty-keys-"))
    try:
        doc = make_document(n, seed=1)
        path = folder / f"bench-{n}.json"
        formats.save(doc, path)
        opening: dict[str, list[float]] = {}
        start = time.perf_counter()
        loaded = formats.load(path)
        opening["model load alone (wall)"] = [(time.perf_counter() - start) * 1000]
        route, target, row = route_to_middle(loaded.root)
        print(f"{n:,} nodes: keys measured around row {row:,} ({target.title})", flush=True)
        env = app_env(str(folder / "data"), str(folder / "state"), colors, source)
        for attempt in range(opens):
            term, times = open_app(path, env, loaded.root.title)
            for label, value in times.items():
                opening.setdefault(label, []).append(value)
            if attempt < opens - 1:
                quit_app(term, dirty=False)
        with term:
            session = Session(term, repeat, folder / "state")
            session.run(route, target)
            quit_app(term, dirty=True)
        for label, count in session.refused.items():
            print(
                f"  warning: {label}: refused {count} time(s) (a 'not possible' notification)",
                flush=True,
            )
        for offset, burst, written in session.autosave:
            first = f"{burst.first_ms:6.1f} ms" if burst.first_ms is not None else "no frame"
            print(
                f"  ↓ at autosave {offset * 1000:+5.0f} ms: first frame {first}, app CPU "
                f"{burst.cpu_ns / 1e6:6.1f} ms{'' if written else ' (no recovery file written)'}",
                flush=True,
            )
        for bursts, written in session.navigation:
            firsts = [b.first_ms for b in bursts if b.first_ms is not None]
            print(
                f"  ↓/↑ for {NAV_SECONDS:g} s after an edit: {len(bursts)} keys, first frame "
                f"median {statistics.median(firsts):.1f} ms, max {max(firsts):.1f} ms, app CPU "
                f"max {max(b.cpu_ns for b in bursts) / 1e6:.1f} ms; recovery file "
                f"{'written while the keys came' if written else 'not written until they stopped'}",
                flush=True,
            )
        return opening, session.results
    finally:
        shutil.rmtree(folder, ignore_errors=True)


def _cell(values: list[float], width: int = 8) -> str:
    return f"{statistics.median(values):{width}.1f}" if values else f"{'-':>{width}}"


def print_tables(
    sizes: list[int],
    opening: dict[int, dict[str, list[float]]],
    keys: dict[int, dict[str, list[Burst]]],
    imports: list[float],
) -> None:
    """The open figures, then per key: first frame median/p95, last frame, CPU, frames."""
    head = f"{'open (ms, wall; median of starts)':40}" + "".join(f"{f'{n:,}':>12}" for n in sizes)
    print(head)
    print("-" * len(head))
    labels = list(next(iter(opening.values())))
    for label in labels:
        cells = "".join(_cell(opening[n].get(label, []), 12) for n in sizes)
        print(f"{label:40}{cells}")
    print(f"{'python + imports alone (wall)':40}{_cell(imports, 12)}  (no file, any size)")
    print()
    print("per key (ms): first = key → end of the first frame (wall), its p95; last = key → end")
    print("of the last frame of the burst (wall); cpu = app process CPU, key → idle again")
    labels = list(dict.fromkeys(label for n in sizes for label in keys[n]))
    print(f"{'':32}" + "".join(f"{f'  {n:,} nodes':<30}" for n in sizes))
    head = f"{'key':32}" + f"{'first':>7}{'p95':>7}{'last':>7}{'cpu':>7}{'':2}" * len(sizes)
    print(head)
    print("-" * len(head))
    for label in labels:
        row = f"{label:32}"
        for n in sizes:
            bursts = keys[n].get(label, [])
            firsts = [b.first_ms for b in bursts if b.first_ms is not None]
            lasts = [b.last_ms for b in bursts if b.last_ms is not None]
            worst = f"{p95(firsts):7.1f}" if firsts else f"{'-':>7}"
            row += f"{_cell(firsts, 7)}{worst}{_cell(lasts, 7)}"
            row += f"{_cell([b.cpu_ns / 1e6 for b in bursts], 7)}{'':2}"
        print(row)
    print()
    print("frames per key (mean) and bytes written (median of the first frame; of all frames)")
    print(f"{'':32}" + "".join(f"{f'  {n:,} nodes':<24}" for n in sizes))
    head = f"{'key':32}" + f"{'frames':>8}{'first B':>8}{'all B':>8}" * len(sizes)
    print(head)
    print("-" * len(head))
    for label in labels:
        row = f"{label:32}"
        for n in sizes:
            bursts = keys[n].get(label, [])
            frames = sum(len(b.frames) for b in bursts) / len(bursts) if bursts else 0.0
            first = [len(b.frames[0].data) for b in bursts if b.frames]
            total = [b.nbytes for b in bursts]
            row += f"{frames:8.1f}"
            row += f"{statistics.median(first):8.0f}" if first else f"{'-':>8}"
            row += f"{statistics.median(total):8.0f}" if total else f"{'-':>8}"
        print(row)


def main() -> None:
    """Parse the options, run every size, print the tables."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="1000,10000,100000")
    parser.add_argument("--repeat", type=int, default=20)
    parser.add_argument("--opens", type=int, default=3, help="starts per size for the open figures")
    parser.add_argument(
        "--colors",
        choices=("truecolor", "256"),
        default="truecolor",
        help="COLORTERM=truecolor (most terminals) or only TERM=xterm-256color",
    )
    parser.add_argument(
        "--commit",
        metavar="REV",
        help="run featuretree as of this commit (git archive of src/featuretree) "
        "instead of the work tree, e.g. --commit HEAD",
    )
    args = parser.parse_args()
    sizes = [int(s) for s in args.sizes.split(",")]
    print(
        f"{describe_source(args.commit)}; 120×40 pty, {args.colors} colors, "
        f"repeat {args.repeat}, {args.opens} starts, {os.cpu_count()} CPUs",
        flush=True,
    )
    with tempfile.TemporaryDirectory(prefix="pty-keys-src-") as folder:
        source = export_commit(args.commit, Path(folder)) if args.commit else None
        imports = [imports_alone(source) for _ in range(3)]
        opening: dict[int, dict[str, list[float]]] = {}
        keys: dict[int, dict[str, list[Burst]]] = {}
        for n in sizes:
            opening[n], keys[n] = bench(n, args.repeat, args.opens, args.colors, source)
    print_tables(sizes, opening, keys, imports)


if __name__ == "__main__":
    main()
