"""What ``versions.diff`` says about two versions, and how the report words it."""

from __future__ import annotations

import datetime as dt
import re

import pytest
from _random_edits import load

from featuretree import formats
from featuretree.model.document import Document
from featuretree.model.node import FeatureNode
from featuretree.model.tree import attach
from featuretree.operations import History
from featuretree.operations import annotate as an
from featuretree.operations import structure as ops
from featuretree.versions import ChangeKind, UnrelatedError, diff, report


def _edit(doc: Document, *commands) -> None:
    history = History(doc)
    for make in commands:
        history.do(make(doc))


def _kinds(result) -> list[tuple[str, str]]:
    return [(c.kind.value, c.path) for c in result.changes]


def test_renames_moves_statuses_and_annotations_are_named_with_their_paths() -> None:
    old, new = load("zhihu"), load("zhihu")
    home, vip, publish = new.root.kids[0], new.root.kids[2], new.root.kids[3]
    first_publish_kid = publish.kids[0]
    _edit(
        new,
        lambda d: an.rename(d, home.id, "主页"),
        lambda d: ops.move_to(d, first_publish_kid.id, vip.id, 0),
        lambda d: an.set_status(d, vip.id, "changed"),
        lambda d: an.add_change(d, vip.id, version="v1.4", summary="会员页改版"),
    )
    result = diff(old, new)
    kinds = _kinds(result)
    assert ("renamed", "主页") in kinds
    moved = next(c for c in result.changes if c.kind == ChangeKind.MOVED)
    assert (moved.old, moved.new) == ("发布", "会员")
    assert ("status", "会员") in kinds and ("change_added", "会员") in kinds
    text = [line for _, line in report.text_lines(result, "zh")]
    assert "重命名  主页  “首页” → “主页”" in text
    assert any(line.startswith("移动  会员 › ") and "从“发布”移到“会员”" in line for line in text)
    assert "状态  会员  现有 → 修改" in text


def test_an_added_subtree_is_one_change_at_its_top() -> None:
    old, new = load("zhihu"), load("zhihu")
    top = FeatureNode("新模块", id="newtop01")
    attach(FeatureNode("子功能一", id="newkid01"), top)
    attach(FeatureNode("子功能二", id="newkid02"), top)
    _edit(new, lambda d: ops.InsertSubtree(d.root.id, None, top, label="Paste"))
    result = diff(old, new)
    assert [(c.kind, c.path, c.below) for c in result.changes] == [(ChangeKind.ADDED, "新模块", 2)]
    assert result.added_ids == {"newtop01", "newkid01", "newkid02"}
    assert report.detail(result.changes[0], "zh") == "连同下级 2 个节点"
    assert report.detail(result.changes[0], "en") == "with 2 nodes under it"


def test_nodes_with_new_ids_are_matched_by_path_and_title() -> None:
    """After a round trip through a format without ids (Markdown for a PRD), nothing
    'changed' but what did."""
    old = load("zhihu")
    without_ids = re.sub(rb" ?<!-- id: [^>]*-->", b"", formats.dumps(old, "md"))
    reimported = formats.loads(without_ids, "md")
    assert not set(n.id for n in reimported.iter_nodes()) & set(n.id for n in old.iter_nodes())
    assert diff(old, reimported).equal
    target = reimported.root.kids[0].kids[0]
    _edit(reimported, lambda d: an.set_status(d, target.id, "deprecated"))
    result = diff(old, reimported)
    assert [(c.kind, c.node_id) for c in result.changes] == [(ChangeKind.STATUS, target.id)]
    assert result.matched_by_path[target.id] == old.root.kids[0].kids[0].id


def test_reordering_siblings_names_the_node_that_moved_only() -> None:
    old, new = load("zhihu"), load("zhihu")
    last = new.root.kids[-1]
    _edit(new, lambda d: ops.move_to(d, last.id, d.root.id, 0))
    result = diff(old, new)
    assert [(c.kind, c.node_id) for c in result.changes] == [(ChangeKind.REORDERED, last.id)]


def test_suggestion_edits_say_which_fields_changed() -> None:
    old, new = load("zhihu"), load("zhihu")
    node, suggestion = next(new.iter_suggestions())
    _edit(new, lambda d: an.edit_suggestion(d, suggestion.id, priority="P0", status="done"))
    (change,) = diff(old, new).changes
    assert change.kind == ChangeKind.SUGGESTION_CHANGED and change.node_id == node.id
    assert set(change.fields) == {"priority", "status"}
    assert f"优先级 {suggestion.priority.value} → P0" in report.detail(change, "zh")
    assert "状态" in report.detail(change, "zh") and "已完成" in report.detail(change, "zh")


