"""Tree helpers: iterative walks and O(1) structural edits, at any depth."""

from __future__ import annotations

import pytest

from featuretree.model import FeatureNode
from featuretree.model.tree import (
    ancestors,
    attach,
    depth_of,
    detach,
    height,
    index_in_parent,
    is_ancestor,
    postorder,
    preorder,
    preorder_with_depth,
    subtree_size,
)


def _tree() -> dict[str, FeatureNode]:
    """app(a(a1, a2), b(b1(b11)), c)"""
    nodes = {
        name: FeatureNode(name, id=name) for name in ("app", "a", "a1", "a2", "b", "b1", "b11", "c")
    }
    for child, parent in [
        ("a", "app"),
        ("a1", "a"),
        ("a2", "a"),
        ("b", "app"),
        ("b1", "b"),
        ("b11", "b1"),
        ("c", "app"),
    ]:
        attach(nodes[child], nodes[parent])
    return nodes


def _titles(nodes) -> list[str]:
    return [n.title for n in nodes]


def test_preorder_is_document_order() -> None:
    t = _tree()
    assert _titles(preorder(t["app"])) == ["app", "a", "a1", "a2", "b", "b1", "b11", "c"]


def test_preorder_with_depth() -> None:
    t = _tree()
    assert [(n.title, d) for n, d in preorder_with_depth(t["b"])] == [
        ("b", 0),
        ("b1", 1),
        ("b11", 2),
    ]


def test_postorder_puts_children_first_in_order() -> None:
    t = _tree()
    assert _titles(postorder(t["app"])) == ["a1", "a2", "a", "b11", "b1", "b", "c", "app"]


def test_depth_ancestors_height_size() -> None:
    t = _tree()
    assert depth_of(t["b11"]) == 3
    assert depth_of(t["app"]) == 0
    assert _titles(ancestors(t["b11"])) == ["app", "b", "b1"]
    assert height(t["app"]) == 3
    assert height(t["c"]) == 0
    assert subtree_size(t["app"]) == 8
    assert subtree_size(t["b"]) == 3


def test_is_ancestor_includes_self() -> None:
    t = _tree()
    assert is_ancestor(t["b"], t["b11"])
    assert is_ancestor(t["b"], t["b"])
    assert not is_ancestor(t["b11"], t["b"])
    assert not is_ancestor(t["a"], t["b1"])


def test_attach_at_index_and_detach_report_positions() -> None:
    t = _tree()
    new = FeatureNode("new", id="new")
    attach(new, t["app"], 1)
    assert _titles(t["app"].kids) == ["a", "new", "b", "c"]
    assert new.parent is t["app"]
    assert index_in_parent(new) == 1
    assert detach(new) == 1
    assert new.parent is None
    assert _titles(t["app"].kids) == ["a", "b", "c"]
    # anytree's own view agrees with the fast path
    assert t["app"].children == tuple(t["app"].kids)


def test_attach_index_past_the_end_appends() -> None:
    t = _tree()
    new = FeatureNode("new", id="new")
    attach(new, t["a"], 99)
    assert _titles(t["a"].kids) == ["a1", "a2", "new"]


def test_detach_root_is_refused() -> None:
    with pytest.raises(ValueError):
        detach(FeatureNode("root", id="r"))


def test_walks_do_not_recurse_on_a_deep_chain() -> None:
    root = FeatureNode("0", id="n0")
    node = root
    for i in range(1, 50_000):
        child = FeatureNode(str(i), id=f"n{i}")
        attach(child, node)
        node = child
    assert subtree_size(root) == 50_000
    assert height(root) == 49_999
    assert depth_of(node) == 49_999
    assert len(ancestors(node)) == 49_999
    assert sum(1 for _ in postorder(root)) == 50_000
    assert is_ancestor(root, node)
