"""A colleague's map keeps its look when a PM opens it, edits a few titles and saves.

What featuretree does not model (XMind topic styles, layouts, the sheet's theme, folded
branches, formatted notes; FreeMind colours, fonts, clouds, edges, style hooks,
timestamps) is carried through the document (``Document.carried``) and written back to
the same format, and through featuretree's own JSON. What is kept is no longer named
in the overwrite question.
"""

from __future__ import annotations

import io
import json
import re
import time
import zipfile
from pathlib import Path
from xml.etree import ElementTree as ET

import pytest

from featuretree import formats
from featuretree.formats import loss, registry
from featuretree.formats.errors import FormatError
from featuretree.operations import annotate, structure


def _lost_on_overwrite(doc: object, fmt: str) -> dict[str, int]:
    return loss.losses(doc, registry.by_name(fmt), overwriting_source=True)  # type: ignore[arg-type]


def _rename(doc: object, node_id: str, title: str) -> None:
    annotate.rename(doc, node_id, title).apply(doc)  # type: ignore[arg-type]


# -- FreeMind / Freeplane ------------------------------------------------------------------

_MM = """<map version="freeplane 1.9.13">
<node TEXT="播放器" ID="ID_1" CREATED="1700000000000" MODIFIED="1700000001000" COLOR="#336699">
<font NAME="微软雅黑" SIZE="20" BOLD="true"/>
<hook NAME="AutomaticEdgeColor" COUNTER="3" RULE="ON_BRANCH_CREATION"/>
<node TEXT="倍速 播放" ID="ID_2" POSITION="left" FOLDED="true" BACKGROUND_COLOR="#ffcc00"
 STYLE="bubble" HGAP="30" VSHIFT="-12" CREATED="1700000002000" MODIFIED="1700000003000">
<edge STYLE="sharp_bezier" COLOR="#ff0000" WIDTH="2"/>
<cloud COLOR="#f0f0f0" SHAPE="ARC"/>
<richcontent TYPE="NOTE"><html><head></head><body><p><b>必须</b>支持 0.5x–3x</p></body></html></richcontent>
<node TEXT="0.5x" ID="ID_4" CREATED="1700000004000" MODIFIED="1700000004000"/>
</node>
<node TEXT="字幕" ID="ID_3" POSITION="right" COLOR="#00aa00" CREATED="1700000005000" MODIFIED="1700000006000">
<font ITALIC="true" SIZE="14"/>
</node>
</node>
</map>
"""


def _mm_nodes(data: bytes) -> dict[str, ET.Element]:
    return {node.get("ID") or "": node for node in ET.fromstring(data).iter("node")}


def test_freemind_look_and_timestamps_survive_a_rename_and_save() -> None:
    doc = formats.loads(_MM.encode(), "mm")
    _rename(doc, "ID_2", "倍速播放（0.5x–3x）")
    before = time.time_ns() // 1_000_000
    saved = _mm_nodes(formats.dumps(doc, "mm"))
    renamed = saved["ID_2"]
    assert renamed.get("TEXT") == "倍速播放（0.5x–3x）"
    # The renamed node keeps its side, fold, colours, gaps and timestamps...
    assert renamed.get("POSITION") == "left"
    assert renamed.get("FOLDED") == "true"
    assert renamed.get("BACKGROUND_COLOR") == "#ffcc00"
    assert (renamed.get("STYLE"), renamed.get("HGAP"), renamed.get("VSHIFT")) == (
        "bubble",
        "30",
        "-12",
    )
    # ...its creation time; its MODIFIED time says when it was edited (milliseconds, as
    # FreeMind writes it), and the nodes not edited keep theirs.
    assert renamed.get("CREATED") == "1700000002000"
    assert int(renamed.get("MODIFIED")) >= before
    assert saved["ID_3"].get("MODIFIED") == "1700000006000"
    # ...its edge and cloud, and its formatted note (the bold is still there).
    assert renamed.find("edge").attrib == {
        "STYLE": "sharp_bezier",
        "COLOR": "#ff0000",
        "WIDTH": "2",
    }
    assert renamed.find("cloud").get("SHAPE") == "ARC"
    assert renamed.find("richcontent").find(".//b").text == "必须"
    # Untouched nodes keep theirs.
    root = saved["ID_1"]
    assert root.get("COLOR") == "#336699" and root.get("CREATED") == "1700000000000"
    assert root.find("font").attrib == {"NAME": "微软雅黑", "SIZE": "20", "BOLD": "true"}
    assert root.find("hook").get("NAME") == "AutomaticEdgeColor"
    assert saved["ID_3"].find("font").get("ITALIC") == "true"
    assert saved["ID_3"].get("COLOR") == "#00aa00"
    assert saved["ID_4"].get("CREATED") == "1700000004000"


