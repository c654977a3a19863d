"""session.disk_merge: the editor's document merged with its file as it is on disk now."""

from __future__ import annotations

from pathlib import Path

import pytest

from featuretree import formats
from featuretree.formats.json_format import document_from_data
from featuretree.model import Document
from featuretree.operations import annotate
from featuretree.operations import structure as ops
from featuretree.session.disk_merge import MergeRefused, changed_nodes, merge_with_disk
from featuretree.session.snapshot import Snapshot


def _doc() -> Document:
    return document_from_data(
        {
            "title": "app",
            "id": "app",
            "children": [
                {"title": "a", "id": "a", "children": [{"title": "a1", "id": "a1"}]},
                {"title": "b", "id": "b"},
            ],
        }
    )


def _copy(doc: Document) -> Document:
    return Snapshot.of(doc).document()


def test_changed_nodes_counts_what_they_did():
    base = _doc()
    theirs = _copy(base)
    annotate.rename(theirs, "b", "B").apply(theirs)
    ops.add_child(theirs, "a", "new").apply(theirs)
    ops.delete(theirs, "a1").apply(theirs)
    changed = changed_nodes(base, theirs)
    assert {"b", "a1"} <= changed and len(changed) == 3  # renamed, removed, added
    assert changed_nodes(base, _copy(base)) == set()
    reordered = _copy(base)
    ops.move_up(reordered, "b").apply(reordered)
    assert changed_nodes(base, reordered) == {"app"}  # its children's order


def test_a_document_information_conflict_is_said_not_lost(tmp_path: Path):
    path = tmp_path / "app.json"
    base = _doc()
    theirs = _copy(base)
    annotate.edit_meta(theirs, author="李四").apply(theirs)
    formats.save(theirs, path)
    ours = _copy(base)
    annotate.edit_meta(ours, author="张三").apply(ours)
    merged = merge_with_disk(base, ours, path)
    assert merged.document.meta.author == "张三"
    assert merged.meta_conflicts == ["author"] and merged.conflicts == 0


@pytest.mark.parametrize(
    ("name", "content", "said"),
    [
        ("app.json", b"<<<<<<< HEAD\n", "Cannot merge with the file on disk"),
        ("app.json", None, "is no longer on disk"),
        ("app.mmd", b"mindmap\n  app\n", "only a featuretree JSON file"),
        ("app.json", b"", "another document"),
    ],
    ids=["unreadable", "gone", "no ids", "unrelated"],
)
def test_what_cannot_be_merged_says_why(tmp_path: Path, name, content, said):
    path = tmp_path / name
    if content == b"":  # another product's file
        formats.save(document_from_data({"title": "x", "id": "x"}), path)
    elif content is not None:
        path.write_bytes(content)
    with pytest.raises(MergeRefused, match=said):
        merge_with_disk(_doc(), _doc(), path)


def test_no_base_is_refused(tmp_path: Path):
    path = tmp_path / "app.json"
    formats.save(_doc(), path)
    with pytest.raises(MergeRefused, match="not known"):
        merge_with_disk(None, _doc(), path)