def test_document_information_and_revisions() -> None:
    old, new = load("zhihu"), load("zhihu")
    _edit(
        new,
        lambda d: an.edit_meta(d, app_version="11.0"),
        lambda d: an.add_revision(d, version="v1.4", date=dt.date(2026, 12, 3), summary="合并"),
    )
    kinds = [c.kind for c in diff(old, new).changes]
    assert kinds == [ChangeKind.META, ChangeKind.REVISION_ADDED]


def test_the_markdown_is_a_change_log_section_in_the_documents_language() -> None:
    old, new = load("zhihu"), load("zhihu")
    _edit(new, lambda d: an.rename(d, d.root.kids[0].id, "首页 | 推荐"))
    md = report.markdown(diff(old, new), "zh", title="v1.3 → v1.4")
    assert md.startswith("## 修改记录（v1.3 → v1.4）\n")
    assert "| 类型 | 功能 | 说明 |" in md
    assert "首页 \\| 推荐" in md  # a pipe in a title does not break the table


def test_different_products_are_refused() -> None:
    with pytest.raises(UnrelatedError, match="different products"):
        diff(load("zhihu"), load("wms"))


def test_a_deep_chain_is_diffed_without_recursion() -> None:
    def chain(depth: int, last_title: str) -> Document:
        root = FeatureNode("根", id="root0000")
        node = root
        for i in range(depth):
            kid = FeatureNode(f"层{i}", id=f"n{i:07d}")
            attach(kid, node)
            node = kid
        node.title = last_title
        return Document(root)

    result = diff(chain(50_000, "底"), chain(50_000, "底部"))
    (change,) = result.changes
    assert change.kind == ChangeKind.RENAMED
    assert "…(" in change.path and change.path.endswith("底部")


def test_a_revision_summary_names_the_first_changes_in_one_line() -> None:
    old, new = load("zhihu"), load("zhihu")
    _edit(
        new,
        lambda d: an.rename(d, d.root.kids[0].id, "主页"),
        lambda d: ops.add_child(d, d.root.kids[4].id, "消息免打扰"),
        lambda d: ops.add_child(d, d.root.kids[4].id, "通知设置"),
    )
    result = diff(old, new)
    assert report.revision_summary(result, "zh") == (
        "重命名“首页” → “主页”；新增“消息免打扰”；新增“通知设置”"
    )
    assert report.revision_summary(result, "zh", limit=1) == "重命名“首页” → “主页”；另有 2 处修改"
    # "and 1 more" would take the room of the change it stands for: that one is shown.
    assert report.revision_summary(result, "zh", limit=2) == (
        "重命名“首页” → “主页”；新增“消息免打扰”；新增“通知设置”"
    )
    assert report.revision_summary(result, "en", limit=1) == "renamed “首页” → “主页”; and 2 more"


def test_a_revision_summary_says_the_old_title_and_the_new_status() -> None:
    # A new user's trial: the summary read 重命名“智能推荐库位”；状态“智能推荐库位”,
    # neither the old name nor the new status (the node lines said both).
    old, new = load("zhihu"), load("zhihu")
    node = new.root.kids[0]
    before = node.status
    _edit(
        new,
        lambda d: an.rename(d, node.id, "主页"),
        lambda d: an.set_status(d, node.id, "new" if before.value != "new" else "existing"),
    )
    result = diff(old, new)
    status = report.detail(next(c for c in result.changes if c.kind == ChangeKind.STATUS), "zh")
    assert " → " in status
    assert report.revision_summary(result, "zh") == (
        f"重命名“首页” → “主页”；状态“主页”（{status}）"
    )


def test_the_markdown_gives_a_change_log_entry_and_a_suggestion_whole() -> None:
    """The team reads the section in the PRD: what the PM wrote is not cut to an excerpt
    there, as it is on a line of the terminal report."""
    old, new = load("zhihu"), load("zhihu")
    node_id = new.root.kids[0].id
    entry = "首页推荐流改为双列瀑布流，并在顶部加入“关注”和“热榜”两个入口，减少用户的跳转路径"
    advice = "搜索历史应支持一键清空和单条删除，同时在无网络时保留最近十条记录以便离线查看"
    _edit(new, lambda d: an.add_change(d, node_id, version="v1.4", summary=entry))
    _edit(new, lambda d: an.add_suggestion(d, node_id, text=advice))
    result = diff(old, new)
    md = report.markdown(result, "zh")
    assert entry in md and advice in md
    line = "\n".join(line for _, line in report.text_lines(result, "zh"))
    assert entry not in line and "…" in line  # the terminal's lines stay short
