"""The diagram layout's cost in instructions (valgrind's cachegrind): a figure that
does not move with the load of a shared machine, where ``layout.py``'s times do (±50%
between runs on the 2-core machine this was built on).

Run: PYTHONPATH=src python benchmarks/layout_instructions.py [--size 10000] [--src OLD_SRC]

Each row runs K times in a child process under ``valgrind --tool=cachegrind``, whose
instruction count less that of the same child doing nothing after making the tree,
divided by K, is the figure. The floor is ``layout.py``'s (a plain walk measuring every
title), counted the same way, so the ratio compares with that script's. Rows:

- ``after edit``: one title renamed, then :func:`~featuretree.model.layout.layout_tree`
  (top-down, stacks on, the view's badges, tags and untitled placeholder); ``right`` and ``row`` likewise, left to
  right and with leaf stacks off;
- ``view after edit``: what the diagram view's thread does after an edit at 10,000
  boxes (``DiagramView._lay_out``): the layout and the row index, the rows of a
  120×35 window at the renamed box, a screen's width of index on each side, and the
  arrows' index of children.

``--src OLD_SRC`` counts another checkout's ``src`` as well, with this script and
``generate.py`` (e.g. ``git archive main src | tar -x -C /tmp/old``, then
``--src /tmp/old/src``). Needs ``valgrind`` on PATH; PYTHONHASHSEED is fixed.
"""

from __future__ import annotations

import argparse
import os
import re
import subprocess
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
CASES = ("floor walk", "after edit", "right", "row", "view after edit")
REPEAT = 5


def child(src: str, size: int, case: str, repeat: int) -> None:
    """Make the tree, then run ``case`` ``repeat`` times (0: nothing)."""
    sys.path.insert(0, src)
    import featuretree  # the package from ``src``: its modules are found under it

    assert featuretree.__file__.startswith(src), featuretree.__file__
    sys.path.insert(1, str(HERE))
    from generate import make_document  # type: ignore[import-not-found]
    from layout import floor_walk  # type: ignore[import-not-found]  # benchmarks/layout.py

    from featuretree.model.layout import LayoutOptions, layout_tree
    from featuretree.view.diagram import build_diagram, node_badges

    root = make_document(size).root
    # What the view lays out: tags on the badge line and the untitled placeholder,
    # where this version has them (an older checkout's ``--src`` may not).
    import inspect

    view = (
        {"tags": True, "untitled": "（未命名）"}
        if "tags" in inspect.signature(layout_tree).parameters
        else {}
    )
    nodes = []
    stack = [root]
    while stack:
        node = stack.pop()
        nodes.append(node)
        stack.extend(node.kids)
    options = {"right": LayoutOptions(direction="right"), "row": LayoutOptions(stack_columns=0)}
    layout_tree(root, badges=node_badges, **view)  # every title measured before the count

    for k in range(repeat):
        if case == "floor walk":
            floor_walk(root)
            continue
        node = nodes[(k * 7919 + 1) % len(nodes)]
        node.title = f"{node.title[:8]}改{k}"
        if case != "view after edit":
            layout_tree(
                root, options=options.get(case, LayoutOptions()), badges=node_badges, **view
            )
            continue
        diagram = build_diagram(root, **view)
        box = diagram.layout.boxes[diagram.index_of(node.id)]
        x, y, width, height = max(0, int(box.x) - 60), max(0, int(box.y) - 17), 120, 35
        for row in range(y, min(diagram.height, y + height)):
            diagram.line(row, x, x + width)
        diagram.line(y, max(0, x - width), x + 2 * width)
        for row in range(max(0, y - height), min(diagram.height, y + 2 * height)):
            diagram.line(row, x, x + 1)
        diagram.children(0)


def instructions(src: str, size: int, case: str, repeat: int) -> int:
    """Instructions of a child process running ``case`` ``repeat`` times."""
    command = [
        "valgrind",
        "--tool=cachegrind",
        "--cache-sim=no",
        "--cachegrind-out-file=/dev/null",
        sys.executable,
        __file__,
        "--child",
        src,
        str(size),
        case,
        str(repeat),
    ]
    env = {**os.environ, "PYTHONHASHSEED": "0"}
    done = subprocess.run(command, capture_output=True, text=True, env=env, check=True)
    found = re.search(r"I\s+refs:\s+([\d,]+)", done.stderr)
    assert found is not None, done.stderr[-2000:]
    return int(found.group(1).replace(",", ""))


def main() -> int:
    if len(sys.argv) > 1 and sys.argv[1] == "--child":
        src, size, case, repeat = sys.argv[2:6]
        child(src, int(size), case, int(repeat))
        return 0
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--size", type=int, default=10_000)
    parser.add_argument("--src", action="append", default=[], help="another checkout's src")
    args = parser.parse_args()
    sources = [str(HERE.parent / "src"), *args.src]
    print(f"{'src':<28} {'what':<16} {'M instructions':>15} {'× floor':>8}")
    for src in sources:
        base = instructions(src, args.size, "floor walk", 0)
        floor = 0.0
        for case in CASES:
            each = (instructions(src, args.size, case, REPEAT) - base) / REPEAT
            floor = floor or each
            print(f"{src[-28:]:<28} {case:<16} {each / 1e6:>15.1f} {each / floor:>8.1f}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
