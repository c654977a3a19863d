"""Saving a colleague's file over itself never drops something silently.

Each test opens a file as another tool wrote it, asks what saving it back in the same
format would lose (what the editor's save question lists), and checks that everything
the writer cannot give back is named there.
"""

from __future__ import annotations

import io
import json
import zipfile
from pathlib import Path

import pytest

from featuretree import formats
from featuretree.formats import loss, registry
from featuretree.operations import annotate, structure
from featuretree.samples_catalog import sample_path


def _lost_on_overwrite(data: bytes, fmt: str) -> dict[str, int]:
    doc = formats.loads(data, fmt)
    return loss.losses(doc, registry.by_name(fmt), overwriting_source=True)


# -- Mermaid -----------------------------------------------------------------------------


def test_mermaid_fixture_saved_over_itself_loses_nothing(shared_fixtures: Path) -> None:
    # ::icon(fa fa-book), "On effectiveness<br/>and features", config: theme: redux-color
    # are written back as read (formats/mermaid_format.py, tests/formats/test_mermaid_as_read.py).
    data = (shared_fixtures / "mermaid" / "test.mmd").read_bytes()
    assert _lost_on_overwrite(data, "mermaid") == {}


_MERMAID = """---
title: 播放器
config:
  theme: forest
---
%% 评审用
mindmap
  root{{播放器}}
    a(("倍速 播放"))
      ::icon(fa fa-play)
    b[字幕]
    :::urgent
    c["`**加粗** 与 *斜体*`"]
    d[片头] %% 待定
    e[普通]
"""


def test_mermaid_shapes_classes_comments_and_emphasis_are_kept() -> None:
    assert _lost_on_overwrite(_MERMAID.encode(), "mermaid") == {}


def test_a_mermaid_text_over_several_lines_is_kept() -> None:
    data = 'mindmap\n  root((产品))\n    a["`第一行\n第二行`"]\n'.encode()
    assert _lost_on_overwrite(data, "mermaid") == {}


def test_a_mermaid_root_on_the_keywords_line_names_what_it_loses() -> None:
    # The one layout not written back as read: the root on the keyword's line.
    data = "mindmap root{{播放器}}\n    a[字幕]\n    ::icon(fa fa-play)\n".encode()
    assert _lost_on_overwrite(data, "mermaid") == {"node_shape": 1, "icon": 1}


def test_a_plain_mermaid_mindmap_loses_nothing() -> None:
    data = "mindmap\n  root((产品))\n    a[搜索]\n    b\n".encode()
    assert _lost_on_overwrite(data, "mermaid") == {}


# -- XMind -------------------------------------------------------------------------------


def test_xmind_fixture_loses_nothing_when_written_over(shared_fixtures: Path) -> None:
    data = (shared_fixtures / "xmind" / "xmind_zen.xmind").read_bytes()
    lost = _lost_on_overwrite(data, "xmind")
    # Its two sheets are written back as sheets, each with its theme (and background);
    # "formatted topic" (colour, bold), both sheets' unbalanced layout, the two formatted
    # notes, the images and the attachment are written back: not named. So are its
    # floating topic (with its three subtopics) and its callout, which a save dropped.
    assert lost == {}


def _xmind(sheets: list[dict[str, object]]) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("content.json", json.dumps(sheets, ensure_ascii=False))
    return buffer.getvalue()


def test_xmind_boundaries_summaries_styles_and_themes_are_kept() -> None:
    root = {
        "id": "r",
        "title": "产品",
        "structureClass": "org.xmind.ui.logic.right",
        "boundaries": [{"id": "b1", "range": "(0,1)", "title": "一期"}],
        "summaries": [{"id": "s1", "range": "(0,1)", "topicId": "st"}],
        "children": {
            "attached": [
                {"id": "a", "title": "搜索", "style": {"properties": {"fo:color": "#f00"}}},
                {
                    "id": "b",
                    "title": "推荐",
                    "notes": {
                        "plain": {"content": "要点"},
                        "realHTML": {"content": "<div><b>要点</b></div>"},
                    },
                },
            ],
            "summary": [{"id": "st", "title": "核心"}],
        },
    }
    sheet = {"id": "s", "title": "产品", "rootTopic": root, "theme": {"id": "t"}}
    lost = _lost_on_overwrite(_xmind([sheet]), "xmind")
    # The boundary and the summary are written back over the same two topics.
    assert lost == {}


