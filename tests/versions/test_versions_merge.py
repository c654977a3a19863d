"""Three-way merges: what lands, what conflicts, how a conflict is marked."""

from __future__ import annotations

import pytest
from _random_edits import load

from featuretree import formats
from featuretree.formats.prd import prd_markdown
from featuretree.model.document import Document
from featuretree.model.node import FeatureNode
from featuretree.model.tree import attach
from featuretree.operations import History
from featuretree.operations import annotate as an
from featuretree.operations import structure as ops
from featuretree.versions import CONFLICT_TAG, UnrelatedError, merge


def _edited(*commands) -> Document:
    doc = load("zhihu")
    history = History(doc)
    for make in commands:
        history.do(make(doc))
    return doc


def _titles(doc: Document) -> list[str]:
    return [node.title for node in doc.iter_nodes()]


def test_edits_of_different_nodes_and_fields_all_land() -> None:
    base = load("zhihu")
    home, vip = base.root.kids[0].id, base.root.kids[2].id
    ours = _edited(
        lambda d: an.rename(d, home, "主页"),
        lambda d: ops.add_child(d, vip, "会员新权益"),
        lambda d: an.set_notes(d, vip, "我方备注"),
    )
    theirs = _edited(
        lambda d: an.set_status(d, vip, "changed"),
        lambda d: ops.delete(d, d.root.kids[4].kids[0].id),
        lambda d: ops.move_to(d, d.root.kids[5].id, d.root.id, 0),
        lambda d: an.add_change(d, home, version="v1.4", summary="首页改版"),
    )
    result = merge(base, ours, theirs)
    assert result.clean
    merged = result.document
    assert merged.node(home).title == "主页"
    assert merged.node(home).changelog[-1].summary == "首页改版"
    assert merged.node(vip).status.value == "changed" and merged.node(vip).notes == "我方备注"
    assert "会员新权益" in [k.title for k in merged.node(vip).kids]
    assert base.root.kids[4].kids[0].id not in merged
    assert merged.root.kids[0].title == "我的"


def test_the_same_field_changed_twice_keeps_ours_and_marks_the_node() -> None:
    base = load("zhihu")
    home = base.root.kids[0].id
    ours = _edited(lambda d: an.rename(d, home, "主页"))
    theirs = _edited(lambda d: an.rename(d, home, "首页推荐"))
    result = merge(base, ours, theirs)
    (conflict,) = result.conflicts
    assert (conflict.what, conflict.winner, conflict.kept, conflict.other) == (
        "title",
        "ours",
        "主页",
        "首页推荐",
    )
    node = result.document.node(home)
    assert node.title == "主页" and CONFLICT_TAG in node.tags
    assert node.notes.endswith("【合并冲突】对方（THEIRS）的标题是：首页推荐")


def test_a_node_edited_on_one_side_and_deleted_on_the_other_is_kept_and_marked() -> None:
    base = load("zhihu")
    target = base.root.kids[4].kids[0]
    ours = _edited(lambda d: ops.delete(d, target.id))
    theirs = _edited(lambda d: an.set_status(d, target.kids[0].id, "deprecated"))
    result = merge(base, ours, theirs)
    merged = result.document
    assert target.id in merged and target.kids[0].id in merged
    assert merged.node(target.kids[0].id).status.value == "deprecated"
    assert {c.what for c in result.conflicts} == {"deleted"}
    assert CONFLICT_TAG in merged.node(target.kids[0].id).tags
    assert "我方（OURS）删除了这个节点" in merged.node(target.kids[0].id).notes
    # Siblings nobody touched under the deleted node go with it.
    assert all(kid.id not in merged for kid in target.kids[1:])


def test_moves_that_would_make_a_cycle_keep_ours() -> None:
    base = load("zhihu")
    a, b = base.root.kids[0].id, base.root.kids[2].id
    ours = _edited(lambda d: ops.move_to(d, a, b, 0))
    theirs = _edited(lambda d: ops.move_to(d, b, a, 0))
    result = merge(base, ours, theirs)
    merged = result.document
    assert merged.node(a).parent.id == b and merged.node(b).parent is merged.root
    assert [c.what for c in result.conflicts] == ["cycle"]
    formats.loads(formats.dumps(merged, "json"), "json")


