"""A colleague's numbered lists stay numbered when the file is saved over.

A PM opens a markmap page whose steps are ``1. 入库`` / ``2. 出库``, edits it and presses
Ctrl+S: the colleague's numbers must still be there (they were written as ``-`` bullets,
and the save named "1 numbered list" as lost), and whatever is nested under a number must
still be nested under it when GitHub, markmap or featuretree reads the file again.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from featuretree.formats import dumps, loads, markdown_reader
from featuretree.formats.loss import losses
from featuretree.formats.markdown_lines import LineReader, NotSimple
from featuretree.formats.registry import by_name
from featuretree.model import Document, FeatureNode
from featuretree.operations import annotate, structure


class _Refuse(LineReader):
    def read(self, source: str) -> None:
        raise NotSimple


WMS = """\
# 仓库管理

## 作业

1. 入库
   1. 收货
   2. 上架
2. 出库
   - 拣货
   - 复核
3. 盘点

## 报表

1) 日报
2) 月报
"""


def _saved(doc: Document) -> str:
    return dumps(doc, "md").decode("utf-8")


def _node(doc: Document, title: str) -> FeatureNode:
    return next(node for node in doc.iter_nodes() if node.title == title)


def _shape(doc: Document) -> list[tuple[str, str | None]]:
    return [(n.title, n.parent.title if n.parent else None) for n in doc.iter_nodes()]


def _reads_back(doc: Document, saved: str) -> None:
    """The file written is the tree edited, for markdown-it and for the line reader."""
    back = loads(saved.encode(), "md")
    assert _shape(back) == _shape(doc)
    with pytest.MonkeyPatch.context() as monkeypatch:
        monkeypatch.setattr(markdown_reader, "LineReader", _Refuse)
        tokens_only = loads(saved.encode(), "md")
    assert dumps(tokens_only, "json") == dumps(back, "json")


def test_an_unedited_numbered_outline_is_saved_as_it_was() -> None:
    doc = loads(WMS.encode(), "md")
    assert _saved(doc) == WMS
    # The save question no longer names "1 numbered list" as lost.
    assert losses(doc, by_name("md"), overwriting_source=True) == {}


def test_numbers_are_not_reported_as_not_imported() -> None:
    assert "numbered_list" not in loads(WMS.encode(), "md").not_imported


def test_a_rename_changes_only_its_line() -> None:
    doc = loads(WMS.encode(), "md")
    annotate.rename(doc, _node(doc, "上架").id, "上架作业").apply(doc)
    saved = _saved(doc)
    assert saved == WMS.replace("2. 上架", "2. 上架作业")
    assert losses(doc, by_name("md"), overwriting_source=True) == {}


def test_a_node_added_beside_numbered_siblings_is_numbered() -> None:
    doc = loads(WMS.encode(), "md")
    structure.add_sibling(doc, _node(doc, "出库").id, "退货").apply(doc)
    structure.add_sibling(doc, _node(doc, "月报").id, "年报").apply(doc)
    saved = _saved(doc)
    # Numbered in its place, the ones after it numbered again; still a list item (it
    # was written as a heading, and 盘点 after it with it).
    assert "   - 复核\n3. 退货\n4. 盘点\n" in saved
    assert "1) 日报\n2) 月报\n3) 年报\n" in saved
    _reads_back(doc, saved)


def test_an_item_moved_out_of_the_list_leaves_it_numbered_in_order() -> None:
    doc = loads(WMS.encode(), "md")
    # 上架 into the bullet list under 出库: a bullet there; 入库's list is 1. 收货 alone.
    structure.move_to(doc, _node(doc, "上架").id, _node(doc, "出库").id).apply(doc)
    # 出库 moved to the front of its list: the list is numbered again in its new order.
    structure.move_up(doc, _node(doc, "出库").id).apply(doc)
    saved = _saved(doc)
    assert "1. 出库\n   - 拣货\n   - 复核\n   - 上架\n2. 入库\n   1. 收货\n3. 盘点\n" in saved
    _reads_back(doc, saved)


def test_an_item_moved_out_of_numbered_lists_is_a_bullet() -> None:
    doc = loads(WMS.encode(), "md")
    structure.move_to(doc, _node(doc, "收货").id, _node(doc, "复核").id).apply(doc)
    saved = _saved(doc)
    assert "1. 入库\n   1. 上架\n2. 出库\n   - 拣货\n   - 复核\n     - 收货\n" in saved
    _reads_back(doc, saved)


def _deep() -> str:
    """Twelve numbered steps a level, three levels: numbers of two digits."""
    lines = ["# 流程", ""]
    for a in range(1, 13):
        lines.append(f"{a}. 步骤{a}")
        pad = " " * (len(str(a)) + 2)
        for b in range(1, 13):
            lines.append(f"{pad}{b}. 步骤{a}.{b}")
            inner = pad + " " * (len(str(b)) + 2)
            if b in (9, 10, 12):
                lines.append(f"{inner}1. 细节{a}.{b}")
                lines.append(f"{inner}- 备注{a}.{b}")
    return "\n".join(lines) + "\n"


def test_deep_numbered_lists_nest_under_two_digit_numbers() -> None:
    text = _deep()
    doc = loads(text.encode(), "md")
    # Under "10. " the items start 4 spaces in, under "9. " 3: each is read under its step.
    assert [kid.title for kid in _node(doc, "步骤10.10").kids] == ["细节10.10", "备注10.10"]
    assert [kid.title for kid in _node(doc, "步骤10").kids][-1] == "步骤10.12"
    assert _saved(doc) == text
    # An edit that numbers again keeps each item's children under it.
    structure.add_sibling(doc, _node(doc, "步骤10.9").id, "插入").apply(doc)
    saved = _saved(doc)
    assert "    10. 插入\n    11. 步骤10.10\n        1. 细节10.10\n" in saved
    _reads_back(doc, saved)


MIXED = """\
# 会员

