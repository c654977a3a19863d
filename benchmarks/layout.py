"""Layout and diagram-index timings on generated documents (1k, 10k, 100k nodes, CJK titles).

Run: PYTHONPATH=src /work/main/.venv/bin/python benchmarks/layout.py [--sizes 1000,10000]

Reported as medians, and as a ratio to a floor measured in the same run on the same
tree: a plain iterative walk that measures every title (the least any layout must do),
so the figures compare across machines. Times are CPU time of this thread
(``time.thread_time``), so other processes on the machine count less. Rows:

- ``layout first``: :func:`featuretree.model.layout.layout_tree` in terminal cells
  (stacks on), every title measured (the remembered sizes forgotten before each run);
- ``layout``: the same again on the unchanged tree (titles remembered);
- ``after edit``: the layout after one title is renamed (what each edit costs the view);
- ``layout right``: the same, left to right;
- ``layout row``: top-down with leaf stacks off;
- ``diagram``: layout plus the row index of :class:`featuretree.view.diagram.Diagram`
  (what opening the view costs), and ``screen``: drawing 50 rows × 200 columns of it.

To time another version in the same session, copy this script and ``generate.py`` into
that checkout's ``benchmarks/`` (e.g. ``git archive main src | tar -x -C /tmp/old``)
and run it there: each script imports the ``src`` next to it.
"""

from __future__ import annotations

import argparse
import inspect
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "src"))

from generate import make_document  # type: ignore[import-not-found]

from featuretree.model import layout as layout_module
from featuretree.model.cells import cell_len
from featuretree.model.layout import LayoutOptions, layout_tree
from featuretree.model.node import FeatureNode
from featuretree.view import diagram as diagram_module
from featuretree.view.diagram import build_diagram, node_badge


def floor_walk(root: FeatureNode) -> int:
    """Visit every node iteratively and measure its title: the floor for any layout."""
    total = 0
    stack = [root]
    while stack:
        node = stack.pop()
        total += cell_len(node.title)
        stack.extend(node.kids)
    return total


def median_ms(fn, repeat: int, before=None) -> float:
    """Median CPU milliseconds of ``fn()``; ``before()`` (untimed) runs ahead of each call."""
    times = []
    for _ in range(repeat):
        if before is not None:
            before()
        start = time.thread_time()
        fn()
        times.append((time.thread_time() - start) * 1000)
    return statistics.median(times)


def forget_sizes() -> None:
    """Make the next layout measure every title (versions without remembered sizes: no-op)."""
    forget = getattr(layout_module, "forget_sizes", None)
    if forget is not None:
        forget()


def renamer(root: FeatureNode):
    """A function renaming one node (another each call) to a title never laid out before."""
    nodes = []
    stack = [root]
    while stack:
        node = stack.pop()
        nodes.append(node)
        stack.extend(node.kids)
    serial = 0

    def rename() -> None:
        nonlocal serial
        serial += 1
        node = nodes[(serial * 7919) % len(nodes)]
        node.title = f"{node.title[:8]}改{serial}"

    return rename


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", default="1000,10000,100000")
    args = parser.parse_args()
    print(f"{'nodes':>7} {'what':<14} {'median ms':>10} {'× floor':>8}")
    for n in (int(s) for s in args.sizes.split(",")):
        doc = make_document(n)
        root = doc.root
        repeat = 7 if n <= 10_000 else 3
        floor = median_ms(lambda: floor_walk(root), repeat)
        print(f"{n:>7} {'floor walk':<14} {floor:>10.1f} {1:>8.1f}")
        right = LayoutOptions(direction="right")
        row = LayoutOptions(stack_columns=0)
        # What the view lays out: tags on the badge line and the untitled placeholder,
        # where this version has them.
        view = (
            {"tags": True, "untitled": "（未命名）"}
            if "tags" in inspect.signature(layout_tree).parameters
            else {}
        )
        diagram = build_diagram(root, **view)
        # The badges as the view asks for them (all at once where this version can).
        batch = getattr(diagram_module, "node_badges", None)
        badges = {"badges": batch} if batch is not None else {"badge": node_badge}
        badges.update(view)
        layout = lambda: layout_tree(root, **badges)  # noqa: E731
        cases = [
            ("layout first", layout, forget_sizes),
            ("layout", layout, None),
            ("after edit", layout, renamer(root)),
            ("layout right", lambda: layout_tree(root, options=right, **badges), None),
            ("layout row", lambda: layout_tree(root, options=row, **badges), None),
            ("diagram", lambda: build_diagram(root, **view), None),
            (
                "screen",
                lambda: [
                    diagram.line(y, diagram.width // 2, diagram.width // 2 + 200) for y in range(50)
                ],
                None,
            ),
        ]
        for name, fn, before in cases:
            ms = median_ms(fn, repeat, before)
            print(f"{n:>7} {name:<14} {ms:>10.1f} {ms / floor:>8.1f}")
        print(f"{'':>7} size {diagram.width}×{diagram.height} cells (stacked), boxes {n}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
