"""Search and the filter language: what `/` and `f` find in a document."""

from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from featuretree.model import ChangeEntry, Document, FeatureNode, FeatureStatus, Suggestion
from featuretree.model.annotations import Priority, SuggestionStatus
from featuretree.model.query import (
    FilterError,
    filter_nodes,
    matching_nodes,
    normalize,
    parse_filter,
    search,
    text_spans,
    title_spans,
)
from featuretree.model.tree import attach, preorder


def _suggestion(sid: str, text: str, priority: str = "P2", status: str = "proposed") -> Suggestion:
    return Suggestion(
        id=sid, text=text, priority=Priority(priority), status=SuggestionStatus(status)
    )


@pytest.fixture
def doc() -> Document:
    root = FeatureNode("知乎 App", id="root")
    home = FeatureNode("首页", id="home", tags=("主链路",), notes="推荐 / 关注 / 热榜")
    feed = FeatureNode(
        "推荐流",
        id="feed",
        status=FeatureStatus.CHANGED,
        suggestions=(
            _suggestion("s1", "降低故事插入频次", "P0", "done"),
            _suggestion("s2", "Add a Feedback button", "P1", "proposed"),
        ),
    )
    vip = FeatureNode("会员", id="vip", tags=("会员", "收入"), status=FeatureStatus.NEW)
    renew = FeatureNode(
        "自动续费",
        id="renew",
        tags=("会员",),
        suggestions=(_suggestion("s3", "续费前三天提醒", "P0", "proposed"),),
        changelog=(ChangeEntry(summary="新增 Apple 订阅", date=dt.date(2026, 1, 2)),),
    )
    me = FeatureNode("我的 ＡＢＣ", id="me")
    attach(home, root)
    attach(feed, home)
    attach(vip, root)
    attach(renew, vip)
    attach(me, root)
    return Document(root)


# -- search ------------------------------------------------------------------------------


def test_search_finds_every_kind_of_text_in_document_order(doc: Document) -> None:
    assert search(doc, "会员") == ["vip", "renew"]  # title and tag
    assert search(doc, "热榜") == ["home"]  # notes
    assert search(doc, "故事") == ["feed"]  # suggestion text
    assert search(doc, "apple") == ["renew"]  # change-log summary, case-insensitive
    assert search(doc, "FEEDBACK") == ["feed"]


def test_search_ignores_width_and_case(doc: Document) -> None:
    assert search(doc, "abc") == ["me"]  # the title holds full-width ＡＢＣ
    assert search(doc, "ｆｅｅｄｂａｃｋ") == ["feed"]


def test_blank_search_finds_nothing(doc: Document) -> None:
    assert search(doc, "") == []
    assert search(doc, "   ") == []


def test_title_spans_point_at_the_original_characters() -> None:
    node = FeatureNode("我的 ＡＢＣ 与 abc", id="x")
    spans = title_spans(node, "abc")
    assert [node.title[a:b] for a, b in spans] == ["ＡＢＣ", "abc"]


def test_text_spans_handle_expanding_case_folds() -> None:
    # "ß" folds to "ss": a match on "ss" must cover the one original character
    assert text_spans("Straße", "SS") == [(4, 5)]
    assert text_spans("Straße", "strasse") == [(0, 6)]


def test_text_spans_match_decomposed_accents() -> None:
    title = "Cafe\u0301 menu"
    spans = text_spans(title, "café")
    assert spans == [(0, 5)]


@settings(max_examples=80, deadline=None)
@given(st.text(max_size=30), st.text(min_size=1, max_size=4))
def test_spans_are_ordered_disjoint_and_in_bounds(text: str, needle: str) -> None:
    spans = text_spans(text, needle)
    last = 0
    for start, end in spans:
        assert last <= start < end <= len(text)
        last = end
    if (
        normalize(needle.strip())
        and normalize(needle.strip()) in normalize(text)
        and text.isascii()
    ):
        assert spans


# -- filter language -----------------------------------------------------------------------


