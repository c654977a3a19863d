"""The Markdown format: what a PM sees on GitHub/markmap, and what comes back on import."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from markdown_it import MarkdownIt

from featuretree.formats import FormatError, by_name, dumps, for_path, load, loads
from featuretree.formats.markdown_writer import HEADING_LEVELS, LIST_NESTING_CAP
from featuretree.model import (
    ChangeEntry,
    Document,
    DocumentMeta,
    FeatureNode,
    FeatureStatus,
    Link,
    Priority,
    Revision,
    Suggestion,
    SuggestionStatus,
)
from featuretree.model.text import clean_line, clean_text
from featuretree.model.tree import attach, height, preorder_with_depth

SAMPLES = Path(__file__).resolve().parents[2] / "samples"
TRICKY_TITLES = [
    "[b]x[/b]",
    "*x*",
    "# x",
    "1. x",
    "2) x",
    "| x |",
    "<br>",
    "a\\b",
    "x\\",
    "- x",
    "+ x",
    "> x",
    "---",
    "***",
    "===",
    "`code`",
    "<!-- id: zzz -->",
    "&amp; &#32;",
    "$x$",
    "~sub~ ^sup^",
    "==mark== ++ins++",
    ":smile:",
    "[link](http://x)",
    "![img](x.png)",
    "C# ##",
    "_x_",
    "知乎 · 会员",
]


def md(doc: Document) -> str:
    return dumps(doc, "md").decode("utf-8")


def json_of(doc: Document) -> bytes:
    return dumps(doc, "json")


def roundtrip(doc: Document) -> Document:
    return loads(dumps(doc, "md"), "md")


def outline(doc: Document) -> list[tuple[int, str]]:
    return [(depth, node.title) for node, depth in preorder_with_depth(doc.root)]


def small_doc() -> Document:
    root = FeatureNode("知乎", id="root0001")
    doc = Document(
        root,
        meta=DocumentMeta(title="知乎", product="知乎", author="林晓"),
        revisions=[
            Revision(version="v1.0", date=dt.date(2026, 10, 1), author="林晓", summary="初版")
        ],
    )
    home = FeatureNode("首页", id="home0001")
    feed = FeatureNode(
        "推荐",
        id="feed0001",
        notes="混排回答与视频\n每 10 条插 1 条广告",
        tags=("增长", "算法"),
        status=FeatureStatus.CHANGED,
        changelog=[
            ChangeEntry(
                version="10.2", date=dt.date(2026, 3, 1), author="陈一鸣", summary="新增视频卡片"
            )
        ],
        suggestions=[
            Suggestion(
                id="sugg0001",
                text="降低故事插入频次",
                rationale="首页全是故事是最高频差评",
                priority=Priority.P1,
                status=SuggestionStatus.ACCEPTED,
                author="林晓",
                created=dt.date(2026, 10, 8),
            )
        ],
    )
    card = FeatureNode("视频卡片", id="card0001", status=FeatureStatus.NEW)
    autoplay = FeatureNode("自动播放", id="auto0001")
    attach(home, root)
    attach(feed, home)
    attach(card, feed)
    attach(autoplay, card)
    doc.register(root)
    return doc


# -- registration ----------------------------------------------------------------------


def test_markdown_is_registered_by_name_alias_and_extension():
    assert by_name("md") is by_name("markdown")
    assert by_name("md").label == "Markdown"
    assert for_path("prd.md") is by_name("md")
    assert for_path("prd.markdown") is by_name("md")


# -- what the user sees ----------------------------------------------------------------


def test_export_of_a_small_document_reads_like_a_prd():
    text = md(small_doc())
    assert text == (
        "# 知乎 <!-- id: root0001 -->\n"
        "\n"
        "> **文档信息**\n"
        ">\n"
        "> | 产品 | 作者 |\n"
        "> | --- | --- |\n"
        "> | 知乎 | 林晓 |\n"
        ">\n"
        "> **版本修订记录**\n"
        ">\n"
        "> | 版本 | 日期 | 作者 | 说明 |\n"
        "> | --- | --- | --- | --- |\n"
        "> | v1.0 | 2026-10-01 | 林晓 | 初版 |\n"
        "\n"
        "## 首页 <!-- id: home0001 -->\n"
        "\n"
        "### 推荐 <!-- id: feed0001 -->\n"
        "\n"
        "> 状态: **修改** · 标签: `增长` `算法`\n"
        ">\n"
        "> 混排回答与视频\\\n"
        "> 每 10 条插 1 条广告\n"
        ">\n"
        "> **修改记录**\n"
        ">\n"
        "> | 版本 | 日期 | 作者 | 说明 |\n"
        "> | --- | --- | --- | --- |\n"
        "> | 10.2 | 2026-03-01 | 陈一鸣 | 新增视频卡片 |\n"
        ">\n"
        "> **优化建议**\n"
        ">\n"
        "> - **P1** · 已采纳 — 降低故事插入频次<!-- id: sugg0001 -->\\\n"
        ">   理由: 首页全是故事是最高频差评\\\n"
        ">   提出: 林晓 · 2026-10-08\n"
        "\n"
        "- 视频卡片 <!-- id: card0001 -->\n"
        "  > 状态: **新增**\n"
        "  - 自动播放 <!-- id: auto0001 -->\n"
    )


def _render(text: str) -> str:
    return MarkdownIt("commonmark").enable("table").render(text)


@pytest.mark.parametrize("title", TRICKY_TITLES)
def test_markup_in_titles_renders_literally(title):
    root = FeatureNode(title, id="r", notes=title + "\n" + title)
    kid = FeatureNode(title, id="k")
    attach(kid, root)
    deep = root
    for i in range(HEADING_LEVELS):  # reach list level too
        nxt = FeatureNode(title, id=f"d{i}")
        attach(nxt, deep)
        deep = nxt
    doc = Document(root)
    html = _render(md(doc))
    escaped = (
        title.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace('"', "&quot;")
    )
    assert f"<h1>{escaped} <!-- id: r -->" in html
    assert f"<li>{escaped} <!-- id: d2 -->" in html
    assert "<em>" not in html and "<strong>" not in html.replace("<strong>文档信息</strong>", "")
    assert (
        "<a " not in html
        and "<img" not in html
        and "<code>" not in html
        and "<br" not in html.replace("<br />\n", "")
    )
    assert outline(roundtrip(doc)) == outline(doc)


def test_cjk_is_not_escaped():
    doc = Document(FeatureNode("会员中心：续费提醒（自动）", id="r", notes="【重要】知乎 · 直答"))
    text = md(doc)
    assert "# 会员中心：续费提醒（自动）" in text
    assert "> 【重要】知乎 · 直答" in text


def test_annotations_never_become_markmap_nodes():
    """markmap makes nodes of headings, list items, tables and code; annotations must
    sit in blockquotes (which it skips) and list items hold only title, quote, sub-list."""
    from featuretree.formats.markdown_parsing import new_parser

    tokens = new_parser(200).parse(md(small_doc()))
    item_levels: set[int] = set()
    for tok in tokens:
        if tok.nesting == -1:
            continue
        if tok.type == "list_item_open":
            item_levels.add(tok.level)
        elif tok.level == 0:
            assert tok.type in ("heading_open", "blockquote_open", "bullet_list_open"), tok.type
        elif tok.level - 1 in item_levels and tok.type != "inline":
            assert tok.type in ("paragraph_open", "blockquote_open", "bullet_list_open"), tok.type


# -- round trips -----------------------------------------------------------------------


def test_small_document_round_trips_exactly():
    doc = small_doc()
    assert json_of(roundtrip(doc)) == json_of(doc)


def test_notes_with_awkward_whitespace_round_trip():
    awkward = [
        "",
        "\n",
        "a\n",
        "\na",
        "a\n\nb",
        "a\n\n\n\nb",
        "  indented\n\tTabbed",
        "trailing  \nx ",
        "\u3000全角缩进",
        "\u00a0",
        "&nbsp;",
        "**修改记录**",
        "状态: new",
        "- not a list\n1. nor this",
        "    code?\n```\nfence?",
        "a\\\nb\\",
        "<br>\n<!-- c -->",
    ]
    root = FeatureNode("r", id="r")
    for i, notes in enumerate(awkward):
        attach(FeatureNode(f"n{i}", id=f"n{i}", notes=notes), root)
        attach(FeatureNode(f"deep{i}", id=f"deep{i}", notes=notes), root.kids[0])
    doc = Document(root)
    back = roundtrip(doc)
    assert [n.notes for n in back.iter_nodes()] == [n.notes for n in doc.iter_nodes()]


@pytest.mark.parametrize("fmt", ["md", "json"])
def test_suggestions_of_several_lines_round_trip(fmt):
    """What the suggestion form lets a PM type (Ctrl+J, a pasted list) comes back as typed,
    even lines that look like the writer's own ``理由:`` / ``提出:`` lines or Markdown."""
    texts = [
        "书架按作者分组\n支持自定义排序",
        "a\n\nb",
        "理由: 不是理由\n提出: 林晓 · 2026-01-01",
        "- 列表\n1. 有序\n# 标题\n> 引用",
        "  缩进\n末尾  ",
        "第一行\n",
        "\n第二行",
        "a<br>b\n| c |",
    ]
    root = FeatureNode("r", id="r")
    for i, text in enumerate(texts):
        attach(
            FeatureNode(
                f"n{i}",
                id=f"n{i}",
                suggestions=[
                    Suggestion(id=f"s{i}", text=text, rationale=text, created=dt.date(2026, 1, 1))
                ],
            ),
            root,
        )
    doc = Document(root)
    back = loads(dumps(doc, fmt), fmt)
    assert [(s.text, s.rationale) for n in back.iter_nodes() for s in n.suggestions] == [
        (text, text) for text in texts
    ]


