"""Markdown read back exactly as before the fast reader: golden files.

``markdown_golden/NAME.md`` is featuretree's Markdown export of the three samples and of
a generated 400-node tree (benchmarks/generate.py, seed 7), written before the reader
was changed for speed; ``NAME.json`` is what the reader made of it then. Any change to
how these files are read shows up here as a JSON difference, whatever the writer does
meanwhile.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from featuretree.formats import dumps, loads

GOLDEN = Path(__file__).resolve().parent / "markdown_golden"
NAMES = sorted(path.stem for path in GOLDEN.glob("*.md"))


def test_there_are_golden_files() -> None:
    assert {"zhihu", "wms", "netease-music", "generated-400"} <= set(NAMES)


@pytest.mark.parametrize("name", NAMES)
def test_markdown_reads_back_as_before(name: str) -> None:
    doc = loads((GOLDEN / f"{name}.md").read_bytes(), "md")
    assert dumps(doc, "json") == (GOLDEN / f"{name}.json").read_bytes()
    assert doc.warnings == []
    assert doc.not_imported == {}  # featuretree's own export loses nothing
