"""Issue 17, item 15: Markdown labels and values in the document's language.

An English document reads ``Status: **new**`` and ``**Change log**``; a Chinese one
``状态: **新增**`` and ``**修改记录**``; both read back exactly.
"""

from __future__ import annotations

import datetime as dt

import pytest

from featuretree.formats import dumps, loads
from featuretree.formats.language import document_language
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
from featuretree.model.tree import attach

CHINESE_LABELS = (
    "状态",
    "标签",
    "修改记录",
    "优化建议",
    "理由",
    "提出",
    "链接",
    "文档信息",
    "版本修订记录",
    "| 版本 |",
)


def _doc(root_title: str, feature_title: str) -> Document:
    root = FeatureNode(root_title, id="root0001")
    doc = Document(
        root,
        meta=DocumentMeta(
            title=root_title,
            product="Reader",
            platform="iOS",
            author="Lin",
            created=dt.date(2026, 1, 2),
        ),
        revisions=[
            Revision(version="v1.0", date=dt.date(2026, 10, 1), author="Lin", summary="first")
        ],
    )
    area = FeatureNode("Shelf", id="area0001")
    feature = FeatureNode(
        feature_title,
        id="feat0001",
        notes="Plays at 1.5x",
        tags=("audio",),
        status=FeatureStatus.NEW,
        links=(Link(title="PRD", url="https://example.com/prd"),),
        changelog=[
            ChangeEntry(version="2.0", date=dt.date(2026, 3, 1), author="Chen", summary="added")
        ],
        suggestions=[
            Suggestion(
                id="sugg0001",
                text="Sleep timer",
                rationale="asked for in reviews",
                priority=Priority.P1,
                status=SuggestionStatus.IN_PROGRESS,
                author="Zhou",
                created=dt.date(2026, 10, 8),
            )
        ],
    )
    leaf = FeatureNode("Speed", id="leaf0001", status=FeatureStatus.CHANGED, notes="0.5x to 3x")
    attach(area, root)
    attach(feature, area)
    attach(leaf, feature)
    deeper = FeatureNode("Presets", id="deep0001", tags=("ui",))
    attach(deeper, leaf)
    doc.register(root)
    return doc


def test_an_english_document_is_written_with_english_labels_and_values() -> None:
    doc = _doc("Reader", "Listen")
    assert document_language(doc) == "en"
    text = dumps(doc, "md").decode("utf-8")
    for expected in (
        "> **Document info**",
        "> | Product | Platform | Author | Created |",
        "> **Revision history**",
        "> | Version | Date | Author | Summary |",
        "> Status: **new** · Tags: `audio`",
        "> Links: [PRD](<https://example.com/prd>)",
        "> **Change log**",
        "> **Suggestions**",
        "> - **P1** · in progress — Sleep timer<!-- id: sugg0001 -->\\",
        ">   Rationale: asked for in reviews\\",
        ">   Proposed by: Zhou · 2026-10-08",
        "  > Status: **changed**",  # a list item's quote too
        "    > Tags: `ui`",
    ):
        assert expected in text.splitlines(), expected
    assert not [label for label in CHINESE_LABELS if label in text]


def test_a_chinese_document_is_written_with_chinese_labels_and_values() -> None:
    doc = _doc("微信读书", "听书")
    assert document_language(doc) == "zh"
    lines = dumps(doc, "md").decode("utf-8").splitlines()
    for expected in (
        "> **文档信息**",
        "> | 产品 | 平台 | 作者 | 创建日期 |",
        "> **版本修订记录**",
        "> 状态: **新增** · 标签: `audio`",
        "> 链接: [PRD](<https://example.com/prd>)",
        "> **修改记录**",
        "> | 版本 | 日期 | 作者 | 说明 |",
        "> **优化建议**",
        "> - **P1** · 进行中 — Sleep timer<!-- id: sugg0001 -->\\",
        ">   理由: asked for in reviews\\",
        ">   提出: Zhou · 2026-10-08",
        "  > 状态: **修改**",
    ):
        assert expected in lines, expected


@pytest.mark.parametrize("titles", [("Reader", "Listen"), ("微信读书", "听书")])
def test_either_language_reads_back_exactly(titles: tuple[str, str]) -> None:
    doc = _doc(*titles)
    back = loads(dumps(doc, "md"), "md")
    assert dumps(back, "json") == dumps(doc, "json")
    assert not back.warnings
    assert dumps(back, "md") == dumps(doc, "md")  # same document, same bytes


def test_english_labels_typed_into_a_chinese_file_are_read_too() -> None:
    """The reader knows every label by meaning, whatever language the file mixes."""
    text = (
        "# 微信读书\n\n"
        "> Status: **new** · 标签: `a`\n>\n"
        "> **Change log**\n>\n> | version | 日期 | Author | summary |\n> | --- | --- | --- | --- |\n"
        "> | 1.0 | 2026-01-01 | 林 | 上线 |\n"
    )
    doc = loads(text.encode("utf-8"), "md")
    root = doc.root
    assert root.status is FeatureStatus.NEW and root.tags == ("a",)
    assert [(c.version, c.author, c.summary) for c in root.changelog] == [("1.0", "林", "上线")]
    assert root.notes == ""


def test_the_language_is_guessed_from_the_titles() -> None:
    assert document_language(_doc("Reader", "Listen")) == "en"
    assert document_language(_doc("Reader", "听书")) == "zh"  # one Chinese title: a Chinese team
