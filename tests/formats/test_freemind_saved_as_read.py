"""A colleague's FreeMind/Freeplane map saved over itself is that map but for the edits.

A new-user trial: renaming one node of a Freeplane 1.6 map and saving relabelled the
map as FreeMind 1.0.1, swapped its comment, reordered every node's attributes, split
lines, wrote its characters another way, and left the edited node's MODIFIED time as
it was. Now an untouched node is written back as it was read, and an edited one
changes only its own lines (with its MODIFIED time set to when it was saved).
"""

from __future__ import annotations

import difflib
import time
from pathlib import Path
from xml.etree import ElementTree as ET

from featuretree import formats
from featuretree.model.document import Document
from featuretree.model.node import FeatureNode
from featuretree.model.tree import attach
from featuretree.operations import annotate, structure


def _refs(text: str) -> str:
    """``text`` with every non-ASCII character as Freeplane writes it in an attribute."""
    return "".join(c if ord(c) < 128 else f"&#x{ord(c):x};" for c in text)


# As Freeplane 1.6 writes a map: its own version and comment, TEXT first, the root's
# style hook on the root's line, leaves as empty elements, every non-ASCII character as
# a reference (hexadecimal in attributes, decimal in the HTML of a note, where quotes
# are references too).
FREEPLANE = f"""<map version="freeplane 1.6.0">
<!--To view this file, download free mind mapping software Freeplane from http://freeplane.sourceforge.net -->
<node TEXT="{_refs("播放器")}" FOLDED="false" ID="ID_1" CREATED="1516116533817" MODIFIED="1516116806767"><hook NAME="MapStyle">
    <properties fit_to_viewport="false" show_note_icons="true"/>

<map_styles>
<stylenode LOCALIZED_TEXT="styles.root_node" STYLE="oval">
<font SIZE="24"/>
</stylenode>
</map_styles>
</hook>
<hook NAME="AutomaticEdgeColor" COUNTER="2" RULE="ON_BRANCH_CREATION"/>
<node TEXT="{_refs("倍速播放")}" POSITION="right" ID="ID_2" CREATED="1516116591637" MODIFIED="1516116741988">
<edge COLOR="#ff0000"/>
<richcontent TYPE="NOTE">

<html>
  <head>
{"    "}
  </head>
  <body>
    <p>
      &#25903;&#25345; &quot;0.5x&quot;&#8211;3x
    </p>
  </body>
</html>
</richcontent>
<attribute_layout NAME_WIDTH="60.0 pt" VALUE_WIDTH="80.0 pt"/>
<attribute NAME="{_refs("负责人")}" VALUE="{_refs("王芳")}"/>
<node TEXT="0.5x" ID="ID_4" CREATED="1516116591640" MODIFIED="1516116741990"/>
</node>
<node TEXT="{_refs("字幕")}" POSITION="left" ID="ID_3" CREATED="1516116591650" MODIFIED="1516116741999" LINK="https://example.com/a?b=1&amp;c=2">
<icon BUILTIN="full-1"/>
<arrowlink DESTINATION="ID_2" STARTINCLINATION="40;0;" ENDINCLINATION="40;0;"/>
</node>
</node>
</map>
"""


def _changed_lines(before: bytes, after: bytes) -> tuple[list[str], list[str]]:
    """The lines ``diff`` shows as removed and as added."""
    old, new = before.decode().splitlines(), after.decode().splitlines()
    removed, added = [], []
    for tag, i1, i2, j1, j2 in difflib.SequenceMatcher(a=old, b=new).get_opcodes():
        if tag != "equal":
            removed += old[i1:i2]
            added += new[j1:j2]
    return removed, added


def _modified(line: str) -> int:
    return int(ET.fromstring(line.rstrip("/>") + "/>").get("MODIFIED") or 0)


