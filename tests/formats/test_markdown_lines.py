"""The line reader (featuretree's own layout, read without markdown-it's block parser)
builds the very document the token walk builds, or hands the text to the token walk."""

from __future__ import annotations

import datetime as dt
import sys
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from featuretree.formats import FormatError, dumps, loads, markdown_reader
from featuretree.formats.markdown_lines import LineReader, NotSimple
from featuretree.model import (
    ChangeEntry,
    Document,
    FeatureNode,
    FeatureStatus,
    Link,
    Priority,
    Suggestion,
    SuggestionStatus,
)
from featuretree.model.text import clean_line, clean_text
from featuretree.model.tree import attach

ROOT = Path(__file__).resolve().parents[2]
GOLDEN = Path(__file__).resolve().parent / "markdown_golden"


def _outcome(data: bytes) -> tuple[str, object]:
    try:
        doc = loads(data, "md")
    except FormatError as exc:
        return "error", [str(problem) for problem in exc.problems]
    return "doc", (dumps(doc, "json"), doc.warnings, doc.not_imported)


class _Refuse(LineReader):
    def read(self, lines: list[str]) -> None:
        raise NotSimple


def both_ways(data: bytes, monkeypatch: pytest.MonkeyPatch) -> tuple[bool, object, object]:
    """``(line reader used, its outcome, the token walk's outcome)``."""
    used: list[bool] = []

    class _Spy(LineReader):
        def read(self, lines: list[str]) -> None:
            try:
                super().read(lines)
            except NotSimple:
                used.append(False)
                raise
            used.append(True)

    with monkeypatch.context() as patch:
        patch.setattr(markdown_reader, "LineReader", _Spy)
        fast = _outcome(data)
    with monkeypatch.context() as patch:
        patch.setattr(markdown_reader, "LineReader", _Refuse)
        slow = _outcome(data)
    return bool(used and used[-1]), fast, slow


@pytest.mark.parametrize("path", sorted(GOLDEN.glob("*.md")), ids=lambda p: p.stem)
def test_featuretree_exports_are_read_line_by_line_to_the_same_document(path, monkeypatch):
    used, fast, slow = both_ways(path.read_bytes(), monkeypatch)
    assert used
    assert fast == slow


def test_a_big_generated_export_is_read_line_by_line(monkeypatch):
    sys.path.insert(0, str(ROOT / "benchmarks"))
    try:
        from generate import make_document
    finally:
        sys.path.remove(str(ROOT / "benchmarks"))
    for annotate_all in (False, True):
        data = dumps(make_document(300, seed=3, annotate_all=annotate_all), "md")
        used, fast, slow = both_ways(data, monkeypatch)
        assert used
        assert fast == slow


