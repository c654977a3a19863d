"""Every format that reads and writes gives back the titles and structure it wrote.

The formats come from the registry, so each new reader/writer joins this test on its
own. Titles mix CJK, full-width and ASCII punctuation that every format treats
specially somewhere (XML, HTML, Markdown, Mermaid, Creole, our notes block).
"""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from featuretree import formats
from featuretree.model.annotations import Link
from featuretree.model.document import Document
from featuretree.model.node import FeatureNode
from featuretree.model.text import clean_line
from featuretree.model.tree import attach, preorder_with_depth

ALPHABET = (
    "功能结构图搜索首页会员学習한국"
    "（）【】「」：；，。！？·—… "
    "abcXYZ019 ()[]{}\"'#;:-*|<>&`~_/\\%$@!=+.,^"
)
# Pieces that mean something to one format or another: HTML tags and entities,
# Mermaid keywords, shapes and entities, Markdown and Creole markers, our notes block.
TOKENS = (
    "<b>",
    "</b>",
    "<br/>",
    "&amp;",
    "&#10;",
    "&lt;",
    "#quot;",
    "#35;",
    "mindmap",
    "::icon(x)",
    ":::c",
    "%%",
    "((",
    "))",
    "{{",
    "}}",
    "-)",
    "(-",
    "**",
    "__",
    "--",
    "~~",
    "[[",
    "]]",
    "\\n",
    "- ",
    "# ",
    "1. ",
    "> ",
    "──── featuretree ────",
    "【优化建议】",
    "状态：",
    "@endmindmap",
    "\t",
    "\n",
)
TITLES = (
    st.lists(
        st.sampled_from(TOKENS) | st.text(ALPHABET, min_size=1, max_size=4), min_size=1, max_size=6
    )
    .map("".join)
    .map(clean_line)
    .filter(bool)
)
ROUND_TRIPPING = [
    f.name for f in formats.all_formats() if f.reader is not None and f.writer is not None
]


@st.composite
def trees(draw: st.DrawFn) -> Document:
    """A random tree of up to 30 nodes: each node hangs under any earlier one."""
    titles = draw(st.lists(TITLES, min_size=1, max_size=30))
    nodes = [FeatureNode(title, id=f"n{i}") for i, title in enumerate(titles)]
    for i in range(1, len(nodes)):
        # Biased towards the latest nodes so deep chains appear as well as wide levels.
        parent = draw(st.integers(max(0, i - 4), i - 1) | st.integers(0, i - 1))
        attach(nodes[i], nodes[parent])
    return Document(nodes[0])


def outline(doc: Document) -> list[tuple[int, str]]:
    return [(depth, node.title) for node, depth in preorder_with_depth(doc.root)]


def test_the_interop_formats_take_part():
    assert {"json", "opml", "mermaid"} <= set(ROUND_TRIPPING)


@pytest.mark.parametrize("fmt", ROUND_TRIPPING)
@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(doc=trees())
def test_write_then_read_keeps_titles_and_structure(fmt, doc):
    data = formats.dumps(doc, fmt)
    back = formats.loads(data, fmt)
    assert outline(back) == outline(doc)


LINK_FORMATS = ["json", "md", "mm", "xmind", "opml"]
"""The formats that have a place for links (Mermaid has none; PlantUML is not read)."""

_LINKS = st.lists(
    st.builds(Link, title=st.just("") | TITLES, url=TITLES),
    max_size=3,
)


@pytest.mark.parametrize("fmt", LINK_FORMATS)
@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(doc=trees(), data=st.data())
def test_write_then_read_keeps_links(fmt, doc, data):
    for node in doc.iter_nodes():
        node.links = tuple(data.draw(_LINKS))
    back = formats.loads(formats.dumps(doc, fmt), fmt)
    assert [n.links for n in back.iter_nodes()] == [n.links for n in doc.iter_nodes()]
