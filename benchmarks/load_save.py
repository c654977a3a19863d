"""Load and save times of the JSON format against the bare parsers, in one run.

    python benchmarks/load_save.py [--sizes 1000 10000 100000] [--repeat 5] [--profile]

For each size a document is generated (benchmarks/generate.py), written to a temporary
file, then timed (median of --repeat runs): ``json.loads`` of the file's decoded text,
``orjson.loads`` of its bytes (what the reader uses when it can; see
``formats/json_parse.py``), a full ``formats.load`` (read, parse, validate, build the
tree), ``formats.dumps`` and a full ``formats.save`` (atomic, fsynced). Parsing and
loading are CPU time (``time.process_time``, with the collector paused for the bare
parsers as the reader pauses it), which other processes on a shared machine disturb
less than wall time; dumps and save are wall time. ``--profile`` prints the top of a
cProfile of the largest load.

A second table compares writing with its floor (issue 15: ≤ 3×): ``orjson.dumps(data,
option=OPT_INDENT_2)`` of the file's own data (what the writer's bytes are equal to)
against ``formats.dumps``, both CPU time, interleaved run by run, as median and p95 of
the per-run ratio.
"""

from __future__ import annotations

import argparse
import cProfile
import gc
import json
import math
import pstats
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "src"))

from generate import make_document

from featuretree import formats

try:
    import orjson
except ImportError:  # the reader works without it; the column then says nan
    orjson = None  # type: ignore[assignment]


def median_time(
    action: Callable[[], object],
    repeat: int,
    clock: Callable[[], float] = time.perf_counter,
    *,
    paused: bool = False,
) -> float:
    """Median time of ``action`` over ``repeat`` runs on ``clock``, garbage collected in between.

    ``paused`` holds the cyclic collector off during each run (and frees the result
    before it resumes), as ``formats.load`` does while it parses and builds.
    """
    times = []
    for _ in range(repeat):
        gc.collect()
        if paused:
            gc.disable()
        try:
            start = clock()
            result = action()
            times.append(clock() - start)
            del result
        finally:
            if paused:
                gc.enable()
    return statistics.median(times)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[1_000, 10_000, 100_000])
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--profile", action="store_true", help="profile the largest load")
    args = parser.parse_args()

    header = (
        f"{'nodes':>8} {'MB':>6} {'json.loads':>11} {'orjson':>8} {'load':>8} "
        f"{'load/json':>9} {'dumps':>8} {'save':>8}"
    )
    print(header)
    print("-" * len(header))
    with tempfile.TemporaryDirectory() as folder:
        for size in args.sizes:
            path = Path(folder) / f"doc-{size}.json"
            formats.save(make_document(size, seed=1), path)
            data = path.read_bytes()
            cpu = time.process_time
            parse = median_time(
                lambda: json.loads(data.decode("utf-8")), args.repeat, cpu, paused=True
            )
            fast = (
                median_time(lambda: orjson.loads(data), args.repeat, cpu, paused=True)
                if orjson
                else math.nan
            )
            load = median_time(lambda: formats.load(path), args.repeat, cpu)
            doc = formats.load(path)
            dumps = median_time(lambda: formats.dumps(doc, "json"), args.repeat)
            save = median_time(lambda: formats.save(doc, path), args.repeat)
            print(
                f"{size:>8} {len(data) / 1e6:>6.1f} {parse:>10.3f}s {fast:>7.3f}s {load:>7.3f}s "
                f"{load / parse:>8.1f}× {dumps:>7.3f}s {save:>7.3f}s"
            )
            _print_write_ratio(size, data, doc, args.repeat)
        if args.profile:
            profiler = cProfile.Profile()
            profiler.runcall(formats.load, path)
            pstats.Stats(profiler).sort_stats("cumulative").print_stats(25)
    return 0


def _print_write_ratio(size: int, data: bytes, doc: object, repeat: int) -> None:
    """``formats.dumps`` against ``orjson.dumps(OPT_INDENT_2)`` of the same data."""
    if orjson is None:
        return
    tree = json.loads(data)
    assert orjson.dumps(tree, option=orjson.OPT_INDENT_2) + b"\n" == data
    floors, ours = [], []
    for _ in range(max(repeat, 5)):
        gc.collect()
        start = time.process_time()
        orjson.dumps(tree, option=orjson.OPT_INDENT_2)
        floors.append(time.process_time() - start)
        gc.collect()
        start = time.process_time()
        formats.dumps(doc, "json")  # type: ignore[arg-type]
        ours.append(time.process_time() - start)
    ratios = sorted(o / f for o, f in zip(ours, floors, strict=True))
    p95 = ratios[min(len(ratios) - 1, max(0, round(0.95 * len(ratios)) - 1))]
    print(
        f"{'':>8} write {size} nodes: orjson {statistics.median(floors):.3f}s, "
        f"dumps {statistics.median(ours):.3f}s (cpu); dumps/orjson median "
        f"{statistics.median(ratios):.2f}×, p95 {p95:.2f}×"
    )


if __name__ == "__main__":
    raise SystemExit(main())
