"""What users bring from other tools, they keep (issue 17, items 4-7 and 9).

Links come back as links in every format that has them; multi-line FreeMind text keeps
its lines; XMind comments, attachments and images are named, and what could not be
kept is reported as "not imported" (not as a repair); text with angle brackets stays
the user's words; the same file read twice gives the same bytes.
"""

from __future__ import annotations

import io
import json
import zipfile
from pathlib import Path

import pytest

from featuretree import formats
from featuretree.formats.errors import describe_not_imported
from featuretree.formats.json_format import write_json
from featuretree.model import ids
from featuretree.model.annotations import Link
from featuretree.model.document import Document
from featuretree.model.node import FeatureNode
from featuretree.model.tree import attach


def _by_title(doc: Document, title: str) -> FeatureNode:
    return next(n for n in doc.iter_nodes() if n.title == title)


def _links(node: FeatureNode) -> list[tuple[str, str]]:
    return [(k.title, k.url) for k in node.links]


def _zip(members: dict[str, str | bytes]) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for name, data in members.items():
            archive.writestr(name, data)
    return buffer.getvalue()


# -- 4. OPML text with angle brackets --------------------------------------------------------


_VALIDATOR_OPML = """<?xml version="1.0" encoding="UTF-8"?>
<opml version="2.0"><head><title>播放器</title></head><body>
<outline text="播放器">
  <outline text="支持 &lt;video&gt; 标签播放"/>
  <outline text="&lt;title&gt; 字段展示规则"/>
  <outline text="解析 &lt;head&gt; 之后的 meta 与 &lt;body&gt;"/>
  <outline text="&lt;b&gt;加粗&lt;/b&gt; 与 &lt;a href=&quot;https://example.com/prd?a=1&amp;amp;b=2&quot;&gt;PRD&lt;/a&gt;"/>
  <outline text="a &lt; b &amp;&amp; c &gt; d" _note="备注里 &lt;script&gt; 是字面文字"/>
</outline>
</body></opml>
"""


def test_opml_angle_brackets_stay_the_users_words_and_links_are_kept() -> None:
    doc = formats.loads(_VALIDATOR_OPML.encode(), "opml")
    assert [n.title for n in doc.root.kids] == [
        "支持 <video> 标签播放",
        "<title> 字段展示规则",
        "解析 <head> 之后的 meta 与 <body>",  # nothing after <head> is dropped
        "加粗 与 PRD",  # real display markup is reduced
        "a < b && c > d",
    ]
    assert _links(doc.root.kids[3]) == [("PRD", "https://example.com/prd?a=1&b=2")]
    assert doc.root.kids[4].notes == "备注里 <script> 是字面文字"


def test_workflowy_links_are_links(shared_fixtures: Path) -> None:
    doc = formats.load(shared_fixtures / "opml" / "workflowy-export.opml")
    assert _links(_by_title(doc, "Regex info")) == [
        ("Regex info", "https://golang.org/pkg/regexp/")
    ]
    assert (
        _links(_by_title(doc, "Multiple links in a headline"))[0][1]
        == "https://news.ycombinator.com/"
    )
    # Display markup is reduced, <time> included; nothing is "(untitled)".
    assert all(n.title for n in doc.iter_nodes())


# -- 5. multi-line FreeMind text --------------------------------------------------------------


_MULTILINE_MM = """<map version="1.0.1">
<node TEXT="接口">
<node TEXT="fetch(url) // 拉取&#xa;  .then(parse)&#xa;  .catch(report)">
<richcontent TYPE="NOTE"><html><body><p>原有备注</p></body></html></richcontent>
</node>
<node>
<richcontent TYPE="NODE"><html><head></head><body><p>标题行</p><p>第二行</p><p>第三行</p></body></html></richcontent>
</node>
<node TEXT="配置">
<attribute NAME="sql" VALUE="SELECT *&#xa;FROM t&#xa;WHERE a = 1"/>
</node>
</node>
</map>
"""


def test_multiline_freemind_text_keeps_its_lines() -> None:
    doc = formats.loads(_MULTILINE_MM.encode(), "mm")
    code, rich, config = doc.root.kids
    # The first line is the title; the rest goes before the existing notes, lines kept.
    assert code.title == "fetch(url) // 拉取"
    assert code.notes == "  .then(parse)\n  .catch(report)\n\n原有备注"
    assert rich.title == "标题行"
    assert rich.notes == "第二行\n第三行"
    # An attribute value keeps its line breaks.
    assert config.notes == "sql: SELECT *\nFROM t\nWHERE a = 1"


