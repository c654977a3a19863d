"""A new document is named by its root: renamed, the name follows everywhere.

A document made new (the start screen's "New document", or ``featuretree plan.json`` for
a file not there yet) copied its root's first title ("新产品", the file's name) into its
own title, which then stayed behind: after the root was renamed 仓储管理系统, the picture
exported for a slide, the HTML page and ``featuretree show`` still said "新产品" or "wms".
"""

from __future__ import annotations

from featuretree import formats
from featuretree.model import Document
from featuretree.operations import History, annotate


def _renamed(doc: Document, title: str) -> Document:
    History(doc).do(annotate.rename(doc, doc.root.id, title))
    return doc


def test_a_new_documents_title_follows_its_renamed_root() -> None:
    for first in ("新产品", "wms"):
        doc = _renamed(Document.new(first), "仓储管理系统 （WMS）")
        svg = formats.dumps(doc, "svg").decode("utf-8")
        html = formats.dumps(doc, "html").decode("utf-8")
        assert "仓储管理系统 （WMS）" in svg and f">{first}<" not in svg
        assert "<title>仓储管理系统 （WMS）</title>" in html
        # saved and opened again: still the root's name, not a stale copy
        again = formats.loads(formats.dumps(doc, "json"), "json")
        assert again.meta.title in ("", "仓储管理系统 （WMS）")
        again_svg = formats.dumps(_renamed(again, "云仓"), "svg").decode("utf-8")
        assert "仓储管理系统" not in again_svg


def test_a_title_given_in_the_document_info_stays() -> None:
    doc = Document.new("wms")
    History(doc).do(annotate.edit_meta(doc, title="WMS 功能结构图"))
    doc = _renamed(doc, "仓储管理系统")
    assert "WMS 功能结构图" in formats.dumps(doc, "svg").decode("utf-8")


def test_a_new_document_converted_to_xmind_and_back_differs_in_nothing() -> None:
    from featuretree.versions.diff import diff

    doc = _renamed(Document.new("新产品"), "仓储")
    for fmt in ("xmind", "mm", "opml", "md"):
        back = formats.loads(formats.dumps(doc, fmt), fmt)
        assert diff(doc, back).equal, (fmt, diff(doc, back).changes)
