"""The document as opened or saved, kept for "what changed" (session/baseline.py)."""

from __future__ import annotations

from featuretree.model.document import Document
from featuretree.model.node import FeatureNode
from featuretree.model.tree import attach
from featuretree.operations import History, annotate
from featuretree.session.baseline import Baseline
from featuretree.versions import diff


def _big(count: int) -> Document:
    root = FeatureNode("产品", id="root")
    parent = root
    for i in range(count):
        node = FeatureNode(f"功能{i}", id=f"n{i}")
        attach(node, parent if i % 50 else root)
        if i % 50 == 0:
            parent = node
    return Document(root)


def test_an_edit_right_after_opening_is_not_in_the_baseline_whoever_copies_first() -> None:
    doc = _big(30_000)
    history = History(doc)
    baseline = Baseline(history)
    for round_ in range(3):
        if round_ == 0:
            baseline.opened()
        else:
            baseline.saved()
        # At once, while the thread is (most likely) still copying.
        history.do(annotate.rename(doc, "n0", f"改名{round_}"))
        old = baseline.document(timeout=30)
        assert old is not None
        assert old.node("n0").title == ("功能0" if round_ == 0 else f"改名{round_ - 1}")
        assert len(old) == len(doc)


def test_after_a_save_the_baseline_is_the_saved_document() -> None:
    doc = _big(100)
    history = History(doc)
    baseline = Baseline(history)
    baseline.opened(background=False)
    history.do(annotate.rename(doc, "n5", "甲"))
    baseline.saved()
    history.do(annotate.rename(doc, "n6", "乙"))
    old = baseline.document(timeout=30)
    assert old is not None
    assert [c.new for c in diff(old, doc).changes] == ["乙"]


def test_a_restored_document_is_compared_with_its_file() -> None:
    on_disk = _big(100)
    restored = _big(100)
    history = History(restored)
    history.do(annotate.rename(restored, "n1", "恢复的修改"))
    baseline = Baseline(history, on_disk)
    baseline.opened()
    history.do(annotate.rename(restored, "n2", "之后的修改"))
    old = baseline.document(timeout=30)
    assert old is not None
    assert [c.new for c in diff(old, restored).changes] == ["恢复的修改", "之后的修改"]


def test_an_edit_before_the_editor_is_shown_still_leaves_the_document_as_opened() -> None:
    doc = _big(100)
    history = History(doc)
    baseline = Baseline(history)
    history.do(annotate.rename(doc, "n3", "丙"))
    baseline.opened()  # too late to copy: the edit did
    old = baseline.document(timeout=30)
    assert old is not None
    assert old.node("n3").title == "功能3"