def test_the_base_must_be_an_earlier_version() -> None:
    with pytest.raises(UnrelatedError):
        merge(load("zhihu"), load("wms"), load("zhihu"))
    other = load("zhihu")
    other.root.id = "someroot"
    other.root.title = "知乎"
    with pytest.raises(UnrelatedError, match="not an earlier version of OURS"):
        merge(load("zhihu"), other, load("zhihu"))


def test_a_side_without_the_bases_ids_is_said_to_have_lost_them() -> None:
    # A trial: THEIRS was the colleague's PRD export (export --no-ids), read back with
    # ids made up; the refusal said "their roots are not the same node (“知乎 App” and
    # “知乎 App” …)", two equal titles.
    theirs = formats.loads(prd_markdown(load("zhihu")), "md")
    with pytest.raises(UnrelatedError) as caught:
        merge(load("zhihu"), load("zhihu"), theirs)
    message = str(caught.value)
    assert message.startswith("THEIRS does not have BASE's node ids (both roots are “知乎 App”")
    assert "export --no-ids" in message and "not the same node" not in message


def test_both_sides_adding_children_to_one_parent_keeps_both_in_their_places() -> None:
    base = load("zhihu")
    vip = base.root.kids[2].id
    ours = _edited(lambda d: ops.add_child(d, vip, "我方新增", 0))
    theirs = _edited(lambda d: ops.add_child(d, vip, "对方新增"))
    merged = merge(base, ours, theirs).document
    titles = [k.title for k in merged.node(vip).kids]
    assert titles[0] == "我方新增" and titles[-1] == "对方新增"
    assert len(titles) == len(base.node(vip).kids) + 2


@pytest.mark.parametrize("index", [None, 0])
def test_both_sides_adding_at_one_place_puts_ours_first(index) -> None:
    # A trial: both appended a feature to one module; the merge put theirs before ours.
    base = load("zhihu")
    vip = base.root.kids[2].id
    ours = _edited(
        lambda d: ops.add_child(d, vip, "我方一", index),
        lambda d: ops.add_child(d, vip, "我方二", None if index is None else 1),
    )
    theirs = _edited(lambda d: ops.add_child(d, vip, "对方新增", index))
    titles = [k.title for k in merge(base, ours, theirs).document.node(vip).kids]
    new = [title for title in titles if title in ("我方一", "我方二", "对方新增")]
    assert new == ["我方一", "我方二", "对方新增"]
    assert titles.index("我方二") + 1 == titles.index("对方新增")


def test_a_deep_chain_merges_without_recursion() -> None:
    def chain() -> Document:
        root = FeatureNode("根", id="root0000")
        node = root
        for i in range(50_000):
            kid = FeatureNode(f"层{i}", id=f"n{i:07d}")
            attach(kid, node)
            node = kid
        return Document(root)

    base, ours, theirs = chain(), chain(), chain()
    History(ours).do(an.rename(ours, "n0049999", "底部"))
    History(theirs).do(ops.add_child(theirs, "n0000000", "旁支"))
    result = merge(base, ours, theirs)
    assert result.clean
    assert result.document.node("n0049999").title == "底部"
    assert [k.title for k in result.document.node("n0000000").kids] == ["层1", "旁支"]


def test_both_sides_annotating_one_node_keep_every_entry() -> None:
    base = load("zhihu")
    home = base.root.kids[0].id
    ours = _edited(
        lambda d: an.add_change(d, home, version="v1.4", summary="我方记录"),
        lambda d: an.add_suggestion(d, home, text="我方建议"),
        lambda d: an.set_tags(d, home, (*d.node(home).tags, "我方标签")),
    )
    theirs = _edited(
        lambda d: an.add_change(d, home, version="v1.4", summary="对方记录"),
        lambda d: an.add_suggestion(d, home, text="对方建议"),
        lambda d: an.set_tags(d, home, (*d.node(home).tags, "对方标签")),
    )
    result = merge(base, ours, theirs)
    assert result.clean
    node = result.document.node(home)
    assert [e.summary for e in node.changelog][-2:] == ["我方记录", "对方记录"]
    assert [s.text for s in node.suggestions][-2:] == ["我方建议", "对方建议"]
    assert node.tags[-2:] == ("我方标签", "对方标签")


