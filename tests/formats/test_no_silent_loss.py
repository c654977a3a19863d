"""Whatever a PM edits in a colleague's Markdown, OPML or FreeMind file, saving over it
drops nothing the save question did not name.

Each example opens a file (the shared real ones, and generated ones with what each
format has: numbered lists past the nesting cap, formatted titles and notes, HTML in
OPML, FreeMind rich text, attributes, colours, arrow links), applies random edits
through the operations layer (rename, add, move, delete, annotate), asks the loss check
what overwriting the file would lose, writes it, reads it back and compares with the
document edited:

* the model (titles, notes, tags, status, change log, suggestions, links, the tree's
  shape, document info, revisions): each kind that differs must be named;
* what the file held beyond the model (``Document.carried``, as its reader found it in
  the file, against what it finds in the file written), node by node: a numbered list
  item still in its list must stay numbered (else ``list_number``); formatting of an
  OPML outline's text or note (``rich_text``/``formatted_note``); a FreeMind rich title,
  formatted note (the same kinds) and attributes (``attribute``); and what no edit
  touches must be there as it was: OPML's other attributes, FreeMind's colours, fonts,
  edges, clouds, node attributes (but ``MODIFIED``, set on an edited node) and arrow
  links to nodes still in the map;
* what the reader counted as not imported (bold spans, comments…): less of it in the
  file written must be named.

Layout that holds nothing of the user's is not compared: a bullet item written as a
heading, a list numbered again after an edit, a note moved into a quote.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from featuretree.formats import loads
from featuretree.formats.loss import check
from featuretree.formats.registry import by_name
from featuretree.model import Document, FeatureNode
from featuretree.operations import OperationError, annotate, structure

FIXTURES = {
    "md": "markdown/markmap-example.md",
    "opml": "opml/workflowy-export.opml",
    "mm": "freemind/mmm.mm",
}
CARRIED = {"md": "markdown", "opml": "opml", "mm": "freemind"}


def _deep_numbered() -> str:
    """Numbered steps nested past the writer's 16 list levels, with bullets beside."""
    lines = ["# 深层", ""]
    for level in range(21):
        pad = " " * (3 * level)
        lines.append(f"{pad}1. 步骤{level}")
        if level > 15:
            lines.append(f"{pad}- 备注{level}")
        lines.append(f"{pad}2) 分支{level}")
    return "\n".join(lines) + "\n"


MARKDOWN = [
    """\
---
title: 会员
markmap:
  colorFreezeLevel: 2
---

# 会员

**重要**的说明段落

## 注册 `v2`

- 手机号
  1. 输入
  2. 验证码
     - 重发
  3) 完成
- **邮箱**

| a | b |
| - | - |
| 1 | 2 |

## 登录

1. 密码登录
2. 扫码 <!-- markmap: fold -->
   > 引用的说明
3. [第三方](https://example.com)

### 找回

#### 深层标题

- 问题
""",
    _deep_numbered(),
    """订单中心
========

订单的*说明*，见 `docs/order.md` 与 ![图](a.png)

售后
----

* [x] 退款 **加急**
* [ ] 换货
    + 上门取件
    + 自寄

0. 第零步
1. 第一步

   第一步的段落

5) 第五步
6) 第六步

<div>原样的 HTML</div>

### 报表 ~~旧~~

1. 日报<br>晚间
2. 周报
""",
]

OPML = [
    """<?xml version="1.0" encoding="UTF-8"?>
<opml version="2.0">
  <head>
    <title>会员</title>
    <ownerName>张三</ownerName>
    <dateCreated>Mon, 1 Jan 2024</dateCreated>
  </head>
  <body>
    <outline text="会员">
      <outline text="&lt;b&gt;注册&lt;/b&gt;" _complete="true">
        <outline text="手机号" _note="&lt;i&gt;必填&lt;/i&gt;"/>
        <outline text="邮箱" type="link" url="https://example.com"/>
      </outline>
      <outline text="登录" priority="1" _note="普通说明">
        <outline text="密码" _tags="[&quot;安全&quot;]"/>
      </outline>
      <outline text="&lt;a href=&quot;https://x.org&quot;&gt;外链&lt;/a&gt; 说明"/>
    </outline>
  </body>
</opml>
""",
    """<?xml version="1.0"?>
<opml version="1.0">
  <head><expansionState>0,2</expansionState></head>
  <body>
    <outline text="第一行&#10;第二行" _note="&lt;b&gt;重点&lt;/b&gt;&lt;br&gt;换行"/>
    <outline title="旧式标题" created="2024-01-01">
      <outline text="&lt;span class=&quot;colored&quot;&gt;彩色&lt;/span&gt;" _status="done"/>
    </outline>
  </body>
</opml>
""",
]

