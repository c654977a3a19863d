"""What a team reads off an exported picture besides the titles: each node's tags
(``#P0 #v2.1 #待定``, as the PM tagged it) and, for a node with no title yet, the
editor's placeholder ``（未命名）`` — not an empty box. Drawn as the diagram view draws
them, measured by the layout so nothing runs over its box."""

from __future__ import annotations

import pytest
from defusedxml import ElementTree

from featuretree.formats.html_format import write_html
from featuretree.formats.png_format import picture_titles
from featuretree.formats.svg_format import BADGE_SIZE, FONT_METRICS, text_width, write_svg
from featuretree.i18n import current_language, set_language
from featuretree.model.document import Document
from featuretree.model.node import FeatureNode
from featuretree.model.tree import attach

SVG = "{http://www.w3.org/2000/svg}"


@pytest.fixture
def english_ui():
    """The editor in English: the picture still speaks the document's language."""
    before = current_language()
    set_language("en")
    yield
    set_language(before)


def _doc() -> Document:
    root = FeatureNode("电商 App", id="r")
    attach(FeatureNode("首页", id="a", tags=("P0", "v2.1", "待定")), root)
    attach(FeatureNode("", id="b"), root)
    attach(FeatureNode("购物车", id="c", tags=("P0", "需要评审的很长很长的一个标签", "v3")), root)
    return Document(root)


def _box(svg: bytes, node_id: str):
    root = ElementTree.fromstring(svg)
    return next(g for g in root.iter(f"{SVG}g") if g.get("data-id") == node_id)


def _texts(box) -> list[str]:
    return ["".join(t.itertext()) for t in box.iter(f"{SVG}text")]


def test_a_node_s_tags_are_drawn_in_its_box_under_the_title(english_ui):
    box = _box(write_svg(_doc()), "a")
    assert _texts(box) == ["首页", "#P0 #v2.1 #待定"]


def test_long_tags_are_cut_to_a_title_s_width_and_stay_inside_the_box(english_ui):
    svg = write_svg(_doc())
    box = _box(svg, "c")
    title, tags = _texts(box)
    assert title == "购物车"
    assert tags.startswith("#P0 #需要") and tags.endswith("…")
    rect = box.find(f"{SVG}rect")
    inner = float(rect.get("width")) - 2 * FONT_METRICS.pad_x
    assert text_width(tags, BADGE_SIZE) <= inner
    assert text_width(tags) <= FONT_METRICS.max_text_width


def test_tags_come_before_the_counts_and_the_plus_n_of_a_folded_node(english_ui):
    doc = _doc()
    home = doc.get("a")
    attach(FeatureNode("搜索", id="a1"), home)
    box = _box(write_svg(doc, folded={"a"}), "a")
    assert _texts(box) == ["首页", "#P0 #v2.1 #待定 +1"]


def test_an_untitled_node_shows_the_placeholder_in_the_document_s_language(english_ui):
    box = _box(write_svg(_doc()), "b")
    (text,) = box.iter(f"{SVG}text")
    assert text.text == "（未命名）"  # a Chinese document: its picture speaks Chinese
    assert text.get("font-style") == "italic" and text.get("class") == "untitled"
    rect = box.find(f"{SVG}rect")
    assert float(rect.get("width")) >= text_width("（未命名）") + 2 * FONT_METRICS.pad_x
    shop = FeatureNode("Shop", id="r")
    attach(FeatureNode("", id="b"), shop)
    english = _box(write_svg(Document(shop)), "b")
    assert [t.text for t in english.iter(f"{SVG}text")] == ["(untitled)"]


def test_a_node_titled_like_the_placeholder_is_drawn_as_a_title():
    doc = _doc()
    doc.get("a").title = "（未命名）"
    (title, _tags) = _box(write_svg(doc), "a").iter(f"{SVG}text")
    assert title.get("class") is None


def test_the_legend_says_what_the_hash_marks_are():
    root = ElementTree.fromstring(write_svg(_doc()))
    legend = next(g for g in root.iter(f"{SVG}g") if g.get("class") == "legend")
    assert "# 标签" in [t.text for t in legend.iter(f"{SVG}text")]


def test_the_web_page_draws_the_tags_and_the_placeholder_too():
    page = write_html(_doc()).decode()
    assert "#P0 #v2.1 #待定" in page
    assert 'class="untitled">（未命名）</text>' in page
    assert '"untitled":"（未命名）"' in page  # its details panel's heading for that node


def test_the_png_s_font_check_reads_the_tags_too():
    """An emoji in a tag is drawn as an empty box without an emoji font: the check that
    says so must see it."""
    doc = _doc()
    doc.get("a").tags = ("🚚",)
    assert "🚚" in "".join(picture_titles(doc))
