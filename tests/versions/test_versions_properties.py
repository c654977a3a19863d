"""Diff and merge over random edits of the samples (issue 14's "done when")."""

from __future__ import annotations

from _random_edits import SAMPLE_NAMES, apply_random_edits, load
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from featuretree import formats
from featuretree.model.document import Document
from featuretree.model.node import FeatureNode
from featuretree.model.tree import preorder
from featuretree.versions import CONFLICT_TAG, diff, merge

PROPERTY = settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
FIELDS = ("title", "notes", "status", "tags", "links", "changelog", "suggestions")


def _bytes(doc: Document) -> bytes:
    return formats.dumps(doc, "json")


def _state(node: FeatureNode) -> tuple:
    return tuple(getattr(node, name) for name in FIELDS)


def _parent_id(node: FeatureNode) -> str | None:
    return node.parent.id if node.parent is not None else None


def _edited(data: st.DataObject, name: str, label: str) -> Document:
    doc = load(name)
    apply_random_edits(doc, data, data.draw(st.integers(1, 12), label=f"{label} steps"))
    return doc


@PROPERTY
@given(name=st.sampled_from(SAMPLE_NAMES), data=st.data())
def test_merging_one_sides_edits_gives_that_side(name: str, data: st.DataObject) -> None:
    base, ours = load(name), _edited(data, name, "ours")
    assert _bytes(merge(base, ours, base).document) == _bytes(ours)
    assert _bytes(merge(base, base, ours).document) == _bytes(ours)
    assert merge(base, ours, base).clean and merge(base, base, ours).clean


@PROPERTY
@given(name=st.sampled_from(SAMPLE_NAMES), data=st.data())
def test_the_diff_explains_every_changed_node(name: str, data: st.DataObject) -> None:
    old, new = load(name), _edited(data, name, "new")
    result = diff(old, new)
    changed = result.changed_ids()
    for node in preorder(new.root):
        before = old.get(node.id)
        if before is None:
            assert node.id in result.added_ids, node
        elif _state(before) != _state(node) or _parent_id(before) != _parent_id(node):
            assert node.id in changed, node
    for node in preorder(old.root):
        if new.get(node.id) is None:
            assert node.id in result.removed_ids, node
    # Siblings that stayed together but changed order: at least one is said to have moved.
    for node in preorder(new.root):
        before = old.get(node.id)
        if before is None:
            continue
        staying = [k.id for k in node.kids if k.id in old and _parent_id(old.node(k.id)) == node.id]
        was = [k.id for k in before.kids if k.id in set(staying)]
        if staying != was:
            assert changed & set(staying), node
    assert (old.meta != new.meta or old.revisions != new.revisions) <= (not result.equal)
    assert diff(new, new).equal


@PROPERTY
@given(name=st.sampled_from(SAMPLE_NAMES), data=st.data())
def test_a_merge_of_two_sides_keeps_each_sides_edits_and_loads(
    name: str, data: st.DataObject
) -> None:
    base, ours, theirs = load(name), _edited(data, name, "ours"), _edited(data, name, "theirs")
    result = merge(base, ours, theirs)
    merged = formats.loads(_bytes(result.document), "json")  # still a valid file
    conflicted = {c.node_id for c in result.conflicts if c.node_id is not None}
    for node_id in conflicted:
        assert CONFLICT_TAG in merged.node(node_id).tags
    # A node only one side touched has that side's content (and conflicts leave it alone).
    for node in preorder(base.root):
        o, t, m = ours.get(node.id), theirs.get(node.id), merged.get(node.id)
        if o is None or t is None or node.id in conflicted:
            continue
        assert m is not None
        if _state(t) == _state(node):
            assert _state(m) == _state(o)
        elif _state(o) == _state(node):
            assert _state(m) == _state(t)
    # A subtree one side deleted and the other left exactly as it was is gone.
    for deleter, keeper in ((ours, theirs), (theirs, ours)):
        for node in preorder(base.root):
            kept = keeper.get(node.id)
            if node.id in deleter or kept is None:
                continue
            untouched = all(
                item.id in base
                and _state(base.node(item.id)) == _state(item)
                and _parent_id(base.node(item.id)) == _parent_id(item)
                for item in preorder(kept)
            )
            if untouched:
                assert node.id not in merged, node
    # Whatever either side added is there.
    for side in (ours, theirs):
        for node in preorder(side.root):
            if node.id not in base:
                assert node.id in merged
