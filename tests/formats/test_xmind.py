"""XMind: real files from XMind, an independent reader of what we write, round trips, bad files."""

from __future__ import annotations

import io
import json
import zipfile
from pathlib import Path

import pytest
import xmindparser
from _interop_trees import deep_document, documents, shape
from hypothesis import HealthCheck, given, settings

from featuretree import formats
from featuretree.formats import xmind_format
from featuretree.formats._xmind_write import content_xml, write_xmind
from featuretree.formats.errors import FormatError, describe_not_imported
from featuretree.formats.xmind_format import read_xmind
from featuretree.model.annotations import FeatureStatus
from featuretree.model.tree import preorder

SAMPLES = Path(__file__).resolve().parents[2] / "samples"
SAMPLE_NAMES = ("zhihu", "wms", "netease-music")


def _zip(members: dict[str, bytes | str]) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in members.items():
            archive.writestr(name, data)
    return buffer.getvalue()


def _error(data: bytes) -> str:
    with pytest.raises(FormatError) as caught:
        read_xmind(data)
    return str(caught.value)


def _user_notes(notes: str) -> str:
    """Notes without the lines we add for images and attachments (the other parser lists them apart)."""
    return "\n".join(
        line for line in notes.split("\n") if not line.startswith(("图片：", "附件："))
    ).strip()


# -- a real XMind Zen file, against another parser's reading of it --------------------------------


def test_xmind_zen_file_matches_the_other_parsers_reading(shared_fixtures: Path) -> None:
    doc = formats.load(shared_fixtures / "xmind" / "xmind_zen.xmind")
    expected = json.loads(
        (shared_fixtures / "xmind" / "xmind_zen.expected.json").read_text("utf-8")
    )

    # Two sheets: each a top-level node titled by the sheet's name, over its central
    # topic, under a root named after the file (not an invented "XMind"); we say so.
    # The document's title is that root's (none of its own), following it.
    assert (doc.root.title, doc.meta.title) == ("xmind_zen", "")
    assert (
        [kid.title for kid in doc.root.kids]
        == [sheet["title"] for sheet in expected]
        == ["Map 1", "Map 2"]
    )
    assert any("2 sheets" in w for w in doc.warnings)
    # What is not a tree node or not text is not imported, and counted as such (not as a repair).
    # The sheets (with their themes), the topics' style, layouts, formatted notes, images
    # and the attachment are kept (Document.carried) and written back.
    assert doc.not_imported == {
        "floating_topic": 4,  # the floating topic and its three subtopics
        "callout": 1,
    }
    assert describe_not_imported(doc.not_imported) == "4 floating topics, 1 callout"
    assert not any("not imported" in w for w in doc.warnings)

    compared = 0
    centrals = [kid.kids[0] for kid in doc.root.kids]
    pairs = list(zip(centrals, (sheet["topic"] for sheet in expected), strict=True))
    while pairs:
        node, topic = pairs.pop()
        compared += 1
        assert node.title == topic["title"]
        assert _user_notes(node.notes) == topic.get("note", "")
        markers = [
            m if m.startswith("priority-") else f"marker:{m}" for m in topic.get("makers", [])
        ]
        assert list(node.tags) == topic.get("labels", []) + markers
        children = topic.get("topics", [])
        assert len(node.kids) == len(children), node.title
        pairs.extend(zip(node.kids, children))
    assert compared == len(doc) - 3 == 23
    assert centrals[0].id == "b9aa22deba98b3b20c7ac8aca2"  # XMind's ids are kept
    link = next(n for n in doc.iter_nodes() if n.title == "link topic")
    assert link.notes == ""
    assert [(k.title, k.url) for k in link.links] == [("", "http://www.link.com")]
    # Images and the attachment are named where they were (and written back there).
    image = next(n for n in doc.iter_nodes() if n.title == "image topic")
    assert (
        image.notes == "图片：40af36d11c22d4747e35dd2d82cfa2c0e6ed91a333fa77b18c8d2e675e7b9fa0.png"
    )
    attachment = next(n for n in doc.iter_nodes() if n.title == "test.txt")
    assert attachment.notes == "附件：test.txt"