def test_a_160_line_attribute_stays_160_lines() -> None:
    value = "&#xa;".join(f"line {i}" for i in range(160))
    data = f'<map><node TEXT="n"><attribute NAME="log" VALUE="{value}"/></node></map>'.encode()
    doc = formats.loads(data, "mm")
    assert len(doc.root.notes.split("\n")) == 160


# -- 6. links, in every format that has them --------------------------------------------------


def _linked_document() -> Document:
    root = FeatureNode("App", id="app")
    one = FeatureNode("搜索", id="search", links=[Link(url="https://example.com/search-prd")])
    many = FeatureNode(
        "推荐",
        id="feed",
        notes="用户的备注",
        links=[
            Link(title="推荐 PRD", url="https://example.com/feed prd?v=2&x=(1)"),
            Link(title="", url="https://figma.com/file/abc"),
        ],
    )
    titled = FeatureNode(
        "设计",
        id="design",
        links=[
            Link(title="设计稿", url="https://例子.com/设计"),
            # A local file (FreeMind links to them): Markdown renderers refuse file: as a link.
            Link(title="本地 PRD", url="file:///C:/需求/PRD&#9;v2.docx"),
        ],
    )
    for node in (one, many, titled):
        attach(node, root)
    return Document(root)


@pytest.mark.parametrize("fmt", ["json", "mm", "xmind", "opml", "md"])
def test_links_round_trip(fmt: str) -> None:
    doc = _linked_document()
    back = formats.loads(formats.dumps(doc, fmt), fmt)
    for node, twin in zip(doc.iter_nodes(), back.iter_nodes(), strict=True):
        assert twin.title == node.title
        assert twin.links == node.links, (fmt, node.title)
        assert twin.notes == node.notes, (fmt, node.title)


def test_one_link_is_the_formats_own_link() -> None:
    doc = _linked_document()
    mm = formats.dumps(doc, "mm").decode()
    assert 'TEXT="搜索" LINK="https://example.com/search-prd"' in mm
    opml = formats.dumps(doc, "opml").decode()
    assert 'text="搜索" type="link" url="https://example.com/search-prd"' in opml
    with zipfile.ZipFile(io.BytesIO(formats.dumps(doc, "xmind"))) as archive:
        content = json.loads(archive.read("content.json"))
        xml = archive.read("content.xml").decode()
    search = content[0]["rootTopic"]["children"]["attached"][0]
    assert search["href"] == "https://example.com/search-prd"
    assert "notes" not in search  # no note text for a link the format holds
    assert 'xlink:href="https://example.com/search-prd"' in xml
    md = formats.dumps(doc, "md").decode()
    assert "> 链接: [](<https://example.com/search-prd>)" in md


def test_foreign_links_are_read_as_links() -> None:
    mm = b'<map><node TEXT="a" LINK="https://example.com/a"><node TEXT="b" LINK="#ID_1"/></node></map>'
    doc = formats.loads(mm, "mm")
    assert _links(doc.root) == [("", "https://example.com/a")]
    assert doc.root.notes == ""
    assert doc.not_imported == {"map_link": 1}
    md = "# App\n\n## [PRD](https://example.com/prd) 搜索\n\n看 [设计](https://example.com/d)\n".encode()
    doc = formats.loads(md, "md")
    node = doc.root.kids[0]
    assert node.title == "PRD 搜索"
    assert _links(node) == [("PRD", "https://example.com/prd"), ("设计", "https://example.com/d")]
    opml = b'<opml version="2.0"><body><outline text="Blog" type="link" url="https://example.com/blog"/></body></opml>'
    assert _links(formats.loads(opml, "opml").root) == [("", "https://example.com/blog")]


# -- 7. XMind comments, attachments, images; FreeMind images ------------------------------------


