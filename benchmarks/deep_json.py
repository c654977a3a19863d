"""Save and load a document nested 100,000 levels deep (one path from root to leaf).

    python benchmarks/deep_json.py [--levels 100000]

Prints the time of each step and the file size. The suite tests 20,000 levels
(tests/formats/test_json_deep.py); this is the full depth the issue asks for.
"""

from __future__ import annotations

import argparse
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


def main() -> int:
    """Run the benchmark; exit status 1 when the round trip is not exact."""
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--levels", type=int, default=100_000)
    args = parser.parse_args()
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
    print(f"levels {args.levels:,}: build {built - started:.2f} s, save {saved - built:.2f} s, "
          f"load {read - saved:.2f} s; file {size / 2**20:.1f} MiB; "
          f"depth read back {depth + 1:,}; second save identical: {same}")
    return 0 if same and depth + 1 == args.levels else 1


if __name__ == "__main__":
    sys.exit(main())