def test_the_freeplane_fixture_is_saved_back_as_read_but_the_renamed_node(
    shared_fixtures: Path,
) -> None:
    data = (shared_fixtures / "freemind" / "mmm.mm").read_bytes()
    doc = formats.loads(data, "mm")
    # Saved untouched: the very same file (still Freeplane 1.6, its comment, its lines).
    assert formats.dumps(doc, "mm") == data
    kid = doc.root.kids[0]
    annotate.rename(doc, kid.id, "测试").apply(doc)
    before = time.time_ns() // 1_000_000
    saved = formats.dumps(doc, "mm")
    removed, added = _changed_lines(data, saved)
    # Only the renamed node's line: its title (as Freeplane writes 测试) and its
    # MODIFIED time, now; the attributes in the order they were.
    assert removed == [
        '<node TEXT="Testing" POSITION="right" ID="ID_695414799" CREATED="1516116591637"'
        ' MODIFIED="1516116741988" LINK="testing.mm"/>'
    ]
    assert len(added) == 1 and _modified(added[0]) >= before
    assert added[0] == removed[0].replace('"Testing"', '"&#x6d4b;&#x8bd5;"').replace(
        "1516116741988", str(_modified(added[0]))
    )
    assert saved.startswith(b'<map version="freeplane 1.6.0">\n<!--To view this file, ')


def test_a_note_added_on_the_fixture_changes_only_that_node(shared_fixtures: Path) -> None:
    data = (shared_fixtures / "freemind" / "mmm.mm").read_bytes()
    doc = formats.loads(data, "mm")
    annotate.set_notes(doc, doc.root.kids[0].id, "需要评审").apply(doc)
    removed, added = _changed_lines(data, formats.dumps(doc, "mm"))
    assert removed == [line for line in data.decode().splitlines() if "ID_695414799" in line]
    assert added[0].startswith('<node TEXT="Testing" POSITION="right" ID="ID_695414799"')
    assert "&#x9700;&#x8981;&#x8bc4;&#x5ba1;" in added[1]  # the note, as Freeplane writes
    assert added[2] == "</node>" and len(added) == 3


def test_a_freeplane_map_untouched_is_written_back_byte_for_byte() -> None:
    data = FREEPLANE.encode()
    doc = formats.loads(data, "mm")
    assert doc.node("ID_2").notes == '支持 "0.5x"–3x\n\n负责人: 王芳'
    assert formats.dumps(doc, "mm") == data
    # Through featuretree's own JSON and back too.
    assert formats.dumps(formats.loads(formats.dumps(doc, "json"), "json"), "mm") == data


def test_renaming_a_node_of_a_freeplane_map_changes_only_its_line() -> None:
    data = FREEPLANE.encode()
    doc = formats.loads(data, "mm")
    annotate.rename(doc, "ID_2", "倍速").apply(doc)
    removed, added = _changed_lines(data, formats.dumps(doc, "mm"))
    # Its note, edge, attributes and the arrow to it stay as they were, line for line.
    assert removed == [line for line in FREEPLANE.splitlines() if 'ID="ID_2"' in line]
    assert len(added) == 1
    assert added[0].startswith(f'<node TEXT="{_refs("倍速")}" POSITION="right" ID="ID_2"')
    # Undone, the node is untouched again: the file as it was.
    doc2 = formats.loads(data, "mm")
    command = annotate.rename(doc2, "ID_2", "倍速")
    command.apply(doc2)
    command.revert(doc2)
    assert formats.dumps(doc2, "mm") == data


def test_an_edited_note_is_written_anew_and_the_rest_of_the_node_stays() -> None:
    data = FREEPLANE.encode()
    doc = formats.loads(data, "mm")
    annotate.set_notes(doc, "ID_2", "支持 0.5x–2x\n\n负责人: 王芳").apply(doc)
    saved = formats.dumps(doc, "mm")
    removed, added = _changed_lines(data, saved)
    assert not any("<edge" in line or "attribute" in line for line in removed)
    assert next(line for line in added if line.startswith("<node")).startswith(
        f'<node TEXT="{_refs("倍速播放")}" POSITION="right" ID="ID_2" CREATED="1516116591637"'
    )
    node = next(n for n in ET.fromstring(saved).iter("node") if n.get("ID") == "ID_2")
    assert int(node.get("MODIFIED") or 0) > 1516116741988
    assert [attribute.get("NAME") for attribute in node.iter("attribute")] == ["负责人"]
    assert formats.loads(saved, "mm").node("ID_2").notes == "支持 0.5x–2x\n\n负责人: 王芳"
    assert "&#25903;&#25345; 0.5x&#8211;2x" in saved.decode()  # as the map writes notes


