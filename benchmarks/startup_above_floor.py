"""What a command costs above pydantic's own start, in CPU, measured inside the process.

    python benchmarks/startup_above_floor.py [--runs 31] [--baseline OLD_SRC] [ARGS...]

Each run is a fresh interpreter that first does what ``startup.py``'s ``pydantic-floor``
does (import pydantic, build one trivial model, collector paused, no plug-in search),
then times with ``time.thread_time`` the rest: importing featuretree's command line and
running ``featuretree ARGS`` (default: ``validate samples/zhihu.json``). Whole-process
timings (``startup.py``) vary by ±0.5x ``python -c pass`` between runs on a shared
machine, more than a change of a few milliseconds; this isolates the part featuretree
owns. ``--baseline`` interleaves runs of another ``src`` (``git archive REV src | tar -x
-C /tmp/old``, then ``--baseline /tmp/old/src``) for a before/after in the same run.
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]

CHILD = """\
import gc, os, sys, time
gc.disable()
os.environ["PYDANTIC_DISABLE_PLUGINS"] = "__all__"
from pydantic import BaseModel
class One(BaseModel):
    x: int
start = time.thread_time()
from featuretree.cli.main import main
imported = time.thread_time()
main(sys.argv[1:])
done = time.thread_time()
print(f"{(imported - start) * 1000:.3f} {(done - start) * 1000:.3f}", file=sys.stderr)
"""


def run_once(src: str, args: list[str]) -> tuple[float, float]:
    """(import ms, total ms) of CPU above the pydantic floor, in one fresh process."""
    env = {**os.environ, "PYTHONPATH": src, "NO_COLOR": "1"}
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    result = subprocess.run(
        [sys.executable, "-c", CHILD, *args],
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        text=True,
        check=True,
    )
    imported, total = result.stderr.split()[-2:]
    return float(imported), float(total)


def main() -> int:
    """Time the command with this checkout's src (and the baseline's) and print medians."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--runs", type=int, default=31)
    parser.add_argument("--baseline", metavar="SRC", help="also time this src, interleaved")
    parser.add_argument("args", nargs="*", help="the command (default: validate the sample)")
    options, rest = parser.parse_known_args()  # the command's own options (--format md)
    args = [*options.args, *rest] or ["validate", str(ROOT / "samples" / "zhihu.json")]
    sources = {"new": str(ROOT / "src")}
    if options.baseline:
        sources["old"] = str(Path(options.baseline).resolve())
    for src in sources.values():  # bytecode caches written, page cache warm
        run_once(src, args)
    times: dict[str, list[tuple[float, float]]] = {label: [] for label in sources}
    for _ in range(options.runs):
        for label, src in sources.items():
            times[label].append(run_once(src, args))
    print(f"featuretree {' '.join(args)}: CPU ms above the pydantic floor, {options.runs} runs")
    print(f"{'':6}{'import median':>15}{'total median':>14}{'total q1':>10}{'total min':>11}")
    for label, values in times.items():
        totals = sorted(t for _, t in values)
        print(
            f"{label:6}{statistics.median(i for i, _ in values):15.1f}"
            f"{statistics.median(totals):14.1f}{totals[len(totals) // 4]:10.1f}{totals[0]:11.1f}"
        )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
