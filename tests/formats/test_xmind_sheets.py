"""A colleague's XMind file with several sheets, pictures and attachments, saved back.

A PM opens a two-sheet map (each sheet a top-level node under a root named after the
file), edits it and saves it in place: the file keeps its sheets (titles, themes,
relationships), the pictures and attached files of the archive stay on their topics,
and the save question no longer names what is written back.
"""

from __future__ import annotations

import io
import json
import zipfile
from pathlib import Path

import pytest

from featuretree import formats
from featuretree.formats import loss, registry
from featuretree.model.document import Document
from featuretree.operations import annotate, structure

_PNG = b"\x89PNG\r\n\x1a\n" + bytes(range(256))
_PDF = "%PDF-1.4 需求说明".encode()
_THUMB = b"\x89PNG\r\n\x1a\nthumbnail"
_IMAGE = "resources/1f2e.png"
_ATTACHED = "resources/9a8b.pdf"
_THEME_1 = {"id": "t1", "centralTopic": {"properties": {"svg:fill": "#0f62fe"}}}
_THEME_2 = {"id": "t2", "centralTopic": {"properties": {"svg:fill": "#ff832b"}}}


def _sheets() -> list[dict[str, object]]:
    needs = {
        "id": "r1",
        "title": "App",
        "structureClass": "org.xmind.ui.map.unbalanced",
        "children": {
            "attached": [
                {"id": "a", "title": "搜索", "image": {"src": f"xap:{_IMAGE}", "width": 80}},
                {"id": "b", "title": "需求说明.pdf", "href": f"xap:{_ATTACHED}"},
                {"id": "c", "title": "推荐"},
            ]
        },
    }
    rivals = {
        "id": "r2",
        "title": "竞品",  # the same as the sheet's name: the topic is the sheet's node
        "children": {"attached": [{"id": "d", "title": "抖音"}, {"id": "e", "title": "快手"}]},
    }
    return [
        {
            "id": "s1",
            "class": "sheet",
            "title": "需求",
            "rootTopic": needs,
            "theme": _THEME_1,
            "relationships": [{"id": "rel1", "end1Id": "a", "end2Id": "c", "title": "依赖"}],
        },
        {
            "id": "s2",
            "class": "sheet",
            "title": "竞品",
            "rootTopic": rivals,
            "theme": _THEME_2,
            "relationships": [{"id": "rel2", "end1Id": "d", "end2Id": "e"}],
        },
    ]


def _xmind(sheets: list[dict[str, object]] | None = None, *, thumbnail: bool = True) -> bytes:
    members: dict[str, bytes | str] = {
        "content.json": json.dumps(sheets or _sheets(), ensure_ascii=False),
        "metadata.json": json.dumps(
            {"dataStructureVersion": "2", "creator": {"name": "Vana"}, "activeSheetId": "s2"}
        ),
        _IMAGE: _PNG,
        _ATTACHED: _PDF,
        "resources/unused.png": b"not referred to by any topic",
    }
    if thumbnail:
        members["Thumbnails/thumbnail.png"] = _THUMB
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for name, data in members.items():
            archive.writestr(name, data)
    return buffer.getvalue()


def _open(data: bytes) -> Document:
    return formats.loads(data, "xmind", source="/home/pm/产品地图.xmind")


def _archive(data: bytes) -> dict[str, bytes]:
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        return {name: archive.read(name) for name in archive.namelist()}


def _content(data: bytes) -> list[dict[str, object]]:
    return json.loads(_archive(data)["content.json"])


def _topics(sheet: dict[str, object]) -> dict[str, dict[str, object]]:
    topics, stack = {}, [sheet["rootTopic"]]
    while stack:
        topic = stack.pop()
        topics[topic["title"]] = topic
        stack.extend(topic.get("children", {}).get("attached", []))
    return topics


def _by_title(doc: Document, title: str) -> str:
    return next(node.id for node in doc.iter_nodes() if node.title == title)


def _lost_on_overwrite(doc: Document) -> dict[str, int]:
    return loss.losses(doc, registry.by_name("xmind"), overwriting_source=True)


