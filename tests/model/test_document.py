"""The document: its id index, walks over suggestions, and copies with fresh ids."""

from __future__ import annotations

import pytest

from featuretree.model import Document, FeatureNode, Suggestion
from featuretree.model.annotations import ChangeEntry, DocumentMeta
from featuretree.model.text import clean_line, clean_text
from featuretree.model.tree import attach, preorder


def _doc() -> Document:
    root = FeatureNode("App", id="root")
    home = FeatureNode("首页", id="home", suggestions=[Suggestion(id="s1", text="加搜索")])
    feed = FeatureNode(
        "推荐",
        id="feed",
        notes="多行\n备注",
        tags=("主链路",),
        changelog=[ChangeEntry(summary="改版")],
        suggestions=[Suggestion(id="s2", text="降频"), Suggestion(id="s3", text="反馈")],
    )
    attach(home, root)
    attach(feed, home)
    return Document(root, meta=DocumentMeta(title="知乎"))


def test_index_finds_every_node() -> None:
    doc = _doc()
    assert len(doc) == 3
    assert doc.node("feed").title == "推荐"
    assert doc.get("missing") is None
    assert "home" in doc and "missing" not in doc
    with pytest.raises(KeyError):
        doc.node("missing")


def test_meta_title_defaults_to_root_title() -> None:
    assert Document(FeatureNode("产品", id="r")).meta.title == "产品"


def test_new_document_has_just_a_root() -> None:
    doc = Document.new("微信")
    assert doc.root.title == "微信" and len(doc) == 1 and not doc.root.kids


def test_new_id_is_unused() -> None:
    doc = _doc()
    fresh = {doc.new_id() for _ in range(100)}
    assert not fresh & {"root", "home", "feed"}


def test_register_refuses_a_duplicate_id() -> None:
    doc = _doc()
    with pytest.raises(ValueError, match="duplicate"):
        doc.register(FeatureNode("again", id="feed"))


def test_iter_and_find_suggestions() -> None:
    doc = _doc()
    assert [(n.id, s.id) for n, s in doc.iter_suggestions()] == [
        ("home", "s1"),
        ("feed", "s2"),
        ("feed", "s3"),
    ]
    node, index = doc.find_suggestion("s3")
    assert node.id == "feed" and index == 1
    assert doc.find_suggestion("nope") is None
    assert doc.node("feed").open_suggestions == 2


def test_clone_with_fresh_ids_copies_everything_but_ids() -> None:
    doc = _doc()
    copy = doc.clone_subtree(doc.node("home"))
    assert copy.parent is None
    originals = list(preorder(doc.node("home")))
    copies = list(preorder(copy))
    assert [n.title for n in copies] == [n.title for n in originals]
    for original, clone in zip(originals, copies):
        assert clone is not original
        assert clone.id not in doc
        assert (clone.notes, clone.tags, clone.status, clone.changelog) == (
            original.notes,
            original.tags,
            original.status,
            original.changelog,
        )
        assert [s.text for s in clone.suggestions] == [s.text for s in original.suggestions]
    suggestion_ids = [s.id for n in copies for s in n.suggestions]
    assert len(set(suggestion_ids)) == len(suggestion_ids) == 3
    assert not set(suggestion_ids) & {"s1", "s2", "s3"}
    node_ids = {n.id for n in copies}
    assert not node_ids & set(suggestion_ids)
    # the original is untouched
    assert [n.id for n in preorder(doc.node("home"))] == ["home", "feed"]


def test_clone_keeping_ids() -> None:
    doc = _doc()
    copy = doc.clone_subtree(doc.root, fresh_ids=False)
    assert [n.id for n in preorder(copy)] == ["root", "home", "feed"]
    assert copy.kids[0].parent is copy


def test_clone_of_a_deep_chain_does_not_recurse() -> None:
    root = FeatureNode("0", id="n0")
    node = root
    for i in range(1, 20_000):
        child = FeatureNode(str(i), id=f"n{i}")
        attach(child, node)
        node = child
    doc = Document(root)
    copy = doc.clone_subtree(root)
    assert sum(1 for _ in preorder(copy)) == 20_000


@pytest.mark.parametrize(
    ("raw", "line", "text"),
    [
        ("a\x1b[31mb", "a[31mb", "a[31mb"),
        ("x\r\ny", "x y", "x\ny"),
        ("  tab\there  ", "tab here", "  tab\there  "),
        ("lone \ud800 surrogate", "lone  surrogate", "lone  surrogate"),
        ("\x9bC1 control", "C1 control", "C1 control"),
    ],
)
def test_text_cleaning(raw: str, line: str, text: str) -> None:
    assert clean_line(raw) == line
    assert clean_text(raw) == text


def test_suggestion_lookup_follows_edits_undo_delete_and_paste() -> None:
    from featuretree.operations import History, annotate, structure

    doc = Document.new("App")
    history = History(doc)
    feature = history.do(structure.add_child(doc, doc.root.id, "首页")).focus_after
    history.do(annotate.add_suggestion(doc, feature, text="加筛选", id="sugg0001"))
    assert doc.find_suggestion("sugg0001") == (doc.node(feature), 0)

    history.do(annotate.cycle_priority(doc, "sugg0001"))
    assert doc.node(feature).suggestions[0].priority == "P3"
    history.undo()
    history.undo()
    assert doc.find_suggestion("sugg0001") is None  # the add was undone

    history.redo()
    copy = history.do(
        structure.paste(doc, doc.root.id, doc.clone_subtree(doc.node(feature), fresh_ids=False))
    )
    pasted = doc.node(copy.focus_after)
    pasted_id = pasted.suggestions[0].id
    assert pasted_id != "sugg0001"  # a pasted suggestion gets its own id
    assert doc.find_suggestion(pasted_id) == (pasted, 0)

    history.do(structure.delete(doc, feature))
    assert doc.find_suggestion("sugg0001") is None
    assert doc.new_id() != pasted_id
    history.undo()
    assert doc.find_suggestion("sugg0001") == (doc.node(feature), 0)


def test_a_prebuilt_index_serves_like_a_registered_one() -> None:
    built = _doc()
    nodes = {node.id: node for node in preorder(built.root)}
    owners = {s.id: node for node in preorder(built.root) for s in node.suggestions}
    doc = Document.from_indexed_tree(built.root, nodes=nodes, suggestion_owners=owners)
    assert doc.meta.title == "App" and doc.revisions == () and doc.warnings == []
    assert doc.node("feed").title == "推荐" and len(doc) == 3
    assert doc.find_suggestion("s3") == (doc.node("feed"), 1)
    assert doc.new_id() not in {"root", "home", "feed", "s1", "s2", "s3"}
    # Later edits keep it current, as with the constructor.
    extra = FeatureNode("新", id="extra", suggestions=[Suggestion(id="s4", text="x")])
    attach(extra, doc.root)
    doc.register(extra)
    assert doc.get("extra") is extra and doc.find_suggestion("s4") == (extra, 0)
    with pytest.raises(ValueError):
        doc.register(FeatureNode("dup", id="home"))