def _with_floating(image: bool = False) -> bytes:
    """A map with a floating topic (one subtopic) beside the central topic and a callout
    on one of its topics; ``image``: the floating topic shows a picture of the archive."""
    floating: dict[str, object] = {
        "id": "f",
        "title": "待定：波次",
        "position": {"x": 10, "y": 200},
        "children": {"attached": [{"id": "f1", "title": "按线路"}]},
    }
    if image:
        floating["image"] = {"src": "xap:resources/a.png"}
    root = {
        "id": "r",
        "title": "仓储",
        "children": {
            "attached": [
                {
                    "id": "a",
                    "title": "入库",
                    "children": {"callout": [{"id": "c", "title": "高峰"}]},
                },
                {"id": "b", "title": "出库"},
            ],
            "detached": [floating],
        },
    }
    return _xmind([{"id": "s", "title": "仓储", "rootTopic": root}])


def test_xmind_floating_topics_and_callouts_are_written_back_beside_their_topic() -> None:
    doc = formats.loads(_with_floating(), "xmind")
    # Not in the editor: said on opening.
    assert doc.not_imported == {"floating_topic": 2, "callout": 1}
    annotate.rename(doc, "b", "出库 管理").apply(doc)
    structure.add_child(doc, "a", "收货").apply(doc)
    # Saving over the file used to drop them, named: they are written back now.
    assert loss.losses(doc, registry.by_name("xmind"), overwriting_source=True) == {}
    data = formats.dumps(doc, "xmind")
    root = json.loads(zipfile.ZipFile(io.BytesIO(data)).read("content.json"))[0]["rootTopic"]
    assert [t["title"] for t in root["children"]["detached"]] == ["待定：波次"]
    assert root["children"]["detached"][0]["children"]["attached"][0]["title"] == "按线路"
    first = root["children"]["attached"][0]
    assert first["children"]["callout"] == [{"id": "c", "title": "高峰"}]
    assert [t["title"] for t in first["children"]["attached"]] == ["收货"]
    # And through featuretree's JSON (a PM keeps working in a JSON beside the map).
    again = formats.loads(formats.dumps(doc, "json"), "json")
    assert formats.dumps(again, "xmind") == data


def test_a_callout_goes_with_its_deleted_topic_and_that_is_named() -> None:
    doc = formats.loads(_with_floating(), "xmind")
    structure.delete(doc, "a").apply(doc)
    assert loss.losses(doc, registry.by_name("xmind"), overwriting_source=True) == {"callout": 1}


def test_a_floating_topic_with_a_picture_is_named_not_kept() -> None:
    # Its picture's file would not be written into the archive with it.
    doc = formats.loads(_with_floating(image=True), "xmind")
    annotate.rename(doc, "b", "出库 管理").apply(doc)
    lost = loss.losses(doc, registry.by_name("xmind"), overwriting_source=True)
    assert lost == {"floating_topic": 2}


def test_what_the_file_still_holds_stays_counted_after_a_save() -> None:
    held = {"floating_topic": 2, "callout": 1, "boundary": 1}
    assert loss.still_held(held, {"boundary": 1, "title": 1}) == {"floating_topic": 2, "callout": 1}
    assert loss.still_held(held, {}) == held


def test_a_freemind_picture_is_named_only_when_the_map_written_loses_it() -> None:
    # An untouched node is written back as read, its picture (a hook) too: the question
    # named "1 image" all the same, and sent the PM to a JSON for nothing.
    data = """<map version="1.0.1"><node TEXT="产品" ID="ID_1">
<node TEXT="首页" ID="ID_2"><hook NAME="ExternalObject" URI="截图.png"/></node>
<node TEXT="我的" ID="ID_3"/>
</node></map>
""".encode()
    doc = formats.loads(data, "mm")
    assert doc.not_imported == {"image": 1}
    annotate.rename(doc, "ID_3", "我的 页面").apply(doc)
    assert loss.losses(doc, registry.by_name("mm"), overwriting_source=True) == {}
    assert '<hook NAME="ExternalObject" URI="截图.png"/>' in formats.dumps(doc, "mm").decode()
    # Its own node renamed is written anew, without the picture: that is named.
    annotate.rename(doc, "ID_2", "首页 改版").apply(doc)
    assert loss.losses(doc, registry.by_name("mm"), overwriting_source=True) == {"image": 1}


