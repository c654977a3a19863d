"""FreeMind / Freeplane: a real Freeplane map, what FreeMind files hold, round trips, bad files."""

from __future__ import annotations

import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from _interop_trees import deep_document, documents, shape
from hypothesis import HealthCheck, given, settings

from featuretree import formats
from featuretree.formats.errors import FormatError
from featuretree.formats.freemind_format import read_freemind, write_freemind
from featuretree.formats.loss import losses
from featuretree.model.annotations import FeatureStatus
from featuretree.model.document import Document
from featuretree.model.node import FeatureNode
from featuretree.model.tree import attach, preorder

SAMPLES = Path(__file__).resolve().parents[2] / "samples"
SAMPLE_NAMES = ("zhihu", "wms", "netease-music")


def _error(data: bytes) -> str:
    with pytest.raises(FormatError) as caught:
        read_freemind(data)
    return str(caught.value)


def _sample(name: str) -> Document:
    path = SAMPLES / f"{name}.json"
    if not path.exists():
        pytest.skip(f"samples/{name}.json is not there yet")
    return formats.load(path)


# -- a real Freeplane map ---------------------------------------------------------------------------


def test_freeplane_map_with_styles(shared_fixtures: Path) -> None:
    doc = formats.load(shared_fixtures / "freemind" / "mmm.mm")
    titles = [n.title for n in doc.iter_nodes()]
    # Two real nodes; the MapStyle hook's style nodes ("default", "styles.important"...) are not nodes.
    assert titles == ["MMM", "Testing"]
    assert doc.root.id == "ID_1209924197"
    # The LINK is the node's link, not note text.
    assert doc.root.kids[0].notes == ""
    assert [(k.title, k.url) for k in doc.root.kids[0].links] == [("", "testing.mm")]
    assert doc.warnings == []


def test_formats_resolve_mm_by_name_alias_and_extension() -> None:
    for name in ("mm", "freemind", "freeplane"):
        assert formats.by_name(name).name == "mm"
    assert formats.for_path("地图.mm").name == "mm"


# -- what FreeMind and Freeplane files hold -----------------------------------------------------------

RICH_MAP = """<map version="freeplane 1.9.0">
<node TEXT="&#x5b66;&#x4e60;" ID="ID_1" FOLDED="true">
<hook NAME="MapStyle"><map_styles><stylenode LOCALIZED_TEXT="styles.root_node">
<stylenode TEXT="a style, not a node"/></stylenode></map_styles></hook>
<node ID="ID_2"><richcontent TYPE="NODE"><html><head><title>x</title></head>
  <body>
    <p>
      Rich   <b>title</b>
    </p>
  </body></html></richcontent>
<richcontent TYPE="DETAILS"><html><body><p>details line</p></body></html></richcontent>
<richcontent TYPE="NOTE"><html>
  <head>
  </head>
  <body>
    <p>
      first &amp; second
    </p>
    <p>
    </p>
    <ul><li>item one</li><li>item two</li></ul>
  </body>
</html></richcontent>
<attribute NAME="owner" VALUE="张三"/>
<attribute NAME="status" VALUE="changed"/>
<attribute NAME="tag" VALUE="核心"/>
<icon BUILTIN="full-2"/>
<icon BUILTIN="yes"/>
</node>
<node TEXT="duplicate id" ID="ID_2"/>
<node TEXT="bad id" ID="has space"/>
<node TEXT="internal link" LINK="#ID_1"/>
</node>
</map>"""


def test_rich_freeplane_content() -> None:
    doc = read_freemind(RICH_MAP.encode())
    root = doc.root
    assert root.title == "学习"  # numeric character references decoded
    assert [k.title for k in root.kids] == ["Rich title", "duplicate id", "bad id", "internal link"]
    rich = root.kids[0]
    assert rich.id == "ID_2"
    assert rich.notes == "details line\n\nfirst & second\n\n- item one\n- item two\n\nowner: 张三"
    assert rich.status is FeatureStatus.CHANGED
    assert rich.tags == ("核心", "priority-2", "icon:yes")
    ids = [n.id for n in doc.iter_nodes()]
    assert len(set(ids)) == len(ids) and "has space" not in ids
    assert root.kids[3].notes == ""  # a link inside the map is not kept
    assert len(doc) == 5  # the style node never became a node


def test_freeplane_plain_and_markdown_notes_keep_their_lines() -> None:
    data = """<map version="freeplane 1.9.13"><node TEXT="t">
<richcontent CONTENT-TYPE="plain/markdown" TYPE="NOTE">
    <text>```
if a &lt; b:
    swap(a, b)
```</text>
</richcontent></node></map>"""
    assert read_freemind(data.encode()).root.notes == "```\nif a < b:\n    swap(a, b)\n```"


def test_freemind_0_8_note_hook() -> None:
    data = b"""<map version="0.8.0"><node TEXT="old"><hook NAME="accessories/plugins/NodeNote.properties">
<text>an old note</text></hook></node></map>"""
    assert read_freemind(data).root.notes == "an old note"


