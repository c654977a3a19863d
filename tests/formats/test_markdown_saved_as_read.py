"""A colleague's Markdown saved over itself comes back as it was read, but for the edits.

A PM opens a markmap page a colleague wrote (no featuretree ids in it), changes one
title and presses Ctrl+S: the colleague's diff must show that line, not every line.
"""

from __future__ import annotations

from pathlib import Path

from featuretree.formats import dumps, loads
from featuretree.formats.loss import losses
from featuretree.formats.registry import by_name
from featuretree.operations import annotate

PLAIN = """\
# 会员中心

## 待办

### 接入微信支付

- 退款
  - 部分退款

### 积分商城上线

## 设置
"""


def _saved(text: str) -> tuple[str, dict[str, int]]:
    """``text`` read and written back as Markdown (a Ctrl+S over the file), and what the
    save question would list."""
    doc = loads(text.encode(), "md")
    lost = losses(doc, by_name("md"), overwriting_source=True)
    return dumps(doc, "md").decode("utf-8"), lost


def test_a_file_without_ids_is_written_back_without_them() -> None:
    saved, lost = _saved(PLAIN)
    assert "<!--" not in saved
    assert saved == PLAIN
    assert lost == {}


def test_an_edit_changes_only_its_line() -> None:
    doc = loads(PLAIN.encode(), "md")
    doc.root.kids[0].kids[0].title = "接入支付宝"
    saved = dumps(doc, "md").decode("utf-8")
    assert saved == PLAIN.replace("接入微信支付", "接入支付宝")


def test_ids_stay_the_same_when_read_again() -> None:
    # Nothing in the file holds them: they are made from the tree, the same each time.
    first = [node.id for node in loads(PLAIN.encode(), "md").iter_nodes()]
    again = loads(dumps(loads(PLAIN.encode(), "md"), "md"), "md")
    assert [node.id for node in again.iter_nodes()] == first


def test_json_kept_beside_it_writes_the_markdown_without_ids_too() -> None:
    doc = loads(PLAIN.encode(), "md")
    back = loads(dumps(doc, "json"), "json")
    assert [n.id for n in back.iter_nodes()] == [n.id for n in doc.iter_nodes()]
    assert dumps(back, "md").decode("utf-8") == PLAIN


def test_a_file_with_ids_keeps_writing_them() -> None:
    text = "# 会员中心 <!-- id: root0001 -->\n\n## 待办\n"
    saved, _lost = _saved(text)
    assert "# 会员中心 <!-- id: root0001 -->" in saved
    assert "## 待办 <!-- id: " in saved  # a node added by hand gets one like the others


def test_markmap_example_gets_no_id_comments(shared_fixtures: Path) -> None:
    data = (shared_fixtures / "markdown" / "markmap-example.md").read_bytes()
    saved = dumps(loads(data, "md"), "md").decode("utf-8")
    assert "<!-- id:" not in saved


# -- tables and code blocks in notes --------------------------------------------------

BLOCKS = """\
# 接口

## 下单

```js
console.log('hello')

// 空行之后
```

| 字段 | 类型 |
|-|:-:|
| id | **int** |
| 名称 | str \\| null |

~~~
原样
~~~

### 退款

- 部分退款

  | 金额 | 说明 |
  | --- | --- |
  | 1 | 测试 |
"""

_KEPT = (
    "```js\nconsole.log('hello')\n\n// 空行之后\n```",
    "| 字段 | 类型 |\n|-|:-:|\n| id | **int** |\n| 名称 | str \\| null |",
    "~~~\n原样\n~~~",
)


def test_tables_and_fenced_code_in_notes_are_kept_as_written() -> None:
    doc = loads(BLOCKS.encode(), "md")
    order = doc.root.kids[0]
    assert order.notes == "\n\n".join(_KEPT)
    refund = order.kids[0].kids[0]
    assert refund.notes == "| 金额 | 说明 |\n| --- | --- |\n| 1 | 测试 |"
    # Nothing of them is "kept as text" any more: the save question does not name them.
    assert "table" not in doc.not_imported and "code_block" not in doc.not_imported
    assert "bold" not in doc.not_imported  # the **int** stays in the table as written


