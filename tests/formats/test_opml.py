"""OPML: real Workflowy export, encodings, annotations through _note, hostile XML."""

from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from featuretree import formats
from featuretree.formats import FormatError
from featuretree.model.annotations import (
    ChangeEntry,
    FeatureStatus,
    Priority,
    Suggestion,
    SuggestionStatus,
)
from featuretree.model.document import Document
from featuretree.model.node import FeatureNode
from featuretree.model.text import clean_line, clean_text
from featuretree.model.tree import attach, preorder_with_depth


def outline(doc: Document) -> list[tuple[int, str]]:
    return [(depth, node.title) for node, depth in preorder_with_depth(doc.root)]


def chain(depth: int) -> Document:
    root = FeatureNode("level 0", id="n0")
    node = root
    for i in range(1, depth):
        child = FeatureNode(f"level {i}", id=f"n{i}")
        attach(child, node)
        node = child
    return Document(root)


# -- the real Workflowy export ----------------------------------------------------------


def test_workflowy_export_reads_as_plain_text(shared_fixtures):
    doc = formats.load(shared_fixtures / "opml" / "workflowy-export.opml")
    titles = outline(doc)
    assert len(titles) == 17
    assert titles[0] == (0, "Testing wfy2org")
    # HTML inside text (<b>, <i>, <u>, <time>, <a>) reduced to the words Workflowy shows.
    assert (1, "testing all the emphasis") in titles
    assert (3, "bold") in titles
    assert (1, "Tested Sun, Jan 10, 2021 at 3:30pm") in titles
    assert (2, "Fri, Jan 15, 2021") in titles
    assert (1, "Regex info") in titles
    assert (6, "Go!!") in titles  # the deepest outline keeps its place
    by_title = {node.title: node for node in doc.iter_nodes()}
    assert by_title["We"].notes == "Underlined, bold, and italic link"
    assert by_title["Go!!"].notes == "Another embedded link"
    # Line breaks encoded as &#10; inside the note survive.
    assert by_title["Multiple links on newlines in a note separated by commas"].notes == (
        "https://news.ycombinator.com/,\nhttps://news.ycombinator.com/,\nhttps://news.ycombinator.com/"
    )
    assert by_title["Multiple links in a headline"].notes == "Multiple links in a note"
    assert all("<" not in title for _, title in titles)
    assert doc.warnings == []


# -- encodings, structure ---------------------------------------------------------------


def test_iso_8859_1_declared_encoding_is_honoured():
    data = (
        '<?xml version="1.0" encoding="ISO-8859-1"?>\n'
        '<opml version="1.0"><head><title>Café</title></head><body>'
        '<outline text="Crème brûlée" _note="Très bon"><outline text="Ça va, Zoë?"/></outline>'
        "</body></opml>"
    ).encode("iso-8859-1")
    doc = formats.loads(data, "opml")
    assert outline(doc) == [(0, "Crème brûlée"), (1, "Ça va, Zoë?")]
    assert doc.root.notes == "Très bon"
    assert doc.meta.title == "Café"


def test_gbk_declared_encoding_is_honoured():
    data = (
        '<?xml version="1.0" encoding="GBK"?>\n'
        '<opml version="2.0"><head/><body><outline text="知乎"><outline text="首页 &amp; 搜索"/>'
        "</outline></body></opml>"
    ).encode("gbk")
    assert outline(formats.loads(data, "opml")) == [(0, "知乎"), (1, "首页 & 搜索")]


def test_several_top_level_outlines_go_under_a_root_named_from_the_head():
    data = (
        b'<opml version="2.0"><head><title>My list</title></head><body>'
        b'<outline text="one"/><outline title="two"/></body></opml>'
    )
    assert outline(formats.loads(data, "opml")) == [(0, "My list"), (1, "one"), (1, "two")]


def test_plain_text_from_other_tools_is_not_taken_for_html():
    data = b'<opml version="2.0"><body><outline text="a &lt; b and AT&amp;T"/></body></opml>'
    assert formats.loads(data, "opml").root.title == "a < b and AT&T"


