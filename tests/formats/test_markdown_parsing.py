"""The reader's markdown-it set-up is faster than a stock parser, never different.

``markdown_parsing.new_parser`` skips markdown-it's inline machinery for runs without
markup and ``OutlineParser`` switches off block rules the text cannot trigger; every
token they return must equal the stock parser's, for our own export and for any other
Markdown.
"""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from markdown_it import MarkdownIt

from featuretree.formats.markdown_parsing import OutlineParser, add_math, new_parser
from featuretree.formats.markdown_writer import write_markdown
from featuretree.model import ChangeEntry, Document, FeatureNode, FeatureStatus, Suggestion
from featuretree.model.tree import attach

# The stock parser plus markmap's math (a rule of ours, not a shortcut: both have it).
STOCK = add_math(
    MarkdownIt("commonmark", {"html": True, "maxNesting": 200}).enable(["table", "strikethrough"])
)
FAST = new_parser(200)
OUTLINE = OutlineParser(200)

# Pieces that start (or almost start) every block and inline construct, plus plain text.
PIECES = [
    "-",
    "- ",
    "* ",
    "+ ",
    "1. ",
    "2) ",
    "*",
    "_",
    "**",
    "~",
    "~~",
    "`",
    "```",
    "~~~",
    "=",
    "===",
    "---",
    "***",
    "___",
    ">",
    "> ",
    "#",
    "# ",
    "|",
    " | ",
    "[",
    "]",
    "[x]: /u",
    "(",
    ")",
    "!",
    "![a](b)",
    "<",
    ">",
    "<!--",
    "-->",
    "<!-- id: a1 -->",
    "<!-- id: a-b, depth: 3 -->",
    "<!---->",
    "<!--->",
    "<br>",
    "<div>",
    "<a@b.c>",
    "<http://x.y>",
    "&",
    "&amp;",
    "&nbsp;",
    "\\",
    "\\*",
    "$",
    "$$",
    "\\$",
    "$x$",
    ":",
    "@",
    " ",
    "  ",
    "    ",
    "\t",
    "\n",
    "\n\n",
    "\r\n",
    "\x00",
    "标题",
    "功能",
    "abc",
    "x y",
    "9",
]


def same_tokens(text: str) -> bool:
    expected = STOCK.parse(text)
    return FAST.parse(text) == expected and OUTLINE.parse(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "- 推荐 <!-- id: m1n2b3v4 -->",
        "## 首页 <!-- id: 9wq0c2rd -->\n\n- 视频 <!-- id: x-y -->\n  - 子 <!-- id: a, depth: 20 -->",
        "- a-b: c <!-- id: x -->",
        "- title <!-- id: x --> tail",
        "- title <!-- id: a--b -->",
        "- title <!---->\n- t <!--->",
        "- title<!-- id: x -->",
        "- <!-- id: x -->",
        "| 版本 | 日期 |\n| --- | --- |\n| v1.0 | 2024-03-01 |",
        "plain line\nsecond line",
        "> 第一行备注\\\n> 第二行\\\n> 第三行",
        "a  \nb",
        "a \nb\n\tc",
        "a\\\n\\\nb",
        "a\\ \nb",
        "a\\\\\nb",
        "para\\",
        "| a | |\n| --- | --- |\n|  | b |",
        "a &amp; b",
        "- $x = {-b \\pm \\sqrt{b^2-4ac} \\over 2a}$ <!-- id: k -->",
        "> 价格 $5 到 $10\\\n> $$a*b*$$",
        "",
    ],
)
def test_writer_shapes_and_near_misses_parse_like_stock_markdown_it(text):
    assert same_tokens(text)


# Each block rule OutlineParser may switch off, firing where its test must notice it:
# after list and quote markers, inside items, as the terminator of a paragraph.
@pytest.mark.parametrize(
    "text",
    [
        "a | b\n--|--\n1 | 2",
        "- x\n\n  a | b\n  --|--",
        "- ```\n  code\n  ```",
        "> ~~~py\n> x\n> ~~~",
        "para\n```\nx\n```",
        "a\n> quote",
        "- * * *",
        "1. ___",
        "> - - -\n",
        "para\n***",
        "- a\n  \t---",
        "* [a]: /u\n\nsee [a]",
        ">  [ref]: /x 'T'\n> [ref]",
        "12) <div>\nx",
        "para\n<div>\n",
        "- title\n  ===",
        "> title\n>   --- ",
        "- > a\n  > ==",
        "title\n-\n",
    ],
)
def test_block_rules_fire_wherever_they_can(text):
    assert same_tokens(text)


def test_an_export_is_parsed_without_the_block_rules_it_cannot_trigger():
    text = write_markdown(_annotated_doc()).decode("utf-8")
    active = OUTLINE.parser_for(text).block.ruler.get_active_rules()
    assert not {"fence", "hr", "reference", "lheading"} & set(active)
    assert {"table", "blockquote", "list", "heading", "paragraph"} <= set(active)


def _annotated_doc() -> Document:
    root = FeatureNode("App <x> & [y]", id="root0001", notes="注: a\n\n- b")
    child = FeatureNode(
        "模块 *一*",
        id="kid00001",
        tags=("增长", "a`b"),
        status=FeatureStatus.CHANGED,
        changelog=(ChangeEntry(version="1.0", summary="新增 | 修改"),),
        suggestions=(Suggestion(id="s1", text="优化\n第二行", rationale="理由"),),
    )
    attach(child, root)
    return Document(root)


def test_an_export_parses_like_stock_markdown_it():
    assert same_tokens(write_markdown(_annotated_doc()).decode("utf-8"))


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.sampled_from(PIECES), max_size=40))
def test_any_markdown_parses_like_stock_markdown_it(pieces):
    assert same_tokens("".join(pieces))


# Lines with inline markup, to be repeated: a run seen before reuses copies of its tokens.
MARKUP_LINES = [
    "**修改记录**",
    "状态: **new** · 标签: `实验`",
    "\\*a\\* &amp; b",
    "a \\\nb",
    "[a]",
    "[a][]",
    "[a]: /u",
    "![alt *x*](src)",
    "<a href='x'>t</a>",
    "~~s~~ _e_",
    "x  \ny",
    "- **P1** · done — t<!-- id: s1 -->",
    "> **优化建议**",
    "| `c` | **b** |\n| --- | --- |\n| \\| | [a] |",
]


def test_repeated_runs_parse_like_stock_markdown_it():
    text = "\n\n".join(MARKUP_LINES * 3)
    assert same_tokens(text)
    tokens = OUTLINE.parse(text)
    children = [child for token in tokens if token.children for child in token.children]
    assert len({id(child) for child in children}) == len(children)  # copies, never shared


@settings(max_examples=200, deadline=None)
@given(
    st.lists(st.sampled_from(MARKUP_LINES), max_size=12), st.sampled_from(["\n", "\n\n", "\n\n- "])
)
def test_any_repetition_parses_like_stock_markdown_it(lines, separator):
    assert same_tokens(separator.join(lines))


@settings(max_examples=100, deadline=None)
@given(st.text(max_size=120))
def test_any_text_parses_like_stock_markdown_it(text):
    assert same_tokens(text)