def test_tables_and_fenced_code_are_written_back_with_separator_and_fences() -> None:
    saved, lost = _saved(BLOCKS)
    for block in _KEPT:
        assert f"\n{block}\n" in saved  # under its heading, as in the page
    assert "  > | 金额 | 说明 |\n  > | --- | --- |\n  > | 1 | 测试 |" in saved
    assert lost == {}
    back = loads(saved.encode(), "md")
    assert [n.notes for n in back.iter_nodes()] == [
        n.notes for n in loads(BLOCKS.encode(), "md").iter_nodes()
    ]
    assert dumps(back, "md").decode("utf-8") == saved


def test_text_that_only_looks_like_a_block_stays_text() -> None:
    # Typed in featuretree: an unclosed fence, a table without its separator row, a
    # fence glued to a line of text. Each must read back as the same text.
    from featuretree.model import Document, FeatureNode
    from featuretree.model.tree import attach

    root = FeatureNode("根", id="r")
    for i, notes in enumerate(
        ["```\n未闭合", "| a | b |\n| c | d |", "说明\n```\ncode\n```", "```\nx\n```\n紧接"]
    ):
        attach(FeatureNode(f"n{i}", id=f"n{i}", notes=notes), root)
    doc = Document(root)
    back = loads(dumps(doc, "md"), "md")
    assert [n.notes for n in back.iter_nodes()] == [n.notes for n in doc.iter_nodes()]
    assert losses(doc, by_name("md")) == {}


def test_markmap_example_table_and_code_come_back(shared_fixtures: Path) -> None:
    data = (shared_fixtures / "markdown" / "markmap-example.md").read_bytes()
    doc = loads(data, "md")
    saved = dumps(doc, "md").decode("utf-8")
    assert "\n```js\nconsole.log('hello, JavaScript')\n```\n" in saved
    assert "\n| Products | Price |\n|-|-|\n| Apple | 4 |\n| Banana | 2 |\n" in saved
    lost = losses(doc, by_name("md"), overwriting_source=True)
    assert "table" not in lost and "code_block" not in lost and "notes" not in lost


# -- list items stay list items, headings stay headings ----------------------------------

SHAPE = """\
# 会员中心

- 支付
  - 退款
- 积分

## 设置

### 账号

#### 安全

- 密码
"""


def test_list_items_and_deep_headings_keep_their_form() -> None:
    # markmap pages have lists right under a heading and headings below ###: saved
    # back, they are not turned into ### headings and list items.
    saved, lost = _saved(SHAPE)
    assert saved == SHAPE
    assert lost == {}


def test_an_edited_tree_keeps_its_shape_where_markdown_allows() -> None:
    from featuretree.model import FeatureNode
    from featuretree.model.tree import attach

    doc = loads(SHAPE.encode(), "md")
    pay, points, settings = doc.root.kids
    attach(FeatureNode("部分退款", id="new1"), pay.kids[0])  # under a list item: an item
    attach(FeatureNode("隐私", id="new2"), settings)  # after a heading: a heading
    points.parent = None
    attach(points, doc.root)  # now after the 设置 heading: it cannot stay a list item
    saved = dumps(doc, "md").decode("utf-8")
    assert "  - 退款\n    - 部分退款\n" in saved
    assert "\n### 隐私\n" in saved
    assert "\n## 积分\n" in saved
    back = loads(saved.encode(), "md")
    shape = [(n.title, n.parent.title if n.parent else None) for n in back.iter_nodes()]
    assert shape == [(n.title, n.parent.title if n.parent else None) for n in doc.iter_nodes()]
    assert losses(doc, by_name("md")) == {}


def test_markmap_example_lists_stay_lists(shared_fixtures: Path) -> None:
    data = (shared_fixtures / "markdown" / "markmap-example.md").read_bytes()
    saved = dumps(loads(data, "md"), "md").decode("utf-8")
    assert "## Links\n\n- [Website](https://markmap.js.org/)\n- [GitHub](" in saved
    assert "\n### Website" not in saved and "\n### [" not in saved


# -- paragraphs and blocks under a heading stay outside a quote ---------------------------

PAGE = """\
# 接口

## 下单

先校验库存。
再扣减余额。

```js
pay()
```

| 字段 | 类型 |
|-|-|
| id | int |

## 退款
"""


