"""The view a file was left in, kept for its next opening (session/view_state.py)."""

from __future__ import annotations

import os
from pathlib import Path

from featuretree.model.document import Document
from featuretree.model.node import FeatureNode
from featuretree.model.tree import attach, preorder
from featuretree.session import view_state


def _branches(count: int) -> Document:
    """A root with ``count`` branches of two leaves each."""
    root = FeatureNode("产品", id="root")
    for i in range(count):
        branch = FeatureNode(f"模块{i}", id=f"b{i}")
        attach(branch, root)
        for j in range(2):
            attach(FeatureNode(f"功能{i}-{j}", id=f"b{i}-{j}"), branch)
    return Document(root)


def test_folds_and_cursor_come_back_for_the_same_file(tmp_path: Path) -> None:
    doc = _branches(3)
    path = tmp_path / "产品.json"
    assert view_state.remember(path, doc, {doc.node("b1")}, doc.node("b2-1"))
    remembered = view_state.recall(path, doc)
    assert remembered == view_state.RememberedView({"b1"}, "b2-1")
    assert view_state.recall(tmp_path / "other.json", doc) is None
    assert not path.exists()  # nothing written beside the document


def test_folding_every_branch_of_a_big_file_keeps_the_state_file_small(tmp_path: Path) -> None:
    # z (fold all but this path) in a big file folds every branch: the few left open
    # are kept instead of the thousands folded.
    doc = _branches(20_000)
    path = tmp_path / "big.json"
    folded = {n for n in preorder(doc.root) if n.kids and n.id not in ("root", "b7")}
    assert view_state.remember(path, doc, folded, doc.node("b7-1"))
    assert view_state.view_file(path).stat().st_size < 1000
    remembered = view_state.recall(path, doc)
    assert remembered is not None
    assert remembered.folded == {n.id for n in folded}
    assert remembered.cursor == "b7-1"


def test_only_the_most_recent_files_are_remembered(tmp_path: Path, monkeypatch) -> None:
    monkeypatch.setattr(view_state, "MAX_FILES", 3)
    doc = _branches(1)
    for i in range(5):
        view_state.remember(tmp_path / f"f{i}.json", doc, (), doc.root)
        os.utime(view_state.view_file(tmp_path / f"f{i}.json"), ns=(i * 10**9, i * 10**9))
    view_state.remember(tmp_path / "f4.json", doc, (), doc.root)
    kept = [i for i in range(5) if view_state.recall(tmp_path / f"f{i}.json", doc) is not None]
    assert kept == [2, 3, 4]