def test_two_sheets_are_saved_back_as_two_sheets_after_an_edit() -> None:
    doc = _open(_xmind())
    assert doc.root.title == "产品地图"
    assert [kid.title for kid in doc.root.kids] == ["需求", "竞品"]
    # The editor does not show the sheets' relationships (said on opening), but nothing
    # the file holds is lost by saving it back: the question has nothing to ask.
    assert doc.not_imported == {"relationship": 2}
    assert _lost_on_overwrite(doc) == {}
    annotate.rename(doc, _by_title(doc, "推荐"), "个性化推荐").apply(doc)

    data = formats.dumps(doc, "xmind")
    sheets = _content(data)
    assert [(s["id"], s["title"]) for s in sheets] == [("s1", "需求"), ("s2", "竞品")]
    assert [s["rootTopic"]["title"] for s in sheets] == ["App", "竞品"]
    assert [s["theme"] for s in sheets] == [_THEME_1, _THEME_2]
    assert sheets[0]["relationships"] == _sheets()[0]["relationships"]
    assert sheets[1]["relationships"] == _sheets()[1]["relationships"]
    topics = _topics(sheets[0])
    assert "个性化推荐" in topics
    assert topics["App"]["structureClass"] == "org.xmind.ui.map.unbalanced"
    # The picture and the attachment stay on their topics, their files in the archive.
    assert topics["搜索"]["image"] == {"src": f"xap:{_IMAGE}", "width": 80}
    assert topics["需求说明.pdf"]["href"] == f"xap:{_ATTACHED}"
    # The lines that named them in featuretree are not written into the notes.
    assert "notes" not in topics["搜索"] and "notes" not in topics["需求说明.pdf"]
    files = _archive(data)
    assert files[_IMAGE] == _PNG and files[_ATTACHED] == _PDF
    assert "resources/unused.png" not in files  # no topic refers to it
    assert "Thumbnails/thumbnail.png" not in files  # it would show the map before the edit
    manifest = json.loads(files["manifest.json"])["file-entries"]
    assert _IMAGE in manifest and _ATTACHED in manifest
    # XMind's own metadata (its data version, the sheet it opens on) is kept.
    assert json.loads(files["metadata.json"])["activeSheetId"] == "s2"

    back = _open(data)
    assert [kid.title for kid in back.root.kids] == ["需求", "竞品"]
    assert [node.title for node in back.iter_nodes()] == [node.title for node in doc.iter_nodes()]
    assert [node.notes for node in back.iter_nodes()] == [node.notes for node in doc.iter_nodes()]
    assert back.not_imported == doc.not_imported
    # Saved again, the same file: nothing is added twice (no note line, no sheet).
    assert formats.dumps(back, "xmind") == data


def test_the_save_question_no_longer_names_merged_sheets() -> None:
    doc = _open(_xmind())
    annotate.rename(doc, doc.root.kids[1].id, "竞品分析").apply(doc)
    lost = _lost_on_overwrite(doc)
    assert "merged_tops" not in lost
    assert "image" not in lost and "attachment" not in lost
    assert loss.describe_losses_english(lost) == ""


def test_an_unedited_map_keeps_its_preview_picture() -> None:
    doc = _open(_xmind())
    assert _archive(formats.dumps(doc, "xmind"))["Thumbnails/thumbnail.png"] == _THUMB
    # Through featuretree's own JSON too, while nothing changed.
    through_json = formats.loads(formats.dumps(doc, "json"), "json")
    assert _archive(formats.dumps(through_json, "xmind"))["Thumbnails/thumbnail.png"] == _THUMB


def test_changes_to_the_root_children_are_changes_to_the_sheets() -> None:
    doc = _open(_xmind())
    needs, rivals = doc.root.kids
    # Renaming a sheet's node renames the sheet; a child added to the root is a new sheet.
    annotate.rename(doc, needs.id, "需求池").apply(doc)
    structure.add_child(doc, doc.root.id, "路线图").apply(doc)
    structure.move_up(doc, rivals.id).apply(doc)
    sheets = _content(formats.dumps(doc, "xmind"))
    assert [s["title"] for s in sheets] == ["竞品", "需求池", "路线图"]
    assert [s["rootTopic"]["title"] for s in sheets] == ["竞品", "App", "路线图"]
    assert sheets[2]["id"] not in ("s1", "s2") and "theme" not in sheets[2]
    assert _lost_on_overwrite(doc) == {}

    # A sheet's node deleted: that sheet is not written.
    structure.delete(doc, rivals.id).apply(doc)
    sheets = _content(formats.dumps(doc, "xmind"))
    assert [s["title"] for s in sheets] == ["需求池", "路线图"]
    metadata = json.loads(_archive(formats.dumps(doc, "xmind"))["metadata.json"])
    assert "activeSheetId" not in metadata  # that sheet is gone