def test_paragraphs_and_blocks_under_a_heading_are_not_put_in_a_quote() -> None:
    # markmap draws a table or code block under a heading as a node of the map; in a
    # quote it would vanish from the map.
    doc = loads(PAGE.encode(), "md")
    assert doc.root.kids[0].notes.startswith("先校验库存。\n再扣减余额。\n\n```js\n")
    saved, lost = _saved(PAGE)
    assert "> " not in saved
    assert "先校验库存。\\\n再扣减余额。\n\n```js\npay()\n```\n\n| 字段 | 类型 |\n|-|-|\n" in saved
    assert lost == {}
    back = loads(saved.encode(), "md")
    assert [n.notes for n in back.iter_nodes()] == [n.notes for n in doc.iter_nodes()]


def test_annotations_added_to_such_a_node_go_in_a_quote() -> None:
    from featuretree.model.annotations import FeatureStatus

    doc = loads(PAGE.encode(), "md")
    doc.root.kids[0].status = FeatureStatus.NEW
    saved = dumps(doc, "md").decode("utf-8")
    assert "> 状态: **新增**" in saved and "> ```js" in saved
    assert losses(doc, by_name("md")) == {}


def test_markmap_example_blocks_stay_under_their_heading(shared_fixtures: Path) -> None:
    data = (shared_fixtures / "markdown" / "markmap-example.md").read_bytes()
    saved = dumps(loads(data, "md"), "md").decode("utf-8")
    assert "## Features\n\nNote that if blocks and lists appear" in saved
    assert "### Blocks\n\n```js\nconsole.log('hello, JavaScript')\n```\n\n| Products |" in saved


def test_a_line_of_dashes_in_notes_never_makes_a_heading_or_a_table() -> None:
    # Outside a quote "text\n--" is a heading; "|---" then "--" was read as a table.
    for notes in ("甲\n--", "~\n\n<\n|---\n--", "乙\n=="):
        doc = loads(PAGE.encode(), "md")
        doc.root.kids[0].notes = notes
        back = loads(dumps(doc, "md"), "md")
        assert [n.title for n in back.iter_nodes()] == ["接口", "下单", "退款"]
        assert back.root.kids[0].notes == notes


# -- front matter ---------------------------------------------------------------------

FRONT = """\
---
title: 会员中心
markmap:
  colorFreezeLevel: 2
---

## 支付

## 积分
"""


def test_front_matter_is_kept_and_its_title_stays_the_root() -> None:
    saved, lost = _saved(FRONT)
    assert saved == FRONT  # not turned into a "# 会员中心" heading, options kept
    assert lost == {}


def test_renaming_the_root_renames_the_front_matter_title() -> None:
    doc = loads(FRONT.encode(), "md")
    doc.root.title = "会员中心 2.0"
    saved = dumps(doc, "md").decode("utf-8")
    assert saved == FRONT.replace("title: 会员中心", 'title: "会员中心 2.0"')
    back = loads(saved.encode(), "md")
    assert back.root.title == "会员中心 2.0" and len(back.root.kids) == 2


def test_a_root_that_needs_a_heading_gets_one_after_the_front_matter() -> None:
    from featuretree.model.annotations import FeatureStatus

    doc = loads(FRONT.encode(), "md")
    doc.root.status = FeatureStatus.NEW  # a status needs the root's quote
    saved = dumps(doc, "md").decode("utf-8")
    assert saved.startswith(FRONT.split("\n\n")[0] + "\n\n# 会员中心\n\n> 状态")
    assert losses(doc, by_name("md")) == {}
    doc = loads(FRONT.encode(), "md")
    doc.root.kids[1].parent = None  # one top-level heading left: it would become the root
    saved = dumps(doc, "md").decode("utf-8")
    assert "\n# 会员中心\n" in saved
    assert losses(doc, by_name("md")) == {}


def test_markmap_example_front_matter_comes_back(shared_fixtures: Path) -> None:
    data = (shared_fixtures / "markdown" / "markmap-example.md").read_bytes()
    saved = dumps(loads(data, "md"), "md").decode("utf-8")
    assert saved.startswith("---\ntitle: markmap\nmarkmap:\n  colorFreezeLevel: 2\n---\n\n## Links")


