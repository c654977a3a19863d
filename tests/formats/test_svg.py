"""The SVG picture: a golden sample, well-formed XML holding every title, export-only."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from defusedxml import ElementTree

from featuretree import formats
from featuretree.formats.loss import losses
from featuretree.formats.svg_format import FONT_FAMILY, write_svg
from featuretree.i18n import current_language, set_language
from featuretree.model.tree import preorder

SAMPLES = Path(__file__).resolve().parents[2] / "samples"
GOLDEN = Path(__file__).resolve().parent / "svg_golden"
SVG = "{http://www.w3.org/2000/svg}"


@pytest.fixture
def english_ui():
    """The editor in English: the picture still speaks the document's language."""
    before = current_language()
    set_language("en")
    yield
    set_language(before)


def test_zhihu_sample_matches_the_golden_picture(english_ui):
    """The whole picture, byte for byte: any change to the layout or drawing shows here.
    Rewrite with FEATURETREE_UPDATE_GOLDEN=1 after looking at the new picture."""
    data = write_svg(formats.load(SAMPLES / "zhihu.json"))
    golden = GOLDEN / "zhihu.svg"
    if os.environ.get("FEATURETREE_UPDATE_GOLDEN"):
        golden.write_bytes(data)
    assert data == golden.read_bytes()


@pytest.mark.parametrize("sample", ["zhihu", "wms", "netease-music"])
@pytest.mark.parametrize(
    "options", [{}, {"direction": "right"}, {"stack": 0}, {"stack": 3}, {"depth": 1}]
)
def test_picture_parses_as_xml_and_holds_every_title(sample, options):
    doc = formats.load(SAMPLES / f"{sample}.json")
    data = write_svg(doc, **options)
    root = ElementTree.fromstring(data)
    assert root.tag == f"{SVG}svg"
    assert "PingFang SC" in root.get("font-family") and root.get("font-family") == FONT_FAMILY
    groups = {g.get("data-id"): g for g in root.iter(f"{SVG}g") if g.get("data-id")}
    depth = options.get("depth")
    shown = [n for n in preorder(doc.root) if depth is None or _depth(n) <= depth]
    assert set(groups) == {n.id for n in shown}
    for node in shown:
        texts = [t.text or "" for t in groups[node.id].iter(f"{SVG}text") if not t.get("font-size")]
        # Long titles wrap onto several <text> lines; the spaces at a break are dropped.
        assert "".join(texts).replace(" ", "") == node.title.replace(" ", "")
        assert groups[node.id].find(f"{SVG}rect") is not None
    assert write_svg(doc, **options) == data  # deterministic


def test_status_colours_the_boxes_and_the_legend_names_them(english_ui):
    """A Chinese document gets a Chinese legend, whatever the editor's language."""
    data = write_svg(formats.load(SAMPLES / "zhihu.json")).decode()
    root = ElementTree.fromstring(data)
    fills = {
        g.get("class"): g.find(f"{SVG}rect").get("fill")
        for g in root.iter(f"{SVG}g")
        if g.get("data-id")
    }
    assert len({fills[f"node status-{s}"] for s in ("new", "changed", "deprecated")}) == 3
    legend = next(g for g in root.iter(f"{SVG}g") if g.get("class") == "legend")
    labels = " ".join(t.text for t in legend.iter(f"{SVG}text"))
    for word in ("现有", "新增", "修改", "废弃", "修改记录", "优化建议"):
        assert word in labels


def test_text_that_looks_like_markup_is_written_as_text():
    doc = formats.load(SAMPLES / "zhihu.json")
    doc.root.kids[0].title = '<b>"A & B"</b> 首页'
    root = ElementTree.fromstring(write_svg(doc))
    texts = [t.text for t in root.iter(f"{SVG}text")]
    assert '<b>"A & B"</b> 首页' in texts


def test_svg_is_export_only_and_counts_what_a_picture_drops():
    fmt = formats.by_name("svg")
    assert fmt.export_only and fmt.reader is None
    assert formats.for_path("x.svg") is fmt
    with pytest.raises(formats.FormatError, match="cannot read"):
        formats.resolve("x.svg", None, writing=False)
    doc = formats.load(SAMPLES / "zhihu.json")
    lost = losses(doc, fmt)
    assert lost["changelog"] > 0 and lost["suggestion"] > 0


def test_a_fifty_thousand_level_chain_draws():
    from featuretree.model.document import Document
    from featuretree.model.node import FeatureNode
    from featuretree.model.tree import attach

    root = node = FeatureNode("根", id="n0")
    for i in range(1, 50_000):
        child = FeatureNode(f"第{i}层", id=f"n{i}")
        attach(child, node)
        node = child
    data = write_svg(Document(root), direction="right")
    assert data.count(b"<rect") >= 50_000
    assert b"\xe7\xac\xac49999\xe5\xb1\x82" in data  # 第49999层


def _depth(node) -> int:
    depth = 0
    while node.parent is not None:
        depth, node = depth + 1, node.parent
    return depth


