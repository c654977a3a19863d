"""Load and save times of the JSON format against plain ``json.loads``, in one run.

    python benchmarks/load_save.py [--sizes 1000 10000 100000] [--repeat 5] [--profile]

For each size a document is generated (benchmarks/generate.py), written to a temporary
file, then timed (median of --repeat runs): ``json.loads`` of the file's text, a full
``formats.load`` (read, parse, validate, build the tree), ``formats.dumps`` and a full
``formats.save`` (atomic, fsynced). ``--profile`` prints the top of a cProfile of the
largest load.
"""

from __future__ import annotations

import argparse
import cProfile
import gc
import json
import pstats
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "src"))

from generate import make_document  # noqa: E402

from featuretree import formats  # noqa: E402


def median_time(action: Callable[[], object], repeat: int) -> float:
    """Median wall time of ``action`` over ``repeat`` runs, garbage collected in between."""
    times = []
    for _ in range(repeat):
        gc.collect()
        start = time.perf_counter()
        action()
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[1_000, 10_000, 100_000])
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--profile", action="store_true", help="profile the largest load")
    args = parser.parse_args()

    header = f"{'nodes':>8} {'MB':>6} {'json.loads':>11} {'load':>8} {'load/parse':>10} {'dumps':>8} {'save':>8}"
    print(header)
    print("-" * len(header))
    with tempfile.TemporaryDirectory() as folder:
        for size in args.sizes:
            path = Path(folder) / f"doc-{size}.json"
            formats.save(make_document(size, seed=1), path)
            data = path.read_bytes()
            parse = median_time(lambda: json.loads(data.decode("utf-8")), args.repeat)
            load = median_time(lambda: formats.load(path), args.repeat)
            doc = formats.load(path)
            dumps = median_time(lambda: formats.dumps(doc, "json"), args.repeat)
            save = median_time(lambda: formats.save(doc, path), args.repeat)
            print(
                f"{size:>8} {len(data) / 1e6:>6.1f} {parse:>10.3f}s {load:>7.3f}s "
                f"{load / parse:>9.1f}× {dumps:>7.3f}s {save:>7.3f}s"
            )
        if args.profile:
            profiler = cProfile.Profile()
            profiler.runcall(formats.load, path)
            pstats.Stats(profiler).sort_stats("cumulative").print_stats(25)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