def test_links_in_a_colleagues_titles_keep_their_plain_form() -> None:
    page = (
        "# 工具\n\n"
        "- [官网](https://markmap.js.org/) 与 [文档](https://例子.cn/文档)\n"
        "- [维基](https://en.wikipedia.org/wiki/Mind_map_(diagram))\n"
        "- [查询](https://x.cn/?a=1&b=2)\n"
    )
    saved, lost = _saved(page)
    assert saved == page  # each title as the colleague wrote it
    assert lost == {}
    doc = loads(page.encode(), "md")
    for node in doc.root.kids:
        node.title += " 页"
    saved = dumps(doc, "md").decode("utf-8")
    assert "- [官网](https://markmap.js.org/) 与 [文档](https://例子.cn/文档) 页\n" in saved
    # Edited, a URL a plain link cannot hold as it is (parentheses, an &) takes
    # featuretree's form.
    assert "- [维基](<https://en.wikipedia.org/wiki/Mind_map_(diagram)>) 页\n" in saved
    assert "- [查询](<https://x.cn/?a=1\\&b=2>) 页\n" in saved
    back = loads(saved.encode(), "md")
    assert [n.links for n in back.iter_nodes()] == [n.links for n in doc.iter_nodes()]
    assert [n.title for n in back.iter_nodes()] == [n.title for n in doc.iter_nodes()]


def test_a_colleagues_formatted_titles_stay_as_written_when_another_is_edited() -> None:
    # Editing one title rewrote every other one without its **bold**, `code`, ~~del~~
    # and comments: the colleague's diff showed lines nobody touched.
    page = (
        "# 仓储\n\n"
        "## **入库** 管理\n\n"
        "- `PDA` 扫码 收货 <!-- 评审时再议 -->\n"
        "- ~~纸质~~ 单据\n\n"
        "## 出库\n\n"
        "- *波次* 拣货\n"
    )
    doc = loads(page.encode(), "md")
    assert [n.title for n in doc.iter_nodes()] == [
        "仓储",
        "入库 管理",
        "PDA 扫码 收货",
        "纸质 单据",
        "出库",
        "波次 拣货",
    ]
    annotate.rename(doc, doc.root.kids[1].id, "出库 管理").apply(doc)
    lost = losses(doc, by_name("md"), overwriting_source=True)
    assert lost == {}  # nothing the page had is dropped
    saved = dumps(doc, "md").decode("utf-8")
    assert saved == page.replace("## 出库\n", "## 出库 管理\n")
    # A formatted title that is edited is written as featuretree writes it: named.
    annotate.rename(doc, doc.root.kids[0].kids[0].id, "PDA 扫码 收货 与 质检").apply(doc)
    assert losses(doc, by_name("md"), overwriting_source=True) == {"code_span": 1, "comment": 1}
    back = loads(dumps(doc, "md"), "md")
    assert [n.title for n in back.iter_nodes()] == [n.title for n in doc.iter_nodes()]


def test_a_colleagues_paragraphs_under_a_heading_stay_as_written() -> None:
    # Paragraphs under a heading (markmap's notes) lost their **bold**, links' form and
    # images when anything in the file was edited.
    page = (
        "# 仓储\n\n"
        "## 入库\n\n"
        "收货前 **必须** 先预约，见 `ASN` 规则。\n\n"
        "![流程图](https://example.com/flow.png)\n\n"
        "## 出库\n\n"
        "- 波次\n"
    )
    doc = loads(page.encode(), "md")
    inbound = doc.root.kids[0]
    assert inbound.notes.startswith("收货前 必须 先预约")
    annotate.rename(doc, doc.root.kids[1].id, "出库 管理").apply(doc)
    assert losses(doc, by_name("md"), overwriting_source=True) == {}
    assert dumps(doc, "md").decode("utf-8") == page.replace("## 出库\n", "## 出库 管理\n")
    # Notes edited in featuretree are written as featuretree writes them: named.
    annotate.set_notes(doc, inbound.id, inbound.notes + "\n高峰期 排队").apply(doc)
    lost = losses(doc, by_name("md"), overwriting_source=True)
    assert lost.get("bold") == 1 and lost.get("image") == 1, lost
    assert loads(dumps(doc, "md"), "md").root.kids[0].notes == inbound.notes
