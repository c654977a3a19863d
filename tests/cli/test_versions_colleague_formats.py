"""diff and merge with a colleague's file in a format that has no place for the document's
information or its revision history (XMind, FreeMind): their absence is not an edit."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from featuretree import formats
from featuretree.operations import History
from featuretree.operations import annotate as an

SAMPLE = Path(__file__).resolve().parents[2] / "samples" / "zhihu.json"


def _edited(path: Path, fmt: str, *commands) -> Path:
    doc = formats.load(SAMPLE)
    history = History(doc)
    for make in commands:
        history.do(make(doc))
    path.write_bytes(formats.dumps(doc, fmt))
    return path


@pytest.mark.parametrize("fmt", ["xmind", "mm"])
def test_merging_a_colleagues_map_keeps_the_document_info_and_revisions(
    run, tmp_path: Path, fmt: str
) -> None:
    base = formats.load(SAMPLE)
    assert base.meta.product and base.meta.author and len(base.revisions) == 4
    ours = _edited(tmp_path / "ours.json", "json", lambda d: an.set_notes(d, d.root.id, "我方"))
    theirs = _edited(
        tmp_path / f"theirs.{fmt}", fmt, lambda d: an.rename(d, d.root.kids[0].id, "主页")
    )
    out = tmp_path / "合并 结果.json"
    status, _out, err = run("merge", SAMPLE, ours, theirs, "-o", out)
    assert status == 0, err
    merged = formats.load(out)
    assert merged.root.kids[0].title == "主页" and merged.root.notes == "我方"
    assert merged.meta == base.meta
    assert merged.revisions == base.revisions


@pytest.mark.parametrize("fmt", ["xmind", "mm"])
def test_a_colleagues_map_is_diffed_without_removing_what_it_cannot_hold(
    run, tmp_path: Path, fmt: str
) -> None:
    theirs = _edited(
        tmp_path / f"theirs.{fmt}", fmt, lambda d: an.rename(d, d.root.kids[0].id, "主页")
    )
    status, out, _err = run("diff", SAMPLE, theirs, "--format", "json")
    assert status == 1
    kinds = [change["kind"] for change in json.loads(out)["changes"]]
    assert kinds == ["renamed"]


def test_what_opml_holds_is_still_compared(run, tmp_path: Path) -> None:
    theirs = _edited(tmp_path / "theirs.opml", "opml")
    theirs.write_text(
        theirs.read_text(encoding="utf-8").replace("<title>", "<title>新 "), encoding="utf-8"
    )
    status, out, _err = run("diff", SAMPLE, theirs)
    assert status == 1
    assert "标题：知乎 App 功能结构图 → 新 " in out  # OPML keeps the title: an edit
    assert "版本记录" not in out  # but not the revisions: not removed


@pytest.mark.parametrize(("fmt", "label"), [("opml", "OPML outline"), ("mermaid", "Mermaid")])
def test_merging_a_file_without_ids_says_why_it_cannot(
    run, tmp_path: Path, fmt: str, label: str
) -> None:
    ours = _edited(tmp_path / "ours.json", "json", lambda d: an.set_notes(d, d.root.id, "我方"))
    theirs = _edited(tmp_path / f"小李 的.{fmt}", fmt)
    out = tmp_path / "out.json"
    status, stdout, err = run("merge", SAMPLE, ours, theirs, "-o", out)
    assert status == 2 and stdout == "" and not out.exists()
    assert err.startswith(f"featuretree merge: {theirs} is {label}")
    assert "keeps no node ids" in err and "roots are not the same node" not in err