def test_several_top_level_nodes_get_a_root() -> None:
    doc = read_freemind(b'<map><node TEXT="a"/><node TEXT="b"/></map>')
    assert [k.title for k in doc.root.kids] == ["a", "b"]
    assert doc.warnings


def test_deeply_nested_note_html() -> None:
    note = "<div>" * 5_000 + "deep" + "</div>" * 5_000
    data = f'<map><node TEXT="t"><richcontent TYPE="NOTE"><html><body>{note}</body></html></richcontent></node></map>'
    assert read_freemind(data.encode()).root.notes == "deep"


# -- what we write -----------------------------------------------------------------------------------


def test_written_map_is_plain_freemind_xml() -> None:
    title = "Q&A <\"引号\"> '单' & &amp; 学"
    root = FeatureNode(
        title,
        id="r1",
        notes="  缩进\n\n<b>不是标签</b>",
        tags=("a&b", "priority-1"),
        status=FeatureStatus.NEW,
    )
    data = write_freemind(Document(root))
    # Any XML parser (here the standard library's) reads it, with the text intact.
    parsed = ET.fromstring(data)
    assert parsed.tag == "map" and parsed.get("version") == "1.0.1"
    node = parsed.find("node")
    assert node.get("TEXT") == title and node.get("ID") == "r1"
    attributes = {(a.get("NAME"), a.get("VALUE")) for a in node.findall("attribute")}
    assert attributes == {("status", "new"), ("tag", "a&b")}
    assert [i.get("BUILTIN") for i in node.findall("icon")] == ["full-1"]
    assert node.find("richcontent").get("TYPE") == "NOTE"
    back = read_freemind(data).root
    assert (back.title, back.notes, back.tags, back.status) == (
        title,
        root.notes,
        root.tags,
        root.status,
    )


@pytest.mark.parametrize("name", SAMPLE_NAMES)
def test_samples_round_trip(name: str) -> None:
    doc = _sample(name)
    back = read_freemind(write_freemind(doc))
    assert shape(back) == shape(doc)
    assert back.warnings == []


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(documents())
def test_random_trees_round_trip(doc: Document) -> None:
    assert shape(read_freemind(write_freemind(doc))) == shape(doc)


def test_tabs_in_notes_survive_json_to_mm_to_json(tmp_path: Path) -> None:
    # A user trial: notes with tabs came back from a .mm with four spaces instead, so
    # `featuretree diff x.json x.mm` showed a notes change nobody made.
    root = FeatureNode("需求", id="r")
    root.notes = "A\tB\n\t缩进  两格\n末尾\t\n\n普通行"
    kid = FeatureNode("子", id="k")
    kid.notes = "\t\t"
    attach(kid, root)
    source = tmp_path / "x.json"
    formats.save(Document(root), source)
    mm = tmp_path / "x.mm"
    formats.save(formats.load(source), mm)
    back = formats.load(mm)
    formats.save(back, tmp_path / "back.json")
    assert (tmp_path / "back.json").read_bytes() == source.read_bytes()
    assert back.not_imported == {}
    assert losses(formats.load(source), formats.by_name("mm")) == {}


def test_deep_tree_both_ways() -> None:
    doc = deep_document(5_000)
    back = read_freemind(write_freemind(doc))
    assert shape(back) == shape(doc)
    assert list(preorder(back.root))[-1].notes == "deepest"


# -- bad and hostile files ------------------------------------------------------------------------------


def test_not_xml() -> None:
    assert "line 1" in _error(b"just some text")
    assert _error(b"")


def test_truncated_map_names_the_place() -> None:
    data = write_freemind(_sample("zhihu"))
    assert "not well-formed" in _error(data[: len(data) // 2])


def test_wrong_root_and_empty_map() -> None:
    assert "not a FreeMind" in _error(b"<opml><body/></opml>")
    assert "no nodes" in _error(b'<map version="1.0.1"></map>')


def test_billion_laughs_is_refused() -> None:
    bomb = b"""<?xml version="1.0"?>
<!DOCTYPE map [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;">
<!ENTITY c "&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;"><!ENTITY d "&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;">]>
<map><node TEXT="&d;"/></map>"""
    assert "refuses" in _error(bomb)


def test_external_entity_is_refused(tmp_path: Path) -> None:
    secret = tmp_path / "secret.txt"
    secret.write_text("top secret")
    data = f"""<?xml version="1.0"?>
<!DOCTYPE map [<!ENTITY s SYSTEM "{secret.as_uri()}">]>
<map><node TEXT="&s;"/></map>""".encode()
    message = _error(data)
    assert "refuses" in message and "top secret" not in message


def test_load_names_the_file(tmp_path: Path) -> None:
    path = tmp_path / "broken.mm"
    path.write_bytes(b"<map><node TEXT='x'></map>")
    with pytest.raises(FormatError) as caught:
        formats.load(path)
    assert str(caught.value).startswith(f"{path}: line 1, column")
