"""markmap's own inline syntax survives a round trip through featuretree.

markmap draws ``[ ]``/``[x]`` checkboxes, ``==mark==``, ``++ins++``, ``~sub~``,
``^sup^`` and KaTeX ``$math$``; CommonMark reads them as text, so a title or note read
from a markmap file holds them as written. Written back they must stay as written (not
``\\[x\\]``, ``\\=\\=``, ``\\$``), or the map looks different in markmap and nothing
says so. Text typed in featuretree that is not such a construct stays literal.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from markdown_it import MarkdownIt

from featuretree.formats import dumps, load, loads
from featuretree.formats.loss import losses
from featuretree.formats.markdown_writer import write_outline
from featuretree.formats.registry import by_name
from featuretree.model import ChangeEntry, Document, FeatureNode, Link, Suggestion
from featuretree.model.text import clean_line, clean_text
from featuretree.model.tree import attach, preorder_with_depth

MARKMAP_PAGE = """\
# 会员中心

## 待办

- [ ] 接入微信支付
- [x] 积分商城上线
- ==重点==：续费提醒
- 化学式 H~2~O，容量 2^10^ 条，++新增++ 入口
- 公式 $E=mc^2$ 与 $a*b*c_1 \\{x\\}$
  - 区间 $$\\sum_{i=1}^{n} x_i$$ 之和

## [x] 已完成的模块

- 说明

  备注里也有 ==高亮== 和 $\\frac{a}{b}$
