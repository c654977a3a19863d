"""Editing what a node says, its change log, its suggestions and the document's metadata."""

from __future__ import annotations

import datetime as dt

import pytest

from featuretree.formats.json_format import document_from_data, write_json
from featuretree.model import Document, FeatureStatus, Priority, SuggestionStatus
from featuretree.operations import History, OperationError
from featuretree.operations import annotate as ops


def _doc() -> Document:
    return document_from_data(
        {
            "title": "app",
            "id": "app",
            "children": [
                {
                    "title": "feed",
                    "id": "feed",
                    "changelog": [{"summary": "old entry", "date": "2026-01-01"}],
                    "suggestions": [{"id": "s1", "text": "降低插入频次", "priority": "P1"}],
                }
            ],
        }
    )


def _roundtrip(doc: Document, command) -> None:
    """Do, undo (bytes restored), redo (same edited bytes)."""
    history = History(doc)
    before = write_json(doc)
    history.do(command)
    after = write_json(doc)
    assert after != before
    history.undo()
    assert write_json(doc) == before
    history.redo()
    assert write_json(doc) == after


def test_rename_cleans_the_title() -> None:
    doc = _doc()
    _roundtrip(doc, ops.rename(doc, "feed", " 推荐流\x1b[2J\n第二行 "))
    assert doc.node("feed").title == "推荐流[2J 第二行"


def test_notes_tags_status() -> None:
    doc = _doc()
    _roundtrip(doc, ops.set_notes(doc, "feed", "line 1\r\nline 2"))
    assert doc.node("feed").notes == "line 1\nline 2"
    _roundtrip(doc, ops.set_tags(doc, "feed", ["核心", " 核心 ", "", "P0"]))
    assert doc.node("feed").tags == ("核心", "P0")
    _roundtrip(doc, ops.set_status(doc, "feed", "new"))
    assert doc.node("feed").status is FeatureStatus.NEW


def test_unknown_status_is_refused() -> None:
    doc = _doc()
    with pytest.raises(OperationError, match="unknown status 'shiny'"):
        ops.set_status(doc, "feed", "shiny")


def test_cycle_status_goes_round() -> None:
    doc = _doc()
    history = History(doc)
    seen = []
    for _ in range(4):
        history.do(ops.cycle_status(doc, "feed"))
        seen.append(doc.node("feed").status.value)
    assert seen == ["new", "changed", "deprecated", "existing"]


def test_changelog_add_edit_delete() -> None:
    doc = _doc()
    _roundtrip(doc, ops.add_change(doc, "feed", summary="新增入口", version="v2.0"))
    entries = doc.node("feed").changelog
    assert [e.summary for e in entries] == ["新增入口", "old entry"]  # newest first
    assert entries[0].date == dt.date.today()
    _roundtrip(doc, ops.edit_change(doc, "feed", 1, author="林晓"))
    assert doc.node("feed").changelog[1].author == "林晓"
    assert doc.node("feed").changelog[1].summary == "old entry"
    _roundtrip(doc, ops.delete_change(doc, "feed", 0))
    assert [e.summary for e in doc.node("feed").changelog] == ["old entry"]


@pytest.mark.parametrize(
    ("build", "message"),
    [
        (lambda d: ops.add_change(d, "feed", summary=""), "summary"),
        (lambda d: ops.add_change(d, "feed", summary="x", date="yesterday"), "date"),
        (lambda d: ops.add_change(d, "feed", summary="x", colour="red"), "colour"),
        (lambda d: ops.edit_change(d, "feed", 5, summary="x"), "no change-log entry #6"),
        (lambda d: ops.delete_change(d, "feed", -1), "no change-log entry"),
        (lambda d: ops.add_suggestion(d, "feed", text="x", priority="P7"), "priority"),
        (lambda d: ops.add_suggestion(d, "feed", text=""), "text"),
        (lambda d: ops.edit_suggestion(d, "nope", text="x"), "no suggestion with id 'nope'"),
        (lambda d: ops.delete_suggestion(d, "nope"), "no suggestion"),
        (lambda d: ops.rename(d, "ghost", "x").apply(d), "no node"),
        (lambda d: ops.add_revision(d, version=""), "version"),
        (lambda d: ops.edit_revision(d, 0, summary="x"), "no revision #1"),
        (lambda d: ops.edit_meta(d, product=["not", "text"]), "product"),
    ],
)
def test_invalid_annotations_are_refused(build, message: str) -> None:
    doc = _doc()
    before = write_json(doc)
    with pytest.raises(OperationError, match=message):
        build(doc)
    assert write_json(doc) == before


