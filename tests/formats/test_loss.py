"""What writing a format loses is found by writing it and reading it back (issue 17)."""

from __future__ import annotations

import pytest

from featuretree import formats
from featuretree.formats.loss import describe_losses, losses
from featuretree.i18n import current_language, set_language
from featuretree.model.annotations import ChangeEntry, Link, Suggestion
from featuretree.model.document import Document
from featuretree.model.node import FeatureNode
from featuretree.model.tree import attach
from featuretree.samples_catalog import sample_path


@pytest.fixture(autouse=True)
def english():
    """The lists below are in English unless a test says otherwise."""
    before = current_language()
    set_language("en")
    yield
    set_language(before)


def _annotated() -> Document:
    root = FeatureNode("产品", id="root")
    page = FeatureNode(
        "首页",
        id="home",
        notes="首页说明",
        changelog=[ChangeEntry(summary="重做首页")],
        suggestions=[Suggestion(id="s1", text="增加搜索历史")],
        links=[Link(title="PRD", url="https://example.com/prd")],
    )
    attach(page, root)
    return Document(root)


def test_json_loses_nothing():
    assert losses(_annotated(), formats.by_name("json")) == {}


def test_formats_with_a_notes_block_keep_change_logs_and_suggestions():
    doc = _annotated()
    for name in ("mm", "xmind", "opml", "md"):
        assert losses(doc, formats.by_name(name)) == {}, name


def test_mermaid_loses_the_annotations_and_says_so():
    lost = losses(_annotated(), formats.by_name("mermaid"))
    assert lost["changelog"] == 1 and lost["suggestion"] == 1 and lost["link"] == 1
    assert "1 change-log entry" in describe_losses(lost)
    assert "1 suggestion" in describe_losses(lost)


def test_plantuml_cannot_be_read_back_its_missing_annotations_are_counted():
    lost = losses(_annotated(), formats.by_name("plantuml"))
    assert lost == {"changelog": 1, "suggestion": 1}


def test_the_zhihu_sample_round_trips_through_markdown():
    assert losses(formats.load(sample_path("zhihu")), formats.by_name("md")) == {}


def test_what_the_file_held_and_was_not_read_is_lost_only_when_writing_over_it():
    doc = formats.loads(
        b'<map><node TEXT="A" COLOR="#ff0000"><node TEXT="B" FOLDED="true">'
        b'<node TEXT="C"/><arrowlink DESTINATION="x"/></node></node></map>',
        "mm",
    )
    fmt = formats.by_name("mm")
    assert losses(doc, fmt) == {}
    lost = losses(doc, fmt, overwriting_source=True)
    # The colour and the fold are written back (Document.carried); an arrow to no node is not.
    assert lost == {"arrow_link": 1}
    assert describe_losses(lost) == "1 arrow link"


def test_the_list_is_in_the_ui_language():
    set_language("zh")
    text = describe_losses({"changelog": 3, "suggestion": 2})
    assert text == "3 条修改记录、2 条优化建议"