def test_tag_shaped_words_are_titles_not_markup(tmp_path):
    """Issue 11 #12: "<head>" and "<title>x</title>" imported as "(untitled)"."""
    path = tmp_path / "产品.opml"
    path.write_text(
        '<?xml version="1.0" encoding="UTF-8"?>\n'
        '<opml version="2.0"><head><title>产品</title></head><body>'
        '<outline text="播放器">'
        '<outline text="&lt;head&gt;"/>'
        '<outline text="&lt;title&gt;x&lt;/title&gt;" _note="&lt;video&gt; 标签"/>'
        '<outline text="支持 &lt;video&gt; 标签播放"/>'
        '<outline text="&lt;b&gt;加粗&lt;/b&gt; &lt;span class=&quot;c&quot;&gt;标题&lt;/span&gt;"/>'
        "</outline></body></opml>",
        encoding="utf-8",
    )
    doc = formats.load(path)
    assert outline(doc) == [
        (0, "播放器"),
        (1, "<head>"),
        (1, "<title>x</title>"),
        (1, "支持 <video> 标签播放"),
        (1, "加粗 标题"),
    ]
    assert doc.root.kids[1].notes == "<video> 标签"


def test_control_characters_are_stripped_on_import():
    data = b'<opml version="2.0"><body><outline text="x&#27;[31my" _note="n&#7;o"/></body></opml>'
    # &#27; is not even allowed in XML 1.0, so the parser refuses it; a raw ESC too.
    with pytest.raises(FormatError):
        formats.loads(data, "opml")
    data = '<opml version="2.0"><body><outline text="red\u009b31m" _note="n\u0085o"/></body></opml>'
    doc = formats.loads(data.encode(), "opml")
    assert doc.root.title == "red31m"
    assert doc.root.notes == "no"


# -- writing ----------------------------------------------------------------------------


def annotated_doc() -> Document:
    root = FeatureNode(
        '产品 <App> & "引号"', id="root", notes="第一行\n第二行\t缩进", tags=["核心", "a,b"]
    )
    child = FeatureNode(
        "搜索",
        id="kid",
        status=FeatureStatus.CHANGED,
        changelog=[
            ChangeEntry(
                date=dt.date(2024, 3, 1), summary="重做结果页", version="v2.1", author="张三"
            )
        ],
        suggestions=[
            Suggestion(
                id="s1",
                text="增加搜索历史",
                rationale="用户经常重复搜索",
                priority=Priority.P1,
                status=SuggestionStatus.ACCEPTED,
                author="李四",
                created=dt.date(2024, 3, 2),
            )
        ],
    )
    attach(child, root)
    attach(FeatureNode("废弃功能", id="old", status=FeatureStatus.DEPRECATED), child)
    return Document(root)


def test_write_read_keeps_notes_tags_status_and_annotations():
    doc = annotated_doc()
    data = formats.dumps(doc, "opml")
    back = formats.loads(data, "opml")
    assert outline(back) == outline(doc)
    for original, copy in zip(doc.iter_nodes(), back.iter_nodes()):
        assert copy.notes == original.notes
        assert copy.tags == original.tags
        assert copy.status == original.status
        assert copy.changelog == original.changelog
        assert copy.suggestions == original.suggestions
    assert back.warnings == []


def test_written_opml_shows_annotations_in_the_note():
    text = formats.dumps(annotated_doc(), "opml").decode("utf-8")
    assert text.startswith('<?xml version="1.0" encoding="UTF-8"?>\n<opml version="2.0">')
    # A Workflowy or 幕布 user sees the change log and suggestions in the note.
    assert "重做结果页" in text and "增加搜索历史" in text and "状态：changed" in text
    # Titles are HTML for Workflowy: markup characters escaped for HTML, then for XML.
    assert 'text="产品 &amp;lt;App&amp;gt; &amp;amp; &quot;引号&quot;"' in text
    assert "&#10;" in text  # line breaks in notes survive attribute normalisation


def test_deep_tree_round_trips_without_recursion():
    doc = chain(5000)
    back = formats.loads(formats.dumps(doc, "opml"), "opml")
    assert len(back) == 5000
    deepest = list(preorder_with_depth(back.root))[-1]
    assert deepest == (deepest[0], 4999) and deepest[0].title == "level 4999"


def test_very_deep_input_reads():
    depth = 100_000
    data = (
        b'<opml version="2.0"><body>'
        + b'<outline text="x">' * depth
        + b"</outline>" * depth
        + b"</body></opml>"
    )
    assert len(formats.loads(data, "opml")) == depth


