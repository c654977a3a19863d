"""The file name offered for a document never saved keeps its title as typed."""

from __future__ import annotations

import pytest

from featuretree.model.document import Document
from featuretree.session.names import export_stem, suggest_name


@pytest.mark.parametrize(
    ("title", "name"),
    [
        ("仓储管理系统 (WMS)", "仓储管理系统 (WMS).json"),  # was 仓储管理系统-WMS-.json
        ("知乎 App（2026 版）", "知乎 App（2026 版）.json"),
        ("v1.2 会员-中心", "v1.2 会员-中心.json"),
        ("订单/退款: 流程?", "订单-退款- 流程.json"),
        ('a <*> "b" | c\\d', "a - -b- - c-d.json"),
        ("a//b", "a-b.json"),
        ("  .隐藏.  ", "隐藏.json"),
        ("a\tb\nc", "a b c.json"),
        ("???", "featuretree.json"),
        ("CON", "CON-.json"),
    ],
)
def test_the_suggested_name_keeps_what_a_file_name_can_hold(title: str, name: str) -> None:
    assert suggest_name(Document.new(title)) == name


def test_an_export_of_a_document_without_a_file_is_offered_under_its_title() -> None:
    doc = Document.new("仓储管理系统 (WMS)")
    doc.meta = doc.meta.model_copy(update={"title": ""})  # as an OPML read in leaves it
    assert export_stem(doc, None) == "仓储管理系统 (WMS)"
