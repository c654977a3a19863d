"""A colleague's OPML saved over itself comes back as it was read, but for the edits.

Saving a Workflowy export in place must not put featuretree's block into notes nobody
touched, drop head fields such as ``ownerEmail``, or keep a stale ``<title>`` after the
root is renamed.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from featuretree.formats import dumps, loads
from featuretree.formats.loss import losses
from featuretree.formats.registry import by_name
from featuretree.model import Suggestion

COLLEAGUE = """\
<?xml version="1.0"?>
<opml version="2.0">
  <head>
    <title>播放器</title>
    <ownerEmail>wang@example.com</ownerEmail>
    <dateCreated>Mon, 01 Jan 2024</dateCreated>
  </head>
  <body>
    <outline text="播放器">
      <outline text="&lt;b&gt;倍速&lt;/b&gt; 播放" _complete="true" _note="&lt;i&gt;必须&lt;/i&gt; 支持" />
      <outline text="字幕" _note="见 &lt;a href=&quot;https://example.com/字幕&quot;&gt;规范&lt;/a&gt;" />
      <outline text="弹幕" priority="高" />
    </outline>
  </body>
</opml>"""


def _saved(doc) -> str:
    return dumps(doc, "opml").decode("utf-8")


def test_an_untouched_file_is_written_back_byte_for_byte() -> None:
    doc = loads(COLLEAGUE.encode(), "opml")
    assert _saved(doc) == COLLEAGUE
    assert losses(doc, by_name("opml"), overwriting_source=True) == {}


def test_a_rename_changes_only_its_line_and_the_title_follows_the_root() -> None:
    doc = loads(COLLEAGUE.encode(), "opml")
    doc.root.title = "视频播放器"
    doc.root.kids[2].title = "弹幕 2.0"
    saved = _saved(doc)
    expected = (
        COLLEAGUE.replace("<title>播放器</title>", "<title>视频播放器</title>")
        .replace('<outline text="播放器">', '<outline text="视频播放器">')
        .replace('text="弹幕" priority="高"', 'text="弹幕 2.0" priority="高"')
    )
    assert saved == expected


def test_a_title_of_its_own_does_not_follow_the_root() -> None:
    doc = loads(
        COLLEAGUE.replace("<title>播放器</title>", "<title>Q3 规划</title>").encode(), "opml"
    )
    doc.root.title = "视频播放器"
    assert "<title>Q3 规划</title>" in _saved(doc)


def test_notes_nobody_touched_get_no_featuretree_block() -> None:
    doc = loads(COLLEAGUE.encode(), "opml")
    doc.root.kids[0].title = "倍速"  # an edit elsewhere on the same outline
    saved = _saved(doc)
    assert "featuretree" not in saved
    assert '_note="见 &lt;a href=&quot;https://example.com/字幕&quot;&gt;规范&lt;/a&gt;"' in saved
    assert 'text="倍速" _complete="true" _note="&lt;i&gt;必须&lt;/i&gt; 支持"' in saved


def test_a_suggestion_added_to_a_colleagues_note_goes_after_it() -> None:
    doc = loads(COLLEAGUE.encode(), "opml")
    node = doc.root.kids[1]
    node.suggestions = (Suggestion(id="s1", text="支持双语字幕", created=dt.date(2026, 1, 2)),)
    saved = _saved(doc)
    assert (
        '_note="见 &lt;a href=&quot;https://example.com/字幕&quot;&gt;规范&lt;/a&gt;&#10;&#10;'
        in saved
    )
    back = loads(saved.encode(), "opml")
    got = back.root.kids[1]
    assert got.notes == "见 规范"
    assert [s.text for s in got.suggestions] == ["支持双语字幕"]
    assert got.links == node.links
    assert losses(doc, by_name("opml")) == {}


def test_edited_notes_are_written_as_featuretree_writes_them() -> None:
    doc = loads(COLLEAGUE.encode(), "opml")
    doc.root.kids[0].notes = "必须支持 0.5 到 3 倍"
    saved = _saved(doc)
    assert (
        'text="&lt;b&gt;倍速&lt;/b&gt; 播放" _complete="true" _note="必须支持 0.5 到 3 倍"' in saved
    )
    assert loads(saved.encode(), "opml").root.kids[0].notes == "必须支持 0.5 到 3 倍"


def test_json_kept_beside_it_writes_the_same_opml() -> None:
    doc = loads(COLLEAGUE.encode(), "opml")
    back = loads(dumps(doc, "json"), "json")
    assert _saved(back) == COLLEAGUE


def test_workflowy_export_comes_back_as_it_was(shared_fixtures: Path) -> None:
    data = (shared_fixtures / "opml" / "workflowy-export.opml").read_bytes()
    doc = loads(data, "opml")
    assert dumps(doc, "opml") == data  # ownerEmail, HTML text and notes, no <title> added
    assert losses(doc, by_name("opml"), overwriting_source=True) == {}


def test_a_hand_edited_json_cannot_break_the_xml() -> None:
    doc = loads(COLLEAGUE.encode(), "opml")
    data = dumps(doc, "json").decode("utf-8").replace('"_complete"', '"x=\\" y"')
    data = data.replace('"ownerEmail"', '"a b"').replace('<?xml version=\\"1.0\\"?>', "<b>")
    back = loads(data.encode(), "json")
    written = dumps(back, "opml")
    again = loads(written, "opml")  # well formed
    assert [n.title for n in again.iter_nodes()] == [n.title for n in doc.iter_nodes()]
    assert b"a b" not in written and b'x=" y' not in written and b"<b>" not in written


def test_a_link_in_an_edited_note_is_still_a_link() -> None:
    # Workflowy keeps a note's link as <a href> in the HTML; editing the note writes it
    # as plain text, which used to drop the link (the save listed "1 link" as lost).
    url = "https://example.com/zm"
    data = COLLEAGUE.replace(
        "见 &lt;a href=&quot;https://example.com/字幕&quot;&gt;规范&lt;/a&gt;",
        f"&lt;a href=&quot;{url}&quot;&gt;{url}&lt;/a&gt;",  # pasted: the text is the URL
    )
    doc = loads(data.encode(), "opml")
    node = doc.root.kids[1]
    assert [(link.title, link.url) for link in node.links] == [("", url)]
    node.notes = f"{url}\n第 3 节：中英双语"
    assert losses(doc, by_name("opml"), overwriting_source=True) == {}
    back = loads(dumps(doc, "opml"), "opml").root.kids[1]
    assert back.notes == f"{url}\n第 3 节：中英双语"
    assert [(link.title, link.url) for link in back.links] == [("", url)]


def test_a_link_in_a_renamed_title_is_still_a_link() -> None:
    data = COLLEAGUE.replace(
        'text="弹幕"', 'text="&lt;a href=&quot;https://example.com/dm&quot;&gt;弹幕&lt;/a&gt;"'
    )
    doc = loads(data.encode(), "opml")
    doc.root.kids[2].title = "弹幕 2.0"
    assert losses(doc, by_name("opml"), overwriting_source=True) == {}
    back = loads(dumps(doc, "opml"), "opml").root.kids[2]
    assert back.title == "弹幕 2.0"
    assert [(link.title, link.url) for link in back.links] == [("弹幕", "https://example.com/dm")]


def test_workflowy_links_survive_editing_their_notes_and_titles(shared_fixtures: Path) -> None:
    data = (shared_fixtures / "opml" / "workflowy-export.opml").read_bytes()
    doc = loads(data, "opml")
    edited = {}
    for node in doc.iter_nodes():
        if node.links:
            if node.notes:
                node.notes += "\n补充：这个链接是 HN 首页"
            else:
                node.title += " 改"
            edited[node.title] = [(link.title, link.url) for link in node.links]
    assert len(edited) >= 6
    # The links stay links; the bold and italics around three of the notes and one
    # title (<b><i><a href=…>) go with their edit, and the save question says so.
    assert losses(doc, by_name("opml"), overwriting_source=True) == {
        "formatted_note": 3,
        "rich_text": 1,
    }
    back = loads(dumps(doc, "opml"), "opml")
    got = {n.title: [(link.title, link.url) for link in n.links] for n in back.iter_nodes()}
    assert {title: got[title] for title in edited} == edited
