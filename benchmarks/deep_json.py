"""Save and load a document nested 100,000 levels deep (one path from root to leaf).

    python benchmarks/deep_json.py [--levels 100000] [--all-formats [--timeout 120]]

Prints the time of each step and the file size. The suite tests 20,000 levels
(tests/formats/test_json_deep.py); this is the full depth the issue asks for.
With ``--all-formats`` every registered writer (and its reader, if any) gets the
same document, each in a child process with a time limit and 3 GiB of memory, and
the outcome is printed per format: exported/read with sizes and times, a clean
refusal, an exception, or out of time/memory.
"""

from __future__ import annotations

import argparse
import multiprocessing
import resource
import sys
import tempfile
import time
from pathlib import Path

from featuretree import formats
from featuretree.model.document import Document
from featuretree.model.node import FeatureNode
from featuretree.model.tree import attach, height


def chain(levels: int) -> Document:
    """A document that is one path ``levels`` nodes long."""
    root = FeatureNode("层 0", id="n0")
    current = root
    for i in range(1, levels):
        node = FeatureNode(f"层 {i}", id=f"n{i}", notes="说明" if i % 10 == 0 else "")
        attach(node, current)
        current = node
    return Document(root)


def _one_format(name: str, levels: int, queue: multiprocessing.Queue) -> None:
    resource.setrlimit(resource.RLIMIT_AS, (3 * 2**30, 3 * 2**30))
    fmt = formats.by_name(name)
    assert fmt is not None and fmt.writer is not None
    doc = chain(levels)
    try:
        started = time.perf_counter()
        data = fmt.writer(doc)
        wrote = time.perf_counter() - started
        result = f"written {len(data) / 2**20:.1f} MiB in {wrote:.2f} s"
        if fmt.reader is not None:
            started = time.perf_counter()
            loaded = fmt.reader(data)
            result += (
                f"; read back in {time.perf_counter() - started:.2f} s, "
                f"{len(loaded):,} nodes, depth {height(loaded.root) + 1:,}"
            )
    except formats.FormatError as exc:
        result = f"refused: {exc}"
    except MemoryError:
        result = "MEMORY: more than 3 GiB"
    except BaseException as exc:
        result = f"EXCEPTION {type(exc).__name__}: {str(exc)[:200]}"
    queue.put(result)


def all_formats(levels: int, timeout: float) -> int:
    """Write (and read back) the deep document in every format; 1 if any failed."""
    context = multiprocessing.get_context("fork")
    failed = 0
    for fmt in formats.all_formats():
        if fmt.writer is None:
            continue
        queue: multiprocessing.Queue = context.Queue()
        process = context.Process(target=_one_format, args=(fmt.name, levels, queue))
        started = time.perf_counter()
        process.start()
        process.join(timeout)
        if process.is_alive():
            process.kill()
            process.join()
            result = f"TIMEOUT: more than {timeout:.0f} s"
        elif not queue.empty():
            result = queue.get()
        else:
            result = f"DIED (exit code {process.exitcode})"
        failed += result.startswith(("TIMEOUT", "DIED", "EXCEPTION", "MEMORY"))
        print(f"{fmt.name:<10} {result}  [{time.perf_counter() - started:.0f} s]", flush=True)
    return 1 if failed else 0


def main() -> int:
    """Run the benchmark; exit status 1 when the round trip is not exact."""
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--levels", type=int, default=100_000)
    parser.add_argument(
        "--all-formats", action="store_true", help="every registered format, not only JSON"
    )
    parser.add_argument(
        "--timeout", type=float, default=120, help="seconds per format with --all-formats"
    )
    args = parser.parse_args()
    if args.all_formats:
        return all_formats(args.levels, args.timeout)
    started = time.perf_counter()
    doc = chain(args.levels)
    built = time.perf_counter()
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "deep.json"
        formats.save(doc, path)
        saved = time.perf_counter()
        loaded = formats.load(path)
        read = time.perf_counter()
        again = Path(folder) / "again.json"
        formats.save(loaded, again)
        size = path.stat().st_size
        same = again.read_bytes() == path.read_bytes()
    depth = height(loaded.root)
    print(
        f"levels {args.levels:,}: build {built - started:.2f} s, save {saved - built:.2f} s, "
        f"load {read - saved:.2f} s; file {size / 2**20:.1f} MiB; "
        f"depth read back {depth + 1:,}; second save identical: {same}"
    )
    return 0 if same and depth + 1 == args.levels else 1


if __name__ == "__main__":
    sys.exit(main())