# Near misses of the layout: each must come out as markdown-it reads it.
NEAR_MISSES = [
    "# a\n\n- b\n  - c\n- d",
    "# a\n- b\n    - c",
    "# a\n- b\n c",
    "# a\n- b\nlazy",
    "# a\n\n> 状态: **new**\nlazy",
    "# a\n\n> para\n- b",
    "# a\n\n- b\n  > 状态: **bogus**",
    "# a\n\n- b\n  > x\n> y",
    "# a\n\n- b\n\n  > x\n- c",
    "# a\n\n> **修改记录**\n>\n> | 版本 | 日期 | 作者 | 说明 |\n> | --- | --- | --- | --- |\n> | 1 | 2024-13-01 | x | y |",
    "# a\n\n> | a | b |\n> | --- | --- |\n> | 1 |\n> | 1 | 2 | 3 |",
    "# a\n\n> | a | b |\n> | --- |\n",
    "# a\n\n> | a \\| b | c |\n> | --- | --- |\n> | x\\|y | `a|b` |",
    "# a\n\n> **优化建议**\n>\n> - **P1** · accepted — t<!-- id: s1 -->\\\n>   理由: r\n>\n> - **P2** · open — u",
    "# a\n\n> **优化建议**\n>\n> - **P1** · accepted — t\n> lazy",
    "# a\n\n> - a\n>   - b",
    "# a\n\n> text\n> - b",
    "# a\n\n> text\n> ---",
    "# a\n\n> text\n> ===",
    "# a\n\n> text\n> | --- |",
    "# a\n\n> x\n>\n> ```\n> code\n> ```",
    "# a\n\n>\tx",
    "# a\n\n>  x",
    "# a #",
    "# a \\#",
    "#a",
    "####### a",
    "- <!-- id: a1 -->\n  - <!-- id: a2, depth: 1 -->",
    "- <!-- id: a1 --> x",
    "- <!-- x",
    "- [a](<u>) <!-- id: a1 -->",
    "- [a]: /u",
    "- 2024年 规划",
    "- 1. x",
    "- # x",
    "- =x",
    "- :",
    "-x",
    "-  x",
    "* x",
    "1. x",
    "  - x",
    "# a\n\n- b <!-- id: dup -->\n- c <!-- id: dup -->",
    "# a\n\n- b <!-- depth: 9 -->",
    "# a\n\n- b <!-- id: x, depth: 1 -->",
    "# 知乎\n\n> **文档信息**\n>\n> | 产品 | 平台 |\n> | --- | --- |\n> | 知乎 | iOS |\n\n> 状态: **new**",
    "# a\n\n> **文档信息**\n>\n> | 尺寸 |\n> | --- |\n> | x |",
    "# a\n\n> &nbsp;\n>\n> x\\\n> y",
    "# a\n\n> 链接: [t](<file:///x y>) · [u](<http://a?b&c>)",
    "a\n# b",
    "",
    "\n\n",
    "# a\r\n\r\n- b\r\n",
    "# a\n\n  > x",
    "# a\n\n- b\n  >x\n  >",
    "# a\n\n- b\n  > 标签: `a` `b`\n  - c",
    "- a\n  - b\n    - c\n  - d\n- e",
    "- a\n    - b",
    "- a\n   - b",
    "# a\n\n> ***\n> y",
    "# a\n\n> 状态: **bogus** · 标签: `a`",
    "# a\n\n> 状态: **new** 标签: `a`",
    "# a\n\n> Status: **新增** · Tags: `a  b` `c`\n\n- b\n  > 标签: `<!-- x -->` `*y*`",
    "# a\n\n> 状态: **new**\n> 标签: `a`",
    "# a\n\n> 标签: `a` `` b ``",
    "# a\n\n> 标签: ` a`",
    "# a\n\n> 状态: **new** · 状态: **changed**",
    "# a\n\n> x\n> ***",
    "# a\n\n>\n>   \n> x\n>\n>\n>\n> y",
    "# a\n\n> **优化建议**\n>\n> - **P1** · in\\_progress — t<!-- id: s1 -->\\\n>   提出: 张 · 2024-03-02",
    "# a\n\n> **优化建议**\n>\n> - **P1** · open — t \n> - **P2** · open — u\u3000",
    "# a\n\n> **优化建议**\n>\n> - **P1** · open — t\\\n>   1. x",
    "# a\n\n> **优化建议**\n>\n> - **P1** · open — t\\\n> - **P2** · open — u",
    "# a\n\n> **优化建议**\n>\n> - **P1**· open — t<!-- id: a, depth: 2 -->",
    "# a\n\n> **修改记录**\n>\n> | 版本 | 日期 | 作者 | 说明 |\n> | --- | --- | --- | --- |\n> | 1 | 2024-03-01 |",
]


@pytest.mark.parametrize("text", NEAR_MISSES)
def test_near_misses_read_as_markdown_it_reads_them(text, monkeypatch):
    _, fast, slow = both_ways(text.encode("utf-8"), monkeypatch)
    assert fast == slow


_ALPHABET = "功能结构图修改记录状态标签ab01<>&[]()*#-_/\\|`~=+.:!　 \t\u00a0"
_line = st.text(_ALPHABET, max_size=10).map(clean_line)
_text = st.text(_ALPHABET + "\n", max_size=24).map(clean_text)


@st.composite
def documents(draw) -> Document:
    count = draw(st.integers(1, 10))
    nodes = []
    for i in range(count):
        node = FeatureNode(
            draw(_line),
            id=f"n{i}",
            notes=draw(_text),
            tags=draw(st.lists(_line.filter(bool), max_size=2)),
            status=draw(st.sampled_from(FeatureStatus)),
            changelog=draw(
                st.lists(
                    st.builds(
                        ChangeEntry,
                        version=st.none() | _line.filter(bool),
                        date=st.just(dt.date(2024, 3, 1)),
                        summary=_text.filter(bool),
                    ),
                    max_size=2,
                )
            ),
            suggestions=[
                Suggestion(
                    id=f"s{i}x{k}",
                    text=text,
                    rationale=draw(st.none() | _text.filter(bool)),
                    priority=draw(st.sampled_from(Priority)),
                    status=draw(st.sampled_from(SuggestionStatus)),
                )
                for k, text in enumerate(draw(st.lists(_text.filter(bool), max_size=2)))
            ],
            links=[Link(title=t, url="http://x/" + t) for t in draw(st.lists(_line, max_size=1))],
        )
        if nodes:
            attach(node, nodes[draw(st.integers(0, len(nodes) - 1))])
        nodes.append(node)
    return Document(nodes[0])


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(documents())
def test_any_export_reads_the_same_both_ways(doc):
    with pytest.MonkeyPatch.context() as monkeypatch:
        _, fast, slow = both_ways(dumps(doc, "md"), monkeypatch)
    assert fast == slow