def test_priority_and_status_must_hold_for_the_same_suggestion(doc: Document) -> None:
    # feed has a P0 that is done and a P1 that is proposed: no *open P0* there
    assert matching_nodes(doc, parse_filter("priority:P0 status:open")) == ["renew"]
    assert matching_nodes(doc, parse_filter("priority:P0")) == ["feed", "renew"]
    assert matching_nodes(doc, parse_filter("p:0 sstatus:done")) == ["feed"]


def test_status_takes_feature_and_suggestion_values(doc: Document) -> None:
    assert matching_nodes(doc, parse_filter("status:new")) == ["vip"]
    assert matching_nodes(doc, parse_filter("status:changed,new")) == ["feed", "vip"]
    assert matching_nodes(doc, parse_filter("status:proposed")) == ["feed", "renew"]


def test_chinese_keys_and_values_mean_the_same_as_english(doc: Document) -> None:
    assert matching_nodes(doc, parse_filter("优先级:P0 状态:待评估")) == ["renew"]
    assert matching_nodes(doc, parse_filter("优先级：P0")) == [
        "feed",
        "renew",
    ]  # a full-width colon
    assert matching_nodes(doc, parse_filter("标签:会员 -标签:收入")) == ["renew"]
    assert matching_nodes(doc, parse_filter("状态:新增")) == ["vip"]
    assert matching_nodes(doc, parse_filter("建议状态:已完成")) == ["feed"]
    assert matching_nodes(doc, parse_filter("有:备注")) == ["home"]
    assert parse_filter("会员:年费").words == ("会员:年费",)  # not a key: plain text still


def test_filter_errors_carry_a_code_for_the_ui_language() -> None:
    from featuretree.i18n import error_text, set_language

    with pytest.raises(FilterError) as caught:
        parse_filter("prio:P0")
    assert caught.value.code == "filter_unknown_key"
    set_language("zh")
    try:
        assert error_text(caught.value).startswith("没有“prio:”这个筛选条件")
    finally:
        set_language("en")
    assert error_text(caught.value) == str(caught.value)


def test_tags_comma_or_and_negation(doc: Document) -> None:
    assert matching_nodes(doc, parse_filter("tag:会员")) == ["vip", "renew"]
    assert matching_nodes(doc, parse_filter("#会员 -#收入")) == ["renew"]
    assert matching_nodes(doc, parse_filter("tag:收入,主链路")) == ["home", "vip"]
    assert matching_nodes(doc, parse_filter("priority:P0,P1 -status:done")) == ["renew"]


def test_has_and_words(doc: Document) -> None:
    assert matching_nodes(doc, parse_filter("has:notes")) == ["home"]
    assert matching_nodes(doc, parse_filter("has:changelog")) == ["renew"]
    assert matching_nodes(doc, parse_filter("has:suggestions 续费")) == ["renew"]
    assert matching_nodes(doc, parse_filter('"feedback button"')) == ["feed"]
    assert matching_nodes(doc, parse_filter("-has:suggestions 会员")) == ["vip"]


def test_input_method_punctuation_means_the_same(doc: Document) -> None:
    assert matching_nodes(doc, parse_filter("tag：会员 ｐ：０")) == ["renew"]
    assert matching_nodes(doc, parse_filter("“feedback button”")) == ["feed"]


def test_filter_keeps_ancestors_of_matches(doc: Document) -> None:
    assert filter_nodes(doc, parse_filter("priority:P0 status:open")) == {"root", "vip", "renew"}
    assert filter_nodes(doc, parse_filter("故事")) == {"root", "home", "feed"}
    assert filter_nodes(doc, parse_filter("nothing-like-this")) == set()


def test_empty_filter_keeps_everything(doc: Document) -> None:
    flt = parse_filter("   ")
    assert flt.is_empty
    assert filter_nodes(doc, flt) == {n.id for n in preorder(doc.root)}


