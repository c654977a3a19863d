"""A quote in the writer's shape is read in one match (markdown_writers_quote) into the
very node the piece-by-piece reading gives it: the same status, tags, notes, change log
and suggestions, on the same lines; any other quote is left to the piece-by-piece
reading. The node data are compared before any model is built, lines and all."""

from __future__ import annotations

import datetime as dt
import sys
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from featuretree.formats import FormatError, dumps, loads, markdown_reader
from featuretree.formats.markdown_lines import LineReader, NotSimple
from featuretree.formats.markdown_plain import normalize
from featuretree.formats.markdown_writers_quote import WritersQuote
from featuretree.model import (
    ChangeEntry,
    Document,
    FeatureNode,
    FeatureStatus,
    Priority,
    Suggestion,
    SuggestionStatus,
)
from featuretree.model.text import clean_line, clean_text
from featuretree.model.tree import attach

ROOT = Path(__file__).resolve().parents[2]
GOLDEN = ROOT / "tests" / "formats" / "markdown_golden"


def _read(text: str, *, in_one_match: bool, accepted: list[bool] | None = None) -> object:
    """Everything the line reader reads of ``text`` (every node's data, the problems,
    what was not imported, the document's fields), with quotes in the writer's shape read
    in one match or piece by piece; ``"not simple"`` when it leaves the text to markdown-it."""
    reader = markdown_reader._TreeReader([], 2)
    lines = LineReader(reader, markdown_reader._inline_parser(), 2)
    one_match = lines.writers_quote.read

    def read(inner: str, start: int, node: object) -> bool:
        done = in_one_match and one_match(inner, start, node)
        if accepted is not None:
            accepted.append(done)
        return done

    lines.writers_quote.read = read  # type: ignore[method-assign]
    try:
        lines.read(normalize(text))
    except NotSimple:
        return "not simple"
    nodes = []
    stack = [reader.top]
    while stack:
        data = stack.pop()
        nodes.append(
            (
                data.line,
                data.title,
                data.node_id,
                data.index,
                data.notes,
                data.status,
                data.tags,
                data.changelog,
                data.suggestions,
                data.links,
                data.item,
            )
        )
        stack.extend(reversed(data.children))
    doc = reader.doc
    return nodes, reader.problems, reader.not_imported, doc.meta, doc.meta_line, doc.revisions


def _same_both_ways(text: str) -> list[bool]:
    """Assert that both ways read ``text`` alike; which quotes were read in one match."""
    accepted: list[bool] = []
    fast = _read(text, in_one_match=True, accepted=accepted)
    assert fast == _read(text, in_one_match=False)
    return accepted


def _markdown_of(doc: Document) -> str:
    return dumps(doc, "md").decode("utf-8")


@pytest.mark.parametrize("path", sorted(GOLDEN.glob("*.md")), ids=lambda p: p.stem)
def test_featuretree_exports_read_alike_and_their_node_quotes_in_one_match(path):
    accepted = _same_both_ways(path.read_text(encoding="utf-8"))
    # Every quote but the document's (meta and revisions) and a few with markup.
    assert accepted.count(True) >= len(accepted) - 2


def test_a_fully_annotated_generated_export_is_read_in_one_match_per_quote():
    sys.path.insert(0, str(ROOT / "benchmarks"))
    try:
        from generate import make_document
    finally:
        sys.path.remove(str(ROOT / "benchmarks"))
    text = _markdown_of(make_document(300, seed=5, annotate_all=True))
    accepted = _same_both_ways(text)
    assert accepted[1:] and all(accepted[1:])  # all but the document's own quote