_PREFIXES = ["", "", "# ", "## ", "- ", "  - ", "    - ", "> ", ">", "  > ", "  >", "> - ", ">   "]
_BODIES = [
    "标题",
    "a <!-- id: a1 -->",
    "<!-- id: b2 -->",
    "**修改记录**",
    "**优化建议**",
    "**文档信息**",
    "状态: **new**",
    "标签: `x`",
    "| 版本 | 日期 | 作者 | 说明 |",
    "| --- | --- | --- | --- |",
    "| 1 | 2024-03-01 | 张 | 说 |",
    "| a |",
    "**P1** · open — t<!-- id: s9 -->\\",
    "理由: r",
    # a Chinese PRD's labels (full-width colon, formats/prd.py)
    "状态：**new**",
    "状态：**新增** · 标签：`x`",
    "理由：r",
    "提出：张 · 2024-03-01",
    "链接：[a](<u>)",
    "&nbsp;",
    "x\\",
    "---",
    "=",
    "[a](<u>)",
    "`c`",
    "",
    "1. x",
    "\t",
    "$x$ <!-- id: m3 -->",
    "$$",
    "E = mc^2",
    "==m== ~s~",
    "[x] t",
    "[a](<u>) b",
    "| $|x|$ | a\\|b |",
]


@settings(max_examples=400, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.tuples(st.sampled_from(_PREFIXES), st.sampled_from(_BODIES)), max_size=14))
def test_any_lines_of_the_layout_read_the_same_both_ways(lines):
    text = "\n".join(prefix + body for prefix, body in lines)
    with pytest.MonkeyPatch.context() as monkeypatch:
        _, fast, slow = both_ways(text.encode("utf-8"), monkeypatch)
    assert fast == slow


def test_a_read_document_finds_every_node_and_suggestion_by_its_id():
    """The reader indexes nodes and suggestions as it builds them (no second walk): every
    node is found by its id and every suggestion leads to the node that carries it, as
    in a document made by the constructor."""
    sys.path.insert(0, str(ROOT / "benchmarks"))
    try:
        from generate import make_document
    finally:
        sys.path.remove(str(ROOT / "benchmarks"))
    text = dumps(make_document(300, seed=4, annotate_all=True), "md")
    # Several top-level nodes and a node without an id: a made-up root, a fresh id.
    doc = loads(text + b"\n\n# second top\n\n- no id here\n", "md")
    nodes = list(doc.iter_nodes())
    assert len(doc) == len(nodes) == len({node.id for node in nodes})
    assert all(doc.node(node.id) is node for node in nodes)
    suggestions = [(node, s) for node in nodes for s in node.suggestions]
    assert suggestions
    for node, suggestion in suggestions:
        found = doc.find_suggestion(suggestion.id)
        assert found is not None and found[0] is node
    assert Document(doc.root).node(nodes[-1].id) is doc.node(nodes[-1].id)


def test_a_table_in_the_notes_is_read_as_written_both_ways(monkeypatch):
    # A colleague's table kept in a node's notes (separator row and all): the line
    # reader gives the same notes as markdown-it's walk.
    root = FeatureNode("根", id="r")
    attach(
        FeatureNode("表", id="t", notes="说明\n\n| 字段 | 类型 |\n|-|:-:|\n| id | `int` |"), root
    )
    data = dumps(Document(root), "md")
    assert b"> |-|:-:|\n" in data
    used, fast, slow = both_ways(data, monkeypatch)
    assert used
    assert fast == slow
    assert loads(data, "md").node("t").notes.endswith("|-|:-:|\n| id | `int` |")


def test_a_chinese_prd_reads_the_same_both_ways(monkeypatch):
    """The PRD's full-width colons (状态：**新增**) are read by the line reader as the
    token walk reads them."""
    from featuretree import formats
    from featuretree.formats.prd import prd_markdown
    from featuretree.samples_catalog import sample_path

    doc = formats.load(sample_path("zhihu"))
    _, fast, slow = both_ways(prd_markdown(doc), monkeypatch)
    assert fast == slow
