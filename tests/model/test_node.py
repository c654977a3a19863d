"""``trusted_node`` (the readers' fast constructor) makes what ``FeatureNode(...)`` makes."""

from __future__ import annotations

import datetime as dt

from featuretree.model import ChangeEntry, FeatureNode, FeatureStatus, Suggestion
from featuretree.model.node import trusted_node
from featuretree.model.tree import attach, preorder


def test_trusted_node_has_exactly_the_attributes_init_sets() -> None:
    entry = ChangeEntry(summary="改版", date=dt.date(2026, 1, 2))
    suggestion = Suggestion(id="s1", text="快一点", created=dt.date(2026, 1, 2))
    args = ("标题", "n1", "备注", ("a", "b"), FeatureStatus.NEW, (entry,), (suggestion,))
    made = FeatureNode(
        args[0],
        id=args[1],
        notes=args[2],
        tags=args[3],
        status=args[4],
        changelog=args[5],
        suggestions=args[6],
    )
    fast = trusted_node(*args)
    # Same names, same order (one shared key layout), same values.
    assert list(vars(fast).items()) == list(vars(made).items())
    assert type(fast) is FeatureNode and fast.parent is None and fast.kids == []


def test_trusted_node_takes_part_in_a_tree() -> None:
    root = trusted_node("root", "r", "", (), FeatureStatus.EXISTING, (), ())
    child = trusted_node("child", "c", "", (), FeatureStatus.EXISTING, (), ())
    attach(child, root)
    assert child.parent is root and [n.id for n in preorder(root)] == ["r", "c"]
    assert root.children == (child,) and child.path == (root, child)