# Quotes near the writer's shape, each a way the one match could read differently from
# the piece-by-piece reading: both must give the same node, or the same refusal.
_HEAD = "# 根 <!-- id: r -->\n\n"
_TABLE = "> **修改记录**\n>\n> | 版本 | 日期 | 作者 | 说明 |\n> | --- | --- | --- | --- |\n"
_ITEMS = "> **优化建议**\n>\n"
WRITERS_QUOTE = (
    "> 状态: **new** · 标签: `a`\n>\n> 说明\\\n> 第二行\n>\n> 第二段\n>\n"
    + _TABLE
    + "> | v1 | 2024-03-01 | 张 | 改了 |\n> | v2 | 2024-03-02 |  | 又改了 |\n>\n"
    + _ITEMS
    + "> - **P1** · accepted — 做<!-- id: s1 -->\\\n>   理由: 因为\\\n>   提出: 2024-03-02\n"
    + "> - **P2** · in\\_progress — 再做<!-- id: s2 -->\\\n>   提出: 张 · 2024-03-03"
)
QUOTES = [
    "> 状态: **新增** · 标签: `a` `b c`",
    "> Status: **changed** · Tags: `x`",
    "> 标签: `a`",
    "> 状态: **bogus**",
    "> 状态: 还好\n>\n> 说明",
    "> 状态: **new**\n>\n> 状态: **changed**",
    "> 说明第一行\\\n> 第二行\n>\n> 第二段",
    "> 说明\n> 软换行",
    "> \u3000说明",
    "> 说明\u3000",
    "> 说明\\\n> \u3000\\\n> 尾",
    "> 1. 说明",
    "> 1、说明",
    "> 2024年 说明",
    "> #说明",
    "> # 说明",
    "> |说明",
    "> 说明\n> |---|",
    "> 说明\n> ===",
    "> 说明\n> - x",
    "> 说明 \\\n> x",
    "> 说明\\\n>\n> x",
    "> &nbsp;\n>\n> 说明",
    "> 说明\n>\n>\n>\n> 再说明",
    "> 说明\n>",
    ">\n> 说明",
    _TABLE + "> | v1 | 2024-03-01 | 张 | 改了 |\n> | v2 | 2024-13-01 |  | 又改了 |",
    _TABLE + "> |  |  |  | 说明 |",
    _TABLE + "> | v1 |  |  |  |",
    _TABLE + "> | v1 | 2024-03-01 | 张 |",
    _TABLE + "> | v1 | 2024-03-01 | 张 | 改了 | 多 |",
    _TABLE + "> | v1 | 2024-03-01 | 张 | a\\|b |",
    _TABLE + "> | v1 | 2024-03-01 | 张 | `a` |",
    _TABLE + "> | v1 | 2024-03-01 | 张 | $x$ |",
    _TABLE + "> | v1 | 2024-03-01 | \u3000 | 改了 |",
    _TABLE + "> | v1 | 2024-03-01 | 张\u3000 | 改了 |",
    _TABLE + "> | v1 | 2024-03-01 | \u3000张 | 改了 |",
    _TABLE + "> | v1 | 2024-03-01 |  张 | 改了 |",
    _TABLE + "> | v1 | 2024-03-01 | 张\u00a0三 | 改了 |",
    _TABLE + "> | v1 | 2024-03-01 | 张 三 | 改了 |",
    _TABLE + "> | v1 | 2024-03-01 |张 | 改了 |",
    _TABLE + "> | v1 | 2024-03-01 | 张 | 改了 | ",
    "> **修改记录**\n>\n> | 日期 | 版本 | 作者 | 说明 |\n> | --- | --- | --- | --- |\n"
    "> | 2024-03-01 | v1 | 张 | 改了 |",
    "> **修改记录**\n>\n> | Version | Date | Author | Summary |\n> | --- | --- | --- | --- |\n"
    "> | v1 | 2024-03-01 | 张 | 改了 |",
    "> **修改记录**\n>\n> | 版本号 | 修改日期 | 修改人 | 修改内容 |\n> | --- | --- | --- | --- |\n"
    "> | v1 | 2024-03-01 | 张 | 改了 |",
    "> **Change log**\n>\n> | 版本 | 日期 | 作者 | 说明 |\n> | --- | --- | --- | --- |\n"
    "> | v1 | 2024-03-01 | 张 | 改了 |",
    "> **修改记录**\n>\n> | 版本 | 日期 | 作者 | 说明 |\n> | :-- | --- | --- | --- |\n"
    "> | v1 | 2024-03-01 | 张 | 改了 |",
    "> **修改记录**\n>\n> | 版本 | 日期 | 作者 |\n> | --- | --- | --- |\n> | v1 | 2024-03-01 | 张 |",
    "> **修改记录**\n>\n> 说明",
    _TABLE + "> | v1 | 2024-03-01 | 张 | 改了 |\n> x | y",
    _TABLE + "> | v1 | 2024-03-01 | 张 | 改了 |\n> || v1 | 2024-03-01 | 张 | 改了 |",
    _TABLE + "> | v1 | 2024-03-01 | 张 | 改了 |\n> | v1 | 2024-03-01 | 张 | 改了 |x",
    "> **修改记录**\n>\n> |版本|日期|作者|说明|\n> | --- | --- | --- | --- |\n> | v1 | 2024-03-01 | 张 | 改了 |",
    "> **修改记录**\n>\n> | 版本 | 日期 | 作者 | *说明* |\n> | --- | --- | --- | --- |\n"
    "> | v1 | 2024-03-01 | 张 | 改了 |",
    "> **修改记录**\n>\n> | 版本 | 日期 | 作者 | 说明 | |\n> | --- | --- | --- | --- |\n"
    "> | v1 | 2024-03-01 | 张 | 改了 |",
    _TABLE + "> | v1 | 2024-03-01 | 张 | 改了 |\n>\n> 说明",
    _ITEMS
    + "> - **P1** · accepted — 做<!-- id: s1 -->\\\n>   理由: 因为\\\n>   提出: 张 · 2024-03-02",
    _ITEMS + "> - **P0** · 已完成 — 做\\\n>   提出: 2024-03-02\n> - **P3** · open — 再做",
    _ITEMS + "> - **P1** · in\\_progress — 做<!-- id: s1 -->",
    _ITEMS + "> - **P1** · in_progress — 做",
    _ITEMS + "> - **P1** · bogus — 做",
    _ITEMS + "> - **P1** · 随便 — 做",
    _ITEMS + "> - **P1** · accepted —  做",
    _ITEMS + "> - **P1** · accepted — 做 — 再做 · 又做",
    _ITEMS + "> - **P1** · accepted — 做 <!-- id: s1 -->",
    _ITEMS + "> - **P1** · accepted — 做\u3000",
    _ITEMS + "> - **P1** · accepted — 做<!-- id: s1, depth: 2 -->",
    _ITEMS + "> - **P1** · accepted — 做\\\n>   理由:  两个空格\\\n>   提出:  张 · 李 · 2024-03-02",
    _ITEMS + "> - **P1** · accepted — 做\\\n>   理由: \\\n>   提出: 2024-03-02",
    _ITEMS + "> - **P1** · accepted — 做\\\n>   提出: 张 · 2024-02-30",
    _ITEMS + "> - **P1** · accepted — 做\\\n>   提出: 2024-03-02 · 张",
    _ITEMS + "> - **P1** · accepted — 做\\\n>   提出: 张",
    _ITEMS + "> - **P1** · accepted — 做\\\n>   提出: 2024-03-02\\\n>   理由: 后来的",
    _ITEMS + "> - **P1** · accepted — 做\\\n>   第二行\\\n>   提出: 2024-03-02",
    _ITEMS + "> - **P1** · accepted — 做\\\n>   Rationale: why\\\n>   Proposed by: 2024-03-02",
    _ITEMS + "> - **P1** · accepted — 做\n>   提出: 2024-03-02",
    _ITEMS + "> - **P1** · accepted — 做\\\n>   x",
    _ITEMS + "> - **P1** · accepted — 做\n> x",
    _ITEMS + "> - **P1** · 不是 — - **P2** · accepted — 做",
    _ITEMS + "> - **P1** · accepted — 做\n> - **P2** · 不是 — - **P2** · accepted — 做",
    _ITEMS + "> - **P1** · accepted — 做\\\n> - **P2** · open — 再做",
    _ITEMS + "> - **P1** · accepted — 做\n>\n> - **P2** · open — 再做",
    "> **Suggestions**\n>\n> - **P2** · proposed — do it\\\n>   Proposed by: Ann · 2024-03-02",
    WRITERS_QUOTE,
    "> 说明\n>\n> 状态: **new**",
    "> 链接: [t](<http://x>)\n>\n> 说明",
]


