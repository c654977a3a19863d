"""A colleague's XMind keeps its summaries, boundaries and relationships when saved back.

The editor shows none of them. They are carried with the topics they span or join and
written back while those are there; what cannot be written (a relationship whose end
was deleted, a summary whose topics were all moved away) is named by the save's
question, in the UI's language, and nothing else is.
"""

from __future__ import annotations

import io
import json
import zipfile
from pathlib import Path
from typing import Any

import pytest

from featuretree import formats
from featuretree.formats import loss, registry
from featuretree.i18n import current_language, set_language
from featuretree.model.document import Document
from featuretree.operations import annotate, structure

XMIND = registry.by_name("xmind")

_BOUNDARY = {"id": "bd1", "range": "(1,2)", "title": "二期", "style": {"properties": {"x": 1}}}
_SUMMARY = {"id": "sm1", "range": "(0,1)", "topicId": "st1"}
_SUMMARY_TOPIC = {
    "id": "st1",
    "title": "核心体验",
    "children": {"attached": [{"id": "st2", "title": "留存"}]},
}
_FLOATING = {"id": "f", "title": "备忘", "position": {"x": 0, "y": 300}}
_RELATIONSHIPS = [
    {"id": "r1", "end1Id": "a", "end2Id": "c", "title": "依赖"},
    {"id": "r2", "end1Id": "c", "end2Id": "f"},  # to the floating topic
    {"id": "r3", "end1Id": "d", "end2Id": "st1"},  # to the summary topic
    {"id": "r4", "end1Id": "c", "end2Id": "bd1"},  # to the boundary
]


def _map(summary: dict[str, str] = _SUMMARY) -> bytes:
    root = {
        "id": "r",
        "class": "topic",
        "title": "产品",
        "boundaries": [_BOUNDARY],
        "summaries": [summary],
        "children": {
            "attached": [
                {"id": "a", "class": "topic", "title": "搜索"},
                {"id": "b", "class": "topic", "title": "推荐"},
                {"id": "c", "class": "topic", "title": "消息"},
                {"id": "d", "class": "topic", "title": "设置"},
            ],
            "summary": [_SUMMARY_TOPIC],
            "detached": [_FLOATING],
        },
    }
    sheet = {"id": "s", "class": "sheet", "title": "产品", "rootTopic": root}
    sheet["relationships"] = _RELATIONSHIPS
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("content.json", json.dumps([sheet], ensure_ascii=False))
    return buffer.getvalue()


def _sheet(data: bytes) -> dict[str, Any]:
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        return json.loads(archive.read("content.json"))[0]


def _lost(doc: Document, *, over_source: bool = True) -> dict[str, int]:
    return loss.losses(doc, XMIND, overwriting_source=over_source)


def _via_json(doc: Document) -> Document:
    """``doc`` saved as featuretree JSON and opened again."""
    return formats.loads(formats.dumps(doc, "json"), "json")


def test_saved_back_after_an_edit_they_are_all_there_and_nothing_is_named() -> None:
    doc = formats.loads(_map(), "xmind")
    # Not in the editor, so said on opening; kept all the same.
    assert doc.not_imported == {
        "floating_topic": 1,
        "summary": 2,
        "boundary": 1,
        "relationship": 4,
    }
    annotate.rename(doc, "a", "全局搜索").apply(doc)
    sheet = _sheet(formats.dumps(doc, "xmind"))
    root = sheet["rootTopic"]
    assert root["boundaries"] == [_BOUNDARY]
    assert root["summaries"] == [_SUMMARY]
    assert root["children"]["summary"] == [_SUMMARY_TOPIC]
    assert root["children"]["detached"] == [_FLOATING]
    assert sheet["relationships"] == _RELATIONSHIPS
    assert _lost(doc) == {}
    assert _lost(doc, over_source=False) == {}


def test_they_follow_their_topics_when_a_sibling_before_them_is_deleted() -> None:
    doc = formats.loads(_map(), "xmind")
    structure.delete(doc, "a").apply(doc)
    sheet = _sheet(formats.dumps(doc, "xmind"))
    root = sheet["rootTopic"]
    # 推荐 and 消息 are the first two children now; the summary keeps 推荐, all of it
    # that is left.
    assert root["boundaries"] == [{**_BOUNDARY, "range": "(0,1)"}]
    assert root["summaries"] == [{**_SUMMARY, "range": "(0,0)"}]
    assert root["children"]["summary"] == [_SUMMARY_TOPIC]
    # The relationship from the deleted topic goes with it: that, and only that, is named.
    assert [rel["id"] for rel in sheet["relationships"]] == ["r2", "r3", "r4"]
    assert _lost(doc) == {"relationship": 1}
    assert _lost(doc, over_source=False) == {"relationship": 1}


