"""What an autosave costs the editor's UI thread, against serializing there.

    python benchmarks/autosave.py [--sizes 500 10000 100000] [--repeat 5]

For each size a document with annotations is generated (benchmarks/generate.py); the
medians of --repeat runs are printed for: ``write_json`` on the document (what the UI
thread would pay if it serialized), ``Snapshot.of`` (what it pays now), and
``Snapshot.to_json`` + the atomic write of the recovery file (the worker thread's part);
and, where autosave forks (Linux), ``forked.start`` (what the UI thread pays: the fork)
and the child's whole run (serialize + write, on another core).
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "src"))

from generate import make_document

from featuretree.formats.json_format import write_json
from featuretree.session.snapshot import Snapshot
from featuretree.storage import forked
from featuretree.storage.recovery import RecoveryStore


def median_ms(run: Callable[[], object], repeat: int) -> float:
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        run()
        times.append(time.perf_counter() - start)
    return statistics.median(times) * 1000


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[500, 10_000, 100_000])
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        store = RecoveryStore(folder)
        target = Path(folder) / "doc.json"
        print(
            f"{'nodes':>8}  {'write_json (old UI cost)':>24}  {'Snapshot.of (UI)':>16}  "
            f"{'thread: json + write':>20}  {'fork (UI)':>10}  {'child: json + write':>19}"
        )
        for size in args.sizes:
            doc = make_document(size)
            direct = median_ms(lambda: write_json(doc), args.repeat)
            copy = median_ms(lambda: Snapshot.of(doc), args.repeat)
            snapshot = Snapshot.of(doc)
            worker = median_ms(lambda: store.write(snapshot.to_json(), target), args.repeat)
            fork_ms = child_ms = float("nan")
            if forked.available():
                ui, whole = [], []
                for _ in range(args.repeat):
                    start = time.perf_counter()
                    child = forked.start(lambda: store.write(write_json(doc), target))
                    ui.append(time.perf_counter() - start)
                    assert child.wait(timeout=600) is None
                    whole.append(time.perf_counter() - start)
                fork_ms = statistics.median(ui) * 1000
                child_ms = statistics.median(whole) * 1000
            print(
                f"{len(doc):>8}  {direct:>21.1f} ms  {copy:>13.1f} ms  {worker:>17.1f} ms"
                f"  {fork_ms:>7.1f} ms  {child_ms:>16.1f} ms"
            )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
