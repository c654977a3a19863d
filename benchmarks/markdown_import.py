"""Import time of featuretree's own Markdown export of a big annotated tree.

    python benchmarks/markdown_import.py [--sizes 1000 10000 100000] [--repeat 3] [--profile]

For each size a document is generated (benchmarks/generate.py, seed 1), exported with
``formats.dumps(doc, "md")`` and read back with ``formats.loads(data, "md")``; the
median CPU time of ``--repeat`` reads is printed with nodes per second and microseconds
per node (constant per node means linear), then the median CPU time of the export.
The read back document is checked against the original (JSON of both equal) once per
size. CPU time, not wall time, because the benchmark machine is shared. ``--profile``
prints the top of a cProfile of the largest read.
"""

from __future__ import annotations

import argparse
import cProfile
import gc
import pstats
import statistics
import sys
import time
from collections.abc import Callable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "src"))

from generate import make_document

from featuretree import formats


def median_cpu(action: Callable[[], object], repeat: int) -> float:
    """Median CPU time of ``action`` over ``repeat`` runs, garbage collected in between.

    What ``action`` returns is freed after the clock stops: a user keeps the document.
    """
    times = []
    for _ in range(repeat):
        gc.collect()
        start = time.process_time()
        result = action()
        times.append(time.process_time() - start)
        del result
    return statistics.median(times)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[1_000, 10_000, 100_000])
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--profile", action="store_true", help="profile the largest read")
    args = parser.parse_args()

    header = f"{'nodes':>8} {'MB':>6} {'read':>9} {'nodes/s':>9} {'µs/node':>8} {'write':>8}"
    print(header)
    print("-" * len(header))
    data = b""
    for size in args.sizes:
        doc = make_document(size, seed=1)
        data = formats.dumps(doc, "md")
        back = formats.loads(data, "md")
        if formats.dumps(back, "json") != formats.dumps(doc, "json"):
            print(f"{size}: the document read back differs from the one written", file=sys.stderr)
            return 1
        del back
        read = median_cpu(lambda: formats.loads(data, "md"), args.repeat)
        write = median_cpu(lambda: formats.dumps(doc, "md"), args.repeat)
        print(
            f"{size:>8} {len(data) / 1e6:>6.1f} {read:>8.2f}s {size / read:>9.0f} "
            f"{read / size * 1e6:>8.0f} {write:>7.2f}s"
        )
    if args.profile:
        profiler = cProfile.Profile()
        profiler.runcall(formats.loads, data, "md")
        pstats.Stats(profiler).sort_stats("tottime").print_stats(25)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
