"""A node's links: searchable like every other text a node carries; copied with the node."""

from __future__ import annotations

from featuretree.formats.errors import NOT_IMPORTED
from featuretree.i18n import CATALOGUES
from featuretree.model.annotations import Link
from featuretree.model.document import Document
from featuretree.model.node import FeatureNode
from featuretree.model.search import matched_fields, search
from featuretree.model.tree import attach


def _doc() -> Document:
    root = FeatureNode("App", id="app")
    attach(
        FeatureNode(
            "搜索", id="s", links=[Link(title="搜索 PRD", url="https://wiki.example.com/prd/42")]
        ),
        root,
    )
    return Document(root)


def test_search_finds_a_link_by_url_and_title() -> None:
    # Imported links used to be note text and were found; as links they still are.
    doc = _doc()
    assert search(doc, "wiki.example.com") == ["s"]
    assert search(doc, "PRD") == ["s"]
    assert matched_fields(doc.node("s"), "prd/42") == ["links"]


def test_a_copied_node_keeps_its_links() -> None:
    doc = _doc()
    copy = doc.clone_subtree(doc.node("s"))
    assert copy.links == doc.node("s").links


def test_every_not_imported_kind_can_be_said_in_every_language() -> None:
    for language, catalogue in CATALOGUES.items():
        assert "import.not_imported" in catalogue, language
        for kind in NOT_IMPORTED:
            assert f"import.not_imported.{kind}" in catalogue, (language, kind)