FREEMIND = [
    """<map version="freeplane 1.9.0">
<!--To view this file, download free mind mapping software Freeplane-->
<node TEXT="会员" ID="ID_1" COLOR="#ff0000" FOLDED="false">
<font NAME="SansSerif" SIZE="20" BOLD="true"/>
<node ID="ID_2" POSITION="right" BACKGROUND_COLOR="#00ff00"><richcontent TYPE="NODE"><html><body><p><b>注册</b></p></body></html></richcontent>
<node TEXT="手机号" ID="ID_3"><icon BUILTIN="full-1"/><icon BUILTIN="yes"/>
<attribute NAME="负责人" VALUE="李四"/>
<richcontent TYPE="NOTE"><html><body><p>要<b>加粗</b>的说明</p></body></html></richcontent>
</node>
<node TEXT="邮箱" ID="ID_4" LINK="#ID_5"><arrowlink DESTINATION="ID_5" COLOR="#000000"/>
<cloud COLOR="#eeeeee"/>
</node>
</node>
<node TEXT="登录" ID="ID_5" POSITION="left" LINK="https://example.com" FOLDED="true">
<edge COLOR="#0000ff"/>
<node TEXT="密码" ID="ID_6"><attribute NAME="status" VALUE="new"/><attribute NAME="tag" VALUE="安全"/></node>
<node TEXT="扫码" ID="ID_7"><richcontent TYPE="NOTE"><html><body><p>说明</p></body></html></richcontent>
<attribute NAME="排期" VALUE="第 3 周"/><attribute NAME="端" VALUE="iOS"/></node>
</node>
</node>
</map>
""",
    """<map version="1.0.1">
<node TEXT="播放器" ID="ID_1">
<node ID="ID_2" LINK="#ID_3"><richcontent TYPE="NODE"><html><body><p>第一行</p><p>第二行</p></body></html></richcontent>
<richcontent TYPE="DETAILS"><html><body><p>详情</p></body></html></richcontent>
</node>
<node TEXT="字幕" ID="ID_3" STYLE="bubble"><hook NAME="accessories/plugins/NodeNote.properties"><text>旧式备注</text></hook>
<node TEXT="双语" ID="ID_4"><arrowlink DESTINATION="ID_2" STARTARROW="None"/><icon BUILTIN="full-2"/></node>
</node>
</node>
</map>
""",
]

GENERATED = {"md": MARKDOWN, "opml": OPML, "mm": FREEMIND}

# -- random edits -------------------------------------------------------------------------

_OPS = (
    "rename",
    "add_child",
    "add_sibling",
    "move_up",
    "move_down",
    "indent",
    "outdent",
    "move_to",
    "delete",
    "notes",
    "notes_attribute",
    "tags",
    "status",
    "change",
    "suggestion",
    "link",
    "meta",
    "revision",
)

_EDITS = st.lists(
    st.tuples(st.sampled_from(_OPS), st.integers(0, 10_000), st.integers(0, 10_000)),
    min_size=1,
    max_size=5,
)


