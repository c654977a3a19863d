"""Diff and merge of big trees against the time it takes to load them, in one run.

    python benchmarks/diff_merge.py [--nodes 100000] [--edits 2000] [--repeat 3]

A document of --nodes nodes is generated (benchmarks/generate.py) as BASE; OURS and
THEIRS are BASE with --edits random edits each, made through featuretree.operations
(renames, notes, statuses, change-log entries, suggestion edits, adds, deletes, moves).
The three are written to temporary JSON files, then timed (CPU time, median of
--repeat runs): loading the inputs, ``versions.diff`` of BASE and OURS, and
``versions.merge`` of the three. The goal (issue 14) is that the command — loading plus
the work — takes at most 2× the load of its inputs, i.e. the work itself at most as
long as the load. Peak memory of one diff and one merge is shown (tracemalloc) next
to the peak of loading one input.
"""

from __future__ import annotations

import argparse
import gc
import random
import statistics
import sys
import tempfile
import time
import tracemalloc
from collections.abc import Callable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "src"))

from generate import make_document

from featuretree import formats
from featuretree.model.document import Document
from featuretree.model.tree import is_ancestor, preorder
from featuretree.operations import History, OperationError
from featuretree.operations import annotate as an
from featuretree.operations import structure as ops
from featuretree.versions import diff, merge


def edit(doc: Document, count: int, seed: int) -> None:
    """Make ``count`` random edits of ``doc`` through the operations layer."""
    rng = random.Random(seed)
    nodes = list(preorder(doc.root))
    history = History(doc)
    done = 0
    while done < count:
        node = rng.choice(nodes)
        if node.parent is None or doc.get(node.id) is not node:
            continue  # the root, or deleted by an earlier edit
        kind = rng.randrange(7)
        try:
            if kind == 0:
                command = an.rename(doc, node.id, node.title + "（改）")
            elif kind == 1:
                command = an.set_notes(doc, node.id, node.notes + "\n补充说明")
            elif kind == 2:
                command = an.set_status(doc, node.id, "changed")
            elif kind == 3:
                command = an.add_change(doc, node.id, version="v2.0", summary="调整交互")
            elif kind == 4:
                command = ops.add_child(doc, node.id, "新功能")
            elif kind == 5:
                command = ops.delete(doc, node.id)
            else:
                target = rng.choice(nodes)
                if doc.get(target.id) is not target or is_ancestor(node, target):
                    continue
                command = ops.move_to(doc, node.id, target.id, 0)
            history.do(command)
        except OperationError:
            continue
        done += 1


def cpu_median(action: Callable[[], object], repeat: int) -> float:
    """Median CPU time of ``action`` over ``repeat`` runs, collected in between."""
    times = []
    for _ in range(repeat):
        gc.collect()
        start = time.process_time()
        result = action()
        times.append(time.process_time() - start)
        del result
    return statistics.median(times)


def peak(action: Callable[[], object]) -> int:
    """Peak bytes allocated while ``action`` runs (tracemalloc)."""
    gc.collect()
    tracemalloc.start()
    result = action()
    _, top = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    del result
    return top


def main() -> int:
    """Run the benchmark and print a table."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--nodes", type=int, default=100_000)
    parser.add_argument("--edits", type=int, default=2_000)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--memory", action="store_true", help="also measure peak memory")
    args = parser.parse_args()

    base = make_document(args.nodes, seed=1)
    data = formats.dumps(base, "json")
    with tempfile.TemporaryDirectory() as folder:
        paths = {}
        for name, seed in (("base", 0), ("ours", 1), ("theirs", 2)):
            doc = formats.loads(data, "json")
            if seed:
                edit(doc, args.edits, seed)
            paths[name] = Path(folder) / f"{name}.json"
            paths[name].write_bytes(formats.dumps(doc, "json"))
        docs = {name: formats.load(path) for name, path in paths.items()}

        load_one = cpu_median(lambda: formats.load(paths["base"]), args.repeat)
        diff_time = cpu_median(lambda: diff(docs["base"], docs["ours"]), args.repeat)
        merge_time = cpu_median(
            lambda: merge(docs["base"], docs["ours"], docs["theirs"]), args.repeat
        )
    changes = len(diff(docs["base"], docs["ours"]).changes)
    conflicts = len(merge(docs["base"], docs["ours"], docs["theirs"]).conflicts)
    print(
        f"{args.nodes:,} nodes, {args.edits:,} edits a side ({changes:,} changes in the diff, "
        f"{conflicts} conflicts in the merge); CPU seconds, median of {args.repeat}"
    )
    print(f"{'':<28}{'work':>8}{'load':>8}{'(load+work)/load':>18}")
    for label, work, inputs in (
        ("diff OLD NEW", diff_time, 2),
        ("merge BASE OURS THEIRS", merge_time, 3),
    ):
        load = load_one * inputs
        ratio = (load + work) / load
        verdict = "ok" if ratio <= 2 else "over the 2× goal"
        print(f"{label:<28}{work:>8.3f}{load:>8.3f}{ratio:>17.2f}×  {verdict}")
    if args.memory:
        load_peak = peak(lambda: formats.loads(data, "json"))
        diff_peak = peak(lambda: diff(docs["base"], docs["ours"]))
        merge_peak = peak(lambda: merge(docs["base"], docs["ours"], docs["theirs"]))
        print(
            f"peak MiB: load one {load_peak / 2**20:.0f}, diff {diff_peak / 2**20:.0f}, "
            f"merge {merge_peak / 2**20:.0f}"
        )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