"""


def _titles_and_notes(doc: Document) -> list[tuple[int, str, str]]:
    return [(depth, node.title, node.notes) for node, depth in preorder_with_depth(doc.root)]


def _write(doc: Document) -> str:
    return dumps(doc, "md").decode("utf-8")


def test_markmap_constructs_are_read_as_written():
    doc = loads(MARKMAP_PAGE.encode(), "md")
    titles = [node.title for node in doc.iter_nodes()]
    assert "[ ] 接入微信支付" in titles
    assert "[x] 积分商城上线" in titles
    assert "==重点==：续费提醒" in titles
    assert "化学式 H~2~O，容量 2^10^ 条，++新增++ 入口" in titles
    # Inside math, * and _ are TeX: no emphasis, nothing "kept only as text".
    assert "公式 $E=mc^2$ 与 $a*b*c_1 \\{x\\}$" in titles
    assert "区间 $$\\sum_{i=1}^{n} x_i$$ 之和" in titles
    assert "[x] 已完成的模块" in titles
    assert "italic" not in doc.not_imported


def test_markmap_constructs_are_written_back_as_written():
    doc = loads(MARKMAP_PAGE.encode(), "md")
    for text in (_write(doc), write_outline(doc).decode("utf-8")):
        assert " [ ] 接入微信支付" in text
        assert " [x] 积分商城上线" in text
        assert "==重点==：续费提醒" in text
        assert "H~2~O，容量 2^10^ 条，++新增++ 入口" in text
        assert "$E=mc^2$ 与 $a*b*c_1 \\{x\\}$" in text
        assert "$$\\sum_{i=1}^{n} x_i$$" in text
        assert "## [x] 已完成的模块" in text
    assert "==高亮== 和 $\\frac{a}{b}$" in _write(doc)


def test_markmap_page_round_trips_and_writes_the_same_bytes_again():
    doc = loads(MARKMAP_PAGE.encode(), "md")
    first = dumps(doc, "md")
    back = loads(first, "md")
    assert _titles_and_notes(back) == _titles_and_notes(doc)
    assert dumps(back, "md") == first


def test_renaming_another_node_keeps_the_constructs():
    doc = loads(MARKMAP_PAGE.encode(), "md")
    other = next(node for node in doc.iter_nodes() if node.title == "待办")
    other.title = "待办 a*b*c"
    text = _write(doc)
    assert "## 待办 a\\*b\\*c" in text
    assert " [x] 积分商城上线" in text and "$E=mc^2$" in text and "==重点==" in text
    assert [n.title for n in loads(text.encode(), "md").iter_nodes()] == [
        n.title for n in doc.iter_nodes()
    ]


TYPED_LITERALLY = [
    "a*b*c",
    "1. 不是列表",
    "[注]",
    "[X] 大写不是复选框",
    "[x](http://x) 不是链接",
    "价格 $5 到 $10",
    "$ 不是公式$",
    "$5-$10",
    "a==b",
    "C++ 与 ++",
    "~~删除线~~",
    "约 ~100 元",
    "2^10",
    "$$",
    "$$$x$$$",
    "\\$x$",
]


@pytest.mark.parametrize("title", TYPED_LITERALLY)
def test_typed_text_that_is_no_construct_stays_literal(title):
    root = FeatureNode("根", id="r")
    kid = FeatureNode(title, id="k", notes=title)
    attach(kid, root)
    deep = kid
    for i in range(3):  # a list item too
        nxt = FeatureNode(title, id=f"d{i}")
        attach(nxt, deep)
        deep = nxt
    doc = Document(root)
    back = loads(dumps(doc, "md"), "md")
    assert [(n.title, n.notes) for n in back.iter_nodes()] == [
        (n.title, n.notes) for n in doc.iter_nodes()
    ]
    # A CommonMark renderer shows it as typed: no emphasis, list, link or code.
    html = MarkdownIt("commonmark").enable("strikethrough").render(_write(doc))
    assert "<em>" not in html and "<ol" not in html and "<a " not in html
    assert "<s>" not in html


def test_math_in_a_table_cell_keeps_the_table():
    root = FeatureNode("根", id="r")
    entry = ChangeEntry(version="1.0", date="2024-03-01", summary="范数 $|x|$ 与 $y^2$")
    kid = FeatureNode("子", id="k", changelog=[entry])
    attach(kid, root)
    doc = Document(root)
    text = _write(doc)
    assert "$y^2$" in text  # kept as written
    assert "\\$\\|x\\|\\$" in text  # a pipe would split the cell: escaped
    back = loads(text.encode(), "md")
    assert back.node("k").changelog == doc.node("k").changelog


def test_math_in_suggestions_round_trips():
    root = FeatureNode("根", id="r")
    suggestion = Suggestion(
        id="s1", text="阈值 $|x| < \\epsilon$", rationale="见 ==文档==", created="2024-03-01"
    )
    attach(FeatureNode("子", id="k", suggestions=[suggestion]), root)
    doc = Document(root)
    text = _write(doc)
    assert "$|x| < \\epsilon$" in text and "==文档==" in text
    back = loads(text.encode(), "md")
    got = back.node("k").suggestions[0]
    assert (got.text, got.rationale) == (suggestion.text, suggestion.rationale)


def test_markmap_example_round_trips(shared_fixtures):
    path = shared_fixtures / "markdown" / "markmap-example.md"
    doc = loads(path.read_bytes(), "md")
    first = dumps(doc, "md")
    back = loads(first, "md")
    assert _titles_and_notes(back) == _titles_and_notes(doc)
    assert dumps(back, "md") == first
    text = first.decode("utf-8")
    assert "==highlight==" in text
    assert "- [x] checkbox" in text
    assert "$x = {-b \\pm \\sqrt{b^2-4ac} \\over 2a}$" in text
    # The link stays in the title, the item a list item as in the file; the file had no
    # id comments, so none are added.
    assert "\n- [Website](https://markmap.js.org/)\n" in text
    outline = write_outline(doc).decode("utf-8")
    assert "- [x] checkbox" in outline and "==highlight==" in outline
    assert "\n- [coc-markmap](https://github.com/gera2ld/coc-markmap) for Neovim" in outline


_MARKMAP_ALPHABET = "$$$\\\\==++~~^^[] x|*_-1 \t>#<&`甲"
_markmap_line = st.text(_MARKMAP_ALPHABET, max_size=16).map(clean_line)
_markmap_text = st.text(_MARKMAP_ALPHABET + "\n\n", max_size=40).map(clean_text)


@settings(max_examples=300, deadline=None, suppress_health_check=list(HealthCheck))
@given(
    title=_markmap_line,
    notes=_markmap_text,
    summary=_markmap_text.filter(bool),
    cut=st.tuples(st.integers(0, 16), st.integers(0, 16)),
    link_title=_markmap_line,
)
def test_text_full_of_markmap_delimiters_round_trips(title, notes, summary, cut, link_title):
    root = FeatureNode(title, id="r", notes=notes)
    entry = ChangeEntry(date="2024-03-01", summary=summary)
    # Links whose text is part of the title are written in it.
    link = Link(title=clean_line(title[min(cut) : max(cut)]), url="http://x/(1)")
    other = Link(title=link_title, url="http://y")
    kid = FeatureNode(title, id="k", notes=notes, changelog=[entry], links=[link, other])
    attach(kid, root)
    deep = kid
    for i in range(3):
        nxt = FeatureNode(title, id=f"d{i}", notes=notes)
        attach(nxt, deep)
        deep = nxt
    doc = Document(root)
    first = dumps(doc, "md")
    back = loads(first, "md")
    assert dumps(back, "json") == dumps(doc, "json")
    assert dumps(back, "md") == first


def test_display_math_over_several_lines_in_notes_is_written_as_written():
    page = "# 根\n\n- 公式\n\n  $$\n  E = mc^2\n  \\sum_{i} x_i\n  $$\n\n  后文 $x$\n"
    doc = loads(page.encode(), "md")
    node = next(n for n in doc.iter_nodes() if n.title == "公式")
    assert node.notes == "$$\nE = mc^2\n\\sum_{i} x_i\n$$\n\n后文 $x$"
    text = _write(doc)
    # (An item as in the page: its quote is indented under it.)
    assert "  > $$\n  > E = mc^2\n  > \\sum_{i} x_i\n  > $$\n" in text
    back = loads(text.encode(), "md")
    assert _titles_and_notes(back) == _titles_and_notes(doc)
    assert dumps(back, "md") == text.encode()


def test_math_lines_markdown_would_change_are_escaped_and_read_back():
    # An indented line would lose its spaces, "- x" would start a list: such math is
    # written escaped (shown as text) rather than change.
    notes = "$$\n  a &= b\n- c\n$$"
    root = FeatureNode("根", id="r")
    attach(FeatureNode("子", id="k", notes=notes), root)
    doc = Document(root)
    text = _write(doc)
    assert "\\$\\$" in text
    assert loads(text.encode(), "md").node("k").notes == notes


# -- links in titles -------------------------------------------------------------------


def test_links_in_titles_stay_on_the_title():
    page = (
        "# 工具\n\n## [官网](https://markmap.js.org/)\n\n"
        "- [coc-markmap](https://github.com/gera2ld/coc-markmap) for Neovim\n"
    )
    doc = loads(page.encode(), "md")
    text = _write(doc)
    # Under a heading markmap shows no quote: a link moved to the 链接 line would vanish.
    # (The page had no id comments: none are added after the titles.)
    assert "## [官网](https://markmap.js.org/)\n" in text
    assert "\n- [coc-markmap](https://github.com/gera2ld/coc-markmap) for Neovim\n" in text
    assert "链接" not in text and "Links" not in text
    outline = write_outline(doc).decode("utf-8")
    assert "## [官网](https://markmap.js.org/)" in outline
    back = loads(text.encode(), "md")
    assert [(n.title, n.links) for n in back.iter_nodes()] == [
        (n.title, n.links) for n in doc.iter_nodes()
    ]


def test_a_link_whose_text_is_not_in_the_title_stays_on_the_links_line():
    root = FeatureNode("根", id="r")
    links = [
        Link(title="会员", url="https://例子.cn/a b"),
        Link(title="PRD", url="file:///文档/prd.md"),
        Link(title="", url="https://x.y"),
    ]
    attach(FeatureNode("会员中心", id="k", links=links), root)
    doc = Document(root)
    text = _write(doc)
    assert "## [会员](<https://例子.cn/a b>)中心 <!-- id: k -->" in text
    assert "[PRD](<file:///文档/prd.md>)" in text.split("中心", 1)[1]
    back = loads(text.encode(), "md")
    assert back.node("k").links == doc.node("k").links  # URLs exactly as written
    assert back.node("k").title == "会员中心"


# -- the real markmap ------------------------------------------------------------------


def _markmap_nodes(tmp_path: Path, texts: dict[str, bytes]) -> dict[str, list[str]]:
    """Each file's node contents (HTML) as the real markmap-lib builds them; skipped
    unless ``FEATURETREE_MARKMAP_DIR`` holds ``node_modules/markmap-lib`` (see
    test_markdown_outline.py)."""
    folder = os.environ.get("FEATURETREE_MARKMAP_DIR", "")
    if (
        not folder
        or not (Path(folder) / "node_modules" / "markmap-lib").is_dir()
        or not shutil.which("node")
    ):
        pytest.skip("set FEATURETREE_MARKMAP_DIR to a folder with `npm install markmap-lib` done")
    files = []
    for name, data in texts.items():
        files.append(tmp_path / name)
        files[-1].write_bytes(data)
    script = Path(__file__).with_name("markmap_tree.mjs")
    result = subprocess.run(
        ["node", str(script), folder, *map(str, files)], capture_output=True, text=True, timeout=120
    )
    assert result.returncode == 0, result.stdout + result.stderr
    nodes: dict[str, list[str]] = {}
    current: list[str] = []
    for line in result.stdout.splitlines():
        if line.startswith("FILE\t"):
            current = nodes.setdefault(Path(line[5:]).name, [])
        else:
            current.append(json.loads(line.split("\t", 1)[1]))
    return nodes


_NAMED_LOSSES = re.compile(r"<!--.*?-->|</?(?:strong|em|s|code)>", re.S)
"""Comments (ids) and the formatting featuretree names as kept only as text."""


def _normalized(content: str) -> str:
    return _NAMED_LOSSES.sub("", content).strip()


def _drawn_by_plugins(content: str) -> bool:
    return any(mark in content for mark in ("<mark>", "<ins>", "<sub>", "<sup>", "katex", "<svg"))


def test_real_markmap_draws_the_written_map_as_the_original(tmp_path, shared_fixtures):
    original = (shared_fixtures / "markdown" / "markmap-example.md").read_bytes()
    texts = {"original.md": original, "page.md": MARKMAP_PAGE.encode()}
    for name, data in list(texts.items()):
        doc = loads(data, "md")
        texts[f"full-{name}"] = dumps(doc, "md")
        texts[f"outline-{name}"] = write_outline(doc)
    drawn = _markmap_nodes(tmp_path, texts)
    for name in ("original.md", "page.md"):
        # Nodes that are a title (a node holding paragraphs gets its notes in a quote).
        special = [
            _normalized(c)
            for c in drawn[name]
            if (_drawn_by_plugins(c) or c.startswith("<a ")) and "<p " not in c
        ]
        assert len(special) >= 4, name
        for written in (f"full-{name}", f"outline-{name}"):
            got = {_normalized(c) for c in drawn[written]}
            missing = [c for c in special if c not in got]
            assert not missing, (written, missing)


def test_several_top_level_headings_are_named_before_overwriting(tmp_path):
    path = tmp_path / "会员规划.md"
    path.write_bytes("# 一期\n\n- a\n\n# 二期\n\n- b\n".encode())
    doc = load(path)
    assert doc.root.title == "会员规划"  # named after the file, as XMind and OPML do
    assert losses(doc, by_name("md"), overwriting_source=True) == {"merged_tops": 1}
    titled = loads("---\ntitle: 规划\n---\n\n# 一期\n\n# 二期\n".encode(), "md")
    assert titled.root.title == "规划"  # markmap draws the front-matter title as the root
    assert losses(titled, by_name("md"), overwriting_source=True) == {}