@pytest.mark.parametrize("quote", QUOTES)
def test_quotes_near_the_writers_shape_read_alike(quote):
    heading = _HEAD + quote
    _same_both_ways(heading)
    # The same quote under a list item, two levels down (its markers indented).
    item = _HEAD + "- a\n  - b\n" + "\n".join("    " + line for line in quote.split("\n"))
    _same_both_ways(item)


def test_the_writers_quote_is_read_in_one_match():
    assert _same_both_ways(_HEAD + WRITERS_QUOTE) == [True]
    doc = loads((_HEAD + WRITERS_QUOTE).encode("utf-8"), "md")
    root = doc.root
    assert (root.status, root.tags, root.notes) == (
        FeatureStatus.NEW,
        ("a",),
        "说明\n第二行\n\n第二段",
    )
    assert [(e.version, e.date, e.author, e.summary) for e in root.changelog] == [
        ("v1", dt.date(2024, 3, 1), "张", "改了"),
        ("v2", dt.date(2024, 3, 2), None, "又改了"),
    ]
    assert [
        (s.id, s.priority, s.status, s.text, s.rationale, s.author, s.created)
        for s in root.suggestions
    ] == [
        ("s1", Priority.P1, SuggestionStatus.ACCEPTED, "做", "因为", None, dt.date(2024, 3, 2)),
        ("s2", Priority.P2, SuggestionStatus.IN_PROGRESS, "再做", None, "张", dt.date(2024, 3, 3)),
    ]


