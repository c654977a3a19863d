"""What the editor's "what changed" (Ctrl+R, issue 14) costs on a big document.

    python benchmarks/changes_view.py [--nodes 100000] [--edits 2000] [--repeat 3]

The editor keeps the document as opened or saved (``session/baseline.py``): a
``Snapshot`` taken in a thread after the document is shown and after each save — the UI
thread only pays for it when an edit comes before the thread is done. Opening the screen
rebuilds that copy as a document and diffs it with the document now, in a thread; ``r``
then builds one step adding the revision and a change-log entry per changed node.

Timed (CPU seconds, median of --repeat): loading the JSON (for scale), the baseline copy
(``Snapshot.of``), rebuilding it (``Snapshot.document``), the diff of --edits random edits
(benchmarks/diff_merge.py's), and the revision step (node entries + the command, applied).
"""

from __future__ import annotations

import argparse
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "src"))

import datetime as dt

from diff_merge import cpu_median, edit, peak
from generate import make_document

from featuretree import formats
from featuretree.operations import History
from featuretree.session.snapshot import Snapshot
from featuretree.versions import diff
from featuretree.versions.report import revision_summary
from featuretree.versions.revision import node_entries, revision_step


def main() -> int:
    """Run the benchmark and print a table."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--nodes", type=int, default=100_000)
    parser.add_argument("--edits", type=int, default=2_000)
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()

    data = formats.dumps(make_document(args.nodes, seed=1), "json")
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "doc.json"
        path.write_bytes(data)
        load = cpu_median(lambda: formats.load(path), args.repeat)
        doc = formats.load(path)
    copy = cpu_median(lambda: Snapshot.of(doc), args.repeat)
    snapshot = Snapshot.of(doc)
    rebuild = cpu_median(snapshot.document, args.repeat)
    memory = peak(lambda: Snapshot.of(doc))
    edit(doc, args.edits, seed=1)
    old = snapshot.document()
    compare = cpu_median(lambda: diff(old, doc, related=True), args.repeat)
    result = diff(old, doc, related=True)

    def make_revision() -> None:
        entries = node_entries(result, old, doc, "zh")
        fields = {
            "version": "v2.0",
            "date": dt.date(2026, 12, 3),
            "summary": revision_summary(result, "zh"),
        }
        history = History(doc)
        history.do(revision_step(doc, fields, entries))
        history.undo()

    revision = cpu_median(make_revision, args.repeat)
    entries = len(node_entries(result, old, doc, "zh"))
    print(
        f"{args.nodes:,} nodes, {args.edits:,} edits ({len(result.changes):,} changes, "
        f"{entries:,} nodes to log); CPU seconds, median of {args.repeat}"
    )
    for label, seconds, where in (
        ("load the JSON (for scale)", load, ""),
        ("baseline copy (Snapshot.of)", copy, "thread after open/save"),
        ("rebuild it (Snapshot.document)", rebuild, "thread, opening Ctrl+R"),
        ("diff with the document now", compare, "thread, opening Ctrl+R"),
        ("revision + change logs (r)", revision, "UI thread, on confirm"),
    ):
        print(f"{label:<34}{seconds:>8.3f}  {where}")
    print(f"baseline copy peak: {memory / 2**20:.0f} MiB")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