_XMIND8_CONTENT = """<?xml version="1.0" encoding="UTF-8"?>
<xmap-content xmlns="urn:xmind:xmap:xmlns:content:2.0" xmlns:xhtml="http://www.w3.org/1999/xhtml"
  xmlns:xlink="http://www.w3.org/1999/xlink" version="2.0">
<sheet id="s1"><topic id="root"><title>App</title>
<children><topics type="attached">
  <topic id="t1"><title>首页</title></topic>
  <topic id="t2"><xhtml:img xhtml:src="xap:attachments/首页截图.png"/></topic>
  <topic id="t3" xlink:href="xap:attachments/需求说明.pdf"><title>需求说明.pdf</title></topic>
</topics></children></topic>
<relationships><relationship id="r1" end1="t1" end2="t3"/></relationships>
<title>画布 1</title></sheet></xmap-content>
"""

_XMIND8_COMMENTS = """<?xml version="1.0" encoding="UTF-8"?>
<comments version="2.0" xmlns="urn:xmind:xmap:xmlns:comments:2.0">
  <comment author="张三" object-id="t1" time="1709251200000"><content>这里要加搜索入口</content></comment>
  <comment author="李四" object-id="t1" time="1709337600000"><content>同意
下周排期</content></comment>
</comments>
"""


def test_xmind_comments_attachments_and_images_are_named_not_dropped() -> None:
    data = _zip({"content.xml": _XMIND8_CONTENT, "comments.xml": _XMIND8_COMMENTS})
    doc = formats.loads(data, "xmind")
    home, image, attachment = doc.root.kids
    assert (
        home.notes
        == "批注（张三，2024-03-01）：这里要加搜索入口\n批注（李四，2024-03-02）：同意\n下周排期"
    )
    assert image.title == "[图片] 首页截图.png"  # not "(untitled)"
    assert attachment.notes == "附件：需求说明.pdf"
    assert doc.meta.title == "画布 1"
    # What could not be kept is its own kind of message, apart from repairs.
    assert doc.not_imported == {"image": 1, "attachment": 1, "relationship": 1}
    assert describe_not_imported(doc.not_imported) == "1 image, 1 attachment, 1 relationship"
    assert doc.warnings == []


def test_xmind_zen_image_only_topic_gets_a_title() -> None:
    content = [
        {
            "id": "s",
            "class": "sheet",
            "title": "Sheet",
            "rootTopic": {
                "id": "r",
                "title": "App",
                "children": {
                    "attached": [
                        {"id": "i", "image": {"src": "xap:resources/abc.png"}},
                    ]
                },
            },
        }
    ]
    doc = formats.loads(_zip({"content.json": json.dumps(content)}), "xmind")
    assert doc.root.kids[0].title == "[图片] abc.png"
    assert doc.not_imported == {"image": 1}


def test_freemind_image_only_node_gets_a_title() -> None:
    mm = """<map><node TEXT="App">
<node><richcontent TYPE="NODE"><html><body><img src="images/流程图.png"/></body></html></richcontent></node>
<node TEXT="带图"><hook NAME="ExternalObject" URI="file:/d/截图.jpg"/></node>
</node></map>""".encode()
    doc = formats.loads(mm, "mm")
    assert [n.title for n in doc.root.kids] == ["[图片] 流程图.png", "带图"]
    assert doc.root.kids[1].notes == "图片：截图.jpg"
    assert doc.not_imported == {"image": 2}


def test_several_xmind_sheets_keep_their_names_under_a_root_named_after_the_file(
    tmp_path: Path,
) -> None:
    sheets = [
        {"id": f"s{i}", "title": name, "rootTopic": {"id": f"r{i}", "title": topic}}
        for i, (name, topic) in enumerate([("需求", "App"), ("竞品", "竞品分析")])
    ]
    path = tmp_path / "产品地图.xmind"
    path.write_bytes(_zip({"content.json": json.dumps(sheets)}))
    doc = formats.load(path)
    assert doc.root.title == "产品地图"
    assert [n.title for n in doc.root.kids] == ["需求", "竞品"]
    assert [n.kids[0].title for n in doc.root.kids] == ["App", "竞品分析"]


# -- 9. the same file read twice gives the same bytes -----------------------------------------