def test_freemind_overwrite_question_names_nothing_that_is_kept() -> None:
    doc = formats.loads(_MM.encode(), "mm")
    assert doc.not_imported == {}
    _rename(doc, "ID_3", "字幕与弹幕")
    assert _lost_on_overwrite(doc, "mm") == {}


def test_a_freemind_note_the_user_edits_is_written_as_the_user_has_it() -> None:
    doc = formats.loads(_MM.encode(), "mm")
    annotate.set_notes(doc, "ID_2", "支持 0.5x–2x").apply(doc)
    saved = _mm_nodes(formats.dumps(doc, "mm"))
    note = saved["ID_2"].find("richcontent")
    assert note.find(".//b") is None  # the old formatted note is not written back
    assert "".join(note.itertext()).strip() == "支持 0.5x–2x"
    # The node's look stays: only the note's formatting went with the old note.
    assert saved["ID_2"].get("BACKGROUND_COLOR") == "#ffcc00"
    assert formats.loads(formats.dumps(doc, "mm"), "mm").node("ID_2").notes == "支持 0.5x–2x"


def test_a_deleted_freemind_node_takes_its_look_with_it_and_undo_brings_it_back() -> None:
    doc = formats.loads(_MM.encode(), "mm")
    command = structure.delete(doc, "ID_2")
    command.apply(doc)
    data = formats.dumps(doc, "mm")
    assert "ID_2" not in _mm_nodes(data)
    assert b"#ffcc00" not in data and b"sharp_bezier" not in data
    command.revert(doc)
    assert _mm_nodes(formats.dumps(doc, "mm"))["ID_2"].get("BACKGROUND_COLOR") == "#ffcc00"


def test_a_pasted_copy_of_a_freemind_node_is_a_plain_new_node() -> None:
    doc = formats.loads(_MM.encode(), "mm")
    command = structure.paste(doc, "ID_1", doc.node("ID_3"))
    command.apply(doc)
    copy = doc.root.kids[-1]
    assert copy.title == "字幕" and copy.id != "ID_3"
    saved = _mm_nodes(formats.dumps(doc, "mm"))
    assert saved[copy.id].get("COLOR") is None and saved[copy.id].find("font") is None
    assert saved["ID_3"].get("COLOR") == "#00aa00"


def test_freemind_look_survives_a_trip_through_featuretree_json() -> None:
    doc = formats.loads(_MM.encode(), "mm")
    direct = formats.dumps(doc, "mm")
    through_json = formats.dumps(formats.loads(formats.dumps(doc, "json"), "json"), "mm")
    assert through_json == direct
    assert b'FOLDED="true"' in through_json and b"<cloud" in through_json


def test_the_freeplane_fixture_keeps_its_styles_when_saved_over(shared_fixtures: Path) -> None:
    data = (shared_fixtures / "freemind" / "mmm.mm").read_bytes()
    doc = formats.loads(data, "mm")
    assert _lost_on_overwrite(doc, "mm") == {}
    _rename(doc, doc.root.kids[0].id, "测试")
    saved = formats.dumps(doc, "mm")
    tree = ET.fromstring(saved)
    root = tree.find("node")
    # The MapStyle hook with its style definitions, and the root's timestamps.
    hooks = [hook.get("NAME") for hook in root.findall("hook")]
    assert "MapStyle" in hooks
    assert root.find("hook/map_styles/stylenode") is not None
    assert root.get("CREATED") == "1516116533817"
    kid = root.find("node")
    assert kid.get("TEXT") == "测试" and kid.get("CREATED") == "1516116591637"
    # Through featuretree's JSON and back: the same bytes (but the edited node's
    # MODIFIED time, which is when it was written).
    again = formats.loads(formats.dumps(doc, "json"), "json")
    edited = re.compile(rb'(ID="ID_695414799" CREATED="[0-9]+" MODIFIED=)"[0-9]+"')
    assert edited.sub(rb"\1", formats.dumps(again, "mm")) == edited.sub(rb"\1", saved)