def test_a_summary_whose_topics_were_all_moved_away_is_named_in_the_ui_language() -> None:
    doc = formats.loads(_map(), "xmind")
    structure.move_to(doc, "a", "d").apply(doc)
    structure.move_to(doc, "b", "d").apply(doc)
    sheet = _sheet(formats.dumps(doc, "xmind"))
    root = sheet["rootTopic"]
    assert "summaries" not in root and "summary" not in root["children"]
    assert root["boundaries"] == [{**_BOUNDARY, "range": "(0,0)"}]  # 消息 is still there
    # The summary topic (and its subtopic) is not written, nor the arrow to it.
    assert [rel["id"] for rel in sheet["relationships"]] == ["r1", "r2", "r4"]
    lost = _lost(doc)
    assert lost == {"summary": 2, "relationship": 1}
    before = current_language()
    try:
        set_language("zh")
        assert loss.describe_losses(lost) == "2 个概要、1 条联系线"
        set_language("en")
        assert loss.describe_losses(lost) == "2 summary topics, 1 relationship"
    finally:
        set_language(before)


def test_a_boundary_split_by_another_topic_is_named_not_stretched() -> None:
    doc = formats.loads(_map(), "xmind")
    structure.move_to(doc, "d", "r", 2).apply(doc)  # between 推荐 and 消息
    sheet = _sheet(formats.dumps(doc, "xmind"))
    assert "boundaries" not in sheet["rootTopic"]
    assert [rel["id"] for rel in sheet["relationships"]] == ["r1", "r2", "r3"]
    assert _lost(doc) == {"boundary": 1, "relationship": 1}


def test_reordered_inside_its_run_a_boundary_is_kept() -> None:
    doc = formats.loads(_map(), "xmind")
    structure.move_up(doc, "c").apply(doc)  # 消息 before 推荐: still the two of them
    root = _sheet(formats.dumps(doc, "xmind"))["rootTopic"]
    assert root["boundaries"] == [_BOUNDARY]
    # ... but now between 搜索 and 推荐, which the summary spanned: that is named.
    assert "summaries" not in root
    assert _lost(doc) == {"summary": 2, "relationship": 1}


def test_kept_through_featuretree_json_and_named_when_converted_back() -> None:
    doc = _via_json(formats.loads(_map(), "xmind"))
    assert doc.not_imported == {}  # a JSON file holds them all
    sheet = _sheet(formats.dumps(doc, "xmind"))
    assert sheet["relationships"] == _RELATIONSHIPS
    assert sheet["rootTopic"]["summaries"] == [_SUMMARY]
    assert sheet["rootTopic"]["boundaries"] == [_BOUNDARY]
    assert _lost(doc, over_source=False) == {}
    # `featuretree convert x.json -o x.xmind` after deleting a topic says what it drops.
    structure.delete(doc, "c").apply(doc)
    doc = _via_json(doc)
    assert _lost(doc, over_source=False) == {"relationship": 3}


def test_a_summary_with_a_range_out_of_bounds_is_named_as_before() -> None:
    doc = formats.loads(_map({**_SUMMARY, "range": "(0,9)"}), "xmind")
    # Not carried (it spans children the topic does not have), so a save over the file
    # drops it, and says so; its arrow too.
    assert _lost(doc) == {"summary": 2, "relationship": 1}
    assert _lost(doc, over_source=False) == {}  # the file read still has them


def test_another_parser_opens_the_file_and_featuretree_reads_it_back_the_same(
    tmp_path: Path,
) -> None:
    xmindparser = pytest.importorskip("xmindparser")
    doc = formats.loads(_map(), "xmind")
    annotate.rename(doc, "a", "全局搜索").apply(doc)
    path = tmp_path / "产品.xmind"
    formats.save(doc, path)
    sheets = xmindparser.xmind_to_dict(str(path))
    assert [t["title"] for t in sheets[0]["topic"]["topics"]] == [
        "全局搜索",
        "推荐",
        "消息",
        "设置",
    ]
    back = formats.load(path)
    assert _as_json(back) == _as_json(doc)
    assert back.not_imported == doc.not_imported
    assert formats.dumps(back, "xmind") == path.read_bytes()


def _as_json(doc: Document) -> dict[str, Any]:
    """``doc`` as featuretree JSON, but for the ``metadata.json`` a file written by
    featuretree has where the one read had none (it names featuretree as its maker)."""
    data = json.loads(formats.dumps(doc, "json"))
    data["carried"]["xmind"]["document"].pop("metadata", None)
    return data