def test_a_merge_keeps_what_a_colleagues_map_carried() -> None:
    # Two people edit the JSON kept beside a FreeMind map: the merge still has its look.
    mm = (
        b'<map><node TEXT="A" ID="ID_1" COLOR="#ff0000">'
        b'<node TEXT="B" ID="ID_2" CREATED="1700000000000"/></node></map>'
    )
    base = formats.loads(formats.dumps(formats.loads(mm, "mm"), "json"), "json")
    ours = formats.loads(formats.dumps(base, "json"), "json")
    theirs = formats.loads(formats.dumps(base, "json"), "json")
    History(ours).do(an.rename(ours, "ID_2", "我方"))
    History(theirs).do(ops.add_child(theirs, "ID_1", "他方"))
    merged = merge(base, ours, theirs).document
    written = formats.dumps(merged, "mm")
    assert b'COLOR="#ff0000"' in written and b'CREATED="1700000000000"' in written
    assert b"\xe6\x88\x91\xe6\x96\xb9" in written  # 我方


def test_both_sides_numbering_a_revision_alike_is_a_conflict_keeping_both() -> None:
    # A trial: two branches each wrote their revision with Ctrl+R › r, both v1.3.1; the
    # merge kept two v1.3.1 rows and said nothing.
    base = load("zhihu")
    ours = _edited(
        lambda d: an.add_revision(d, version="v9.0.1", date="2026-12-04", summary="我方")
    )
    theirs = _edited(
        lambda d: an.add_revision(d, version="v9.0.1", date="2026-12-04", summary="对方")
    )
    result = merge(base, ours, theirs)
    summaries = [r.summary for r in result.document.revisions if r.version == "v9.0.1"]
    assert summaries == ["我方", "对方"]
    (conflict,) = result.conflicts
    assert (conflict.what, conflict.kept, conflict.other) == ("revision_version", "v9.0.1", 2)
    # The same revision on both sides is one row, and no conflict.
    again = merge(base, ours, ours)
    assert again.clean and len(again.document.revisions) == len(base.revisions) + 1


def test_a_conflict_is_listed_where_its_node_is_in_the_result() -> None:
    # A trial: OURS renamed a module and deleted a feature in it, THEIRS renamed the module
    # too and annotated the feature. The feature is kept, but its conflict line named it
    # under THEIRS' title of the module, which the merged file does not have.
    base = load("zhihu")
    module = base.root.kids[0]
    feature = module.kids[0].kids[0]
    ours = _edited(
        lambda d: an.rename(d, module.id, "主页 改版"), lambda d: ops.delete(d, feature.id)
    )
    theirs = _edited(
        lambda d: an.rename(d, module.id, "首页（新）"),
        lambda d: an.set_notes(d, feature.id, "小李：放到首页"),
    )
    result = merge(base, ours, theirs)
    merged = result.document
    paths = {c.what: c.path for c in result.conflicts}
    assert merged.node(module.id).title == "主页 改版"
    assert paths["title"] == "主页 改版"
    assert paths["deleted"].startswith("主页 改版 › ") and "首页（新）" not in paths["deleted"]
    assert paths["deleted"].endswith(f" › {feature.title}")


def test_merged_file_titled_by_its_root_keeps_that_title_in_its_json() -> None:
    # A JSON whose title is its root's (an older featuretree's, or a colleague's map
    # saved as JSON): merged with an edit made on disk, the file written still names
    # the root's title, not an empty one nobody typed.
    root = FeatureNode("会员中心", id="r")
    attach(FeatureNode("积分", id="k"), root)
    data = formats.dumps(Document(root), "json")
    base, ours, theirs = (formats.loads(data, "json") for _ in range(3))
    an.rename(ours, "k", "积分商城").apply(ours)
    an.set_notes(theirs, "r", "会员体系").apply(theirs)
    merged = formats.loads(formats.dumps(merge(base, ours, theirs).document, "json"), "json")
    assert formats.dumps(merged, "json").count('"title": "会员中心"'.encode()) == 2  # meta, root
