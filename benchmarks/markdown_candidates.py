"""Reading a big Markdown export: featuretree's reader against the parsers it could use.

    python benchmarks/markdown_candidates.py [--nodes 100000] [--repeat 5] [--annotate-all]
        [--only featuretree floor ...] [--extra-path DIR] [--baseline OLD_SRC]

A document of ``--nodes`` nodes is generated (benchmarks/generate.py, seed 1; with
``--annotate-all`` every node has notes, tags, a status, change-log entries and
suggestions), exported as JSON and as Markdown into a temporary folder. Then each
candidate reads its file ``--repeat`` times, each time in a fresh process, and the
median and p95 of its CPU time and of its peak memory (the rise of the process's peak
resident size over what it held before reading) are printed, with the ratio of each to
the floor: featuretree's JSON load of the same tree.

Candidates:

* ``floor``: ``formats.loads(json, "json")``: the same tree from JSON.
* ``featuretree``: ``formats.loads(md, "md")``: the whole Markdown read (tree, ids,
  annotations validated).
* ``markdown-it-py``: the stock token stream (CommonMark, tables, strikethrough, HTML),
  the parse only: no tree is built from it.
* ``markdown-it-pyrs``: markdown-it.rs's syntax tree, walked once (parse only).
* ``mistune``: mistune 3's AST with its table and strikethrough plugins (parse only).

A parser that is not installed is reported as such: install markdown-it-pyrs and
mistune in a scratch environment and pass its site-packages with ``--extra-path``.

``--baseline OLD_SRC`` adds ``baseline``: the same Markdown read by another ``src``
(``git archive REV src | tar -x -C /tmp/old``, then ``--baseline /tmp/old/src``), for a
before/after in the same run. (The script puts its own ``src`` first on the path:
``PYTHONPATH`` cannot point it at another one.) The candidates' runs are interleaved, one
run of each round after round, so that the machine's load falls alike on all of them.
"""

from __future__ import annotations

import argparse
import gc
import json
import math
import os
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
sys.path.insert(0, str(HERE.parent / "src"))

CANDIDATES = ("floor", "featuretree", "markdown-it-py", "markdown-it-pyrs", "mistune")
BASELINE = "baseline"


def _rss_kb() -> int:
    with open("/proc/self/statm") as f:
        return int(f.read().split()[1]) * (os.sysconf("SC_PAGE_SIZE") // 1024)


def _action(name: str, folder: Path):
    """What the candidate does, and the input it does it on (read before timing)."""
    if name == "floor":
        from featuretree import formats

        data = (folder / "tree.json").read_bytes()
        return lambda: formats.loads(data, "json")
    text_bytes = (folder / "tree.md").read_bytes()
    if name in ("featuretree", BASELINE):
        from featuretree import formats

        formats.loads(b"# warm", "md")  # the lazy import is not the read
        return lambda: formats.loads(text_bytes, "md")
    text = text_bytes.decode("utf-8")
    if name == "markdown-it-py":
        from markdown_it import MarkdownIt

        md = MarkdownIt("commonmark", {"html": True}).enable(["table", "strikethrough"])
        return lambda: md.parse(text)
    if name == "markdown-it-pyrs":
        from markdown_it_pyrs import MarkdownIt as RsMarkdownIt

        rs = RsMarkdownIt("commonmark").enable_many(["table", "strikethrough"])
        return lambda: sum(1 for _ in rs.tree(text).walk())
    if name == "mistune":
        import mistune

        parse = mistune.create_markdown(renderer=None, plugins=["table", "strikethrough"])
        return lambda: parse(text)
    raise SystemExit(f"unknown candidate {name}")


def _child(name: str, folder: Path, extra: list[str], baseline: str | None) -> None:
    sys.path.extend(extra)
    if name == BASELINE and baseline:
        sys.path.insert(0, baseline)  # before featuretree is first imported
    try:
        action = _action(name, folder)
    except ImportError as exc:
        print(json.dumps({"missing": str(exc)}))
        return
    gc.collect()
    before = _rss_kb()
    start = time.process_time()
    result = action()
    seconds = time.process_time() - start
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    del result
    print(json.dumps({"seconds": seconds, "peak_mb": max(0, peak - before) / 1024}))


def _p95(values: list[float]) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, math.ceil(0.95 * len(ordered)) - 1)]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--nodes", type=int, default=100_000)
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--annotate-all", action="store_true")
    parser.add_argument("--only", nargs="+", choices=CANDIDATES, default=list(CANDIDATES))
    parser.add_argument("--extra-path", action="append", default=[])
    parser.add_argument(
        "--baseline", metavar="OLD_SRC", help="also read with this src, interleaved"
    )
    parser.add_argument("--child", help=argparse.SUPPRESS)
    parser.add_argument("--folder", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        _child(args.child, Path(args.folder), args.extra_path, args.baseline)
        return 0

    from generate import make_document

    from featuretree import formats

    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        doc = make_document(args.nodes, seed=1, annotate_all=args.annotate_all)
        (folder / "tree.json").write_bytes(formats.dumps(doc, "json"))
        md = formats.dumps(doc, "md")
        (folder / "tree.md").write_bytes(md)
        del doc
        kind = "fully annotated" if args.annotate_all else "annotated as generate.py does"
        print(f"{args.nodes} nodes, {kind}: Markdown {len(md) / 1e6:.1f} MB")
        names = list(args.only)
        if args.baseline and "featuretree" in names:
            names.insert(names.index("featuretree") + 1, BASELINE)
        results: dict[str, tuple[list[float], list[float]] | str] = {
            name: ([], []) for name in names
        }
        # Round after round, one run of each: the machine's load falls alike on all.
        for _ in range(args.repeat):
            for name in names:
                result = results[name]
                if isinstance(result, str):
                    continue
                command = [sys.executable, __file__, "--child", name, "--folder", tmp]
                for extra in args.extra_path:
                    command += ["--extra-path", extra]
                if args.baseline:
                    command += ["--baseline", args.baseline]
                out = subprocess.run(command, capture_output=True, text=True, check=True)
                report = json.loads(out.stdout.strip().splitlines()[-1])
                if "missing" in report:
                    results[name] = f"not installed ({report['missing']})"
                    continue
                result[0].append(report["seconds"])
                result[1].append(report["peak_mb"])
    floor = results.get("floor")
    header = (
        f"{'candidate':<17} {'median s':>9} {'p95 s':>7} {'×floor':>7} "
        f"{'median MB':>10} {'p95 MB':>7} {'×floor':>7}"
    )
    print(header)
    print("-" * len(header))
    for name, result in results.items():
        if isinstance(result, str):
            print(f"{name:<17} {result}")
            continue
        times, peaks = result
        t_ratio = m_ratio = float("nan")
        if isinstance(floor, tuple):
            t_ratio = statistics.median(times) / statistics.median(floor[0])
            m_ratio = statistics.median(peaks) / max(statistics.median(floor[1]), 1e-9)
        print(
            f"{name:<17} {statistics.median(times):>9.2f} {_p95(times):>7.2f} {t_ratio:>7.1f} "
            f"{statistics.median(peaks):>10.0f} {_p95(peaks):>7.0f} {m_ratio:>7.1f}"
        )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