@pytest.mark.parametrize("name", ["zhihu", "wms", "netease-music"])
def test_samples_round_trip_exactly(name):
    path = SAMPLES / f"{name}.json"
    if not path.exists():
        pytest.skip(f"{path.name} not written yet")
    doc = load(path)
    back = roundtrip(doc)
    assert json_of(back) == json_of(doc)  # ids, notes, change logs, suggestions, meta, revisions


_ALPHABET = (
    "功能结构图修改记录优化建议状态理由提出标签学習한국【】「」（）：·—　 \t\u00a0"
    "abcXYZ019<>&\"'{}[]()*#-_/\\|`~^%$@!=+.,;:?"
)
_line = st.text(_ALPHABET, max_size=14).map(clean_line)
_text = st.text(_ALPHABET + "\n", max_size=30).map(clean_text)
_required_text = _text.filter(bool)
_optional_line = st.none() | _line.filter(bool)
_dates = st.dates(dt.date(2000, 1, 1), dt.date(2099, 12, 31))
_change = st.builds(
    ChangeEntry, version=_optional_line, date=_dates, author=_optional_line, summary=_required_text
)
_suggestion = st.builds(
    Suggestion,
    id=st.just("placeholder"),
    text=_required_text,
    rationale=st.none() | _required_text,
    priority=st.sampled_from(Priority),
    status=st.sampled_from(SuggestionStatus),
    author=_optional_line,
    created=_dates,
)