def test_suggestions_add_edit_cycle_delete() -> None:
    doc = _doc()
    command = ops.add_suggestion(
        doc, "feed", text="加反馈按钮", rationale="用户无处表达不满", priority="P0"
    )
    _roundtrip(doc, command)
    added = doc.node("feed").suggestions[-1]
    assert added.id != "s1" and added.priority is Priority.P0
    _roundtrip(doc, ops.edit_suggestion(doc, added.id, text="加「不感兴趣」按钮", id="hijack"))
    assert doc.find_suggestion(added.id) is not None  # the id stays
    _roundtrip(doc, ops.cycle_priority(doc, "s1"))
    assert doc.node("feed").suggestions[0].priority is Priority.P2
    _roundtrip(doc, ops.cycle_suggestion_status(doc, "s1"))
    assert doc.node("feed").suggestions[0].status is SuggestionStatus.ACCEPTED
    _roundtrip(doc, ops.delete_suggestion(doc, "s1"))
    assert [s.id for s in doc.node("feed").suggestions] == [added.id]


def test_suggestion_status_cycles_through_all_five() -> None:
    doc = _doc()
    history = History(doc)
    seen = []
    for _ in range(5):
        history.do(ops.cycle_suggestion_status(doc, "s1"))
        seen.append(doc.node("feed").suggestions[0].status.value)
    assert seen == ["accepted", "in_progress", "done", "rejected", "proposed"]


def test_meta_and_revisions() -> None:
    doc = _doc()
    _roundtrip(doc, ops.edit_meta(doc, product="知乎", app_version="10.2"))
    # The title is untouched: still the root's (none of its own).
    assert (doc.meta.product, doc.meta.title or doc.root.title) == ("知乎", "app")
    _roundtrip(doc, ops.add_revision(doc, version="v1.0", summary="初版"))
    _roundtrip(doc, ops.edit_revision(doc, 0, author="林晓"))
    assert doc.revisions[0].author == "林晓"
    _roundtrip(doc, ops.delete_revision(doc, 0))
    assert doc.revisions == ()


def test_set_node_field_refuses_unknown_fields() -> None:
    with pytest.raises(OperationError):
        ops.SetNodeField("feed", "colour", "red")


# -- links ----------------------------------------------------------------------------


def test_links_are_added_edited_and_deleted_undoably() -> None:
    doc = _doc()
    plain = write_json(doc)
    assert b'"links"' not in plain  # files without links are written as before
    _roundtrip(doc, ops.add_link(doc, "feed", "https://example.com/prd", title="推荐流 PRD"))
    feed = doc.node("feed")
    assert [(k.title, k.url) for k in feed.links] == [("推荐流 PRD", "https://example.com/prd")]
    saved = write_json(doc)
    assert document_from_data(__import__("json").loads(saved)).node("feed").links == feed.links
    _roundtrip(doc, ops.edit_link(doc, "feed", 0, url="https://example.com/prd-v2"))
    assert feed.links[0].url == "https://example.com/prd-v2"
    assert feed.links[0].title == "推荐流 PRD"
    _roundtrip(doc, ops.delete_link(doc, "feed", 0))
    assert feed.links == ()
    assert write_json(doc) == plain


def test_a_link_needs_a_url() -> None:
    doc = _doc()
    with pytest.raises(OperationError):
        ops.add_link(doc, "feed", "  ", title="nothing")
    with pytest.raises(OperationError):
        ops.edit_link(doc, "feed", 0, url="x")
