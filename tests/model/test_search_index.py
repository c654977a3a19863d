"""The search index: what `/` scans at 100,000 nodes finds exactly what walking the tree does."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from featuretree.model import Document, FeatureNode, Suggestion
from featuretree.model.annotations import Priority, SuggestionStatus
from featuretree.model.query import filter_keep, filter_nodes, parse_filter
from featuretree.model.search import Matches, SearchIndex, search
from featuretree.model.tree import attach
from featuretree.view.outline import Outline

ALPHABET = list("会员续费ＡａAb1１ ")
TAGS = [(), ("会员",), ("ＶＩＰ", "付费"), ("vip",), ("付费",)]


def _tree(titles: list[str], notes: list[str], shape: list[int]) -> Document:
    """A tree whose node ``i`` hangs under node ``shape[i] % i`` (any shape, any depth)."""
    root = FeatureNode("根", id="n0")
    nodes = [root]
    for i, title in enumerate(titles, start=1):
        node = FeatureNode(
            title,
            id=f"n{i}",
            notes=notes[i % len(notes)] if notes else "",
            tags=TAGS[i % len(TAGS)],
            # none, one or two suggestions of varied priority and status: a filter's
            # priority and status terms must hold for the same one
            suggestions=tuple(
                Suggestion(
                    id=f"s{i}-{k}",
                    text="建议" + title[::-1],
                    priority=list(Priority)[(i + k) % 2],
                    status=list(SuggestionStatus)[(i // 2 + 3 * k) % len(SuggestionStatus)],
                )
                for k in range(i % 3)
            ),
        )
        attach(node, nodes[shape[i % len(shape)] % i] if shape else root)
        nodes.append(node)
    return Document(root)


texts = st.text(alphabet=st.sampled_from(ALPHABET), max_size=6)
trees = st.builds(
    _tree,
    st.lists(texts, max_size=40),
    st.lists(texts, max_size=5),
    st.lists(st.integers(min_value=0, max_value=1000), max_size=40),
)


@settings(max_examples=150, deadline=None)
@given(trees, texts, texts, st.floats(min_value=0, max_value=0.001))
def test_a_grown_query_finds_what_a_fresh_search_finds(
    doc: Document, query: str, more: str, budget: float
) -> None:
    index = SearchIndex(doc.root)
    while not index.build(budget):  # built in slices, as the editor does
        pass
    first = Matches.from_index(doc, index, query)
    assert first.ids == search(doc, query)
    grown = Matches.from_index(doc, index, query + more, first)  # narrowed from `first`
    assert grown.ids == search(doc, query + more)
    assert len(grown) == len(search(doc, query + more))
    fewer = Matches.from_index(doc, index, query[:-1], grown)  # a backspace: searched afresh
    assert fewer.ids == search(doc, query[:-1])


@settings(max_examples=100, deadline=None)
@given(trees, texts, st.data())
def test_next_and_previous_match_are_those_of_the_plain_search(
    doc: Document, query: str, data: st.DataObject
) -> None:
    index = SearchIndex(doc.root)
    index.build()
    fast, plain = Matches.from_index(doc, index, query), Matches(doc, query)
    ids = [node.id for node in index.nodes]
    current = data.draw(st.sampled_from(ids))
    for direction in (1, -1):
        assert fast.step(current, direction) == plain.step(current, direction)
    assert fast.position(current) == plain.position(current)


def test_matches_from_the_index_step_and_wrap() -> None:
    doc = _tree(["会员", "首页", "自动续费 会员", "我的"], [], [0, 0, 1, 0, 0])
    index = SearchIndex(doc.root)
    index.build()
    found = Matches.from_index(doc, index, "会员")
    assert found.ids == ["n1", "n3"] and len(found) == 2
    assert found.step("n1") == "n3" and found.step("n3") == "n1"  # wraps
    assert found.step("n2") == "n3" and found.step("n2", -1) == "n1"
    assert found.step("n4") == "n1" and found.step("n4", -1) == "n3"
    assert found.position("n3") == 1 and found.position("n2") is None


@settings(max_examples=100, deadline=None)
@given(
    trees,
    st.sampled_from(
        ["会员", "priority:P0", "-会员", "1 -priority:P0", "ａ", "zz", "has:suggestions"]
        + ["-has:suggestions 1", "status:existing", "-status:new", "has:notes,tags", "has:notes"]
        + ["priority:P0 status:open", "p:1 sstatus:done,rejected 会", "-priority:P1 -has:notes"]
        + ["has:changelog", "-has:tags", "status:open -p:0", "-会员 p:0 p:0,1", "会 -status:new"]
        + ["p:0 has:notes", "p:1 -status:existing,changed", "tag:vip", "-#付费", "会 tag:会员,vip"]
        + ["p:0 -tag:会员", "#VIP has:notes"]
    ),
)
def test_a_filter_from_the_index_shows_what_the_filter_keeps(doc: Document, query: str) -> None:
    flt = parse_filter(query)
    index = SearchIndex(doc.root)
    index.build()
    kept = filter_keep(doc, flt, index)
    assert {node.id for node in kept.nodes} == filter_nodes(doc, flt)
    assert [node.id for node in kept.matching] == [n.id for n in index.nodes if flt.matches(n)]
    walked = filter_keep(doc, flt)  # walking the tree instead of the index
    assert (walked.nodes, walked.matching) == (kept.nodes, kept.matching)
    outline = Outline(doc.root)
    outline.set_filter(kept.nodes)  # the rows as the outline works them out itself
    if kept.nodes:
        assert kept.rows == (outline.rows, outline.depths)


@settings(max_examples=100, deadline=None)
@given(trees, st.lists(texts, min_size=1, max_size=25))
def test_a_filter_typed_and_retyped_on_one_index_keeps_what_a_fresh_filter_does(
    doc: Document, typed: list[str]
) -> None:
    # One index for every query, as in the editor: the words it remembers (a word grown
    # from a remembered one is looked for in that one's nodes only) change nothing.
    index = SearchIndex(doc.root)
    index.build()
    for text in typed:
        for query in (text, f"{text} {text[:2]}", f"{text[1:]} -{text[:1]}"):
            flt = parse_filter(query.replace('"', ""))
            kept = filter_keep(doc, flt, index)
            assert {node.id for node in kept.nodes} == filter_nodes(doc, flt)