# -- broken and hostile input -----------------------------------------------------------


@pytest.mark.parametrize(
    ("data", "expected"),
    [
        (b'<opml version="2.0"><body><outline text="a">', "line 1"),
        (b'<opml version="2.0"><body><outline text="a"/></bod></opml>', "line 1, column"),
        (b'<?xml version="1.0"?>\n<html><body/></html>', "not an OPML file"),
        (b'<opml version="2.0"><head/></opml>', "no <body>"),
        (b"", "invalid XML"),
        (b'<opml version="2.0"><body><outline text="\xff\xfe"/></body></opml>', "invalid XML"),
        (b'<?xml version="1.0" encoding="klingon"?><opml/>', "unknown text encoding"),
        (
            b'<?xml version="1.0" encoding="GBK"?><opml><body><outline text="\x80"/></body></opml>',
            "not valid GBK",
        ),
    ],
)
def test_broken_files_give_one_clear_error(data, expected):
    with pytest.raises(FormatError) as info:
        formats.loads(data, "opml", source="broken.opml")
    message = str(info.value)
    assert message.startswith("broken.opml: ")
    assert expected in message
    assert "\n" not in message


def test_entity_bomb_is_refused():
    data = (
        b'<?xml version="1.0"?>\n<!DOCTYPE opml [\n<!ENTITY a "aaaaaaaaaa">\n'
        b'<!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;">\n<!ENTITY c "&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;">\n]>\n'
        b'<opml version="2.0"><body><outline text="&c;"/></body></opml>'
    )
    with pytest.raises(FormatError, match="entities"):
        formats.loads(data, "opml")


def test_external_entity_is_refused(tmp_path):
    secret = tmp_path / "secret.txt"
    secret.write_text("top secret")
    data = (
        f'<?xml version="1.0"?>\n<!DOCTYPE opml [<!ENTITY x SYSTEM "file://{secret}">]>\n'
        '<opml version="2.0"><body><outline text="&x;"/></body></opml>'
    ).encode()
    with pytest.raises(FormatError) as info:
        formats.loads(data, "opml")
    assert "top secret" not in str(info.value)


def test_opml_is_found_by_extension(tmp_path):
    path = tmp_path / "out.opml"
    formats.save(annotated_doc(), path)
    assert outline(formats.load(path)) == outline(annotated_doc())


@settings(max_examples=200, deadline=None)
@given(data=st.data())
def test_damaged_files_read_or_fail_cleanly(data):
    original = formats.dumps(annotated_doc(), "opml")
    cut = data.draw(st.integers(0, len(original)))
    damaged = bytearray(original[:cut])
    for _ in range(data.draw(st.integers(0, 3))):
        if damaged:
            damaged[data.draw(st.integers(0, len(damaged) - 1))] = data.draw(st.integers(0, 255))
    try:
        formats.loads(bytes(damaged), "opml")
    except FormatError:
        pass


_NOTE_TEXT = (
    st.text("备注功能 ab<>&\"'#;:-*|`\n\t", max_size=40)
    .map(clean_text)
    .map(lambda t: t.strip("\n"))
)


@settings(max_examples=60, deadline=None)
@given(
    notes=st.lists(_NOTE_TEXT, min_size=1, max_size=5),
    tags=st.lists(
        st.text('标签a,<&" ', min_size=1, max_size=6).map(clean_line).filter(bool),
        max_size=3,
        unique=True,
    ),
)
def test_notes_and_tags_survive_exactly(notes, tags):
    root = FeatureNode("root", id="r", notes=notes[0], tags=tags)
    for i, note in enumerate(notes[1:]):
        attach(FeatureNode(f"n{i}", id=f"n{i}", notes=note), root)
    doc = Document(root)
    back = formats.loads(formats.dumps(doc, "opml"), "opml")
    assert [(n.notes, n.tags) for n in back.iter_nodes()] == [
        (n.notes, n.tags) for n in doc.iter_nodes()
    ]


def test_outlines_wrapped_in_other_elements_keep_their_nearest_outline_parent():
    data = (
        b'<opml version="2.0"><body><outline text="a"><group><outline text="b"><x><y>'
        b'<outline text="c"/></y></x></outline></group></outline></body></opml>'
    )
    assert outline(formats.loads(data, "opml")) == [(0, "a"), (1, "b"), (2, "c")]