def test_xmind_8_content_xml_is_read_when_there_is_no_content_json(shared_fixtures: Path) -> None:
    # The fixture's content.xml is what XMind itself writes for XMind 8 users.
    with zipfile.ZipFile(shared_fixtures / "xmind" / "xmind_zen.xmind") as archive:
        xml = archive.read("content.xml")
    doc = read_xmind(_zip({"content.xml": xml}))
    assert doc.root.title.startswith("Warning 警告 Attention")
    assert len(doc.root.kids) == 7
    assert all(len(kid.kids) == 1 for kid in doc.root.kids)
    assert doc.root.kids[1].title.startswith("该文件无法正常打开")
    assert len(doc) == 15


# -- what we write, read by an independent reader --------------------------------------------------


def _sample(name: str):
    path = SAMPLES / f"{name}.json"
    if not path.exists():
        pytest.skip(f"samples/{name}.json is not there yet")
    return formats.load(path)


def test_xmindparser_reads_our_file(tmp_path: Path) -> None:
    doc = _sample("zhihu")
    path = tmp_path / "zhihu.xmind"
    formats.save(doc, path)
    sheets = xmindparser.xmind_to_dict(str(path))
    assert len(sheets) == 1
    assert sheets[0]["title"] == doc.meta.title
    pairs = [(doc.root, sheets[0]["topic"])]
    seen = 0
    while pairs:
        node, topic = pairs.pop()
        seen += 1
        assert topic["title"] == node.title
        children = topic.get("topics", [])
        assert [c["title"] for c in children] == [k.title for k in node.kids]
        note = topic.get("note", "")
        assert note.startswith(node.notes.strip())
        if node.changelog:
            assert "【修改记录】" in note
        if node.suggestions:
            assert "【优化建议】" in note and node.suggestions[0].text.split("\n")[0] in note
        labels = topic.get("labels", [])
        for tag in node.tags:
            assert tag in labels
        if node.status is not FeatureStatus.EXISTING:
            assert f"status:{node.status.value}" in labels
        pairs.extend(zip(node.kids, children))
    assert seen == len(doc)


def test_written_archive_has_what_xmind_expects() -> None:
    doc = _sample("wms")
    with zipfile.ZipFile(io.BytesIO(write_xmind(doc))) as archive:
        names = set(archive.namelist())
        content = json.loads(archive.read("content.json"))
        manifest = json.loads(archive.read("manifest.json"))
        json.loads(archive.read("metadata.json"))
    assert {"content.json", "metadata.json", "manifest.json", "content.xml"} <= names
    assert set(manifest["file-entries"]) == {"content.json", "metadata.json"}
    root = content[0]["rootTopic"]
    assert content[0]["class"] == "sheet"
    assert root["class"] == "topic" and root["id"] == doc.root.id
    assert root["structureClass"] == "org.xmind.ui.logic.right"
    assert len(root["children"]["attached"]) == len(doc.root.kids)
    assert write_xmind(doc) == write_xmind(doc)  # deterministic bytes


# -- round trips ---------------------------------------------------------------------------------------


@pytest.mark.parametrize("name", SAMPLE_NAMES)
def test_samples_round_trip(name: str) -> None:
    doc = _sample(name)
    back = read_xmind(write_xmind(doc))
    assert shape(back) == shape(doc)
    assert back.warnings == []


@pytest.mark.parametrize("name", SAMPLE_NAMES[:1])
def test_samples_round_trip_through_xmind_8_content_xml(name: str) -> None:
    doc = _sample(name)
    back = read_xmind(_zip({"content.xml": content_xml(doc)}))
    assert shape(back) == shape(doc)


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(documents())
def test_random_trees_round_trip(doc) -> None:
    assert shape(read_xmind(write_xmind(doc))) == shape(doc)
    assert shape(read_xmind(_zip({"content.xml": content_xml(doc)}))) == shape(doc)


def test_tags_that_stand_for_markers_become_markers_and_come_back() -> None:
    doc = _sample("zhihu")
    node = doc.root
    node.tags = ("问答", "priority-1", "marker:task-done")
    with zipfile.ZipFile(io.BytesIO(write_xmind(doc))) as archive:
        topic = json.loads(archive.read("content.json"))[0]["rootTopic"]
    assert topic["labels"][:1] == ["问答"]
    assert topic["markers"] == [{"markerId": "priority-1"}, {"markerId": "task-done"}]
    assert read_xmind(write_xmind(doc)).root.tags == ("问答", "priority-1", "marker:task-done")