@st.composite
def documents(draw) -> Document:
    count = draw(st.integers(1, 12))
    nodes = []
    for i in range(count):
        suggestions = [
            s.model_copy(update={"id": f"s{i}x{j}"})
            for j, s in enumerate(draw(st.lists(_suggestion, max_size=2)))
        ]
        node = FeatureNode(
            draw(_line),
            id=f"n{i}",
            notes=draw(_text),
            tags=draw(st.lists(_line.filter(bool), max_size=3)),
            status=draw(st.sampled_from(FeatureStatus)),
            changelog=draw(st.lists(_change, max_size=2)),
            suggestions=suggestions,
            links=draw(st.lists(st.builds(Link, title=_line, url=_line.filter(bool)), max_size=3)),
        )
        if nodes:
            # Parent among the last few nodes makes deep chains as likely as wide fans.
            attach(node, nodes[draw(st.integers(max(0, i - 3), i - 1))])
        nodes.append(node)
    meta = DocumentMeta(
        title=draw(st.just(nodes[0].title) | _line),
        product=draw(_line),
        author=draw(_line),
        created=draw(st.none() | _dates),
    )
    revisions = draw(
        st.lists(
            st.builds(
                Revision,
                version=_line.filter(bool),
                date=_dates,
                author=_optional_line,
                summary=_text,
            ),
            max_size=2,
        )
    )
    doc = Document(nodes[0], meta=meta, revisions=revisions)
    return doc


