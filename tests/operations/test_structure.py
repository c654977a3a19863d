"""Structural edits: add, delete, move, indent, outdent, paste — and the ones refused."""

from __future__ import annotations

import pytest

from featuretree.formats.json_format import document_from_data, write_json
from featuretree.model import Document
from featuretree.operations import History, OperationError
from featuretree.operations import structure as ops


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


def shape(doc: Document, node_id: str = "app") -> str:
    """``app(a(a1,a2),b(b1),c)``: the structure in one string."""
    out: list[str] = []
    stack: list[object] = [doc.node(node_id)]
    while stack:
        item = stack.pop()
        if isinstance(item, str):
            out.append(item)
            continue
        out.append(item.title)
        if item.kids:
            out.append("(")
            stack.append(")")
            for i, kid in enumerate(reversed(item.kids)):
                stack.append(kid)
                if i < len(item.kids) - 1:
                    stack.append(",")
    return "".join(out)


def _do_and_undo(doc: Document, command) -> str:
    """Apply ``command``, return the new shape, undo, and check the bytes came back."""
    before = write_json(doc)
    history = History(doc)
    history.do(command)
    after = shape(doc)
    history.undo()
    assert write_json(doc) == before
    history.redo()
    assert shape(doc) == after
    return after


def test_add_child_appends_and_indexes() -> None:
    doc = _doc()
    command = ops.add_child(doc, "b", "  新功能\n ")
    assert _do_and_undo(doc, command) == "app(a(a1,a2),b(b1,新功能),c)"
    assert doc.node(command.focus_after).title == "新功能"


def test_add_child_at_index() -> None:
    doc = _doc()
    assert _do_and_undo(doc, ops.add_child(doc, "a", "x", index=0)) == "app(a(x,a1,a2),b(b1),c)"


def test_add_sibling_goes_right_after() -> None:
    doc = _doc()
    assert _do_and_undo(doc, ops.add_sibling(doc, "a1", "x")) == "app(a(a1,x,a2),b(b1),c)"


def test_add_sibling_of_root_adds_a_child() -> None:
    doc = _doc()
    assert _do_and_undo(doc, ops.add_sibling(doc, "app", "x")) == "app(a(a1,a2),b(b1),c,x)"


def test_undone_node_leaves_the_index() -> None:
    doc = _doc()
    history = History(doc)
    command = history.do(ops.add_child(doc, "app", "x"))
    new_id = command.focus_after
    assert new_id in doc
    history.undo()
    assert new_id not in doc
    history.redo()
    assert doc.node(new_id).title == "x"


def test_delete_removes_subtree_and_its_ids() -> None:
    doc = _doc()
    history = History(doc)
    command = history.do(ops.delete(doc, "a"))
    assert shape(doc) == "app(b(b1),c)"
    assert "a" not in doc and "a1" not in doc
    assert command.focus_after == "b"  # the next sibling
    history.undo()
    assert shape(doc) == "app(a(a1,a2),b(b1),c)"
    assert doc.node("a2").parent is doc.node("a")


def test_delete_focus_falls_back_to_previous_sibling_then_parent() -> None:
    doc = _doc()
    history = History(doc)
    assert history.do(ops.delete(doc, "a2")).focus_after == "a1"
    assert history.do(ops.delete(doc, "b1")).focus_after == "b"


