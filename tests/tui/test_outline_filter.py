"""The outline's filter mode: only the kept nodes show, edits stay consistent, clearing restores."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st
from test_outline import build, expected_rows

from featuretree.model.node import FeatureNode
from featuretree.model.tree import preorder
from featuretree.operations import History, OperationError, structure
from featuretree.view.outline import Outline
from featuretree.view.sync import apply_change


def expected_filtered(root: FeatureNode, collapsed: set, keep: set) -> list[tuple[str, int]]:
    """The rows a filtered outline must show, the slow, obvious way."""
    out = []
    stack = [(root, 0)]
    while stack:
        node, depth = stack.pop()
        out.append((node.id, depth))
        if node not in collapsed:
            stack.extend((kid, depth + 1) for kid in reversed(node.kids) if kid in keep)
    return out


def check(outline: Outline, doc) -> None:
    got = [(node.id, depth) for node, depth in zip(outline.rows, outline.depths)]
    if outline.keep is None:
        assert got == expected_rows(doc.root, outline.collapsed)
    else:
        assert got == expected_filtered(doc.root, outline.collapsed, outline.keep)
    shown = set(outline.rows)
    for i, node in enumerate(outline.rows):
        outline._hint.pop(node, None)
        assert outline.index_of(node) == i
    for node in preorder(doc.root):
        if node not in shown:
            outline._hint.pop(node, None)
            assert outline.index_of(node) is None


def with_ancestors(nodes) -> set:
    kept = set()
    for node in nodes:
        while node is not None and node not in kept:
            kept.add(node)
            node = node.parent
    return kept


def test_filter_shows_matches_with_ancestors_and_clearing_restores_folding():
    # root > n0 > (n2 > n6, n3); root > n1 > n4; root > n5
    doc = build([0, 0, 1, 1, 2, 0, 3])
    outline = Outline(doc.root)
    outline.fold(doc.node("n1"))
    before_rows, before_folds = list(outline.rows), set(outline.collapsed)
    outline.set_filter(with_ancestors([doc.node("n6"), doc.node("n4")]))
    assert [n.id for n in outline.rows[1:]] == ["n0", "n2", "n6", "n1", "n4"]
    assert outline.index_of(doc.node("n5")) is None
    check(outline, doc)
    outline.set_filter(with_ancestors([doc.node("n5")]))  # a new filter replaces the old
    assert [n.id for n in outline.rows[1:]] == ["n5"]
    assert outline.clear_filter()
    assert outline.rows == before_rows and outline.collapsed == before_folds
    assert not outline.clear_filter()


def test_a_filter_keeping_nothing_still_shows_the_root():
    doc = build([0, 1])
    outline = Outline(doc.root)
    outline.set_filter(set())
    assert outline.rows == [doc.root]


def test_reveal_lets_a_hidden_node_into_the_filter():
    doc = build([0, 0, 1])
    outline = Outline(doc.root)
    outline.set_filter(with_ancestors([doc.node("n1")]))
    target = doc.node("n2")
    outline.reveal(target)
    assert outline.index_of(target) is not None
    check(outline, doc)


EDITS = [
    "child",
    "sibling",
    "delete",
    "up",
    "down",
    "indent",
    "outdent",
    "fold",
    "unfold",
    "undo",
    "redo",
    "reveal",
]


@settings(max_examples=120, deadline=None)
@given(
    shape=st.lists(st.integers(0, 1000), min_size=1, max_size=20),
    folds=st.lists(st.integers(0, 1000), max_size=4),
    picks=st.lists(st.integers(0, 1000), max_size=4),
    steps=st.lists(st.tuples(st.sampled_from(EDITS), st.integers(0, 10_000)), max_size=15),
)
def test_edits_while_filtered_match_full_recomputation(shape, folds, picks, steps):
    doc = build(shape)
    history = History(doc)
    outline = Outline(doc.root)
    history.subscribe(lambda command, kind: apply_change(outline, doc, command, kind))
    nodes = list(preorder(doc.root))
    for pick in folds:
        outline.fold(nodes[pick % len(nodes)])
    saved = set(outline.collapsed)
    outline.set_filter(with_ancestors(nodes[p % len(nodes)] for p in picks))
    check(outline, doc)
    for action, a in steps:
        shown = outline.rows
        node = shown[a % len(shown)]  # the user acts on what they see
        try:
            if action == "fold":
                outline.fold(node)
            elif action == "unfold":
                outline.unfold(node)
            elif action == "reveal":
                everything = list(preorder(doc.root))
                outline.reveal(everything[a % len(everything)])
            elif action == "undo":
                history.undo()
            elif action == "redo":
                history.redo()
            elif action == "child":
                new = history.do(structure.add_child(doc, node.id, "x")).focus_after
                assert doc.node(new) in outline.rows or node in outline.collapsed
            elif action == "sibling":
                history.do(structure.add_sibling(doc, node.id, "x"))
            elif action == "delete":
                history.do(structure.delete(doc, node.id))
            elif action == "up":
                history.do(structure.move_up(doc, node.id))
            elif action == "down":
                history.do(structure.move_down(doc, node.id))
            elif action == "indent":
                history.do(structure.indent(doc, node.id))
            elif action == "outdent":
                history.do(structure.outdent(doc, node.id))
        except OperationError:
            pass
        check(outline, doc)
    outline.clear_filter()
    assert outline.collapsed == saved
    check(outline, doc)
