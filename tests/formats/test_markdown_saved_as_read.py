"""A colleague's Markdown saved over itself comes back as it was read, but for the edits.

A PM opens a markmap page a colleague wrote (no featuretree ids in it), changes one
title and presses Ctrl+S: the colleague's diff must show that line, not every line.
"""

from __future__ import annotations

from pathlib import Path

from featuretree.formats import dumps, loads
from featuretree.formats.loss import losses
from featuretree.formats.registry import by_name

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