def test_the_fixture_saved_by_featuretree_opens_in_xmindparser_and_reads_back_the_same(
    shared_fixtures: Path, tmp_path: Path
) -> None:
    xmindparser = pytest.importorskip("xmindparser")
    doc = formats.load(shared_fixtures / "xmind" / "xmind_zen.xmind")
    path = tmp_path / "xmind_zen.xmind"
    formats.save(doc, path)
    theirs = xmindparser.xmind_to_dict(str(path))
    original = xmindparser.xmind_to_dict(str(shared_fixtures / "xmind" / "xmind_zen.xmind"))
    assert [s["title"] for s in theirs] == [s["title"] for s in original]
    assert _titles(theirs) == _titles(original)
    back = formats.load(path)
    assert formats.dumps(back, "json") == formats.dumps(doc, "json")
    assert back.not_imported == doc.not_imported


def _titles(sheets: list[dict[str, Any]]) -> list[str]:
    out: list[str] = []
    stack = [sheet["topic"] for sheet in reversed(sheets)]
    while stack:
        topic = stack.pop()
        out.append(topic.get("title", ""))
        stack.extend(reversed(topic.get("topics", [])))
    return out


_XMIND8 = """<?xml version="1.0" encoding="UTF-8"?>
<xmap-content xmlns="urn:xmind:xmap:xmlns:content:2.0" version="2.0"><sheet id="s">
<topic id="r"><title>产品</title>
<children><topics type="attached">
<topic id="a"><title>搜索</title></topic>
<topic id="b"><title>推荐</title></topic>
<topic id="c"><title>消息</title></topic>
</topics></children>
<boundaries><boundary id="bd1" range="(1,2)"><title>二期</title></boundary></boundaries>
</topic>
<relationships>
<relationship id="r1" end1="a" end2="c"><title>依赖</title></relationship>
<relationship id="r2" end1="b" end2="c"/>
</relationships>
<title>产品</title></sheet></xmap-content>
"""


def _xmind8() -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("content.xml", _XMIND8)
    return buffer.getvalue()


def _xml_sheet(data: bytes) -> Any:
    import xml.etree.ElementTree as ET

    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        return ET.fromstring(archive.read("content.xml")).find("{*}sheet")


def test_an_xmind_8_maps_relationships_and_boundaries_are_written_back_in_both_files() -> None:
    doc = formats.loads(_xmind8(), "xmind")
    assert doc.not_imported == {"boundary": 1, "relationship": 2}
    annotate.rename(doc, "a", "全局搜索").apply(doc)
    data = formats.dumps(doc, "xmind")
    sheet = _sheet(data)  # XMind Zen and later
    assert sheet["relationships"] == [
        {"id": "r1", "end1Id": "a", "end2Id": "c", "title": "依赖"},
        {"id": "r2", "end1Id": "b", "end2Id": "c"},
    ]
    assert sheet["rootTopic"]["boundaries"] == [{"id": "bd1", "range": "(1,2)", "title": "二期"}]
    xml = _xml_sheet(data)  # XMind 8
    rels = [
        (r.get("id"), r.get("end1"), r.get("end2"))
        for r in xml.iterfind("{*}relationships/{*}relationship")
    ]
    assert rels == [("r1", "a", "c"), ("r2", "b", "c")]
    boundary = xml.find("{*}topic/{*}boundaries/{*}boundary")
    assert (boundary.get("range"), boundary.find("{*}title").text) == ("(1,2)", "二期")
    assert _lost(doc) == {}
    # Deleted, a topic takes its arrows with it, and the question says so.
    structure.delete(doc, "c").apply(doc)
    data = formats.dumps(doc, "xmind")
    assert "relationships" not in _sheet(data)
    assert _xml_sheet(data).find("{*}relationships") is None
    assert _sheet(data)["rootTopic"]["boundaries"] == [
        {"id": "bd1", "range": "(1,1)", "title": "二期"}
    ]
    assert _lost(doc) == {"relationship": 2}


@pytest.mark.parametrize("odd", [None, 3, "(1,0)", "(0,99)", [], {}, ["st1"], "master"])
def test_odd_values_from_a_file_are_read_and_saved_without_a_false_alarm(odd: object) -> None:
    summary = {"id": "sm1", "range": odd, "topicId": odd}
    doc = formats.loads(_map(summary), "xmind")
    formats.loads(formats.dumps(doc, "xmind"), "xmind")
    # What could not be carried is named over the file it came from, nothing elsewhere.
    assert set(_lost(doc)) <= {"summary", "relationship"}
    assert _lost(doc, over_source=False) == {}
    assert _lost(_via_json(doc), over_source=False) == {}
