"""Clearing a filter shows the tree as it was: the rows kept from before, or rebuilt when
the tree changed shape under the filter."""

from __future__ import annotations

from featuretree.model import FeatureNode
from featuretree.model.tree import attach, detach
from featuretree.view.outline import Outline


def _tree() -> FeatureNode:
    root = FeatureNode("App", id="root")
    for i in range(4):
        module = FeatureNode(f"模块{i}", id=f"m{i}")
        attach(module, root)
        for j in range(3):
            attach(FeatureNode(f"功能{i}-{j}", id=f"f{i}-{j}"), module)
    return root


def _fresh(root: FeatureNode, collapsed: set[FeatureNode]) -> tuple[list[str], list[int]]:
    outline = Outline(root, collapsed)
    return [n.id for n in outline.rows], outline.depths


def _shown(outline: Outline) -> tuple[list[str], list[int]]:
    return [n.id for n in outline.rows], outline.depths


def test_clearing_a_filter_restores_the_folding_and_rows() -> None:
    root = _tree()
    outline = Outline(root)
    outline.fold(root.kids[1])
    before = _shown(outline)
    keep = {root, root.kids[2], root.kids[2].kids[0]}
    outline.set_filter(keep)
    assert _shown(outline)[0] == ["root", "m2", "f2-0"]
    outline.fold(root.kids[2])  # folding under the filter is forgotten on clear
    outline.set_filter({root, root.kids[3]})  # a second filter replaces the first
    assert outline.clear_filter()
    assert _shown(outline) == before == _fresh(root, {root.kids[1]})
    assert outline.index_of(root.kids[3].kids[2]) == len(outline.rows) - 1


def test_a_node_added_or_removed_under_a_filter_is_there_or_gone_after_clearing() -> None:
    root = _tree()
    outline = Outline(root)
    outline.set_filter({root, root.kids[0]})
    added = FeatureNode("新功能", id="new")
    attach(added, root.kids[0])
    outline.inserted(added)
    gone = root.kids[3].kids[0]
    parent, index = gone.parent, 0
    detach(gone)
    outline.removed(gone, parent, index)
    assert outline.clear_filter()
    assert _shown(outline) == _fresh(root, set())
    assert "new" in _shown(outline)[0] and "f3-0" not in _shown(outline)[0]