@pytest.mark.parametrize("fmt", ["xmind", "opml", "mm", "markdown"])
def test_a_file_featuretree_wrote_is_saved_back_without_a_question(fmt: str) -> None:
    doc = formats.load(sample_path("zhihu"))
    data = formats.dumps(doc, fmt)
    assert _lost_on_overwrite(data, fmt) == {}


# -- OPML --------------------------------------------------------------------------------


def test_workflowy_fixture_loses_nothing_it_is_written_back(shared_fixtures: Path) -> None:
    # Its HTML formatting and <ownerEmail> are carried and written back as read
    # (tests/formats/test_opml_saved_as_read.py): nothing to name.
    data = (shared_fixtures / "opml" / "workflowy-export.opml").read_bytes()
    assert _lost_on_overwrite(data, "opml") == {}


_OPML = """<?xml version="1.0" encoding="UTF-8"?>
<opml version="2.0"><head><title>播放器</title><ownerName>王</ownerName>
<dateCreated>Mon, 01 Jan 2024</dateCreated><expansionState>1,3</expansionState></head>
<body><outline text="播放器">
  <outline text="倍速 播放" _complete="true" priority="高" _note="&lt;b&gt;必须&lt;/b&gt; 支持"/>
  <outline text="字幕" type="link" url="https://example.com/字幕"/>
</outline></body></opml>
"""


def test_opml_attributes_head_fields_and_note_markup_are_kept() -> None:
    # _complete, priority, dateCreated, expansionState and the <b> of the note are
    # written back as read: nothing to name.
    assert _lost_on_overwrite(_OPML.encode(), "opml") == {}
    doc = formats.loads(_OPML.encode(), "opml")
    text = formats.dumps(doc, "opml").decode("utf-8")
    assert 'priority="高"' in text and "<expansionState>1,3</expansionState>" in text


def test_an_edited_opml_title_or_note_names_the_formatting_it_drops() -> None:
    # A colleague's <b>/<i> are written back while the text is as read; renamed or
    # edited, the text is written plain: the formatting goes, and it was not said.
    data = _OPML.replace('text="字幕"', 'text="&lt;i&gt;字幕&lt;/i&gt;"').encode()
    doc = formats.loads(data, "opml")
    speed, subtitles = doc.root.kids
    annotate.set_notes(doc, speed.id, "必须支持 0.5x–3x").apply(doc)
    annotate.rename(doc, subtitles.id, "双语字幕").apply(doc)
    lost = loss.losses(doc, registry.by_name("opml"), overwriting_source=True)
    assert lost == {"formatted_note": 1, "rich_text": 1}
    assert loss.describe_losses_english(lost) == (
        "1 rich-text title, 1 formatted note (kept as plain text)"
    )
    # Annotations added to a note left as read follow it: its <b> stays, nothing named.
    doc = formats.loads(data, "opml")
    annotate.add_suggestion(doc, doc.root.kids[0].id, text="加 4x").apply(doc)
    assert loss.losses(doc, registry.by_name("opml"), overwriting_source=True) == {}
    assert "&lt;b&gt;必须&lt;/b&gt;" in formats.dumps(doc, "opml").decode("utf-8")


# -- Markdown ----------------------------------------------------------------------------


def test_markmap_fixture_names_nothing(shared_fixtures: Path) -> None:
    data = (shared_fixtures / "markdown" / "markmap-example.md").read_bytes()
    doc = formats.loads(data, "md")
    annotate.rename(doc, doc.root.kids[0].id, "链接").apply(doc)  # ## Links
    lost = loss.losses(doc, registry.by_name("md"), overwriting_source=True)
    assert "document_field" not in lost  # its front matter (markmap: options) is kept
    # Its titles and the paragraphs under its headings are written as it wrote them,
    # their **bold**, ~~del~~, *italic*, `code`, <!-- markmap: fold --> and ![](…) with
    # them: a save named each as lost. Its numbered list (1. item 1 / 2. item 2) stays
    # numbered: a save named it as lost.
    assert lost == {}
    # Its table and fenced code are written back as they are: not named.


_MARKDOWN = """---
title: 播放器
markmap:
  initialExpandLevel: 2
---

# 播放器

1. 倍速 播放 <!-- 评审时再议 -->
2. 字幕
"""