def test_a_sheet_node_given_more_topics_becomes_the_sheets_central_topic() -> None:
    doc = _open(_xmind())
    needs = doc.root.kids[0]
    structure.add_child(doc, needs.id, "运营").apply(doc)
    sheet = _content(formats.dumps(doc, "xmind"))[0]
    assert sheet["title"] == sheet["rootTopic"]["title"] == "需求"
    assert [t["title"] for t in sheet["rootTopic"]["children"]["attached"]] == ["App", "运营"]
    # The relationship is between topics still in that sheet: kept.
    assert sheet["relationships"] == _sheets()[0]["relationships"]
    back = _open(formats.dumps(doc, "xmind"))
    assert [kid.title for kid in back.root.kids] == ["需求", "竞品"]
    assert [kid.title for kid in back.root.kids[0].kids] == ["App", "运营"]


def test_a_deleted_topic_takes_its_picture_and_arrows_with_it() -> None:
    doc = _open(_xmind())
    structure.delete(doc, "a").apply(doc)
    data = formats.dumps(doc, "xmind")
    assert _IMAGE not in _archive(data)
    assert _ATTACHED in _archive(data)
    assert "relationships" not in _content(data)[0]


def test_a_topic_moved_to_another_sheet_does_not_take_its_arrow_there() -> None:
    doc = _open(_xmind())
    structure.move_to(doc, "c", "r2").apply(doc)
    sheets = _content(formats.dumps(doc, "xmind"))
    assert "relationships" not in sheets[0]
    assert "推荐" in _topics(sheets[1])


def test_one_sheet_left_is_saved_as_the_tree_shown_with_that_sheets_look() -> None:
    doc = _open(_xmind())
    structure.delete(doc, doc.root.kids[1].id).apply(doc)
    data = formats.dumps(doc, "xmind")
    sheets = _content(data)
    assert [(s["title"], s["rootTopic"]["title"]) for s in sheets] == [("产品地图", "产品地图")]
    assert sheets[0]["theme"] == _THEME_1
    assert sheets[0]["relationships"] == _sheets()[0]["relationships"]
    # Read back, the same tree: nothing to name in the question.
    back = _open(data)
    assert [node.title for node in back.iter_nodes()] == [node.title for node in doc.iter_nodes()]
    # Only the deleted sheet's relationship, gone with the topics it joined, is named.
    assert _lost_on_overwrite(doc) == {"relationship": 1}


def test_a_picture_only_topic_keeps_its_empty_title() -> None:
    sheets = _sheets()
    sheets[0]["rootTopic"]["children"]["attached"][0]["title"] = ""
    doc = _open(_xmind(sheets))
    assert doc.get("a").title == "[图片] 1f2e.png"
    data = formats.dumps(doc, "xmind")
    topic = _content(data)[0]["rootTopic"]["children"]["attached"][0]
    assert topic["title"] == "" and topic["image"]["src"] == f"xap:{_IMAGE}"
    assert _open(data).get("a").title == "[图片] 1f2e.png"
    # Renamed, the title is the user's.
    annotate.rename(doc, "a", "搜索框截图").apply(doc)
    topic = _content(formats.dumps(doc, "xmind"))[0]["rootTopic"]["children"]["attached"][0]
    assert topic["title"] == "搜索框截图" and topic["image"]["src"] == f"xap:{_IMAGE}"


def test_a_picture_whose_file_is_missing_is_still_named() -> None:
    data = _xmind()
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        members = {name: archive.read(name) for name in archive.namelist() if name != _IMAGE}
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for name, member in members.items():
            archive.writestr(name, member)
    doc = _open(buffer.getvalue())
    assert doc.not_imported == {"image": 1, "relationship": 2}
    assert doc.get("a").notes == "图片：1f2e.png"
    assert _lost_on_overwrite(doc) == {"image": 1}
    back = _open(formats.dumps(doc, "xmind"))
    assert back.get("a").notes == "图片：1f2e.png"  # said once, not twice


