"""Markdown for a PRD: no id comments, statuses in the document's language, the 优化建议 table."""

from __future__ import annotations

import csv
import datetime as dt
import io

from featuretree import formats
from featuretree.formats.errors import describe_not_imported
from featuretree.formats.markdown_format import read_markdown
from featuretree.formats.prd import (
    document_language,
    prd_markdown,
    suggestion_rows,
    suggestions_csv,
    suggestions_markdown,
)
from featuretree.model.annotations import FeatureStatus, Priority, Suggestion, SuggestionStatus
from featuretree.model.document import Document
from featuretree.model.node import FeatureNode
from featuretree.model.tree import attach
from featuretree.samples_catalog import sample_path


def _doc(root_title: str = "微信读书", title: str = "听书") -> Document:
    root = FeatureNode(root_title, id="root")
    home = FeatureNode("书架", id="shelf")
    listen = FeatureNode(
        title,
        id="listen",
        status=FeatureStatus.NEW,
        suggestions=(
            Suggestion(
                id="s1",
                text="支持 | 倍速\n与定时",
                priority=Priority.P1,
                status=SuggestionStatus.ACCEPTED,
                author="林晓",
                created=dt.date(2026, 11, 3),
            ),
            Suggestion(
                id="s2",
                text="AI 朗读",
                priority=Priority.P0,
                status=SuggestionStatus.REJECTED,
                created=dt.date(2026, 11, 4),
            ),
        ),
    )
    attach(home, root)
    attach(listen, home)
    return Document(root)


def test_prd_markdown_has_no_id_comments_and_chinese_values() -> None:
    text = prd_markdown(_doc()).decode("utf-8")
    assert "<!--" not in text
    assert "状态：**新增**" in text
    assert "- **P1** · 已采纳 — 支持 \\| 倍速<br>与定时" in text
    assert "accepted" not in text and "rejected" not in text


def test_prd_markdown_ends_with_the_whole_documents_suggestion_table() -> None:
    lines = prd_markdown(_doc()).decode("utf-8").splitlines()
    start = lines.index("**优化建议汇总**")
    assert lines[start + 2 : start + 6] == [
        "| 功能 | 优先级 | 状态 | 建议 | 提出人 | 日期 |",
        "| --- | --- | --- | --- | --- | --- |",
        "| 书架 › 听书 | P1 | 已采纳 | 支持 \\| 倍速<br>与定时 | 林晓 | 2026-11-03 |",
        "| 书架 › 听书 | P0 | 已拒绝 | AI 朗读 |  | 2026-11-04 |",
    ]


def test_an_english_document_gets_english_values() -> None:
    doc = _doc("Reader", "Listen")
    doc.node("shelf").title = "Shelf"
    assert document_language(doc) == "en"
    text = prd_markdown(doc).decode("utf-8")
    assert "- **P1** · accepted — " in text
    assert "| Shelf › Listen | P1 |" in text


def test_the_default_markdown_keeps_ids_and_has_no_prd_table() -> None:
    doc = _doc()
    text = formats.dumps(doc, "md").decode("utf-8")
    # Issue 17: values in the document's language there too; it still reads back.
    assert "<!-- id: listen -->" in text and "· 已采纳 —" in text
    assert "优化建议汇总" not in text
    assert formats.dumps(formats.loads(text.encode(), "md"), "md").decode("utf-8") == text


def test_a_prd_reads_back_with_its_statuses() -> None:
    def shape(d):
        return [
            (n.title, n.status, [(s.priority, s.status, s.text) for s in n.suggestions])
            for n in d.iter_nodes()
        ]

    doc = formats.load(sample_path("zhihu"))
    assert shape(read_markdown(prd_markdown(doc))) == shape(doc)
    assert shape(read_markdown(prd_markdown(doc, "en"))) == shape(doc)  # "in progress"


def test_suggestions_as_csv_open_in_excel() -> None:
    rows = suggestion_rows(_doc().iter_suggestions(), "zh")
    data = suggestions_csv(rows, "zh")
    assert data.startswith("\ufeff".encode("utf-8"))  # Excel reads UTF-8 Chinese with a BOM
    table = list(csv.reader(io.StringIO(data.decode("utf-8-sig"))))
    assert table == [
        ["功能", "优先级", "状态", "建议", "提出人", "日期"],
        ["书架 › 听书", "P1", "已采纳", "支持 | 倍速\n与定时", "林晓", "2026-11-03"],
        ["书架 › 听书", "P0", "已拒绝", "AI 朗读", "", "2026-11-04"],
    ]
    assert suggestions_markdown([], "zh")[-1] == "暂无优化建议。"


