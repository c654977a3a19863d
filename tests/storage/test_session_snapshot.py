"""The autosave copy of a document: same JSON as the document, untouched by later edits."""

from __future__ import annotations

from pathlib import Path

import pytest

from featuretree import formats
from featuretree.formats.json_format import write_json
from featuretree.model.document import Document
from featuretree.model.node import FeatureNode
from featuretree.model.tree import attach
from featuretree.operations import History, annotate, structure
from featuretree.session.snapshot import Snapshot

SAMPLES = sorted((Path(__file__).resolve().parents[2] / "samples").glob("*.json"))


@pytest.mark.parametrize("sample", SAMPLES, ids=lambda p: p.stem)
def test_the_copy_writes_the_same_json_as_the_document(sample: Path):
    doc = formats.load(sample)
    assert Snapshot.of(doc).to_json() == write_json(doc)


def test_later_edits_do_not_reach_the_copy():
    doc = formats.load(SAMPLES[0]) if SAMPLES else Document.new("App")
    before = write_json(doc)
    snapshot = Snapshot.of(doc)
    history = History(doc)
    first = doc.root.kids[0] if doc.root.kids else doc.root
    history.do(annotate.rename(doc, first.id, "renamed after the copy"))
    history.do(structure.add_child(doc, doc.root.id))
    assert snapshot.to_json() == before
    assert write_json(doc) != before


def test_a_deep_chain_is_copied_without_recursion():
    doc = Document.new("deep")
    node = doc.root
    for i in range(20_000):
        child = FeatureNode(f"level {i}", id=f"d{i}")
        attach(child, node)
        node = child
    doc = Document(doc.root)
    assert Snapshot.of(doc).to_json() == write_json(doc)


def test_links_are_in_the_copy():
    doc = formats.load(SAMPLES[0])
    node = next(iter(doc.root.kids))
    annotate.add_link(doc, node.id, "https://example.com/prd", title="PRD").apply(doc)
    assert Snapshot.of(doc).to_json() == write_json(doc)


def test_the_autosave_copy_keeps_what_a_colleagues_map_carried():
    # A FreeMind map's colours and timestamps: a recovered copy saved back as .mm keeps them.
    data = b'<map><node TEXT="A" ID="ID_1" COLOR="#ff0000" CREATED="1700000000000"/></map>'
    doc = formats.loads(data, "mm")
    copy = formats.loads(Snapshot.of(doc).to_json(), "json")
    assert Snapshot.of(doc).to_json() == write_json(doc)
    assert formats.dumps(copy, "mm") == formats.dumps(doc, "mm")
    assert b'COLOR="#ff0000"' in formats.dumps(copy, "mm")