@pytest.mark.parametrize(
    ("query", "message"),
    [
        ("foo:bar", "unknown filter key 'foo:'"),
        ("priority:P9", "priority must be P0–P3"),
        ("p:high", "priority must be P0–P3"),
        ("status:sleeping", "unknown status 'sleeping'"),
        ("status:new,done", "mixes feature and suggestion statuses"),
        ("sstatus:new", "unknown suggestion status 'new'"),
        ("has:cats", "has: takes notes"),
        ("tag:", "tag: needs a value"),
        ('"open quote', "quote"),
    ],
)
def test_bad_queries_say_what_is_wrong(query: str, message: str) -> None:
    with pytest.raises(FilterError, match=message) as info:
        parse_filter(query)
    assert "\n" not in str(info.value)


def test_deep_tree_is_filtered_without_recursion() -> None:
    root = FeatureNode("root", id="n0")
    parent = root
    for i in range(1, 20_000):
        node = FeatureNode(f"n{i}", id=f"n{i}")
        attach(node, parent)
        parent = node
    parent.tags = ("leaf",)
    doc = Document(root)
    kept = filter_nodes(doc, parse_filter("tag:leaf"))
    assert len(kept) == 20_000
    assert search(doc, "n19999") == ["n19999"]


@settings(max_examples=40, deadline=None)
@given(st.lists(st.sampled_from(["P0", "P1", "P2", "P3"]), min_size=1, max_size=4))
def test_priority_or_matches_any_listed(priorities: list[str]) -> None:
    root = FeatureNode("r", id="r")
    for i, p in enumerate(["P0", "P1", "P2", "P3"]):
        attach(FeatureNode(p, id=f"n{i}", suggestions=(_suggestion(f"s{i}", "x", p),)), root)
    doc = Document(root)
    found = matching_nodes(doc, parse_filter("priority:" + ",".join(priorities)))
    assert sorted(doc.node(i).title for i in found) == sorted(set(priorities))


def test_matches_suggestion_tests_one_suggestion(doc: Document) -> None:
    feed = doc.node("feed")
    done_p0, open_p1 = feed.suggestions
    flt = parse_filter("priority:P0,P1 status:open feedback")
    assert not flt.matches_suggestion(feed, done_p0)
    assert flt.matches_suggestion(feed, open_p1)
    assert not parse_filter("-feedback").matches_suggestion(feed, open_p1)
    assert parse_filter("推荐流 status:changed").matches_suggestion(
        feed, done_p0
    )  # node title and status


def test_matches_step_wraps_and_starts_from_any_node(doc: Document) -> None:
    from featuretree.model.query import Matches

    found = Matches(doc, "会员")
    assert found.ids == ["vip", "renew"]
    assert found.step("vip") == "renew"
    assert found.step("renew") == "vip"  # wraps
    assert found.step("vip", -1) == "renew"
    assert found.step("home") == "vip"  # from a non-match: the next one in document order
    assert found.step("me", -1) == "renew"
    assert found.step("me") == "vip"  # past the last one: wrap to the first
    assert found.position("renew") == 1 and found.position("home") is None
    assert Matches(doc, "zzz").step("home") is None


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet=st.sampled_from(list('pP0129 :,-#"“”：tagsuhorwx会员新\t')), max_size=24))
def test_any_query_parses_or_says_why(query: str) -> None:
    try:
        flt = parse_filter(query)
    except FilterError as exc:
        assert str(exc) and "\n" not in str(exc)
        return
    root = FeatureNode("会员", id="r", tags=("会员",), suggestions=(_suggestion("s", "x", "P0"),))
    flt.matches(root)  # a parsed filter can always be applied


def test_search_sees_edits_made_through_operations(doc: Document) -> None:
    from featuretree.operations import History, annotate

    history = History(doc)
    assert search(doc, "退款") == []  # fills the per-node cache
    history.do(annotate.add_suggestion(doc, "me", text="支持退款"))
    assert search(doc, "退款") == ["me"]
    history.do(annotate.rename(doc, "home", "退款入口"))
    assert search(doc, "退款") == ["home", "me"]
    history.undo()
    history.undo()
    assert search(doc, "退款") == []


def test_control_characters_in_the_search_text_are_ignored(doc: Document) -> None:
    assert search(doc, "会\x00员") == ["vip", "renew"]
    assert search(doc, "\x00") == []