_NO_IDS = {
    "opml": b'<opml version="2.0"><body><outline text="App"><outline text="a"/><outline text="a"/>'
    b'<outline text="b"><outline text="c"/></outline></outline></body></opml>',
    "mm": b'<map><node TEXT="App"><node TEXT="a"/><node TEXT="a"/><node TEXT="b"><node TEXT="c"/></node>'
    b"</node></map>",
    "md": b"# App\n\n## a\n\n## a\n\n## b\n\n- c\n",
    "mmd": b"mindmap\n  App\n    a\n    a\n    b\n      c\n",
    "json": json.dumps(
        {
            "title": "App",
            "children": [
                {"title": "a", "id": "dup"},
                {"title": "a", "id": "dup"},
                {"title": "b", "children": [{"title": "c"}]},
            ],
        }
    ).encode(),
}


@pytest.mark.parametrize("fmt", sorted(_NO_IDS))
def test_reading_a_file_without_ids_twice_gives_the_same_bytes(fmt: str) -> None:
    data = _NO_IDS[fmt]
    ids.seed(1)
    first = formats.loads(data, fmt)
    ids.seed(2)  # the editor's random ids play no part in what a read gives
    second = formats.loads(data, fmt)
    ids.seed(None)
    assert write_json(first) == write_json(second)
    assert first.warnings == second.warnings  # a repaired duplicate gets the same id too
    assert len({n.id for n in first.iter_nodes()}) == 5


def test_an_unrelated_edit_keeps_the_other_ids() -> None:
    before = formats.loads(_NO_IDS["opml"], "opml")
    edited = _NO_IDS["opml"].replace(
        b'<outline text="c"/>', b'<outline text="c"/><outline text="d"/>'
    )
    after = formats.loads(edited, "opml")
    assert [n.id for n in before.iter_nodes()] == [n.id for n in after.iter_nodes()][:5]


def test_freemind_fixture_reads_the_same_twice(shared_fixtures: Path) -> None:
    path = shared_fixtures / "freemind" / "mmm.mm"
    assert write_json(formats.load(path)) == write_json(formats.load(path))


def test_freemind_rich_text_links_are_links() -> None:
    mm = """<map><node><richcontent TYPE="NODE"><html><body><p>看 <a href="https://example.com/d">设计稿</a></p>
</body></html></richcontent></node></map>""".encode()
    doc = formats.loads(mm, "mm")
    assert doc.root.title == "看 设计稿"
    assert _links(doc.root) == [("设计稿", "https://example.com/d")]


def test_plantuml_shows_links_as_creole_links() -> None:
    text = formats.dumps(_linked_document(), "plantuml").decode()
    assert "**:搜索\n----\n[[https://example.com/search-prd]];\n" in text
    assert "[[https://例子.com/设计 设计稿]]\n" in text
    # A URL with a space cannot be a Creole link: it is shown as text, not dropped.
    assert "推荐 PRD https:<U+002F><U+002F>example.com/feed prd" in text


@pytest.mark.parametrize(
    ("fmt", "url"), [("mm", "#35; 第三章"), ("xmind", "xap:notes"), ("xmind", "xmind:#x")]
)
def test_a_link_the_format_would_misread_goes_in_the_block(fmt: str, url: str) -> None:
    root = FeatureNode("App", id="app", links=[Link(url=url)])
    back = formats.loads(formats.dumps(Document(root), fmt), fmt)
    assert _links(back.root) == [("", url)]
    assert back.not_imported == {}


def test_the_editor_path_names_the_made_up_root_too() -> None:
    # The editor reads the bytes itself and calls loads() with the file name as source.
    sheets = [
        {"id": f"s{i}", "title": f"S{i}", "rootTopic": {"id": f"r{i}", "title": "T"}}
        for i in range(2)
    ]
    data = _zip({"content.json": json.dumps(sheets)})
    assert formats.loads(data, "xmind", source="/tmp/路线图.xmind").root.title == "路线图"
    assert formats.loads(data, "xmind").root.title == "XMind"  # no file name to go by


def test_links_deep_in_the_tree_survive_json() -> None:
    # Below the indented levels the writer puts a node on one line; its links too.
    root = node = FeatureNode("L0", id="n0")
    for i in range(1, 45):
        child = FeatureNode(
            f"L{i}",
            id=f"n{i}",
            links=[Link(title="t", url=f"https://x/{i}")] if i % 10 == 0 else [],
        )
        attach(child, node)
        node = child
    doc = Document(root)
    data = write_json(doc)
    back = formats.loads(data, "json")
    assert [n.links for n in back.iter_nodes()] == [n.links for n in doc.iter_nodes()]
    assert write_json(back) == data
