"""A colleague's Mermaid mindmap saved over itself is that mindmap but for the edits.

Saving a Mermaid file rewrote every line in featuretree's own shape (``n1[Origins]``),
and dropped its front matter settings, icons, classes, comments, line breaks (``<br/>``)
and emphasis, which the open dialog named but nothing kept. Now each line is written as
it was read while its node is unchanged, an edited title keeps the node's shape and id,
and indentation is kept where the node stays (Mermaid nests by indentation alone).
"""

from __future__ import annotations

import codecs
import difflib
from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st

from featuretree import formats
from featuretree.formats import FormatError
from featuretree.model.document import Document
from featuretree.operations import annotate, structure

MINDMAP = """---
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
    换行<br/>标题
        下级一
        下级二
"""


def _read(text: str | bytes) -> Document:
    return formats.loads(text.encode() if isinstance(text, str) else text, "mermaid")


def _by_title(doc: Document, title: str) -> str:
    return next(node.id for node in doc.iter_nodes() if node.title == title)


def _changed_lines(before: str, after: str) -> list[str]:
    return [
        line
        for line in difflib.unified_diff(before.splitlines(), after.splitlines(), lineterm="")
        if line[:1] in "+-" and not line.startswith(("+++", "---"))
    ]


def _outline(doc: Document) -> list[tuple[str, str | None]]:
    return [(n.title, n.parent.title if n.parent else None) for n in doc.iter_nodes()]


def test_an_unedited_mindmap_is_written_back_byte_for_byte(shared_fixtures: Path) -> None:
    data = (shared_fixtures / "mermaid" / "test.mmd").read_bytes()
    assert formats.dumps(_read(data), "mermaid") == data
    assert formats.dumps(_read(MINDMAP), "mermaid") == MINDMAP.encode()


def test_a_root_at_the_first_column_is_kept_there() -> None:
    data = "mindmap\nroot((产品))\n  a[搜索]\n".encode()
    doc = _read(data)
    assert formats.dumps(doc, "mermaid") == data
    structure.add_child(doc, doc.root.id, "推荐").apply(doc)
    assert formats.dumps(doc, "mermaid") == data + "  n1[推荐]\n".encode()


def test_windows_line_endings_a_bom_and_no_last_newline_are_kept() -> None:
    data = codecs.BOM_UTF8 + b"mindmap\r\n  root((\xe4\xba\xa7\xe5\x93\x81))\r\n    a[x]"
    assert formats.dumps(_read(data), "mermaid") == data


def test_a_rename_changes_only_that_line_in_the_nodes_own_shape() -> None:
    doc = _read(MINDMAP)
    annotate.rename(doc, _by_title(doc, "倍速 播放"), "倍速 (0.5x–3x)").apply(doc)
    annotate.rename(doc, _by_title(doc, "片头"), "片头片尾").apply(doc)
    out = formats.dumps(doc, "mermaid").decode()
    assert sorted(_changed_lines(MINDMAP, out)) == [
        '+    a(("倍速 (0.5x–3x)"))',
        "+    d[片头片尾] %% 待定",
        '-    a(("倍速 播放"))',
        "-    d[片头] %% 待定",
    ]
    assert _outline(_read(out)) == _outline(doc)


def test_a_bare_node_renamed_stays_bare_where_it_can() -> None:
    doc = _read("mindmap\n  root((产品))\n    搜索\n    推荐\n")
    annotate.rename(doc, _by_title(doc, "搜索"), "搜索 历史").apply(doc)
    annotate.rename(doc, _by_title(doc, "推荐"), "推荐 (首页)").apply(doc)
    out = formats.dumps(doc, "mermaid").decode()
    assert out == 'mindmap\n  root((产品))\n    搜索 历史\n    n1["推荐 (首页)"]\n'


def test_a_node_with_a_line_break_keeps_it_until_its_title_is_edited() -> None:
    doc = _read(MINDMAP)
    assert _by_title(doc, "换行 标题")
    annotate.rename(doc, _by_title(doc, "字幕"), "字幕设置").apply(doc)
    assert "换行<br/>标题" in formats.dumps(doc, "mermaid").decode()