def test_markdown_numbers_comments_and_front_matter_are_kept() -> None:
    # The numbered list stays numbered, the comment is in its title as written.
    lost = _lost_on_overwrite(_MARKDOWN.encode(), "markdown")
    assert lost == {}
    text = formats.dumps(formats.loads(_MARKDOWN.encode(), "md"), "md").decode("utf-8")
    assert text == _MARKDOWN


# -- FreeMind / Freeplane ----------------------------------------------------------------


_MM = """<map version="freeplane 1.9.13">
<node TEXT="播放器" ID="ID_1">
<node TEXT="倍速 播放" ID="ID_2" POSITION="left" STYLE_REF="styles.important">
<richcontent TYPE="NOTE"><html><head></head><body>
<p><b>必须</b>支持 0.5x–3x</p>
<table><tr><td>档位</td><td>6</td></tr></table>
</body></html></richcontent>
<attribute NAME="负责人" VALUE="王 芳"/>
<attribute NAME="status" VALUE="new"/>
</node>
<node TEXT="字幕" ID="ID_3" POSITION="right">
<richcontent TYPE="NOTE"><html><body><p>纯文字备注</p></body></html></richcontent>
</node>
</node>
</map>
"""


def test_freemind_formatted_notes_attributes_and_node_styles_are_kept() -> None:
    # The formatted note (bold, a table), the attribute 负责人 and the node's STYLE_REF
    # and side are all written back (Document.carried): nothing to name.
    assert _lost_on_overwrite(_MM.encode(), "mm") == {}
    saved = formats.dumps(formats.loads(_MM.encode(), "mm"), "mm").decode()
    assert '<attribute NAME="负责人" VALUE="王 芳"/>' in saved
    assert "<b>必须</b>" in saved and "<table>" in saved
    doc = formats.loads(_MM.encode(), "mm")
    # What is kept as text is still there, word for word.
    assert "负责人: 王 芳" in doc.root.kids[0].notes
    assert "档位" in doc.root.kids[0].notes


_MM_RICH = """<map version="freeplane 1.9.13">
<node TEXT="播放器" ID="ID_1">
<node ID="ID_2"><richcontent TYPE="NODE"><html><body><p><b>倍速</b> 播放</p></body></html></richcontent>
<richcontent TYPE="NOTE"><html><body><p><b>必须</b>支持 0.5x–3x</p></body></html></richcontent>
</node>
</node>
</map>
"""


def test_an_edited_freemind_rich_title_or_formatted_note_is_named() -> None:
    doc = formats.loads(_MM_RICH.encode(), "mm")
    assert _lost_on_overwrite(_MM_RICH.encode(), "mm") == {}  # as read: written back
    annotate.rename(doc, "ID_2", "倍速播放").apply(doc)
    annotate.set_notes(doc, "ID_2", "必须支持 0.5x–4x").apply(doc)
    saved = formats.dumps(doc, "mm").decode("utf-8")
    assert "<b>" not in saved  # both written as plain text now
    lost = loss.losses(doc, registry.by_name("mm"), overwriting_source=True)
    assert lost == {"rich_text": 1, "formatted_note": 1}


def test_a_freemind_attribute_edited_on_its_line_stays_an_attribute() -> None:
    doc = formats.loads(_MM.encode(), "mm")
    node = doc.node("ID_2")
    annotate.set_notes(doc, "ID_2", node.notes.replace("负责人: 王 芳", "负责人: 李雷")).apply(doc)
    saved = formats.dumps(doc, "mm").decode("utf-8")
    assert '<attribute NAME="负责人" VALUE="李雷"/>' in saved
    assert loss.losses(doc, registry.by_name("mm"), overwriting_source=True) == {}
    # Its line deleted, it is not written at all: named.
    annotate.set_notes(doc, "ID_2", node.notes.replace("\n\n负责人: 李雷", "")).apply(doc)
    assert "负责人" not in formats.dumps(doc, "mm").decode("utf-8")
    assert loss.losses(doc, registry.by_name("mm"), overwriting_source=True) == {"attribute": 1}