def test_a_quote_in_one_match_keeps_the_lines_of_its_rows_and_suggestions():
    # A problem says the line of its record: a bad date in a change log read in one
    # match is reported on its line of the file (front matter and all).
    text = (
        "---\ntitle: x\n---\n# 根 <!-- id: r -->\n\n- a <!-- id: a -->\n"
        "  > 状态: **new**\n  >\n  > 说明\n  >\n"
        "  > **修改记录**\n  >\n  > | 版本 | 日期 | 作者 | 说明 |\n  > | --- | --- | --- | --- |\n"
        "  > | v1 | 2024-03-01 | 张 | 好 |\n  > | v2 | 2024-13-01 | 张 | 坏 |\n  >\n"
        "  > **优化建议**\n  >\n"
        "  > - **P1** · accepted — 做<!-- id: s1 -->\\\n  >   理由: 因为\\\n  >   提出: 2024-03-02\n"
        "  > - **P2** · proposed — x<!-- id: s2 -->\n"
    )
    with pytest.raises(FormatError) as caught:
        loads(text.encode("utf-8"), "md")
    said = [str(problem) for problem in caught.value.problems]
    assert len(said) == 1 and said[0].startswith("line 16: 修改记录: date")  # v2's line
    assert _same_both_ways(text.split("---\n", 2)[2]) == [True]


_PLAINISH = "功能结构图说明修改记录状态标签ab01 #-:.·—　\u00a0"
_plain_line = st.text(_PLAINISH, max_size=8).map(clean_line)
_plain_text = st.text(_PLAINISH + "\n", max_size=16).map(clean_text)