def test_a_moved_node_takes_its_icon_and_its_children_along() -> None:
    doc = _read(MINDMAP)
    moving = _by_title(doc, "倍速 播放")
    structure.move_to(doc, moving, _by_title(doc, "换行 标题")).apply(doc)
    out = formats.dumps(doc, "mermaid").decode()
    assert '        a(("倍速 播放"))\n      ::icon(fa fa-play)\n' in out
    assert _outline(_read(out)) == _outline(doc)
    assert out.startswith(MINDMAP.split("mindmap")[0])  # front matter, comment as written


def test_a_new_node_is_indented_as_its_siblings_are() -> None:
    doc = _read(MINDMAP)
    parent = _by_title(doc, "换行 标题")
    structure.add_child(doc, parent, "下级零", index=0).apply(doc)
    structure.add_child(doc, doc.root.id, "新模块").apply(doc)
    out = formats.dumps(doc, "mermaid").decode()
    assert _changed_lines(MINDMAP, out) == ["+        n1[下级零]", "+    n2[新模块]"]
    assert _outline(_read(out)) == _outline(doc)


def test_uneven_indentation_that_would_misread_is_written_anew() -> None:
    # "b" sits deeper than its sibling "a": moving "a" under the root's first child
    # could not keep both. The lines keep their text; every indentation is new.
    text = "mindmap\n  root\n    a\n      a1\n     b\n"
    doc = _read(text)
    structure.move_to(doc, _by_title(doc, "b"), _by_title(doc, "a"), index=0).apply(doc)
    out = formats.dumps(doc, "mermaid").decode()
    assert _outline(_read(out)) == _outline(doc)
    assert [line.strip() for line in out.splitlines()] == ["mindmap", "root", "a", "b", "a1"]


def test_a_new_document_title_goes_in_the_front_matter() -> None:
    doc = _read(MINDMAP)
    doc.meta = doc.meta.model_copy(update={"title": "播放器 v2"})
    out = formats.dumps(doc, "mermaid").decode()
    assert _changed_lines(MINDMAP, out) == ["-title: 播放器", '+title: "播放器 v2"']


def test_what_is_kept_survives_featuretree_json() -> None:
    doc = _read(MINDMAP)
    again = formats.loads(formats.dumps(doc, "json"), "json")
    assert formats.dumps(again, "mermaid") == MINDMAP.encode()


def test_kept_lines_edited_by_hand_in_the_json_are_not_trusted() -> None:
    # A line kept for a node that now holds a second node, say: written anew instead.
    doc = _read("mindmap\n  root((产品))\n    a[搜索]\n")
    node_id = _by_title(doc, "搜索")
    look = doc.carried.node("mermaid", node_id)
    look["after"] = ["    b[藏起来的节点]"]
    look["text"] = [5, 99]
    out = formats.dumps(doc, "mermaid").decode()
    assert "藏起来的节点" not in out
    assert _outline(_read(out)) == _outline(doc)


def test_a_root_on_the_keywords_line_is_written_as_featuretree_writes() -> None:
    doc = _read("mindmap root((产品))\n    a[搜索]\n")
    assert (
        formats.dumps(doc, "mermaid")
        == b"mindmap\n  root((\xe4\xba\xa7\xe5\x93\x81))\n    n1[\xe6\x90\x9c\xe7\xb4\xa2]\n"
    )


@settings(max_examples=300, deadline=None)
@given(st.text('mindap \t\n()[]{}-"`#;:%<br/>x功', max_size=60))
def test_any_mindmap_read_is_written_back_as_the_same_tree(text: str) -> None:
    try:
        doc = _read("mindmap\n" + text)
    except FormatError:
        return
    out = formats.dumps(doc, "mermaid")
    assert _outline(_read(out)) == _outline(doc)
    if doc.root.kids:
        structure.delete(doc, doc.root.kids[0].id).apply(doc)
        assert _outline(_read(formats.dumps(doc, "mermaid"))) == _outline(doc)