@pytest.mark.parametrize(
    ("build", "message"),
    [
        (lambda d: ops.delete(d, "app"), "root cannot be deleted"),
        (lambda d: ops.indent(d, "app"), "root cannot be indented"),
        (lambda d: ops.indent(d, "a1"), "first child"),
        (lambda d: ops.outdent(d, "app"), "root cannot be outdented"),
        (lambda d: ops.outdent(d, "a"), "child of the root"),
        (lambda d: ops.move_up(d, "a"), "already the first"),
        (lambda d: ops.move_down(d, "c"), "already the last"),
        (lambda d: ops.move_up(d, "app"), "root"),
        (lambda d: ops.move_to(d, "a", "a1"), "own subtree"),
        (lambda d: ops.move_to(d, "a", "a"), "own subtree"),
        (lambda d: ops.move_to(d, "app", "c"), "root cannot be moved"),
        (lambda d: ops.add_child(d, "ghost", "x"), "no node with id 'ghost'"),
        (lambda d: ops.delete(d, "ghost"), "no node"),
    ],
)
def test_impossible_edits_are_refused_with_a_reason(build, message: str) -> None:
    doc = _doc()
    before = write_json(doc)
    with pytest.raises(OperationError, match=message):
        build(doc)
    assert write_json(doc) == before


def test_a_stale_command_fails_cleanly_and_is_not_recorded() -> None:
    doc = _doc()
    history = History(doc)
    stale = ops.move_to(doc, "a1", "c")
    history.do(ops.delete(doc, "c"))
    with pytest.raises(OperationError):
        history.do(stale)
    history.undo()
    assert not history.can_undo
    assert shape(doc) == "app(a(a1,a2),b(b1),c)"


@pytest.mark.parametrize(
    ("build", "expected"),
    [
        (lambda d: ops.move_up(d, "b"), "app(b(b1),a(a1,a2),c)"),
        (lambda d: ops.move_down(d, "a1"), "app(a(a2,a1),b(b1),c)"),
        (lambda d: ops.indent(d, "b"), "app(a(a1,a2,b(b1)),c)"),
        (lambda d: ops.outdent(d, "a1"), "app(a(a2),a1,b(b1),c)"),
        (lambda d: ops.move_to(d, "c", "a1"), "app(a(a1(c),a2),b(b1))"),
        (lambda d: ops.move_to(d, "a1", "a"), "app(a(a2,a1),b(b1),c)"),
        (lambda d: ops.move_to(d, "b1", "app", 0), "app(b1,a(a1,a2),b,c)"),
    ],
)
def test_moves_and_their_undo(build, expected: str) -> None:
    doc = _doc()
    assert _do_and_undo(doc, build(doc)) == expected


def test_a_cut_node_pasted_keeps_its_ids_and_is_a_move_to_a_diff() -> None:
    # A trial: Ctrl+X then Ctrl+V gave the node new ids, so what changed said "removed"
    # and "added", the revision wrote 删除/新增, and a merge with a colleague who had
    # annotated the node kept it twice.
    from featuretree.versions.diff import ChangeKind, diff

    doc = _doc()
    before = doc.clone_subtree(doc.root, fresh_ids=False)
    history = History(doc)
    clipboard = doc.clone_subtree(doc.node("a"), fresh_ids=False)
    history.do(ops.delete(doc, "a"))
    history.do(ops.paste(doc, "c", clipboard))
    assert doc.node("a").parent is doc.node("c") and doc.node("a1").parent is doc.node("a")
    old = Document(before)
    kinds = {change.kind for change in diff(old, doc).changes}
    assert kinds == {ChangeKind.MOVED}
    # Pasted again, the ids are taken: a copy with fresh ones.
    history.do(ops.paste(doc, "b", clipboard))
    ids = [n.id for n in doc.iter_nodes()]
    assert len(ids) == len(set(ids)) == len(doc) == 10


def test_paste_inserts_a_copy_with_fresh_ids() -> None:
    doc = _doc()
    clipboard = doc.clone_subtree(doc.node("a"))
    command = ops.paste(doc, "c", clipboard)
    assert _do_and_undo(doc, command) == "app(a(a1,a2),b(b1),c(a(a1,a2)))"
    pasted = doc.node(command.focus_after)
    assert pasted.id != "a" and pasted.parent is doc.node("c")
    # pasting the same clipboard twice gives two independent copies
    History(doc).do(ops.paste(doc, "c", clipboard))
    ids = [n.id for n in doc.iter_nodes()]
    assert len(ids) == len(set(ids)) == len(doc)