@st.composite
def writers_documents(draw) -> Document:
    """Documents whose quotes are mostly in the writer's plain shape: text without markup,
    so that the one match reads them (with the odd space, pipe or digit where it counts)."""
    nodes = []
    for i in range(draw(st.integers(1, 6))):
        node = FeatureNode(
            draw(_plain_line) or "t",
            id=f"n{i}",
            notes=draw(_plain_text),
            tags=draw(st.lists(_plain_line.filter(bool), max_size=2)),
            status=draw(st.sampled_from(FeatureStatus)),
            changelog=draw(
                st.lists(
                    st.builds(
                        ChangeEntry,
                        version=st.none() | _plain_line.filter(bool),
                        date=st.dates(dt.date(2000, 1, 1), dt.date(2030, 12, 31)),
                        author=st.none() | _plain_line.filter(bool),
                        summary=_plain_line.filter(bool),
                    ),
                    max_size=2,
                )
            ),
            suggestions=[
                Suggestion(
                    id=f"s{i}x{k}",
                    text=text,
                    rationale=draw(st.none() | _plain_text.filter(bool)),
                    priority=draw(st.sampled_from(Priority)),
                    status=draw(st.sampled_from(SuggestionStatus)),
                    author=draw(st.none() | _plain_line.filter(bool)),
                    created=draw(st.dates(dt.date(2000, 1, 1), dt.date(2030, 12, 31))),
                )
                for k, text in enumerate(draw(st.lists(_plain_text.filter(bool), max_size=2)))
            ],
        )
        if nodes:
            attach(node, nodes[draw(st.integers(0, len(nodes) - 1))])
        nodes.append(node)
    return Document(nodes[0])


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(writers_documents())
def test_any_plain_export_reads_alike_both_ways(doc):
    _same_both_ways(_markdown_of(doc))


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    st.lists(
        st.sampled_from(
            [
                "状态: **new**",
                "标签: `a`",
                "说明",
                "说明\\",
                "|说明",
                "1. x",
                "**修改记录**",
                "**优化建议**",
                "| 版本 | 日期 | 作者 | 说明 |",
                "| --- | --- | --- | --- |",
                "| v1 | 2024-03-01 |  | 改 |",
                "| v1 | 2024-03-01 | 张 |",
                "- **P1** · accepted — 做<!-- id: s1 -->\\",
                "- **P2** · open — 再做",
                "  理由: 因为\\",
                "  提出: 2024-03-02",
                "  提出: 张 · 2024-03-02",
                "",
                " ",
                "\u3000",
            ]
        ),
        max_size=16,
    )
)
def test_any_quote_of_the_writers_pieces_reads_alike_both_ways(lines):
    _same_both_ways(_HEAD + "\n".join(f"> {line}".rstrip(" ") for line in lines))


def test_a_document_read_in_one_match_is_the_one_written():
    # The round trip a user sees: every field of every node back as it was written.
    sys.path.insert(0, str(ROOT / "benchmarks"))
    try:
        from generate import make_document
    finally:
        sys.path.remove(str(ROOT / "benchmarks"))
    doc = make_document(200, seed=6, annotate_all=True)
    data = dumps(doc, "md")
    assert dumps(loads(data, "md"), "md") == data
    back = loads(data, "md")
    for node in doc.iter_nodes():
        read = back.node(node.id)
        assert (read.status, read.tags, read.notes) == (node.status, node.tags, node.notes)
        assert (read.changelog, read.suggestions) == (node.changelog, node.suggestions)


def test_the_one_match_refuses_without_touching_the_node():
    # A quote refused at its last part (an unknown suggestion status) leaves the node
    # as it was: the piece-by-piece reading fills it once.
    from featuretree.formats.markdown_annotations import NodeData

    node = NodeData(line=1)
    inner = "\n状态: **new**\n\n说明\n\n**优化建议**\n\n- **P1** · bogus — 做"
    assert WritersQuote(0).read(inner, 0, node) is False
    assert (node.status, node.tags, node.notes, node.suggestions) == (
        FeatureStatus.EXISTING,
        [],
        [],
        [],
    )