def test_sheets_and_pictures_survive_featuretree_json() -> None:
    doc = _open(_xmind())
    annotate.rename(doc, "d", "抖音 App").apply(doc)
    through_json = formats.loads(formats.dumps(doc, "json"), "json")
    data = formats.dumps(through_json, "xmind")
    assert [s["title"] for s in _content(data)] == ["需求", "竞品"]
    assert _archive(data)[_IMAGE] == _PNG


def test_xmind_8_sheets_and_attachments_are_written_back() -> None:
    xml = """<?xml version="1.0" encoding="UTF-8"?>
<xmap-content xmlns="urn:xmind:xmap:xmlns:content:2.0" xmlns:xhtml="http://www.w3.org/1999/xhtml"
 xmlns:xlink="http://www.w3.org/1999/xlink" version="2.0">
<sheet id="s1"><topic id="r1"><title>App</title><children><topics type="attached">
<topic id="a"><title>截图</title><xhtml:img xhtml:src="xap:attachments/p.png"/></topic>
</topics></children></topic><title>需求</title></sheet>
<sheet id="s2"><topic id="r2"><title>竞品</title></topic><title>竞品</title></sheet>
</xmap-content>"""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("content.xml", xml)
        archive.writestr("attachments/p.png", _PNG)
    doc = _open(buffer.getvalue())
    assert doc.not_imported == {}
    data = formats.dumps(doc, "xmind")
    files = _archive(data)
    assert files["attachments/p.png"] == _PNG
    assert [s["title"] for s in json.loads(files["content.json"])] == ["需求", "竞品"]
    content_xml = files["content.xml"].decode()
    assert content_xml.count("<sheet ") == 2
    assert '<xhtml:img xhtml:src="xap:attachments/p.png"/>' in content_xml
    assert (
        'full-path="attachments/p.png" media-type="image/png"'
        in files["META-INF/manifest.xml"].decode()
    )
    # Read as XMind 8 reads it (content.xml only): the same sheets and picture.
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("content.xml", files["content.xml"])
        archive.writestr("attachments/p.png", _PNG)
    back = _open(buffer.getvalue())
    assert [kid.title for kid in back.root.kids] == ["需求", "竞品"]
    assert back.not_imported == {}


def test_the_real_two_sheet_file_round_trips(shared_fixtures: Path) -> None:
    path = shared_fixtures / "xmind" / "xmind_zen.xmind"
    with zipfile.ZipFile(path) as archive:
        original = {name: archive.read(name) for name in archive.namelist()}
        sheets = json.loads(original["content.json"])
    doc = formats.load(path)
    unedited = _archive(formats.dumps(doc, "xmind"))
    assert unedited["Thumbnails/thumbnail.png"] == original["Thumbnails/thumbnail.png"]
    annotate.rename(doc, _by_title(doc, "topic 1"), "话题一").apply(doc)
    data = formats.dumps(doc, "xmind")
    written = _content(data)
    assert [(s["id"], s["title"]) for s in written] == [(s["id"], s["title"]) for s in sheets]
    assert [s["theme"] for s in written] == [s["theme"] for s in sheets]
    files = _archive(data)
    assert "Thumbnails/thumbnail.png" not in files  # it shows "topic 1"
    # Every picture and attachment a topic refers to, unchanged.
    for name, member in original.items():
        if name.startswith("resources/") and not name.endswith("/"):
            assert files[name] == member, name
    back = formats.loads(data, "xmind", source=str(path))
    assert [kid.title for kid in back.root.kids] == ["Map 1", "Map 2"]
    assert "话题一" in {node.title for node in back.iter_nodes()}
    # Nothing is lost: its sheets, and what it held beside the tree (a floating topic
    # and a callout), are written back.
    assert _lost_on_overwrite(doc) == {}


def test_a_note_written_around_the_picture_line_keeps_it_said_once() -> None:
    doc = _open(_xmind())
    assert doc.get("a").notes == "图片：1f2e.png"
    annotate.set_notes(doc, "a", "图片：1f2e.png\n搜索框在顶部").apply(doc)
    back = _open(formats.dumps(doc, "xmind"))
    assert back.get("a").notes == "搜索框在顶部\n\n图片：1f2e.png"
    assert _open(formats.dumps(back, "xmind")).get("a").notes == back.get("a").notes
    # The line names the picture, which is written back: where it stands is not the
    # user's text. Nothing is lost, so the save's question has nothing to name.
    assert _lost_on_overwrite(doc) == {}
    assert loss.losses(doc, registry.by_name("xmind")) == {}


