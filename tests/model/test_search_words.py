"""A search of several words finds the nodes holding every word, in any order, anywhere
in their texts: a PM types ``质检 结果`` for ``质检结果登记`` (it found nothing before)."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from featuretree.model import Document, FeatureNode
from featuretree.model.search import Matches, SearchIndex, matched_fields, search, title_spans
from featuretree.model.tree import attach


def _doc(*nodes: tuple[str, str]) -> Document:
    root = FeatureNode("仓储管理系统", id="root")
    for number, (title, notes) in enumerate(nodes):
        attach(FeatureNode(title, id=f"n{number}", notes=notes), root)
    return Document(root)


def test_words_typed_apart_find_a_title_that_writes_them_together() -> None:
    doc = _doc(("质检结果登记", ""), ("质检方式", ""), ("结果 导出", ""))
    assert search(doc, "质检 结果") == ["n0"]
    assert search(doc, "结果 质检") == ["n0"]  # any order
    assert search(doc, "质检\u3000结果") == ["n0"]  # an IME's full-width space
    assert search(doc, "质检 xyz") == []


def test_the_words_may_be_in_different_texts_of_a_node() -> None:
    doc = _doc(("盲收", "无单收货，事后补录 ASN"), ("收货差异处理", ""))
    assert search(doc, "盲收 asn") == ["n0"]
    node = doc.node("n0")
    assert matched_fields(node, "盲收 asn") == ["title", "notes"]


def test_each_word_is_highlighted_in_the_title() -> None:
    doc = _doc(("质检结果登记", ""))
    node = doc.node("n0")
    assert title_spans(node, "登记 质检") == [(0, 2), (4, 6)]
    assert title_spans(node, "质检 检结") == [(0, 3)]  # overlapping words: one span
    assert title_spans(node, "质检 方式") == []  # not a match: nothing lit


def test_the_index_finds_what_the_plain_search_finds_for_words() -> None:
    doc = _doc(("质检结果登记", ""), ("质检方式", "结果"), ("结果", ""))
    index = SearchIndex(doc.root)
    index.build()
    first = Matches.from_index(doc, index, "质检")
    grown = Matches.from_index(doc, index, "质检 结果", first)  # narrowed from `first`
    assert grown.ids == ["n0", "n1"]
    other = Matches.from_index(doc, index, "质 果", grown)
    assert other.ids == ["n0", "n1"]


WORDS = ["质检", "结果", "登记", "ab", "AB", "ｂ"]


@settings(max_examples=80, deadline=None)
@given(
    st.lists(st.lists(st.sampled_from(WORDS), max_size=3), min_size=1, max_size=8),
    st.lists(st.sampled_from(WORDS), min_size=1, max_size=3),
)
def test_a_search_of_words_is_the_nodes_every_word_finds(
    titles: list[list[str]], query: list[str]
) -> None:
    doc = _doc(*(("".join(title), "") for title in titles))
    alone = [set(search(doc, word)) for word in query]
    expected = [node_id for node_id in search(doc, query[0]) if all(node_id in s for s in alone)]
    assert search(doc, " ".join(query)) == expected
