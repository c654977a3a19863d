"""Row drawing: CJK widths, ellipsis, guides, and trees far deeper than the screen."""

from __future__ import annotations

from rich.cells import cell_len
from rich.style import Style

from featuretree.model.document import Document
from featuretree.model.node import FeatureNode
from featuretree.model.tree import attach
from featuretree.tui.widgets.tree_rows import ellipsize, guides, row_strip
from featuretree.view.outline import Outline


def test_ellipsize_counts_cells_not_characters():
    assert ellipsize("知乎直答", 8) == "知乎直答"
    cut = ellipsize("知乎直答功能", 7)
    assert cut.endswith("…") and cell_len(cut) <= 7
    assert ellipsize("abcdef", 4) == "abc…"
    assert ellipsize("abc", 0) == ""


def test_a_row_never_wraps_and_keeps_markup_literal():
    node = FeatureNode("[bold]很长很长很长的标题[/] " * 5, id="n")
    styles = {
        name: Style()
        for name in ("base", "guide", "marker", "badge", "cursor", "new", "changed", "deprecated")
    }
    strip = row_strip(node, 30, "├─", "• ", 2, 1, False, styles)
    assert strip.cell_length == 30
    assert "[bold]" in strip.text and strip.text.rstrip().endswith("✎2 ◆1")


def test_a_100k_deep_chain_opens_and_draws_without_recursion():
    doc = Document.new("root")
    node = doc.root
    for i in range(100_000):
        child = FeatureNode(f"level {i}", id=f"d{i}")
        attach(child, node)
        node = child
    outline = Outline(doc.root)
    assert len(outline) == 100_001
    assert outline.index_of(node) == 100_000
    drawn = guides(node, outline.depth(100_000), max_levels=20)
    assert drawn.startswith("⋯") and cell_len(drawn) == 40
    assert outline.fold(doc.root.kids[0]) and len(outline) == 2


def _styles() -> dict[str, Style]:
    return {
        name: Style()
        for name in ("base", "guide", "marker", "badge", "cursor", "new", "changed", "deprecated")
    }


def test_tags_follow_the_title_and_give_way_to_it():
    node = FeatureNode("会员中心", id="n", tags=("会员", "收入"))
    assert "会员中心  #会员 #收入" in row_strip(node, 40, "├─", "• ", 0, 0, False, _styles()).text
    short = row_strip(node, 14, "├─", "• ", 0, 0, False, _styles()).text
    assert "会员中心" in short and cell_len(short) == 14


def test_in_a_wide_pane_the_counts_stay_near_the_title():
    node = FeatureNode("搜索", id="n")
    text = row_strip(node, 200, "├─", "• ", 2, 1, False, _styles()).text
    assert cell_len(text) == 200
    assert text.index("✎2") < 60  # not 190 cells away from its title
