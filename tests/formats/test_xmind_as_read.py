"""A colleague's XMind Zen file saved back after an edit differs only where it was edited.

Beside the map (``content.json``), the archive XMind Zen wrote holds a ``content.xml``
that is a notice ("please use XMind 8 Update 3 or later"), a ``metadata.json`` and
topics with or without ``"class": "topic"``. Saved back, those are as read: the notice is
not replaced by a second copy of the map, no key is added to an untouched topic, and
XMind's ``metadata.json`` is not replaced by featuretree's. An XMind 8 file, and
featuretree's own, still get the map in ``content.xml`` too.
"""

from __future__ import annotations

import io
import json
import zipfile
from pathlib import Path
from typing import Any

from featuretree import formats
from featuretree.model.document import Document
from featuretree.model.node import FeatureNode
from featuretree.operations import annotate, structure

_NOTICE = (
    '<?xml version="1.0" encoding="UTF-8" standalone="no"?>'
    '<xmap-content xmlns="urn:xmind:xmap:xmlns:content:2.0" version="2.0">'
    '<sheet id="notice-sheet"><topic id="notice-topic"><title>Warning 警告</title>'
    '<children><topics type="attached"><topic id="n2"><title>你可以尝试使用 XMind 8 Update 3 '
    "或更新版本打开</title></topic></topics></children></topic><title>Sheet 1</title></sheet>"
    "</xmap-content>"
).encode()


def _archive(data: bytes) -> dict[str, bytes]:
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        return {name: archive.read(name) for name in archive.namelist()}


def _zip(members: dict[str, bytes | str]) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for name, data in members.items():
            archive.writestr(name, data)
    return buffer.getvalue()


def _by_title(doc: Document, title: str) -> str:
    return next(node.id for node in doc.iter_nodes() if node.title == title)


def _topics(sheets: list[dict[str, Any]]) -> dict[str, dict[str, Any]]:
    """Every topic of ``sheets`` by id (detached ones too), without its children."""
    out: dict[str, dict[str, Any]] = {}
    stack = [sheet["rootTopic"] for sheet in sheets]
    while stack:
        topic = stack.pop()
        out[topic["id"]] = {key: value for key, value in topic.items() if key != "children"}
        for group in topic.get("children", {}).values():
            stack.extend(group)
    return out


def _zen_sheets() -> list[dict[str, Any]]:
    """An XMind 2020 map: every topic has a "class", but one written by an older tool."""
    return [
        {
            "id": "s1",
            "class": "sheet",
            "title": "需求",
            "rootTopic": {
                "id": "r",
                "class": "topic",
                "title": "App",
                "structureClass": "org.xmind.ui.map.unbalanced",
                "children": {
                    "attached": [
                        {"id": "a", "class": "topic", "title": "首页"},
                        {"id": "b", "title": "我的"},
                    ]
                },
            },
            "topicPositioning": "fixed",
        }
    ]


def test_the_real_zen_file_edited_changes_only_the_edit(shared_fixtures: Path) -> None:
    path = shared_fixtures / "xmind" / "xmind_zen.xmind"
    original = _archive(path.read_bytes())
    doc = formats.load(path)
    renamed = _by_title(doc, "topic 1")
    annotate.rename(doc, renamed, "话题一").apply(doc)
    written = _archive(formats.dumps(doc, "xmind"))
    # XMind Zen's notice to XMind 8 users, as read (not a legacy copy of the map).
    assert written["content.xml"] == original["content.xml"]
    assert "META-INF/manifest.xml" not in written  # the file had none
    assert json.loads(written["metadata.json"]) == json.loads(original["metadata.json"])
    # The map: as read but for the new title, its floating topic (and the three topics
    # under it) and its callout included, each where it was.
    before = json.loads(original["content.json"])
    after = json.loads(written["content.json"])
    assert _topics(after) == {
        key: {**topic, "title": "话题一"} if key == renamed else topic
        for key, topic in _topics(before).items()
    }
    assert _groups(after) == _groups(before)