def test_carried_data_in_a_hand_edited_json_file_cannot_break_the_map() -> None:
    doc = formats.loads(_MM.encode(), "mm")
    data = json.loads(formats.dumps(doc, "json"))
    data["carried"]["freemind"]["nodes"]["ID_3"] = {
        "attrs": {"A B": "x", "COLOR": '"<&>', "TEXT": "不是标题"},
        "elements": [{"tag": "bad<tag"}, {"tag": "font", "attrs": {"x y": "1", "SIZE": "9"}}],
        "note": {"tag": "richcontent", "children": [{"tag": "p", "text": "<&>"}]},
        "note_text": "something else",
    }
    text = json.dumps(data, ensure_ascii=False).encode()
    node = _mm_nodes(formats.dumps(formats.loads(text, "json"), "mm"))["ID_3"]
    assert node.get("TEXT") == "字幕"  # the title is the user's, never the carried one
    assert node.get("COLOR") == '"<&>'
    assert node.find("font").attrib == {"SIZE": "9"}


def test_a_json_file_with_a_broken_carried_key_is_refused_with_a_clear_problem() -> None:
    doc = formats.loads(_MM.encode(), "mm")
    data = json.loads(formats.dumps(doc, "json"))
    data["carried"] = {"freemind": {"nodes": []}}
    with pytest.raises(FormatError) as caught:
        formats.loads(json.dumps(data).encode(), "json")
    problem = caught.value.problems[0]
    assert problem.where == "carried" and "document" in problem.message


def test_a_json_file_without_carried_data_is_written_as_before() -> None:
    doc = formats.loads(b'<map><node TEXT="A"><node TEXT="B"/></node></map>', "mm")
    assert b'"carried"' not in formats.dumps(doc, "json")
    # A map with a look has it in its JSON, one line per node.
    written = formats.dumps(formats.loads(_MM.encode(), "mm"), "json").decode()
    assert '\n        "ID_3": {"attrs": {"POSITION": "right", "COLOR": "#00aa00"' in written


# -- XMind ---------------------------------------------------------------------------------

_THEME = {"id": "theme-1", "centralTopic": {"properties": {"fo:font-size": "30pt"}}}
_SHEET_STYLE = {"id": "ss", "properties": {"svg:fill": "#fefefe"}}
_TASK = {"provider": "org.xmind.ui.task", "content": {"progress": 0.5, "assignee": "王芳"}}
_RICH_NOTE = {
    "plain": {"content": "要点：必须支持"},
    "realHTML": {"content": "<div><b>要点</b>：必须支持</div>"},
}


def _xmind_map() -> bytes:
    kids = [
        {
            "id": "a",
            "title": "搜索",
            "branch": "folded",
            "style": {"id": "sa", "properties": {"fo:color": "#f00", "fo:font-weight": "bold"}},
            "children": {"attached": [{"id": "a1", "title": "历史", "customWidth": 120}]},
        },
        {"id": "b", "title": "推荐", "extensions": [_TASK], "notes": _RICH_NOTE},
        {"id": "c", "title": "消息", "style": {"id": "sc", "properties": {"fill": "#0f0"}}},
    ]
    root = {
        "id": "r",
        "title": "产品",
        "structureClass": "org.xmind.ui.map.clockwise",
        "children": {"attached": kids},
    }
    sheet = {"id": "s", "title": "产品", "rootTopic": root, "theme": _THEME, "style": _SHEET_STYLE}
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("content.json", json.dumps([sheet], ensure_ascii=False))
    return buffer.getvalue()


def _content(data: bytes) -> tuple[dict[str, object], dict[str, dict[str, object]]]:
    """The saved file's (first) sheet and the topics of all its sheets by id."""
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        sheets = json.loads(archive.read("content.json"))
    sheet = sheets[0]
    topics, stack = {}, [each["rootTopic"] for each in sheets]
    while stack:
        topic = stack.pop()
        topics[topic["id"]] = topic
        stack.extend(topic.get("children", {}).get("attached", []))
    return sheet, topics