@settings(max_examples=50, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(documents())
def test_random_documents_round_trip_exactly(doc):
    back = roundtrip(doc)
    if not doc.meta.title:
        # An empty document title means the root's (loss._meta): it is not written as an
        # empty 文档标题 cell, and reads back as the root's title.
        doc.meta = doc.meta.model_copy(update={"title": doc.root.title})
    assert json_of(back) == json_of(doc)


@settings(max_examples=50, deadline=None)
@given(st.text(max_size=200))
def test_any_text_either_reads_or_fails_cleanly(text):
    try:
        doc = loads(text.encode("utf-8", "surrogatepass"), "md")
    except FormatError:
        return
    for node in doc.iter_nodes():
        assert node.title == clean_line(node.title)
        assert node.notes == clean_text(node.notes)


# -- deep trees ------------------------------------------------------------------------


def test_five_thousand_levels_export_and_import():
    root = FeatureNode("root", id="root")
    current = root
    for i in range(5000):
        node = FeatureNode(f"level {i}", id=f"l{i}", notes="note" if i % 100 == 0 else "")
        attach(node, current)
        current = node
    doc = Document(root)
    text = dumps(doc, "md")
    # Indentation stops growing at the cap instead of costing two spaces per level.
    widest = max(len(line) - len(line.lstrip(b" ")) for line in text.splitlines())
    assert widest <= 2 * (LIST_NESTING_CAP + 1)
    back = loads(text, "md")
    assert height(back.root) == 5000
    assert json_of(back) == json_of(doc)


def test_lists_nested_beyond_the_parser_limit_are_refused_not_truncated():
    text = "".join("  " * d + f"- n{d}\n" for d in range(150))
    with pytest.raises(FormatError, match="nested more than"):
        loads(text.encode(), "md")
    quotes = ">" * 500 + " deep\n"
    with pytest.raises(FormatError, match="nested more than"):
        loads(quotes.encode(), "md")


def test_depth_markers_out_of_place_are_reported_with_their_line():
    text = "# r\n\n## a\n\n### b\n\n- c <!-- depth: 9 -->\n"
    with pytest.raises(FormatError, match=r"line 7: depth marker '9'"):
        loads(text.encode(), "md")


# -- hand-written and markmap outlines -------------------------------------------------


def test_markmap_example(shared_fixtures):
    doc = load(shared_fixtures / "markdown" / "markmap-example.md")
    # The front matter's title is the root (markmap draws it so): no title of its own.
    assert doc.meta.title == ""
    assert outline(doc) == [
        (0, "markmap"),  # front-matter title over several top-level headings
        (1, "Links"),
        (2, "Website"),
        (2, "GitHub"),
        (1, "Related Projects"),
        (2, "coc-markmap for Neovim"),
        (2, "markmap-vscode for VSCode"),
        (2, "eaf-markmap for Emacs"),
        (1, "Features"),
        (2, "Lists"),
        (3, "strong del italic ==highlight=="),
        (3, "inline code"),
        (3, "[x] checkbox"),
        (3, "Katex: $x = {-b \\pm \\sqrt{b^2-4ac} \\over 2a}$"),
        (4, "More Katex Examples"),
        (3, "Now we can wrap very very very very long text with the maxWidth option"),
        (3, "Ordered list"),
        (4, "item 1"),
        (4, "item 2"),
        (2, "Blocks"),
    ]
    by_title = {node.title: node for node in doc.iter_nodes()}
    assert (
        by_title["Features"].notes
        == "Note that if blocks and lists appear at the same level, the lists will be ignored."
    )
    blocks = by_title["Blocks"].notes
    assert "console.log('hello, JavaScript')" in blocks
    assert "| Apple | 4 |" in blocks
    assert "https://markmap.js.org/favicon.png" in blocks
    assert len({node.id for node in doc.iter_nodes()}) == len(doc)


def test_hand_written_outline():
    text = (
        "Intro text above the title.\n\n"
        "App\n===\n\n"
        "Some **notes** with [a link](http://x) and `code`.\n\n"
        "## Module\n\n"
        "1. First *feature*\n"
        "   more of its first line\n\n"
        "   A second paragraph is a note.\n\n"
        "   ```\n   code stays\n   ```\n"
        "2. Second\n"
        "   - Sub <span>feature</span>\n"
        "     > quoted thought\n"
        "\n"
        "> a quote after the list belongs to the heading\n"
    )
    doc = loads(text.encode(), "md")
    assert outline(doc) == [
        (0, "App"),
        (1, "Module"),
        (2, "First feature more of its first line"),
        (2, "Second"),
        (3, "Sub feature"),
    ]
    root = doc.root
    assert root.notes == "Intro text above the title.\n\nSome notes with a link and code."
    first = root.kids[0].kids[0]
    assert first.notes == "A second paragraph is a note.\n\n```\ncode stays\n```"
    assert root.kids[0].kids[1].kids[0].notes == "quoted thought"
    assert root.kids[0].notes == "a quote after the list belongs to the heading"
    assert root.kids[0].notes == "a quote after the list belongs to the heading"


def test_several_top_level_headings_get_a_root():
    doc = loads(b"# One\n\n# Two\n", "md")
    assert outline(doc) == [(0, "Untitled"), (1, "One"), (1, "Two")]
    doc = loads(
        b'---\ntitle: "My \\"map\\""\nmarkmap:\n  colorFreezeLevel: 2\n---\n\n- a\n- b\n', "md"
    )
    assert outline(doc) == [(0, 'My "map"'), (1, "a"), (1, "b")]


def test_empty_input_is_an_untitled_document():
    doc = loads(b"", "md")
    assert outline(doc) == [(0, "Untitled")]


def test_ids_repeated_or_invalid_are_replaced_with_a_warning():
    text = "# r <!-- id: same -->\n\n## a <!-- id: same -->\n\n## b <!-- id: bad id! -->\n\n## c\n"
    doc = loads(text.encode(), "md")
    ids = [node.id for node in doc.iter_nodes()]
    assert ids[0] == "same"
    assert len(set(ids)) == 4
    assert any("'same'" in w for w in doc.warnings)


# -- bad input -------------------------------------------------------------------------


def test_invalid_utf8_is_a_format_error():
    with pytest.raises(FormatError, match="not valid utf-8"):
        loads(b"# caf\xe9\n", "md")


def test_control_characters_are_stripped():
    doc = loads("# a\x1b[31mred\x07\n\n> note\x00 \x9b\n".encode(), "md")
    assert doc.root.title == "a[31mred"
    assert "\x00" not in doc.root.notes and "\x9b" not in doc.root.notes


@pytest.mark.parametrize(
    ("quote", "message"),
    [
        ("> 状态: **shiny**\n", "line 3: unknown status 'shiny'"),
        (
            "> **修改记录**\n>\n> | 版本 | 日期 | 作者 | 说明 |\n> | --- | --- | --- | --- |\n> | 1 | 2024-13-01 | a | b |\n",
            "line 7: 修改记录: date",
        ),
        ("> **优化建议**\n>\n> - **P1** · maybe — text\n", "line 5: 优化建议: status"),
        ("> **优化建议**\n>\n> - **P1** · accepted — \n", "line 5: 优化建议: text"),
    ],
)
def test_broken_annotations_name_the_line(quote, message):
    with pytest.raises(FormatError, match=message):
        loads(f"# r\n\n{quote}".encode(), "md")


def test_suggestions_written_by_hand_are_read():
    text = "# r\n\n> **优化建议**\n>\n> - 支持草稿\n> - **P0** · done — 修复崩溃\n>   提出: 王五\n"
    doc = loads(text.encode(), "md")
    first, second = doc.root.suggestions
    assert (first.text, first.priority, first.status) == (
        "支持草稿",
        Priority.P2,
        SuggestionStatus.PROPOSED,
    )
    assert (second.text, second.priority, second.status, second.author) == (
        "修复崩溃",
        Priority.P0,
        SuggestionStatus.DONE,
        "王五",
    )


def test_a_bad_date_is_said_for_people() -> None:
    """Issue 11: "month 13 is not a month", not pydantic's wording."""
    data = (
        "# 书架\n\n> **修改记录**\n>\n> | 版本 | 日期 | 作者 | 说明 |\n> | --- | --- | --- | --- |\n"
        "> | 1.0 | 2026-13-01 | 林晓 | 新增 |\n"
    ).encode()
    with pytest.raises(FormatError) as caught:
        loads(data, "md")
    assert "month 13 is not a month" in str(caught.value)


def test_a_link_in_a_title_after_an_exclamation_mark_stays_a_link() -> None:
    # "看!" then the link 规范 in the title: written as 看![规范](…), Markdown's image
    # syntax, it came back as a title without the link (found by the interop round trip).
    root = FeatureNode("需求", id="r")
    node = FeatureNode("看!规范", id="a", links=(Link(title="规范", url="https://x.org/a"),))
    attach(node, root)
    doc = Document(root)
    back = loads(dumps(doc, "md"), "md").node("a")
    assert (back.title, back.links) == (node.title, node.links)
