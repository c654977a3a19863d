"""A file with no document title of its own: the document's title is its root's.

Markdown (a top heading, or markmap's front-matter title drawn as the root), FreeMind,
OPML without a ``<title>`` of its own and a Mermaid mindmap without a front-matter
title have no place for a title apart from the
root. Renaming the root and saving over a colleague's file must write nothing the file
did not have (no 文档信息 table holding the old title) and name nothing as lost; a title
set on purpose (a featuretree JSON's title that is not the root's, document info edited
by the user, a front-matter title over a heading) is kept as before. featuretree's own
round trips through these formats stay byte for byte the same.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from featuretree import formats
from featuretree.formats.loss import losses
from featuretree.model.annotations import DocumentMeta
from featuretree.model.document import Document
from featuretree.model.node import FeatureNode
from featuretree.model.tree import attach
from featuretree.operations import annotate
from featuretree.storage.recovery import document_diff

MARKDOWN = "# 会员中心\n\n## 积分\n\n- 签到\n- 兑换\n\n## 等级\n".encode()
MARKMAP = (
    "---\ntitle: 会员中心\nmarkmap:\n  colorFreezeLevel: 2\n---\n\n## 积分\n\n## 等级\n".encode()
)
FREEMIND = (
    '<map version="1.0.1">\n<node TEXT="会员中心">\n<node TEXT="积分"/>\n</node>\n</map>\n'.encode()
)
OPML = (
    '<?xml version="1.0" encoding="utf-8"?>\n<opml version="2.0">\n  <head/>\n  <body>\n'
    '    <outline text="会员中心">\n      <outline text="积分"/>\n    </outline>\n'
    "  </body>\n</opml>\n"
).encode()

MERMAID = "mindmap\n  root((会员中心))\n    积分\n".encode()

COLLEAGUES = {"md": MARKDOWN, "markmap": MARKMAP, "mm": FREEMIND, "opml": OPML, "mmd": MERMAID}


def _format(kind: str) -> str:
    return "md" if kind == "markmap" else kind


def _rename_root_and_save_over(path: Path) -> tuple[dict[str, int], str, Document]:
    """Open ``path``, rename its root as a user does, save over it: what the save
    question would name, the file written, and that file opened again."""
    doc = formats.load(path)
    annotate.rename(doc, doc.root.id, "用户中心").apply(doc)
    fmt = formats.by_name(path.suffix.lstrip("."))
    lost = losses(doc, fmt, overwriting_source=True)
    formats.save(doc, path)
    # An XMind archive is no text: its written form is only compared for the others.
    return lost, path.read_bytes().decode("utf-8", "replace"), formats.load(path)


@pytest.mark.parametrize("kind", sorted(COLLEAGUES))
def test_renamed_root_saved_over_a_colleagues_file_adds_and_names_nothing(
    tmp_path: Path, kind: str
) -> None:
    path = tmp_path / f"会员.{_format(kind)}"
    path.write_bytes(COLLEAGUES[kind])
    lost, written, back = _rename_root_and_save_over(path)
    assert lost == {}  # the save question names nothing ("the document info" was)
    assert "会员中心" not in written  # no stale title anywhere in their file
    assert "文档信息" not in written and "文档标题" not in written
    # The document's title is the root's, renamed with it.
    assert (back.meta.title or back.root.title) == back.root.title == "用户中心"


def test_markmap_front_title_follows_the_renamed_root(tmp_path: Path) -> None:
    path = tmp_path / "会员.md"
    path.write_bytes(MARKMAP)
    _, written, _ = _rename_root_and_save_over(path)
    # As read but the title: its options stay, no heading or table is added.
    assert written == MARKMAP.decode().replace("title: 会员中心", 'title: "用户中心"')


@pytest.mark.parametrize(
    ("folder", "name"),
    [("markdown", "markmap-example.md"), ("freemind", "mmm.mm"), ("mermaid", "test.mmd")],
)
def test_colleagues_real_files_renamed_root_names_nothing(
    shared_fixtures: Path, tmp_path: Path, folder: str, name: str
) -> None:
    path = tmp_path / name
    path.write_bytes((shared_fixtures / folder / name).read_bytes())
    lost, written, back = _rename_root_and_save_over(path)
    assert lost == {}
    assert "文档信息" not in written
    assert (back.meta.title or back.root.title) == "用户中心"


def _json_source(tmp_path: Path, title: str | None) -> Path:
    root = FeatureNode("需求", id="r")
    attach(FeatureNode("子", id="k"), root)
    doc = Document(root) if title is None else Document(root, meta=DocumentMeta(title=title))
    source = tmp_path / "x.json"
    formats.save(doc, source)
    return source


@pytest.mark.parametrize("fmt", ["md", "mm", "opml"])
def test_json_through_a_format_without_a_title_comes_back_the_same(
    tmp_path: Path, fmt: str
) -> None:
    # Opened from the .mm, .md or .opml and saved as JSON again: the same file, with the
    # root's title as the document's as before (not an empty one: a title change).
    source = _json_source(tmp_path, None)
    middle = tmp_path / f"x.{fmt}"
    formats.save(formats.load(source), middle)
    formats.save(formats.load(middle), tmp_path / "back.json")
    back = (tmp_path / "back.json").read_bytes()
    if fmt == "opml":
        # OPML keeps no ids and carries its head: the document info is what must match.
        assert json.loads(back)["meta"] == json.loads(source.read_bytes())["meta"]
    else:
        assert back == source.read_bytes()


@pytest.mark.parametrize("fmt", ["md", "mm", "opml"])
def test_title_follows_root_renamed_after_reading_then_saved_as_json(
    tmp_path: Path, fmt: str
) -> None:
    middle = tmp_path / f"x.{fmt}"
    formats.save(formats.load(_json_source(tmp_path, None)), middle)
    doc = formats.load(middle)
    annotate.rename(doc, doc.root.id, "新需求").apply(doc)
    formats.save(doc, tmp_path / "back.json")
    assert json.loads((tmp_path / "back.json").read_bytes())["meta"]["title"] == "新需求"


def test_explicit_json_title_kept_in_markdown_and_opml(tmp_path: Path) -> None:
    source = _json_source(tmp_path, "会员体系规划")
    for fmt in ("md", "opml"):
        target = tmp_path / f"x.{fmt}"
        formats.save(formats.load(source), target)
        assert "会员体系规划" in target.read_text(encoding="utf-8")
        back = formats.load(target)
        assert back.meta.title == "会员体系规划"
        annotate.rename(back, back.root.id, "新需求").apply(back)
        formats.save(back, target)
        assert formats.load(target).meta.title == "会员体系规划"


def test_explicit_title_freemind_cannot_hold_is_named(tmp_path: Path) -> None:
    # A .mm has no place for a title of its own: one set on purpose is still said.
    doc = formats.load(_json_source(tmp_path, "会员体系规划"))
    assert losses(doc, formats.by_name("mm")) == {"document_info": 1}


@pytest.mark.parametrize("kind", ["md", "mm"])
def test_document_info_title_edited_by_the_user_is_kept_or_named(tmp_path: Path, kind: str) -> None:
    path = tmp_path / f"会员.{kind}"
    path.write_bytes(COLLEAGUES[kind])
    doc = formats.load(path)
    annotate.edit_meta(doc, title="会员体系规划").apply(doc)
    fmt = formats.by_name(kind)
    if kind == "mm":
        assert losses(doc, fmt, overwriting_source=True) == {"document_info": 1}
        return
    assert losses(doc, fmt, overwriting_source=True) == {}
    formats.save(doc, path)
    assert "会员体系规划" in path.read_text(encoding="utf-8")
    assert formats.load(path).meta.title == "会员体系规划"


def test_front_matter_title_over_a_heading_is_kept_without_a_table(tmp_path: Path) -> None:
    # The front matter's title is the document's own (markmap draws the heading as the
    # root): saved as read, renamed root or not, never repeated in a 文档信息 table.
    data = "---\ntitle: 会员体系规划\n---\n\n# 会员中心\n\n## 积分\n".encode()
    path = tmp_path / "会员.md"
    path.write_bytes(data)
    doc = formats.load(path)
    assert doc.meta.title == "会员体系规划"
    assert formats.dumps(doc, "md") == data
    lost, written, back = _rename_root_and_save_over(path)
    assert lost == {}
    assert written == data.decode().replace("# 会员中心", "# 用户中心")
    assert back.meta.title == "会员体系规划"


def test_xmind_sheet_named_as_its_root_follows_the_renamed_root(tmp_path: Path) -> None:
    # A sheet named as its central topic (as featuretree names it for a document titled
    # by its root): renamed, the sheet's name follows instead of keeping the old one.
    path = tmp_path / "x.xmind"
    formats.save(formats.load(_json_source(tmp_path, None)), path)
    lost, _, back = _rename_root_and_save_over(path)
    assert lost == {}
    assert (back.meta.title or back.root.title) == "用户中心"


def test_xmind_sheet_with_its_own_name_keeps_it(tmp_path: Path) -> None:
    path = tmp_path / "x.xmind"
    formats.save(formats.load(_json_source(tmp_path, "会员体系规划")), path)
    lost, _, back = _rename_root_and_save_over(path)
    assert lost == {}
    assert (back.meta.title, back.root.title) == ("会员体系规划", "用户中心")


def test_xmind_several_sheets_renamed_root_names_nothing(
    shared_fixtures: Path, tmp_path: Path
) -> None:
    # Several sheets go under a root named after the file: renamed, no "document info"
    # is said to be lost (the archive has no name for the whole).
    path = tmp_path / "xmind_zen.xmind"
    path.write_bytes((shared_fixtures / "xmind" / "xmind_zen.xmind").read_bytes())
    doc = formats.load(path)
    annotate.rename(doc, doc.root.id, "用户中心").apply(doc)
    assert "document_info" not in losses(doc, formats.by_name("xmind"), overwriting_source=True)


@pytest.mark.parametrize(
    "data",
    [
        MARKDOWN,
        FREEMIND,
        # A front-matter title that happens to be the heading's: the file's own, but its
        # JSON copy (the recovery file) reads it back as the root's.
        "---\ntitle: 会员中心\n---\n\n# 会员中心\n\n## 积分\n".encode(),
    ],
    ids=["markdown", "freemind", "front-title-is-heading"],
)
def test_recovery_copy_of_a_colleagues_file_says_no_document_info_changed(
    tmp_path: Path, data: bytes
) -> None:
    # The autosaved copy is featuretree JSON: compared with the file it was opened from,
    # only the renamed node is a change, not "document info" (an empty title and the
    # root's are the same one).
    path = tmp_path / ("会员.mm" if data.startswith(b"<map") else "会员.md")
    path.write_bytes(data)
    doc = formats.load(path)
    annotate.rename(doc, doc.root.kids[0].id, "积分商城").apply(doc)
    copy = formats.loads(formats.dumps(doc, "json"), "json")
    counts = document_diff(formats.load(path), copy).counts
    assert (counts.changed, counts.meta_changed) == (1, False)