def test_xmind_styles_theme_folds_and_formatted_notes_survive_a_rename_and_save() -> None:
    doc = formats.loads(_xmind_map(), "xmind")
    _rename(doc, "a", "搜索（含历史）")
    sheet, topics = _content(formats.dumps(doc, "xmind"))
    assert sheet["theme"] == _THEME and sheet["style"] == _SHEET_STYLE
    assert topics["r"]["structureClass"] == "org.xmind.ui.map.clockwise"
    renamed = topics["a"]
    assert renamed["title"] == "搜索（含历史）"
    assert renamed["branch"] == "folded"
    assert renamed["style"]["properties"]["fo:color"] == "#f00"
    assert topics["a1"]["customWidth"] == 120
    assert topics["b"]["extensions"] == [_TASK]
    assert topics["b"]["notes"] == _RICH_NOTE  # the bold is still there
    assert topics["c"]["style"]["properties"] == {"fill": "#0f0"}
    assert "structureClass" not in topics["c"]


def test_xmind_overwrite_question_names_nothing_that_is_kept() -> None:
    doc = formats.loads(_xmind_map(), "xmind")
    assert doc.not_imported == {}
    _rename(doc, "c", "消息中心")
    assert _lost_on_overwrite(doc, "xmind") == {}


def test_an_edited_xmind_note_loses_its_old_formatting_not_the_users_words() -> None:
    doc = formats.loads(_xmind_map(), "xmind")
    annotate.set_notes(doc, "b", "要点：可以不做").apply(doc)
    _, topics = _content(formats.dumps(doc, "xmind"))
    assert topics["b"]["notes"] == {"plain": {"content": "要点：可以不做"}}
    assert topics["b"]["extensions"] == [_TASK]


def test_a_deleted_xmind_topic_takes_its_style_with_it() -> None:
    doc = formats.loads(_xmind_map(), "xmind")
    structure.delete(doc, "c").apply(doc)
    data = formats.dumps(doc, "xmind")
    _, topics = _content(data)
    assert "c" not in topics
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        assert b"#0f0" not in archive.read("content.json")
    assert topics["a"]["style"]["properties"]["fo:color"] == "#f00"  # the others keep theirs
    # Nor does featuretree's JSON keep it for a node that no longer exists.
    assert b"#0f0" not in formats.dumps(doc, "json")


def test_xmind_look_survives_a_trip_through_featuretree_json() -> None:
    doc = formats.loads(_xmind_map(), "xmind")
    direct = formats.dumps(doc, "xmind")
    through_json = formats.dumps(formats.loads(formats.dumps(doc, "json"), "json"), "xmind")
    assert through_json == direct
    sheet, topics = _content(through_json)
    assert sheet["theme"] == _THEME and topics["a"]["branch"] == "folded"


_XMIND8 = """<?xml version="1.0" encoding="UTF-8"?>
<xmap-content xmlns="urn:xmind:xmap:xmlns:content:2.0" version="2.0"><sheet id="s">
<topic id="r" structure-class="org.xmind.ui.map.clockwise"><title>产品</title>
<children><topics type="attached">
<topic id="a" branch="folded"><title>搜索</title>
<children><topics type="attached"><topic id="a1"><title>历史</title></topic></topics></children>
</topic></topics></children>
</topic><title>产品</title></sheet></xmap-content>
"""


def test_xmind_8_layout_and_folds_are_written_back_for_both_xmind_versions() -> None:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("content.xml", _XMIND8)
    doc = formats.loads(buffer.getvalue(), "xmind")
    assert doc.not_imported == {}
    data = formats.dumps(doc, "xmind")
    _, topics = _content(data)
    assert topics["r"]["structureClass"] == "org.xmind.ui.map.clockwise"
    assert topics["a"]["branch"] == "folded"
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        xml = ET.fromstring(archive.read("content.xml"))
    by_id = {t.get("id"): t for t in xml.iter("{urn:xmind:xmap:xmlns:content:2.0}topic")}
    assert by_id["r"].get("structure-class") == "org.xmind.ui.map.clockwise"
    assert by_id["a"].get("branch") == "folded"