def test_an_edited_annotation_block_stays_as_note_text() -> None:
    content = [
        {
            "title": "s",
            "rootTopic": {
                "id": "r",
                "title": "根",
                "notes": {
                    "plain": {
                        "content": "备注\n\n──── featuretree ────\n【修改记录】\n有人在 XMind 里改过这里"
                    }
                },
            },
        }
    ]
    doc = read_xmind(_zip({"content.json": json.dumps(content, ensure_ascii=False)}))
    assert doc.root.notes.endswith("有人在 XMind 里改过这里")
    assert doc.root.changelog == ()
    assert any("kept as note text" in w for w in doc.warnings)


def test_html_only_notes_of_newer_xmind_versions() -> None:
    topic = {
        "id": "r",
        "title": "根",
        "notes": {"realHTML": {"content": "<div>第一行</div><div><b>第二</b>行</div>"}},
    }
    doc = read_xmind(_zip({"content.json": json.dumps([{"rootTopic": topic}], ensure_ascii=False)}))
    assert doc.root.notes == "第一行\n第二行"


# -- bad and hostile files -----------------------------------------------------------------------


def test_not_a_zip() -> None:
    assert "not a zip archive" in _error(b"<map><node TEXT='x'/></map>")
    assert "not a zip archive" in _error(b"")


def test_zip_without_content() -> None:
    assert "no content.json or content.xml" in _error(_zip({"readme.txt": "hi"}))


def test_invalid_json_inside_names_member_and_place() -> None:
    message = _error(_zip({"content.json": '[{"rootTopic": {"title": "a",}}]'}))
    assert "content.json, line 1, column" in message and "invalid JSON" in message


@pytest.mark.parametrize("content", ["42", "[]", '[{"title": "no root"}]', '{"x": 1}'])
def test_json_that_is_not_a_map(content: str) -> None:
    assert "content.json" in _error(_zip({"content.json": content}))


def test_not_utf8_content() -> None:
    assert "content.json" in _error(_zip({"content.json": b'[{"rootTopic": {"title": "\xff"}}]'}))


def test_truncated_file() -> None:
    data = write_xmind(_sample("zhihu"))
    for cut in (len(data) // 3, len(data) - 30):
        assert "damaged or incomplete" in _error(data[:cut])


def test_damaged_member_data() -> None:
    data = bytearray(write_xmind(_sample("zhihu")))
    start = data.index(b"content.json") + len("content.json")
    data[start + 10 : start + 60] = b"\0" * 50  # inside the compressed content.json
    assert "content.json" in _error(bytes(data))


def test_member_over_the_size_limit_is_refused(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(xmind_format, "MAX_MEMBER_BYTES", 1000)
    assert "too large" in _error(_zip({"content.json": "[" + " " * 5000 + "]"}))


BOMB = b"""<?xml version="1.0"?>
<!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol1 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">
<!ENTITY lol2 "&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;">]>
<xmap-content xmlns="urn:xmind:xmap:xmlns:content:2.0"><sheet><topic><title>&lol2;</title></topic></sheet></xmap-content>"""
EXTERNAL = b"""<?xml version="1.0"?>
<!DOCTYPE x [<!ENTITY secret SYSTEM "file:///etc/passwd">]>
<xmap-content xmlns="urn:xmind:xmap:xmlns:content:2.0"><sheet><topic><title>&secret;</title></topic></sheet></xmap-content>"""


@pytest.mark.parametrize("xml", [BOMB, EXTERNAL], ids=["billion-laughs", "external-entity"])
def test_entities_in_content_xml_are_refused(xml: bytes) -> None:
    assert "refuses" in _error(_zip({"content.xml": xml}))


def test_malformed_content_xml_names_the_line() -> None:
    message = _error(_zip({"content.xml": "<xmap-content>\n<sheet><topic></sheet>"}))
    assert "content.xml, line 2" in message


def test_deep_tree_both_ways() -> None:
    doc = deep_document(5_000)
    data = write_xmind(doc)
    back = read_xmind(data)
    assert shape(back) == shape(doc)
    back8 = read_xmind(_zip({"content.xml": content_xml(doc)}))
    assert len(back8) == 5_000 and list(preorder(back8.root))[-1].notes == "deepest"