_XMIND8 = """<?xml version="1.0" encoding="UTF-8"?>
<xmap-content xmlns="urn:xmind:xmap:xmlns:content:2.0" xmlns:xhtml="http://www.w3.org/1999/xhtml"
 version="2.0"><sheet id="s" theme="t1"><topic id="r" structure-class="org.xmind.ui.map.clockwise">
<title>产品</title>
<children><topics type="attached">
<topic id="a" style-id="st1"><title>搜索</title>
<notes><plain>要点</plain><html><xhtml:p><xhtml:strong>要点</xhtml:strong></xhtml:p></html></notes>
</topic>
</topics></children>
<boundaries><boundary id="b1" range="(0,0)"/></boundaries>
</topic><title>产品</title></sheet></xmap-content>
"""


def test_xmind_8_styles_theme_and_note_formatting_are_named() -> None:
    lost = _lost_on_overwrite(_xmind_member("content.xml", _XMIND8), "xmind")
    # The theme and the topic style (ids into styles.xml, not kept); the clockwise
    # layout and the boundary are written back.
    assert lost == {"style_setting": 2, "formatted_note": 1}


def _xmind_member(name: str, text: str) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr(name, text)
    return buffer.getvalue()


# -- line breaks in titles -----------------------------------------------------------------


def test_line_breaks_typed_into_xmind_and_opml_titles_are_named() -> None:
    topic = {"id": "a", "title": "搜索\n  历史记录"}
    root = {"id": "r", "title": "产品\n第二行", "children": {"attached": [topic]}}
    data = _xmind([{"id": "s", "title": "产品", "rootTopic": root}])
    assert _lost_on_overwrite(data, "xmind").get("line_break") == 2
    opml = (
        '<opml version="2.0"><body><outline text="产品&#10;第二行 &lt;br&gt;第三行"/></body></opml>'
    )
    # An OPML title is written back as read while it is not renamed: nothing lost.
    assert _lost_on_overwrite(opml.encode(), "opml") == {}
    # Renamed, it is one line: its breaks go, and that is named (it was not).
    doc = formats.loads(opml.encode(), "opml")
    annotate.rename(doc, doc.root.id, "产品 第二行 第三行 改").apply(doc)
    assert loss.losses(doc, registry.by_name("opml"), overwriting_source=True) == {"line_break": 1}


def test_markdown_comments_on_their_own_line_are_named() -> None:
    text = "# 产品\n\n<!-- 评审意见：先做搜索 -->\n\n## 搜索\n\n- <!-- 待定 -->\n- 历史\n"
    assert _lost_on_overwrite(text.encode(), "markdown") == {"comment": 2}


def test_xmind_folded_branches_widths_and_task_info_are_kept() -> None:
    task = {"provider": "org.xmind.ui.task", "content": {"progress": 0.5, "assignee": "王芳"}}
    kids = [
        {
            "id": "a",
            "title": "搜索",
            "branch": "folded",
            "children": {"attached": [{"title": "x"}]},
        },
        {"id": "b", "title": "推荐", "customWidth": 120, "extensions": [task]},
    ]
    root = {"id": "r", "title": "产品", "children": {"attached": kids}}
    lost = _lost_on_overwrite(_xmind([{"id": "s", "title": "产品", "rootTopic": root}]), "xmind")
    assert lost == {}


def test_markdown_hard_breaks_in_titles_are_named() -> None:
    text = "# 产品\n\n## 搜索<br>历史\n\n- 第一行  \n  第二行\n- 软\n  换行\n"
    # The <br> and the hard break (two spaces); a soft break is only a space.
    assert _lost_on_overwrite(text.encode(), "markdown") == {"line_break": 2}


def test_the_commands_english_list_says_what_the_editors_does() -> None:
    from featuretree.i18n import current_language, set_language

    lost = {"notes": 2, "tag": 1, "changelog": 3, "merged_tops": 1, "icon": 1, "image": 2}
    before = current_language()
    set_language("en")
    try:
        assert loss.describe_losses_english(lost) == loss.describe_losses(lost)
    finally:
        set_language(before)


@pytest.mark.parametrize("label", ["XMind", "OPML", "Mermaid mindmap", "FreeMind / Freeplane"])
def test_the_save_question_reads_right_for_every_format(label: str) -> None:
    from featuretree.i18n import current_language, set_language, t

    before = current_language()
    set_language("en")
    try:
        text = t("loss.question", name="x", format=label)
    finally:
        set_language(before)
    # Not "x is a XMind file" / "a OPML file".
    assert f" a {label}" not in text and label in text
