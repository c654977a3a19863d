"""ReplaceContent: another version of the document taken as one step, undone exactly."""

from __future__ import annotations

import pytest

from featuretree.formats.json_format import document_from_data, write_json
from featuretree.model import Document
from featuretree.operations import History, OperationError, annotate
from featuretree.operations import structure as ops
from featuretree.operations.replace import ReplaceContent


def _doc() -> Document:
    """app: a(a1, a2), b(b1), c"""
    return document_from_data(
        {
            "title": "app",
            "id": "app",
            "children": [
                {
                    "title": "a",
                    "id": "a",
                    "children": [{"title": "a1", "id": "a1"}, {"title": "a2", "id": "a2"}],
                },
                {"title": "b", "id": "b", "children": [{"title": "b1", "id": "b1"}]},
                {"title": "c", "id": "c"},
            ],
        }
    )


def _other() -> Document:
    """Another version: a renamed and moved under c, b1 gone, n new under b."""
    doc = _doc()
    annotate.rename(doc, "a", "A!").apply(doc)
    annotate.set_tags(doc, "c", ["x"]).apply(doc)
    ops.delete(doc, "b1").apply(doc)
    ops.add_child(doc, "b", "new").apply(doc)
    ops.move_to(doc, "a", "c").apply(doc)
    return doc


def test_the_document_says_what_the_other_version_says_and_undo_gives_it_back():
    doc, other = _doc(), _other()
    before, wanted = write_json(doc), write_json(other)
    history = History(doc)
    history.do(ReplaceContent(other, focus="a"))
    assert write_json(doc) == wanted
    assert doc.node("a").parent is doc.node("c")
    assert "b1" not in doc and len(doc) == len(other)
    history.undo()
    assert write_json(doc) == before
    assert "b1" in doc and all(doc.node(n.id) is n for n in doc.iter_nodes())
    history.redo()
    assert write_json(doc) == wanted


def test_the_same_node_objects_come_back_for_the_steps_around_it():
    doc = _doc()
    history = History(doc)
    added = history.do(ops.add_child(doc, "c", "mine"))
    mine = doc.node(added.focus_after)
    a = doc.node("a")
    history.do(ReplaceContent(_other()))  # a version without "mine"
    assert mine.id not in doc
    assert doc.node("a") is a  # a node in both stays the same object
    history.undo()
    assert doc.node(mine.id) is mine
    history.undo()  # the add before it is undone on the very node it added
    assert mine.id not in doc and [k.id for k in doc.node("c").kids] == []


def test_another_root_is_refused_and_nothing_changes():
    doc = _doc()
    before = write_json(doc)
    stranger = document_from_data({"title": "x", "id": "x"})
    with pytest.raises(OperationError):
        History(doc).do(ReplaceContent(stranger))
    assert write_json(doc) == before