@pytest.mark.parametrize(
    "notes",
    [
        "搜索框在顶部",  # the line deleted: the picture is still there, named again
        "要点\n图片：1f2e.png\n\n搜索框在顶部",
        "图片：1f2e.png\n\n\n搜索框在顶部\n\n",
    ],
)
def test_typing_around_the_picture_line_names_nothing(notes: str) -> None:
    doc = _open(_xmind())
    annotate.set_notes(doc, "a", notes).apply(doc)
    assert _lost_on_overwrite(doc) == {}


def test_the_users_own_line_lost_beside_the_picture_line_is_still_named() -> None:
    from featuretree.formats.xmind_format import read_xmind, write_xmind

    def read_dropping_a_line(data: bytes) -> Document:
        back = read_xmind(data)
        node = back.get("a")
        node.notes = node.notes.replace("搜索框在顶部", "")
        return back

    doc = _open(_xmind())
    annotate.set_notes(doc, "a", "图片：1f2e.png\n搜索框在顶部").apply(doc)
    lossy = registry.Format("lossy", "XMind dropping a line", (), read_dropping_a_line, write_xmind)
    assert loss.losses(doc, lossy) == {"notes": 1}


def test_a_reference_out_of_the_archive_folders_is_not_carried() -> None:
    sheets = _sheets()
    sheets[0]["rootTopic"]["children"]["attached"][0]["image"] = {"src": "xap:../../evil.png"}
    doc = _open(_xmind(sheets))
    assert doc.not_imported == {"image": 1, "relationship": 2}
    data = formats.dumps(doc, "xmind")
    assert "image" not in _content(data)[0]["rootTopic"]["children"]["attached"][0]
    assert not any(".." in name for name in _archive(data))


def test_another_parser_reads_the_sheets_written(tmp_path: Path) -> None:
    import xmindparser

    doc = _open(_xmind())
    structure.add_child(doc, doc.root.id, "路线图").apply(doc)
    path = tmp_path / "产品地图.xmind"
    formats.save(doc, path)
    sheets = xmindparser.xmind_to_dict(str(path))
    assert [(s["title"], s["topic"]["title"]) for s in sheets] == [
        ("需求", "App"),
        ("竞品", "竞品"),
        ("路线图", "路线图"),
    ]
    assert [t["title"] for t in sheets[0]["topic"]["topics"]] == ["搜索", "需求说明.pdf", "推荐"]


def test_a_link_added_to_an_attachment_topic_keeps_both() -> None:
    doc = _open(_xmind())
    annotate.add_link(doc, "b", "https://wiki.example.com/prd").apply(doc)
    data = formats.dumps(doc, "xmind")
    topic = _topics(_content(data)[0])["需求说明.pdf"]
    assert topic["href"] == f"xap:{_ATTACHED}"
    assert _archive(data)[_ATTACHED] == _PDF
    back = _open(data)
    assert [link.url for link in back.get("b").links] == ["https://wiki.example.com/prd"]
    assert back.get("b").notes == doc.get("b").notes
    assert _lost_on_overwrite(doc) == {}


def test_floating_topics_stay_with_the_sheets_central_topic_when_it_changes() -> None:
    # A second topic put beside the central one under the sheet's name makes the name
    # the sheet's central topic: the floating topics go with it (XMind keeps them on
    # the central topic), none is lost.
    sheets = _sheets()
    floating = [{"id": "f", "title": "待定", "position": {"x": 0, "y": 300}}]
    sheets[0]["rootTopic"]["children"]["detached"] = floating  # type: ignore[index]
    doc = _open(_xmind(sheets))
    needs = doc.root.kids[0]
    assert needs.title == "需求"
    assert doc.not_imported == {"floating_topic": 1, "relationship": 2}
    structure.add_child(doc, needs.id, "路线").apply(doc)
    written = _content(formats.dumps(doc, "xmind"))
    central = written[0]["rootTopic"]
    assert central["title"] == "需求"
    assert central["children"]["detached"] == floating
    assert "detached" not in central["children"]["attached"][0].get("children", {})
    assert _lost_on_overwrite(doc) == {}