def _edit(doc: Document, op: str, at: int, other: int) -> None:
    """One edit a PM could make, on the ``at``-th node (``other``: a second one)."""
    nodes = list(doc.iter_nodes())
    node, target = nodes[at % len(nodes)], nodes[other % len(nodes)]
    if op == "rename":
        command = annotate.rename(doc, node.id, node.title + " 改")
    elif op == "add_child":
        command = structure.add_child(doc, node.id, "新增子项")
    elif op == "add_sibling":
        command = structure.add_sibling(doc, node.id, "新增同级")
    elif op in ("move_up", "move_down", "indent", "outdent", "delete"):
        command = getattr(structure, op)(doc, node.id)
    elif op == "move_to":
        command = structure.move_to(doc, node.id, target.id)
    elif op == "notes":
        command = annotate.set_notes(doc, node.id, (node.notes + "\n补充说明").strip())
    elif op == "notes_attribute":
        # A FreeMind attribute's value edited on its line ("负责人: 李四" → "负责人: 李四 2").
        command = annotate.set_notes(doc, node.id, node.notes + " 2")
    elif op == "tags":
        command = annotate.set_tags(doc, node.id, [*node.tags, "评审"])
    elif op == "status":
        command = annotate.cycle_status(doc, node.id)
    elif op == "change":
        command = annotate.add_change(
            doc, node.id, version="1.1", date="2024-01-02", author="王", summary="调整"
        )
    elif op == "suggestion":
        command = annotate.add_suggestion(doc, node.id, text="加一个入口", priority="P1")
    elif op == "link":
        command = annotate.add_link(doc, node.id, "https://example.org/新", "新链接")
    elif op == "meta":
        command = annotate.edit_meta(doc, author="李雷", product="会员")
    else:
        command = annotate.add_revision(
            doc, version="1.1", date="2024-01-02", author="王", summary="评审后"
        )
    command.apply(doc)


# -- what differs, and whether it was named ------------------------------------------------


def _model_differences(doc: Document, back: Document) -> set[str]:
    """The loss kinds of what ``back`` lacks of ``doc``'s model."""
    found: set[str] = set()
    before, after = list(doc.iter_nodes()), list(back.iter_nodes())
    if len(before) != len(after):
        found.add("structure")
    for old, new in zip(before, after):
        if old.title != new.title and not (new is back.root and back.root_from_file_name):
            found.add("title")
        if old.notes.strip() != new.notes.strip():
            found.add("notes")
        if set(old.tags) - set(new.tags):
            found.add("tag")
        if old.status != new.status:
            found.add("status")
        if old.changelog != new.changelog:
            found.add("changelog")
        if [s.model_dump(exclude={"id"}) for s in old.suggestions] != [
            s.model_dump(exclude={"id"}) for s in new.suggestions
        ]:
            found.add("suggestion")
        if [(x.title, x.url) for x in old.links] != [(x.title, x.url) for x in new.links]:
            found.add("link")
        if len(old.kids) != len(new.kids) or (old.parent is None) != (new.parent is None):
            found.add("structure")
    meta, meta_back = doc.meta.model_dump(), back.meta.model_dump()
    for fields in (meta, meta_back):
        if fields.get("title") in ("", doc.root.title):
            fields["title"] = ""
    if meta != meta_back:
        found.add("document_info")
    if doc.revisions != back.revisions:
        found.add("revision")
    return found


def _pairs(value: Any) -> dict[str, str]:
    try:
        return {str(name): str(value) for name, value in value or ()}
    except (TypeError, ValueError):
        return {}


def _has_formatting(html: str) -> bool:
    """HTML of an OPML ``text``/``_note`` with markup beyond links and escapes."""
    bare = re.sub(r"</?a(?:\s[^>]*)?>|<br\s*/?>", "", html, flags=re.IGNORECASE)
    return re.search(r"<[A-Za-z/]", bare) is not None