def _groups(sheets: list[dict[str, Any]]) -> dict[str, dict[str, list[str]]]:
    """By topic id, the ids of each group of topics under it ("attached", "detached"…)."""
    out: dict[str, dict[str, list[str]]] = {}
    stack = [sheet["rootTopic"] for sheet in sheets]
    while stack:
        topic = stack.pop()
        for kind, group in topic.get("children", {}).items():
            out.setdefault(topic["id"], {})[kind] = [t["id"] for t in group]
            stack.extend(group)
    return out


def test_topics_keep_their_class_or_its_absence_and_new_ones_follow_the_file() -> None:
    data = _zip({"content.json": json.dumps(_zen_sheets()), "content.xml": _NOTICE})
    doc = formats.loads(data, "xmind")
    structure.add_child(doc, "r", "设置").apply(doc)
    written = _archive(formats.dumps(doc, "xmind"))
    topics = {t["title"]: t for t in _topics(json.loads(written["content.json"])).values()}
    assert topics["App"]["class"] == "topic" and topics["首页"]["class"] == "topic"
    assert "class" not in topics["我的"]  # it had none
    assert topics["设置"]["class"] == "topic"  # new: as most topics of the file
    assert written["content.xml"] == _NOTICE
    assert "metadata.json" in written  # none was read: featuretree's, as before


def test_a_zen_file_without_content_xml_gets_none() -> None:
    sheets = _zen_sheets()
    del sheets[0]["rootTopic"]["structureClass"]
    data = _zip({"content.json": json.dumps(sheets)})
    doc = formats.loads(data, "xmind")
    annotate.rename(doc, "a", "首页 v2").apply(doc)
    written = _archive(formats.dumps(doc, "xmind"))
    assert "content.xml" not in written and "META-INF/manifest.xml" not in written
    root = json.loads(written["content.json"])[0]["rootTopic"]
    assert "structureClass" not in root  # no layout added to the central topic


def test_the_notice_survives_featuretree_json() -> None:
    data = _zip({"content.json": json.dumps(_zen_sheets()), "content.xml": _NOTICE})
    doc = formats.loads(data, "xmind")
    back = formats.loads(formats.dumps(doc, "json"), "json")
    annotate.rename(back, "a", "首页 v2").apply(back)
    written = _archive(formats.dumps(back, "xmind"))
    assert written["content.xml"] == _NOTICE
    assert "class" not in _topics(json.loads(written["content.json"]))["b"]


def test_featuretree_own_xmind_gets_the_edited_map_in_content_xml_again() -> None:
    doc = Document(FeatureNode("App", id="app"))
    structure.add_child(doc, doc.root.id, "首页").apply(doc)
    own = formats.dumps(doc, "xmind")
    assert "首页".encode() in _archive(own)["content.xml"]
    again = formats.loads(own, "xmind")
    annotate.rename(again, _by_title(again, "首页"), "发现页").apply(again)
    written = _archive(formats.dumps(again, "xmind"))
    # Its content.xml was the map for XMind 8: it is the edited map now, not the old one.
    assert "发现页".encode() in written["content.xml"]
    assert "首页".encode() not in written["content.xml"]


def test_an_xmind_8_file_is_written_with_its_map_in_content_xml() -> None:
    xml = (
        '<?xml version="1.0" encoding="UTF-8"?>'
        '<xmap-content xmlns="urn:xmind:xmap:xmlns:content:2.0" version="2.0">'
        '<sheet id="s"><topic id="r"><title>App</title></topic><title>需求</title></sheet>'
        "</xmap-content>"
    )
    doc = formats.loads(_zip({"content.xml": xml}), "xmind")
    annotate.rename(doc, "r", "应用").apply(doc)
    written = _archive(formats.dumps(doc, "xmind"))
    assert "应用".encode() in written["content.xml"]
    assert "META-INF/manifest.xml" in written