def test_the_xmind_fixture_keeps_its_look_when_saved(shared_fixtures: Path) -> None:
    doc = formats.loads((shared_fixtures / "xmind" / "xmind_zen.xmind").read_bytes(), "xmind")
    titled = {node.title: node for node in doc.iter_nodes()}
    _rename(doc, titled["topic 1"].id, "话题一")
    _, topics = _content(formats.dumps(doc, "xmind"))
    by_title = {topic["title"]: topic for topic in topics.values()}
    assert "话题一" in by_title
    assert by_title["formatted topic"]["style"]["properties"]["fo:color"] == "#FA7B74"
    for central in ("Central Topic", "another sheet"):
        assert by_title[central]["structureClass"] == "org.xmind.ui.map.unbalanced"
    ops = by_title["formatted note"]["notes"]["ops"]["ops"]
    assert ops[0]["attributes"] == {"underline": True, "italic": True, "bold": True}


def _with_relationships() -> bytes:
    kids = [
        {"id": "a", "title": "搜索"},
        {"id": "b", "title": "推荐"},
        {"id": "c", "title": "消息"},
    ]
    floating = [{"id": "f", "title": "备忘"}]
    root = {"id": "r", "title": "产品", "children": {"attached": kids, "detached": floating}}
    relationships = [
        {"id": "r1", "end1Id": "a", "end2Id": "b", "title": "依赖"},
        {"id": "r2", "end1Id": "c", "end2Id": "f"},  # to a floating topic: not a node
    ]
    sheet = {"id": "s", "title": "产品", "rootTopic": root, "relationships": relationships}
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("content.json", json.dumps([sheet], ensure_ascii=False))
    return buffer.getvalue()


def test_an_xmind_relationship_between_kept_topics_is_kept_while_both_are_there() -> None:
    doc = formats.loads(_with_relationships(), "xmind")
    # Neither is in the editor (said on opening); both are kept, the one to the floating
    # topic (carried beside the central topic) too.
    assert doc.not_imported == {"floating_topic": 1, "relationship": 2}
    _rename(doc, "a", "全局搜索")
    sheet, _ = _content(formats.dumps(doc, "xmind"))
    assert sheet["relationships"] == [
        {"id": "r1", "end1Id": "a", "end2Id": "b", "title": "依赖"},
        {"id": "r2", "end1Id": "c", "end2Id": "f"},
    ]
    structure.delete(doc, "b").apply(doc)
    sheet, _ = _content(formats.dumps(doc, "xmind"))
    # Its topic deleted, the arrow goes with it (the save's question names it).
    assert sheet["relationships"] == [{"id": "r2", "end1Id": "c", "end2Id": "f"}]


_LINKED = """<map version="1.0.1">
<node TEXT="产品" ID="ID_1">
<node TEXT="搜索" ID="ID_2" LINK="#ID_3">
<arrowlink DESTINATION="ID_3" COLOR="#0000ff" ENDARROW="Default"/>
<arrowlink DESTINATION="ID_404"/>
</node>
<node ID="ID_3" TEXT="推荐"><richcontent TYPE="NODE"><html><body><p><b>推荐</b></p></body></html></richcontent></node>
</node>
</map>
"""


def test_freemind_arrows_links_inside_the_map_and_rich_titles_are_kept() -> None:
    doc = formats.loads(_LINKED.encode(), "mm")
    # Only the arrow to a node the map does not have is named.
    assert doc.not_imported == {"arrow_link": 1}
    _rename(doc, "ID_2", "全局搜索")
    saved = _mm_nodes(formats.dumps(doc, "mm"))
    assert saved["ID_2"].get("LINK") == "#ID_3"
    assert [a.get("DESTINATION") for a in saved["ID_2"].findall("arrowlink")] == ["ID_3"]
    assert saved["ID_2"].find("arrowlink").get("COLOR") == "#0000ff"
    assert saved["ID_3"].find("richcontent").find(".//b").text == "推荐"


