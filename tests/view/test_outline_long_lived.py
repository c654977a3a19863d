"""A big outline's per-row containers are out of the cyclic collector's way (issue 15).

The rows, depths and spans of a rebuilt outline hold an entry per row; while they are
young, every collection of the young generations walks all of them (15-30 ms at 100,000
rows: a key that happened to pay it missed its frame). From ``long_lived_rows`` rows up,
they are moved to the permanent generation as soon as they are made, as the editor does
with the document.
"""

from __future__ import annotations

import gc

import pytest

from featuretree import collector
from featuretree.model.document import Document
from featuretree.model.node import FeatureNode
from featuretree.model.tree import attach
from featuretree.view.outline import Outline


@pytest.fixture
def restore_collector(monkeypatch: pytest.MonkeyPatch):
    """Leave the collector as the other tests expect it: nothing frozen."""
    monkeypatch.setattr(collector, "_frozen", collector._frozen)
    yield
    gc.unfreeze()


def _tree(modules: int, leaves: int) -> Document:
    doc = Document.new("App")
    for m in range(modules):
        module = FeatureNode(f"模块 {m}", id=f"m{m}")
        attach(module, doc.root)
        for leaf in range(leaves):
            attach(FeatureNode(f"功能 {m}.{leaf}", id=f"m{m}.{leaf}"), module)
    return Document(doc.root)


def _collected(obj: object) -> bool:
    """Whether ``obj`` is in a generation the collector walks."""
    return any(o is obj for o in gc.get_objects())


def test_rows_of_an_unfold_all_and_their_spans_are_not_walked_by_collections(
    restore_collector,
) -> None:
    doc = _tree(10, 20)
    outline = Outline(doc.root)
    outline.long_lived_rows = 100
    outline.expand_to_level(1)
    assert len(outline) == 11  # below the threshold: left to the collector
    assert _collected(outline.rows)
    outline.fold_only([])  # unfold all: 211 rows
    assert len(outline) == 211
    assert not _collected(outline.rows) and not _collected(outline.depths)
    outline.settle()  # the spans, worked out on first use
    spans = outline._span
    assert spans[doc.root] == 211
    assert not _collected(spans)
    # Folding and unfolding still work on the kept lists.
    outline.fold(doc.node("m0"))
    assert len(outline) == 191
    outline.unfold(doc.node("m0"))
    assert outline.rows[1:3] == [doc.node("m0"), doc.node("m0.0")]


def test_a_filter_big_enough_is_kept_out_of_collections_too(restore_collector) -> None:
    doc = _tree(10, 20)
    outline = Outline(doc.root)
    outline.long_lived_rows = 100
    keep = {node for node in doc.iter_nodes() if not node.id.startswith("m9")}
    outline.set_filter(keep)
    assert len(outline) == 190
    assert not _collected(outline.rows) and not _collected(outline.keep)
    assert outline.clear_filter()
    assert len(outline) == 211