def test_a_box_cut_off_by_depth_counts_everything_under_it():
    """As a folded node in the editor: ``✎8 ◆6 +20`` for 首页, not only its own (none)."""
    doc = formats.load(SAMPLES / "zhihu.json")
    root = ElementTree.fromstring(write_svg(doc, depth=1))
    home = next(g for g in root.iter(f"{SVG}g") if g.get("data-id") == "jbg3y4hg")
    badges = [t.text for t in home.iter(f"{SVG}text") if t.get("font-size")]
    assert badges == ["✎8 ◆6 +20"]


@pytest.mark.parametrize("as_ids", [True, False], ids=["ids", "nodes"])
def test_a_folded_node_is_drawn_as_a_box_with_its_counts_and_plus_n(as_ids):
    """Ctrl+E "as folded": 首页 folded is one box with what it holds (``✎8 ◆6 +20``), as
    ``depth`` cuts it, and none of its 20 nodes is drawn; the rest of the tree is."""
    doc = formats.load(SAMPLES / "zhihu.json")
    home = doc.node("jbg3y4hg")
    inside = [n.title for n in preorder(home) if n is not home]
    folded = {home.id, "no-such-id"} if as_ids else {home}
    svg = write_svg(doc, folded=folded)
    root = ElementTree.fromstring(svg)
    box = next(g for g in root.iter(f"{SVG}g") if g.get("data-id") == home.id)
    assert [t.text for t in box.iter(f"{SVG}text") if t.get("font-size")] == ["✎8 ◆6 +20"]
    drawn = {g.get("data-id") for g in root.iter(f"{SVG}g") if g.get("data-id")}
    assert not drawn & {n.id for n in preorder(home) if n is not home}
    assert "知乎直答" in inside and "知乎直答".encode() not in svg
    assert "问题页".encode() in svg  # another module, not folded
    assert b"+20" not in write_svg(doc)  # whole tree: nothing folded unless asked


def test_a_title_with_a_space_breaks_at_the_space_in_the_picture():
    """12 em of text fit a box: ``售后退款流程 申请审核与复核`` breaks at its space, each part
    whole (it was ``售后退款流程 申请审核与`` / ``复核``), and the box is as tall as two lines."""
    from featuretree.model.document import Document
    from featuretree.model.node import FeatureNode

    data = write_svg(Document(FeatureNode("售后退款流程 申请审核与复核", id="r")))
    group = next(g for g in ElementTree.fromstring(data).iter(f"{SVG}g") if g.get("data-id") == "r")
    assert [t.text for t in group.iter(f"{SVG}text")] == ["售后退款流程", "申请审核与复核"]
    assert group.find(f"{SVG}rect").get("height") == "56"  # 2 lines of 20 and 8 above and below


def test_a_character_xml_cannot_hold_is_left_out_and_the_picture_still_opens():
    """U+FFFE in a title (the JSON reader keeps it) made the SVG not well-formed: a
    browser showed an XML error instead of the picture, and the PNG was refused."""
    doc = formats.load(SAMPLES / "zhihu.json")
    doc.root.kids[0].title = "首页\ufffe推荐\uffff"
    doc.meta = doc.meta.model_copy(update={"title": "知乎\ufffe功能结构图"})
    root = ElementTree.fromstring(write_svg(doc))
    texts = [t.text for t in root.iter(f"{SVG}text")]
    assert "首页推荐" in texts and "知乎功能结构图" in texts


def test_a_long_chinese_title_is_shared_out_evenly_over_its_lines():
    """Filled line by line, 25 characters at 12 a line left 端 alone on a third line of a
    box 12 em wide; three even lines fit a box 9 em wide."""
    from featuretree.model.document import Document
    from featuretree.model.node import FeatureNode

    title = "按供应商和到货批次自动生成收货任务并推送到手持终端"
    data = write_svg(Document(FeatureNode(title, id="r")))
    group = next(g for g in ElementTree.fromstring(data).iter(f"{SVG}g") if g.get("data-id") == "r")
    lines = [t.text for t in group.iter(f"{SVG}text")]
    assert lines == ["按供应商和到货批次", "自动生成收货任务并", "推送到手持终端"]
    assert float(group.find(f"{SVG}rect").get("width")) == 9 * 14 + 2 * 12


def test_keep_draws_a_filter_s_nodes_with_their_ancestors_and_nothing_else():
    """Ctrl+E "as filtered" (ids, as a copy of the document is drawn for a PNG): a match
    deep in 首页 is drawn under its ancestors; its siblings and the other modules are not."""
    doc = formats.load(SAMPLES / "zhihu.json")
    match = next(n for n in preorder(doc.root) if n.title == "知乎直答")
    chain = []
    node = match
    while node is not None:
        chain.append(node.id)
        node = node.parent
    root = ElementTree.fromstring(write_svg(doc, keep={match.id, "no-such-id"}))
    drawn = [g.get("data-id") for g in root.iter(f"{SVG}g") if g.get("data-id")]
    assert sorted(drawn) == sorted(chain)
    assert len(list(ElementTree.fromstring(write_svg(doc)).iter(f"{SVG}rect"))) > 90