def test_nodes_added_to_a_map_with_times_get_times_and_deleting_takes_arrows() -> None:
    data = FREEPLANE.encode()
    doc = formats.loads(data, "mm")
    structure.add_child(doc, "ID_4", "新节点").apply(doc)
    structure.delete(doc, "ID_2").apply(doc)
    saved = formats.dumps(doc, "mm")
    tree = ET.fromstring(saved)  # well formed
    assert tree.find(".//arrowlink") is None  # the arrow to the deleted node went with it
    structure_doc = formats.loads(data, "mm")
    structure.add_child(structure_doc, "ID_1", "新节点").apply(structure_doc)
    added = next(
        n
        for n in ET.fromstring(formats.dumps(structure_doc, "mm")).iter("node")
        if n.get("TEXT") == "新节点"
    )
    assert added.get("CREATED") and added.get("CREATED") == added.get("MODIFIED")


def test_a_freemind_map_keeps_its_attribute_order_and_references() -> None:
    # FreeMind 1.0.1 sorts a node's attributes and writes its own comment.
    data = (
        '<map version="1.0.1">\n'
        "<!-- To view this file, download free mind mapping software FreeMind from "
        "http://freemind.sourceforge.net -->\n"
        f'<node CREATED="1" ID="ID_1" MODIFIED="2" TEXT="{_refs("产品")}">\n'
        f'<node CREATED="3" ID="ID_2" MODIFIED="4" POSITION="right" TEXT="{_refs("首页")}"/>\n'
        f'<node CREATED="5" ID="ID_3" MODIFIED="6" POSITION="left" TEXT="it&apos;s"/>\n'
        "</node>\n"
        "</map>\n"
    ).encode()
    doc = formats.loads(data, "mm")
    assert formats.dumps(doc, "mm") == data
    annotate.rename(doc, "ID_3", "我的 'x'").apply(doc)
    removed, added = _changed_lines(data, formats.dumps(doc, "mm"))
    assert len(removed) == len(added) == 1
    assert added[0].startswith('<node CREATED="5" ID="ID_3" MODIFIED="')
    assert added[0].endswith(f'POSITION="left" TEXT="{_refs("我的")} &apos;x&apos;"/>')


def test_featuretree_own_map_is_written_as_before_and_carries_nothing() -> None:
    root = FeatureNode("产品", id="r")
    attach(FeatureNode("首页", id="k", notes="说明"), root)
    data = formats.dumps(Document(root), "mm")
    assert data.startswith(b'<map version="1.0.1">\n<!-- To view this file, download free ')
    assert '<node ID="k" TEXT="首页">\n<richcontent TYPE="NOTE">'.encode() in data
    back = formats.loads(data, "mm")
    assert not back.carried
    assert formats.dumps(back, "mm") == data


def test_saving_again_with_no_edit_gives_the_same_file() -> None:
    # The edited node's MODIFIED is when it was saved edited; a second save with no
    # edit in between (Ctrl+S twice) changes nothing.
    doc = formats.loads(FREEPLANE.encode(), "mm")
    annotate.rename(doc, "ID_4", "0.5 倍").apply(doc)
    first = formats.dumps(doc, "mm")
    time.sleep(0.005)
    assert formats.dumps(doc, "mm") == first
    annotate.rename(doc, "ID_4", "0.75 倍").apply(doc)
    removed, added = _changed_lines(first, formats.dumps(doc, "mm"))
    assert len(removed) == len(added) == 1 and _modified(added[0]) > _modified(removed[0])


def test_a_map_with_an_xml_declaration_keeps_it() -> None:
    data = (
        '<?xml version="1.0" encoding="UTF-8"?>\n<map version="1.0.1">\n'
        '<node TEXT="用户注册" ID="ID_1" CREATED="1" MODIFIED="2">\n'
        '<node TEXT="优先级：P0" ID="ID_2" CREATED="3" MODIFIED="4"/>\n</node>\n</map>\n'
    ).encode()
    doc = formats.loads(data, "mm")
    assert formats.dumps(doc, "mm") == data