def _look_differences(fmt: str, doc: Document, back: Document, node: FeatureNode, new: Any):
    """``(kind or None, what)`` for each part of the look ``node`` carried that the file
    written (``new``, its node read back) lacks; ``None``: nothing may name it."""
    key = CARRIED[fmt]
    was, now = doc.carried.node(key, node.id), back.carried.node(key, new.id)
    if fmt == "md":
        mark = was.get("marker")
        home = node.parent is not None and was.get("under") == node.parent.id
        if isinstance(mark, str) and mark[-1:] in (".", ")") and home:
            written = now.get("marker")
            if not (isinstance(written, str) and written[-1:] == mark[-1]):
                yield "list_number", f"the number {mark} of {node.title!r}"
    elif fmt == "opml":
        before, after = _pairs(was.get("attrs")), _pairs(now.get("attrs"))
        for name, kind in (("text", "rich_text"), ("_note", "formatted_note")):
            value = before.get(name, "")
            kept = after.get(name, "")
            if kept == value or kept.startswith(value + "\n"):
                continue
            if _has_formatting(value):
                yield kind, f"the formatting of {node.title!r}'s {name}"
            if name == "text" and re.search(r"\n|<br", value, flags=re.IGNORECASE):
                yield "line_break", f"a line break in {node.title!r}"
        for name, value in before.items():
            # OPML 1.0's "title" is the text: a renamed outline's is written as "text".
            own = ("text", "title", "_note", "type", "url", "_tags")
            if name not in own and after.get(name) != value:
                yield None, f"{name}={value!r} of {node.title!r}"
    else:
        for part, kind in (("title", "rich_text"), ("note", "formatted_note")):
            if was.get(part) is not None and now.get(part) != was.get(part):
                yield kind, f"the rich {part} of {node.title!r}"
        names = _pairs(now.get("attributes"))
        for name in _pairs(was.get("attributes")):
            if name not in names:
                yield "attribute", f"attribute {name!r} of {node.title!r}"
        attrs_back = now.get("attrs") or {}
        for name, value in (was.get("attrs") or {}).items():
            if name != "MODIFIED" and attrs_back.get(name) != value:
                yield None, f"{name}={value!r} of {node.title!r}"
        if was.get("elements") and now.get("elements") != was.get("elements"):
            yield None, f"the look (font, edge, cloud) of {node.title!r}"
        arrows = [
            arrow
            for arrow in was.get("arrows") or ()
            if arrow.get("attrs", {}).get("DESTINATION") in doc
        ]
        targets = [arrow.get("attrs", {}).get("DESTINATION") for arrow in now.get("arrows") or ()]
        if len(targets) < len(arrows):
            yield None, f"an arrow link of {node.title!r}"
        if was.get("map_link") in doc and now.get("map_link") is None:
            yield None, f"the link inside the map of {node.title!r}"


def _unnamed(fmt: str, doc: Document) -> list[str]:
    """What saving ``doc`` over its file loses without the save question naming it."""
    lost, written = check(doc, by_name(fmt), overwriting_source=True)
    assert written is not None
    back = loads(written, fmt)
    silent = [f"{kind} (model)" for kind in _model_differences(doc, back) if kind not in lost]
    if "structure" in lost:
        return silent  # nodes no longer line up: the shape was named, and all with it
    for node, new in zip(doc.iter_nodes(), back.iter_nodes()):
        for kind, what in _look_differences(fmt, doc, back, node, new):
            if kind is None or kind not in lost:
                silent.append(what)
    for kind, n in doc.not_imported.items():
        if n > back.not_imported.get(kind, 0) and kind not in lost:
            silent.append(f"{kind} (not imported)")
    return silent


def _check(fmt: str, data: bytes, edits: list[tuple[str, int, int]]) -> None:
    doc = loads(data, fmt)
    done = []
    for op, at, other in edits:
        try:
            _edit(doc, op, at, other)
        except OperationError:
            continue  # not possible there (the root moved, an indent without a sibling)
        done.append(op)
    assert _unnamed(fmt, doc) == [], done


_SETTINGS = settings(
    max_examples=60,
    deadline=None,
    # shared_fixtures only gives the folder's path: nothing to reset between examples.
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
)


@pytest.mark.parametrize(
    ("fmt", "index"),
    [(fmt, i) for fmt, texts in GENERATED.items() for i in range(len(texts))],
)
@_SETTINGS
@given(edits=_EDITS)
def test_edits_to_a_generated_file_lose_nothing_unnamed(fmt: str, index: int, edits) -> None:
    _check(fmt, GENERATED[fmt][index].encode(), edits)


@pytest.mark.parametrize("fmt", sorted(FIXTURES))
@_SETTINGS
@given(edits=_EDITS)
def test_edits_to_a_real_file_lose_nothing_unnamed(fmt: str, edits, shared_fixtures: Path) -> None:
    path = shared_fixtures / FIXTURES[fmt]
    if not path.is_file():
        pytest.skip(f"{FIXTURES[fmt]} is not among the shared fixtures")
    _check(fmt, path.read_bytes(), edits)