def test_a_hand_written_line_with_a_dot_is_still_text() -> None:
    text = "# 书架\n\n> **优化建议**\n>\n> - **P1** · 这是文字 — 说明\n".encode()
    (suggestion,) = read_markdown(text).root.suggestions
    assert suggestion.text == "P1 · 这是文字 — 说明"


def test_our_prd_summary_reads_back_as_no_node_s_notes() -> None:
    # A PM exports the PRD and opens it again: the 优化建议汇总 table went into the notes
    # of the last node, with "not imported: 1 table".
    doc = formats.load(sample_path("zhihu"))
    last = list(doc.iter_nodes())[-1]
    for language in ("zh", "en"):
        back = read_markdown(prd_markdown(doc, language))
        assert list(back.iter_nodes())[-1].notes == last.notes, language
        assert all("优化建议汇总" not in (n.notes or "") for n in back.iter_nodes())
        assert all("| --- |" not in (n.notes or "") for n in back.iter_nodes())
        assert "table" not in back.not_imported, back.not_imported
        assert any("summary" in w for w in back.warnings), back.warnings


def test_a_users_own_table_under_a_node_is_still_its_notes() -> None:
    text = "# 读书\n\n## 书架\n\n| 列 | 值 |\n| --- | --- |\n| a | b |\n"
    back = read_markdown(text.encode("utf-8"))
    notes = back.node(list(back.iter_nodes())[-1].id).notes
    assert notes == "| 列 | 值 |\n| --- | --- |\n| a | b |"  # kept as written
    assert "table" not in back.not_imported
    assert back.warnings == []


def _reformatted_by_a_table_editor(text: str) -> str:
    """What Typora or a Markdown formatter makes of our summary: padded cells, aligned
    delimiter row, no outer pipes on the rows, the rule gone, a blank line at the end."""
    head, _, summary = text.rpartition("\n---\n\n")
    caption, _, table = summary.partition("\n\n")
    lines = table.rstrip("\n").split("\n")
    out = ["| 功能   | 优先级 | 状态 | 建议 | 提出人 | 日期 |", "|:-----|:---:|---|---|---|--:|"]
    out += [line.strip().strip("|") for line in lines[2:]]
    return head + "\n\n" + caption + "\n\n" + "\n".join(out) + "\n\n"


def test_our_prd_summary_reformatted_by_a_table_editor_still_reads_as_no_notes() -> None:
    doc = formats.load(sample_path("zhihu"))
    last = list(doc.iter_nodes())[-1]
    text = _reformatted_by_a_table_editor(prd_markdown(doc, "zh").decode("utf-8"))
    back = read_markdown(text.encode("utf-8"))
    assert list(back.iter_nodes())[-1].notes == last.notes
    assert all("优化建议汇总" not in (n.notes or "") for n in back.iter_nodes())
    assert "table" not in back.not_imported and "prd_summary_row" not in back.not_imported
    assert any("summary" in w for w in back.warnings), back.warnings


def test_a_row_edited_in_the_summary_is_named_not_dropped_silently() -> None:
    doc = formats.load(sample_path("zhihu"))
    text = prd_markdown(doc, "zh").decode("utf-8")
    head, _, summary = text.rpartition("\n---\n\n")
    edited = summary.replace("| P3 | 待评估 |", "| P1 | 已采纳 |", 1)
    assert edited != summary
    back = read_markdown((head + "\n---\n\n" + edited).encode("utf-8"))
    assert back.not_imported == {"prd_summary_row": 1}
    assert all("优化建议汇总" not in (n.notes or "") for n in back.iter_nodes())
    assert "1 row edited in the suggestions summary" in describe_not_imported(back.not_imported)


def test_text_after_the_summary_makes_it_the_users_own() -> None:
    doc = formats.load(sample_path("zhihu"))
    text = prd_markdown(doc, "zh").decode("utf-8") + "\n以上为评审结论。\n"
    back = read_markdown(text.encode("utf-8"))
    assert any("优化建议汇总" in n.notes and "以上为评审结论" in n.notes for n in back.iter_nodes())
    assert not any("summary" in w for w in back.warnings)


def test_a_suggestion_that_names_the_summary_does_not_hide_it() -> None:
    doc = _doc()
    node = doc.node("listen")
    suggestion = node.suggestions[0].model_copy(update={"text": "优化建议汇总 要按优先级排序"})
    doc.set_suggestions(node, (suggestion, *node.suggestions[1:]))
    back = read_markdown(prd_markdown(doc, "zh"))
    assert all("优化建议汇总" not in (n.notes or "") for n in back.iter_nodes())
    listen = next(n for n in back.iter_nodes() if n.title == "听书")
    assert listen.suggestions[0].text == "优化建议汇总 要按优先级排序"
    assert "prd_summary_row" not in back.not_imported