def test_a_link_added_to_a_node_linking_inside_the_map_keeps_both() -> None:
    doc = formats.loads(_LINKED.encode(), "mm")
    annotate.add_link(doc, "ID_2", "https://example.com/搜索", "方案").apply(doc)
    data = formats.dumps(doc, "mm")
    saved = _mm_nodes(data)
    # FreeMind has one LINK: the map's link to 推荐 stays there (it was replaced by the
    # new URL, and the save named nothing); the new link is in the note, as more are.
    assert saved["ID_2"].get("LINK") == "#ID_3"
    assert "https://example.com/搜索" in "".join(saved["ID_2"].find("richcontent").itertext())
    assert _lost_on_overwrite(doc, "mm") == {"arrow_link": 1}  # the one to ID_404 only
    back = formats.loads(data, "mm")
    assert [(x.title, x.url) for x in back.node("ID_2").links] == [
        ("方案", "https://example.com/搜索")
    ]
    assert _mm_nodes(formats.dumps(back, "mm"))["ID_2"].get("LINK") == "#ID_3"


def test_a_multi_line_rich_title_keeps_its_first_line_when_the_note_is_edited() -> None:
    data = """<map version="1.0.1"><node TEXT="播放器" ID="ID_1">
<node ID="ID_2"><richcontent TYPE="NODE"><html><body><p>倍速</p><p>0.5x–3x</p></body></html></richcontent>
</node></node></map>"""
    doc = formats.loads(data.encode(), "mm")
    node = doc.node("ID_2")
    assert (node.title, node.notes) == ("倍速", "0.5x–3x")
    annotate.set_notes(doc, "ID_2", "0.5x–4x").apply(doc)
    saved = _mm_nodes(formats.dumps(doc, "mm"))["ID_2"]
    # The rich title (two paragraphs) is written as TEXT and the note: the node was
    # written without any title, and the save named "1 title" as lost.
    assert saved.get("TEXT") == "倍速"
    assert _lost_on_overwrite(doc, "mm") == {"rich_text": 1}


def test_freeplane_details_edited_stay_details() -> None:
    data = """<map version="freeplane 1.9.13"><node TEXT="播放器" ID="ID_1">
<node TEXT="倍速" ID="ID_2"><richcontent TYPE="DETAILS"><html><body><p>0.5x–3x</p></body></html></richcontent>
</node></node></map>"""
    doc = formats.loads(data.encode(), "mm")
    annotate.set_notes(doc, "ID_2", "0.5x–4x").apply(doc)
    saved = _mm_nodes(formats.dumps(doc, "mm"))["ID_2"]
    # Shown under the node in Freeplane, as the colleague had it (it became a note,
    # hidden behind the note icon).
    assert [r.get("TYPE") for r in saved.findall("richcontent")] == ["DETAILS"]
    assert _lost_on_overwrite(doc, "mm") == {}
    # With a suggestion it is a note: featuretree reads annotations from the note.
    annotate.add_suggestion(doc, "ID_2", text="加 4x").apply(doc)
    saved = _mm_nodes(formats.dumps(doc, "mm"))["ID_2"]
    assert [r.get("TYPE") for r in saved.findall("richcontent")] == ["NOTE"]
    assert _lost_on_overwrite(doc, "mm") == {}


def test_a_renamed_rich_title_is_written_as_the_user_typed_it() -> None:
    doc = formats.loads(_LINKED.encode(), "mm")
    _rename(doc, "ID_3", "猜你喜欢")
    saved = _mm_nodes(formats.dumps(doc, "mm"))
    assert saved["ID_3"].get("TEXT") == "猜你喜欢"
    assert saved["ID_3"].find("richcontent") is None
    # The arrow to it stays: it is the same node.
    assert saved["ID_2"].find("arrowlink").get("DESTINATION") == "ID_3"


def test_deleting_an_arrows_target_takes_the_arrow_and_the_link_with_it() -> None:
    doc = formats.loads(_LINKED.encode(), "mm")
    command = structure.delete(doc, "ID_3")
    command.apply(doc)
    saved = _mm_nodes(formats.dumps(doc, "mm"))
    assert saved["ID_2"].find("arrowlink") is None
    assert saved["ID_2"].get("LINK") is None
    command.revert(doc)  # undo: the node, and the arrow and link to it, come back
    saved = _mm_nodes(formats.dumps(doc, "mm"))
    assert saved["ID_2"].find("arrowlink").get("DESTINATION") == "ID_3"
    assert saved["ID_2"].get("LINK") == "#ID_3"


