"""Pasted lines added as nodes: one undoable step, fresh ids, at the place asked for."""

from __future__ import annotations

import pytest
from test_structure import _doc, shape

from featuretree.model.outline_text import parse_outline
from featuretree.operations import History, OperationError
from featuretree.operations import structure as ops


def test_lines_become_children_with_their_structure_and_undo_in_one_step():
    doc = _doc()
    history = History(doc)
    before = shape(doc)
    command = history.do(ops.add_outline(doc, "b", parse_outline("- x\n  - x1\n- y")))
    assert shape(doc) == "app(a(a1,a2),b(b1,x(x1),y),c)"
    assert doc.node(command.focus_after).title == "y"
    history.undo()
    assert shape(doc) == before
    assert all(doc.get(node_id) is None for node_id in ("x", "x1", "y"))
    history.redo()
    assert shape(doc) == "app(a(a1,a2),b(b1,x(x1),y),c)"


def test_lines_at_an_index_become_siblings_there():
    doc = _doc()
    History(doc).do(ops.add_outline(doc, "app", parse_outline("p\nq"), 1))
    assert shape(doc) == "app(a(a1,a2),p,q,b(b1),c)"


def test_every_new_node_has_its_own_fresh_id():
    doc = _doc()
    History(doc).do(
        ops.add_outline(doc, "c", parse_outline("\n".join(f"n{i}" for i in range(200))))
    )
    ids = [kid.id for kid in doc.node("c").kids]
    assert len(set(ids)) == 200
    assert all(doc.get(node_id) is kid for node_id, kid in zip(ids, doc.node("c").kids))


def test_nothing_to_add_is_refused():
    with pytest.raises(OperationError):
        ops.add_outline(_doc(), "a", [])
    with pytest.raises(OperationError):
        ops.add_outline(_doc(), "missing", [(0, "x")])