def test_a_document_without_a_title_of_its_own_gets_no_empty_info_table() -> None:
    # An empty meta.title means "the root's title" (an OPML or Markdown file read in):
    # the 文档信息 table must not be printed with an empty 文档标题 cell.
    from featuretree.model.annotations import DocumentMeta

    root = FeatureNode("会员中心", id="r")
    attach(FeatureNode("支付", id="a"), root)
    doc = Document(root, meta=DocumentMeta(title=""))
    text = prd_markdown(doc).decode("utf-8")
    assert "文档信息" not in text and "|  |" not in text
    assert formats.dumps(doc, "md").decode("utf-8").count("|") == 0
    doc.meta = DocumentMeta(title="", product="会员", author="张三")
    text = prd_markdown(doc).decode("utf-8")
    assert "> | 产品 | 作者 |\n> | --- | --- |\n> | 会员 | 张三 |" in text
    assert "文档标题" not in text


def test_a_prd_of_an_opml_outline_has_no_empty_info_table() -> None:
    data = b'<opml version="2.0"><head><title>App</title></head><body><outline text="App"/></body></opml>'
    text = prd_markdown(formats.loads(data, "opml")).decode("utf-8")
    assert "|" not in text


def _annotated() -> Document:
    from featuretree.model.annotations import Link

    doc = _doc()
    listen = doc.node("listen")
    listen.tags = ["音频", "会员"]
    listen.links = [Link(title="设计稿", url="https://example.com/listen")]
    first = listen.suggestions[0]
    listen.suggestions = (
        first.model_copy(update={"rationale": "用户反馈: 通勤时想听"}),
        *listen.suggestions[1:],
    )
    return doc


def test_a_chinese_prd_writes_full_width_colons_after_its_labels() -> None:
    """Chinese text takes ``：``: the PRD a PM hands on read ``理由: …`` and ``提出: …``."""
    lines = prd_markdown(_annotated()).decode("utf-8").splitlines()
    assert "> 状态：**新增** · 标签：`音频` `会员`" in lines
    assert "> 链接：[设计稿](<https://example.com/listen>)" in lines
    # (a colon inside the rationale is the user's text, kept as typed)
    assert ">   理由：用户反馈: 通勤时想听\\" in lines
    assert ">   提出：林晓 · 2026-11-03" in lines
    for label in ("状态:", "标签:", "链接:", "理由:", "提出:"):
        assert all(label not in line for line in lines), label


def test_an_english_prd_and_featuretrees_own_markdown_keep_the_ascii_colon() -> None:
    doc = _annotated()
    assert "  Rationale: 用户反馈: 通勤时想听\\" in prd_markdown(doc, "en").decode("utf-8")
    own = formats.dumps(doc, "md").decode("utf-8")  # saved again: the same bytes as before
    assert "> 状态: **新增** · 标签: `音频` `会员`" in own
    assert "  理由: 用户反馈: 通勤时想听\\" in own and "  提出: 林晓 · 2026-11-03" in own


def test_a_chinese_prd_reads_back_whole() -> None:
    doc = _annotated()
    read = read_markdown(prd_markdown(doc))
    (listen,) = [n for n in read.iter_nodes() if n.title == "听书"]
    assert listen.status is FeatureStatus.NEW and tuple(listen.tags) == ("音频", "会员")
    assert [(k.title, k.url) for k in listen.links] == [("设计稿", "https://example.com/listen")]
    first = listen.suggestions[0]
    assert (first.rationale, first.author, first.created) == (
        "用户反馈: 通勤时想听",
        "林晓",
        dt.date(2026, 11, 3),
    )


def test_labels_typed_with_either_colon_read_the_same() -> None:
    """Old files (``理由: ``) still read; a PM typing Chinese writes ``理由：`` (or ``理由： ``)."""

    def read(colon: str) -> tuple:
        text = (
            f"# 书架\n\n> 状态{colon}**新增** · 标签{colon}`音频`\n>\n"
            f"> 链接{colon}[稿](<https://e.com/a>)\n>\n> **优化建议**\n>\n"
            f"> - **P1** · 已采纳 — 倍速\\\n>   理由{colon}通勤\\\n>   提出{colon}林晓 · 2026-11-03\n"
        )
        root = read_markdown(text.encode()).root
        (s,) = root.suggestions
        links = [(k.title, k.url) for k in root.links]
        return root.status, tuple(root.tags), links, s.text, s.rationale, s.author, s.created

    expected = (
        FeatureStatus.NEW,
        ("音频",),
        [("稿", "https://e.com/a")],
        "倍速",
        "通勤",
        "林晓",
        dt.date(2026, 11, 3),
    )
    assert read(": ") == read("：") == read("： ") == expected
