"""The visible-rows structure stays equal to a full recomputation after any edit."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from featuretree.model.document import Document
from featuretree.model.node import FeatureNode
from featuretree.model.tree import attach, preorder
from featuretree.operations import Composite, History, OperationError, annotate, structure
from featuretree.tui.widgets.tree_rows import guides
from featuretree.view.outline import Outline
from featuretree.view.sync import apply_change


def drawn(outline: Outline) -> list[tuple]:
    """What each row shows that depends on the tree: node, depth, tree lines, fold marker."""
    return [
        (
            node.id,
            depth,
            guides(node, depth, 50),
            ("▸" if node in outline.collapsed else "▾") if node.kids else "•",
        )
        for node, depth in zip(outline.rows, outline.depths)
    ]


def expected_rows(root: FeatureNode, collapsed: set[FeatureNode]) -> list[tuple[str, int]]:
    """The rows an outline must show, computed the slow, obvious way."""
    out = []
    stack = [(root, 0)]
    while stack:
        node, depth = stack.pop()
        out.append((node.id, depth))
        if node not in collapsed:
            stack.extend((kid, depth + 1) for kid in reversed(node.kids))
    return out


def build(shape: list[int]) -> Document:
    """A document whose node i+1 hangs under node shape[i] % (i+1)."""
    doc = Document.new("root")
    nodes = [doc.root]
    for i, parent_pick in enumerate(shape):
        node = FeatureNode(f"n{i}", id=f"n{i}")
        attach(node, nodes[parent_pick % len(nodes)])
        nodes.append(node)
    doc.register(doc.root)
    return doc


class ShortStart(Outline):
    """An outline that, given its size, flattens only 3 rows at first (the editor's: 300)."""

    prefix_rows = 3


def check(outline: Outline, doc: Document) -> None:
    got = [(node.id, depth) for node, depth in zip(outline.rows, outline.depths)]
    assert got == expected_rows(doc.root, outline.collapsed)
    for i, node in enumerate(outline.rows):
        outline._hint.pop(node, None)  # force the ancestor walk, not the cached hint
        assert outline.index_of(node) == i
        assert outline.span(node) == len(expected_rows(node, outline.collapsed))
    for node in preorder(doc.root):
        if node not in set(outline.rows):
            assert outline.index_of(node) is None


ACTIONS = [
    "child",
    "sibling",
    "delete",
    "up",
    "down",
    "indent",
    "outdent",
    "paste",
    "move_to",
    "fold",
    "unfold",
    "undo",
    "redo",
    "add_rename",
    "reveal",
    "level",
]


@settings(max_examples=150, deadline=None)
@given(
    shape=st.lists(st.integers(0, 1000), min_size=0, max_size=25),
    steps=st.lists(
        st.tuples(st.sampled_from(ACTIONS), st.integers(0, 10_000), st.integers(0, 10_000)),
        max_size=30,
    ),
)
def test_outline_matches_full_recomputation(shape, steps):
    doc = build(shape)
    history = History(doc)
    # Made as the editor makes it: the rest of the rows and the spans come on first use.
    outline = ShortStart(doc.root, size=len(doc))
    history.subscribe(lambda command, kind: apply_change(outline, doc, command, kind))
    for action, a, b in steps:
        nodes = list(preorder(doc.root))
        node = nodes[a % len(nodes)]
        other = nodes[b % len(nodes)]
        outline.take_changed_from()
        before = drawn(outline)
        try:
            if action == "fold":
                outline.fold(node)
            elif action == "unfold":
                outline.unfold(node)
            elif action == "reveal":
                outline.reveal(node)
            elif action == "level":
                # A rebuild leaves the spans to be worked out on first use: the next
                # step edits before anything (check() included) has asked for them.
                outline.expand_to_level(b % 4)
                assert outline._spans_owed
                continue
            elif action == "undo":
                history.undo()
            elif action == "redo":
                history.redo()
            elif action == "child":
                history.do(structure.add_child(doc, node.id, "x"))
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
            elif action == "paste":
                history.do(structure.paste(doc, other.id, node, index=b % 3))
            elif action == "move_to":
                history.do(structure.move_to(doc, node.id, other.id, index=b % 3))
            elif action == "add_rename":
                add = structure.add_child(doc, node.id)
                history.do(Composite("Add", [add, annotate.rename(doc, add.focus_after, "t")]))
        except OperationError:
            pass
        check(outline, doc)
        # The view redraws only from take_changed_from() down: everything above it
        # must look exactly as it did.
        first = outline.take_changed_from()
        after = drawn(outline)
        first = len(after) if first is None else first
        assert after[:first] == before[:first]


def test_fold_hides_exactly_the_subtree_and_unfold_brings_it_back():
    # root > n0 > (n2, n3); root > n1 > n4; root > n5
    doc = build([0, 0, 1, 1, 2, 0])
    outline = Outline(doc.root)
    n0 = doc.node("n0")
    before = list(outline.rows)
    assert outline.fold(n0)
    assert [n.id for n in outline.rows[1:]] == ["n0", "n1", "n4", "n5"]
    assert outline.span(doc.root) == 5
    assert not outline.fold(n0)  # already folded
    assert outline.unfold(n0)
    assert outline.rows == before


def test_unfold_after_folding_a_hidden_descendant_keeps_it_folded():
    # root > n0 > n1 > n2: fold n0, then n1 (hidden), then unfold n0 — n2 stays hidden.
    doc = build([0, 1, 2])
    outline = Outline(doc.root)
    outline.fold(doc.node("n0"))
    outline.fold(doc.node("n1"))
    outline.unfold(doc.node("n0"))
    check(outline, doc)
    assert doc.node("n2") not in outline.rows


def test_unfold_after_a_child_was_added_under_the_folded_node_shows_it():
    # Unfolding reuses the rows the fold removed, unless anything changed since.
    doc = build([0])  # root > n0
    outline = Outline(doc.root)
    outline.fold(doc.root)
    history = History(doc)
    history.subscribe(lambda command, kind: apply_change(outline, doc, command, kind))
    new = history.do(structure.add_child(doc, doc.root.id, "new")).focus_after
    outline.unfold(doc.root)
    check(outline, doc)
    assert doc.node(new) in outline.rows


@settings(max_examples=200, deadline=None)
@given(
    shape=st.lists(st.integers(0, 4), min_size=1, max_size=8),
    folds=st.lists(st.tuples(st.booleans(), st.integers(0, 8)), max_size=12),
)
def test_any_fold_sequence_matches_full_recomputation(shape, folds):
    doc = build(shape)
    outline = Outline(doc.root)
    nodes = list(preorder(doc.root))
    for fold, pick in folds:
        node = nodes[pick % len(nodes)]
        outline.fold(node) if fold else outline.unfold(node)
        check(outline, doc)


def test_expand_to_level_and_focus_path():
    doc = build([0, 1, 2, 3, 0])  # a chain root > n0 > n1 > n2 > n3, and n4 under root
    outline = Outline(doc.root)
    outline.expand_to_level(1)
    assert [outline.depth(i) for i in range(len(outline))] == [0] + [1] * len(doc.root.kids)
    outline.expand_to_level(9)
    assert len(outline) == len(doc)
    deep = doc.node("n3")
    outline.focus_path(deep)
    shown = set(outline.rows)
    assert deep in shown and all(a in shown for a in [deep.parent, deep.parent.parent])
    assert outline.index_of(deep) is not None


@settings(max_examples=60, deadline=None)
@given(
    shape=st.lists(st.integers(0, 1000), min_size=1, max_size=15),
    steps=st.lists(
        st.tuples(
            st.sampled_from(ACTIONS[:9] + ["add_rename"]),
            st.integers(0, 10_000),
            st.integers(0, 10_000),
        ),
        max_size=20,
    ),
)
def test_random_edits_then_as_many_undos_restore_the_document(shape, steps):
    from featuretree import formats

    doc = build(shape)
    before = formats.dumps(doc, "json")
    history = History(doc)
    outline = Outline(doc.root)
    history.subscribe(lambda command, kind: apply_change(outline, doc, command, kind))
    done = 0
    for action, a, b in steps:
        nodes = list(preorder(doc.root))
        node, other = nodes[a % len(nodes)], nodes[b % len(nodes)]
        builders = {
            "child": lambda: structure.add_child(doc, node.id, "x"),
            "sibling": lambda: structure.add_sibling(doc, node.id, "x"),
            "delete": lambda: structure.delete(doc, node.id),
            "up": lambda: structure.move_up(doc, node.id),
            "down": lambda: structure.move_down(doc, node.id),
            "indent": lambda: structure.indent(doc, node.id),
            "outdent": lambda: structure.outdent(doc, node.id),
            "paste": lambda: structure.paste(doc, other.id, node),
            "move_to": lambda: structure.move_to(doc, node.id, other.id),
            "add_rename": lambda: annotate.rename(doc, node.id, "renamed"),
        }
        try:
            history.do(builders[action]())
            done += 1
        except OperationError:
            pass
    for _ in range(done):
        history.undo()
    assert formats.dumps(doc, "json") == before
    check(outline, doc)


def test_spans_left_for_later_are_worked_out_from_the_rows_before_an_edit():
    # root > n0 > (n2, n3); root > n1 > n4; root > n5
    doc = build([0, 0, 1, 1, 2, 0])
    outline = Outline(doc.root)
    history = History(doc)
    history.subscribe(lambda command, kind: apply_change(outline, doc, command, kind))
    assert outline._spans_owed  # nothing has needed them yet
    history.do(structure.add_child(doc, "n0", "new"))
    check(outline, doc)
    assert outline.span(doc.root) == len(doc) == 8
    outline.rebuild()
    outline.settle()
    assert not outline._spans_owed
    check(outline, doc)


def test_an_outline_given_its_size_answers_the_first_rows_before_flattening_the_rest():
    doc = build([0, 0, 1, 1, 2, 0, 5, 5])
    outline = ShortStart(doc.root, size=len(doc))
    expected = expected_rows(doc.root, set())
    assert len(outline) == len(doc) == 9
    assert [(outline.row(i).id, outline.depth(i)) for i in range(3)] == expected[:3]
    assert outline._walk_left  # the rest is still to come
    assert (outline.row(7).id, outline.depth(7)) == expected[7]  # past the prefix: finishes
    assert outline._walk_left is None
    check(outline, doc)
    settled = ShortStart(doc.root, size=len(doc))
    settled.settle()
    assert settled._walk_left is None and not settled._spans_owed
    check(settled, doc)