def test_a_style_nested_as_deep_as_is_carried_goes_through_json_and_back() -> None:
    from featuretree.model.carried import MAX_DEPTH

    deep: dict[str, object] = {"v": 1}
    for _ in range(MAX_DEPTH - 2):
        deep = {"d": deep}
    too_deep: dict[str, object] = {"d": deep}
    for _ in range(4):
        too_deep = {"d": too_deep}
    kids = [
        {"id": "a", "title": "搜索", "style": {"properties": deep}},
        {"id": "b", "title": "推荐", "style": {"properties": too_deep}},
    ]
    root = {"id": "r", "title": "产品", "children": {"attached": kids}}
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("content.json", json.dumps([{"id": "s", "rootTopic": root}]))
    doc = formats.loads(buffer.getvalue(), "xmind")
    assert doc.not_imported == {"style_setting": 1}  # the one too deep is named
    again = formats.loads(formats.dumps(doc, "json"), "json")
    _, topics = _content(formats.dumps(again, "xmind"))
    assert topics["a"]["style"]["properties"] == deep
    assert "style" not in topics["b"]


def test_a_json_file_with_carried_data_conforms_to_the_published_schema() -> None:
    from featuretree.formats.json_schema import FeatureTreeFile

    for data, fmt in ((_MM.encode(), "mm"), (_xmind_map(), "xmind")):
        written = json.loads(formats.dumps(formats.loads(data, fmt), "json"))
        assert written["carried"]
        FeatureTreeFile.model_validate(written)


_ATTRIBUTES = """<map version="freeplane 1.9.13">
<node TEXT="播放器" ID="ID_1">
<node TEXT="倍速播放" ID="ID_2">
<richcontent TYPE="NOTE"><html><body><p>支持 0.5x–3x</p></body></html></richcontent>
<attribute NAME="负责人" VALUE="王芳"/>
<attribute NAME="排期" VALUE="第 12 周"/>
</node>
</node>
</map>
"""


def test_freemind_attributes_shown_as_note_lines_are_written_back_as_attributes() -> None:
    doc = formats.loads(_ATTRIBUTES.encode(), "mm")
    node = doc.node("ID_2")
    assert node.notes == "支持 0.5x–3x\n\n负责人: 王芳\n排期: 第 12 周"  # what the PM sees
    assert _lost_on_overwrite(doc, "mm") == {}
    _rename(doc, "ID_2", "倍速")
    saved = _mm_nodes(formats.dumps(doc, "mm"))["ID_2"]
    pairs = [(a.get("NAME"), a.get("VALUE")) for a in saved.findall("attribute")]
    assert pairs == [("负责人", "王芳"), ("排期", "第 12 周")]
    assert "负责人" not in "".join(saved.find("richcontent").itertext())
    # A value edited on its line is the attribute's new value.
    annotate.set_notes(doc, "ID_2", "支持 0.5x–3x\n\n负责人: 李雷\n排期: 第 12 周").apply(doc)
    saved = _mm_nodes(formats.dumps(doc, "mm"))["ID_2"]
    pairs = [(a.get("NAME"), a.get("VALUE")) for a in saved.findall("attribute")]
    assert pairs == [("负责人", "李雷"), ("排期", "第 12 周")]
    assert "负责人" not in "".join(saved.find("richcontent").itertext())
    assert _lost_on_overwrite(doc, "mm") == {}
    # Edited otherwise (a line gone), the lines are the user's note text: written as the
    # note, no attributes, and the save question names them.
    annotate.set_notes(doc, "ID_2", "支持 0.5x–3x\n\n负责人: 李雷").apply(doc)
    saved = _mm_nodes(formats.dumps(doc, "mm"))["ID_2"]
    assert saved.findall("attribute") == []
    assert "负责人: 李雷" in "\n".join(saved.find("richcontent").itertext())
    assert _lost_on_overwrite(doc, "mm") == {"attribute": 2}