- 注册
- 登录
1. 下单
2. 支付
   1) 微信
   2) 支付宝
   - 余额

## 设置

- 通知

3. 续费
4. 退订
"""


def test_mixed_numbered_and_bullet_lists_keep_each_its_markers() -> None:
    doc = loads(MIXED.encode(), "md")
    assert [kid.title for kid in doc.root.kids] == ["注册", "登录", "下单", "支付", "设置"]
    assert [kid.title for kid in _node(doc, "设置").kids] == ["通知", "续费", "退订"]
    assert _saved(doc) == MIXED
    assert losses(doc, by_name("md"), overwriting_source=True) == {}


def test_a_list_not_starting_at_one_after_another_list_keeps_its_blank_line() -> None:
    doc = loads(MIXED.encode(), "md")
    structure.add_sibling(doc, _node(doc, "登录").id, "找回密码").apply(doc)
    structure.delete(doc, _node(doc, "续费").id).apply(doc)
    saved = _saved(doc)
    # CommonMark reads "3. 退订" right under "- 通知" as that item's text: a blank line.
    assert "- 登录\n- 找回密码\n1. 下单\n" in saved
    assert "- 通知\n\n3. 退订\n" in saved
    _reads_back(doc, saved)


LAZY = "# 步骤\n\n1. 打开\n1. 选择\n1. 保存\n"


def test_numbers_written_all_alike_stay_alike() -> None:
    doc = loads(LAZY.encode(), "md")
    assert _saved(doc) == LAZY
    structure.add_sibling(doc, _node(doc, "选择").id, "确认").apply(doc)
    assert _saved(doc) == "# 步骤\n\n1. 打开\n1. 选择\n1. 确认\n1. 保存\n"


def test_the_markmap_example_keeps_its_numbered_list(shared_fixtures: Path) -> None:
    path = shared_fixtures / "markdown" / "markmap-example.md"
    if not path.is_file():
        pytest.skip("markmap-example.md is not among the shared fixtures")
    data = path.read_bytes()
    doc = loads(data, "md")
    assert dumps(doc, "md") == data
    assert losses(doc, by_name("md"), overwriting_source=True) == {}


# -- any outline of numbered and bullet lists --------------------------------------------

_MARKS = st.sampled_from(["-", ".", ")"])


@st.composite
def _outlines(draw: st.DrawFn) -> str:
    """A markmap page: a heading, then lists nested under each other, each numbered
    (from 1 or any start, or all alike) or bulleted, a number of any width."""
    lines = ["# 根", ""]
    stack: list[tuple[int, int]] = [(0, draw(st.integers(1, 12)))]  # (column, items left)
    count = 0
    kinds: dict[int, tuple[str, int, bool]] = {}  # by depth: the current list's marker
    while stack and count < 40:
        column, left = stack[-1]
        if left == 0:
            stack.pop()
            kinds.pop(len(stack), None)
            continue
        stack[-1] = (column, left - 1)
        depth = len(stack) - 1
        first = depth not in kinds
        if first:
            kinds[depth] = (draw(_MARKS), draw(st.integers(0, 12)), draw(st.booleans()))
        mark, number, alike = kinds[depth]
        marker = "-" if mark == "-" else f"{number}{mark}"
        if mark != "-" and not alike:
            kinds[depth] = (mark, number + 1, alike)
        count += 1
        if first and mark != "-" and number != 1 and lines[-1]:
            lines.append("")  # else it would be more of the text above (CommonMark)
        lines.append(f"{' ' * column}{marker} 节点{count}")
        if len(stack) < 4 and draw(st.booleans()):
            stack.append((column + len(marker) + 1, draw(st.integers(1, 11))))
    return "\n".join(lines) + "\n"


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(_outlines(), st.data())
def test_any_outline_of_lists_is_saved_as_written_and_edits_read_back(text, data) -> None:
    doc = loads(text.encode(), "md")
    assert _saved(doc) == text
    assert losses(doc, by_name("md"), overwriting_source=True) == {}
    nodes = [node for node in doc.iter_nodes() if node.parent is not None]
    picked = data.draw(st.sampled_from(nodes))
    structure.add_sibling(doc, picked.id, "新增").apply(doc)
    other = data.draw(st.sampled_from(nodes))
    if other.parent is not None and other.parent.kids[0] is not other:
        structure.move_up(doc, other.id).apply(doc)
    _reads_back(doc, _saved(doc))


HEADING_AFTER_ITEMS = "# 会员\n\n- 注册\n- 登录\n\n## 设置\n\n### 通知\n"


def test_a_node_added_beside_bullet_items_is_an_item_and_headings_stay() -> None:
    doc = loads(HEADING_AFTER_ITEMS.encode(), "md")
    assert _saved(doc) == HEADING_AFTER_ITEMS  # 设置 after the items stays a heading
    structure.add_sibling(doc, _node(doc, "登录").id, "注销").apply(doc)
    saved = _saved(doc)
    # It was written as a heading ("## 注销"), and any item after it with it.
    assert saved == HEADING_AFTER_ITEMS.replace("- 登录\n", "- 登录\n- 注销\n")
    _reads_back(doc, saved)


# -- past the 16 list levels the writer nests ---------------------------------------------


def _deeper_than_the_cap() -> str:
    """Numbered steps nested 22 levels under a heading, each level with a second step
    and, from level 17 on, a bullet and a ``1)`` list beside it."""
    lines = ["# 深层流程", ""]
    column = 0
    for level in range(1, 23):
        pad = " " * column
        lines.append(f"{pad}1. 第{level}层")
        if level > 17:
            lines.append(f"{pad}- 备注{level}")
            lines.append(f"{pad}1) 分支{level}")
        lines.append(f"{pad}2. 另一步{level}")
        column += 3
    return "\n".join(lines) + "\n"


def test_numbers_deeper_than_the_nesting_cap_are_kept() -> None:
    doc = loads(_deeper_than_the_cap().encode(), "md")
    deep = _node(doc, "第20层")
    structure.add_sibling(doc, deep.id, "插入步骤").apply(doc)
    annotate.rename(doc, _node(doc, "另一步21").id, "改名").apply(doc)
    saved = _saved(doc)
    lines = saved.splitlines()

    def line(title: str) -> str:
        return next(text.strip() for text in lines if f" {title}" in text)

    # Written flat past the cap (depth comments), still numbered as the file had them.
    assert line("第20层") == "1. 第20层 <!-- depth: 20 -->"
    assert line("插入步骤") == "2. 插入步骤 <!-- depth: 20 -->"
    # The file's second list under 另一步19 (after a bullet and a 1) list) started at 2.
    assert line("另一步20") == "2. 另一步20 <!-- depth: 20 -->"
    assert line("分支21") == "1) 分支21 <!-- depth: 21 -->"
    assert line("改名") == "2. 改名 <!-- depth: 21 -->"
    assert line("备注22") == "- 备注22 <!-- depth: 22 -->"
    assert losses(doc, by_name("md"), overwriting_source=True) == {}
    _reads_back(doc, saved)
    # Read again, the numbers are the ones written: saved again, the file is the same.
    assert _saved(loads(saved.encode(), "md")) == saved


def test_a_deep_number_other_than_one_after_another_kind_of_item_has_a_blank_line() -> None:
    doc = loads(_deeper_than_the_cap().encode(), "md")
    # Under 另一步20 only 另一步21 stays, numbered 2 as the file had it.
    for title in ("第21层", "备注21", "分支21"):
        structure.delete(doc, _node(doc, title).id).apply(doc)
    saved = _saved(doc)
    pad = " " * 48
    # After "1) 分支20" a list starting at 2 needs a blank line (CommonMark would read it
    # as more of that line); after "2. 另一步20" the flat list goes on.
    assert (
        f"{pad}1) 分支20 <!-- depth: 20 -->\n\n"
        f"{pad}2. 另一步20 <!-- depth: 20 -->\n"
        f"{pad}2. 另一步21 <!-- depth: 21 -->\n"
    ) in saved
    assert losses(doc, by_name("md"), overwriting_source=True) == {}
    _reads_back(doc, saved)
    assert _saved(loads(saved.encode(), "md")) == saved


# -- an item that has to become a heading -------------------------------------------------


def test_a_numbered_item_turned_into_a_heading_is_named_as_losing_its_number() -> None:
    doc = loads(MIXED.encode(), "md")
    # 设置 (a heading) moved above 支付: 支付 comes after a heading of its parent, so it is
    # written as a heading too, and Markdown numbers no heading.
    structure.move_up(doc, _node(doc, "设置").id).apply(doc)
    saved = _saved(doc)
    assert "## 支付\n" in saved
    lost = losses(doc, by_name("md"), overwriting_source=True)
    assert lost == {"list_number": 1}
    from featuretree.formats.loss import describe_losses, describe_losses_english
    from featuretree.i18n import set_language

    assert describe_losses_english(lost) == "the number of 1 numbered list item"
    set_language("zh")
    try:
        assert describe_losses(lost) == "1 个编号列表项的编号"
    finally:
        set_language("en")


def test_a_numbered_item_moved_elsewhere_is_not_named() -> None:
    doc = loads(MIXED.encode(), "md")
    # Moved under the root's heading child, it is one of that heading's items: a bullet
    # there as its new list is, which the user chose.
    structure.move_to(doc, _node(doc, "下单").id, _node(doc, "设置").id, 0).apply(doc)
    assert losses(doc, by_name("md"), overwriting_source=True) == {}


def test_numbered_items_under_an_item_outdented_to_a_heading_keep_their_numbers() -> None:
    doc = loads(WMS.encode(), "md")
    # 入库 goes up to the root's level, after ## 作业: it must be a heading (## 入库), and
    # its steps, at the depth of ### headings, stay its numbered list.
    structure.outdent(doc, _node(doc, "入库").id).apply(doc)
    saved = _saved(doc)
    assert "## 入库\n\n1. 收货\n2. 上架\n" in saved
    _reads_back(doc, saved)
